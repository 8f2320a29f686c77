//! The fast HTML path (report region only, slimmed table markup) must give exactly what parsing
//! every page whole gives: on the samples, the real corpus, whole generated portal pages and
//! Word-export pages.

use ogi::internals::{generate_one, HtmlPath, Profile};
use ogi::{Extraction, Extractor, Format};
use std::path::Path;

fn both(bytes: &[u8]) -> (Extraction, Extraction) {
    let run = |path| Extractor::new().html_path(path).extract(bytes, None);
    (run(HtmlPath::Region), run(HtmlPath::Whole))
}

/// Compares the two paths on one document; returns whether it was HTML.
fn assert_same(name: &str, bytes: &[u8]) -> bool {
    let (fast, whole) = both(bytes);
    assert_eq!(fast.status, whole.status, "{name}: status");
    assert_eq!(fast.reason, whole.reason, "{name}: reason");
    assert_eq!(fast.template, whole.template, "{name}: template");
    assert_eq!(fast.agency, whole.agency, "{name}: agency");
    assert_eq!(fast.year, whole.year, "{name}: year");
    assert_eq!(fast.title, whole.title, "{name}: title");
    assert_eq!(fast.cells, whole.cells, "{name}: cells");
    assert_eq!(fast.checks, whole.checks, "{name}: checks");
    assert_eq!(fast.warnings, whole.warnings, "{name}: warnings");
    fast.format == Some(Format::Html)
}

fn files_under(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

#[test]
fn samples_and_corpus_agree_with_the_whole_page_parse() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut html = 0;
    for dir in [root.join("samples"), root.join("../shared/corpus/raw")] {
        for path in files_under(&dir) {
            if path
                .file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with("truth_"))
            {
                continue;
            }
            let bytes = std::fs::read(&path).expect("readable");
            html += usize::from(assert_same(&path.display().to_string(), &bytes));
        }
    }
    assert!(html >= 10, "only {html} HTML documents compared");
}

#[test]
fn generated_portal_pages_agree_with_the_whole_page_parse() {
    let mut html = 0;
    for index in 0..120 {
        let doc = generate_one(11, index, Profile::Bench);
        html += usize::from(assert_same(&doc.file_name, &doc.bytes));
    }
    assert!(html >= 60, "only {html} HTML pages compared");
}

#[test]
fn word_export_pages_agree_with_the_whole_page_parse() {
    for index in 0..16 {
        let doc = generate_one(12, index, Profile::Word);
        assert!(assert_same(&doc.file_name, &doc.bytes), "{}", doc.file_name);
    }
}

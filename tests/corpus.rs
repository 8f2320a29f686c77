//! The real corpus in `../shared/corpus`: every expected value must come out exactly where the
//! report prints it in its own cells, and no value anywhere may be wrong. Skipped (with a note)
//! when the corpus is not beside the project.

mod common;

use common::read_csv;
use ogi::{Extraction, Method};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

fn corpus_dir() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    dir.join("expected_cells.csv").exists().then_some(dir)
}

fn raw_file(dir: &Path, doc: &str) -> PathBuf {
    for ext in ["txt", "html", "pdf"] {
        let p = dir.join("raw").join(format!("{doc}.{ext}"));
        if p.exists() {
            return p;
        }
    }
    panic!("no raw file for {doc}");
}

fn extract_doc(dir: &Path, doc: &str) -> Extraction {
    let bytes = std::fs::read(raw_file(dir, doc)).expect("raw readable");
    ogi::extract(&bytes, None)
}

/// Documents whose cells are all separated in the source (HTML, pipe text, spaced numbers, PDF
/// table cells): every expected value must be extracted.
const SEPARATED: &[&str] = &[
    "000_3f0c8cd74326bd72",
    "govnianbao_szfgs2024_fragment",
    "huaian_szf_2024",
    "pingtan_2024_page",
    "shanghai_szfbgt_2019",
];

#[test]
fn corpus_values_are_exact_and_never_wrong() {
    let Some(dir) = corpus_dir() else {
        eprintln!("../shared/corpus not found: corpus test skipped");
        return;
    };
    let expected = read_csv(&dir.join("expected_cells.csv"));
    let mut by_doc: HashMap<String, Vec<&HashMap<String, String>>> = HashMap::new();
    for row in &expected {
        by_doc.entry(row["doc"].clone()).or_default().push(row);
    }
    let mut problems = Vec::new();
    let mut totals = (0usize, 0usize);
    let mut docs: Vec<&String> = by_doc.keys().collect();
    docs.sort();
    for doc in docs {
        let ex = extract_doc(&dir, doc);
        let separated = SEPARATED.contains(&doc.as_str());
        let (exact, count) = compare_cells(doc, &ex, &by_doc[doc], separated, &mut problems);
        eprintln!("{doc}: {exact}/{count} cells exact");
        totals.0 += exact;
        totals.1 += count;
    }
    eprintln!("corpus: {}/{} expected cells exact", totals.0, totals.1);
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

/// Compares a document's extracted cells with its expected rows; returns (exact, expected) and
/// adds every difference to `problems`. `separated`: every expected value must be extracted
/// (else, in glued text, section 二 may stay empty).
fn compare_cells(
    doc: &str,
    ex: &Extraction,
    expected: &[&HashMap<String, String>],
    separated: bool,
    problems: &mut Vec<String>,
) -> (usize, usize) {
    let got: HashMap<String, (Option<String>, Method)> = ex
        .cells
        .iter()
        .filter(|c| c.method != Method::Derived)
        .map(|c| (c.key.flat(), (c.value.clone(), c.method)))
        .collect();
    let (mut exact, mut count) = (0, 0);
    for row in expected {
        let key = format!("{}.{}.{}", row["table"], row["row"], row["col"]);
        let want = row["value"].as_str();
        // Glued text: sections 三 and 四 have identities, so every cell is recovered; section
        // 二 has none, and an ambiguous split may stay empty (with a warning).
        let strict = separated || row["table"] != "s2";
        count += 1;
        match got.get(&key) {
            Some((Some(v), _)) if v == want => exact += 1,
            Some((Some(v), m)) => {
                problems.push(format!("{doc} {key}: WRONG {v} ({m:?}), expected {want:?}"))
            }
            Some((None, _)) if want.is_empty() => exact += 1,
            Some((None, m)) if strict => {
                problems.push(format!("{doc} {key}: empty ({m:?}), expected {want}"))
            }
            None if strict => problems.push(format!("{doc} {key}: missing, expected {want:?}")),
            _ => {}
        }
    }
    // A cell the report does not have must not appear.
    for key in got.keys() {
        if !expected
            .iter()
            .any(|r| format!("{}.{}.{}", r["table"], r["row"], r["col"]) == *key)
        {
            problems.push(format!("{doc} {key}: extracted but not in the report"));
        }
    }
    (exact, count)
}

/// The text layer of the real PDF as `pdftotext` prints it (`-layout`: columns kept, labels
/// broken around their values; `-raw`: content order, labels over several lines, values after
/// them; both with page numbers and form feeds inside table 三) reads exactly as the PDF does.
/// Skipped when pdftotext (poppler-utils, which CI installs) is not on the PATH.
#[test]
fn pdftotext_layers_of_the_real_pdf_read_fully() {
    let Some(dir) = corpus_dir() else {
        eprintln!("../shared/corpus not found: pdftotext test skipped");
        return;
    };
    let doc = "huaian_szf_2024";
    let pdf = dir.join("raw").join(format!("{doc}.pdf"));
    let expected = read_csv(&dir.join("expected_cells.csv"));
    let rows: Vec<&HashMap<String, String>> = expected.iter().filter(|r| r["doc"] == doc).collect();
    assert_eq!(rows.len(), 200);
    let mut problems = Vec::new();
    for mode in ["-layout", "-raw"] {
        let out = match std::process::Command::new("pdftotext")
            .args([mode, "-enc", "UTF-8"])
            .arg(&pdf)
            .arg("-")
            .output()
        {
            Ok(o) if o.status.success() => o.stdout,
            Ok(o) => panic!("pdftotext {mode}: {}", String::from_utf8_lossy(&o.stderr)),
            Err(e) => {
                eprintln!("pdftotext not available ({e}): pdftotext test skipped");
                return;
            }
        };
        let text = String::from_utf8_lossy(&out);
        assert!(text.contains('\x0c') && text.contains("本年新收"), "{mode}");
        let ex = ogi::extract(&out, None);
        let name = format!("{doc} pdftotext {mode}");
        let (exact, count) = compare_cells(&name, &ex, &rows, true, &mut problems);
        eprintln!("{name}: {exact}/{count} cells exact");
        let got = (
            ex.template.as_str(),
            ex.agency.as_str(),
            ex.year,
            ex.status.as_str(),
        );
        if got != ("2021", "淮安市人民政府", Some(2024), "ok") || !ex.warnings.is_empty() {
            problems.push(format!("{name}: {got:?} {:?} {}", ex.warnings, ex.reason));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn corpus_reports_have_expected_template_agency_year_status() {
    let Some(dir) = corpus_dir() else {
        eprintln!("../shared/corpus not found: corpus test skipped");
        return;
    };
    let mut problems = Vec::new();
    for row in read_csv(&dir.join("expected_reports.csv")) {
        let doc = &row["doc"];
        let ex = extract_doc(&dir, doc);
        let mut year = ex.year.map(|y| y.to_string()).unwrap_or_default();
        if year.is_empty() {
            // The batch falls back to a year in the file name; the library call has no path.
            year = doc
                .chars()
                .filter(char::is_ascii_digit)
                .collect::<String>()
                .get(..4)
                .unwrap_or("")
                .to_string();
        }
        let got = [
            ex.template.as_str(),
            ex.agency.as_str(),
            year.as_str(),
            ex.status.as_str(),
        ];
        // `expected_reports.csv` says `ok` for a report whose three tables are all printed; ogi
        // says `partial` while some of its glued cells are unresolved (`ok` promises a value in
        // every printed cell).
        let status = if row["status"] == "ok" && ex.cells_unresolved() > 0 {
            "partial"
        } else {
            row["status"].as_str()
        };
        let want = [
            row["template"].as_str(),
            row["agency"].as_str(),
            row["year"].as_str(),
            status,
        ];
        if got != want {
            problems.push(format!(
                "{doc}: got {got:?}, expected {want:?} ({})",
                ex.reason
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

//! Legacy Word (`.doc`) files made by LibreOffice from the generator's own DOCX reports
//! (`tests/fixtures/README.md`): each gives exactly its report's truth — template, agency, year,
//! status and every cell — as the DOCX it was made from does.

mod common;

use common::read_csv;
use ogi::{Format, Method};
use std::collections::HashMap;
use std::path::PathBuf;

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

#[test]
fn word_97_files_give_their_truth_exactly() {
    let dir = fixtures();
    let mut truth: HashMap<String, Vec<HashMap<String, String>>> = HashMap::new();
    for c in read_csv(&dir.join("doc_truth_cells.csv")) {
        truth.entry(c["doc"].clone()).or_default().push(c);
    }
    let reports = read_csv(&dir.join("doc_truth_reports.csv"));
    assert_eq!(reports.len(), 2);
    let mut problems = Vec::new();
    for t in &reports {
        let doc = &t["doc"];
        let bytes = std::fs::read(dir.join(doc)).expect("fixture");
        let ex = ogi::extract(&bytes, None);
        let got = (
            ex.format,
            ex.template.as_str(),
            ex.agency.as_str(),
            ex.year.map(|y| y.to_string()).unwrap_or_default(),
            ex.status.as_str(),
        );
        let want = (
            Some(Format::Doc),
            t["template"].as_str(),
            t["agency"].as_str(),
            t["year"].clone(),
            t["status"].as_str(),
        );
        if got != want {
            problems.push(format!("{doc}: {got:?} ≠ {want:?} ({})", ex.reason));
        }
        let cells: HashMap<String, Option<String>> = ex
            .cells
            .iter()
            .filter(|c| c.method != Method::Derived)
            .map(|c| (c.key.flat(), c.value.clone()))
            .collect();
        let expected = &truth[doc];
        assert!(
            expected.len() > 150,
            "{doc}: {} truth cells",
            expected.len()
        );
        for c in expected {
            let key = format!("{}.{}.{}", c["table"], c["row"], c["col"]);
            let want = Some(c["value"].clone()).filter(|v| !v.is_empty());
            match cells.get(&key) {
                Some(v) if *v == want => {}
                other => problems.push(format!("{doc} {key}: got {other:?}, truth {want:?}")),
            }
        }
        if cells.len() != expected.len() {
            problems.push(format!(
                "{doc}: {} cells read, {} in the truth",
                cells.len(),
                expected.len()
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

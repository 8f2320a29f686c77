//! Generated documents of every format, encoding and template, checked against their truth:
//! templates, statuses, agencies and years, every value, and the identities broken on purpose.

mod common;

use common::{read_csv, run_ok};
use std::collections::HashMap;
use std::path::Path;

#[test]
fn generated_corpus_matches_its_truth() {
    let (problems, _) = against_truth("samples", "45", &[1, 2, 3]);
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems[..problems.len().min(40)].join("\n")
    );
}

/// Ten-page PDF reports, tables ruled and not, breaking across pages; tables without rules print
/// blank cells and null tokens, which must stay in their own columns.
#[test]
fn generated_pdf_reports_match_their_truth() {
    let (problems, unruled) = against_truth("pdf", "12", &[4]);
    assert!(
        unruled.blank > 20 && unruled.cells > 500,
        "too few cells in PDFs without rules to cover blanks: {unruled:?}"
    );
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems[..problems.len().min(40)].join("\n")
    );
}

/// Pages of Word-export markup (a style on every cell, spans, MSO comments), 100–350 KB.
#[test]
fn generated_word_pages_match_their_truth() {
    let (problems, _) = against_truth("word", "12", &[5]);
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems[..problems.len().min(40)].join("\n")
    );
}

/// Truth cells checked in PDFs without rules: all of them, and those printed blank or as a null
/// token (no value).
#[derive(Debug, Default)]
struct Covered {
    cells: usize,
    blank: usize,
}

/// Generates `count` documents of a profile for each seed, extracts them, and lists every
/// difference from their truth.
fn against_truth(profile: &str, count: &str, seeds: &[u64]) -> (Vec<String>, Covered) {
    let tmp = tempfile::tempdir().expect("tempdir");
    let mut problems = Vec::new();
    let mut unruled = Covered::default();
    for &seed in seeds {
        let docs = tmp.path().join(format!("docs{seed}"));
        let out = tmp.path().join(format!("out{seed}"));
        run_ok(&[
            "synth",
            "--count",
            count,
            "--profile",
            profile,
            "--seed",
            &seed.to_string(),
            "--out",
            docs.to_str().expect("utf8"),
        ]);
        run_ok(&[
            "extract",
            docs.to_str().expect("utf8"),
            "--out",
            out.to_str().expect("utf8"),
            "--quiet",
        ]);
        let truth_reports = read_csv(&docs.join("truth_reports.csv"));
        let reports = read_csv(&out.join("reports.csv"));
        let by_source: HashMap<String, &HashMap<String, String>> = reports
            .iter()
            .map(|r| {
                (
                    Path::new(&r["source"])
                        .file_name()
                        .map(|f| f.to_string_lossy().into_owned())
                        .unwrap_or_default(),
                    r,
                )
            })
            .collect();
        let cells = read_csv(&out.join("cells.csv"));
        let mut got: HashMap<(String, String), (String, String)> = HashMap::new();
        for c in &cells {
            if c["method"] != "derived" {
                got.insert(
                    (
                        c["report_id"].clone(),
                        format!("{}.{}.{}", c["table"], c["row"], c["col"]),
                    ),
                    (c["value"].clone(), c["method"].clone()),
                );
            }
        }
        let checks = read_csv(&out.join("checks.csv"));
        let mut glued_docs = HashMap::new();
        for t in &truth_reports {
            let doc = &t["doc"];
            // Sources are keyed by file name; the truth may name a subfolder (`000/…`).
            let name = Path::new(doc.as_str())
                .file_name()
                .map(|f| f.to_string_lossy().into_owned())
                .unwrap_or_default();
            let Some(r) = by_source.get(&name) else {
                problems.push(format!("{doc}: no row in reports.csv"));
                continue;
            };
            for (field, truth_field) in [
                ("template", "template"),
                ("format", "format"),
                ("encoding", "encoding"),
            ] {
                if r[field] != t[truth_field] {
                    problems.push(format!("{doc}: {field} {} ≠ {}", r[field], t[truth_field]));
                }
            }
            // A report whose glued cells could not all be split is `partial`, not `ok`: not
            // every printed cell has a value.
            let status = if t["status"] == "ok" && r["cells_unresolved"] != "0" {
                "partial"
            } else {
                t["status"].as_str()
            };
            if r["status"] != status {
                problems.push(format!("{doc}: status {} ≠ {status}", r["status"]));
            }
            if t["status"] != "not_a_report"
                && (r["agency"] != t["agency"] || r["year"] != t["year"])
            {
                problems.push(format!(
                    "{doc}: agency/year {} {} ≠ {} {}",
                    r["agency"], r["year"], t["agency"], t["year"]
                ));
            }
            // A page of links to reports takes the agency and year of none of them.
            if doc.contains("_listing") && (!r["agency"].is_empty() || !r["year"].is_empty()) {
                problems.push(format!(
                    "{doc}: a listing with agency/year {} {}",
                    r["agency"], r["year"]
                ));
            }
            let failed = checks
                .iter()
                // The report's own identities: cross-year checks (X…) pair unrelated documents.
                .filter(|c| {
                    c["report_id"] == r["report_id"]
                        && c["status"] == "fail"
                        && c["check"].starts_with('I')
                })
                .count();
            // A glued row that breaks its own identity cannot be split with certainty, so its
            // cells stay empty and the check is skipped rather than failed.
            let glued = t["glued"] == "yes";
            if (t["breaks_identity"] == "yes") != (failed > 0) && !(glued && failed == 0) {
                problems.push(format!(
                    "{doc}: breaks_identity {} but {failed} failed checks",
                    t["breaks_identity"]
                ));
            }
            glued_docs.insert(doc.clone(), (r["report_id"].clone(), t["glued"] == "yes"));
        }
        for c in read_csv(&docs.join("truth_cells.csv")) {
            let Some((id, glued)) = glued_docs.get(&c["doc"]) else {
                continue;
            };
            let key = format!("{}.{}.{}", c["table"], c["row"], c["col"]);
            if c["doc"].contains("pdf_unruled") {
                unruled.cells += 1;
                unruled.blank += usize::from(c["value"].is_empty());
            }
            match got.get(&(id.clone(), key.clone())) {
                Some((v, _)) if *v == c["value"] => {}
                Some((v, m)) if v.is_empty() && *glued && m == "unresolved" => {}
                Some((v, m)) => problems.push(format!(
                    "{} {key}: got {v:?} ({m}), truth {:?}",
                    c["doc"], c["value"]
                )),
                None => problems.push(format!(
                    "{} {key}: missing, truth {:?}",
                    c["doc"], c["value"]
                )),
            }
        }
    }
    (problems, unruled)
}

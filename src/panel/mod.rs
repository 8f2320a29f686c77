/*!
The research panel, built over a complete run's outputs (after `extract`, or `merge` of shards):

- `agency` (over the region table `regions`, and the page's `site` code): who published each
  report, as `agency_key`, region and kind — columns of `reports.csv`, computed as it is written;
- `build`: `panel.csv`, one row per agency and year with every key, duplicates resolved;
- `cross_year`: checks between consecutive years, appended to `checks.csv`;
- `indicators`: `indicators.csv`, rates researchers compute, blanks never taken as 0.

`write_all` runs them in that order from the files of the folder (`input`), then writes the
folder's `report.html` (`crate::report`).
*/

pub mod agency;
pub mod build;
pub mod cross_year;
pub mod indicators;
pub mod input;
pub mod regions;
pub mod site;

use crate::run::output::{Pending, Style, CHECKS_HEADER};
use std::path::Path;

/// Columns of `indicators.csv` before the indicators.
pub const INDICATORS_LEAD: &[&str] = &["agency_key", "year", "report_id"];

/// What the panel holds, for the run's summary.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PanelSummary {
    pub agencies: usize,
    pub agency_years: usize,
    pub cross_checks: usize,
    pub cross_failed: usize,
}

/// Writes `panel.csv`, the cross-year checks into `checks.csv`, `indicators.csv` and
/// `report.html` in a complete output folder.
pub fn write_all(dir: &Path, style: Style) -> Result<PanelSummary, String> {
    let reports = input::read_reports(dir)?;
    let rows = build::rows(&reports);
    build::write(dir, style, &rows, &reports)?;
    let checks = cross_year::checks(&rows, &reports);
    append_checks(dir, style, &checks)?;
    write_indicators(dir, style, &rows, &reports)?;
    crate::report::write(dir, style.jsonl)?;
    let mut keys: Vec<&str> = rows.iter().map(|r| r.agency_key.as_str()).collect();
    keys.dedup();
    Ok(PanelSummary {
        agencies: keys.len(),
        agency_years: rows.len(),
        cross_checks: checks.len(),
        cross_failed: checks
            .iter()
            .filter(|c| c.status == crate::model::CheckStatus::Fail)
            .count(),
    })
}

fn header(names: &[&str]) -> Vec<String> {
    names.iter().map(|s| s.to_string()).collect()
}

/// Rewrites the checks file with the cross-year checks after the reports' own; cross-year rows
/// already there (from an earlier build of the panel) are replaced, not repeated.
fn append_checks(
    dir: &Path,
    style: Style,
    checks: &[cross_year::CrossCheck],
) -> Result<(), String> {
    let mut out = Pending::create(
        dir,
        "checks",
        &header(CHECKS_HEADER),
        style.jsonl,
        style.excel,
    )?;
    let cross = |check: &str| check.starts_with('X');
    if style.jsonl {
        let path = dir.join("checks.jsonl");
        let text = std::fs::read_to_string(&path)
            .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        for line in text.lines().filter(|l| !l.is_empty()) {
            let obj: serde_json::Map<String, serde_json::Value> =
                serde_json::from_str(line).map_err(|e| format!("{}: {e}", path.display()))?;
            let field = |k: &str| obj.get(k).and_then(|v| v.as_str()).unwrap_or("");
            if !cross(field("check")) {
                out.write(CHECKS_HEADER.iter().map(|k| field(k)))?;
            }
        }
    } else {
        let path = dir.join("checks.csv");
        let mut rdr = csv::Reader::from_path(&path)
            .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        for rec in rdr.records() {
            let rec = rec.map_err(|e| format!("{}: {e}", path.display()))?;
            if !cross(rec.get(1).unwrap_or("")) {
                out.write(rec.iter())?;
            }
        }
    }
    for c in checks {
        let lhs = c.lhs.map_or(String::new(), |v| v.to_string());
        let rhs = c.rhs.map_or(String::new(), |v| v.to_string());
        out.write([
            c.report_id.as_str(),
            &c.check,
            c.status.as_str(),
            &lhs,
            &rhs,
            &c.detail,
        ])?;
    }
    out.commit()
}

fn write_indicators(
    dir: &Path,
    style: Style,
    rows: &[build::PanelRow],
    reports: &[input::ReportInfo],
) -> Result<(), String> {
    let names: Vec<&str> = INDICATORS_LEAD
        .iter()
        .copied()
        .chain(indicators::INDICATORS.iter().map(|i| i.name))
        .chain(["notes"])
        .collect();
    let mut out = Pending::create(dir, "indicators", &header(&names), false, style.excel)?;
    for row in rows {
        let r = &reports[row.report];
        let mut fields = vec![
            row.agency_key.clone(),
            row.year.to_string(),
            r.report_id.clone(),
        ];
        let mut notes = Vec::new();
        for ind in indicators::INDICATORS {
            match ind.compute(r) {
                Ok(v) => fields.push(v),
                Err(why) => {
                    fields.push(String::new());
                    notes.push(why);
                }
            }
        }
        fields.push(notes.join("; "));
        out.write(fields.iter().map(String::as_str))?;
    }
    out.commit()
}

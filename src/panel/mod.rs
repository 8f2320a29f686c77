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

use crate::report::CheckRow;
use crate::run::output::{Column, Kind, Pending, Style, Table, Target};
use crate::run::RunError;
use std::path::Path;

/// The columns of `indicators.csv`: the agency-year, each indicator, and why some are empty.
pub fn indicators_columns() -> Vec<Column> {
    let col = |name: &str, kind: Kind, description: String| Column {
        name: name.to_string(),
        kind,
        description,
    };
    let mut cols = vec![
        col("agency_key", Kind::String, "canonical agency".into()),
        col("year", Kind::Integer, "reporting year".into()),
        col(
            "report_id",
            Kind::String,
            "the report of the agency-year".into(),
        ),
    ];
    for i in indicators::INDICATORS {
        cols.push(col(
            i.name,
            Kind::Number,
            format!("{} ({}): {}", i.label_en, i.unit, i.formula()),
        ));
    }
    cols.push(col(
        "notes",
        Kind::String,
        "why an indicator is empty (a blank term, a zero denominator)".into(),
    ));
    cols
}

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
pub fn write_all(dir: &Path, style: Style) -> Result<PanelSummary, RunError> {
    let reports = input::read_reports(dir)?;
    let rows = build::rows(&reports);
    build::write(dir, style, &rows, &reports)?;
    let checks = cross_year::checks(&rows, &reports);
    // The checks file is rewritten only when it changes: when it gains cross-year rows, or loses
    // those of an earlier build. A corpus without consecutive years keeps it as the run wrote it.
    let mut check_rows = crate::report::read_checks(dir, style.jsonl)?;
    if !checks.is_empty() || check_rows.iter().any(CheckRow::is_cross_year) {
        append_checks(dir, style, &checks)?;
        check_rows.retain(|c| !c.is_cross_year());
        check_rows.extend(
            checks
                .iter()
                .map(|c| CheckRow::new(&c.report_id, &c.check, c.status.as_str())),
        );
    }
    write_indicators(dir, style, &rows, &reports)?;
    crate::report::write_from(dir, &reports, &rows, &check_rows)?;
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

/// Rewrites the checks file with the cross-year checks after the reports' own; cross-year rows
/// already there (from an earlier build of the panel) are replaced, not repeated.
fn append_checks(
    dir: &Path,
    style: Style,
    checks: &[cross_year::CrossCheck],
) -> Result<(), RunError> {
    let mut out = Pending::create(&Target::Folder(dir.to_path_buf()), Table::Checks, style)?;
    let names = Table::Checks.header();
    let cross = |check: &str| check.starts_with('X');
    if style.jsonl {
        let path = dir.join("checks.jsonl");
        let text = std::fs::read_to_string(&path)
            .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        for line in text.lines().filter(|l| !l.is_empty()) {
            let obj: serde_json::Map<String, serde_json::Value> =
                serde_json::from_str(line).map_err(|e| format!("{}: {e}", path.display()))?;
            // Back to the fields as written: numbers as their digits, `null` as empty.
            let field = |k: &str| match obj.get(k) {
                Some(serde_json::Value::String(s)) => s.clone(),
                Some(serde_json::Value::Number(n)) => n.to_string(),
                _ => String::new(),
            };
            if !cross(&field("check")) {
                let fields: Vec<String> = names.iter().map(|k| field(k)).collect();
                out.write(fields.iter().map(String::as_str))?;
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
) -> Result<(), RunError> {
    let mut out = Pending::create(&Target::Folder(dir.to_path_buf()), Table::Indicators, style)?;
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

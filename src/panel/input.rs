/*!
What the panel reads back from a complete output folder: each report's identity and status from
`reports.csv`, and from `wide.csv` the values that the cross-year checks and the indicators use
(plus where each report's row starts, so that `panel.csv` copies whole rows without holding them).
*/

use crate::run::RunError;
use std::collections::HashMap;
use std::path::Path;
use std::sync::LazyLock;

/// One distinct report (content), as `reports.csv` and `wide.csv` describe it.
#[derive(Debug, Clone, Default)]
pub struct ReportInfo {
    pub report_id: String,
    /// Its first source path (sources are sorted).
    pub source: String,
    pub agency: String,
    pub agency_key: String,
    pub region_code: String,
    pub region_level: String,
    pub agency_kind: String,
    pub matched: String,
    pub year: Option<u16>,
    pub template: String,
    pub status: String,
    pub cells: usize,
    pub checks_failed: usize,
    /// The values of `NEEDED` keys, in that order.
    pub values: Vec<Option<i64>>,
    /// Where its row of `wide.csv` starts.
    pub wide_at: Option<csv::Position>,
}

/// Keys the checks and indicators read (flattened `table.row.col`).
pub static NEEDED: LazyLock<Vec<String>> = LazyLock::new(|| {
    let mut keys: Vec<String> = Vec::new();
    let mut add = |k: String| {
        if !keys.contains(&k) {
            keys.push(k);
        }
    };
    for k in super::cross_year::keys() {
        add(k);
    }
    for i in super::indicators::INDICATORS {
        for k in i.numerator.iter().chain(i.denominator) {
            add(k.to_string());
        }
    }
    keys
});

static NEEDED_INDEX: LazyLock<HashMap<&'static str, usize>> = LazyLock::new(|| {
    NEEDED
        .iter()
        .enumerate()
        .map(|(i, k)| (k.as_str(), i))
        .collect()
});

impl ReportInfo {
    /// A needed key's value (`None`: blank, not a whole number, or not in the report's template).
    pub fn value(&self, key: &str) -> Option<i64> {
        NEEDED_INDEX
            .get(key)
            .and_then(|&i| self.values.get(i).copied().flatten())
    }
}

fn open(path: &Path) -> Result<csv::Reader<std::fs::File>, RunError> {
    csv::ReaderBuilder::new()
        .from_path(path)
        .map_err(|e| RunError::Failed(format!("cannot read {}: {e}", path.display())))
}

fn column(headers: &csv::StringRecord, name: &str, path: &Path) -> Result<usize, RunError> {
    headers
        .iter()
        .position(|h| h == name)
        .ok_or_else(|| RunError::Failed(format!("{}: no column {name}", path.display())))
}

/// Reads the reports of a complete output folder, in the order of `reports.csv`.
pub fn read_reports(dir: &Path) -> Result<Vec<ReportInfo>, RunError> {
    let path = dir.join("reports.csv");
    let mut rdr = open(&path)?;
    let headers = rdr
        .headers()
        .map_err(|e| format!("{}: {e}", path.display()))?
        .clone();
    let col = |name: &str| column(&headers, name, &path);
    let names = [
        "report_id",
        "source",
        "agency",
        "agency_key",
        "region_code",
        "region_level",
        "agency_kind",
        "match",
        "year",
        "template",
        "status",
        "cells",
        "checks_failed",
    ];
    let idx: Vec<usize> = names.iter().map(|n| col(n)).collect::<Result<_, _>>()?;
    let mut reports: Vec<ReportInfo> = Vec::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    for rec in rdr.records() {
        let rec = rec.map_err(|e| format!("{}: {e}", path.display()))?;
        let f = |i: usize| rec.get(idx[i]).unwrap_or("").to_string();
        let id = f(0);
        // Unreadable sources have no content, and the same content under several paths is one
        // report.
        if id.is_empty() || seen.contains_key(&id) {
            continue;
        }
        seen.insert(id.clone(), reports.len());
        reports.push(ReportInfo {
            report_id: id,
            source: f(1),
            agency: f(2),
            agency_key: f(3),
            region_code: f(4),
            region_level: f(5),
            agency_kind: f(6),
            matched: f(7),
            year: f(8).parse().ok(),
            template: f(9),
            status: f(10),
            cells: f(11).parse().unwrap_or(0),
            checks_failed: f(12).parse().unwrap_or(0),
            values: vec![None; NEEDED.len()],
            wide_at: None,
        });
    }
    read_values(dir, &mut reports, &seen)?;
    Ok(reports)
}

/// Fills each report's needed values and row position from `wide.csv`.
fn read_values(
    dir: &Path,
    reports: &mut [ReportInfo],
    index: &HashMap<String, usize>,
) -> Result<(), RunError> {
    let path = dir.join("wide.csv");
    let mut rdr = open(&path)?;
    let headers = rdr
        .headers()
        .map_err(|e| format!("{}: {e}", path.display()))?
        .clone();
    let id_col = column(&headers, "report_id", &path)?;
    let value_cols: Vec<Option<usize>> = NEEDED
        .iter()
        .map(|k| headers.iter().position(|h| h == k))
        .collect();
    let mut rec = csv::StringRecord::new();
    loop {
        let at = rdr.position().clone();
        if !rdr
            .read_record(&mut rec)
            .map_err(|e| format!("{}: {e}", path.display()))?
        {
            break;
        }
        let Some(&i) = rec.get(id_col).and_then(|id| index.get(id)) else {
            continue;
        };
        let report = &mut reports[i];
        report.wide_at = Some(at);
        for (slot, col) in report.values.iter_mut().zip(&value_cols) {
            *slot = col
                .and_then(|c| rec.get(c))
                .and_then(|v| v.parse::<i64>().ok());
        }
    }
    Ok(())
}

/// The key columns of `wide.csv` (after its leading columns) and a reader positioned anywhere.
pub struct WideRows {
    rdr: csv::Reader<std::fs::File>,
    pub key_names: Vec<String>,
    first_key: usize,
    path: std::path::PathBuf,
}

impl WideRows {
    pub fn open(dir: &Path) -> Result<Self, RunError> {
        let path = dir.join("wide.csv");
        let mut rdr = open(&path)?;
        let headers = rdr
            .headers()
            .map_err(|e| format!("{}: {e}", path.display()))?
            .clone();
        let first = crate::template::dictionary::dictionary()
            .first()
            .map(|k| k.key.flat())
            .unwrap_or_default();
        let first_key = column(&headers, &first, &path)?;
        Ok(WideRows {
            rdr,
            key_names: headers.iter().skip(first_key).map(String::from).collect(),
            first_key,
            path,
        })
    }

    /// The key values of the row at `at`.
    pub fn values_at(&mut self, at: &csv::Position) -> Result<Vec<String>, RunError> {
        let err = |e: csv::Error| format!("{}: {e}", self.path.display());
        self.rdr.seek(at.clone()).map_err(err)?;
        let mut rec = csv::StringRecord::new();
        self.rdr.read_record(&mut rec).map_err(err)?;
        Ok(rec.iter().skip(self.first_key).map(String::from).collect())
    }
}

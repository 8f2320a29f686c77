/*!
The panel: one row per (agency_key, year) over the reports whose tables were read (`ok`,
`partial`) and whose agency and year are known. When several reports claim one agency-year (the
same report published twice, a corrected re-publication), one is kept by a fixed rule — `ok`
before `partial`, then more printed cells, then fewer failed identities, then the first source
path — and the row says how many others there were, which, and on how many keys they differ.
*/

use super::input::{ReportInfo, WideRows};
use super::regions::regions;
use crate::run::output::{ColumnSpec, Kind, Pending, Style, Table, Target};
use crate::run::RunError;
use std::collections::BTreeMap;
use std::path::Path;

/// Columns of `panel.csv` before the keys.
pub const PANEL_LEAD: &[ColumnSpec] = &[
    ("agency_key", Kind::String, "canonical agency (reports.csv)"),
    ("year", Kind::Integer, "reporting year"),
    (
        "region_code",
        Kind::String,
        "统计用区划代码 of the agency's region",
    ),
    (
        "region_level",
        Kind::String,
        "province | prefecture | county | town | national",
    ),
    (
        "region_name",
        Kind::String,
        "the region's full name in the table",
    ),
    (
        "agency_kind",
        Kind::String,
        "government | street_office | committee | department",
    ),
    (
        "match",
        Kind::String,
        "site_code | name_exact | name_fuzzy | none",
    ),
    ("agency", Kind::String, "the publishing body as printed"),
    ("template", Kind::String, "{templates}"),
    ("status", Kind::String, "ok | partial"),
    (
        "report_id",
        Kind::String,
        "the report kept for this agency-year",
    ),
    ("source", Kind::String, "its first source path"),
    (
        "duplicates",
        Kind::Integer,
        "other reports of the same agency-year, not kept",
    ),
    (
        "duplicate_ids",
        Kind::String,
        "their report ids, `;`-separated",
    ),
    (
        "duplicates_differ",
        Kind::Integer,
        "keys on which any of them differs from the kept one",
    ),
];

/// One agency-year: the report kept and the others.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PanelRow {
    pub agency_key: String,
    pub year: u16,
    /// Index of the kept report.
    pub report: usize,
    pub duplicates: Vec<usize>,
}

/// The duplicate rule as a sort key: smaller is preferred.
fn preference(r: &ReportInfo, index: usize) -> (bool, std::cmp::Reverse<usize>, usize, usize) {
    (
        r.status != "ok",
        std::cmp::Reverse(r.cells),
        r.checks_failed,
        index,
    )
}

/// Groups reports into agency-years, sorted by agency_key then year.
pub fn rows(reports: &[ReportInfo]) -> Vec<PanelRow> {
    let mut groups: BTreeMap<(&str, u16), Vec<usize>> = BTreeMap::new();
    for (i, r) in reports.iter().enumerate() {
        let with_tables = r.status == "ok" || r.status == "partial";
        if let (true, false, Some(year)) = (with_tables, r.agency_key.is_empty(), r.year) {
            groups.entry((&r.agency_key, year)).or_default().push(i);
        }
    }
    groups
        .into_iter()
        .map(|((key, year), mut members)| {
            members.sort_by_key(|&i| preference(&reports[i], i));
            PanelRow {
                agency_key: key.to_string(),
                year,
                report: members[0],
                duplicates: members[1..].to_vec(),
            }
        })
        .collect()
}

/// Writes `panel.csv`.
pub fn write(
    dir: &Path,
    style: Style,
    rows: &[PanelRow],
    reports: &[ReportInfo],
) -> Result<(), RunError> {
    let mut wide = WideRows::open(dir)?;
    let mut out = Pending::create(&Target::Folder(dir.to_path_buf()), Table::Panel, style)?;
    let table = regions();
    for row in rows {
        let r = &reports[row.report];
        let values = match &r.wide_at {
            Some(at) => wide.values_at(at)?,
            None => vec![String::new(); wide.key_names.len()],
        };
        let mut differ = 0usize;
        if !row.duplicates.is_empty() {
            let others: Vec<Vec<String>> = row
                .duplicates
                .iter()
                .filter_map(|&d| reports[d].wide_at.as_ref())
                .map(|at| wide.values_at(at))
                .collect::<Result<_, _>>()?;
            differ = (0..values.len())
                .filter(|&k| others.iter().any(|o| o.get(k) != values.get(k)))
                .count();
        }
        let region_name = table
            .by_code(&r.region_code)
            .map_or(String::new(), |i| table.path_name(i));
        let ids: Vec<&str> = row
            .duplicates
            .iter()
            .map(|&d| reports[d].report_id.as_str())
            .collect();
        let lead = [
            row.agency_key.clone(),
            row.year.to_string(),
            r.region_code.clone(),
            r.region_level.clone(),
            region_name,
            r.agency_kind.clone(),
            r.matched.clone(),
            r.agency.clone(),
            r.template.clone(),
            r.status.clone(),
            r.report_id.clone(),
            r.source.clone(),
            row.duplicates.len().to_string(),
            ids.join(";"),
            if row.duplicates.is_empty() {
                String::new()
            } else {
                differ.to_string()
            },
        ];
        out.write(lead.iter().chain(&values).map(String::as_str))?;
    }
    out.commit()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report(key: &str, year: u16, status: &str, cells: usize, failed: usize) -> ReportInfo {
        ReportInfo {
            agency_key: key.to_string(),
            year: Some(year),
            status: status.to_string(),
            cells,
            checks_failed: failed,
            ..ReportInfo::default()
        }
    }

    #[test]
    fn one_row_per_agency_year_by_the_duplicate_rule() {
        let reports = vec![
            report("350128", 2024, "partial", 300, 0),
            report("350128", 2024, "ok", 200, 2),
            report("350128", 2024, "ok", 200, 1),
            report("350128", 2023, "ok", 10, 0),
            report("", 2023, "ok", 10, 0),
            report("500154103", 2025, "unsupported", 0, 0),
        ];
        let rows = rows(&reports);
        let got: Vec<(&str, u16, usize, Vec<usize>)> = rows
            .iter()
            .map(|r| {
                (
                    r.agency_key.as_str(),
                    r.year,
                    r.report,
                    r.duplicates.clone(),
                )
            })
            .collect();
        // `ok` before `partial`, then more cells, then fewer failed checks, then source order.
        assert_eq!(
            got,
            vec![("350128", 2023, 3, vec![]), ("350128", 2024, 2, vec![1, 0])]
        );
    }
}

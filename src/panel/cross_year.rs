/*!
Cross-year checks, run on the panel: what one year's report carries into the next must arrive.

- `X1:{col}`: this year's section 三 `carried_over` = last year's `carry_forward`, per column.
- `X2:{row}`: this year's section 二 `in_force` = last year's `in_force` + this year's `issued` −
  `repealed`, for `regulations` and `normative_docs`, when both years' templates print those cells
  (the 2021 template; the 2019 template prints no stock in force).

Checked only between consecutive years of one agency; a blank term skips the check. Written to
`checks.csv` with this year's `report_id`, like the reports' own identities.
*/

use super::build::PanelRow;
use super::input::ReportInfo;
use crate::model::{CellKey, CheckStatus, TableId};
use crate::template::{Template, TEMPLATES};

const X2_ROWS: &[&str] = &["regulations", "normative_docs"];
const X2_COLS: &[&str] = &["issued", "repealed", "in_force"];

/// `(check, identity, meaning)` of each cross-year check, for `ogi schema --checks`.
pub fn descriptions() -> [(&'static str, &'static str, String); 2] {
    [
        (
            "X1",
            "carried_over = carry_forward of the year before",
            "requests carried over from last year = requests last year's report carried forward, in every column of s3, between consecutive years of one agency".to_string(),
        ),
        (
            "X2",
            "in_force = in_force of the year before + issued - repealed",
            format!(
                "documents in force = last year's in force + issued this year - repealed this year, for regulations and normative documents of s2, between consecutive {}-template years of one agency",
                x2_templates()
                    .iter()
                    .map(|t| t.id.as_str())
                    .collect::<Vec<_>>()
                    .join(" or ")
            ),
        ),
    ]
}

/// Whether a template prints every cell that `keys` names (`(table, row, col)`).
fn prints(
    t: &Template,
    keys: impl IntoIterator<Item = (TableId, &'static str, &'static str)>,
) -> bool {
    let printed = t.cell_keys();
    keys.into_iter()
        .all(|(table, row, col)| printed.contains(&CellKey { table, row, col }))
}

/// Whether X2 runs on a template's reports: it prints the stock in force with what was issued
/// and repealed (the 2019 template prints no stock in force).
pub fn x2_applies(t: &Template) -> bool {
    prints(
        t,
        X2_ROWS
            .iter()
            .flat_map(|row| X2_COLS.iter().map(move |col| (TableId::S2, *row, *col))),
    )
}

/// Whether X1 runs on a template's reports: it prints both ends of section 三's carry-over.
pub fn x1_applies(t: &Template) -> bool {
    t.table_cols(TableId::S3).iter().all(|col| {
        prints(
            t,
            [
                (TableId::S3, "carried_over", *col),
                (TableId::S3, "carry_forward", *col),
            ],
        )
    })
}

/// The built-in templates X1 runs on, oldest first.
pub fn x1_templates() -> Vec<&'static Template> {
    TEMPLATES
        .iter()
        .rev()
        .copied()
        .filter(|t| x1_applies(t))
        .collect()
}

/// The built-in templates X2 runs on, oldest first.
pub fn x2_templates() -> Vec<&'static Template> {
    TEMPLATES
        .iter()
        .rev()
        .copied()
        .filter(|t| x2_applies(t))
        .collect()
}

/// Section 三's columns, as the newest template prints them.
fn s3_cols() -> Vec<&'static str> {
    TEMPLATES[0].table_cols(TableId::S3)
}

/// The built-in template a report names (`2021`).
fn named(name: &str) -> Option<&'static Template> {
    TEMPLATES.iter().copied().find(|t| t.id.as_str() == name)
}

/// The keys the checks read.
pub fn keys() -> Vec<String> {
    let mut out = Vec::new();
    for col in s3_cols() {
        out.push(format!("s3.carried_over.{col}"));
        out.push(format!("s3.carry_forward.{col}"));
    }
    for row in X2_ROWS {
        for col in X2_COLS {
            out.push(format!("s2.{row}.{col}"));
        }
    }
    out
}

/// One check instance, as `checks.csv` writes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CrossCheck {
    pub report_id: String,
    pub check: String,
    pub status: CheckStatus,
    pub lhs: Option<i64>,
    pub rhs: Option<i64>,
    pub detail: String,
}

fn status(lhs: Option<i64>, rhs: Option<i64>) -> CheckStatus {
    match (lhs, rhs) {
        (Some(a), Some(b)) if a == b => CheckStatus::Pass,
        (Some(_), Some(_)) => CheckStatus::Fail,
        _ => CheckStatus::Skipped,
    }
}

/// The checks of every pair of consecutive years of an agency; `rows` are sorted by agency and
/// year, and `reports` are what their `report` indexes point to.
pub fn checks(rows: &[PanelRow], reports: &[ReportInfo]) -> Vec<CrossCheck> {
    let mut out = Vec::new();
    for pair in rows.windows(2) {
        let (prev, this) = (&pair[0], &pair[1]);
        if prev.agency_key != this.agency_key || prev.year + 1 != this.year {
            continue;
        }
        let (p, t) = (&reports[prev.report], &reports[this.report]);
        for col in s3_cols() {
            let lhs = t.value(&format!("s3.carried_over.{col}"));
            let rhs = p.value(&format!("s3.carry_forward.{col}"));
            out.push(CrossCheck {
                report_id: t.report_id.clone(),
                check: format!("X1:{col}"),
                status: status(lhs, rhs),
                lhs,
                rhs,
                detail: format!(
                    "carried_over {} = carry_forward {} (report {})",
                    this.year, prev.year, p.report_id
                ),
            });
        }
        if ![&p.template, &t.template]
            .iter()
            .all(|name| named(name).is_some_and(x2_applies))
        {
            continue;
        }
        for row in X2_ROWS {
            let lhs = t.value(&format!("s2.{row}.in_force"));
            let before = p.value(&format!("s2.{row}.in_force"));
            let issued = t.value(&format!("s2.{row}.issued"));
            let repealed = t.value(&format!("s2.{row}.repealed"));
            let rhs = match (before, issued, repealed) {
                (Some(b), Some(i), Some(r)) => Some(b + i - r),
                _ => None,
            };
            out.push(CrossCheck {
                report_id: t.report_id.clone(),
                check: format!("X2:{row}"),
                status: status(lhs, rhs),
                lhs,
                rhs,
                detail: format!(
                    "in_force {} = in_force {} + issued − repealed (report {})",
                    this.year, prev.year, p.report_id
                ),
            });
        }
    }
    out
}

/*!
Cross-year checks, run on the panel: what one year's report carries into the next must arrive.

- `X1:{col}`: this year's section 三 `carried_over` = last year's `carry_forward`, per column.
- `X2:{row}`: this year's section 二 `in_force` = last year's `in_force` + this year's `issued` −
  `repealed`, for `regulations` and `normative_docs`, when both years use the 2021 template (the
  2019 template prints no stock in force).

Checked only between consecutive years of one agency; a blank term skips the check. Written to
`checks.csv` with this year's `report_id`, like the reports' own identities.
*/

use super::build::PanelRow;
use super::input::ReportInfo;
use crate::model::{CheckStatus, TableId, TemplateId};
use crate::template;

const X2_ROWS: &[&str] = &["regulations", "normative_docs"];

/// `(check, identity, meaning)` of each cross-year check, for `ogi schema --checks`.
pub const DESCRIPTIONS: &[(&str, &str, &str)] = &[
    (
        "X1",
        "carried_over = carry_forward of the year before",
        "requests carried over from last year = requests last year's report carried forward, in every column of s3, between consecutive years of one agency",
    ),
    (
        "X2",
        "in_force = in_force of the year before + issued - repealed",
        "documents in force = last year's in force + issued this year - repealed this year, for regulations and normative documents of s2, between consecutive 2021-template years of one agency",
    ),
];

fn s3_cols() -> Vec<&'static str> {
    template::template(TemplateId::T2021).map_or(Vec::new(), |t| t.table_cols(TableId::S3))
}

/// The keys the checks read.
pub fn keys() -> Vec<String> {
    let mut out = Vec::new();
    for col in s3_cols() {
        out.push(format!("s3.carried_over.{col}"));
        out.push(format!("s3.carry_forward.{col}"));
    }
    for row in X2_ROWS {
        for col in ["issued", "repealed", "in_force"] {
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
        if p.template != "2021" || t.template != "2021" {
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

/*!
The reports' own accounting identities (I1–I4 of `templates.md`), checked as data from the
template: one check per column or row they apply to. A violation is recorded with both sides —
never corrected. A blank term makes the check `skipped`. Also computes the derived subtotals that
let a 2019 and a 2021 report line up, and the soft checks (negative or fractional counts).
*/

use crate::model::{Cell, Check, CheckStatus, Method, TableId, Warning, WarningCode};
use crate::template::{Identity, IdentityOver, Template, ValueKind};
use rustc_hash::FxHashMap;

type Key = (TableId, &'static str, &'static str);
// Keys are static names; a fast hash matters here (validation runs once per table per report).
type Grid<'a> = FxHashMap<Key, &'a Cell>;

fn grid(cells: &[Cell]) -> Grid<'_> {
    cells
        .iter()
        .filter(|c| c.method != Method::Derived)
        .map(|c| ((c.key.table, c.key.row, c.key.col), c))
        .collect()
}

/// Sum of the terms, or the first term that has no integer value.
fn sum(
    g: &Grid<'_>,
    keys: impl Iterator<Item = Key>,
    name: impl Fn(Key) -> &'static str,
) -> Result<i64, String> {
    let mut total: i64 = 0;
    for key in keys {
        match g.get(&key).and_then(|c| c.int()) {
            Some(v) => total = total.saturating_add(v),
            None => {
                let why = if g.contains_key(&key) {
                    "blank"
                } else {
                    "missing"
                };
                return Err(format!("{} {why}", name(key)));
            }
        }
    }
    Ok(total)
}

/// Checks every identity on the tables present, each table with the template it follows.
pub fn check_identities(tables: &[(TableId, &Template)], cells: &[Cell]) -> Vec<Check> {
    let g = grid(cells);
    let mut checks = Vec::new();
    for (table, t) in tables {
        for identity in t.identities.iter().filter(|i| i.table == *table) {
            check_identity(t, identity, &g, &mut checks);
        }
    }
    checks
}

fn check_identity(t: &Template, identity: &Identity, g: &Grid<'_>, checks: &mut Vec<Check>) {
    let table = identity.table;
    let (instances, terms_are_rows) = match identity.over {
        IdentityOver::PerColumn => (t.table_cols(table), true),
        IdentityOver::PerRow => (t.table_rows(table), false),
    };
    let (lhs_terms, rhs_terms) = (
        t.terms(identity, identity.lhs),
        t.terms(identity, identity.rhs),
    );
    for inst in instances {
        let key = |term: &'static str| {
            if terms_are_rows {
                (table, term, inst)
            } else {
                (table, inst, term)
            }
        };
        // Name the term that varies: the row for per-column identities, the column otherwise.
        let term = |k: Key| if terms_are_rows { k.1 } else { k.2 };
        let lhs = sum(g, lhs_terms.iter().map(|t| key(t)), term);
        let rhs = sum(g, rhs_terms.iter().map(|t| key(t)), term);
        let name = format!("{}:{}", identity.id, inst);
        let check = match (lhs, rhs) {
            (Ok(l), Ok(r)) => Check {
                check: name,
                status: if l == r {
                    CheckStatus::Pass
                } else {
                    CheckStatus::Fail
                },
                lhs: Some(l),
                rhs: Some(r),
                detail: if l == r {
                    String::new()
                } else {
                    format!("{}: {l} ≠ {r}", t.identity_text(identity))
                },
            },
            (l, r) => Check {
                check: name,
                status: CheckStatus::Skipped,
                lhs: l.as_ref().ok().copied(),
                rhs: r.as_ref().ok().copied(),
                detail: [l.err(), r.err()]
                    .into_iter()
                    .flatten()
                    .collect::<Vec<_>>()
                    .join("; "),
            },
        };
        checks.push(check);
    }
}

/// Subtotal rows the template does not print, one cell per column, when every term has a value.
pub fn derive(template: &Template, cells: &[Cell]) -> Vec<Cell> {
    let g = grid(cells);
    let mut out = Vec::new();
    for d in template.derived() {
        let from: Vec<&'static str> = template.members(d).collect();
        for col in template.table_cols(d.table) {
            if let Ok(total) = sum(&g, from.iter().map(|r| (d.table, *r, col)), |k: Key| k.1) {
                out.push(Cell {
                    key: crate::model::CellKey {
                        table: d.table,
                        row: d.key,
                        col,
                    },
                    value: Some(total.to_string()),
                    raw: String::new(),
                    method: Method::Derived,
                });
            }
        }
    }
    out
}

/// Soft checks: counts that are negative or fractional.
pub fn soft_checks(template: &Template, cells: &[Cell]) -> Vec<Warning> {
    let mut warnings = Vec::new();
    for c in cells.iter().filter(|c| c.method != Method::Derived) {
        let Some(v) = c.value.as_deref() else {
            continue;
        };
        let kind = template
            .col_def(c.key.table, c.key.col)
            .map_or(ValueKind::Count, |d| d.kind);
        if kind != ValueKind::Count {
            continue;
        }
        if v.contains('.') {
            // Kept as printed: a count with a decimal part is a typo or a unit slip, not ours to fix.
            warnings.push(Warning::new(
                WarningCode::NonInteger,
                format!("{}: {v} is not an integer (kept as printed)", c.key.flat()),
            ));
        } else if v.starts_with('-') {
            warnings.push(Warning::new(
                WarningCode::ImplausibleCount,
                format!("{}: {v} is a negative count", c.key.flat()),
            ));
        }
    }
    warnings
}

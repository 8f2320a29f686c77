/*!
Values of a generated report: every printed cell of a template, as printed and as the truth an
extractor should give. Section 三 and 四 values satisfy the identities (leaf cells are drawn, totals
derived), unless the report is generated to break one on purpose.
*/

use crate::model::{CellKey, TableId};
use crate::normalize::shift_decimal;
use crate::rng::Rng;
use crate::template::{Template, ValueKind};
use std::collections::HashMap;

/// How big the body is: a town's mostly-zero counts, or a province's large ones.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scale {
    Town,
    County,
    Province,
}

/// One cell: the text printed, and the value a correct extractor gives (`None`: no number).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Printed {
    pub text: String,
    pub truth: Option<String>,
}

impl Printed {
    fn number(v: i64) -> Self {
        Printed {
            text: v.to_string(),
            truth: Some(v.to_string()),
        }
    }
}

/// All printed cells of a report.
#[derive(Debug, Clone, Default)]
pub struct Values {
    pub cells: HashMap<CellKey, Printed>,
    /// The report breaks an identity on purpose.
    pub breaks_identity: bool,
}

impl Values {
    pub fn get(&self, key: &CellKey) -> Printed {
        self.cells.get(key).cloned().unwrap_or(Printed {
            text: String::new(),
            truth: None,
        })
    }
}

fn count(rng: &mut Rng, scale: Scale) -> i64 {
    match scale {
        Scale::Town => match rng.below(10) {
            0..=6 => 0,
            7..=8 => rng.below(4) as i64,
            _ => rng.below(30) as i64,
        },
        Scale::County => match rng.below(10) {
            0..=4 => 0,
            5..=8 => rng.below(40) as i64,
            _ => rng.below(400) as i64,
        },
        Scale::Province => match rng.below(10) {
            0..=2 => 0,
            3..=6 => rng.below(200) as i64,
            _ => rng.below(6000) as i64,
        },
    }
}

fn big(rng: &mut Rng, scale: Scale) -> i64 {
    match scale {
        Scale::Town => rng.below(300) as i64,
        Scale::County => rng.below(5000) as i64,
        Scale::Province => rng.below(4_000_000) as i64,
    }
}

/// Generates a report's values for a template.
pub fn generate(rng: &mut Rng, t: &Template, scale: Scale, breaks: bool) -> Values {
    let mut v = Values {
        breaks_identity: breaks,
        ..Values::default()
    };
    section_two(rng, t, scale, &mut v);
    section_three(rng, t, scale, &mut v, breaks);
    section_four(rng, t, scale, &mut v);
    v
}

fn key(table: TableId, row: &'static str, col: &'static str) -> CellKey {
    CellKey { table, row, col }
}

fn section_two(rng: &mut Rng, t: &Template, scale: Scale, v: &mut Values) {
    for row in t.s2.rows {
        let cols = row.cols;
        let in_force = big(rng, scale);
        for (i, col) in cols.iter().enumerate() {
            let kind = t
                .col_def(TableId::S2, col)
                .map_or(ValueKind::Count, |c| c.kind);
            let printed = match (*col, kind) {
                ("in_force" | "total_published", _) => Printed::number(in_force),
                ("issued" | "new_made" | "new_published", _) => {
                    Printed::number((count(rng, scale)).min(in_force))
                }
                ("procurement_amount_wan", _) => {
                    // Printed in 元 with fen, as real reports do; the truth is in 万元.
                    let yuan = rng.below(90_000_000) as i64 + 1000;
                    let fen = if rng.chance(1, 2) { rng.below(100) } else { 0 };
                    let text = if fen > 0 {
                        format!("{yuan}.{fen:02}元")
                    } else {
                        format!("{yuan}元")
                    };
                    let truth = shift_decimal(&yuan.to_string(), &format!("{fen:02}"), -4);
                    Printed {
                        text,
                        truth: Some(truth),
                    }
                }
                (_, ValueKind::MoneyWan) => {
                    let whole = big(rng, scale) / 10;
                    let places = rng.below(7) as usize;
                    let frac: String = (0..places)
                        .map(|_| char::from(b'0' + rng.below(10) as u8))
                        .collect();
                    let text = if frac.is_empty() {
                        whole.to_string()
                    } else {
                        format!("{whole}.{frac}")
                    };
                    Printed {
                        truth: Some(shift_decimal(&whole.to_string(), &frac, 0)),
                        text,
                    }
                }
                (_, ValueKind::Signed) => {
                    let n = rng.below(40) as i64 - 20;
                    let n = if rng.chance(1, 3) { 0 } else { n };
                    let text = if n > 0 && rng.chance(1, 2) {
                        format!("+{n}")
                    } else {
                        n.to_string()
                    };
                    Printed {
                        text,
                        truth: Some(n.to_string()),
                    }
                }
                _ => Printed::number(if i == 0 {
                    big(rng, scale)
                } else {
                    count(rng, scale)
                }),
            };
            v.cells.insert(key(TableId::S2, row.key, col), printed);
        }
    }
}

fn section_three(rng: &mut Rng, t: &Template, scale: Scale, v: &mut Values, breaks: bool) {
    let cols = t.table_cols(TableId::S3);
    let rows = t.table_rows(TableId::S3);
    let results: Vec<&str> = rows
        .iter()
        .copied()
        .filter(|r| r.starts_with("result.") && *r != "result.total")
        .collect();
    let mut grid: HashMap<(&str, &str), i64> = HashMap::new();
    for col in cols.iter().filter(|c| **c != "total") {
        let mut total = 0;
        for (i, row) in results.iter().enumerate() {
            // Real reports: most answers are granted or not held; other rows are mostly zero.
            let value = if i < 2 || *row == "result.unable.not_held" || rng.chance(1, 6) {
                count(rng, scale)
            } else {
                0
            };
            grid.insert((row, col), value);
            total += value;
        }
        let carried = if rng.chance(1, 3) {
            count(rng, scale).min(total)
        } else {
            0
        };
        let forward = if rng.chance(1, 3) {
            count(rng, scale)
        } else {
            0
        };
        grid.insert(("result.total", col), total);
        grid.insert(("carried_over", col), carried);
        grid.insert(("carry_forward", col), forward);
        grid.insert(("new_received", col), total + forward - carried);
    }
    for row in &rows {
        let sum: i64 = cols
            .iter()
            .filter(|c| **c != "total")
            .map(|c| grid.get(&(*row, *c)).copied().unwrap_or(0))
            .sum();
        grid.insert((row, "total"), sum);
    }
    if breaks {
        // As pingtan_2020 did: a total that its items do not add up to.
        if let Some(x) = grid.get_mut(&("result.total", "natural_person")) {
            *x += 1 + rng.below(5) as i64;
        }
    }
    for row in &rows {
        for col in &cols {
            let value = grid.get(&(*row, *col)).copied().unwrap_or(0);
            v.cells
                .insert(key(TableId::S3, row, col), Printed::number(value));
        }
    }
}

fn section_four(rng: &mut Rng, t: &Template, scale: Scale, v: &mut Values) {
    // Each row's last cell is its total.
    for r in t.s4.rows {
        let Some((total_col, outcomes)) = r.cols.split_last() else {
            continue;
        };
        let row = r.key;
        let mut total = 0;
        for col in outcomes {
            let n = if rng.chance(1, 3) {
                count(rng, scale) / 3
            } else {
                0
            };
            total += n;
            v.cells
                .insert(key(TableId::S4, row, col), Printed::number(n));
        }
        v.cells
            .insert(key(TableId::S4, row, total_col), Printed::number(total));
    }
}

/// Restyles some cells as real pages print them: blanks and null tokens for zeros (no value),
/// full-width digits, thousands separators. Only for formats that keep cell boundaries.
pub fn restyle(rng: &mut Rng, v: &mut Values) {
    let mut keys: Vec<CellKey> = v.cells.keys().copied().collect();
    keys.sort();
    for k in keys {
        // A blank makes the identities it touches `skipped`: keep a deliberate break visible.
        if v.breaks_identity && k.table == TableId::S3 {
            continue;
        }
        let Some(p) = v.cells.get_mut(&k) else {
            continue;
        };
        if p.text == "0" && k.table != TableId::S2 && rng.chance(1, 8) {
            let token = *rng.pick(&["", "", "/", "-", "—", "无", "--"]);
            p.text = token.to_string();
            p.truth = None;
        } else if p.text.len() >= 4
            && p.text.bytes().all(|b| b.is_ascii_digit())
            && rng.chance(1, 4)
        {
            let digits = p.text.clone();
            let mut out = String::new();
            for (i, ch) in digits.chars().enumerate() {
                if i > 0 && (digits.len() - i) % 3 == 0 {
                    out.push(',');
                }
                out.push(ch);
            }
            p.text = out;
        } else if p.text.bytes().all(|b| b.is_ascii_digit())
            && !p.text.is_empty()
            && rng.chance(1, 30)
        {
            p.text = p
                .text
                .chars()
                .map(|c| char::from_u32(c as u32 - '0' as u32 + '０' as u32).unwrap_or(c))
                .collect();
        }
    }
}

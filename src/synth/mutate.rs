/*!
Real-world variants of a correct report, as data: each mutation is a named function of a rendered
report (HTML or loose text, UTF-8) and a random source, returning the damaged document. The
metamorphic test (`tests/metamorphic.rs`) extracts a report and its mutation and compares their
cells: a mutation that keeps the information (`Effect::Exact`) must give exactly the same cells;
one that destroys it may leave cells empty, with a warning, but never give a different value.
*/

use super::render::Dialect;
use super::{GeneratedDoc, Kind};
use crate::model::TemplateId;
use crate::normalize::{parse_cell, CellValue};
use crate::rng::Rng;
use crate::template::ValueKind;

/// The formats a mutation applies to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Applies {
    /// An HTML page or fragment as the generator renders it.
    Html,
    /// An HTML report whose template prints as its rows a group that another template prints as
    /// one row (2021's （六）其他处理, one row in 2019): the mutation prints the group so.
    HtmlGroupRows,
    /// Cell-per-line text with a `|` line after each cell.
    CellBar,
    /// Space-separated text, one printed row per line (what a PDF text layer resembles).
    Spaced,
}

/// What a mutation does to the information a report holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Effect {
    /// Same cells, agency and year as the report it came from.
    Exact,
    /// Cells may be missing or empty — then a warning or a `partial` status says so — but a
    /// value is never different.
    Lossy,
    /// At most one cell (the damaged one) is empty, with a warning, or kept as printed with a
    /// `non_integer` warning; the rest exact.
    OneCell,
    /// The page ends inside table 三: every row before the cut is read; cells from the cut on may
    /// be missing, the report `partial`.
    Truncated,
    /// Section 四's values are printed as null tokens: its cells are empty, the rest exact.
    NullS4,
    /// A second, different table 三: a warning with one of these codes, and no value that is not
    /// the first table's.
    Conflict(&'static [&'static str]),
    /// 2021 （六）其他处理 printed as one row: `result.other` holds the sum of the three rows,
    /// with a warning; everything else exact.
    OtherAsOneRow,
}

impl Effect {
    /// Its name in `truth_mutations.csv`.
    pub fn as_str(self) -> &'static str {
        match self {
            Effect::Exact => "exact",
            Effect::Lossy => "lossy",
            Effect::OneCell => "one_cell",
            Effect::Truncated => "truncated",
            Effect::NullS4 => "null_s4",
            Effect::Conflict(_) => "conflict",
            Effect::OtherAsOneRow => "other_as_one_row",
        }
    }
}

/// A damaged document and the charset named outside its bytes (an HTTP header).
#[derive(Debug, Clone)]
pub struct Mutated {
    /// The damaged document.
    pub bytes: Vec<u8>,
    /// The charset an HTTP header would name, if the mutation sets one.
    pub charset_hint: Option<&'static str>,
    /// The encoding of `bytes` when the mutation re-encodes the page (else UTF-8).
    pub encoding: Option<&'static str>,
}

impl Mutated {
    fn text(s: String) -> Option<Mutated> {
        Some(Mutated {
            bytes: s.into_bytes(),
            charset_hint: None,
            encoding: None,
        })
    }
}

/// One named mutation.
pub struct Mutation {
    /// Its name, as tests and the README list it.
    pub name: &'static str,
    /// The documents it applies to.
    pub applies: Applies,
    /// What it does to the report's information.
    pub effect: Effect,
    /// `None` when the document has nothing the mutation could change.
    pub apply: fn(&str, &mut Rng) -> Option<Mutated>,
}

/// Every mutation, in the order the README lists them.
pub const MUTATIONS: &[Mutation] = &[
    Mutation {
        name: "trailing_empty_td",
        applies: Applies::Html,
        effect: Effect::Exact,
        apply: trailing_empty_td,
    },
    Mutation {
        name: "s4_null_row",
        applies: Applies::Html,
        effect: Effect::NullS4,
        apply: s4_null_row,
    },
    Mutation {
        name: "s4_null_row_trailing_td",
        applies: Applies::Html,
        effect: Effect::NullS4,
        apply: |s, rng| {
            let m = s4_null_row(s, rng)?;
            trailing_empty_td(std::str::from_utf8(&m.bytes).ok()?, rng)
        },
    },
    Mutation {
        name: "one_table",
        applies: Applies::Html,
        effect: Effect::Exact,
        apply: one_table,
    },
    Mutation {
        name: "one_table_s4_null",
        applies: Applies::Html,
        effect: Effect::NullS4,
        apply: |s, rng| {
            let m = s4_null_row(s, rng)?;
            let m = trailing_empty_td(std::str::from_utf8(&m.bytes).ok()?, rng)?;
            one_table(std::str::from_utf8(&m.bytes).ok()?, rng)
        },
    },
    Mutation {
        name: "split_spans",
        applies: Applies::Html,
        effect: Effect::Exact,
        apply: split_spans,
    },
    Mutation {
        name: "nested_value_table",
        applies: Applies::Html,
        effect: Effect::OneCell,
        apply: nested_value_table,
    },
    Mutation {
        name: "unclosed_tables",
        applies: Applies::Html,
        effect: Effect::Exact,
        apply: |s, _| Mutated::text(s.replace("</tbody></table>", "")),
    },
    Mutation {
        name: "truncated_in_s3",
        applies: Applies::Html,
        effect: Effect::Truncated,
        apply: truncated_in_s3,
    },
    Mutation {
        name: "odd_cell",
        applies: Applies::Html,
        effect: Effect::OneCell,
        apply: odd_cell,
    },
    Mutation {
        name: "label_no_numbering",
        applies: Applies::Html,
        effect: Effect::Exact,
        apply: |s, _| {
            let t = s.replace("（七）总计", "总计").replace("3.其他", "其他");
            (t != s).then_some(())?;
            Mutated::text(t)
        },
    },
    Mutation {
        name: "label_quotes",
        applies: Applies::Html,
        effect: Effect::Exact,
        apply: |s, rng| {
            let (open, close) =
                *rng.pick(&[("‘", "’"), ("「", "」"), ("\"", "\""), ("&quot;", "&quot;")]);
            let t = s.replace("“三安全一稳定”", &format!("{open}三安全一稳定{close}"));
            (t != s).then_some(())?;
            Mutated::text(t)
        },
    },
    Mutation {
        name: "numeric_entities",
        applies: Applies::Html,
        effect: Effect::Exact,
        apply: |s, _| {
            in_tables(s, |t| {
                t.replace('（', "&#65288;")
                    .replace('）', "&#xFF09;")
                    .replace('、', "&#12289;")
            })
        },
    },
    Mutation {
        name: "halfwidth_brackets",
        applies: Applies::Html,
        effect: Effect::Exact,
        apply: |s, _| in_tables(s, |t| t.replace('（', "(").replace('）', ")")),
    },
    Mutation {
        name: "second_table3",
        applies: Applies::Html,
        effect: Effect::Conflict(&["several_reports", "conflicting_tables"]),
        apply: second_table3,
    },
    Mutation {
        name: "decimal_count",
        applies: Applies::Html,
        effect: Effect::OneCell,
        apply: |s, rng| one_value(s, rng, |v| format!("{v}.5")),
    },
    Mutation {
        name: "comma_decimal",
        applies: Applies::Html,
        effect: Effect::OneCell,
        apply: |s, rng| one_value(s, rng, |v| format!("0,{v}")),
    },
    Mutation {
        name: "unit_suffix",
        applies: Applies::Html,
        effect: Effect::Exact,
        apply: |s, rng| {
            // Each form in turn, from a random one, so every report shows `821（件）`.
            let units = ["（件）", "件", "(件)"];
            let next = std::cell::Cell::new(rng.below(3) as usize);
            in_s3_values(s, |v| {
                let unit = units[next.get() % units.len()];
                next.set(next.get() + 1);
                format!("{v}{unit}")
            })
        },
    },
    Mutation {
        name: "chinese_zero",
        applies: Applies::Html,
        effect: Effect::Exact,
        apply: |s, _| in_s3_values(s, |v| if v == "0" { "〇".into() } else { v.into() }),
    },
    Mutation {
        name: "gbk_labelled_latin1",
        applies: Applies::Html,
        effect: Effect::Exact,
        apply: |s, rng| {
            let label = *rng.pick(&["ISO-8859-1", "iso-8859-1", "latin1", "windows-1252"]);
            let page = with_meta(s, label);
            Some(Mutated {
                bytes: encoding_rs::GBK.encode(&page).0.into_owned(),
                charset_hint: None,
                encoding: Some("gbk"),
            })
        },
    },
    Mutation {
        name: "gbk_http_latin1",
        applies: Applies::Html,
        effect: Effect::Exact,
        apply: |s, rng| {
            let label = *rng.pick(&["ISO-8859-1", "windows-1252"]);
            Some(Mutated {
                bytes: encoding_rs::GBK.encode(&without_meta(s)).0.into_owned(),
                charset_hint: Some(label),
                encoding: Some("gbk"),
            })
        },
    },
    Mutation {
        name: "utf16le_nobom",
        applies: Applies::Html,
        effect: Effect::Exact,
        apply: |s, _| utf16(&with_meta(s, "utf-16"), false),
    },
    Mutation {
        name: "utf16be_nobom",
        applies: Applies::Html,
        effect: Effect::Exact,
        apply: |s, _| utf16(&with_meta(s, "utf-16be"), true),
    },
    Mutation {
        name: "other_as_one_row",
        applies: Applies::HtmlGroupRows,
        effect: Effect::OtherAsOneRow,
        apply: other_as_one_row,
    },
    Mutation {
        name: "title_notice",
        applies: Applies::Html,
        effect: Effect::Exact,
        apply: |s, rng| {
            retitle(s, |t| match rng.below(2) {
                0 => format!("关于印发《{}》的通知", t.plain()),
                _ => format!("{}办公室关于印发《{}》的通知", t.agency, t.plain()),
            })
        },
    },
    Mutation {
        name: "title_tag",
        applies: Applies::Html,
        effect: Effect::Exact,
        apply: |s, rng| {
            let tag = *rng.pick(&[
                "【年报】",
                "【年度报告】",
                "[年报] ",
                "【政府信息公开年报】",
            ]);
            retitle(s, |t| format!("{tag}{}", t.plain()))
        },
    },
    Mutation {
        name: "title_issuer_about",
        applies: Applies::Html,
        effect: Effect::Exact,
        apply: |s, _| retitle(s, |t| format!("{}办公室关于{}", t.agency, t.plain())),
    },
    Mutation {
        name: "title_year_after",
        applies: Applies::Html,
        effect: Effect::Exact,
        apply: |s, rng| {
            let style = rng.below(3);
            retitle(s, |t| {
                let (agency, year) = (&t.agency, t.year);
                // `某县人民政府信息公开…`: the body's 政府 doubles as the report's.
                let gov = if agency.ends_with("人民政府") && style == 2 {
                    ""
                } else {
                    "政府"
                };
                match style {
                    0 => format!("{agency}{gov}信息公开工作年度报告（{year}年）"),
                    _ => format!("{agency}{gov}信息公开工作{year}年度报告"),
                }
            })
        },
    },
    Mutation {
        name: "title_chinese_year",
        applies: Applies::Html,
        effect: Effect::Exact,
        apply: |s, rng| {
            let zero = *rng.pick(&['〇', '○', '零']);
            let before = rng.chance(1, 2);
            retitle(s, |t| {
                let digits = "〇一二三四五六七八九";
                let cn: String = t
                    .year
                    .to_string()
                    .chars()
                    .map(|d| match d.to_digit(10) {
                        Some(0) | None => zero,
                        Some(n) => digits.chars().nth(n as usize).unwrap_or(zero),
                    })
                    .collect();
                if before {
                    format!("{cn}年{}政府信息公开工作年度报告", t.agency)
                } else {
                    format!("{}{cn}年度政府信息公开工作年度报告", t.agency)
                }
            })
        },
    },
    Mutation {
        name: "cellbar_headers_follow",
        applies: Applies::CellBar,
        effect: Effect::Exact,
        apply: |s, _| {
            // Rows not separated by an empty line: a header line follows a row's last value. An
            // empty line followed by a bar is a blank cell, and stays.
            let lines: Vec<&str> = s.lines().collect();
            let kept: Vec<&str> = lines
                .iter()
                .enumerate()
                .filter(|&(i, l)| {
                    !(l.is_empty()
                        && i > 0
                        && lines[i - 1] == "|"
                        && lines.get(i + 1) != Some(&"|"))
                })
                .map(|(_, l)| *l)
                .collect();
            (kept.len() < lines.len()).then_some(())?;
            Mutated::text(kept.join("\n") + "\n")
        },
    },
];

impl Mutation {
    /// Whether it applies to a generated report of `kind` printed in `template`: the HTML
    /// mutations to UTF-8 pages and fragments, the text ones to their dialect.
    pub fn applies_to(&self, kind: Kind, template: TemplateId) -> bool {
        let html = matches!(kind, Kind::HtmlUtf8Meta | Kind::HtmlUtf8Fragment);
        match self.applies {
            Applies::Html => html,
            Applies::HtmlGroupRows => html && prints_group_rows(template),
            Applies::CellBar => kind == Kind::Text(Dialect::CellBar),
            Applies::Spaced => kind == Kind::Text(Dialect::Spaced),
        }
    }
}

/// Whether a template prints as rows a group that another template prints as one row.
fn prints_group_rows(id: TemplateId) -> bool {
    let Some(t) = crate::template::template(id) else {
        return false;
    };
    t.derived().any(|g| {
        crate::template::TEMPLATES
            .iter()
            .any(|other| other.row(g.table, g.key).is_some())
    })
}

/// The mutation named `name`.
pub fn by_name(name: &str) -> Option<&'static Mutation> {
    MUTATIONS.iter().find(|m| m.name == name)
}

/// Which mutations the generator applies (`ogi synth --mutate`).
#[derive(Debug, Clone)]
pub enum Choice {
    /// These, in order, each where it applies.
    Named(Vec<&'static str>),
    /// One drawn at random from those that apply to the document.
    Random,
}

impl Choice {
    /// Parses `random` or a comma-separated list of mutation names.
    pub fn parse(s: &str) -> Result<Choice, String> {
        if s == "random" {
            return Ok(Choice::Random);
        }
        let names: Vec<&'static str> = s
            .split(',')
            .map(|n| {
                by_name(n.trim()).map(|m| m.name).ok_or_else(|| {
                    let all: Vec<&str> = MUTATIONS.iter().map(|m| m.name).collect();
                    format!(
                        "unknown mutation {:?}; known: random, {}",
                        n.trim(),
                        all.join(", ")
                    )
                })
            })
            .collect::<Result<_, _>>()?;
        Ok(Choice::Named(names))
    }
}

/// The mutations a generated document got.
#[derive(Debug, Clone, Default)]
pub struct Applied {
    /// The mutations' names, in the order applied.
    pub names: Vec<&'static str>,
    /// Their effects (`Effect::as_str`).
    pub effects: Vec<&'static str>,
    /// The charset an HTTP header would name (the written file does not carry it).
    pub charset_hint: Option<&'static str>,
}

/// Applies `choice` to document `index` of the corpus `seed`, in place. Its own random source,
/// so the unmutated document stays the one `generate_one` gives.
pub fn mutate_doc(doc: &mut GeneratedDoc, choice: &Choice, seed: u64, index: u64) -> Applied {
    let mut applied = Applied::default();
    if doc.truth.status != "ok" {
        return applied;
    }
    let mut rng = Rng::for_item(seed ^ 0x6d75_7461_7465, index);
    let fits = |m: &&Mutation| m.applies_to(doc.kind, doc.truth.template);
    let picked: Vec<&'static Mutation> = match choice {
        Choice::Random => {
            let fit: Vec<&'static Mutation> = MUTATIONS.iter().filter(fits).collect();
            if fit.is_empty() {
                return applied;
            }
            vec![*rng.pick(&fit)]
        }
        Choice::Named(names) => names
            .iter()
            .filter_map(|n| by_name(n))
            .filter(fits)
            .collect(),
    };
    for m in picked {
        // A mutation that re-encodes the page ends the chain: the next ones rewrite UTF-8.
        let Ok(text) = std::str::from_utf8(&doc.bytes) else {
            break;
        };
        let Some(out) = (m.apply)(text, &mut rng) else {
            continue;
        };
        doc.bytes = out.bytes;
        if let Some(e) = out.encoding {
            doc.truth.encoding = e;
        }
        applied.names.push(m.name);
        applied.effects.push(m.effect.as_str());
        applied.charset_hint = applied.charset_hint.or(out.charset_hint);
    }
    applied
}

/// The agency and year of a generated report's title.
struct Title {
    agency: String,
    year: u16,
}

impl Title {
    fn plain(&self) -> String {
        format!("{}{}年政府信息公开工作年度报告", self.agency, self.year)
    }
}

/// Rewrites the report's title (its heading and the page's `<title>`) as `f` prints it.
fn retitle(s: &str, f: impl FnOnce(&Title) -> String) -> Option<Mutated> {
    let open = "<h1 class=\"title\">";
    let at = s.find(open)? + open.len();
    let old = &s[at..at + s[at..].find("</h1>")?];
    let year: u16 = old.get(old.find(['1', '2'])?..)?.get(..4)?.parse().ok()?;
    let agency = old
        .replacen(&format!("{year}年"), "", 1)
        .strip_suffix("政府信息公开工作年度报告")?
        .to_string();
    let new = f(&Title { agency, year });
    Mutated::text(s.replace(old, &new))
}

/// Byte ranges of the report's tables (`<table border=…>` to its `</table>`), in order.
fn table_ranges(s: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(i) = s[from..].find("<table border=") {
        let start = from + i;
        let Some(j) = s[start..].find("</table>") else {
            break;
        };
        let end = start + j + "</table>".len();
        out.push((start, end));
        from = end;
    }
    out
}

/// Rewrites the text of the report's tables.
fn in_tables(s: &str, f: impl Fn(&str) -> String) -> Option<Mutated> {
    let ranges = table_ranges(s);
    if ranges.is_empty() {
        return None;
    }
    let mut out = String::with_capacity(s.len() + 1024);
    let mut at = 0;
    for (a, b) in ranges {
        out.push_str(&s[at..a]);
        out.push_str(&f(&s[a..b]));
        at = b;
    }
    out.push_str(&s[at..]);
    Mutated::text(out)
}

/// The value cells' texts of one table (`<p>TEXT</p></td>` holding a digit), as byte ranges.
fn value_cells(s: &str, (a, b): (usize, usize)) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut from = a;
    while let Some(i) = s[from..b].find("<p>") {
        let start = from + i + 3;
        let Some(j) = s[start..b].find("</p></td>") else {
            break;
        };
        let text = &s[start..start + j];
        if !text.is_empty() && text.chars().all(|c| c.is_ascii_digit() || c == ',') {
            out.push((start, start + j));
        }
        from = start + j;
    }
    out
}

/// Replaces byte ranges (sorted, disjoint) of `s`.
fn replace_ranges(s: &str, ranges: &[(usize, usize)], f: impl Fn(&str) -> String) -> String {
    let mut out = String::with_capacity(s.len() + ranges.len() * 16);
    let mut at = 0;
    for &(a, b) in ranges {
        out.push_str(&s[at..a]);
        out.push_str(&f(&s[a..b]));
        at = b;
    }
    out.push_str(&s[at..]);
    out
}

/// Rewrites every value cell of table 三.
fn in_s3_values(s: &str, f: impl Fn(&str) -> String) -> Option<Mutated> {
    let t = *table_ranges(s).get(1)?;
    let cells = value_cells(s, t);
    let out = replace_ranges(s, &cells, f);
    (out != s).then_some(())?;
    Mutated::text(out)
}

/// Rewrites one value cell of table 三 holding a plain number of two digits or more.
fn one_value(s: &str, rng: &mut Rng, f: impl Fn(&str) -> String) -> Option<Mutated> {
    let t = *table_ranges(s).get(1)?;
    let cells: Vec<(usize, usize)> = value_cells(s, t)
        .into_iter()
        .filter(|&(a, b)| b - a >= 2 && s[a..b].bytes().all(|c| c.is_ascii_digit()))
        .collect();
    if cells.is_empty() {
        return None;
    }
    let pick = *rng.pick(&cells);
    Mutated::text(replace_ranges(s, &[pick], f))
}

fn trailing_empty_td(s: &str, _: &mut Rng) -> Option<Mutated> {
    in_tables(s, |t| t.replace("</tr>", "<td></td></tr>"))
}

fn s4_null_row(s: &str, rng: &mut Rng) -> Option<Mutated> {
    let (a, b) = *table_ranges(s).get(2)?;
    let last_row = a + s[a..b].rfind("<tr>")?;
    let token = *rng.pick(&["/", "-", "—"]);
    let cells: Vec<(usize, usize)> = value_cells(s, (last_row, b));
    if cells.is_empty() {
        return None;
    }
    // Cells printed as blanks or null tokens already are not value cells: null them all.
    let mut out = String::with_capacity(s.len());
    out.push_str(&s[..last_row]);
    let mut row = String::new();
    let mut rest = &s[last_row..b];
    while let Some(i) = rest.find("<p>") {
        row.push_str(&rest[..i + 3]);
        rest = &rest[i + 3..];
        let j = rest.find("</p>").unwrap_or(0);
        row.push_str(token);
        rest = &rest[j..];
    }
    row.push_str(rest);
    out.push_str(&row);
    out.push_str(&s[b..]);
    Mutated::text(out)
}

/// The three tables as one: the headings of 三 and 四 become rows spanning the table.
fn one_table(s: &str, _: &mut Rng) -> Option<Mutated> {
    let ranges = table_ranges(s);
    if ranges.len() != 3 {
        return None;
    }
    let mut out = String::with_capacity(s.len());
    out.push_str(&s[..ranges[0].1 - "</tbody></table>".len()]);
    for w in 1..3 {
        let between = &s[ranges[w - 1].1..ranges[w].0];
        let heading = between
            .split("<strong>")
            .nth(1)
            .and_then(|h| h.split("</strong>").next())
            .unwrap_or("");
        out.push_str(&format!(
            "<tr><td colspan=\"15\"><p>{heading}</p></td></tr>\n"
        ));
        let (a, b) = ranges[w];
        let body_start = a + s[a..b].find("<tbody>")? + "<tbody>".len();
        let body_end = if w == 2 {
            b
        } else {
            b - "</tbody></table>".len()
        };
        out.push_str(&s[body_start..body_end]);
    }
    out.push_str(&s[ranges[2].1..]);
    Mutated::text(out)
}

fn split_spans(s: &str, _: &mut Rng) -> Option<Mutated> {
    let mut cells = Vec::new();
    for t in table_ranges(s) {
        cells.extend(value_cells(s, t).into_iter().filter(|&(a, b)| b - a >= 2));
    }
    if cells.is_empty() {
        return None;
    }
    Mutated::text(replace_ranges(s, &cells, |v| {
        v.chars().map(|c| format!("<span>{c}</span>")).collect()
    }))
}

fn nested_value_table(s: &str, rng: &mut Rng) -> Option<Mutated> {
    let t = *table_ranges(s).get(1)?;
    let cells = value_cells(s, t);
    if cells.is_empty() {
        return None;
    }
    let pick = *rng.pick(&cells);
    Mutated::text(replace_ranges(s, &[pick], |v| {
        format!("<table><tr><td>{v}</td></tr></table>")
    }))
}

/// The page cut inside a row of table 三, as a truncated download leaves it.
fn truncated_in_s3(s: &str, rng: &mut Rng) -> Option<Mutated> {
    let s = &s.replace("<br/>", "");
    let (a, b) = *table_ranges(s).get(1)?;
    // Rows before （二）部分公开 are always complete (the metamorphic test checks them).
    let label = *rng.pick(&["（二）部分公开", "2.重复申请", "（七）总计"]);
    let at = a + s[a..b].find(label)?;
    let row = a + s[a..at].rfind("<tr>")?;
    let end = s[row..].find("</tr>").map_or(b, |e| row + e);
    let mut cut = row + (end - row) / 2;
    while !s.is_char_boundary(cut) {
        cut -= 1;
    }
    Mutated::text(s[..cut].to_string())
}

/// One cell of table 三 printed oddly: digits split by a space or a line break, or a stray mark.
fn odd_cell(s: &str, rng: &mut Rng) -> Option<Mutated> {
    let style = rng.below(3);
    one_value(s, rng, |v| {
        let (head, tail) = v.split_at(1);
        match style {
            0 => format!("{head} {tail}"),
            1 => format!("{head}<br>{tail}"),
            _ => format!("{v}/"),
        }
    })
}

/// A second table 三 after section 四, each number one more than in the first.
fn second_table3(s: &str, _: &mut Rng) -> Option<Mutated> {
    let ranges = table_ranges(s);
    let (a, b) = *ranges.get(1)?;
    let (_, end4) = *ranges.get(2)?;
    let cells = value_cells(s, (a, b));
    let copy = replace_ranges(&s[..b], &cells, |v| {
        let n: u64 = v.replace(',', "").parse().unwrap_or(0);
        (n + 1).to_string()
    });
    let mut out = String::with_capacity(s.len() * 2);
    out.push_str(&s[..end4]);
    out.push_str("\n<p><strong>三、收到和处理政府信息公开申请情况</strong></p>\n");
    out.push_str(&copy[a..]);
    out.push_str(&s[end4..]);
    Mutated::text(out)
}

/// The page with its charset declaration set to `label` (added if it has none).
fn with_meta(s: &str, label: &str) -> String {
    let stripped = without_meta(s);
    let meta = format!("<meta http-equiv=\"Content-Type\" content=\"text/html; charset={label}\">");
    match stripped.find("<head>") {
        Some(i) => format!("{}{meta}{}", &stripped[..i + 6], &stripped[i + 6..]),
        None => format!("{meta}\n{stripped}"),
    }
}

/// The page without its charset declaration.
fn without_meta(s: &str) -> String {
    let mut out = s.to_string();
    for (open, close) in [
        ("<meta charset=", ">"),
        ("<meta http-equiv=\"Content-Type\"", ">"),
    ] {
        if let Some(i) = out.find(open) {
            if let Some(j) = out[i..].find(close) {
                out.replace_range(i..i + j + close.len(), "");
            }
        }
    }
    out
}

fn utf16(s: &str, big_endian: bool) -> Option<Mutated> {
    let mut bytes = Vec::with_capacity(s.len() * 2);
    for unit in s.encode_utf16() {
        bytes.extend_from_slice(&if big_endian {
            unit.to_be_bytes()
        } else {
            unit.to_le_bytes()
        });
    }
    Some(Mutated {
        bytes,
        charset_hint: None,
        encoding: Some(if big_endian { "utf-16be" } else { "utf-16le" }),
    })
}

/// 2021's three （六）其他处理 rows printed as one row holding their sums.
fn other_as_one_row(s: &str, _: &mut Rng) -> Option<Mutated> {
    let s = &s.replace("<br/>", "");
    let (a, b) = *table_ranges(s).get(1)?;
    let first = a + s[a..b].find("（六）其他处理")?;
    let row_start = a + s[a..first].rfind("<tr>")?;
    // The group's three rows end where （七）总计's row starts.
    let total = row_start + s[row_start..b].find("（七）总计")?;
    let row_end = row_start + s[row_start..total].rfind("<tr>")?;
    let mut sums = [0u64; 7];
    for (k, r) in s[row_start..row_end].split("<tr>").skip(1).enumerate() {
        let vals: Vec<&str> = r
            .split("<p>")
            .skip(1)
            .filter_map(|c| c.split("</p>").next())
            .collect();
        let n = vals.len();
        if n < 7 || k > 2 {
            return None;
        }
        for (i, v) in vals[n - 7..].iter().enumerate() {
            // A blank or null cell counts as nothing, as the derived subtotal counts it.
            if let CellValue::Number(n) = parse_cell(v, ValueKind::Count) {
                sums[i] += n.parse::<u64>().ok()?;
            }
        }
    }
    let mut row = String::from(
        "<tr><td colspan=\"2\" style=\"text-align:center\"><p>（六）其他处理</p></td>",
    );
    for v in sums {
        row.push_str(&format!("<td style=\"text-align:center\"><p>{v}</p></td>"));
    }
    row.push_str("</tr>\n");
    Mutated::text(format!("{}{row}{}", &s[..row_start], &s[row_end..]))
}

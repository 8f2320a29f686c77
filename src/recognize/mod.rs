/*!
Recognition: finds the report's sections in the laid-out text, decides which template each table
follows, and reads every printed row's value pieces. Everything here is driven by the template
data in `crate::template`; nothing names a particular template's labels.

Stages, each its own module: `labels` (label text → tolerant regex), `values` (the pieces after a
label), `meta` (title, agency, year). This module holds the section regions and the row reader.
*/

pub mod labels;
pub mod meta;
pub mod values;

use crate::layout::Layout;
use crate::model::{CellKey, TableId, Warning, WarningCode};
use crate::template::{self, HeaderedRow, LabeledTable, Template, TEMPLATES};
use labels::{Compact, Spacing};
use regex::Regex;
use std::sync::LazyLock;
use values::{read_values, RowValues};

pub use meta::Meta;

/// One printed row as read: the keys of its cells and the pieces found after its label.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowRead {
    /// Printed row key (`new_received`), or the table key for section 四's single row.
    pub row: &'static str,
    pub keys: Vec<CellKey>,
    pub values: RowValues,
}

/// A table as read with one template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableRead {
    pub table: TableId,
    pub template: &'static Template,
    pub rows: Vec<RowRead>,
    /// Printed rows of the template whose label was not found.
    pub missing: Vec<&'static str>,
}

/// What recognition found in one document.
#[derive(Debug, Clone, Default)]
pub struct Recognition {
    /// The report's template: the one its tables follow (section 三's, else section 二's).
    pub template: Option<&'static Template>,
    pub tables: Vec<TableRead>,
    pub meta: Meta,
    pub warnings: Vec<Warning>,
    /// A word of a pre-2019 form, when one is present.
    pub legacy_marker: Option<&'static str>,
    /// The page says the report is an image (`图片版`) or an attachment.
    pub image_only: bool,
}

/// Regexes for one template, compiled once. Row labels and markers are searched in the
/// whitespace-free copy of a section (`Compact`).
struct Compiled {
    template: &'static Template,
    s2_rows: Vec<Regex>,
    s2_markers: Vec<Regex>,
    s3_rows: Vec<Regex>,
}

/// The recognizer of a set of templates: their patterns, compiled once.
pub struct Recognizer {
    /// The templates, newest first: the first is taken when a report's own is not known.
    templates: Vec<&'static Template>,
    per_template: Vec<Compiled>,
    headings: [Regex; 4],
    s3_anchor: Regex,
    s4_anchor: Regex,
    s4_header: Regex,
    legacy: Vec<(Regex, &'static str)>,
    image_only: Regex,
    section_headings: template::Headings,
}

impl std::fmt::Debug for Recognizer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let ids: Vec<_> = self.templates.iter().map(|t| t.id).collect();
        f.debug_struct("Recognizer")
            .field("templates", &ids)
            .finish()
    }
}

fn compile(pattern: &str) -> Regex {
    // Patterns come from the static template tables; a failure is a bug caught by every test.
    Regex::new(pattern).unwrap_or_else(|e| panic!("template pattern {pattern:?}: {e}"))
}

fn row_regexes(table: &LabeledTable) -> Vec<Regex> {
    table
        .rows
        .iter()
        .map(|r| compile(&labels::labels_pattern(r.labels, Spacing::Removed)))
        .collect()
}

/// One regex matching any of the templates' patterns for one thing (most templates share
/// theirs: then it is that pattern as it is).
fn any_of<'a>(patterns: impl Iterator<Item = &'a str>) -> Regex {
    let mut distinct: Vec<&str> = Vec::new();
    for p in patterns {
        if !distinct.contains(&p) {
            distinct.push(p);
        }
    }
    match distinct.as_slice() {
        [one] => compile(one),
        many => compile(
            &many
                .iter()
                .map(|p| format!("(?:{p})"))
                .collect::<Vec<_>>()
                .join("|"),
        ),
    }
}

impl Recognizer {
    /// Compiles the patterns of `templates` (newest first; at least one).
    pub fn new(templates: &[&'static Template]) -> Self {
        let sections = |pick: fn(&template::Sections) -> &'static str| {
            any_of(templates.iter().map(move |t| pick(&t.sections)))
        };
        let mut header_terms: Vec<&str> = Vec::new();
        for t in templates {
            for term in t.s4.header_terms {
                if !header_terms.contains(term) {
                    header_terms.push(term);
                }
            }
        }
        header_terms.sort_by_key(|t| std::cmp::Reverse(t.chars().count()));
        let alts: Vec<String> = header_terms
            .iter()
            .map(|t| labels::label_pattern(t))
            .collect();
        Recognizer {
            templates: templates.to_vec(),
            per_template: templates
                .iter()
                .map(|t| Compiled {
                    template: t,
                    s2_rows: row_regexes(&t.s2),
                    s2_markers: t
                        .s2_markers
                        .iter()
                        .map(|m| compile(&labels::spaced_label_pattern(m, Spacing::Removed)))
                        .collect(),
                    s3_rows: row_regexes(&t.s3),
                })
                .collect(),
            headings: [
                sections(|s| s.s2),
                sections(|s| s.s3),
                sections(|s| s.s4),
                sections(|s| s.s5),
            ],
            s3_anchor: sections(|s| s.s3_anchor),
            s4_anchor: sections(|s| s.s4_anchor),
            s4_header: compile(&format!("(?:{})", alts.join("|"))),
            legacy: template::LEGACY_MARKERS
                .iter()
                .map(|m| (compile(&labels::label_pattern(m)), *m))
                .collect(),
            image_only: compile(r"[（(]\s*图\s*片\s*版\s*[）)]"),
            section_headings: template::Headings::new(templates),
        }
    }

    /// The recognizer of the built-in templates.
    pub fn builtin() -> &'static Recognizer {
        static BUILTIN: LazyLock<Recognizer> = LazyLock::new(|| Recognizer::new(&TEMPLATES));
        &BUILTIN
    }

    /// The templates' section headings, for laying out loose text.
    pub fn headings(&self) -> &template::Headings {
        &self.section_headings
    }

    /// The templates, newest first.
    pub fn templates(&self) -> &[&'static Template] {
        &self.templates
    }

    /// The template of a report whose own is not known: the newest.
    pub fn newest(&self) -> &'static Template {
        self.templates[0]
    }
}

/// Byte ranges of the three tables' sections in the stream.
#[derive(Debug, Clone, Copy, Default)]
struct Regions {
    s2: (usize, usize),
    s3: (usize, usize),
    s4: (usize, usize),
}

fn find_from(re: &Regex, text: &str, from: usize) -> Option<(usize, usize)> {
    re.find_at(text, from).map(|m| (m.start(), m.end()))
}

fn regions(sh: &Recognizer, stream: &str) -> Regions {
    let len = stream.len();
    let h2 = find_from(&sh.headings[0], stream, 0);
    let s2_start = h2.map_or(0, |(s, _)| s);
    let s3_start = find_from(&sh.headings[1], stream, s2_start)
        .or_else(|| find_from(&sh.s3_anchor, stream, s2_start))
        .map_or(len, |(s, _)| s);
    let s4_from = if s3_start < len { s3_start } else { s2_start };
    let s4_start = find_from(&sh.headings[2], stream, s4_from)
        .or_else(|| find_from(&sh.s4_anchor, stream, s4_from))
        .map_or(len, |(s, _)| s);
    let s5_from = if s4_start < len { s4_start } else { s4_from };
    // Section 四 ends at section 五, or at a second section 三 (another report on the page).
    let s5_start = find_from(&sh.headings[3], stream, s5_from).map_or(len, |(s, _)| s);
    let s4_end = if s4_start < len {
        find_from(&sh.headings[1], stream, s4_start).map_or(s5_start, |(s, _)| s.min(s5_start))
    } else {
        s5_start
    };
    let s3_end = s4_start.min(s5_start.max(s3_start));
    Regions {
        s2: (s2_start, s3_start.min(s4_start).min(s5_start.max(s2_start))),
        s3: (s3_start.min(len), s3_end.max(s3_start.min(len))),
        s4: (s4_start, s4_end.max(s4_start)),
    }
}

/// Characters after a number that mark prose, not a table (`主动公开规章13件`).
fn is_prose_unit(ch: char) -> bool {
    "件条个项篇次人家户份万元亿%％年月日".contains(ch)
}

/// Reads a labeled table with one template's rows, within a section `region` of the stream
/// (`compact` is its whitespace-free copy, where the labels are searched).
fn read_labeled(
    region: &str,
    compact: &Compact,
    table: &LabeledTable,
    regexes: &[Regex],
    template: &'static Template,
) -> TableRead {
    let mut pos = 0;
    // (row index, label start, value start, the values read up to the region's end)
    let mut found: Vec<(usize, usize, usize, RowValues)> = Vec::new();
    for (idx, re) in regexes.iter().enumerate() {
        let mut search = compact.index_of(pos);
        while let Some(m) = re.find_at(&compact.text, search) {
            let (start, end) = compact.span(m.start(), m.end());
            let value_start = skip_parenthetical(region, end);
            let values = read_values(&region[value_start..]);
            if plausible(&values) {
                found.push((idx, start, value_start, values));
                pos = value_start;
                break;
            }
            search = m.end();
        }
    }
    let label_starts: Vec<usize> = found.iter().map(|f| f.1).collect();
    let mut found = found.into_iter().enumerate().peekable();
    let mut rows = Vec::new();
    let mut missing = Vec::new();
    for (idx, spec) in table.rows.iter().enumerate() {
        let Some((n, (_, _, value_start, read))) = found.next_if(|(_, f)| f.0 == idx) else {
            missing.push(spec.key);
            continue;
        };
        // The values end where the next label starts; read to the region's end they are the
        // same unless that label sits on the values' own line (glued text).
        let value_end = label_starts
            .get(n + 1)
            .map_or(region.len(), |&s| s)
            .max(value_start);
        let after = &region[value_start..];
        let values = if value_end - value_start >= values::read_extent(after) {
            read
        } else {
            read_values(&region[value_start..value_end])
        };
        rows.push(RowRead {
            row: spec.key,
            keys: spec
                .cols
                .iter()
                .map(|c| CellKey {
                    table: table.table,
                    row: spec.key,
                    col: c,
                })
                .collect(),
            values,
        });
    }
    TableRead {
        table: table.table,
        template,
        rows,
        missing,
    }
}

/// Whether the text after a label reads as a table row: values or cells on the label's line,
/// or the next line, rather than prose.
fn plausible_row(after: &str) -> bool {
    plausible(&read_values(after))
}

/// Whether values read after a label are a table row's (see `plausible_row`).
fn plausible(v: &RowValues) -> bool {
    if v.in_cells {
        return true;
    }
    !v.pieces.is_empty() && !v.stopped_at.is_some_and(is_prose_unit)
}

/// Skips a parenthetical remark that follows a label (`（区分处理的，只计这一情形…）`) when the
/// label variant matched did not include it.
fn skip_parenthetical(region: &str, at: usize) -> usize {
    let rest = &region[at..];
    let trimmed = rest.trim_start();
    let offset = at + (rest.len() - trimmed.len());
    if !(trimmed.starts_with('（') || trimmed.starts_with('(')) {
        return at;
    }
    for (i, ch) in trimmed.char_indices().take(80) {
        if ch == '）' || ch == ')' {
            let inner = &trimmed[..i];
            // An ordinal such as `（六）` starts the next label; it is not a remark.
            if inner.chars().count() <= 3 {
                return at;
            }
            return offset + i + ch.len_utf8();
        }
    }
    at
}

/// `text` past the rest of its first line when that holds only empty cells (a header row's
/// trailing `<td></td>`, as Word exports print on every row): the values are on the next line.
fn past_empty_cells(text: &str) -> &str {
    let end = memchr::memchr(b'\n', text.as_bytes()).unwrap_or(text.len());
    let line = &text[..end];
    if end < text.len()
        && line.contains(crate::layout::CELL_SEP)
        && line
            .chars()
            .all(|c| c.is_whitespace() || c == crate::layout::CELL_SEP)
    {
        &text[end + 1..]
    } else {
        text
    }
}

/// `text` past the rest of its first line when that is a fragment of a header word broken over
/// lines (`尚未审` / `结` in a PDF's text layer): a few characters, no digit, no cell.
fn past_header_fragment(text: &str) -> &str {
    let end = memchr::memchr(b'\n', text.as_bytes()).unwrap_or(text.len());
    let rest = text[..end].trim();
    let fragment = !rest.is_empty()
        && rest.chars().count() <= 4
        && rest
            .chars()
            .all(|c| !c.is_ascii_digit() && c != crate::layout::CELL_SEP)
        && !rest
            .chars()
            .any(|c| crate::normalize::is_null_token(&c.to_string()));
    if fragment && end < text.len() {
        &text[end + 1..]
    } else {
        text
    }
}

/// Reads section 四: the values after the last header word of the section.
fn read_headered(
    sh: &Recognizer,
    stream: &str,
    (from, to): (usize, usize),
    spec: &HeaderedRow,
    template: &'static Template,
) -> Option<TableRead> {
    let region = &stream[from..to];
    let last_header = sh.s4_header.find_iter(region).last()?;
    let after = past_header_fragment(past_empty_cells(&region[last_header.end()..]));
    let values = read_values(after);
    // Fifteen cells printed without separators still show at least fifteen digits or marks;
    // fewer is prose that mentions 行政复议 (`行政复议0件`).
    let marks: usize = values
        .pieces
        .iter()
        .map(|p| match p.kind {
            values::PieceKind::Number => p.raw.chars().filter(char::is_ascii_digit).count(),
            _ => 1,
        })
        .sum();
    // In table cells: most of them must be values (numbers, null tokens or blanks), not text.
    let non_text = values
        .pieces
        .iter()
        .filter(|p| p.kind != values::PieceKind::Text)
        .count();
    let cells: usize = spec.rows.iter().map(|r| r.cols.len()).sum();
    let cells_ok = values.in_cells && non_text * 3 >= cells * 2;
    if !plausible_row(after) || !(cells_ok || (!values.in_cells && marks >= cells)) {
        return None;
    }
    let keys = spec
        .rows
        .iter()
        .flat_map(|r| {
            r.cols.iter().map(|col| CellKey {
                table: spec.table,
                row: r.key,
                col,
            })
        })
        .collect();
    Some(TableRead {
        table: spec.table,
        template,
        rows: vec![RowRead {
            row: spec.table.as_str(),
            keys,
            values,
        }],
        missing: Vec::new(),
    })
}

/// Rows read with complete-looking values: the score of a template on a table.
fn score(read: &TableRead) -> usize {
    read.rows
        .iter()
        .filter(|r| !r.values.pieces.is_empty())
        .count()
}

impl Recognizer {
    /// Recognizes a laid-out document; `stream` is `layout.stream()`, computed once by the caller.
    pub fn recognize(&self, layout: &Layout, stream: &str) -> Recognition {
        let sh = self;
        let reg = regions(sh, stream);
        let mut rec = Recognition {
            meta: meta::read_meta(layout),
            ..Recognition::default()
        };

        // Section 二: markers decide; rows read break ties. Only the templates with the most markers
        // are read (reading every template's rows was a fifth of the extraction time).
        let s2_region = &stream[reg.s2.0..reg.s2.1];
        let s2_compact = Compact::new(s2_region);
        let markers: Vec<usize> = sh
            .per_template
            .iter()
            .map(|c| {
                c.s2_markers
                    .iter()
                    .filter(|m| m.is_match(&s2_compact.text))
                    .count()
            })
            .collect();
        let most = markers.iter().copied().max().unwrap_or(0);
        let mut s2_best: Option<(usize, usize, TableRead)> = None;
        for (c, &m) in sh.per_template.iter().zip(&markers) {
            if m < most {
                continue;
            }
            let read = read_labeled(
                s2_region,
                &s2_compact,
                &c.template.s2,
                &c.s2_rows,
                c.template,
            );
            let key = (m, score(&read));
            if key.1 == 0 {
                continue;
            }
            if s2_best.as_ref().is_none_or(|(m, s, _)| key > (*m, *s)) {
                s2_best = Some((key.0, key.1, read));
            }
        }

        // Section 三: the template whose rows are read best (2021's three （六） items, or 2019's single
        // （六）其他处理 row with values). Section 二's template is tried first; a complete read ends the
        // search.
        let first = s2_best.as_ref().map(|(_, _, r)| r.template.id);
        let mut order: Vec<&Compiled> = sh.per_template.iter().collect();
        order.sort_by_key(|c| Some(c.template.id) != first);
        let mut s3_best: Option<(usize, TableRead)> = None;
        // Rows section 二's template missed in section 三, when it was read first.
        let mut first_missing: Option<Vec<&'static str>> = None;
        let s3_region = &stream[reg.s3.0..reg.s3.1];
        let s3_compact = Compact::new(s3_region);
        for c in order {
            let read = read_labeled(
                s3_region,
                &s3_compact,
                &c.template.s3,
                &c.s3_rows,
                c.template,
            );
            if first == Some(c.template.id) {
                first_missing = Some(read.missing.clone());
            }
            let s = score(&read);
            let complete = s == c.template.s3.rows.len();
            if s > 0 && s3_best.as_ref().is_none_or(|(best, _)| s > *best) {
                s3_best = Some((s, read));
            }
            if complete {
                break;
            }
        }

        let s2_template = s2_best.as_ref().map(|(_, _, r)| r.template);
        let s3_template = s3_best.as_ref().map(|(_, r)| r.template);
        if let (Some(a), Some(b)) = (s2_template, s3_template) {
            if a != b {
                rec.warnings.push(Warning::new(
                WarningCode::TemplateConflict,
                format!("section 二 follows the {} template, section 三 the {} template; each table keeps its own", a.id, b.id),
            ));
            }
        }
        rec.template = s3_template.or(s2_template);
        // A report printing a group of section 三's rows as one row (real 2021 district reports print
        // （六）其他处理 so): section 三 reads as the template that prints the group's subtotal; the
        // report stays one of section 二's template, the group's rows left empty.
        if let (Some(a), Some(b), Some(missing)) = (s2_template, s3_template, &first_missing) {
            if let Some(group) = one_row_group(a, b, missing) {
                rec.warnings
                    .retain(|w| w.code != WarningCode::TemplateConflict);
                rec.warnings.push(Warning::new(
                    WarningCode::OtherAsOneRow,
                    format!(
                        "section 三 prints {} as one row: read as {}, its {} items left empty",
                        group.label,
                        group.key,
                        count_word(a.members(group).count())
                    ),
                ));
                rec.template = s2_template;
            }
        }

        if let Some((_, _, read)) = s2_best {
            rec.tables.push(read);
        }
        if let Some((_, read)) = s3_best {
            rec.tables.push(read);
        }
        let s4_template = rec.template.unwrap_or(self.newest());
        if let Some(read) = read_headered(sh, stream, reg.s4, &s4_template.s4, s4_template) {
            rec.tables.push(read);
        }

        // A page holding a second report (or the same one twice, as some sites print a text and a
        // "full" version): the first was read; say so.
        if reg.s3.0 < stream.len() {
            let again = find_from(&sh.headings[1], stream, reg.s4.0.max(reg.s3.1));
            if let Some((at, _)) = again {
                rec.warnings.push(Warning::new(
                WarningCode::SeveralReports,
                format!("the page holds another section 三 at byte {at}: a second report, or the same one twice; the first was read"),
            ));
            }
        }

        if rec.tables.is_empty() {
            rec.legacy_marker = sh
                .legacy
                .iter()
                .find(|(re, _)| re.is_match(stream))
                .map(|(_, m)| *m);
            rec.image_only = sh.image_only.is_match(stream);
        }
        rec
    }
}

/// The group of `a`'s section 三 rows that `b` prints as one row, when the rows `a` missed are
/// that group's: `b` prints the subtotal that `a` derives.
fn one_row_group(
    a: &'static Template,
    b: &'static Template,
    missing: &[&str],
) -> Option<&'static template::Group> {
    if a == b || missing.is_empty() {
        return None;
    }
    a.derived().find(|d| {
        d.table == a.s3.table
            && missing.iter().all(|r| a.members(d).any(|m| m == *r))
            && b.s3.rows.iter().any(|r| r.key == d.key)
    })
}

/// A small count in words, as warnings print it.
fn count_word(n: usize) -> String {
    const WORDS: [&str; 10] = [
        "no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
    ];
    WORDS.get(n).map_or(n.to_string(), |w| w.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::Block;

    fn lines(text: &str) -> Layout {
        Layout {
            blocks: text.lines().map(|l| Block::Line(l.to_string())).collect(),
            title: None,
        }
    }

    #[test]
    fn narrative_mentions_are_not_rows() {
        assert!(!plausible_row("13件，行政规范性文件60件"));
        assert!(plausible_row("000行政规范性文件"));
        assert!(plausible_row("\u{1f}\u{1f}\u{1f}"));
        assert!(!plausible_row("案件信息公开"));
    }

    #[test]
    fn reads_glued_section_three_rows() {
        let text = "三、收到和处理政府信息公开申请情况（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）申请人情况自然人法人或其他组织总计一、本年新收政府信息公开申请数量 713000074二、上年结转政府信息公开申请数量 1000001三、本年度办理结果 （一）予以公开 210000021（六）其他处理 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请 20000022.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请 00000003.其他 0200002（七）总计 723000075四、结转下年度继续办理 0000000 四、政府信息公开行政复议、行政诉讼情况";
        let l = lines(text);
        let rec = Recognizer::builtin().recognize(&l, &l.stream());
        assert_eq!(
            rec.template.map(|t| t.id),
            Some(crate::model::TemplateId::T2021)
        );
        let s3 = rec
            .tables
            .iter()
            .find(|t| t.table == TableId::S3)
            .expect("s3");
        let got: Vec<(&str, Vec<&str>)> = s3
            .rows
            .iter()
            .map(|r| {
                (
                    r.row,
                    r.values.pieces.iter().map(|p| p.raw.as_str()).collect(),
                )
            })
            .collect();
        assert_eq!(got[0], ("new_received", vec!["713000074"]));
        assert_eq!(got[1], ("carried_over", vec!["1000001"]));
        assert!(got.contains(&("result.other.no_correction", vec!["2000002"])));
        assert!(got.contains(&("result.other.fee_unpaid", vec!["0000000"])));
        assert!(got.contains(&("result.other.other", vec!["0200002"])));
        assert!(got.contains(&("carry_forward", vec!["0000000"])));
    }
}

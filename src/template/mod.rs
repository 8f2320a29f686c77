/*!
The national report templates, declared as data: each row once (key, printed labels, English name,
columns), groups of rows (their subtotals where a template does not print them), accounting
identities over rows and groups, section headings, detection markers and prose evidence. The
recognizer, the validator, the schema printer, the cross-year checks and the sample generator are
written against this data, never against one template's labels, so a new template is one more
file here: `build.rs` registers every `tYYYY.rs` (YYYY its first reporting year).
*/

pub mod dictionary;
#[rustfmt::skip]
mod common;

use crate::model::{CellKey, TableId, TemplateId};
use std::ops::RangeInclusive;

/// What kind of number a cell holds; drives normalization and plausibility warnings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueKind {
    /// A non-negative integer count.
    Count,
    /// A signed integer change (2019 `本年增/减`).
    Signed,
    /// Money in 万元; cells may print another unit (元, 亿元), which is converted.
    MoneyWan,
}

impl ValueKind {
    /// The unit the dictionary names (`count`, `万元`).
    pub fn unit(self) -> &'static str {
        match self {
            ValueKind::Count | ValueKind::Signed => "count",
            ValueKind::MoneyWan => "万元",
        }
    }
}

/// A column of the key vocabulary.
#[derive(Debug, Clone, Copy)]
pub struct ColDef {
    /// Column key (`in_force`).
    pub key: &'static str,
    /// Column header as printed.
    pub label: &'static str,
    /// English name.
    pub english: &'static str,
    /// What the cells hold.
    pub kind: ValueKind,
}

/// A row of a table, declared once: its key, its printed labels, its English name, its cells.
/// Everything else that lists rows (the dictionary, the axes of identities, the cells of a
/// table) is derived from the tables' rows.
#[derive(Debug, Clone, Copy)]
pub struct Row {
    /// Row key (`new_received`); a key under a group's extends the group's (`result.withheld.…`).
    pub key: &'static str,
    /// Label variants as printed; the recognizer matches any of them, tolerant of spacing and
    /// bracket width; the generator prints the first. A leading ordinal (`一、`, `（三）`, `1.`)
    /// is part of the label. (Section 四 prints no row labels: there they only name the row.)
    pub labels: &'static [&'static str],
    /// English name.
    pub english: &'static str,
    /// Column keys of the value cells, left to right.
    pub cols: &'static [&'static str],
    /// Its name in the data dictionary when that is not its first label under its group's
    /// (`三、本年度办理结果/（一）予以公开`).
    pub name: Option<&'static str>,
}

impl Row {
    /// A row printed as `labels` with cells `cols`.
    pub const fn new(
        key: &'static str,
        labels: &'static [&'static str],
        english: &'static str,
        cols: &'static [&'static str],
    ) -> Row {
        Row {
            key,
            labels,
            english,
            cols,
            name: None,
        }
    }

    /// The row named `name` in the data dictionary.
    pub const fn named(self, name: &'static str) -> Row {
        Row {
            name: Some(name),
            ..self
        }
    }
}

/// A block of a table whose rows are printed with labels (sections 二 and 三).
#[derive(Debug, Clone, Copy)]
pub struct LabeledTable {
    /// The table the rows belong to.
    pub table: TableId,
    /// Rows in printed order.
    pub rows: &'static [Row],
}

/// Section 四: one printed row of numbers after a block of header words; its cells are the
/// rows' cells in order.
#[derive(Debug, Clone, Copy)]
pub struct HeaderedRow {
    /// The table.
    pub table: TableId,
    /// Header words as printed (also their cut forms seen in flattened text).
    pub header_terms: &'static [&'static str],
    /// The rows whose cells the printed row holds, left to right.
    pub rows: &'static [Row],
}

/// Rows printed under one label (`（三）不予公开`): the rows of the table whose keys extend the
/// group's (`result.withheld.state_secret`). A template that prints them but no row of the
/// group's own key derives the group's subtotal; identities name the group for its rows.
#[derive(Debug, Clone, Copy)]
pub struct Group {
    /// The table.
    pub table: TableId,
    /// Key of the group, and of its subtotal row (`result.withheld`).
    pub key: &'static str,
    /// Chinese label.
    pub label: &'static str,
    /// English name of the subtotal.
    pub english: &'static str,
}

/// A linear identity `Σ lhs = Σ rhs`, instantiated per column (`PerColumn`: the terms are rows,
/// or groups standing for their rows) or per row (`PerRow`: the terms are columns).
#[derive(Debug, Clone, Copy)]
pub struct Identity {
    /// Identity id in `checks.csv` (`I1`).
    pub id: &'static str,
    /// The table it holds on.
    pub table: TableId,
    /// What one instance runs over.
    pub over: IdentityOver,
    /// Terms on the left.
    pub lhs: &'static [&'static str],
    /// Terms on the right.
    pub rhs: &'static [&'static str],
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
/// What one instance of an identity runs over.
pub enum IdentityOver {
    /// One instance per column of the table; terms are row keys.
    PerColumn,
    /// One instance per row of the table; terms are column keys.
    PerRow,
}

/// Where a report's sections start, as regular expressions on the text: the headings, and the
/// words that start sections 三 and 四 where their heading is not printed.
#[derive(Debug, Clone, Copy)]
pub struct Sections {
    /// Section 二's heading.
    pub s2: &'static str,
    /// Section 三's heading.
    pub s3: &'static str,
    /// Section 四's heading.
    pub s4: &'static str,
    /// Section 五's heading (the end of section 四).
    pub s5: &'static str,
    /// Words that start section 三 without its heading.
    pub s3_anchor: &'static str,
    /// Words that start section 四 without its heading.
    pub s4_anchor: &'static str,
    /// Headings of the sections that print no table (`一、总体情况`, `六、其他需要报告的事项`).
    pub others: &'static [&'static str],
}

impl Sections {
    /// Every section heading: those of the tables' sections, section 五's, the others.
    pub fn headings(&self) -> impl Iterator<Item = &'static str> + '_ {
        [self.s2, self.s3, self.s4, self.s5]
            .into_iter()
            .chain(self.others.iter().copied())
    }
}

/// The section headings of a set of templates, compiled once: a line that starts with one is a
/// heading (loose-text repair never joins a row label with it).
#[derive(Debug)]
pub struct Headings(regex::Regex);

impl Headings {
    /// The headings of `templates`.
    pub fn new(templates: &[&Template]) -> Headings {
        let mut distinct: Vec<&str> = Vec::new();
        for p in templates.iter().flat_map(|t| t.sections.headings()) {
            if !distinct.contains(&p) {
                distinct.push(p);
            }
        }
        let alts: Vec<String> = distinct.iter().map(|p| format!("(?:{p})")).collect();
        let pattern = format!(r"^\s*(?:{})", alts.join("|"));
        // The patterns are the templates' own; a bad one is a bug every test catches.
        Headings(
            regex::Regex::new(&pattern)
                .unwrap_or_else(|e| panic!("section headings {pattern:?}: {e}")),
        )
    }

    /// The built-in templates' headings.
    pub fn builtin() -> &'static Headings {
        static BUILTIN: std::sync::LazyLock<Headings> =
            std::sync::LazyLock::new(|| Headings::new(&TEMPLATES));
        &BUILTIN
    }

    /// Whether a line starts with a section heading.
    pub fn is_heading(&self, line: &str) -> bool {
        self.0.is_match(line)
    }
}

/// What a report's prose states about a table's cells, as evidence for splitting its glued runs:
/// `<verb> … <subject> … <number>件` within one clause.
#[derive(Debug, Clone, Copy)]
pub struct Evidence {
    /// The table the statements are about.
    pub table: TableId,
    /// Subjects as printed (plain text) and the row they name; longer ones first.
    pub subjects: &'static [(&'static str, &'static str)],
    /// Column keys and the verb (a regular expression) that states each.
    pub verbs: &'static [(&'static str, &'static str)],
}

/// A national template.
#[derive(Debug)]
pub struct Template {
    /// Its name in outputs.
    pub id: TemplateId,
    /// Reporting years the template is for (the newest one's end is open: `u16::MAX`).
    pub years: RangeInclusive<u16>,
    /// Where its sections start.
    pub sections: Sections,
    /// Prose evidence for glued cells (none: `None`).
    pub evidence: Option<Evidence>,
    /// Section 二 as printed, sub-table by sub-table.
    pub s2: LabeledTable,
    /// Words that only this template's section 二 prints (sub-table and column headers).
    pub s2_markers: &'static [&'static str],
    /// Section 二's sub-tables as printed: the header (`第二十条第（一）项`) and the rows under it.
    /// (Printed by the generator only.)
    #[cfg_attr(not(feature = "synth"), allow(dead_code))]
    pub s2_subtables: &'static [(&'static str, &'static [&'static str])],
    /// Section 三 as printed.
    pub s3: LabeledTable,
    /// Section 四 as printed.
    pub s4: HeaderedRow,
    /// Columns of each table.
    pub cols: &'static [(TableId, &'static [ColDef])],
    /// Groups of rows printed under one label: subtotals where the template does not print them,
    /// and terms of identities.
    pub groups: &'static [Group],
    /// Accounting identities, checked and used to split glued runs.
    pub identities: &'static [Identity],
}

impl Template {
    /// Each table with its rows: sections 二, 三 and 四.
    fn tables(&self) -> [(TableId, &'static [Row]); 3] {
        [
            (self.s2.table, self.s2.rows),
            (self.s3.table, self.s3.rows),
            (self.s4.table, self.s4.rows),
        ]
    }

    /// Every printed cell key of this template, in template order (s2, s3, s4; rows then columns).
    pub fn cell_keys(&self) -> Vec<CellKey> {
        let mut keys = Vec::new();
        for (table, rows) in self.tables() {
            for r in rows {
                for col in r.cols {
                    keys.push(CellKey {
                        table,
                        row: r.key,
                        col,
                    });
                }
            }
        }
        keys
    }

    /// A column of a table.
    pub fn col_def(&self, table: TableId, col: &str) -> Option<&ColDef> {
        self.cols
            .iter()
            .filter(|(t, _)| *t == table)
            .flat_map(|(_, cols)| cols.iter())
            .find(|c| c.key == col)
    }

    /// The rows of a table, in printed order.
    pub fn rows(&self, table: TableId) -> &'static [Row] {
        self.tables()
            .into_iter()
            .find(|(t, _)| *t == table)
            .map_or(&[], |(_, rows)| rows)
    }

    /// A row of a table.
    pub fn row(&self, table: TableId, key: &str) -> Option<&'static Row> {
        self.rows(table).iter().find(|r| r.key == key)
    }

    /// Column keys of a table in order (s3, s4) — the axis of `PerRow` identities.
    pub fn table_cols(&self, table: TableId) -> Vec<&'static str> {
        self.cols
            .iter()
            .filter(|(t, _)| *t == table)
            .flat_map(|(_, cols)| cols.iter().map(|c| c.key))
            .collect()
    }

    /// Row keys of a table in order — the axis of `PerColumn` identities.
    pub fn table_rows(&self, table: TableId) -> Vec<&'static str> {
        self.rows(table).iter().map(|r| r.key).collect()
    }

    /// The printed rows of a group, in order.
    pub fn members(&self, group: &Group) -> impl Iterator<Item = &'static str> + '_ {
        let key = group.key;
        self.rows(group.table)
            .iter()
            .map(|r| r.key)
            .filter(move |k| {
                k.strip_prefix(key)
                    .is_some_and(|rest| rest.starts_with('.'))
            })
    }

    /// The group a row is printed under.
    pub fn group_of(&self, table: TableId, row: &str) -> Option<&Group> {
        self.groups.iter().find(|g| {
            g.table == table
                && row
                    .strip_prefix(g.key)
                    .is_some_and(|rest| rest.starts_with('.'))
        })
    }

    /// The subtotals the template derives: its groups whose rows it prints, but not their sum.
    pub fn derived(&self) -> impl Iterator<Item = &Group> + '_ {
        self.groups
            .iter()
            .filter(|g| self.row(g.table, g.key).is_none() && self.members(g).next().is_some())
    }

    /// The Chinese name of a row in the data dictionary: its own, or its first label under its
    /// group's (`（三）不予公开/1.属于国家秘密`).
    pub fn row_name(&self, table: TableId, row: &Row) -> String {
        if let Some(name) = row.name {
            return name.to_string();
        }
        let label = row.labels.first().copied().unwrap_or(row.key);
        match self.group_of(table, row.key) {
            Some(g) => format!("{}/{label}", g.label),
            None => label.to_string(),
        }
    }

    /// An identity's terms, each group replaced by its printed rows.
    pub fn terms(&self, identity: &Identity, side: &[&'static str]) -> Vec<&'static str> {
        let mut out = Vec::new();
        for &term in side {
            match self.term_group(identity, term) {
                Some(g) => out.extend(self.members(g)),
                None => out.push(term),
            }
        }
        out
    }

    /// The group a term of an identity stands for (per-column identities; a printed row is
    /// itself).
    fn term_group(&self, identity: &Identity, term: &str) -> Option<&Group> {
        if identity.over != IdentityOver::PerColumn || self.row(identity.table, term).is_some() {
            return None;
        }
        self.groups
            .iter()
            .find(|g| g.table == identity.table && g.key == term)
    }

    /// The identity as `checks.csv` and `ogi schema` write it: terms that share a row path are
    /// written without it, a group as `Σ name (rows)`
    /// (`result.total = granted + partial + Σ withheld (8) + …`).
    pub fn identity_text(&self, identity: &Identity) -> String {
        let side = |terms: &[&'static str]| -> String {
            let prefix = if terms.len() > 1 {
                shared_path(terms)
            } else {
                ""
            };
            terms
                .iter()
                .map(|term| {
                    let name = &term[prefix.len()..];
                    match self.term_group(identity, term) {
                        Some(g) => format!("Σ {name} ({})", self.members(g).count()),
                        None => name.to_string(),
                    }
                })
                .collect::<Vec<_>>()
                .join(" + ")
        };
        format!("{} = {}", side(identity.lhs), side(identity.rhs))
    }

    /// The English name of an identity's term: a group's subtotal name when the group has
    /// several rows, else the row's (per-column) or the column's (per-row) name.
    pub fn term_english(&self, identity: &Identity, term: &'static str) -> &'static str {
        match identity.over {
            IdentityOver::PerColumn => {
                if let Some(g) = self.term_group(identity, term) {
                    let mut rows = self.members(g);
                    return match (rows.next(), rows.next()) {
                        (Some(only), None) => self.term_english(identity, only),
                        _ => g.english,
                    };
                }
                self.row(identity.table, term).map_or(term, |r| r.english)
            }
            IdentityOver::PerRow => self
                .col_def(identity.table, term)
                .map_or(term, |c| c.english),
        }
    }
}

/// The dotted path all `terms` start with (`result.`), or nothing.
fn shared_path<'a>(terms: &[&'a str]) -> &'a str {
    let first = terms[0];
    let mut end = 0;
    for (i, _) in first.match_indices('.') {
        let path = &first[..=i];
        if terms.iter().all(|t| t.starts_with(path)) {
            end = i + 1;
        } else {
            break;
        }
    }
    &first[..end]
}

// `mod tYYYY;` for every `tYYYY.rs` here and `TEMPLATES`, the list of them newest first
// (build.rs writes it): adding a template is adding its file.
include!(concat!(env!("OUT_DIR"), "/templates.rs"));

/// The built-in template of this id.
pub fn template(id: TemplateId) -> Option<&'static Template> {
    TEMPLATES.iter().copied().find(|t| t.id == id)
}

/// The built-in template of a reporting year; years before every template's take the oldest.
#[cfg(feature = "synth")]
pub fn for_year(year: u16) -> &'static Template {
    TEMPLATES
        .iter()
        .copied()
        .find(|t| t.years.contains(&year))
        .unwrap_or(TEMPLATES[TEMPLATES.len() - 1])
}

impl PartialEq for Template {
    fn eq(&self, other: &Self) -> bool {
        self.id == other.id
    }
}

impl Eq for Template {}

/// Words of pre-2019 forms (provincial indicator lists, the 2014 national 统计表): a document that
/// shows these and none of the templates' tables is a `legacy` report.
pub static LEGACY_MARKERS: &[&str] = common::LEGACY_MARKERS;

#[cfg(test)]
mod tests {
    use super::*;

    /// A template is one file: every `tYYYY.rs` here is registered, YYYY its first reporting
    /// year, and the list is newest first with years that do not overlap.
    #[test]
    fn every_template_file_is_registered() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/src/template");
        let mut files: Vec<u16> = std::fs::read_dir(dir)
            .expect("src/template")
            .flatten()
            .filter_map(|e| {
                let name = e.file_name().into_string().ok()?;
                let stem = name.strip_prefix('t')?.strip_suffix(".rs")?.to_string();
                let year = stem.parse().unwrap_or_else(|_| {
                    panic!("{name}: a template file is named tYYYY.rs, YYYY its first year")
                });
                Some(year)
            })
            .collect();
        files.sort_unstable_by(|a, b| b.cmp(a));
        let firsts: Vec<u16> = TEMPLATES.iter().map(|t| *t.years.start()).collect();
        assert_eq!(firsts, files);
        for pair in TEMPLATES.windows(2) {
            assert!(
                pair[1].years.end() < pair[0].years.start(),
                "{:?}",
                pair[1].id
            );
            assert_ne!(pair[0].id, pair[1].id);
        }
    }

    /// Every term of an identity is a row or column of its table, or a group with rows.
    #[test]
    fn identity_terms_name_rows_columns_or_groups() {
        for t in TEMPLATES {
            for i in t.identities {
                for term in i.lhs.iter().chain(i.rhs) {
                    let known = match i.over {
                        IdentityOver::PerColumn => {
                            t.row(i.table, term).is_some()
                                || t.term_group(i, term)
                                    .is_some_and(|g| t.members(g).count() > 0)
                        }
                        IdentityOver::PerRow => t.col_def(i.table, term).is_some(),
                    };
                    assert!(known, "{} {}: {term}", t.id, i.id);
                }
            }
        }
    }
}

/*!
The national report templates, declared as data: printed rows with their labels and cell keys,
detection markers, accounting identities and derived subtotals. The recognizer, the validator, the
schema printer and the sample generator are written against these tables, never against one
template's labels, so a new template is one more module here.
*/

pub mod dictionary;
#[rustfmt::skip]
mod common;
#[rustfmt::skip]
mod t2019;
#[rustfmt::skip]
mod t2021;

use crate::model::{TableId, TemplateId};
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

/// A row of the key vocabulary.
#[derive(Debug, Clone, Copy)]
pub struct RowDef {
    /// Row key (`new_received`).
    pub key: &'static str,
    /// Label as printed; a leading ordinal (`一、`, `（三）`, `1.`) is part of the label.
    pub label: &'static str,
    /// English name.
    pub english: &'static str,
}

/// One row as printed: a label followed by a fixed number of value cells.
#[derive(Debug, Clone, Copy)]
pub struct PrintedRow {
    /// Row key of the cells.
    pub row: &'static str,
    /// Label variants as printed; the recognizer matches any of them, tolerant of spacing and
    /// bracket width.
    pub labels: &'static [&'static str],
    /// Column keys of the value cells, left to right.
    pub cols: &'static [&'static str],
}

/// A block of a table whose rows are printed with labels (sections 二 and 三).
#[derive(Debug, Clone, Copy)]
pub struct LabeledTable {
    /// The table the rows belong to.
    pub table: TableId,
    /// Rows in printed order.
    pub rows: &'static [PrintedRow],
}

/// Section 四: one printed row of numbers after a block of header words.
#[derive(Debug, Clone, Copy)]
pub struct HeaderedRow {
    /// The table.
    pub table: TableId,
    /// Header words as printed (also their cut forms seen in flattened text).
    pub header_terms: &'static [&'static str],
    /// `(row, col)` of each value, left to right.
    pub cells: &'static [(&'static str, &'static str)],
}

/// A linear identity `Σ lhs = Σ rhs`, instantiated per column (`PerColumn`: the terms are rows)
/// or per row (`PerRow`: the terms are columns).
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
    /// The identity as written in `ogi schema`.
    pub text: &'static str,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
/// What one instance of an identity runs over.
pub enum IdentityOver {
    /// One instance per column of the table; terms are row keys.
    PerColumn,
    /// One instance per row of the table; terms are column keys.
    PerRow,
}

/// A subtotal row that one template does not print, computed per column from printed rows.
#[derive(Debug, Clone, Copy)]
pub struct Derived {
    /// The table.
    pub table: TableId,
    /// Row key of the subtotal.
    pub row: &'static str,
    /// Chinese label.
    pub label: &'static str,
    /// English name.
    pub english: &'static str,
    /// The printed rows it sums.
    pub from: &'static [&'static str],
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
    /// Row names of each table, printed ones first (section 四's rows too).
    pub rows: &'static [(TableId, &'static [RowDef])],
    /// Columns of each table.
    pub cols: &'static [(TableId, &'static [ColDef])],
    /// Accounting identities, checked and used to split glued runs.
    pub identities: &'static [Identity],
    /// Subtotal rows it does not print, derived from printed rows.
    pub derived: &'static [Derived],
}

impl Template {
    /// Every printed cell key of this template, in template order (s2, s3, s4; rows then columns).
    pub fn cell_keys(&self) -> Vec<crate::model::CellKey> {
        let mut keys = Vec::new();
        for t in [&self.s2, &self.s3] {
            for r in t.rows {
                for c in r.cols {
                    keys.push(crate::model::CellKey {
                        table: t.table,
                        row: r.row,
                        col: c,
                    });
                }
            }
        }
        for (row, col) in self.s4.cells {
            keys.push(crate::model::CellKey {
                table: self.s4.table,
                row,
                col,
            });
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

    /// A row of a table.
    pub fn row_def(&self, table: TableId, row: &str) -> Option<&RowDef> {
        self.rows
            .iter()
            .filter(|(t, _)| *t == table)
            .flat_map(|(_, rows)| rows.iter())
            .find(|r| r.key == row)
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
        self.rows
            .iter()
            .filter(|(t, _)| *t == table)
            .flat_map(|(_, rows)| rows.iter().map(|r| r.key))
            .collect()
    }
}

/// The national templates, newest first.
pub static TEMPLATES: [&Template; 2] = [&t2021::TEMPLATE, &t2019::TEMPLATE];

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

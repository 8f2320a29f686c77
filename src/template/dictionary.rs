/*!
The data dictionary: every key of both templates, printed or derived, with labels and unit, in
one order. Serves `ogi schema`, the columns of `wide.csv`, and turning key strings read back from
disk into the vocabulary's static strings.
*/

use super::{Template, TEMPLATES};
use crate::model::{CellKey, TableId, TemplateId};
use std::collections::HashMap;
use std::sync::LazyLock;

/// One key of the vocabulary.
#[derive(Debug, Clone)]
pub struct KeyInfo {
    pub key: CellKey,
    /// Templates that print this cell.
    pub printed_in: Vec<TemplateId>,
    /// Templates where ogi derives it from printed cells.
    pub derived_in: Vec<TemplateId>,
    pub label_zh: String,
    pub label_en: String,
    pub unit: &'static str,
}

static DICTIONARY: LazyLock<Vec<KeyInfo>> = LazyLock::new(build);

/// Every key, tables in order, printed keys before derived-only ones, template order within.
pub fn dictionary() -> &'static [KeyInfo] {
    &DICTIONARY
}

fn build() -> Vec<KeyInfo> {
    let mut list: Vec<KeyInfo> = Vec::new();
    let mut index: HashMap<CellKey, usize> = HashMap::new();
    let mut add = |t: &Template, key: CellKey, derived: bool, row_label: (&str, &str)| {
        let Some(c) = t.col_def(key.table, key.col) else {
            return;
        };
        let i = *index.entry(key).or_insert_with(|| {
            list.push(KeyInfo {
                key,
                printed_in: Vec::new(),
                derived_in: Vec::new(),
                label_zh: format!("{} / {}", row_label.0, c.label),
                label_en: format!("{} / {}", row_label.1, c.english),
                unit: c.kind.unit(),
            });
            list.len() - 1
        });
        let entry = &mut list[i];
        if derived {
            entry.derived_in.push(t.id);
        } else {
            entry.printed_in.push(t.id);
        }
    };
    for t in TEMPLATES.iter() {
        for key in t.cell_keys() {
            let label = t.row(key.table, key.row).map_or_else(
                || (key.row.to_string(), key.row),
                |r| (t.row_name(key.table, r), r.english),
            );
            add(t, key, false, (&label.0, label.1));
        }
        for g in t.derived() {
            for col in t.table_cols(g.table) {
                let key = CellKey {
                    table: g.table,
                    row: g.key,
                    col,
                };
                add(t, key, true, (g.label, g.english));
            }
        }
    }
    let order: HashMap<CellKey, usize> = list.iter().enumerate().map(|(i, k)| (k.key, i)).collect();
    list.sort_by_key(|k| (k.key.table, k.printed_in.is_empty(), order[&k.key]));
    for k in &mut list {
        k.printed_in.sort();
        k.derived_in.sort();
    }
    list
}

static BY_NAME: LazyLock<HashMap<(String, String, String), CellKey>> = LazyLock::new(|| {
    dictionary()
        .iter()
        .map(|k| {
            (
                (
                    k.key.table.as_str().to_string(),
                    k.key.row.to_string(),
                    k.key.col.to_string(),
                ),
                k.key,
            )
        })
        .collect()
});

/// The vocabulary's key for `table`, `row`, `col` strings, if they name one.
pub fn key_of(table: &str, row: &str, col: &str) -> Option<CellKey> {
    BY_NAME
        .get(&(table.to_string(), row.to_string(), col.to_string()))
        .copied()
}

/// Template ids as written in outputs, space-separated and sorted by year.
pub fn template_list(ids: &[TemplateId]) -> String {
    let mut names: Vec<&str> = ids.iter().map(|t| t.as_str()).collect();
    names.sort();
    names.join(" ")
}

pub fn table_of(name: &str) -> Option<TableId> {
    TableId::ALL.into_iter().find(|t| t.as_str() == name)
}

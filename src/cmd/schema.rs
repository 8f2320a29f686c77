/*!
`ogi schema`: the data dictionary as CSV — every key with its template(s), Chinese label, English
label and unit; `printed_in` names the templates that print a key, `derived_in` those where
ogi computes it from printed rows (subtotals) — so that researchers can join years.
*/

use ogi::model::TableId;
use ogi::output::csv_writer;
use ogi::template::{Template, TEMPLATES};
use std::collections::BTreeMap;

struct Entry {
    table: TableId,
    row: &'static str,
    col: &'static str,
    printed_in: Vec<&'static str>,
    derived_in: Vec<&'static str>,
    label_zh: String,
    label_en: String,
    unit: &'static str,
    order: usize,
}

fn entries() -> Vec<Entry> {
    let mut by_key: BTreeMap<(TableId, &str, &str), Entry> = BTreeMap::new();
    let mut order = 0;
    let mut add = |t: &Template,
                   table: TableId,
                   row: &'static str,
                   col: &'static str,
                   derived: bool,
                   row_label: (&str, &str)| {
        let Some(c) = t.col_def(table, col) else {
            return;
        };
        let e = by_key.entry((table, row, col)).or_insert_with(|| {
            order += 1;
            Entry {
                table,
                row,
                col,
                printed_in: Vec::new(),
                derived_in: Vec::new(),
                label_zh: format!("{} / {}", row_label.0, c.label),
                label_en: format!("{} / {}", row_label.1, c.english),
                unit: c.kind.unit(),
                order,
            }
        });
        if derived {
            e.derived_in.push(t.id.as_str());
        } else {
            e.printed_in.push(t.id.as_str());
        }
    };
    for t in TEMPLATES.iter() {
        for key in t.cell_keys() {
            let row = t.row_def(key.table, key.row);
            let label = row.map_or((key.row, key.row), |r| (r.label, r.english));
            add(t, key.table, key.row, key.col, false, label);
        }
        for d in t.derived {
            for col in t.table_cols(d.table) {
                add(t, d.table, d.row, col, true, (d.label, d.english));
            }
        }
    }
    let mut list: Vec<Entry> = by_key.into_values().collect();
    list.sort_by_key(|e| (e.table, e.printed_in.is_empty(), e.order));
    list
}

pub fn run() -> Result<(), String> {
    let mut w = csv_writer(std::io::stdout().lock());
    let io = |e: csv::Error| format!("cannot write: {e}");
    w.write_record([
        "key",
        "table",
        "row",
        "col",
        "printed_in",
        "derived_in",
        "label_zh",
        "label_en",
        "unit",
    ])
    .map_err(io)?;
    for e in entries() {
        let key = format!("{}.{}.{}", e.table.as_str(), e.row, e.col);
        let mut printed = e.printed_in.clone();
        printed.sort();
        let mut derived = e.derived_in.clone();
        derived.sort();
        w.write_record([
            key.as_str(),
            e.table.as_str(),
            e.row,
            e.col,
            &printed.join(" "),
            &derived.join(" "),
            &e.label_zh,
            &e.label_en,
            e.unit,
        ])
        .map_err(io)?;
    }
    w.flush().map_err(|e| format!("cannot write: {e}"))
}

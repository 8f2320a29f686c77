/*!
From the pieces read after each printed row's label to cells. When a row shows as many pieces as
it has cells, each piece is one cell. When it shows fewer and its pieces are digit runs, the cells
were glued together: the row goes to the glued-cell stage with the rest of its table. Anything
else (a short row, extra cells) keeps its raw text, gets no value, and is reported as a warning —
never a guess.
*/

use crate::model::{Cell, CellKey, Method, TableId, TemplateId, Warning};
use crate::normalize::{parse_cell, CellValue};
use crate::recognize::values::{Piece, PieceKind};
use crate::recognize::{RowRead, TableRead};
use crate::template::{self, ValueKind};
use std::collections::HashMap;
use std::sync::LazyLock;

/// A printed row on its way to cells.
#[derive(Debug, Clone)]
pub struct RowCells {
    pub keys: Vec<CellKey>,
    pub kinds: Vec<ValueKind>,
    pub state: RowState,
}

#[derive(Debug, Clone)]
pub enum RowState {
    /// One cell per piece.
    Read(Vec<Cell>),
    /// Fewer pieces than cells, all of them numbers: cells glued together.
    Glued(Vec<Piece>),
    /// Neither: kept raw, no values.
    Unreadable(Vec<Piece>),
}

/// The cell kinds of a row's keys, from the template that the table follows.
fn kinds_of(template: TemplateId, keys: &[CellKey]) -> Vec<ValueKind> {
    let t = template::template(template);
    keys.iter()
        .map(|k| {
            t.and_then(|t| t.col_def(k.table, k.col))
                .map_or(ValueKind::Count, |c| c.kind)
        })
        .collect()
}

/// Turns one table's rows into cells (or glued runs), with warnings.
pub fn assemble_table(read: &TableRead, warnings: &mut Vec<Warning>) -> Vec<RowCells> {
    read.rows
        .iter()
        .map(|row| assemble_row(read.template, row, warnings))
        .collect()
}

fn assemble_row(template: TemplateId, row: &RowRead, warnings: &mut Vec<Warning>) -> RowCells {
    let keys = row.keys.clone();
    let kinds = kinds_of(template, &keys);
    let n = keys.len();
    let mut pieces = row.values.pieces.clone();
    // Trailing empty cells beyond the template's columns are layout residue (a spanned grid).
    while pieces.len() > n && pieces.last().is_some_and(|p| p.kind == PieceKind::Blank) {
        pieces.pop();
    }
    let table = keys.first().map_or("", |k| k.table.as_str());
    let state = if pieces.len() == n {
        let mut cells = Vec::with_capacity(n);
        for ((key, kind), piece) in keys.iter().zip(&kinds).zip(&pieces) {
            cells.push(read_cell(*key, *kind, piece, warnings));
        }
        RowState::Read(cells)
    } else if pieces.len() < n
        && !pieces.is_empty()
        && pieces.iter().all(|p| p.kind == PieceKind::Number)
    {
        RowState::Glued(pieces)
    } else {
        let shown: Vec<&str> = pieces.iter().map(|p| p.raw.as_str()).collect();
        warnings.push(Warning::new(
            if pieces.len() > n {
                "extra_cells"
            } else {
                "short_row"
            },
            format!(
                "{table} row {}: {} cells expected, {} found ({})",
                row.row,
                n,
                pieces.len(),
                shown.join(" | ")
            ),
        ));
        RowState::Unreadable(pieces)
    };
    RowCells { keys, kinds, state }
}

fn read_cell(key: CellKey, kind: ValueKind, piece: &Piece, warnings: &mut Vec<Warning>) -> Cell {
    let raw = piece.raw.trim().to_string();
    let value = match piece.kind {
        PieceKind::Blank | PieceKind::Null => None,
        PieceKind::Number | PieceKind::Text => match parse_cell(&raw, kind) {
            CellValue::Number(v) => Some(v),
            CellValue::Blank | CellValue::Null => None,
            CellValue::Text => {
                warnings.push(Warning::new(
                    "non_numeric",
                    format!("{}: cell holds {raw:?}, not a number", key.flat()),
                ));
                None
            }
        },
    };
    Cell {
        key,
        value,
        raw,
        method: Method::Cell,
    }
}

/// Final cells of a row: read cells as they are; glued or unreadable rows keep their raw text on
/// every cell with no value.
pub fn finish_row(row: RowCells) -> Vec<Cell> {
    match row.state {
        RowState::Read(cells) => cells,
        RowState::Glued(pieces) | RowState::Unreadable(pieces) => {
            let raw: Vec<&str> = pieces.iter().map(|p| p.raw.as_str()).collect();
            let raw = raw.join(" ");
            row.keys
                .into_iter()
                .map(|key| Cell {
                    key,
                    value: None,
                    raw: raw.clone(),
                    method: Method::Unresolved,
                })
                .collect()
        }
    }
}

/// Rank of every printed key in each template's own order.
static RANKS: LazyLock<HashMap<(TemplateId, CellKey), usize>> = LazyLock::new(|| {
    template::TEMPLATES
        .iter()
        .flat_map(|t| {
            t.cell_keys()
                .into_iter()
                .enumerate()
                .map(move |(i, k)| ((t.id, k), i))
        })
        .collect()
});

/// Orders cells as the report's template prints them (s2, s3, s4; rows then columns); derived
/// cells after the printed ones of their table, in dictionary order.
pub fn sort_cells(cells: &mut [Cell], template: Option<TemplateId>) {
    let t = template.unwrap_or(TemplateId::T2021);
    let other = match t {
        TemplateId::T2019 => TemplateId::T2021,
        _ => TemplateId::T2019,
    };
    let rank = |k: &CellKey| {
        RANKS
            .get(&(t, *k))
            .or_else(|| RANKS.get(&(other, *k)))
            .map_or(usize::MAX, |r| *r)
    };
    cells.sort_by_key(|c| {
        let derived = c.method == Method::Derived;
        let dict = if derived { dictionary_rank(&c.key) } else { 0 };
        (table_rank(c.key.table), derived, rank(&c.key), dict)
    });
}

fn dictionary_rank(key: &CellKey) -> usize {
    static DICT: LazyLock<HashMap<CellKey, usize>> = LazyLock::new(|| {
        template::dictionary::dictionary()
            .iter()
            .enumerate()
            .map(|(i, k)| (k.key, i))
            .collect()
    });
    DICT.get(key).copied().unwrap_or(usize::MAX)
}

fn table_rank(t: TableId) -> u8 {
    match t {
        TableId::S2 => 0,
        TableId::S3 => 1,
        TableId::S4 => 2,
    }
}

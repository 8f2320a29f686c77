/*!
From the pieces read after each printed row's label to cells. When a row shows as many pieces as
it has cells, each piece is one cell. When it shows fewer and its pieces are digit runs, the cells
were glued together: the row goes to the glued-cell stage with the rest of its table. Anything
else (a short row, extra cells) keeps its raw text, gets no value, and is reported as a warning —
never a guess.
*/

use crate::model::{Cell, CellKey, Method, TableId, TemplateId, Warning, WarningCode};
use crate::normalize::{parse_cell, CellValue};
use crate::recognize::values::{Piece, PieceKind};
use crate::recognize::{RowRead, TableRead};
use crate::solve::{solve_table, CellKind, Equation, RowInput, RowOutcome, Value};
use crate::template::{self, IdentityOver, Template, ValueKind};
use rustc_hash::FxHashMap as HashMap;
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
fn kinds_of(t: &Template, keys: &[CellKey]) -> Vec<ValueKind> {
    keys.iter()
        .map(|k| {
            t.col_def(k.table, k.col)
                .map_or(ValueKind::Count, |c| c.kind)
        })
        .collect()
}

/// The cells of a document's tables.
pub struct Assembled {
    /// Every printed cell, glued runs split where the identities allow.
    pub cells: Vec<Cell>,
    /// The template each table follows.
    pub templates: Vec<(TableId, &'static Template)>,
    /// What is missing or misread, for the reason of a `partial` status.
    pub missing: Vec<String>,
}

/// Turns the tables read into cells: each table's rows assembled, its glued runs split.
pub fn assemble_tables(
    tables: &[TableRead],
    prose: &str,
    warnings: &mut Vec<Warning>,
) -> Assembled {
    let mut out = Assembled {
        cells: Vec::new(),
        templates: Vec::new(),
        missing: Vec::new(),
    };
    for read in tables {
        out.templates.push((read.table, read.template));
        let before = warnings.len();
        let mut rows = assemble_table(read, warnings);
        let misfit = warnings[before..]
            .iter()
            .filter(|w| matches!(w.code, WarningCode::ShortRow | WarningCode::ExtraCells))
            .count();
        resolve_glued(read.template, &mut rows, prose, warnings);
        for row in rows {
            out.cells.extend(finish_row(row));
        }
        if !read.missing.is_empty() {
            out.missing.push(format!(
                "{} rows not found: {}",
                read.table.as_str(),
                read.missing.join(", ")
            ));
        }
        if misfit > 0 {
            out.missing.push(format!(
                "{} rows with the wrong number of cells: {misfit} (a column missing or added?)",
                read.table.as_str()
            ));
        }
    }
    for table in TableId::ALL {
        if !tables.iter().any(|t| t.table == table) {
            out.missing
                .insert(0, format!("table {} not found", table.as_str()));
        }
    }
    out
}

/// Turns one table's rows into cells (or glued runs), with warnings.
pub fn assemble_table(read: &TableRead, warnings: &mut Vec<Warning>) -> Vec<RowCells> {
    read.rows
        .iter()
        .map(|row| assemble_row(read.template, row, warnings))
        .collect()
}

fn assemble_row(template: &Template, row: &RowRead, warnings: &mut Vec<Warning>) -> RowCells {
    let keys = row.keys.clone();
    let kinds = kinds_of(template, &keys);
    let n = keys.len();
    let mut pieces = row.values.pieces.clone();
    // Trailing empty cells beyond the template's columns are layout residue (a spanned grid).
    while pieces.len() > n && pieces.last().is_some_and(|p| p.kind == PieceKind::Blank) {
        pieces.pop();
    }
    // Cells flattened one per line lose their row ends: the row ends at its count of cells, and
    // a text cell after that is the next label (a group or column header), not a cell of it.
    if row.values.in_cells && pieces.get(n).is_some_and(|p| p.kind == PieceKind::Text) {
        pieces.truncate(n);
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
        && !row.values.in_cells
        && pieces.iter().all(|p| p.kind == PieceKind::Number)
    {
        // Fewer numbers than cells on a line of text: cells glued together. In a table whose
        // cells are separate, a short row is a missing cell instead, never a glued one.
        RowState::Glued(pieces)
    } else {
        let shown: Vec<&str> = pieces.iter().map(|p| p.raw.as_str()).collect();
        warnings.push(Warning::new(
            if pieces.len() > n {
                WarningCode::ExtraCells
            } else {
                WarningCode::ShortRow
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
        PieceKind::Odd => {
            warnings.push(Warning::new(
                WarningCode::OddCell,
                format!(
                    "{}: cell holds {raw:?}, several values or a damaged one: no value",
                    key.flat()
                ),
            ));
            None
        }
        PieceKind::Number | PieceKind::Text => match parse_cell(&raw, kind) {
            CellValue::Number(v) => Some(v),
            CellValue::Blank | CellValue::Null => None,
            CellValue::Text => {
                warnings.push(Warning::new(
                    WarningCode::NonNumeric,
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

/// The rank of a key in a template's own order.
fn rank_in(t: &Template, key: &CellKey) -> Option<usize> {
    if template::template(t.id).is_some() {
        RANKS.get(&(t.id, *key)).copied()
    } else {
        t.cell_keys().iter().position(|k| k == key)
    }
}

/// Orders cells as the report's template prints them (s2, s3, s4; rows then columns), a cell
/// it does not print as the first of the other templates that does; derived cells after the
/// printed ones of their table, in dictionary order.
pub fn sort_cells(cells: &mut [Cell], report: &Template, templates: &[&Template]) {
    let rank = |k: &CellKey| {
        rank_in(report, k)
            .or_else(|| {
                templates
                    .iter()
                    .filter(|t| t.id != report.id)
                    .find_map(|t| rank_in(t, k))
            })
            .unwrap_or(usize::MAX)
    };
    cells.sort_by_cached_key(|c| {
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

/// Splits the glued rows of one table with the solver: the identities of the table's template
/// become equations over the printed cells, and the report's prose gives evidence for section 二.
/// Glued rows become `Read` rows whose cells are `split` (certain) or `unresolved` (no value).
pub fn resolve_glued(
    t: &Template,
    rows: &mut [RowCells],
    prose: &str,
    warnings: &mut Vec<Warning>,
) {
    if !rows.iter().any(|r| matches!(r.state, RowState::Glued(_))) {
        return;
    }
    let mut position: HashMap<CellKey, (usize, usize)> = HashMap::default();
    for (r, row) in rows.iter().enumerate() {
        for (c, key) in row.keys.iter().enumerate() {
            position.insert(*key, (r, c));
        }
    }
    let inputs: Vec<RowInput> = rows
        .iter()
        .map(|row| match &row.state {
            RowState::Read(cells) => RowInput::Known(cells.iter().map(Cell::int).collect()),
            RowState::Unreadable(_) => RowInput::Known(vec![None; row.keys.len()]),
            RowState::Glued(pieces) => RowInput::Glued {
                pieces: pieces.iter().map(|p| p.raw.clone()).collect(),
                kinds: row.kinds.iter().map(|k| cell_kind(*k)).collect(),
            },
        })
        .collect();
    let equations = equations(t, &position);
    let table = rows.first().and_then(|r| r.keys.first()).map(|k| k.table);
    let evidence: std::collections::HashMap<(usize, usize), String> = match t.evidence {
        Some(ev) if Some(ev.table) == table => crate::solve::evidence::statements(prose, t.id, &ev)
            .into_iter()
            .filter_map(|s| {
                let key = CellKey {
                    table: ev.table,
                    row: s.row,
                    col: s.col,
                };
                position.get(&key).map(|p| (*p, s.value))
            })
            .collect(),
        _ => std::collections::HashMap::new(),
    };
    let outcomes = solve_table(&inputs, &equations, &evidence);
    for (row, outcome) in rows.iter_mut().zip(outcomes) {
        let RowState::Glued(pieces) = &row.state else {
            continue;
        };
        let run = pieces
            .iter()
            .map(|p| p.raw.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        let where_ = row.keys.first().map_or(String::new(), |k| {
            format!("{} row {}", k.table.as_str(), k.row)
        });
        let unresolved = |key: CellKey| Cell {
            key,
            value: None,
            raw: run.clone(),
            method: Method::Unresolved,
        };
        let split = |key: CellKey, v: &Value| Cell {
            key,
            value: Some(v.text.clone()),
            raw: v.raw.clone(),
            method: Method::Split,
        };
        let cells: Vec<Cell> = match &outcome {
            RowOutcome::Unique(values) => row
                .keys
                .iter()
                .zip(values)
                .map(|(k, v)| split(*k, v))
                .collect(),
            RowOutcome::Ambiguous { candidates, agreed } => {
                let shown: Vec<String> = candidates
                    .iter()
                    .take(4)
                    .map(|c| {
                        c.iter()
                            .map(|v| v.text.as_str())
                            .collect::<Vec<_>>()
                            .join("|")
                    })
                    .collect();
                warnings.push(Warning::new(
                    WarningCode::GluedAmbiguous,
                    format!(
                        "{where_}: glued run {run:?} fits {} splits ({}{}); cells they disagree on are left empty",
                        candidates.len(),
                        shown.join("; "),
                        if candidates.len() > 4 { "; …" } else { "" }
                    ),
                ));
                row.keys
                    .iter()
                    .zip(agreed)
                    .map(|(k, a)| a.as_ref().map_or_else(|| unresolved(*k), |v| split(*k, v)))
                    .collect()
            }
            RowOutcome::NoSolution | RowOutcome::TooMany | RowOutcome::Known => {
                let why = if matches!(outcome, RowOutcome::TooMany) {
                    "too long to split with certainty"
                } else {
                    "no split into the template's cells fits"
                };
                warnings.push(Warning::new(
                    WarningCode::GluedUnresolved,
                    format!("{where_}: glued run {run:?}: {why}"),
                ));
                row.keys.iter().map(|k| unresolved(*k)).collect()
            }
        };
        row.state = RowState::Read(cells);
    }
}

fn cell_kind(kind: ValueKind) -> CellKind {
    match kind {
        ValueKind::Count => CellKind::Count,
        ValueKind::Signed => CellKind::Signed,
        ValueKind::MoneyWan => CellKind::Money,
    }
}

/// The template's identities as equations over printed positions; instances touching a cell the
/// table does not have are left out.
fn equations(t: &template::Template, position: &HashMap<CellKey, (usize, usize)>) -> Vec<Equation> {
    let mut out = Vec::new();
    for identity in t.identities {
        let table = identity.table;
        let per_column = identity.over == IdentityOver::PerColumn;
        let instances = if per_column {
            t.table_cols(table)
        } else {
            t.table_rows(table)
        };
        let (lhs, rhs) = (
            t.terms(identity, identity.lhs),
            t.terms(identity, identity.rhs),
        );
        'instance: for inst in instances {
            let mut terms = Vec::new();
            for (side, coeff) in [(&lhs, 1i64), (&rhs, -1i64)] {
                for term in side {
                    let (row, col) = if per_column {
                        (*term, inst)
                    } else {
                        (inst, *term)
                    };
                    let Some(&(r, c)) = position.get(&CellKey { table, row, col }) else {
                        continue 'instance;
                    };
                    terms.push((r, c, coeff));
                }
            }
            out.push(Equation { terms });
        }
    }
    out
}

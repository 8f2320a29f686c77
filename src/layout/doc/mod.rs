/*!
Legacy Word (`.doc`, Word 97–2003 binary) attachments into the intermediate form, as DOCX files
are laid out. The OLE compound file is opened with `cfb`; the rest follows the format's
specification ([MS-DOC]): the FIB at the start of the `WordDocument` stream (`fib`) names the table
stream (`0Table` or `1Table`) and where in it the piece table and the paragraph properties are;
the pieces give the main text (`pieces`); each paragraph's properties (`props`) say whether it is
in a table, whether its mark (0x07) ends a cell or the row, and which cells of the row are merged
into the one above or before. Paragraphs outside tables are lines; a cell's paragraphs are lines
of its text; field codes are left out and their results kept.
*/

mod fib;
mod pieces;
mod props;

use super::Refusal;
use super::{Block, LCell, Layout};
use props::{CellDef, Merge, Para, Props};
use std::io::{Cursor, Read};

/// Edges of cells closer than this (in twips, 1/1440 inch) are the same grid line.
const EDGE_SLACK: i16 = 20;

fn le_u16(b: &[u8], at: usize) -> Option<u16> {
    let s = b.get(at..at.checked_add(2)?)?;
    Some(u16::from_le_bytes([s[0], s[1]]))
}

fn le_u32(b: &[u8], at: usize) -> Option<u32> {
    let s = b.get(at..at.checked_add(4)?)?;
    Some(u32::from_le_bytes([s[0], s[1], s[2], s[3]]))
}

fn damaged(what: impl std::fmt::Display) -> Refusal {
    Refusal::error(format!("damaged Word document: {what}"))
}

/// Lays out a legacy Word document.
pub fn lay_out(bytes: &[u8]) -> Result<Layout, Refusal> {
    let mut file = cfb::CompoundFile::open(Cursor::new(bytes)).map_err(damaged)?;
    if file.is_stream("EncryptedPackage") {
        return Err(Refusal::unsupported(
            "encrypted Word document (password-protected)",
        ));
    }
    if !file.is_stream("WordDocument") {
        return Err(Refusal::unsupported(
            "OLE compound file without a Word document (an Excel or PowerPoint file?)",
        ));
    }
    let word = stream(&mut file, "WordDocument", bytes.len())?;
    let fib = fib::read(&word)?;
    let table = stream(&mut file, fib.table_stream, bytes.len())?;
    let part =
        |(fc, lcb): (u32, u32)| table.get(fc as usize..(fc as usize).checked_add(lcb as usize)?);
    let clx = part(fib.clx).ok_or_else(|| damaged("piece table outside the table stream"))?;
    let text = pieces::main_text(&word, clx, fib.ccp_text)?;
    let data = if file.is_stream("Data") {
        stream(&mut file, "Data", bytes.len())?
    } else {
        Vec::new()
    };
    let props = Props::new(&word, &data, part(fib.bte_papx).unwrap_or_default());
    let mut layout = assemble(&text, |fc| props.at(fc));
    layout.fold_compat();
    Ok(layout)
}

/// A whole stream of the compound file (none is larger than the file).
fn stream(
    file: &mut cfb::CompoundFile<Cursor<&[u8]>>,
    name: &str,
    limit: usize,
) -> Result<Vec<u8>, Refusal> {
    let s = file
        .open_stream(name)
        .map_err(|e| damaged(format!("{name}: {e}")))?;
    let mut out = Vec::new();
    s.take(limit as u64)
        .read_to_end(&mut out)
        .map_err(|e| damaged(format!("{name}: {e}")))?;
    Ok(out)
}

/// Turns the characters into blocks, with the paragraph properties of each mark (by its fc).
fn assemble(text: &[pieces::Char], para_at: impl Fn(u32) -> Para) -> Layout {
    let mut b = Builder::default();
    // Open fields, innermost last: true while in the field code (before its separator).
    let mut fields: Vec<bool> = Vec::new();
    for c in text {
        match c.ch {
            '\u{13}' => fields.push(true),
            '\u{14}' => {
                if let Some(code) = fields.last_mut() {
                    *code = false;
                }
            }
            '\u{15}' => {
                fields.pop();
            }
            _ if fields.iter().any(|&code| code) => {}
            '\r' | '\u{c}' => b.paragraph_end(&para_at(c.fc)),
            '\u{7}' => b.cell_mark(para_at(c.fc)),
            '\u{b}' => b.para.push('\n'),
            '\t' => b.para.push(' '),
            '\u{1e}' => b.para.push('-'),
            ch if u32::from(ch) < 0x20 => {}
            ch => b.para.push(ch),
        }
    }
    b.paragraph_end(&Para::default());
    Layout {
        blocks: b.blocks,
        title: None,
    }
}

#[derive(Default)]
struct Builder {
    blocks: Vec<Block>,
    /// The paragraph being read.
    para: String,
    /// The earlier paragraphs of the cell being read.
    cell: String,
    /// The cells of the row being read.
    row: Vec<String>,
    /// The table's rows so far, each with its definition.
    rows: Vec<(Vec<String>, Vec<CellDef>)>,
}

impl Builder {
    fn paragraph_end(&mut self, p: &Para) {
        let para = std::mem::take(&mut self.para);
        if p.depth == 0 {
            self.end_table();
            let line = para.trim();
            if !line.is_empty() {
                self.blocks.push(Block::Line(line.to_string()));
            }
        } else {
            // A paragraph of a cell, or a row end of a table nested in it: a line of the cell.
            self.cell.push_str(&para);
            self.cell.push('\n');
        }
    }

    fn cell_mark(&mut self, p: Para) {
        let para = std::mem::take(&mut self.para);
        if p.row_end {
            if !self.cell.trim().is_empty() || !para.trim().is_empty() {
                // Text after the last cell mark: keep it in a cell of its own.
                self.cell.push_str(&para);
                self.row.push(std::mem::take(&mut self.cell));
            }
            self.cell.clear();
            let cells = std::mem::take(&mut self.row);
            self.rows.push((cells, p.cells));
        } else if p.depth > 1 {
            // A cell of a nested table: its text stays in the outer cell.
            self.cell.push_str(&para);
            self.cell.push('\n');
        } else {
            self.cell.push_str(&para);
            self.row.push(std::mem::take(&mut self.cell));
        }
    }

    fn end_table(&mut self) {
        if !self.row.is_empty() || !self.cell.trim().is_empty() {
            // Cells without a row end (properties missing or damaged): one row as read.
            if !self.cell.trim().is_empty() {
                self.row.push(std::mem::take(&mut self.cell));
            }
            let cells = std::mem::take(&mut self.row);
            self.rows.push((cells, Vec::new()));
        }
        self.cell.clear();
        if self.rows.is_empty() {
            return;
        }
        let rows = std::mem::take(&mut self.rows);
        self.blocks
            .extend(table_rows(rows).into_iter().map(Block::Row));
        self.blocks.push(Block::TableEnd);
    }
}

/// A table's rows with merged cells as DOCX and HTML give them: a cell merged into the one above
/// is left out and spans that one down; one merged into the cell before widens it; a cell's
/// colspan is the number of the table's grid columns it covers.
fn table_rows(rows: Vec<(Vec<String>, Vec<CellDef>)>) -> Vec<Vec<LCell>> {
    let mut grid: Vec<i16> = rows
        .iter()
        .flat_map(|(_, defs)| defs.iter().flat_map(|d| [d.left, d.right]))
        .collect();
    grid.sort_unstable();
    grid.dedup_by(|a, b| (*a - *b).abs() <= EDGE_SLACK);
    let near = |a: i16, b: i16| (i32::from(a) - i32::from(b)).abs() <= i32::from(EDGE_SLACK);
    let mut out: Vec<Vec<LCell>> = Vec::with_capacity(rows.len());
    // Each row's cells by edges, for the merges below them.
    let mut starts: Vec<Vec<(i16, i16, usize)>> = Vec::with_capacity(rows.len());
    for (r, (texts, defs)) in rows.into_iter().enumerate() {
        let defs = if defs.len() == texts.len() {
            defs
        } else {
            Vec::new()
        };
        let mut cells: Vec<LCell> = Vec::with_capacity(texts.len());
        let mut row_starts = Vec::new();
        for (k, text) in texts.iter().enumerate() {
            let text = text.trim();
            let Some(def) = defs.get(k) else {
                cells.push(LCell::new(text));
                continue;
            };
            let span = grid
                .iter()
                .filter(|&&e| {
                    e > def.left && !near(e, def.left) && (e < def.right || near(e, def.right))
                })
                .count()
                .max(1) as u32;
            if def.horizontal_continues {
                if let Some(prev) = cells.last_mut() {
                    prev.colspan += span;
                    append_line(&mut prev.text, text);
                    continue;
                }
            }
            if def.vertical == Merge::Continues {
                if let Some((up, i)) = cell_above(&starts[..r], def, near) {
                    if let Some(cell) = out[up].get_mut(i) {
                        cell.rowspan = (r - up + 1) as u32;
                        append_line(&mut cell.text, text);
                    }
                    continue;
                }
            }
            row_starts.push((def.left, def.right, cells.len()));
            let mut cell = LCell::new(text);
            cell.colspan = span;
            cells.push(cell);
        }
        out.push(cells);
        starts.push(row_starts);
    }
    out
}

/// The cell a vertical merge continues: (row, index) of the nearest cell above starting at the
/// same left edge, else of the one above overlapping it most (writers do not always keep a merged
/// cell's edges the same from row to row).
fn cell_above(
    starts: &[Vec<(i16, i16, usize)>],
    def: &CellDef,
    near: impl Fn(i16, i16) -> bool,
) -> Option<(usize, usize)> {
    let same_left = starts.iter().enumerate().rev().find_map(|(up, row)| {
        row.iter()
            .find(|(left, _, _)| near(*left, def.left))
            .map(|&(_, _, i)| (up, i))
    });
    same_left.or_else(|| {
        let overlap = |&(left, right, _): &(i16, i16, usize)| {
            i32::from(right.min(def.right)) - i32::from(left.max(def.left))
        };
        starts
            .iter()
            .enumerate()
            .rev()
            .filter_map(|(up, row)| {
                let best = row.iter().max_by_key(|c| overlap(c))?;
                (overlap(best) > 0).then_some((up, best.2))
            })
            .next()
    })
}

fn append_line(text: &mut String, more: &str) {
    if !more.is_empty() {
        text.push('\n');
        text.push_str(more);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use pieces::Char;

    /// Text whose marks carry properties by fc: `|` ends a cell, `#` ends a row (with the given
    /// cell definitions), `\r` ends a paragraph outside tables, `~` one inside a cell.
    fn lay_out_marked(marked: &str, rows: &[Vec<CellDef>]) -> Layout {
        let mut text = Vec::new();
        let mut paras = HashMap::new();
        let mut row = 0;
        for (i, ch) in marked.chars().enumerate() {
            let fc = i as u32;
            let (ch, para) = match ch {
                '|' => (
                    '\u{7}',
                    Some(Para {
                        depth: 1,
                        ..Para::default()
                    }),
                ),
                '~' => (
                    '\r',
                    Some(Para {
                        depth: 1,
                        ..Para::default()
                    }),
                ),
                '#' => {
                    row += 1;
                    let cells = rows.get(row - 1).cloned().unwrap_or_default();
                    (
                        '\u{7}',
                        Some(Para {
                            depth: 1,
                            row_end: true,
                            cells,
                            ..Para::default()
                        }),
                    )
                }
                ch => (ch, None),
            };
            if let Some(p) = para {
                paras.insert(fc, p);
            }
            text.push(Char { ch, fc });
        }
        assemble(&text, |fc| paras.get(&fc).cloned().unwrap_or_default())
    }

    fn def(left: i16, right: i16, vertical: Merge) -> CellDef {
        CellDef {
            left,
            right,
            vertical,
            horizontal_continues: false,
        }
    }

    use std::collections::HashMap;

    #[test]
    fn rows_cells_and_vertical_merges() {
        let rows = vec![
            vec![def(0, 100, Merge::Restart), def(100, 300, Merge::None)],
            vec![
                def(0, 100, Merge::Continues),
                def(100, 200, Merge::None),
                def(200, 300, Merge::None),
            ],
        ];
        let layout = lay_out_marked(
            "二、主动公开\r\u{13} PAGE \u{14}1\u{15}页\r结果|申请人~情况|#|5||#后文\r",
            &rows,
        );
        let mut merged = LCell::new("结果");
        merged.rowspan = 2;
        let mut wide = LCell::new("申请人\n情况");
        wide.colspan = 2;
        assert_eq!(
            layout.blocks,
            vec![
                Block::Line("二、主动公开".into()),
                Block::Line("1页".into()),
                Block::Row(vec![merged, wide]),
                Block::Row(vec![LCell::new("5"), LCell::new("")]),
                Block::TableEnd,
                Block::Line("后文".into()),
            ]
        );
    }

    #[test]
    fn a_merge_whose_edges_moved_joins_the_cell_it_overlaps() {
        let rows = vec![
            vec![def(0, 100, Merge::None), def(100, 900, Merge::Restart)],
            vec![
                def(0, 100, Merge::None),
                def(100, 200, Merge::None),
                def(600, 900, Merge::Continues),
            ],
        ];
        let layout = lay_out_marked("a|总计|#b|c||#", &rows);
        assert_eq!(layout.row_count(), 2);
        assert_eq!(layout.cell_count(), 4);
    }

    #[test]
    fn cells_without_row_ends_stay_one_row() {
        let layout = lay_out_marked("a|b|c\r", &[]);
        assert_eq!(
            layout.blocks,
            vec![
                Block::Row(vec![LCell::new("a"), LCell::new("b")]),
                Block::TableEnd,
                Block::Line("c".into()),
            ]
        );
    }

    #[test]
    fn damaged_and_foreign_compound_files_are_refused() {
        let mut ole = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
        ole.resize(4096, 0);
        let r = lay_out(&ole).expect_err("zeros");
        assert_eq!(r.status, crate::model::Status::Error);
        assert!(
            r.reason.starts_with("damaged Word document"),
            "{}",
            r.reason
        );

        let mut file = cfb::CompoundFile::create(Cursor::new(Vec::new())).expect("create");
        file.create_stream("Workbook").expect("stream");
        let xls = file.into_inner().into_inner();
        let r = lay_out(&xls).expect_err("no WordDocument");
        assert_eq!(r.status, crate::model::Status::Unsupported);
        assert!(r.reason.contains("without a Word document"), "{}", r.reason);
    }
}

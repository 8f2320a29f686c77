/*!
Loose text to the layout form. Line by line, these dialects become table rows:

- the pipe dialect of flattened pages (`../shared/seed`): each cell on its own line ending in
  `|`; a line holding exactly `|` starts a row; a cell that spanned N columns is followed by N−1
  extra `|` marks (`第二十条第(一)项 | |||`), which set its colspan and are not cells; a line of
  whitespace then `|` is a blank cell;
- the cell-then-bar dialect: each cell on its own line followed by a line `|`; an empty line
  ends the row;
- Markdown rows `| a | b |` (delimiter rows `|---|` skipped);
- tab-separated rows (a browser copy of a table).

Everything else (prose, labels followed by space-separated numbers, crawler text whose cells
were glued together) stays a line; the recognizer reads those. A crawler's `标题:` line gives
the title.
*/

use super::{Block, LCell, Layout};
use crate::template::Headings;

/// How the document flattens table cells, decided once from its lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Dialect {
    /// `cell |` lines, `|` row starts.
    PipeCells,
    /// `cell` then `|` lines.
    CellThenBar,
    /// Neither: only Markdown and tab rows are tables.
    Plain,
}

fn sniff(lines: &[&str]) -> Dialect {
    let mut pipe_cells = 0;
    let mut bars_after_text = 0;
    let mut prev_text = false;
    for line in lines {
        let t = line.trim_end();
        if t == "|" {
            if prev_text {
                bars_after_text += 1;
            }
            prev_text = false;
            continue;
        }
        if t.ends_with('|') && !t.trim_start().starts_with('|') {
            pipe_cells += 1;
        }
        prev_text = !t.trim().is_empty() && !t.contains('|');
    }
    if pipe_cells >= 3 {
        Dialect::PipeCells
    } else if bars_after_text >= 3 {
        Dialect::CellThenBar
    } else {
        Dialect::Plain
    }
}

/// A pipe-dialect cell line: the text before the trailing marks, and the colspan they say.
fn pipe_cell(line: &str) -> Option<LCell> {
    let t = line.trim_end();
    if !t.ends_with('|') || t == "|" && !line.starts_with(char::is_whitespace) {
        return None;
    }
    let marks_start = t
        .trim_end_matches(|c: char| c == '|' || c.is_whitespace())
        .len();
    let text = t[..marks_start].trim();
    let marks = t[marks_start..].chars().filter(|&c| c == '|').count() as u32;
    Some(LCell {
        text: text.to_string(),
        colspan: marks.clamp(1, 1000),
        rowspan: 1,
    })
}

fn markdown_row(line: &str) -> Option<Vec<LCell>> {
    let t = line.trim();
    if !(t.starts_with('|') && t.ends_with('|') && t.len() >= 3) {
        return None;
    }
    let inner = &t[1..t.len() - 1];
    let cells: Vec<&str> = inner.split('|').collect();
    if cells.len() < 2 {
        return None;
    }
    Some(cells.into_iter().map(|c| LCell::new(c.trim())).collect())
}

fn is_markdown_delimiter(cells: &[LCell]) -> bool {
    cells
        .iter()
        .all(|c| !c.text.is_empty() && c.text.chars().all(|ch| matches!(ch, '-' | ':' | ' ')))
}

struct Builder {
    blocks: Vec<Block>,
    row: Option<Vec<LCell>>,
    in_table: bool,
}

impl Builder {
    fn end_row(&mut self) {
        if let Some(row) = self.row.take() {
            if !row.is_empty() {
                self.blocks.push(Block::Row(row));
                self.in_table = true;
            }
        }
    }

    fn row(&mut self, cells: Vec<LCell>) {
        self.end_row();
        self.blocks.push(Block::Row(cells));
        self.in_table = true;
    }

    fn line(&mut self, text: &str) {
        self.end_row();
        if self.in_table {
            self.blocks.push(Block::TableEnd);
            self.in_table = false;
        }
        let t = text.trim();
        if !t.is_empty() {
            self.blocks.push(Block::Line(t.to_string()));
        }
    }

    fn cell(&mut self, cell: LCell) {
        self.row.get_or_insert_with(Vec::new).push(cell);
    }
}

/// Lays out loose text; `headings` are the templates' section headings.
pub fn lay_out(text: &str, headings: &Headings) -> Layout {
    let mut lines: Vec<&str> = text.lines().collect();
    let dialect = sniff(&lines);
    // A PDF's text layer: page furniture out, broken labels joined with their values.
    let repaired = match dialect {
        Dialect::Plain => super::pdf_text::repair(&lines, headings),
        _ => None,
    };
    if let Some(r) = &repaired {
        lines = r.iter().map(String::as_str).collect();
    }
    let mut b = Builder {
        blocks: Vec::with_capacity(lines.len()),
        row: None,
        in_table: false,
    };
    let mut title = None;
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i].trim_end_matches('\r');
        i += 1;
        if title.is_none() {
            if let Some(rest) = line.trim_start().strip_prefix("标题") {
                let rest = rest.trim_start_matches([':', '：', ' ']);
                if !rest.trim().is_empty() {
                    title = Some(rest.trim().to_string());
                }
            }
        }
        if line.contains('\t') && line.split('\t').filter(|c| !c.trim().is_empty()).count() >= 2 {
            b.row(line.split('\t').map(|c| LCell::new(c.trim())).collect());
            continue;
        }
        if let Some(cells) = markdown_row(line) {
            if !is_markdown_delimiter(&cells) {
                b.row(cells);
            }
            continue;
        }
        match dialect {
            Dialect::PipeCells => {
                if line.trim_end() == "|" && !line.starts_with(char::is_whitespace) {
                    b.end_row();
                    b.row = Some(Vec::new());
                } else if let Some(cell) = pipe_cell(line).filter(|_| b.row.is_some()) {
                    b.cell(cell);
                } else {
                    b.line(line);
                }
            }
            Dialect::CellThenBar => {
                let next_is_bar = lines.get(i).is_some_and(|n| n.trim() == "|");
                if line.trim() == "|" {
                    continue;
                } else if next_is_bar {
                    b.cell(LCell::new(line.trim()));
                    i += 1;
                } else if line.trim().is_empty() {
                    b.end_row();
                } else {
                    b.line(line);
                }
            }
            Dialect::Plain => b.line(line),
        }
    }
    b.end_row();
    if b.in_table {
        b.blocks.push(Block::TableEnd);
    }
    Layout {
        blocks: b.blocks,
        title,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(l: &Layout) -> Vec<Vec<String>> {
        l.blocks
            .iter()
            .filter_map(|b| match b {
                Block::Row(c) => Some(c.iter().map(|c| c.text.clone()).collect()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn pipe_dialect_with_span_marks() {
        let text = "二、主动公开政府信息情况\n|\n第二十条第(一)项 | |||\n|\n信息内容 |\n本年制发件数 |\n|\n规章 |\n0 |\n  |\n3 | ||\n三、收到";
        let l = lay_out(text, Headings::builtin());
        assert_eq!(
            rows(&l),
            vec![
                vec!["第二十条第(一)项".to_string()],
                vec!["信息内容".into(), "本年制发件数".into()],
                vec!["规章".into(), "0".into(), "".into(), "3".into()]
            ]
        );
        let Block::Row(first) = &l.blocks[1] else {
            panic!("row")
        };
        assert_eq!(first[0].colspan, 4);
        assert!(matches!(l.blocks.last(), Some(Block::Line(t)) if t == "三、收到"));
    }

    #[test]
    fn seed_rows() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../shared/seed/000_3f0c8cd74326bd72.txt");
        let Ok(text) = std::fs::read_to_string(path) else {
            return;
        };
        let r = rows(&lay_out(&text, Headings::builtin()));
        let row = r
            .iter()
            .find(|r| r[0] == "一、本年新收政府信息公开申请数量")
            .expect("row");
        assert_eq!(row.len(), 8);
        assert!(row[1..].iter().all(|c| c == "0"));
        assert!(r
            .iter()
            .any(|r| r.len() == 15 && r.iter().all(|c| c == "0")));
    }

    #[test]
    fn cell_then_bar_dialect() {
        let text = "标题: 某镇2022年政府信息公开工作年度报告\n正文\n规章\n|\n0\n|\n1\n|\n2\n|\n\n行政许可\n|\n5\n|\n\n结尾";
        let l = lay_out(text, Headings::builtin());
        assert_eq!(
            rows(&l),
            vec![
                vec!["规章".to_string(), "0".into(), "1".into(), "2".into()],
                vec!["行政许可".into(), "5".into()]
            ]
        );
        assert_eq!(
            l.title.as_deref(),
            Some("某镇2022年政府信息公开工作年度报告")
        );
    }

    #[test]
    fn markdown_and_tabs() {
        let text = "| 信息内容 | 本年制发件数 |\n|---|:---:|\n| 规章 |  |\n行政许可\t5\t\n一、本年新收政府信息公开申请数量 3001 53 0";
        let l = lay_out(text, Headings::builtin());
        assert_eq!(
            rows(&l),
            vec![
                vec!["信息内容".to_string(), "本年制发件数".into()],
                vec!["规章".into(), "".into()],
                vec!["行政许可".into(), "5".into(), "".into()]
            ]
        );
        assert!(matches!(l.blocks.last(), Some(Block::Line(t)) if t.ends_with("3001 53 0")));
    }

    #[test]
    fn glued_text_stays_lines_and_long_lines_are_fine() {
        let long = "规章000".repeat(200_000);
        let l = lay_out(&long, Headings::builtin());
        assert_eq!(l.blocks.len(), 1);
    }
}

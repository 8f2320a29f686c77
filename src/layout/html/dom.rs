/*!
A DOM to the layout form: one iterative walk of the tree (no recursion, so pages nested thousands
deep cannot overflow the stack). Text outside tables becomes lines at block boundaries; each `<tr>`
becomes a row of its `<td>`/`<th>` cells in source order, blank cells kept; a table nested in a
cell yields its own rows (a layout table wrapping the report adds no row of its own), except a
table in a value cell, whose text is the cell's. Elements
without text are skipped; `<br>` and block elements inside a cell become line breaks.
*/

use super::{is_block, is_opaque};
use crate::layout::{Block, LCell};
use ego_tree::iter::Edge;
use scraper::{Html, Node};

/// Tables nested deeper than this are read as plain text of the enclosing cell.
const MAX_TABLE_DEPTH: usize = 64;

/// Elements whose content the walk does not read: the opaque ones, and those whose content is
/// parsed but is not the page's text (`<head>`, whose `<title>` is read on its own, forms'
/// options, embedded objects and pictures).
fn is_skipped(name: &str) -> bool {
    is_opaque(name) || matches!(name, "head" | "iframe" | "object" | "svg" | "select")
}

/// Leniently parses a span attribute: missing, zero, negative or non-numeric → 1; capped.
pub(super) fn span(value: Option<&str>) -> u32 {
    let digits: String = value
        .unwrap_or("")
        .trim()
        .chars()
        .take_while(char::is_ascii_digit)
        .take(6)
        .collect();
    digits.parse::<u32>().unwrap_or(1).clamp(1, 1000)
}

struct OpenRow {
    cells: Vec<LCell>,
    /// The row held a nested table: it only wraps the report.
    wrapper: bool,
}

/// The layout form built from a document's elements and text, in document order: from a DOM's
/// traversal (`walk`) or from the events of slimmed markup (`events`).
#[derive(Default)]
pub(super) struct Walker {
    blocks: Vec<Block>,
    line: String,
    /// Open tables (only those within the depth limit), each with its open row.
    tables: Vec<Option<OpenRow>>,
    /// Open cell text, innermost last; parallel to the tables that own them.
    cell: Option<LCell>,
    cell_stack: Vec<Option<LCell>>,
    skip_depth: usize,
    deep_tables: usize,
    /// Depth of tables nested in a value cell (one after other cells of its row): their text is
    /// that cell's content, their rows and cells line breaks in it.
    inline_tables: usize,
}

impl Walker {
    pub(super) fn text(&mut self, t: &str) {
        match self.cell.as_mut() {
            Some(cell) => cell.text.push_str(t),
            None => self.line.push_str(t),
        }
    }

    fn line_break(&mut self) {
        if let Some(cell) = self.cell.as_mut() {
            cell.text.push('\n');
            return;
        }
        let text = self.line.trim();
        if !text.is_empty() {
            self.blocks.push(Block::Line(text.replace('\u{a0}', " ")));
        }
        self.line.clear();
    }

    /// Opens a table; `one_row` when it has at most one row (a value cell's wrapping).
    fn open_table(&mut self, one_row: bool) {
        let in_value_cell = one_row
            && self.cell.is_some()
            && matches!(self.tables.last(), Some(Some(row)) if !row.cells.is_empty());
        if self.inline_tables > 0 || in_value_cell {
            self.inline_tables += 1;
            return self.line_break();
        }
        if self.tables.len() >= MAX_TABLE_DEPTH {
            self.deep_tables += 1;
            return;
        }
        // A table inside a cell: what the cell said so far is a line before the inner rows, and
        // the outer row becomes a wrapper.
        if let Some(cell) = self.cell.as_mut() {
            let before = std::mem::take(&mut cell.text);
            if !before.trim().is_empty() {
                self.blocks
                    .push(Block::Line(before.trim().replace('\u{a0}', " ")));
            }
            if let Some(Some(row)) = self.tables.last_mut() {
                row.wrapper = true;
            }
        } else {
            self.line_break();
        }
        self.cell_stack.push(self.cell.take());
        self.tables.push(None);
    }

    fn close_table(&mut self) {
        if self.inline_tables > 0 {
            self.inline_tables -= 1;
            return self.line_break();
        }
        if self.deep_tables > 0 {
            self.deep_tables -= 1;
            return;
        }
        if self.tables.is_empty() {
            return;
        }
        self.close_row();
        self.tables.pop();
        self.cell = self.cell_stack.pop().flatten();
        self.blocks.push(Block::TableEnd);
    }

    fn open_row(&mut self) {
        if self.deep_tables > 0 {
            return self.line_break();
        }
        self.close_row();
        if let Some(slot) = self.tables.last_mut() {
            *slot = Some(OpenRow {
                cells: Vec::new(),
                wrapper: false,
            });
        }
    }

    fn close_row(&mut self) {
        self.close_cell();
        let Some(slot) = self.tables.last_mut() else {
            return;
        };
        if let Some(row) = slot.take() {
            let has_text = row.cells.iter().any(|c| !c.text.trim().is_empty());
            if !row.cells.is_empty() && (!row.wrapper || has_text) {
                if row.wrapper {
                    for c in row.cells.iter().filter(|c| !c.text.trim().is_empty()) {
                        self.blocks.push(Block::Line(c.text.trim().to_string()));
                    }
                } else {
                    self.blocks.push(Block::Row(row.cells));
                }
            }
        }
    }

    fn open_cell(&mut self, colspan: u32, rowspan: u32) {
        if self.deep_tables > 0 || self.tables.is_empty() {
            return self.line_break();
        }
        self.close_cell();
        if matches!(self.tables.last(), Some(None)) {
            // A cell outside any `<tr>` (malformed markup) starts an implicit row.
            self.open_row();
        }
        self.cell = Some(LCell {
            text: String::new(),
            colspan,
            rowspan,
        });
    }

    fn close_cell(&mut self) {
        if let Some(mut cell) = self.cell.take() {
            // Most cells of real tables hold one word or number: nothing to clean or copy.
            if cell.text.chars().any(char::is_whitespace) {
                cell.text = clean_cell(&cell.text);
            }
            if let Some(Some(row)) = self.tables.last_mut() {
                row.cells.push(cell);
            }
        }
    }
}

/// Cell text: non-breaking spaces as spaces, spaces collapsed within lines, lines kept, trimmed.
fn clean_cell(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.split('\n') {
        // `\u{a0}` is whitespace too.
        let mut words = line
            .split(char::is_whitespace)
            .filter(|w| !w.is_empty())
            .peekable();
        if words.peek().is_none() {
            continue;
        }
        if !out.is_empty() {
            out.push('\n');
        }
        for (k, w) in words.enumerate() {
            if k > 0 {
                out.push(' ');
            }
            out.push_str(w);
        }
    }
    out
}

impl Walker {
    /// A walker whose blocks start with `prelude`.
    pub(super) fn new(prelude: Vec<Block>) -> Self {
        Walker {
            blocks: prelude,
            ..Walker::default()
        }
    }

    /// An element opens (one that is not skipped). `spans` gives a cell's colspan and rowspan;
    /// `one_row` whether a table has at most one row (asked only of tables inside a cell).
    pub(super) fn open(
        &mut self,
        name: &str,
        spans: impl FnOnce() -> (u32, u32),
        one_row: impl FnOnce() -> bool,
    ) {
        match name {
            "tr" | "td" | "th" if self.inline_tables > 0 => self.line_break(),
            "table" => {
                let one_row = self.cell.is_some() && one_row();
                self.open_table(one_row)
            }
            "tr" => self.open_row(),
            "td" | "th" => {
                let (colspan, rowspan) = spans();
                self.open_cell(colspan, rowspan)
            }
            n if is_block(n) => self.line_break(),
            _ => {}
        }
    }

    /// An element closes (one that is not skipped).
    pub(super) fn close(&mut self, name: &str) {
        match name {
            "tr" | "td" | "th" if self.inline_tables > 0 => self.line_break(),
            "table" => self.close_table(),
            "tr" => self.close_row(),
            "td" | "th" => self.close_cell(),
            n if is_block(n) => self.line_break(),
            _ => {}
        }
    }

    /// The end of the document: open tables closed, the last line ended.
    pub(super) fn finish(mut self) -> Vec<Block> {
        while !self.tables.is_empty() {
            self.close_table();
        }
        self.line_break();
        self.blocks
    }
}

/// Walks a DOM into blocks (after `prelude`), and finds the `<title>`.
pub(super) fn walk(html: &Html, prelude: Vec<Block>) -> (Vec<Block>, Option<String>) {
    let mut w = Walker::new(prelude);
    let mut title: Option<String> = None;
    for edge in html.tree.root().traverse() {
        match edge {
            Edge::Open(node) => match node.value() {
                Node::Element(el) => {
                    let name = el.name();
                    // Skipped elements (and <title>, read whole when it closes) hide their text.
                    if w.skip_depth > 0 || is_skipped(name) || name == "title" {
                        w.skip_depth += 1;
                        continue;
                    }
                    // Only a table inside a cell needs the look-ahead; it stops at 2 rows.
                    let one_row = || {
                        node.descendants()
                            .filter(|d| d.value().as_element().is_some_and(|e| e.name() == "tr"))
                            .take(2)
                            .count()
                            <= 1
                    };
                    let spans = || (span(el.attr("colspan")), span(el.attr("rowspan")));
                    w.open(name, spans, one_row);
                }
                Node::Text(t) if w.skip_depth == 0 => w.text(t),
                _ => {}
            },
            Edge::Close(node) => {
                if let Node::Element(el) = node.value() {
                    let name = el.name();
                    if w.skip_depth > 0 {
                        w.skip_depth -= 1;
                        if name == "title" && title.is_none() {
                            let t: String = node
                                .descendants()
                                .filter_map(|n| n.value().as_text().map(|t| t.to_string()))
                                .collect();
                            let t = t.trim().to_string();
                            if !t.is_empty() {
                                title = Some(t);
                            }
                        }
                        continue;
                    }
                    w.close(name);
                }
            }
        }
    }
    (w.finish(), title)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::html::lay_out;

    #[test]
    fn hostile_spans_and_deep_nesting() {
        assert_eq!(span(Some("0")), 1);
        assert_eq!(span(Some("-3")), 1);
        assert_eq!(span(Some("abc")), 1);
        assert_eq!(span(Some("99999999999")), 1000);
        assert_eq!(span(Some("2px")), 2);
        let deep =
            "<table><tr><td>".repeat(3000) + "规章 1 2 3" + &"</td></tr></table>".repeat(3000);
        let l = lay_out(&deep);
        assert!(l.stream().contains("规章 1 2 3"));
    }
}

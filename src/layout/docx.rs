/*!
Word (DOCX) attachments into the intermediate form: the zip's `word/document.xml`, read with a
small scanner of its own (the body is a flat run of well-known tags). Paragraphs outside tables are
lines; each table row is a row of its cells, `w:gridSpan` giving the colspan and `w:vMerge` the
rowspan, with the merged-away cells left out as an HTML table leaves out cells covered by a
rowspan. A table inside a cell adds its text to that cell.
*/

use super::Refusal;
use super::{Block, LCell, Layout};
use std::io::Read;

/// The largest `document.xml` read (a report's is well under 1 MiB): a zip bomb stops here.
const MAX_XML: u64 = 64 * 1024 * 1024;

/// Whether zip bytes hold a Word document: a `word/` part, in the archive's directory or, when
/// that cannot be read (a truncated download), in its first local headers.
pub fn is_docx(bytes: &[u8]) -> bool {
    match zip::ZipArchive::new(std::io::Cursor::new(bytes)) {
        Ok(z) => z.file_names().any(|n| n.starts_with("word/")),
        Err(_) => memchr::memmem::find(&bytes[..bytes.len().min(64 * 1024)], b"word/").is_some(),
    }
}

/// Lays out a DOCX.
pub fn lay_out(bytes: &[u8]) -> Result<Layout, Refusal> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| Refusal::error(format!("damaged DOCX: {e}")))?;
    let entry = zip
        .by_name("word/document.xml")
        .map_err(|e| Refusal::error(format!("damaged DOCX: word/document.xml: {e}")))?;
    let mut xml = Vec::new();
    entry
        .take(MAX_XML + 1)
        .read_to_end(&mut xml)
        .map_err(|e| Refusal::error(format!("damaged DOCX: word/document.xml: {e}")))?;
    if xml.len() as u64 > MAX_XML {
        return Err(Refusal::error(format!(
            "DOCX body over {} MiB uncompressed",
            MAX_XML >> 20
        )));
    }
    let xml = String::from_utf8_lossy(&xml);
    let mut layout = body(&xml);
    layout.fold_compat();
    Ok(layout)
}

/// A cell being read: its text, grid position and span.
struct Cell {
    text: String,
    col: u32,
    span: u32,
    /// `w:vMerge` without `restart`: it continues the cell above.
    continues: bool,
}

/// A row as read, with its cells' grid columns, for vMerge.
struct RowCells {
    cells: Vec<Cell>,
}

#[derive(Default)]
struct Reader {
    blocks: Vec<Block>,
    /// Text of the paragraph outside tables being read.
    para: String,
    /// Nesting of `w:tbl`.
    depth: usize,
    rows: Vec<RowCells>,
    row: Option<RowCells>,
    cell: Option<Cell>,
    /// Inside `w:t`: its text is content.
    in_text: bool,
    /// Inside `mc:Fallback`: a copy of content already read.
    skip: usize,
}

impl Reader {
    fn text(&mut self, s: &str) {
        if self.skip > 0 || !self.in_text {
            return;
        }
        let target = match self.cell.as_mut() {
            Some(c) => &mut c.text,
            None => &mut self.para,
        };
        // XML character data: its five entities and numeric references are HTML ones too.
        html_escape::decode_html_entities_to_string(s, target);
    }

    fn push_char(&mut self, ch: char) {
        if self.skip > 0 {
            return;
        }
        match self.cell.as_mut() {
            Some(c) => c.text.push(ch),
            None => self.para.push(ch),
        }
    }

    fn end_paragraph(&mut self) {
        if self.depth == 0 {
            let line = std::mem::take(&mut self.para);
            if !line.trim().is_empty() {
                self.blocks.push(Block::Line(line.trim().to_string()));
            }
        } else if let Some(c) = self.cell.as_mut() {
            if !c.text.is_empty() && !c.text.ends_with('\n') {
                c.text.push('\n');
            }
        }
    }

    fn end_table(&mut self) {
        let rows = std::mem::take(&mut self.rows);
        // The cell a vMerge continuation joins: the last one above starting at the same column.
        let mut out: Vec<Vec<LCell>> = Vec::with_capacity(rows.len());
        let mut starts: Vec<Vec<(u32, usize)>> = Vec::with_capacity(rows.len());
        for (r, row) in rows.into_iter().enumerate() {
            let mut cells = Vec::new();
            let mut cols = Vec::new();
            for c in row.cells {
                if c.continues {
                    let above = (0..r).rev().find_map(|up| {
                        starts[up]
                            .iter()
                            .find(|(col, _)| *col == c.col)
                            .map(|&(_, i)| (up, i))
                    });
                    if let Some((up, i)) = above {
                        if let Some(cell) = out[up].get_mut(i) {
                            cell.rowspan = (r - up + 1) as u32;
                            let extra = c.text.trim();
                            if !extra.is_empty() {
                                cell.text.push('\n');
                                cell.text.push_str(extra);
                            }
                        }
                        continue;
                    }
                }
                cols.push((c.col, cells.len()));
                cells.push(LCell {
                    text: c.text.trim().to_string(),
                    colspan: c.span,
                    rowspan: 1,
                });
            }
            out.push(cells);
            starts.push(cols);
        }
        self.blocks.extend(out.into_iter().map(Block::Row));
        self.blocks.push(Block::TableEnd);
    }

    fn tag(&mut self, tag: &str) {
        let closing = tag.starts_with('/');
        let self_closing = tag.ends_with('/');
        let name_end = tag
            .find(|c: char| c.is_ascii_whitespace() || c == '/' && !closing)
            .unwrap_or(tag.len());
        let name = tag[..name_end].trim_start_matches('/');
        match (name, closing) {
            ("mc:Fallback", false) if !self_closing => self.skip += 1,
            ("mc:Fallback", true) => self.skip = self.skip.saturating_sub(1),
            _ if self.skip > 0 => {}
            ("w:t", false) => self.in_text = !self_closing,
            ("w:t", true) => self.in_text = false,
            ("w:tab", false) => self.push_char(' '),
            ("w:br" | "w:cr", false) => self.push_char('\n'),
            ("w:p", true) => self.end_paragraph(),
            ("w:tbl", false) => {
                self.depth += 1;
                // A table inside a cell: its text stays in the cell.
            }
            ("w:tbl", true) => {
                self.depth = self.depth.saturating_sub(1);
                if self.depth == 0 {
                    self.end_table();
                }
            }
            ("w:tr", false) if self.depth == 1 => self.row = Some(RowCells { cells: Vec::new() }),
            ("w:tr", true) if self.depth == 1 => {
                if let Some(row) = self.row.take() {
                    self.rows.push(row);
                }
            }
            ("w:tc", false) if self.depth == 1 => {
                let col = self
                    .row
                    .as_ref()
                    .and_then(|r| r.cells.last())
                    .map_or(0, |c| c.col + c.span);
                self.cell = Some(Cell {
                    text: String::new(),
                    col,
                    span: 1,
                    continues: false,
                });
            }
            ("w:tc", true) if self.depth == 1 => {
                if let (Some(c), Some(row)) = (self.cell.take(), self.row.as_mut()) {
                    row.cells.push(c);
                }
            }
            ("w:gridSpan", false) if self.depth == 1 => {
                if let Some(c) = self.cell.as_mut() {
                    c.span = attr(tag, "w:val")
                        .and_then(|v| v.parse::<u32>().ok())
                        .unwrap_or(1)
                        .clamp(1, 1000);
                }
            }
            ("w:vMerge", false) if self.depth == 1 => {
                if let Some(c) = self.cell.as_mut() {
                    c.continues = attr(tag, "w:val").is_none_or(|v| v == "continue");
                }
            }
            _ => {}
        }
    }
}

/// An attribute's value in a start tag.
fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let mut rest = tag;
    while let Some(at) = rest.find(name) {
        let after = &rest[at + name.len()..];
        let before_ok = rest[..at].ends_with(|c: char| c.is_ascii_whitespace());
        if let Some(v) = after
            .strip_prefix("=\"")
            .or_else(|| after.strip_prefix("='"))
        {
            if before_ok {
                let end = v.find(['"', '\'']).unwrap_or(v.len());
                return Some(&v[..end]);
            }
        }
        rest = after;
    }
    None
}

/// Lays out the XML of a document body.
fn body(xml: &str) -> Layout {
    let mut r = Reader::default();
    let mut rest = xml;
    while let Some(lt) = rest.find('<') {
        r.text(&rest[..lt]);
        let after = &rest[lt + 1..];
        if let Some(comment) = after.strip_prefix("!--") {
            rest = comment.find("-->").map_or("", |e| &comment[e + 3..]);
            continue;
        }
        let Some(gt) = after.find('>') else { break };
        r.tag(&after[..gt]);
        rest = &after[gt + 1..];
    }
    if r.depth > 0 {
        // A truncated body: the rows read so far are kept.
        r.depth = 0;
        if let Some(row) = r.row.take() {
            r.rows.push(row);
        }
        r.end_table();
    }
    r.end_paragraph();
    Layout {
        blocks: r.blocks,
        title: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(text: &str, extra: &str) -> String {
        format!("<w:tc><w:tcPr>{extra}</w:tcPr><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>")
    }

    #[test]
    fn tables_with_grid_span_and_vertical_merge() {
        let xml = format!(
            "<w:document><w:body><w:p><w:r><w:t xml:space=\"preserve\">二、主动公开 &amp; 情况</w:t></w:r></w:p>\
             <w:tbl><w:tr>{}{}</w:tr><w:tr>{}{}{}</w:tr><w:tr>{}{}{}</w:tr></w:tbl>\
             <w:p><w:r><w:t>后文</w:t></w:r></w:p></w:body></w:document>",
            cell("申请人情况", "<w:gridSpan w:val=\"2\"/>"),
            cell("总计", ""),
            cell("三、本年度办理结果", "<w:vMerge w:val=\"restart\"/>"),
            cell("（一）予以公开", ""),
            cell("5", ""),
            cell("", "<w:vMerge/>"),
            cell("（二）部分公开", ""),
            cell("6", ""),
        );
        let layout = body(&xml);
        let mut merged = LCell::new("三、本年度办理结果");
        merged.rowspan = 2;
        let mut wide = LCell::new("申请人情况");
        wide.colspan = 2;
        assert_eq!(
            layout.blocks,
            vec![
                Block::Line("二、主动公开 & 情况".into()),
                Block::Row(vec![wide, LCell::new("总计")]),
                Block::Row(vec![merged, LCell::new("（一）予以公开"), LCell::new("5")]),
                Block::Row(vec![LCell::new("（二）部分公开"), LCell::new("6")]),
                Block::TableEnd,
                Block::Line("后文".into()),
            ]
        );
    }

    #[test]
    fn truncated_and_odd_markup_does_not_panic() {
        for xml in [
            "<w:tbl><w:tr><w:tc><w:p><w:t>1",
            "<<<>>>&&;&#xZZ;",
            "<w:t>&#1114112;</w:t>",
            "<!-- x",
        ] {
            let _ = body(xml);
        }
        assert_eq!(attr("w:gridSpan w:val=\"3\"/", "w:val"), Some("3"));
    }
}

/*!
Drawing a generated report as a PDF, with a minimal PDF writer of our own: A4 pages, one Type0
font (Identity-H, character codes are the Unicode code points, a ToUnicode map, widths for ASCII
and CJK), text set line by line and tables drawn from the report's grid — with ruling lines
(lattice), or without any (text alone in its columns). Long prose wraps over as many pages as it
takes, and a table breaks across pages between rows, as office exports do.
*/

use super::grid::{GCell, Table};
use super::render::Doc;
use crate::rng::Rng;
use std::fmt::Write;

const PAGE_W: f64 = 595.0;
const PAGE_H: f64 = 842.0;
const MARGIN: f64 = 60.0;
const BODY: f64 = 12.0;
const TITLE: f64 = 18.0;
const CELL: f64 = 9.0;

/// Width of a character in em.
fn em(ch: char) -> f64 {
    if ch.is_ascii() {
        0.5
    } else {
        1.0
    }
}

fn width(text: &str, size: f64) -> f64 {
    text.chars().map(em).sum::<f64>() * size
}

/// Greedy wrap to a width.
fn wrap(text: &str, size: f64, max: f64) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut w = 0.0;
    for ch in text.chars() {
        let cw = em(ch) * size;
        if w + cw > max && !line.is_empty() {
            lines.push(std::mem::take(&mut line));
            w = 0.0;
        }
        line.push(ch);
        w += cw;
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// Pages being drawn: content streams in PDF operators, a cursor going down the page.
struct Pages {
    done: Vec<String>,
    page: String,
    /// Distance from the top of the page.
    y: f64,
}

impl Pages {
    fn new() -> Self {
        Pages {
            done: Vec::new(),
            page: String::new(),
            y: MARGIN,
        }
    }

    fn break_page(&mut self) {
        let n = self.done.len() + 1;
        // A page number at the foot, as reports print them.
        let foot = format!("- {n} -");
        self.text(
            &foot,
            BODY,
            (PAGE_W - width(&foot, BODY)) / 2.0,
            PAGE_H - 30.0,
        );
        self.done.push(std::mem::take(&mut self.page));
        self.y = MARGIN;
    }

    fn room(&mut self, h: f64) {
        if self.y + h > PAGE_H - MARGIN {
            self.break_page();
        }
    }

    /// Sets text with its baseline at `baseline` from the top.
    fn text(&mut self, text: &str, size: f64, x: f64, baseline: f64) {
        let mut hex = String::with_capacity(text.len() * 4);
        for unit in text.encode_utf16() {
            let _ = write!(hex, "{unit:04X}");
        }
        let _ = writeln!(
            self.page,
            "BT /F1 {size} Tf 1 0 0 1 {x:.2} {:.2} Tm <{hex}> Tj ET",
            PAGE_H - baseline
        );
    }

    fn line(&mut self, x0: f64, y0: f64, x1: f64, y1: f64) {
        let _ = writeln!(
            self.page,
            "{x0:.2} {:.2} m {x1:.2} {:.2} l S",
            PAGE_H - y0,
            PAGE_H - y1
        );
    }

    fn paragraph(&mut self, text: &str, size: f64, indent: bool, center: bool) {
        let pitch = size * 1.75;
        let max = PAGE_W - 2.0 * MARGIN;
        let first = if indent { 2.0 * size } else { 0.0 };
        for (i, line) in wrap(text, size, max - first).into_iter().enumerate() {
            self.room(pitch);
            let x = if center {
                (PAGE_W - width(&line, size)) / 2.0
            } else if i == 0 {
                MARGIN + first
            } else {
                MARGIN
            };
            self.y += pitch;
            self.text(&line, size, x, self.y - size * 0.4);
        }
    }
}

/// A table placed on the grid: each cell's first row and column.
struct Placed<'a> {
    cell: &'a GCell,
    row: usize,
    col: usize,
}

fn place(t: &Table) -> (Vec<Placed<'_>>, usize, usize) {
    let mut taken: Vec<Vec<bool>> = Vec::new();
    let mut out = Vec::new();
    let mut cols = 0;
    for (r, row) in t.rows.iter().enumerate() {
        let mut c = 0;
        for cell in row {
            while taken
                .get(r)
                .and_then(|cs| cs.get(c))
                .copied()
                .unwrap_or(false)
            {
                c += 1;
            }
            for rr in r..r + cell.rowspan as usize {
                if taken.len() <= rr {
                    taken.resize(rr + 1, Vec::new());
                }
                let need = c + cell.colspan as usize;
                if taken[rr].len() < need {
                    taken[rr].resize(need, false);
                }
                for slot in &mut taken[rr][c..need] {
                    *slot = true;
                }
            }
            out.push(Placed {
                cell,
                row: r,
                col: c,
            });
            c += cell.colspan as usize;
            cols = cols.max(c);
        }
    }
    (out, t.rows.len(), cols)
}

/// Draws one table below the cursor, breaking between rows at the foot of a page.
fn table(p: &mut Pages, t: &Table, ruled: bool) {
    let (cells, rows, cols) = place(t);
    if cols == 0 {
        return;
    }
    // Without rules, columns must stand apart by more than a glyph, so cells are padded wider.
    let pad = if ruled { 3.0 } else { 6.0 };
    let total = PAGE_W - 2.0 * MARGIN;
    let mut want = vec![24.0f64; cols];
    for pc in cells.iter().filter(|pc| pc.cell.colspan == 1) {
        let w = width(&pc.cell.text, CELL).min(if pc.cell.label { 110.0 } else { 80.0 });
        want[pc.col] = want[pc.col].max(w + 2.0 * pad);
    }
    let sum: f64 = want.iter().sum();
    let widths: Vec<f64> = want.iter().map(|w| w * total / sum).collect();
    let mut xs = vec![MARGIN];
    for w in &widths {
        let last = xs[xs.len() - 1];
        xs.push(last + w);
    }
    // Lines of every cell, wrapped to its width (values are never wrapped).
    let lines: Vec<Vec<String>> = cells
        .iter()
        .map(|pc| {
            let w = xs[pc.col + pc.cell.colspan as usize] - xs[pc.col] - 2.0 * pad;
            if pc.cell.label {
                wrap(&pc.cell.text, CELL, w)
            } else {
                vec![pc.cell.text.clone()]
            }
        })
        .collect();
    let pitch = CELL * 1.4;
    let mut heights = vec![pitch + 8.0; rows];
    for (pc, ls) in cells.iter().zip(&lines) {
        if pc.cell.rowspan == 1 {
            heights[pc.row] = heights[pc.row].max(ls.len() as f64 * pitch + 8.0);
        }
    }
    for (pc, ls) in cells.iter().zip(&lines) {
        let span = pc.row..pc.row + pc.cell.rowspan as usize;
        let have: f64 = heights[span.clone()].iter().sum();
        let need = ls.len() as f64 * pitch + 8.0;
        if need > have {
            let last = span.end.min(rows) - 1;
            heights[last] += need - have;
        }
    }
    // Rows are drawn in page runs: a cell spanning rows is drawn on the page its first row is on,
    // so a run never breaks inside a rowspan group.
    let mut r = 0;
    while r < rows {
        // The rows that must stay together with row r: those its spanning cells cover.
        let mut end = r + 1;
        let mut i = r;
        while i < end {
            for pc in cells.iter().filter(|pc| pc.row == i) {
                end = end.max(pc.row + pc.cell.rowspan as usize);
            }
            i += 1;
        }
        let end = end.min(rows);
        let block: f64 = heights[r..end].iter().sum();
        if p.y + block > PAGE_H - MARGIN && p.y > MARGIN + 1.0 {
            p.break_page();
        }
        let top = p.y;
        let mut ys = vec![top];
        for h in &heights[r..end] {
            let last = ys[ys.len() - 1];
            ys.push(last + h);
        }
        for (pc, ls) in cells.iter().zip(&lines) {
            if pc.row < r || pc.row >= end {
                continue;
            }
            let (c0, c1) = (pc.col, pc.col + pc.cell.colspan as usize);
            let (r0, r1) = (
                pc.row - r,
                (pc.row + pc.cell.rowspan as usize - r).min(end - r),
            );
            let (x0, x1, y0, y1) = (xs[c0], xs[c1], ys[r0], ys[r1]);
            if ruled {
                p.line(x0, y0, x1, y0);
                p.line(x0, y1, x1, y1);
                p.line(x0, y0, x0, y1);
                p.line(x1, y0, x1, y1);
            }
            // Centred both ways, as report tables are set.
            let block_h = ls.len() as f64 * pitch;
            let mut baseline = (y0 + y1) / 2.0 - block_h / 2.0 + pitch * 0.75;
            for l in ls {
                let x = (x0 + x1) / 2.0 - width(l, CELL) / 2.0;
                p.text(l, CELL, x, baseline);
                baseline += pitch;
            }
        }
        p.y = ys[ys.len() - 1];
        r = end;
    }
    p.y += 10.0;
}

/// Draws the report: title (over two lines when the agency leads it), prose, the three tables.
pub fn pdf_doc(doc: &Doc, ruled: bool, pages_of_prose: usize, rng: &mut Rng) -> Vec<u8> {
    let mut p = Pages::new();
    match doc.title.split_once(&format!("{}年", doc.year)) {
        Some((agency, rest)) if !agency.is_empty() => {
            p.paragraph(agency, TITLE, false, true);
            p.paragraph(&format!("{}年{rest}", doc.year), TITLE, false, true);
        }
        _ => p.paragraph(&doc.title, TITLE, false, true),
    }
    let (before, after) = super::render::prose(rng, doc);
    for para in &before {
        p.paragraph(para, BODY, true, false);
    }
    // Long reports: more prose on the overall situation, page after page.
    for _ in 0..pages_of_prose * 12 {
        p.paragraph(&super::render::paragraph(rng, 3), BODY, true, false);
    }
    for t in &doc.tables {
        p.room(BODY * 4.0);
        p.paragraph(t.heading, BODY, false, false);
        table(&mut p, t, ruled);
    }
    for para in &after {
        p.paragraph(para, BODY, true, false);
    }
    p.break_page();
    write_pdf(&p.done)
}

/// The ToUnicode map: every code is its own UTF-16 code unit.
fn to_unicode() -> String {
    let mut s = String::from(
        "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n\
         /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n\
         /CMapName /Adobe-Identity-UCS def /CMapType 2 def\n\
         1 begincodespacerange <0000> <FFFF> endcodespacerange\n",
    );
    for chunk in (0u32..256).collect::<Vec<_>>().chunks(100) {
        let _ = writeln!(s, "{} beginbfrange", chunk.len());
        for hi in chunk {
            let _ = writeln!(s, "<{hi:02X}00> <{hi:02X}FF> <{hi:02X}00>");
        }
        s.push_str("endbfrange\n");
    }
    s.push_str("endcmap CMapName currentdict /CMap defineresource pop end end\n");
    s
}

/// Writes pages' content streams as a PDF file.
pub fn write_pdf(contents: &[String]) -> Vec<u8> {
    let n = contents.len();
    // Objects: 1 catalog, 2 pages, 3 font, 4 CID font, 5 descriptor, 6 ToUnicode, then a page
    // and its content for each page.
    let mut objects: Vec<Vec<u8>> = Vec::new();
    objects.push(b"<< /Type /Catalog /Pages 2 0 R >>".to_vec());
    let kids: Vec<String> = (0..n).map(|i| format!("{} 0 R", 7 + 2 * i)).collect();
    objects.push(format!("<< /Type /Pages /Kids [{}] /Count {n} >>", kids.join(" ")).into_bytes());
    objects.push(
        b"<< /Type /Font /Subtype /Type0 /BaseFont /SimSun /Encoding /Identity-H \
          /DescendantFonts [4 0 R] /ToUnicode 6 0 R >>"
            .to_vec(),
    );
    objects.push(
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /SimSun \
          /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> \
          /FontDescriptor 5 0 R /DW 1000 /W [32 126 500] /CIDToGIDMap /Identity >>"
            .to_vec(),
    );
    objects.push(
        b"<< /Type /FontDescriptor /FontName /SimSun /Flags 6 /FontBBox [0 -140 1000 860] \
          /ItalicAngle 0 /Ascent 860 /Descent -140 /CapHeight 700 /StemV 80 >>"
            .to_vec(),
    );
    let cmap = to_unicode();
    objects.push(stream(cmap.as_bytes()));
    for (i, c) in contents.iter().enumerate() {
        objects.push(
            format!(
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {PAGE_W} {PAGE_H}] \
                 /Resources << /Font << /F1 3 0 R >> >> /Contents {} 0 R >>",
                8 + 2 * i
            )
            .into_bytes(),
        );
        objects.push(stream(format!("0.5 w\n{c}").as_bytes()));
    }
    let mut out = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n".to_vec();
    let mut offsets = Vec::with_capacity(objects.len());
    for (i, body) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
        out.extend_from_slice(body);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    let mut table = format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1);
    for o in offsets {
        let _ = writeln!(table, "{o:010} 00000 n ");
    }
    let _ = write!(
        table,
        "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
        objects.len() + 1
    );
    out.extend_from_slice(table.as_bytes());
    out
}

fn stream(data: &[u8]) -> Vec<u8> {
    let mut s = format!("<< /Length {} >>\nstream\n", data.len()).into_bytes();
    s.extend_from_slice(data);
    s.extend_from_slice(b"\nendstream");
    s
}

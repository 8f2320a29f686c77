/*!
Text outside any ruled table: prose, and tables printed without rules. Glyphs on one baseline
form lines, lines split into fragments where a gap wider than a glyph opens; text fragments
stacked closely in one column form blocks (a label wrapped over three lines, `结果` over `维持`).
The rows of a table without rules are anchored on its values: value fragments on one baseline
are a row, and a label block goes to the row whose values it stands beside (a label set over
three lines is centred on its values). Blocks beside no values are grouped by vertical overlap:
a header row, or a line of prose.
*/

use super::geometry::{is_value, median_height, text_of, Glyph};

/// How many of the latest blocks a text fragment may join.
const RECENT: usize = 64;

/// A run of text in reading order on the page.
#[derive(Debug)]
pub struct Band {
    pub top: f64,
    pub bottom: f64,
    pub height: f64,
    pub cols: Vec<String>,
    /// A table row (several cells, values among them or a header), rather than a line.
    pub row: bool,
}

/// A piece of text: glyphs on one line with no wide gap, or a block of such lines.
#[derive(Debug, Clone)]
struct Piece {
    glyphs: Vec<Glyph>,
    x0: f64,
    x1: f64,
    top: f64,
    bottom: f64,
    height: f64,
}

impl Piece {
    fn new(glyphs: Vec<Glyph>) -> Self {
        let mut p = Piece {
            glyphs,
            x0: 0.0,
            x1: 0.0,
            top: 0.0,
            bottom: 0.0,
            height: 0.0,
        };
        p.measure();
        p
    }

    fn measure(&mut self) {
        let g = &self.glyphs;
        self.x0 = g.iter().map(|g| g.x0).fold(f64::INFINITY, f64::min);
        self.x1 = g.iter().map(|g| g.x1).fold(f64::NEG_INFINITY, f64::max);
        self.top = g.iter().map(|g| g.top).fold(f64::INFINITY, f64::min);
        self.bottom = g.iter().map(|g| g.bottom).fold(f64::NEG_INFINITY, f64::max);
        self.height = median_height(g);
    }

    fn cy(&self) -> f64 {
        (self.top + self.bottom) / 2.0
    }

    fn text(&self) -> String {
        text_of(&mut self.glyphs.clone())
    }
}

/// Lines: glyphs whose vertical centres agree within a third of their height, left to right.
fn lines(mut glyphs: Vec<Glyph>) -> Vec<Vec<Glyph>> {
    let cy = |g: &Glyph| (g.top + g.bottom) / 2.0;
    glyphs.sort_by(|a, b| cy(a).total_cmp(&cy(b)).then(a.x0.total_cmp(&b.x0)));
    let mut out: Vec<Vec<Glyph>> = Vec::new();
    let mut anchor = f64::NEG_INFINITY;
    for g in glyphs {
        let h = (g.bottom - g.top).max(0.1);
        match out.last_mut() {
            Some(line) if (cy(&g) - anchor).abs() <= h / 3.0 => line.push(g),
            _ => {
                anchor = cy(&g);
                out.push(vec![g]);
            }
        }
    }
    for line in &mut out {
        line.sort_by(|a, b| a.x0.total_cmp(&b.x0));
    }
    out
}

/// Splits a line where a gap wider than a glyph's height opens.
fn fragments(line: Vec<Glyph>) -> Vec<Piece> {
    let mut out = Vec::new();
    let mut cur: Vec<Glyph> = Vec::new();
    let mut right = f64::NEG_INFINITY;
    for g in line {
        let h = (g.bottom - g.top).max(0.1);
        if !cur.is_empty() && g.x0 - right > h {
            out.push(Piece::new(std::mem::take(&mut cur)));
            right = f64::NEG_INFINITY;
        }
        right = right.max(g.x1);
        cur.push(g);
    }
    if !cur.is_empty() {
        out.push(Piece::new(cur));
    }
    out
}

fn overlaps(a0: f64, a1: f64, b0: f64, b1: f64) -> bool {
    a0 < b1 && b0 < a1
}

/// Lays out glyphs outside any ruled table; `body` is the body text's glyph height.
pub fn bands(glyphs: Vec<Glyph>, body: f64) -> Vec<Band> {
    let mut values: Vec<Piece> = Vec::new();
    let mut texts: Vec<Piece> = Vec::new();
    for line in lines(glyphs) {
        for f in fragments(line) {
            if is_value(&f.text()) {
                values.push(f);
            } else {
                texts.push(f);
            }
        }
    }
    // Blocks: a text fragment joins the block right above it in its column. Only text of body
    // size or smaller is stacked: a title set large stays a line of its own.
    texts.sort_by(|a, b| a.top.total_cmp(&b.top));
    let mut blocks: Vec<Piece> = Vec::new();
    for f in texts {
        let h = f.height;
        let joins = (h <= body * 1.05)
            .then(|| {
                // Blocks are in top order: the one above is among the last few, whatever
                // the number of columns.
                let from = blocks.len().saturating_sub(RECENT);
                blocks[from..]
                    .iter()
                    .rposition(|b| {
                        let gap = f.top - b.bottom;
                        overlaps(b.x0, b.x1, f.x0, f.x1)
                            && (-h * 0.2..h.min(b.height) * 0.8).contains(&gap)
                            && (b.height - h).abs() <= h * 0.15
                    })
                    .map(|i| from + i)
            })
            .flatten();
        match joins {
            Some(i) => {
                let b = &mut blocks[i];
                b.glyphs.extend(f.glyphs);
                b.measure();
            }
            None => blocks.push(f),
        }
    }
    // Value rows: value fragments on one line.
    values.sort_by(|a, b| a.cy().total_cmp(&b.cy()));
    let mut rows: Vec<Vec<Piece>> = Vec::new();
    for v in values {
        match rows.last_mut() {
            Some(row) if (row[0].cy() - v.cy()).abs() <= v.height / 3.0 => row.push(v),
            _ => rows.push(vec![v]),
        }
    }
    // Each block beside values goes to the row whose values it overlaps, the nearest if several.
    let mut free: Vec<Piece> = Vec::new();
    let reach = rows
        .iter()
        .map(|r| r[0].bottom - r[0].top)
        .fold(0.0, f64::max);
    for b in blocks {
        // Rows are in order of their centres: only those within reach can overlap the block.
        let lo = rows.partition_point(|r| r[0].cy() < b.top - reach);
        let hi = rows.partition_point(|r| r[0].cy() <= b.bottom + reach);
        let best = rows[lo..hi.max(lo)]
            .iter()
            .enumerate()
            .map(|(i, r)| (lo + i, r))
            .filter(|(_, r)| overlaps(b.top, b.bottom, r[0].top, r[0].bottom))
            .min_by(|(_, r1), (_, r2)| {
                (r1[0].cy() - b.cy())
                    .abs()
                    .total_cmp(&(r2[0].cy() - b.cy()).abs())
            })
            .map(|(i, _)| i);
        match best {
            Some(i) => rows[i].push(b),
            None => free.push(b),
        }
    }
    let mut out = Vec::new();
    for mut row in rows {
        row.sort_by(|a, b| a.x0.total_cmp(&b.x0));
        out.push(band_of(&row, |n| n >= 2));
    }
    // The rest: blocks grouped by vertical overlap, left to right.
    free.sort_by(|a, b| a.top.total_cmp(&b.top));
    let mut group: Vec<Piece> = Vec::new();
    let mut bottom = f64::NEG_INFINITY;
    for b in free {
        if !group.is_empty() && b.top >= bottom {
            group.sort_by(|a, b| a.x0.total_cmp(&b.x0));
            out.push(band_of(&group, |n| n >= 3));
            group.clear();
            bottom = f64::NEG_INFINITY;
        }
        bottom = bottom.max(b.bottom);
        group.push(b);
    }
    if !group.is_empty() {
        group.sort_by(|a, b| a.x0.total_cmp(&b.x0));
        out.push(band_of(&group, |n| n >= 3));
    }
    out.sort_by(|a, b| a.top.total_cmp(&b.top));
    out
}

fn band_of(pieces: &[Piece], is_row: impl Fn(usize) -> bool) -> Band {
    let all: Vec<Glyph> = pieces
        .iter()
        .flat_map(|p| p.glyphs.iter().copied())
        .collect();
    Band {
        top: pieces.iter().map(|p| p.top).fold(f64::INFINITY, f64::min),
        bottom: pieces
            .iter()
            .map(|p| p.bottom)
            .fold(f64::NEG_INFINITY, f64::max),
        height: median_height(&all),
        cols: pieces.iter().map(Piece::text).collect(),
        row: is_row(pieces.len()),
    }
}

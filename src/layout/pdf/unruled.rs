/*!
Text outside any ruled table: prose, and tables printed without rules. Glyphs on one baseline
form lines, lines split into fragments where a gap wider than a glyph opens; text fragments
stacked closely in one column form blocks (a label wrapped over three lines, `结果` over `维持`).
The rows of a table without rules are anchored on its values: value fragments on one baseline
are a row, and a label block goes to the row whose values it stands beside (a label set over
three lines is centred on its values). Blocks beside no values are grouped by vertical overlap:
a header row, or a line of prose.
*/

use super::geometry::{is_page_number, is_value, median_height, text_of, Glyph};

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
    /// A value (number or null token) rather than text.
    value: bool,
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
            value: false,
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

/// A value fragment cut where a gap of a third of a glyph opens, when every part is a value of its
/// own (`4597 5,578`); one part (the fragment itself) otherwise.
fn split_values(f: &Piece) -> Vec<Piece> {
    let mut parts: Vec<Vec<Glyph>> = Vec::new();
    let mut right = f64::NEG_INFINITY;
    for g in &f.glyphs {
        let h = (g.bottom - g.top).max(0.1);
        if g.ch.is_whitespace() {
            continue;
        }
        match parts.last_mut() {
            Some(part) if g.x0 - right <= h / 3.0 => part.push(*g),
            _ => parts.push(vec![*g]),
        }
        right = right.max(g.x1);
    }
    let parts: Vec<Piece> = parts.into_iter().map(Piece::new).collect();
    if parts.len() > 1 && parts.iter().all(|p| is_value(&p.text())) {
        parts
            .into_iter()
            .map(|mut p| {
                p.value = true;
                p
            })
            .collect()
    } else {
        Vec::new()
    }
}

fn overlaps(a0: f64, a1: f64, b0: f64, b1: f64) -> bool {
    a0 < b1 && b0 < a1
}

/// Lays out glyphs outside any ruled table; `body` is the body text's glyph height.
/// `open` carries the columns of a table going on from one page to the next.
pub fn bands(glyphs: Vec<Glyph>, body: f64, open: &mut Option<OpenColumns>) -> Vec<Band> {
    let mut values: Vec<Piece> = Vec::new();
    let mut texts: Vec<Piece> = Vec::new();
    for line in lines(glyphs) {
        for mut f in fragments(line) {
            let text = f.text();
            if is_value(&text) {
                // Values of neighbouring columns set closer than a glyph: each number its own
                // (a page number `- 3 -` is one piece).
                let parts = if is_page_number(&text) {
                    Vec::new()
                } else {
                    split_values(&f)
                };
                if parts.len() > 1 {
                    values.extend(parts);
                    continue;
                }
                f.value = true;
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
    let mut items: Vec<Item> = Vec::new();
    for mut row in rows {
        row.sort_by(|a, b| a.x0.total_cmp(&b.x0));
        items.push(Item::new(row, true));
    }
    // The rest: blocks grouped by vertical overlap, left to right.
    free.sort_by(|a, b| a.top.total_cmp(&b.top));
    let mut group: Vec<Piece> = Vec::new();
    let mut bottom = f64::NEG_INFINITY;
    for b in free {
        if !group.is_empty() && b.top >= bottom {
            group.sort_by(|a, b| a.x0.total_cmp(&b.x0));
            items.push(Item::new(std::mem::take(&mut group), false));
            bottom = f64::NEG_INFINITY;
        }
        bottom = bottom.max(b.bottom);
        group.push(b);
    }
    if !group.is_empty() {
        group.sort_by(|a, b| a.x0.total_cmp(&b.x0));
        items.push(Item::new(group, false));
    }
    items.sort_by(|a, b| a.top.total_cmp(&b.top));
    *open = align_runs(&mut items, open.take());
    items.iter().map(Item::band).collect()
}

/// A value row (values with the labels beside them) or a group of other blocks, on its way to a
/// band; `slots` are its cells left to right: a piece, or a blank where a column has no value.
struct Item {
    pieces: Vec<Piece>,
    values: bool,
    top: f64,
    slots: Vec<Option<usize>>,
}

impl Item {
    fn new(pieces: Vec<Piece>, values: bool) -> Self {
        Item {
            top: pieces.iter().map(|p| p.top).fold(f64::INFINITY, f64::min),
            slots: (0..pieces.len()).map(Some).collect(),
            pieces,
            values,
        }
    }

    /// A value row is a row with two cells or more; other blocks with three or more (a header).
    fn is_row(&self) -> bool {
        self.pieces.len() >= if self.values { 2 } else { 3 }
    }

    fn band(&self) -> Band {
        let all: Vec<Glyph> = self
            .pieces
            .iter()
            .flat_map(|p| p.glyphs.iter().copied())
            .collect();
        Band {
            top: self.top,
            bottom: self
                .pieces
                .iter()
                .map(|p| p.bottom)
                .fold(f64::NEG_INFINITY, f64::max),
            height: median_height(&all),
            cols: self
                .slots
                .iter()
                .map(|s| s.map_or_else(String::new, |i| self.pieces[i].text()))
                .collect(),
            row: self.is_row(),
        }
    }
}

/// Places values by their columns in each run of value rows, so that a blank cell leaves an
/// empty cell where it stands rather than shifting the values after it to the left. `open` is
/// what the previous page left open; returns what this page leaves open.
fn align_runs(items: &mut [Item], open: Option<OpenColumns>) -> Option<OpenColumns> {
    let in_run = |it: &Item| it.values && it.is_row();
    // Page numbers at the head and foot are not part of the page's text.
    let furniture = |it: &Item| it.pieces.len() == 1 && is_page_number(&it.pieces[0].text());
    let first = items.iter().position(|it| !furniture(it));
    let last = items.iter().rposition(|it| !furniture(it));
    let mut open_at_foot = None;
    let mut i = 0;
    while i < items.len() {
        if !in_run(&items[i]) {
            i += 1;
            continue;
        }
        let end = i + items[i..].iter().take_while(|it| in_run(it)).count();
        // The header row right above the run, when there is one, shows columns the run's values
        // leave blank in every row; a run at the head of a page goes on from the previous one.
        let (head, run) = items.split_at_mut(i);
        let header = match head.last() {
            Some(h) if h.is_row() && !furniture(h) => Some(spans(&h.pieces)),
            _ if first == Some(i) => open.as_ref().map(|o| o.0.clone()),
            _ => None,
        };
        let cols = align_run(&mut run[..end - i], header.as_deref());
        if last.is_some_and(|l| l < end) {
            open_at_foot = cols.map(OpenColumns);
        }
        i = end;
    }
    match last.map(|l| &items[l]) {
        Some(h) if !h.values && h.is_row() => Some(OpenColumns(spans(&h.pieces))),
        Some(r) if in_run(r) => open_at_foot,
        _ => None,
    }
}

/// The columns of a table without rules left open at the foot of a page (its header's cells, or
/// its rows' columns), for its rows on the next page.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct OpenColumns(Vec<(f64, f64)>);

fn spans(pieces: &[Piece]) -> Vec<(f64, f64)> {
    pieces.iter().map(|p| (p.x0, p.x1)).collect()
}

/// The columns of a run of value rows: the x-extents of its values, overlapping extents merged,
/// and the header's own columns where no value stands under them. None when two values of one
/// row fall in one column: columns that close cannot be told apart.
fn columns(rows: &[Item], header: Option<&[(f64, f64)]>) -> Option<Vec<(f64, f64)>> {
    let mut spans: Vec<(f64, f64)> = rows
        .iter()
        .flat_map(|r| r.pieces.iter().filter(|p| p.value).map(|p| (p.x0, p.x1)))
        .collect();
    spans.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut cols: Vec<(f64, f64)> = Vec::new();
    let merge = |cols: &mut Vec<(f64, f64)>, spans: Vec<(f64, f64)>| {
        for (x0, x1) in spans {
            match cols.last_mut() {
                Some(last) if x0 < last.1 => last.1 = last.1.max(x1),
                _ => cols.push((x0, x1)),
            }
        }
    };
    merge(&mut cols, spans);
    let labels: Vec<&Piece> = rows
        .iter()
        .flat_map(|r| r.pieces.iter().filter(|p| !p.value))
        .collect();
    if let Some(header) = header {
        // A header cell over the labels is the labels' own; one over several others spans them
        // (`法人或其他组织` over its five kinds).
        let mut extra: Vec<(f64, f64)> = header
            .iter()
            .enumerate()
            .filter(|&(i, h)| {
                let beside = header
                    .iter()
                    .enumerate()
                    .filter(|&(j, o)| j != i && overlaps(o.0, o.1, h.0, h.1))
                    .count();
                beside <= 1
                    && !labels.iter().any(|l| overlaps(l.x0, l.x1, h.0, h.1))
                    && !cols.iter().any(|c| overlaps(c.0, c.1, h.0, h.1))
            })
            .map(|(_, h)| *h)
            .collect();
        extra.extend(cols.iter().copied());
        extra.sort_by(|a, b| a.0.total_cmp(&b.0));
        cols.clear();
        merge(&mut cols, extra);
    }
    for row in rows {
        let mut seen = vec![false; cols.len()];
        for p in row.pieces.iter().filter(|p| p.value) {
            for (c, col) in cols.iter().enumerate() {
                if overlaps(col.0, col.1, p.x0, p.x1) {
                    if seen[c] {
                        return None;
                    }
                    seen[c] = true;
                }
            }
        }
    }
    Some(cols)
}

fn align_run(rows: &mut [Item], header: Option<&[(f64, f64)]>) -> Option<Vec<(f64, f64)>> {
    let cols = columns(rows, header)?;
    for row in rows {
        if let Some(slots) = slots(&row.pieces, &cols) {
            row.slots = slots;
        }
    }
    Some(cols)
}

/// A row's cells by column: its labels, then each column's value or a blank. None (the row is
/// left as printed, and recognition finds it short) when the row cannot be placed with
/// certainty: text among the values, or a value under no column or under two.
fn slots(pieces: &[Piece], cols: &[(f64, f64)]) -> Option<Vec<Option<usize>>> {
    let first_value = pieces.iter().position(|p| p.value)?;
    if pieces[first_value..].iter().any(|p| !p.value) {
        return None;
    }
    let under = |p: &Piece| -> Vec<usize> {
        (0..cols.len())
            .filter(|&c| overlaps(cols[c].0, cols[c].1, p.x0, p.x1))
            .collect()
    };
    if pieces[..first_value].iter().any(|l| !under(l).is_empty()) {
        return None;
    }
    let mut slots: Vec<Option<usize>> = (0..first_value).map(Some).collect();
    let mut next = 0;
    for (i, p) in pieces.iter().enumerate().skip(first_value) {
        let [c] = under(p)[..] else {
            return None;
        };
        if c < next {
            return None;
        }
        slots.extend(std::iter::repeat_n(None, c - next));
        slots.push(Some(i));
        next = c + 1;
    }
    slots.extend(std::iter::repeat_n(None, cols.len() - next));
    Some(slots)
}

/*!
Pages as positioned glyphs and ruling lines, laid out into the intermediate form. Independent of
the PDF reader (which only fills `Page`s), so that the table reconstruction is tested on pages
built by hand.

A page's rules are snapped into horizontal and vertical segments; rules that touch form a table
(lattice): its grid is every distinct rule position, and two neighbouring grid cells are one cell
where no rule separates them, so merged cells come out with their colspan and rowspan as an HTML
table has them. Glyphs go to the cell holding their centre. Glyphs outside any lattice are laid out by
`unruled`: prose lines, and the rows of tables printed without rules.
*/

use super::unruled::{self, Band, OpenColumns};
use crate::layout::{Block, LCell};
use crate::normalize::is_null_token;

/// One glyph as printed: its character and its box in page space (points, y grows downwards).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Glyph {
    pub ch: char,
    pub x0: f64,
    pub x1: f64,
    pub top: f64,
    pub bottom: f64,
}

impl Glyph {
    fn height(&self) -> f64 {
        (self.bottom - self.top).max(0.1)
    }
    fn cx(&self) -> f64 {
        (self.x0 + self.x1) / 2.0
    }
    fn cy(&self) -> f64 {
        (self.top + self.bottom) / 2.0
    }
}

/// A straight ruling line drawn on the page (a stroked line or a thin filled rectangle).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rule {
    pub x0: f64,
    pub y0: f64,
    pub x1: f64,
    pub y1: f64,
}

/// What the reader found on one page.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Page {
    pub glyphs: Vec<Glyph>,
    pub rules: Vec<Rule>,
}

/// Rule positions closer than this are one line (double borders, rounding in the producer).
const SNAP: f64 = 2.5;
/// Shorter strokes are not rules (underlines of single characters, tick marks).
const MIN_RULE: f64 = 4.0;

/// An axis-aligned segment: `pos` across, `from..to` along.
#[derive(Debug, Clone, Copy)]
struct Seg {
    pos: f64,
    from: f64,
    to: f64,
}

/// Horizontal and vertical segments of the page's rules, snapped and merged.
fn segments(rules: &[Rule]) -> (Vec<Seg>, Vec<Seg>) {
    let (mut hs, mut vs) = (Vec::new(), Vec::new());
    for r in rules {
        let (dx, dy) = ((r.x1 - r.x0).abs(), (r.y1 - r.y0).abs());
        if !(dx.is_finite() && dy.is_finite()) {
            continue;
        }
        if dy <= 1.0 && dx >= MIN_RULE {
            hs.push(Seg {
                pos: (r.y0 + r.y1) / 2.0,
                from: r.x0.min(r.x1),
                to: r.x0.max(r.x1),
            });
        } else if dx <= 1.0 && dy >= MIN_RULE {
            vs.push(Seg {
                pos: (r.x0 + r.x1) / 2.0,
                from: r.y0.min(r.y1),
                to: r.y0.max(r.y1),
            });
        }
    }
    (merge(hs), merge(vs))
}

/// Joins collinear segments that overlap or nearly touch.
fn merge(mut segs: Vec<Seg>) -> Vec<Seg> {
    segs.sort_by(|a, b| a.pos.total_cmp(&b.pos).then(a.from.total_cmp(&b.from)));
    // Positions are first snapped to the first of each run of close positions.
    let mut anchor = f64::NEG_INFINITY;
    for s in &mut segs {
        if s.pos - anchor > SNAP {
            anchor = s.pos;
        }
        s.pos = anchor;
    }
    segs.sort_by(|a, b| a.pos.total_cmp(&b.pos).then(a.from.total_cmp(&b.from)));
    let mut out: Vec<Seg> = Vec::with_capacity(segs.len());
    for s in segs {
        match out.last_mut() {
            Some(last) if last.pos == s.pos && s.from <= last.to + SNAP => {
                last.to = last.to.max(s.to);
            }
            _ => out.push(s),
        }
    }
    out
}

/// Union-find over indices.
struct Sets(Vec<usize>);

impl Sets {
    fn new(n: usize) -> Self {
        Sets((0..n).collect())
    }
    fn find(&mut self, mut i: usize) -> usize {
        while self.0[i] != i {
            self.0[i] = self.0[self.0[i]];
            i = self.0[i];
        }
        i
    }
    fn union(&mut self, a: usize, b: usize) {
        let (a, b) = (self.find(a), self.find(b));
        if a != b {
            self.0[a.max(b)] = a.min(b);
        }
    }
}

/// A table rebuilt from its rules: grid lines and the cells over them.
#[derive(Debug)]
struct Lattice {
    xs: Vec<f64>,
    ys: Vec<f64>,
    /// Cells by (first row, first column, last row, last column) in grid indices, row-major.
    cells: Vec<(usize, usize, usize, usize)>,
    /// For each elementary grid cell (row-major), the index of the cell covering it.
    owner: Vec<usize>,
}

impl Lattice {
    fn contains(&self, x: f64, y: f64) -> bool {
        let (Some(&x0), Some(&x1), Some(&y0), Some(&y1)) = (
            self.xs.first(),
            self.xs.last(),
            self.ys.first(),
            self.ys.last(),
        ) else {
            return false;
        };
        (x0..=x1).contains(&x) && (y0..=y1).contains(&y)
    }

    fn top(&self) -> f64 {
        self.ys.first().copied().unwrap_or(0.0)
    }

    /// The cell holding a point inside the table.
    fn cell_at(&self, x: f64, y: f64) -> Option<usize> {
        let col = self.xs.partition_point(|&v| v <= x).checked_sub(1)?;
        let row = self.ys.partition_point(|&v| v <= y).checked_sub(1)?;
        let cols = self.xs.len() - 1;
        let (col, row) = (col.min(cols - 1), row.min(self.ys.len() - 2));
        self.owner.get(row * cols + col).copied()
    }
}

fn covers(segs: &[Seg], pos: f64, from: f64, to: f64) -> bool {
    // The middle half of the boundary must be ruled: rules often stop short of the corners.
    let (a, b) = (from + (to - from) * 0.25, to - (to - from) * 0.25);
    segs.iter()
        .any(|s| (s.pos - pos).abs() <= SNAP && s.from <= a + SNAP && s.to >= b - SNAP)
}

/// Distinct positions, snapped.
fn positions(segs: &[&Seg]) -> Vec<f64> {
    let mut ps: Vec<f64> = segs.iter().map(|s| s.pos).collect();
    ps.sort_by(f64::total_cmp);
    ps.dedup_by(|b, a| (*b - *a).abs() <= SNAP);
    ps
}

/// Rules a page may have for its tables to be rebuilt (a report page has under a hundred); a
/// page drawn with more is read as text without rules, rather than in quadratic time.
const MAX_RULES: usize = 4000;
/// Grid cells a table may have (a report's largest has about 450).
const MAX_GRID: usize = 40_000;

/// The lattice tables of a page: groups of touching rules with at least two lines each way.
fn lattices(hs: &[Seg], vs: &[Seg]) -> Vec<Lattice> {
    if hs.len() + vs.len() > MAX_RULES {
        return Vec::new();
    }
    let n = hs.len() + vs.len();
    let mut sets = Sets::new(n);
    for (i, h) in hs.iter().enumerate() {
        for (j, v) in vs.iter().enumerate() {
            let touch = v.pos >= h.from - SNAP
                && v.pos <= h.to + SNAP
                && h.pos >= v.from - SNAP
                && h.pos <= v.to + SNAP;
            if touch {
                sets.union(i, hs.len() + j);
            }
        }
    }
    let mut groups: Vec<(usize, Vec<&Seg>, Vec<&Seg>)> = Vec::new();
    for i in 0..n {
        let root = sets.find(i);
        let at = match groups.iter().position(|g| g.0 == root) {
            Some(at) => at,
            None => {
                groups.push((root, Vec::new(), Vec::new()));
                groups.len() - 1
            }
        };
        if i < hs.len() {
            groups[at].1.push(&hs[i]);
        } else {
            groups[at].2.push(&vs[i - hs.len()]);
        }
    }
    let mut out = Vec::new();
    for (_, gh, gv) in groups {
        let (ys, xs) = (positions(&gh), positions(&gv));
        if ys.len() < 2 || xs.len() < 2 || xs.len() * ys.len() > MAX_GRID {
            continue;
        }
        let hs: Vec<Seg> = gh.into_iter().copied().collect();
        let vs: Vec<Seg> = gv.into_iter().copied().collect();
        out.push(build_lattice(xs, ys, &hs, &vs));
    }
    out.sort_by(|a, b| a.top().total_cmp(&b.top()));
    out
}

fn build_lattice(xs: Vec<f64>, ys: Vec<f64>, hs: &[Seg], vs: &[Seg]) -> Lattice {
    let (rows, cols) = (ys.len() - 1, xs.len() - 1);
    let mut sets = Sets::new(rows * cols);
    for r in 0..rows {
        for c in 0..cols {
            let here = r * cols + c;
            if c + 1 < cols && !covers(vs, xs[c + 1], ys[r], ys[r + 1]) {
                sets.union(here, here + 1);
            }
            if r + 1 < rows && !covers(hs, ys[r + 1], xs[c], xs[c + 1]) {
                sets.union(here, here + cols);
            }
        }
    }
    let mut cells: Vec<(usize, usize, usize, usize)> = Vec::new();
    let mut root_cell: Vec<Option<usize>> = vec![None; rows * cols];
    let mut owner = vec![0; rows * cols];
    for r in 0..rows {
        for c in 0..cols {
            let root = sets.find(r * cols + c);
            let id = match root_cell[root] {
                Some(id) => {
                    let cell = &mut cells[id];
                    cell.0 = cell.0.min(r);
                    cell.1 = cell.1.min(c);
                    cell.2 = cell.2.max(r);
                    cell.3 = cell.3.max(c);
                    id
                }
                None => {
                    cells.push((r, c, r, c));
                    root_cell[root] = Some(cells.len() - 1);
                    cells.len() - 1
                }
            };
            owner[r * cols + c] = id;
        }
    }
    Lattice {
        xs,
        ys,
        cells,
        owner,
    }
}

/// Drops the second copy of glyphs printed twice at nearly the same place (a bold face faked by
/// overprinting, as WPS and Word exports do).
fn dedup(glyphs: &[Glyph]) -> Vec<Glyph> {
    let mut out: Vec<Glyph> = Vec::with_capacity(glyphs.len());
    for g in glyphs {
        let tol = g.height() * 0.2;
        let twin =
            out.iter().rev().take(6).any(|k| {
                k.ch == g.ch && (k.x0 - g.x0).abs() <= tol && (k.top - g.top).abs() <= tol
            });
        if !twin {
            out.push(*g);
        }
    }
    out
}

/// Text of glyphs that belong together (a cell, a band's column): lines by vertical overlap,
/// top to bottom, each left to right; a space where a gap wider than a third of the glyph height
/// separates two glyphs.
pub(super) fn text_of(glyphs: &mut [Glyph]) -> String {
    let mut out = String::new();
    for line in bands(glyphs) {
        let mut line = line.to_vec();
        line.sort_by(|a, b| a.x0.total_cmp(&b.x0));
        if !out.is_empty() {
            out.push('\n');
        }
        let mut last_x1: Option<f64> = None;
        for g in &line {
            if let Some(x1) = last_x1 {
                if g.x0 - x1 > g.height() / 3.0 && !out.ends_with(' ') {
                    out.push(' ');
                }
            }
            if !g.ch.is_whitespace() || !out.ends_with([' ', '\n']) {
                out.push(g.ch);
            }
            last_x1 = Some(last_x1.map_or(g.x1, |x| x.max(g.x1)));
        }
    }
    out.trim_end().to_string()
}

/// Sorts glyphs top-down and splits them into bands of vertically overlapping glyphs. A glyph's
/// box is shrunk by a twentieth at either end, so that lines set solid (boxes touching) stay
/// apart; a value centred beside a label of two lines overlaps both.
fn bands(glyphs: &mut [Glyph]) -> Vec<&mut [Glyph]> {
    let core = |g: &Glyph| {
        let h = g.height() / 20.0;
        (g.top + h, g.bottom - h)
    };
    glyphs.sort_by(|a, b| core(a).0.total_cmp(&core(b).0));
    let mut cuts = Vec::new();
    let mut bottom = f64::NEG_INFINITY;
    for (i, g) in glyphs.iter().enumerate() {
        let (top, bot) = core(g);
        if i > 0 && top >= bottom {
            cuts.push(i);
        }
        bottom = if i > 0 && top < bottom {
            bottom.max(bot)
        } else {
            bot
        };
    }
    let mut out = Vec::with_capacity(cuts.len() + 1);
    let mut rest = glyphs;
    let mut taken = 0;
    for cut in cuts {
        let (head, tail) = rest.split_at_mut(cut - taken);
        out.push(head);
        rest = tail;
        taken = cut;
    }
    if !rest.is_empty() {
        out.push(rest);
    }
    out
}

/// Whether a line is a page number as printed in a margin: `3`, `- 3 -`, `—3—`, `第3页`.
pub(super) fn is_page_number(text: &str) -> bool {
    let t = text.trim_matches(|c: char| c.is_whitespace() || "-—－–".contains(c));
    let t = t
        .strip_prefix('第')
        .and_then(|r| r.strip_suffix('页'))
        .unwrap_or(t);
    let t = t.trim();
    (1..=4).contains(&t.len()) && t.bytes().all(|b| b.is_ascii_digit())
}

/// Whether a piece of text reads as a table value (a number or a null token); digits may be
/// full-width (folded later).
pub(super) fn is_value(text: &str) -> bool {
    let t = text.trim();
    let digit = |c: char| c.is_ascii_digit() || ('０'..='９').contains(&c);
    !t.is_empty()
        && (t.chars().any(digit) && t.chars().all(|c| digit(c) || ".,-+%万元 ．，".contains(c))
            || is_null_token(t))
}

enum Item {
    Table(f64, Vec<Block>),
    Band(Band),
}

/// The median glyph height of a set of glyphs.
pub(super) fn median_height(glyphs: &[Glyph]) -> f64 {
    let mut hs: Vec<f64> = glyphs.iter().map(Glyph::height).collect();
    if hs.is_empty() {
        return 0.0;
    }
    // The element a sort would put in the middle, found without sorting: pieces of text are
    // measured again each time glyphs join them.
    let mid = hs.len() / 2;
    *hs.select_nth_unstable_by(mid, f64::total_cmp).1
}

/// Lays out one page into blocks in reading order: top to bottom, tables as rows. `open` carries
/// the columns of a table without rules from the foot of one page to the next.
pub fn page_blocks(page: &Page, open: &mut Option<OpenColumns>) -> Vec<Block> {
    let glyphs = dedup(&page.glyphs);
    let (hs, vs) = segments(&page.rules);
    let tables = lattices(&hs, &vs);
    let mut in_cells: Vec<Vec<Vec<Glyph>>> = tables
        .iter()
        .map(|t| vec![Vec::new(); t.cells.len()])
        .collect();
    let mut free = Vec::new();
    for g in glyphs {
        let (x, y) = (g.cx(), g.cy());
        let placed = tables.iter().enumerate().find_map(|(ti, t)| {
            if t.contains(x, y) {
                t.cell_at(x, y).map(|c| (ti, c))
            } else {
                None
            }
        });
        match placed {
            Some((ti, c)) => in_cells[ti][c].push(g),
            None => free.push(g),
        }
    }
    let mut items: Vec<Item> = Vec::new();
    for (t, mut cells) in tables.iter().zip(in_cells) {
        let mut order: Vec<usize> = (0..t.cells.len()).collect();
        order.sort_by_key(|&i| (t.cells[i].0, t.cells[i].1));
        let mut blocks = Vec::new();
        let mut row: Vec<LCell> = Vec::new();
        let mut row_at = None;
        for i in order {
            let (r0, c0, r1, c1) = t.cells[i];
            if row_at != Some(r0) && !row.is_empty() {
                blocks.push(Block::Row(std::mem::take(&mut row)));
            }
            row_at = Some(r0);
            row.push(LCell {
                text: text_of(&mut cells[i]),
                colspan: (c1 - c0 + 1) as u32,
                rowspan: (r1 - r0 + 1) as u32,
            });
        }
        if !row.is_empty() {
            blocks.push(Block::Row(row));
        }
        blocks.push(Block::TableEnd);
        items.push(Item::Table(t.top(), blocks));
    }
    let body = median_height(&free);
    items.extend(unruled::bands(free, body, open).into_iter().map(Item::Band));
    items.sort_by(|a, b| {
        let key = |i: &Item| match i {
            Item::Table(y, _) => *y,
            Item::Band(b) => b.top,
        };
        key(a).total_cmp(&key(b))
    });
    // Page numbers at the head or foot of the page are furniture: between the rows of a table
    // that goes on over the page they would read as prose.
    for end in [items.len().wrapping_sub(1), 0] {
        if let Some(Item::Band(b)) = items.get(end) {
            if b.cols.len() == 1 && is_page_number(&b.cols[0]) {
                items.remove(end);
            }
        }
    }
    // A ruled table at the foot closes whatever the text above it left open.
    if matches!(items.last(), Some(Item::Table(..))) {
        *open = None;
    }
    let mut out = Vec::new();
    let mut in_rows = false;
    // The last line when it is set larger than the body text: a heading that may go on.
    let mut heading: Option<(f64, f64)> = None;
    for item in items {
        match item {
            Item::Table(_, blocks) => {
                if in_rows {
                    out.push(Block::TableEnd);
                    in_rows = false;
                }
                heading = None;
                out.extend(blocks);
            }
            Item::Band(band) => {
                let cols = band.cols;
                if band.row {
                    out.push(Block::Row(cols.into_iter().map(LCell::new).collect()));
                    in_rows = true;
                    heading = None;
                    continue;
                }
                if in_rows {
                    out.push(Block::TableEnd);
                    in_rows = false;
                }
                let text = cols.join(" ");
                // A title set large over two lines (`淮安市人民政府` / `2024年…年度报告`) is one
                // line, so that the agency and the year are read together.
                let goes_on = heading.is_some_and(|(h, bottom)| {
                    (band.height - h).abs() <= h * 0.05 && band.top - bottom < h
                });
                match out.last_mut() {
                    Some(Block::Line(prev)) if goes_on => prev.push_str(&text),
                    _ => out.push(Block::Line(text)),
                }
                heading = (band.height > body * 1.2).then_some((band.height, band.bottom));
            }
        }
    }
    if in_rows {
        out.push(Block::TableEnd);
    }
    out
}

/// Characters of the page's text layer, and how many of them are unreadable (U+FFFD, private
/// use, controls): a page whose fonts carry no Unicode mapping.
pub fn readability(pages: &[Page]) -> (usize, usize) {
    let (mut total, mut bad) = (0, 0);
    for g in pages.iter().flat_map(|p| &p.glyphs) {
        if g.ch.is_whitespace() {
            continue;
        }
        total += 1;
        let c = g.ch as u32;
        let private = (0xE000..=0xF8FF).contains(&c) || c >= 0xF0000;
        bad += usize::from(g.ch == '\u{fffd}' || private || g.ch.is_control());
    }
    (total, bad)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(page: &mut Page, s: &str, x: f64, baseline: f64) {
        let mut x = x;
        for ch in s.chars() {
            let w = if ch.is_ascii() { 5.0 } else { 10.0 };
            page.glyphs.push(Glyph {
                ch,
                x0: x,
                x1: x + w,
                top: baseline - 9.0,
                bottom: baseline + 1.0,
            });
            x += w;
        }
    }

    fn hline(page: &mut Page, y: f64, x0: f64, x1: f64) {
        page.rules.push(Rule {
            x0,
            y0: y,
            x1,
            y1: y,
        });
    }
    fn vline(page: &mut Page, x: f64, y0: f64, y1: f64) {
        page.rules.push(Rule {
            x0: x,
            y0,
            x1: x,
            y1,
        });
    }

    fn rows(blocks: &[Block]) -> Vec<Vec<(String, u32, u32)>> {
        blocks
            .iter()
            .filter_map(|b| match b {
                Block::Row(cells) => Some(
                    cells
                        .iter()
                        .map(|c| (c.text.clone(), c.colspan, c.rowspan))
                        .collect(),
                ),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn lattice_with_merged_cells() {
        // | 申请人情况 (2 cols)   |
        // | 自然人 | 总计          |
        // | 新收 (2 rows) | 7    |
        // |               | 8    |
        let mut p = Page::default();
        for y in [0.0, 20.0, 40.0, 60.0, 80.0] {
            hline(&mut p, y, 0.0, 200.0);
        }
        p.rules.retain(|r| r.y0 != 60.0);
        hline(&mut p, 60.0, 100.0, 200.0);
        vline(&mut p, 0.0, 0.0, 80.0);
        vline(&mut p, 200.0, 0.0, 80.0);
        vline(&mut p, 100.0, 20.0, 80.0);
        text(&mut p, "申请人情况", 10.0, 15.0);
        text(&mut p, "自然人", 10.0, 35.0);
        text(&mut p, "总计", 110.0, 35.0);
        text(&mut p, "新收", 10.0, 65.0);
        text(&mut p, "7", 110.0, 55.0);
        text(&mut p, "8", 110.0, 75.0);
        text(&mut p, "说明", 10.0, 120.0);
        text(&mut p, "- 3 -", 90.0, 800.0);
        let blocks = page_blocks(&p, &mut None);
        let s = |t: &str| t.to_string();
        assert_eq!(
            rows(&blocks),
            vec![
                vec![(s("申请人情况"), 2, 1)],
                vec![(s("自然人"), 1, 1), (s("总计"), 1, 1)],
                vec![(s("新收"), 1, 2), (s("7"), 1, 1)],
                vec![(s("8"), 1, 1)],
            ]
        );
        // The page number at the foot is dropped.
        assert_eq!(blocks.last(), Some(&Block::Line("说明".into())));
    }

    #[test]
    fn rows_without_rules_join_labels_over_two_lines() {
        let mut p = Page::default();
        text(&mut p, "（二）部分公开（区分处理的", 0.0, 100.0);
        text(&mut p, "只计这一情形）", 0.0, 114.0);
        for (i, v) in ["4", "0", "4"].iter().enumerate() {
            text(&mut p, v, 200.0 + 40.0 * i as f64, 107.0);
        }
        text(&mut p, "一段说明文字。", 0.0, 160.0);
        let blocks = page_blocks(&p, &mut None);
        assert_eq!(
            blocks,
            vec![
                Block::Row(vec![
                    LCell::new("（二）部分公开（区分处理的\n只计这一情形）"),
                    LCell::new("4"),
                    LCell::new("0"),
                    LCell::new("4"),
                ]),
                Block::TableEnd,
                Block::Line("一段说明文字。".into()),
            ]
        );
    }

    fn cells(blocks: &[Block]) -> Vec<Vec<String>> {
        rows(blocks)
            .into_iter()
            .map(|r| r.into_iter().map(|c| c.0).collect())
            .collect()
    }

    /// Rows of a table without rules: a label at 0 and values centred on `xs`.
    fn value_row(page: &mut Page, label: &str, values: &[(&str, f64)], baseline: f64) {
        text(page, label, 0.0, baseline);
        for (v, x) in values {
            text(page, v, x - 2.5 * v.len() as f64, baseline);
        }
    }

    #[test]
    fn blanks_without_rules_keep_their_columns() {
        let mut p = Page::default();
        text(&mut p, "项目", 0.0, 20.0);
        for (h, x) in [
            ("甲类", 200.0),
            ("乙类", 260.0),
            ("丙类", 320.0),
            ("总计", 380.0),
        ] {
            text(&mut p, h, x - 10.0, 20.0);
        }
        value_row(
            &mut p,
            "第一行",
            &[("1", 200.0), ("2", 260.0), ("3", 320.0), ("6", 380.0)],
            40.0,
        );
        // The second column blank in this row, the third in the next, the first in every row
        // but the first: each value stays under its own column.
        value_row(
            &mut p,
            "第二行",
            &[("4", 200.0), ("5", 320.0), ("9", 380.0)],
            60.0,
        );
        value_row(
            &mut p,
            "第三行",
            &[("7", 260.0), ("/", 320.0), ("7", 380.0)],
            80.0,
        );
        let got = cells(&page_blocks(&p, &mut None));
        assert_eq!(got[1], ["第一行", "1", "2", "3", "6"]);
        assert_eq!(got[2], ["第二行", "4", "", "5", "9"]);
        assert_eq!(got[3], ["第三行", "", "7", "/", "7"]);
    }

    #[test]
    fn columns_not_told_apart_leave_rows_as_printed() {
        // A wide value reaches under two columns: columns cannot be decided, so the short row
        // stays short (recognition leaves it unresolved) rather than a blank being guessed.
        let mut p = Page::default();
        value_row(
            &mut p,
            "第一行",
            &[("1", 200.0), ("2", 220.0), ("3", 260.0)],
            40.0,
        );
        value_row(&mut p, "第二行", &[("1234567", 210.0), ("3", 260.0)], 60.0);
        value_row(&mut p, "第三行", &[("4", 200.0), ("5", 260.0)], 80.0);
        let got = cells(&page_blocks(&p, &mut None));
        assert_eq!(got[2], ["第三行", "4", "5"]);
    }

    #[test]
    fn a_table_without_rules_keeps_its_columns_over_a_page_break() {
        let mut first = Page::default();
        text(&mut first, "项目", 0.0, 20.0);
        for (h, x) in [("甲类", 200.0), ("乙类", 260.0), ("总计", 320.0)] {
            text(&mut first, h, x - 10.0, 20.0);
        }
        text(&mut first, "- 1 -", 190.0, 800.0);
        let mut second = Page::default();
        // The only row of the next page leaves the first column blank.
        value_row(&mut second, "第一行", &[("2", 260.0), ("2", 320.0)], 40.0);
        let mut open = None;
        page_blocks(&first, &mut open);
        assert!(open.is_some(), "the header is left open at the foot");
        assert_eq!(
            cells(&page_blocks(&second, &mut open)),
            [["第一行", "", "2", "2"]]
        );
        // Without the page before, the row cannot be placed: left as printed.
        assert_eq!(
            cells(&page_blocks(&second, &mut None)),
            [["第一行", "2", "2"]]
        );
    }

    #[test]
    fn values_set_closer_than_a_glyph_are_cells_of_their_own() {
        let mut p = Page::default();
        value_row(
            &mut p,
            "第一行",
            &[("1", 200.0), ("2", 220.0), ("3", 240.0)],
            40.0,
        );
        // `20` and `300` half a glyph apart: one fragment, two values in their columns.
        text(&mut p, "第二行", 0.0, 60.0);
        text(&mut p, "20", 215.0, 60.0);
        text(&mut p, "300", 230.0, 60.0);
        let got = cells(&page_blocks(&p, &mut None));
        assert_eq!(got[1], ["第二行", "", "20", "300"]);
    }

    #[test]
    fn overprinted_glyphs_are_read_once() {
        let mut p = Page::default();
        text(&mut p, "二", 0.0, 10.0);
        text(&mut p, "二", 0.3, 10.0);
        text(&mut p, "、", 10.3, 10.0);
        assert_eq!(page_blocks(&p, &mut None), vec![Block::Line("二、".into())]);
    }

    #[test]
    fn unreadable_share() {
        let mut p = Page::default();
        text(&mut p, "\u{e001}\u{e002}\u{fffd}表", 0.0, 10.0);
        assert_eq!(readability(&[p]), (4, 3));
    }
}

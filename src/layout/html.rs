/*!
HTML pages to the layout form, with `scraper`. One parse and one iterative walk of the tree (no
recursion, so pages nested thousands deep cannot overflow the stack): text outside tables becomes
lines at block boundaries; each `<tr>` becomes a row of its `<td>`/`<th>` cells in source order,
blank cells kept; a table nested in a cell yields its own rows (a layout table wrapping the report
adds no row of its own). `<script>`, `<style>` and similar are skipped; `<br>` and block elements
inside a cell become line breaks.
*/

use super::{Block, LCell, Layout};
use ego_tree::iter::Edge;
use scraper::{Html, Node};

/// Tables nested deeper than this are read as plain text of the enclosing cell.
const MAX_TABLE_DEPTH: usize = 64;

fn is_skipped(name: &str) -> bool {
    matches!(
        name,
        "script"
            | "style"
            | "noscript"
            | "template"
            | "head"
            | "iframe"
            | "object"
            | "svg"
            | "select"
    )
}

fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "br"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "li"
            | "ul"
            | "ol"
            | "dl"
            | "dt"
            | "dd"
            | "section"
            | "article"
            | "header"
            | "footer"
            | "nav"
            | "aside"
            | "main"
            | "blockquote"
            | "pre"
            | "hr"
            | "form"
            | "fieldset"
            | "address"
            | "figure"
            | "figcaption"
            | "center"
            | "caption"
            | "body"
            | "html"
    )
}

/// Leniently parses a span attribute: missing, zero, negative or non-numeric → 1; capped.
fn span(value: Option<&str>) -> u32 {
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

#[derive(Default)]
struct Walker {
    blocks: Vec<Block>,
    line: String,
    /// Open tables (only those within the depth limit), each with its open row.
    tables: Vec<Option<OpenRow>>,
    /// Open cell text, innermost last; parallel to the tables that own them.
    cell: Option<LCell>,
    cell_stack: Vec<Option<LCell>>,
    skip_depth: usize,
    deep_tables: usize,
}

impl Walker {
    fn text(&mut self, t: &str) {
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

    fn open_table(&mut self) {
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
            cell.text = clean_cell(&cell.text);
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

/// Finds `<name` (ASCII case-insensitive) at or after `from`.
fn find_open_tag(bytes: &[u8], name: &[u8], from: usize) -> Option<usize> {
    // `<` and the name's first letter in either case, by the fast substring search: a page's
    // head and navigation hold thousands of other tags.
    let first = *name.first()?;
    let hay = bytes.get(from..)?;
    let (lower, upper) = (first.to_ascii_lowercase(), first.to_ascii_uppercase());
    let cases: &[u8] = if lower == upper {
        &[lower]
    } else {
        &[lower, upper]
    };
    let mut best: Option<usize> = None;
    for &f in cases {
        // The second case need only be looked for before the first case's match.
        let end = best.map_or(hay.len(), |b| (b + 1 + name.len()).min(hay.len()));
        let found = memchr::memmem::find_iter(&hay[..end], &[b'<', f]).find(|&p| {
            hay.get(p + 1..p + 1 + name.len())
                .is_some_and(|t| t.eq_ignore_ascii_case(name))
        });
        best = match (best, found) {
            (Some(b), Some(p)) => Some(b.min(p)),
            (b, p) => b.or(p),
        };
    }
    best.map(|p| from + p)
}

/// Finds the last `</name` (ASCII case-insensitive). Pages end in long footers of links, so
/// the search goes back block by block, finding `</` and the name's first letter (either case)
/// with the fast forward substring search within each block.
fn rfind_close_tag(bytes: &[u8], name: &[u8]) -> Option<usize> {
    const BLOCK: usize = 8192;
    let first = *name.first()?;
    let needles = [
        [b'<', b'/', first.to_ascii_lowercase()],
        [b'<', b'/', first.to_ascii_uppercase()],
    ];
    let is_tag = |at: usize| {
        bytes
            .get(at + 2..at + 2 + name.len())
            .is_some_and(|t| t.eq_ignore_ascii_case(name))
    };
    let mut end = bytes.len();
    while end > 0 {
        let start = end.saturating_sub(BLOCK);
        // Candidates start in [start, end); the haystack runs on so that they are whole.
        let hay = &bytes[start..(end + 2).min(bytes.len())];
        let last = needles
            .iter()
            .filter_map(|n| {
                memchr::memmem::find_iter(hay, n)
                    .map(|p| start + p)
                    .filter(|&at| at < end && is_tag(at))
                    .last()
            })
            .max();
        if last.is_some() {
            return last;
        }
        end = start;
    }
    None
}

/// Number of `<td`/`<th` tags in a page, counted without parsing: the size of the DOM its tables
/// would need, checked against the limit before parsing.
pub fn cell_tags(text: &str) -> usize {
    let bytes = text.as_bytes();
    memchr::memchr_iter(b'<', bytes)
        .filter(|&i| {
            bytes
                .get(i + 1..i + 3)
                .is_some_and(|t| t.eq_ignore_ascii_case(b"td") || t.eq_ignore_ascii_case(b"th"))
                && bytes.get(i + 3).is_none_or(|c| !c.is_ascii_alphanumeric())
        })
        .count()
}

/// Words with which a report's own text starts, before its tables.
const ARTICLE_ANCHORS: &[&str] = &["年度报告", "统计期限", "总体情况", "主动公开政府信息情况"];

/// The span of a page that holds the report: from where its own text starts (its title, its
/// first section) to the end of its last table. Navigation, scripts and link lists around it
/// are left out before parsing: a whole portal page parses about three times slower than the
/// span of its report. Pages without tables are parsed whole.
pub fn report_region(text: &str) -> std::ops::Range<usize> {
    let bytes = text.as_bytes();
    let body = find_open_tag(bytes, b"body", 0).unwrap_or(0);
    let Some(first_table) = find_open_tag(bytes, b"table", body) else {
        return 0..text.len();
    };
    let Some(last_close) = rfind_close_tag(bytes, b"table") else {
        return 0..text.len();
    };
    // Only an anchor that starts before the first table can move the start.
    let before = &bytes[body..first_table.max(body)];
    let anchor = ARTICLE_ANCHORS
        .iter()
        .filter_map(|a| memchr::memmem::find(before, a.as_bytes()).map(|p| body + p))
        .min()
        .unwrap_or(first_table)
        .min(first_table);
    // Start at the tag before the anchor, so that its element opens in the region.
    let start = memchr::memrchr(b'<', &bytes[..anchor]).unwrap_or(0);
    // Keep a little text after the last table: the next section heading ends section 四.
    let mut end = (last_close + 4096).min(bytes.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    if start >= end || end - start > text.len() * 9 / 10 {
        return 0..text.len();
    }
    start..end
}

/// The `<title>` of a page, read without parsing the page.
fn scan_title(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let open = find_open_tag(bytes, b"title", 0)?;
    let gt = open + memchr::memchr(b'>', &bytes[open..])? + 1;
    let close = find_open_tag(bytes, b"/title", gt)?;
    let snippet = Html::parse_fragment(&text[gt..close]);
    let t: String = snippet.root_element().text().collect();
    let t = t.trim();
    (!t.is_empty()).then(|| t.to_string())
}

/// Decodes the character references that prose uses (`&nbsp;`, `&amp;`, numeric ones).
fn decode_entities(text: &str) -> String {
    if !text.contains('&') {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        // `;` is ASCII, so its byte position is always a character boundary.
        let end = rest.bytes().take(12).position(|b| b == b';');
        let decoded = end.and_then(|e| {
            let name = &rest[1..e];
            let ch = match name {
                "nbsp" => Some(' '),
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "ldquo" => Some('“'),
                "rdquo" => Some('”'),
                _ if name.starts_with("#x") || name.starts_with("#X") => {
                    u32::from_str_radix(&name[2..], 16)
                        .ok()
                        .and_then(char::from_u32)
                }
                _ if name.starts_with('#') => {
                    name[1..].parse::<u32>().ok().and_then(char::from_u32)
                }
                _ => None,
            };
            ch.map(|c| (c, e + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Prose outside the tables as lines, by a single scan over the markup: block-level tags end a
/// line, other tags vanish, `<script>`/`<style>` content is skipped. The tables themselves are
/// parsed with `scraper`; this keeps the page around them from costing a DOM.
fn prose_lines(html: &str, blocks: &mut Vec<Block>) {
    let bytes = html.as_bytes();
    let mut line = String::new();
    let mut i = 0;
    let flush = |line: &mut String, blocks: &mut Vec<Block>| {
        let decoded = decode_entities(line);
        let t = decoded.trim();
        if !t.is_empty() {
            blocks.push(Block::Line(t.replace('\u{a0}', " ")));
        }
        line.clear();
    };
    while i < bytes.len() {
        let Some(lt) = memchr::memchr(b'<', &bytes[i..]).map(|p| i + p) else {
            line.push_str(&html[i..]);
            break;
        };
        line.push_str(&html[i..lt]);
        let Some(gt) = memchr::memchr(b'>', &bytes[lt..]).map(|p| lt + p) else {
            break;
        };
        let tag = &html[lt + 1..gt];
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .map(|c| c.to_ascii_lowercase())
            .collect();
        i = gt + 1;
        if matches!(name.as_str(), "script" | "style" | "noscript" | "template")
            && !tag.starts_with('/')
        {
            let close = format!("</{name}");
            match find_open_tag(bytes, &close.as_bytes()[1..], i) {
                Some(end) => i = end,
                None => break,
            }
            continue;
        }
        if is_block(&name) || name == "tr" || name == "table" || name == "td" || name == "th" {
            flush(&mut line, blocks);
        }
    }
    flush(&mut line, blocks);
}

/// End of the tag starting at `lt` (the index of its `>`), skipping `>` inside quoted values.
fn tag_end(bytes: &[u8], lt: usize) -> Option<usize> {
    let mut at = lt + 1;
    loop {
        let p = at + memchr::memchr3(b'>', b'"', b'\'', bytes.get(at..)?)?;
        match bytes[p] {
            b'>' => return Some(p),
            quote => at = p + 1 + memchr::memchr(quote, bytes.get(p + 1..)?)? + 1,
        }
    }
}

/// The value of attribute `name` (lower case) in a tag's text, if present.
fn attr_value<'t>(tag: &'t str, name: &str) -> Option<&'t str> {
    let bytes = tag.as_bytes();
    let n = name.len();
    let first = *name.as_bytes().first()?;
    for at in memchr::memchr2_iter(first, first.to_ascii_uppercase(), bytes) {
        if at + n > bytes.len() {
            break;
        }
        let matches = bytes[at..at + n].eq_ignore_ascii_case(name.as_bytes())
            && (at == 0 || bytes[at - 1].is_ascii_whitespace());
        if matches {
            let rest = tag[at + n..].trim_start();
            if let Some(value) = rest.strip_prefix('=') {
                let value = value.trim_start().trim_start_matches(['"', '\'']);
                let end = value
                    .find(['"', '\'', ' ', '\t', '/', '>'])
                    .unwrap_or(value.len());
                return Some(&value[..end]);
            }
        }
    }
    None
}

/// What slimming does with an element's tags.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TagKind {
    /// Inline elements: to the layout they are only their text (`<span>`, `<font>`, Word's
    /// `<o:p>`, read as `o`, and `<st1:…>`).
    Inline,
    Paragraph,
    Cell,
    /// Elements whose content is not text (`<script>`, `<style>` …): dropped with it.
    Opaque,
    Other,
}

fn tag_kind(name: &str) -> TagKind {
    let mut lower = [0u8; 8];
    if name.len() > lower.len() {
        return TagKind::Other;
    }
    for (d, s) in lower.iter_mut().zip(name.bytes()) {
        *d = s.to_ascii_lowercase();
    }
    match &lower[..name.len()] {
        b"span" | b"font" | b"o" | b"st1" | b"b" | b"strong" | b"i" | b"em" | b"u" | b"a"
        | b"sup" | b"sub" | b"small" | b"big" | b"s" | b"strike" | b"ins" | b"del" | b"label" => {
            TagKind::Inline
        }
        b"p" => TagKind::Paragraph,
        b"td" | b"th" => TagKind::Cell,
        b"script" | b"style" | b"noscript" | b"template" => TagKind::Opaque,
        _ => TagKind::Other,
    }
}

/// Whether the markup at `at`, after ASCII whitespace, closes a table cell.
fn cell_closes_at(bytes: &[u8], at: usize) -> bool {
    let rest = &bytes[at.min(bytes.len())..];
    let skip = rest.iter().take_while(|b| b.is_ascii_whitespace()).count();
    let rest = &rest[skip..];
    rest.len() > 4
        && (rest[..4].eq_ignore_ascii_case(b"</td") || rest[..4].eq_ignore_ascii_case(b"</th"))
        && !rest[4].is_ascii_alphanumeric()
}

/// The tables' markup without what the layout never reads: attributes other than the spans,
/// comments, scripts and styles, inline elements (their text stays), and paragraph tags at the
/// very start or end of a cell (a line break there adds nothing to the cell's text). Parsing is
/// the dearest stage and real table markup is mostly inline styles, spans and paragraphs;
/// measured, this roughly halves what the parser is handed.
fn slim_markup(html: &str) -> String {
    let bytes = html.as_bytes();
    let mut out = String::with_capacity(html.len() / 2);
    let mut i = 0;
    // Nothing but whitespace and dropped tags since a cell opened.
    let mut cell_start = false;
    while i < bytes.len() {
        let Some(lt) = memchr::memchr(b'<', &bytes[i..]).map(|p| i + p) else {
            out.push_str(&html[i..]);
            break;
        };
        let text = &html[i..lt];
        cell_start = cell_start && text.bytes().all(|b| b.is_ascii_whitespace());
        out.push_str(text);
        if bytes[lt..].starts_with(b"<!--") {
            match memchr::memmem::find(&bytes[lt + 4..], b"-->") {
                Some(p) => i = lt + 4 + p + 3,
                None => break,
            }
            continue;
        }
        let Some(gt) = tag_end(bytes, lt) else {
            out.push_str(&html[lt..]);
            break;
        };
        let tag = &html[lt + 1..gt];
        let closing = tag.starts_with('/');
        let name_start = usize::from(closing);
        let name_len = tag.as_bytes()[name_start..]
            .iter()
            .take_while(|c| c.is_ascii_alphanumeric())
            .count();
        let name = &tag[name_start..name_start + name_len];
        i = gt + 1;
        if name.is_empty() || !name.as_bytes()[0].is_ascii_alphabetic() {
            // Not an element tag (`<!DOCTYPE`, a stray `<`): left as it was.
            out.push_str(&html[lt..=gt]);
            continue;
        }
        let kind = tag_kind(name);
        let edge_paragraph = kind == TagKind::Paragraph
            && ((!closing && cell_start) || (closing && cell_closes_at(bytes, i)));
        if kind == TagKind::Inline || edge_paragraph {
            continue;
        }
        cell_start = !closing && kind == TagKind::Cell;
        if !closing && kind == TagKind::Opaque {
            let mut close = Vec::with_capacity(name.len() + 1);
            close.push(b'/');
            close.extend_from_slice(name.as_bytes());
            match find_open_tag(bytes, &close, i) {
                Some(end) => i = tag_end(bytes, end).map_or(bytes.len(), |g| g + 1),
                None => break,
            }
            continue;
        }
        out.push('<');
        if closing {
            out.push('/');
        }
        if name.bytes().any(|b| b.is_ascii_uppercase()) {
            out.push_str(&name.to_ascii_lowercase());
        } else {
            out.push_str(name);
        }
        if cell_start && tag.len() > name_len {
            for attr in ["colspan", "rowspan"] {
                if let Some(v) = attr_value(tag, attr) {
                    out.push(' ');
                    out.push_str(attr);
                    out.push_str("=\"");
                    out.push_str(v);
                    out.push('"');
                }
            }
        }
        out.push('>');
    }
    out
}

/// Lays out an HTML page or fragment.
pub fn lay_out(text: &str) -> Layout {
    lay_out_region(text, report_region(text))
}

/// Lays out a page whose report region (`report_region`) is known: the prose around the tables
/// by a scan of the markup, the span of the tables through a DOM of its slimmed markup.
pub fn lay_out_region(text: &str, region: std::ops::Range<usize>) -> Layout {
    let whole = region.start == 0 && region.end == text.len();
    let bytes = text.as_bytes();
    // Within the report's region, only the span of its tables gets a DOM.
    let within = &bytes[region.clone()];
    let first = find_open_tag(within, b"table", 0);
    let last = rfind_close_tag(within, b"table")
        .and_then(|p| memchr::memchr(b'>', &within[p..]).map(|g| p + g + 1));
    let tables = match (first, last) {
        (Some(f), Some(l)) if !whole && f < l => region.start + f..region.start + l,
        // No well-ordered table span (or a page parsed whole): the whole region gets the DOM.
        _ => region.clone(),
    };
    let mut prelude = Vec::new();
    prose_lines(&text[region.start..tables.start], &mut prelude);
    let html = Html::parse_document(&slim_markup(&text[tables.clone()]));
    let (mut blocks, title) = walk(&html, prelude);
    prose_lines(&text[tables.end..region.end], &mut blocks);
    let title = title.or_else(|| if whole { None } else { scan_title(text) });
    Layout { blocks, title }
}

/// Lays out a page by parsing all of it as it is, with no region and no slimming: the slow
/// reference that `lay_out` must agree with.
pub fn lay_out_whole(text: &str) -> Layout {
    let (blocks, title) = walk(&Html::parse_document(text), Vec::new());
    Layout { blocks, title }
}

/// Walks a DOM into blocks (after `prelude`), and finds the `<title>`.
fn walk(html: &Html, prelude: Vec<Block>) -> (Vec<Block>, Option<String>) {
    let mut w = Walker {
        blocks: prelude,
        ..Walker::default()
    };
    let mut title: Option<String> = None;
    for edge in html.tree.root().traverse() {
        match edge {
            Edge::Open(node) => match node.value() {
                Node::Element(el) => {
                    let name = el.name();
                    // Skipped elements (and <title>, read whole when it closes) hide their text.
                    if w.skip_depth > 0 || is_skipped(name) {
                        w.skip_depth += 1;
                        continue;
                    }
                    match name {
                        "table" => w.open_table(),
                        "tr" => w.open_row(),
                        "td" | "th" => {
                            w.open_cell(span(el.attr("colspan")), span(el.attr("rowspan")))
                        }
                        n if is_block(n) => w.line_break(),
                        "title" => w.skip_depth += 1,
                        _ => {}
                    }
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
                    match name {
                        "table" => w.close_table(),
                        "tr" => w.close_row(),
                        "td" | "th" => w.close_cell(),
                        n if is_block(n) => w.line_break(),
                        _ => {}
                    }
                }
            }
        }
    }
    while !w.tables.is_empty() {
        w.close_table();
    }
    w.line_break();
    (w.blocks, title)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(layout: &Layout) -> Vec<Vec<String>> {
        layout
            .blocks
            .iter()
            .filter_map(|b| match b {
                Block::Row(cells) => Some(cells.iter().map(|c| c.text.clone()).collect()),
                _ => None,
            })
            .collect()
    }

    fn lines(layout: &Layout) -> Vec<String> {
        layout
            .blocks
            .iter()
            .filter_map(|b| match b {
                Block::Line(t) => Some(t.clone()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn whole_page_with_nav_scripts_and_two_tables() {
        let page = "<!DOCTYPE html><html><head><title>某镇2023年政府信息公开工作年度报告</title><script>var a='<td>1</td>';</script><style>td{}</style></head>\
            <body><div class=nav><a href=/>首页</a> &gt; <a>政务公开</a></div>\
            <p>二、主动公开政府信息情况</p><table><tr><td colspan=4>第二十条第（一）项</td></tr>\
            <tr><td>信息内容</td><td>本年新<br/>制作数量</td><td>x</td><td>y</td></tr><tr><td>规章</td><td>1</td><td>&nbsp;</td><td>3</td></tr></table>\
            <p>三、收到和处理政府信息公开申请情况</p><TABLE><TR><TD rowspan=\"2\">自然人</TD><TD>5</TD></TR></TABLE><div class=footer>版权所有</div></body></html>";
        let l = lay_out(page);
        assert_eq!(
            l.title.as_deref(),
            Some("某镇2023年政府信息公开工作年度报告")
        );
        assert_eq!(
            rows(&l),
            vec![
                vec!["第二十条第（一）项".to_string()],
                vec![
                    "信息内容".into(),
                    "本年新\n制作数量".into(),
                    "x".into(),
                    "y".into()
                ],
                vec!["规章".into(), "1".into(), "".into(), "3".into()],
                vec!["自然人".into(), "5".into()],
            ]
        );
        let ls = lines(&l);
        assert!(ls.contains(&"二、主动公开政府信息情况".to_string()));
        assert!(ls.contains(&"三、收到和处理政府信息公开申请情况".to_string()));
        assert!(!ls.iter().any(|t| t.contains("var a")));
        let spans: Vec<(u32, u32)> = l
            .blocks
            .iter()
            .filter_map(|b| match b {
                Block::Row(c) => Some((c[0].colspan, c[0].rowspan)),
                _ => None,
            })
            .collect();
        assert_eq!(spans[0], (4, 1));
        assert_eq!(spans[3], (1, 2));
    }

    #[test]
    fn nested_layout_table_gives_the_inner_rows_only() {
        let page = "<table><tr><td>导航</td></tr><tr><td><p>标题</p><table><tr><td>规章</td><td>0</td></tr></table></td></tr></table>";
        let l = lay_out(page);
        assert_eq!(
            rows(&l),
            vec![vec!["导航".to_string()], vec!["规章".into(), "0".into()]]
        );
        assert!(lines(&l).contains(&"标题".to_string()));
    }

    #[test]
    fn prose_around_the_tables_without_a_dom() {
        let page = "<html><head><title>t</title><script>var x = '<p>no</p>';</script></head><body><div>导航</div>\
            <h1>某镇2023年政府信息公开工作年度报告</h1><p>统计期限自2023年1月1日起&nbsp;至&#20108;</p><style>p{}</style>\
            <p>二、主动公开政府信息情况</p><table><tr><td>规章</td><td>1</td></tr></table><p>三、收到</p><table><tr><td>x</td></tr></table><p>五、存在的主要问题</p></body></html>";
        let l = lay_out(page);
        let ls = lines(&l);
        assert_eq!(ls[0], "某镇2023年政府信息公开工作年度报告");
        assert_eq!(ls[1], "统计期限自2023年1月1日起 至二");
        assert!(
            ls.contains(&"三、收到".to_string()) && ls.contains(&"五、存在的主要问题".to_string())
        );
        assert!(!ls.iter().any(|t| t.contains("导航") || t.contains("no")));
        assert_eq!(l.title.as_deref(), Some("t"));
    }

    #[test]
    fn slimmed_markup_keeps_spans_text_and_entities() {
        let m = slim_markup("<table border=1><!-- x > y --><tr class='a>b'><td COLSPAN=\"2\" style=\"w\" rowspan=3><p align=center>规章&nbsp;1</p></td><script>if (a<b) {}</script><td>2<br/>3</td></tr></table> a < b");
        assert_eq!(m, "<table><tr><td colspan=\"2\" rowspan=\"3\">规章&nbsp;1</td><td>2<br>3</td></tr></table> a < b");
        // Paragraphs inside a cell stay; inline elements give way to their text.
        let m = slim_markup(
            "<td> <p><span style='x'>申请</span></p><P>人<o:p></o:p></p>\n</TD><td>a</p><p>b</td>",
        );
        assert_eq!(m, "<td> 申请</p><p>人\n</td><td>a</p><p>b</td>");
    }

    #[test]
    fn slimming_keeps_what_the_layout_reads() {
        let page = "<table><tr><td><p>本年新<span>收</span></p><p>数量</p></td><td> <p>1</p> </td>\
            <td>x<p>y</p>z</td><td><b><p>2</b></p></td></tr></table>";
        let direct = {
            let html = Html::parse_document(page);
            let mut texts = Vec::new();
            for td in html.select(&scraper::Selector::parse("td").expect("selector")) {
                texts.push(td.text().collect::<String>());
            }
            texts
        };
        assert_eq!(direct[0], "本年新收数量");
        let l = lay_out(page);
        assert_eq!(rows(&l), vec![vec!["本年新收\n数量", "1", "x\ny\nz", "2"]]);
    }

    #[test]
    fn first_open_tag_in_any_case() {
        let naive = |bytes: &[u8], name: &[u8], from: usize| {
            (from..bytes.len()).find(|&i| {
                bytes[i] == b'<'
                    && bytes.len() > i + name.len()
                    && bytes[i + 1..=i + name.len()].eq_ignore_ascii_case(name)
            })
        };
        let page = "<html><head><TITLE>t</TITLE><script>x</Script></head><Body><tr><TaBlE><table>";
        let b = page.as_bytes();
        for name in [
            &b"table"[..],
            b"body",
            b"title",
            b"/script",
            b"/title",
            b"td",
            b"t",
        ] {
            for from in [0, 7, 40, b.len(), b.len() + 3] {
                assert_eq!(
                    find_open_tag(b, name, from),
                    naive(b, name, from),
                    "{name:?} {from}"
                );
            }
        }
    }

    #[test]
    fn last_close_tag_in_any_case_across_blocks() {
        let naive = |bytes: &[u8]| {
            (0..bytes.len()).rev().find(|&i| {
                bytes[i..].len() >= 7 && bytes[i..i + 7].eq_ignore_ascii_case(b"</table")
            })
        };
        let filler = "<a href=\"/x/t\">链接</a><td>".repeat(900);
        for page in [
            format!("<table></table>{filler}"),
            format!("<table></TaBle>{filler}</tr>"),
            format!("{filler}</TABLE>{filler}</table"),
            format!("{filler}</t"),
            String::new(),
            format!("</table>{}", "x".repeat(8190)),
            format!("{}</table>{}", "x".repeat(8190), "y".repeat(8188)),
        ] {
            let b = page.as_bytes();
            assert_eq!(rfind_close_tag(b, b"table"), naive(b), "{}", page.len());
        }
    }

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

    #[test]
    fn shanghai_fragment_rows() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../shared/corpus/raw/shanghai_szfbgt_2019.html");
        let Ok(text) = std::fs::read_to_string(&path) else {
            return;
        };
        let l = lay_out(&text);
        let r = rows(&l);
        let row = r
            .iter()
            .find(|r| r[0] == "一、本年新收政府信息公开申请数量")
            .expect("row");
        assert_eq!(row[1..], ["821", "35", "", "", "2", "1", "859"]);
        assert!(lines(&l)[0].starts_with("2019年上海市人民政府办公厅"));
    }
}

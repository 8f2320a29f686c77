/*!
The slimmed markup of a report's tables read into the layout form without a DOM. Slimmed markup
(`slim`) is small and regular: a few element names, no attributes but the spans, no comments. For
such markup this module does what the HTML parser's tree construction would do (implied `<tbody>`,
`<tr>`, cells closed by the next cell, `</p>` with no open paragraph, …) on a stack of open
elements, and hands the walker the same opening, closing and text events that a traversal of the
parser's tree gives. Whatever lies outside that subset — another element, text the parser would
move out of a table, a character reference not in the table here, a doctype or a NUL — makes it
give up, and the caller parses the markup with `scraper` instead. Building and walking a DOM was
the dearest stage of an HTML page; `tests/html_paths.rs` and the tests here hold the two to the
same output.
*/

use super::dom::{span, Walker};
use crate::layout::Block;

/// The elements read here.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum El {
    Html,
    Body,
    Table,
    Tbody,
    Thead,
    Tfoot,
    Tr,
    Td,
    Th,
    P,
    Div,
    Br,
}

impl El {
    fn from_name(name: &[u8]) -> Option<El> {
        Some(match name {
            b"table" => El::Table,
            b"tbody" => El::Tbody,
            b"thead" => El::Thead,
            b"tfoot" => El::Tfoot,
            b"tr" => El::Tr,
            b"td" => El::Td,
            b"th" => El::Th,
            b"p" => El::P,
            b"div" => El::Div,
            b"br" => El::Br,
            _ => return None,
        })
    }

    fn name(self) -> &'static str {
        match self {
            El::Html => "html",
            El::Body => "body",
            El::Table => "table",
            El::Tbody => "tbody",
            El::Thead => "thead",
            El::Tfoot => "tfoot",
            El::Tr => "tr",
            El::Td => "td",
            El::Th => "th",
            El::P => "p",
            El::Div => "div",
            El::Br => "br",
        }
    }

    /// Elements whose children are rows or sections, not text: the parser moves text and other
    /// elements out of them, which is given up on here.
    fn holds_rows(self) -> bool {
        matches!(self, El::Table | El::Tbody | El::Thead | El::Tfoot | El::Tr)
    }

    fn is_section(self) -> bool {
        matches!(self, El::Tbody | El::Thead | El::Tfoot)
    }

    fn is_cell(self) -> bool {
        matches!(self, El::Td | El::Th)
    }
}

/// The boundaries of the parser's "table scope" (`html`, `table`) and of its default and
/// "button" scopes, which add the cells (the other elements that bound them are not read here).
#[derive(Clone, Copy)]
enum Scope {
    Table,
    Default,
}

/// One event of the tree's traversal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Event {
    /// An element opens; for a cell, its colspan and rowspan; for a table, the number of rows
    /// within it (nested ones too), counted up to 2.
    Open(El, u32, u32),
    Close(El),
    /// Text, a range of the markup; `true` when it holds character references or carriage returns
    /// to decode.
    Text(usize, usize, bool),
}

/// The tree construction over slimmed markup: the stack of open elements (with the event that
/// opened each) and the events so far.
struct Builder {
    stack: Vec<(El, usize)>,
    events: Vec<Event>,
}

/// What stops the fast reading: the caller parses the markup instead.
struct GiveUp;

impl Builder {
    fn top(&self) -> El {
        self.stack.last().map_or(El::Html, |&(el, _)| el)
    }

    fn push(&mut self, el: El, a: u32, b: u32) {
        if el == El::Tr {
            // Every open table counts the row; an outer table has at least the rows of an inner.
            for &(open, at) in self.stack.iter().rev() {
                if open != El::Table {
                    continue;
                }
                match &mut self.events[at] {
                    Event::Open(_, rows, _) if *rows < 2 => *rows += 1,
                    _ => break,
                }
            }
        }
        self.stack.push((el, self.events.len()));
        self.events.push(Event::Open(el, a, b));
    }

    fn pop(&mut self) {
        if let Some((el, _)) = self.stack.pop() {
            self.events.push(Event::Close(el));
        }
    }

    /// Where the innermost open element satisfying `target` is, if it is in `scope`.
    fn in_scope(&self, target: impl Fn(El) -> bool, scope: Scope) -> Option<usize> {
        for (i, &(el, _)) in self.stack.iter().enumerate().rev() {
            if target(el) {
                return Some(i);
            }
            let boundary = match scope {
                Scope::Table => matches!(el, El::Html | El::Table),
                Scope::Default => matches!(el, El::Html | El::Table | El::Td | El::Th),
            };
            if boundary {
                return None;
            }
        }
        None
    }

    /// Closes the elements from the top down to the one at `at`, that one included.
    fn pop_to(&mut self, at: usize) {
        while self.stack.len() > at {
            self.pop();
        }
    }

    /// "Close a p element", as a `<p>` or `<div>` does to an open paragraph.
    fn close_paragraph(&mut self) {
        if let Some(at) = self.in_scope(|e| e == El::P, Scope::Default) {
            self.pop_to(at);
        }
    }

    fn text(&mut self, start: usize, end: usize, markup: &[u8]) -> Result<(), GiveUp> {
        if start == end {
            return Ok(());
        }
        let raw = &markup[start..end];
        if self.top().holds_rows()
            && !raw
                .iter()
                .all(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c'))
        {
            // The parser moves such text before the table.
            return Err(GiveUp);
        }
        if raw.contains(&0) {
            return Err(GiveUp);
        }
        let decode = memchr::memchr2(b'&', b'\r', raw).is_some();
        if decode && !references_known(raw) {
            return Err(GiveUp);
        }
        self.events.push(Event::Text(start, end, decode));
        Ok(())
    }

    fn start_tag(&mut self, el: El, colspan: u32, rowspan: u32) -> Result<(), GiveUp> {
        loop {
            let top = self.top();
            if top.holds_rows() {
                match (top, el) {
                    (El::Table, e) if e.is_section() => self.push(e, 0, 0),
                    (El::Table, El::Tr | El::Td | El::Th) => {
                        self.push(El::Tbody, 0, 0);
                        continue;
                    }
                    (s, El::Tr) if s.is_section() => self.push(El::Tr, 0, 0),
                    (s, El::Td | El::Th) if s.is_section() => {
                        self.push(El::Tr, 0, 0);
                        continue;
                    }
                    (s, e) if s.is_section() && e.is_section() => {
                        self.pop();
                        continue;
                    }
                    (El::Tr, e) if e.is_cell() => self.push(e, colspan, rowspan),
                    (El::Tr, e) if e == El::Tr || e.is_section() => {
                        self.pop();
                        continue;
                    }
                    // A table in a table, or anything the parser would move out of the table.
                    _ => return Err(GiveUp),
                }
                return Ok(());
            }
            match el {
                El::P | El::Div => {
                    self.close_paragraph();
                    self.push(el, 0, 0);
                }
                El::Br => {
                    self.push(El::Br, 0, 0);
                    self.pop();
                }
                // Without a doctype the parser is in quirks mode: a table leaves a paragraph open.
                El::Table => self.push(El::Table, 0, 0),
                El::Tbody | El::Thead | El::Tfoot | El::Tr | El::Td | El::Th => {
                    // In a cell, a row or cell tag closes the cell first; outside any table the
                    // parser ignores it.
                    if let Some(at) = self.in_scope(El::is_cell, Scope::Table) {
                        self.pop_to(at);
                        continue;
                    }
                }
                El::Html | El::Body => return Err(GiveUp),
            }
            return Ok(());
        }
    }

    fn end_tag(&mut self, el: El) -> Result<(), GiveUp> {
        match el {
            El::P | El::Div | El::Br if self.top().holds_rows() => return Err(GiveUp),
            El::P => match self.in_scope(|e| e == El::P, Scope::Default) {
                Some(at) => self.pop_to(at),
                // `</p>` with no paragraph open makes an empty one.
                None => {
                    self.push(El::P, 0, 0);
                    self.pop();
                }
            },
            El::Div => {
                if let Some(at) = self.in_scope(|e| e == El::Div, Scope::Default) {
                    self.pop_to(at);
                }
            }
            El::Table | El::Tbody | El::Thead | El::Tfoot | El::Tr | El::Td | El::Th => {
                // Closes what is open inside it; ignored when it is not open in this table.
                if let Some(at) = self.in_scope(|e| e == el, Scope::Table) {
                    self.pop_to(at);
                }
            }
            El::Br | El::Html | El::Body => return Err(GiveUp),
        }
        Ok(())
    }
}

/// Named character references read here (with their `;`), as the parser decodes them.
const NAMED: &[(&[u8], char)] = &[
    (b"nbsp", '\u{a0}'),
    (b"amp", '&'),
    (b"lt", '<'),
    (b"gt", '>'),
    (b"quot", '"'),
    (b"apos", '\''),
    (b"ldquo", '\u{201c}'),
    (b"rdquo", '\u{201d}'),
    (b"lsquo", '\u{2018}'),
    (b"rsquo", '\u{2019}'),
    (b"mdash", '\u{2014}'),
    (b"ndash", '\u{2013}'),
    (b"hellip", '\u{2026}'),
    (b"middot", '\u{b7}'),
    (b"times", '\u{d7}'),
    (b"emsp", '\u{2003}'),
    (b"ensp", '\u{2002}'),
];

/// The character a reference at the start of `s` (which starts with `&`) stands for, and its
/// length; `None` when it is not one read here. A `&` that starts no reference at all (followed
/// by a space, say) stands for itself.
fn reference(s: &[u8]) -> Option<(char, usize)> {
    let rest = &s[1..];
    match rest.first() {
        None => return Some(('&', 1)),
        Some(c) if !c.is_ascii_alphanumeric() && *c != b'#' => return Some(('&', 1)),
        _ => {}
    }
    let semi = rest.iter().take(10).position(|&b| b == b';')?;
    let name = &rest[..semi];
    let len = semi + 2;
    if let Some(digits) = name.strip_prefix(b"#") {
        let (digits, radix) = match digits {
            [b'x' | b'X', hex @ ..] => (hex, 16),
            _ => (digits, 10),
        };
        let ok = !digits.is_empty()
            && digits.len() <= 7
            && digits.iter().all(|d| char::from(*d).is_digit(radix));
        if !ok {
            return None;
        }
        let n = u32::from_str_radix(std::str::from_utf8(digits).ok()?, radix).ok()?;
        // Code points the parser maps to others (NUL, C1 controls, surrogates, noncharacters …)
        // are left to it.
        let plain = matches!(n, 0x09 | 0x0a | 0x20..=0x7e | 0xa0..=0xd7ff | 0xe000..=0xfdcf | 0xfdf0..=0xfffd)
            || ((0x1_0000..=0x10_ffff).contains(&n) && n & 0xfffe != 0xfffe);
        if !plain {
            return None;
        }
        return char::from_u32(n).map(|c| (c, len));
    }
    NAMED
        .iter()
        .find(|(n, _)| *n == name)
        .map(|&(_, c)| (c, len))
}

/// Whether every `&` of `raw` starts a reference read here.
fn references_known(raw: &[u8]) -> bool {
    memchr::memchr_iter(b'&', raw).all(|at| reference(&raw[at..]).is_some())
}

/// Text with its references decoded and carriage returns as the parser makes them (`\r\n` and
/// `\r` as `\n`), into `out`.
fn decode_into(raw: &str, out: &mut String) {
    out.clear();
    let bytes = raw.as_bytes();
    let mut from = 0;
    let mut at = 0;
    while let Some(p) = memchr::memchr2(b'&', b'\r', &bytes[at..]).map(|p| at + p) {
        out.push_str(&raw[from..p]);
        if bytes[p] == b'\r' {
            out.push('\n');
            at = p + 1 + usize::from(bytes.get(p + 1) == Some(&b'\n'));
        } else {
            // Checked before the events were handed out.
            let (c, len) = reference(&bytes[p..]).unwrap_or(('&', 1));
            out.push(c);
            at = p + len;
        }
        from = at;
    }
    out.push_str(&raw[from..]);
}

/// A tag of slimmed markup at `lt`: its element, whether it closes, its spans, and the index after
/// its `>`. `Err` for a tag outside the subset; `Ok(None)` when `<` starts no tag (the parser
/// reads it as text).
#[allow(clippy::type_complexity)]
fn tag_at(bytes: &[u8], lt: usize) -> Result<Option<(El, bool, u32, u32, usize)>, GiveUp> {
    let mut i = lt + 1;
    let closing = bytes.get(i) == Some(&b'/');
    i += usize::from(closing);
    match bytes.get(i) {
        Some(c) if c.is_ascii_alphabetic() => {}
        // `<!…`, `<?…`, `</ …`: comments, doctypes, bogus comments.
        Some(b'!' | b'?') => return Err(GiveUp),
        _ if closing => return Err(GiveUp),
        _ => return Ok(None),
    }
    let name_len = bytes[i..]
        .iter()
        .take_while(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        .count();
    let el = El::from_name(&bytes[i..i + name_len]).ok_or(GiveUp)?;
    i += name_len;
    let (mut colspan, mut rowspan) = (None, None);
    loop {
        match bytes.get(i) {
            Some(b'>') => break,
            Some(b' ') if !closing => {
                let rest = &bytes[i + 1..];
                let which = if rest.starts_with(b"colspan=\"") {
                    &mut colspan
                } else if rest.starts_with(b"rowspan=\"") {
                    &mut rowspan
                } else {
                    return Err(GiveUp);
                };
                let start = i + 1 + 9;
                let len = memchr::memchr(b'"', &bytes[start..]).ok_or(GiveUp)?;
                let value = &bytes[start..start + len];
                if value.contains(&b'&') || value.contains(&0) {
                    return Err(GiveUp);
                }
                if which.is_none() {
                    *which = Some(span(std::str::from_utf8(value).ok()));
                }
                i = start + len + 1;
            }
            _ => return Err(GiveUp),
        }
    }
    Ok(Some((
        el,
        closing,
        colspan.unwrap_or(1),
        rowspan.unwrap_or(1),
        i + 1,
    )))
}

/// The events of the tree the parser would build from `markup`, or `GiveUp`.
fn events(markup: &str) -> Result<Vec<Event>, GiveUp> {
    let bytes = markup.as_bytes();
    let mut b = Builder {
        stack: Vec::with_capacity(16),
        events: Vec::with_capacity(bytes.len() / 16),
    };
    b.push(El::Html, 0, 0);
    b.push(El::Body, 0, 0);
    let mut text_start = 0;
    let mut at = 0;
    while let Some(lt) = memchr::memchr(b'<', &bytes[at..]).map(|p| at + p) {
        match tag_at(bytes, lt)? {
            None => at = lt + 1,
            Some((el, closing, colspan, rowspan, next)) => {
                b.text(text_start, lt, bytes)?;
                if closing {
                    b.end_tag(el)?;
                } else {
                    b.start_tag(el, colspan, rowspan)?;
                }
                text_start = next;
                at = next;
            }
        }
    }
    b.text(text_start, bytes.len(), bytes)?;
    b.pop_to(0);
    Ok(b.events)
}

/// Walks slimmed markup into blocks (after `prelude`) as the DOM walk would from the parser's
/// tree; `Err` gives `prelude` back when the markup is outside the subset read here.
pub(super) fn walk(markup: &str, prelude: Vec<Block>) -> Result<Vec<Block>, Vec<Block>> {
    let Ok(events) = events(markup) else {
        return Err(prelude);
    };
    let mut w = Walker::new(prelude);
    let mut decoded = String::new();
    for ev in events {
        match ev {
            Event::Open(el, a, b) => w.open(el.name(), || (a, b), || a <= 1),
            Event::Close(el) => w.close(el.name()),
            Event::Text(start, end, false) => w.text(&markup[start..end]),
            Event::Text(start, end, true) => {
                decode_into(&markup[start..end], &mut decoded);
                w.text(&decoded);
            }
        }
    }
    Ok(w.finish())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rng::Rng;
    use scraper::Html;

    /// The blocks from the parser's tree.
    fn parsed(markup: &str) -> Vec<Block> {
        super::super::dom::walk(&Html::parse_document(markup), Vec::new()).0
    }

    fn same(markup: &str) -> bool {
        match walk(markup, Vec::new()) {
            Ok(blocks) => {
                assert_eq!(blocks, parsed(markup), "{markup}");
                true
            }
            Err(_) => false,
        }
    }

    #[test]
    fn reads_the_parsers_repairs() {
        for markup in [
            "<table><tr><td>规章</td><td>1</td></tr></table>",
            "<table><tbody><tr><td colspan=\"2\" rowspan=\"3\">a</td></tr></tbody></table>",
            "<table><td>implied row</td><td>and tbody</table>",
            "<table><tr><td>a<td>b<tr><td>c</table>after",
            "<table><tr><td>a</p><p>b</td><td>x</p></td></tr></table>",
            "<p>before<table><tr><td>in a paragraph</td></tr></table>still</p>after",
            "<table><tr><td><div>a<p>b</div>c</td></tr></table>",
            "<table><tr><td>x<table><tr><td>inner</td></tr></table>y</td><td>1</td></tr></table>",
            "<table><tr><td>1</td><td><table><tr><td>value</td></tr></table></td></tr></table>",
            "<table>\n <tr>\r\n <td>&nbsp;&#49;&#x32;&amp;&lt;3 & x</td></tr></table>",
            "</td></tr><td>stray</td><p>x</div></table>y<br>z",
            "<table><thead><tr><th>h</th></tr><tbody><tr><td>b</td></tr></table>",
            "<table><tr><td>unclosed",
            "a < b <1> c",
        ] {
            assert!(same(markup), "gave up on {markup}");
        }
    }

    #[test]
    fn gives_up_outside_the_subset() {
        for markup in [
            "<table>text moved out<tr><td>a</td></tr></table>",
            "<table><tr><td>a</td></tr><p>x</p></table>",
            "<table><tr><td>a</td></tr><table>",
            "<!DOCTYPE html><table></table>",
            "<table><tr><td>&unknown;</td></tr></table>",
            "<table><tr><td>&#128;</td></tr></table>",
            "<table><tr><td>&amp x</td></tr></table>",
            "<span>x</span>",
            "<td class=\"x\">",
            "</>",
        ] {
            assert!(walk(markup, Vec::new()).is_err(), "{markup}");
        }
    }

    /// Random markup of the subset's tags (and a few others), compared with the parser's tree.
    #[test]
    fn random_markup_reads_as_the_parser_does() {
        const PIECES: &[&str] = &[
            "<table>",
            "</table>",
            "<tbody>",
            "</tbody>",
            "<thead>",
            "</thead>",
            "<tr>",
            "</tr>",
            "<td>",
            "</td>",
            "<th>",
            "</th>",
            "<td colspan=\"2\">",
            "<td rowspan=\"3\" colspan=\"x\">",
            "<p>",
            "</p>",
            "<div>",
            "</div>",
            "<br>",
            "</br>",
            "规章",
            "12",
            " ",
            "\n",
            "\r\n",
            "&nbsp;",
            "&amp;",
            "&#20108;",
            "a < b",
            "x<1",
            "<tfoot>",
            "</tfoot>",
            "&",
            "x\u{a0}y",
        ];
        let mut rng = Rng::for_item(15, 0);
        let (mut read, mut total) = (0, 0);
        for _ in 0..4000 {
            let n = 1 + rng.below(40) as usize;
            let mut markup = String::new();
            for _ in 0..n {
                markup.push_str(PIECES[rng.below(PIECES.len() as u64) as usize]);
            }
            total += 1;
            read += usize::from(same(&markup));
        }
        assert!(
            read * 3 > total,
            "only {read} of {total} read without the parser"
        );
    }

    /// Tables of random shape (cells with paragraphs, line breaks, nested tables; end tags left
    /// out at random), compared with the parser's tree.
    #[test]
    fn random_tables_read_as_the_parser_does() {
        fn table(rng: &mut Rng, depth: u32, out: &mut String) {
            let end = |rng: &mut Rng, tag: &str, out: &mut String| {
                if !rng.chance(1, 5) {
                    out.push_str(tag);
                }
            };
            out.push_str(["<table>", "<table>\n", "<p>x<table>"][rng.below(3) as usize]);
            if rng.chance(1, 2) {
                out.push_str(["<tbody>", "<thead>", "<tfoot>"][rng.below(3) as usize]);
            }
            for _ in 0..1 + rng.below(4) {
                out.push_str(if rng.chance(1, 6) { "" } else { "<tr> " });
                for _ in 0..1 + rng.below(4) {
                    out.push_str(
                        ["<td>", "<th>", "<td colspan=\"2\">", "<td rowspan=\"0\">"]
                            [rng.below(4) as usize],
                    );
                    for _ in 0..rng.below(4) {
                        match rng.below(9) {
                            0 => out.push_str("<p>"),
                            1 => out.push_str("</p>"),
                            2 => out.push_str("<br>"),
                            3 => out.push_str("<div>"),
                            4 => out.push_str("</div>"),
                            5 if depth < 3 => table(rng, depth + 1, out),
                            6 => out.push_str("&nbsp;"),
                            _ => {
                                let text = *rng.pick(&["规章", "12", " 3 ", "\r\n", "申请人"]);
                                out.push_str(text)
                            }
                        }
                    }
                    let close = ["</td>", "</th>"][rng.below(2) as usize];
                    end(rng, close, out);
                }
                end(rng, "</tr>\n", out);
            }
            if rng.chance(1, 3) {
                out.push_str("</tbody>");
            }
            end(rng, "</table>", out);
            if rng.chance(1, 3) {
                out.push_str("<p>after</p>");
            }
        }
        let mut rng = Rng::for_item(15, 1);
        let (mut read, mut total) = (0, 0);
        for _ in 0..3000 {
            let mut markup = String::new();
            for _ in 0..1 + rng.below(3) {
                table(&mut rng, 0, &mut markup);
            }
            total += 1;
            read += usize::from(same(&markup));
        }
        assert!(
            read * 3 > total,
            "only {read} of {total} read without the parser"
        );
    }
}

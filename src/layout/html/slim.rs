/*!
Slimming: the tables' markup without what the layout never reads, so that the parser is handed
about half as much.
*/

use super::scan::{attr_value, find_open_tag, tag_end};
use super::OPAQUE;

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
    // Long enough for every name matched here (`noscript`, `template`, `strike`).
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
        n if OPAQUE.iter().any(|o| o.as_bytes() == n) => TagKind::Opaque,
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

/// Whether `tag` holds `span` in any letter case: without it, it has neither a `colspan` nor a
/// `rowspan`. Word-export cells carry long styles full of the letters those names start with;
/// this looks only at each `p`.
fn mentions_span(tag: &[u8]) -> bool {
    memchr::memchr2_iter(b'p', b'P', tag).any(|p| {
        p >= 1
            && tag[p - 1].eq_ignore_ascii_case(&b's')
            && tag
                .get(p + 1..p + 3)
                .is_some_and(|an| an.eq_ignore_ascii_case(b"an"))
    })
}

/// The tables' markup without what the layout never reads: attributes other than the spans,
/// comments, scripts and styles, inline elements (their text stays), and paragraph tags at the
/// very start or end of a cell (a line break there adds nothing to the cell's text). Parsing is
/// the dearest stage and real table markup is mostly inline styles, spans and paragraphs;
/// measured, this roughly halves what the parser is handed.
pub(super) fn slim_markup(html: &str) -> String {
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
        if cell_start && tag.len() > name_len && mentions_span(tag.as_bytes()) {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::html::lay_out;
    use crate::layout::html::tests::rows;
    use scraper::Html;

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
    fn span_attributes_found_in_any_case() {
        for (tag, yes) in [
            ("td colspan=2", true),
            ("TD ROWSPAN=\"3\"", true),
            ("td style=\"x\" ColSpan='2'", true),
            ("td style=\"padding: 5px; border-right: 1px\"", false),
            ("td sp an", false),
            ("td spa", false),
        ] {
            assert_eq!(mentions_span(tag.as_bytes()), yes, "{tag}");
            let found = attr_value(tag, "colspan").or(attr_value(tag, "rowspan"));
            assert!(yes || found.is_none(), "{tag}");
        }
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
}

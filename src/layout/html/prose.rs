/*!
Prose outside the tables as lines, by a single scan over the markup (no DOM): the text before and
after a report's tables costs no parse.
*/

use super::scan::find_open_tag;
use super::{is_block, is_opaque};
use crate::layout::Block;

/// Prose outside the tables as lines, by a single scan over the markup: block-level tags end a
/// line, other tags vanish, `<script>`/`<style>` content is skipped. The tables themselves are
/// parsed with `scraper`; this keeps the page around them from costing a DOM.
pub(super) fn prose_lines(html: &str, blocks: &mut Vec<Block>) {
    let bytes = html.as_bytes();
    let mut line = String::new();
    let mut i = 0;
    let flush = |line: &mut String, blocks: &mut Vec<Block>| {
        let decoded = html_escape::decode_html_entities(line);
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
        // The name in lower case, on the stack: a longer one is none of the names asked about.
        let mut lower = [0u8; 16];
        let raw = tag.trim_start_matches('/').as_bytes();
        let len = raw.iter().take_while(|c| c.is_ascii_alphanumeric()).count();
        let name = match lower.get_mut(..len) {
            Some(dst) => {
                for (d, c) in dst.iter_mut().zip(raw) {
                    *d = c.to_ascii_lowercase();
                }
                std::str::from_utf8(dst).unwrap_or("")
            }
            None => "",
        };
        i = gt + 1;
        if is_opaque(name) && !tag.starts_with('/') {
            let close = format!("</{name}");
            match find_open_tag(bytes, &close.as_bytes()[1..], i) {
                Some(end) => i = end,
                None => break,
            }
            continue;
        }
        if is_block(name) || name == "tr" || name == "table" || name == "td" || name == "th" {
            flush(&mut line, blocks);
        }
    }
    flush(&mut line, blocks);
}

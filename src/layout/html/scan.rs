/*!
Byte scans of markup, without parsing: tags found by name in either letter case, the end of a tag,
an attribute's value, the number of cell tags, the `<title>`. The fast path reads a page with these
before building any DOM, and instead of one for all that lies outside its tables.
*/

use scraper::Html;

/// Finds `<name` (ASCII case-insensitive) at or after `from`.
pub(super) fn find_open_tag(bytes: &[u8], name: &[u8], from: usize) -> Option<usize> {
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
pub(super) fn rfind_close_tag(bytes: &[u8], name: &[u8]) -> Option<usize> {
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

/// End of the tag starting at `lt` (the index of its `>`), skipping `>` inside quoted values.
pub(super) fn tag_end(bytes: &[u8], lt: usize) -> Option<usize> {
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
pub(super) fn attr_value<'t>(tag: &'t str, name: &str) -> Option<&'t str> {
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

/// The tags that size a page's tables, counted in one pass without parsing: the cells (`<td`,
/// `<th`), whose number is checked against the limit before any parsing, and the table opening
/// and end tags, whose balance says whether a table is left open (`repair`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TagCounts {
    pub cells: usize,
    /// `<table…` tags (any name that starts so, as the repair has always counted).
    pub tables: usize,
    /// `</table…` tags.
    pub table_ends: usize,
}

impl TagCounts {
    /// Whether some table is never closed.
    pub fn unclosed_table(&self) -> bool {
        self.tables > self.table_ends
    }
}

/// Counts the tags of `TagCounts` in `bytes` (ASCII case-insensitive).
pub fn count_tags(bytes: &[u8]) -> TagCounts {
    let mut counts = TagCounts::default();
    let at = |i: usize, name: &[u8]| {
        bytes
            .get(i..i + name.len())
            .is_some_and(|t| t.eq_ignore_ascii_case(name))
    };
    // Most tags are neither: the byte after `<` rules them out before any comparison.
    for i in memchr::memchr_iter(b'<', bytes) {
        match bytes.get(i + 1) {
            Some(b'/') if at(i + 2, b"table") => counts.table_ends += 1,
            Some(b't' | b'T') => {
                if at(i + 1, b"table") {
                    counts.tables += 1;
                } else if (at(i + 1, b"td") || at(i + 1, b"th"))
                    && bytes.get(i + 3).is_none_or(|c| !c.is_ascii_alphanumeric())
                {
                    counts.cells += 1;
                }
            }
            _ => {}
        }
    }
    counts
}

/// The `<title>` of a page, read without parsing the page.
pub(super) fn scan_title(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let open = find_open_tag(bytes, b"title", 0)?;
    let gt = open + memchr::memchr(b'>', &bytes[open..])? + 1;
    let close = find_open_tag(bytes, b"/title", gt)?;
    let snippet = Html::parse_fragment(&text[gt..close]);
    let t: String = snippet.root_element().text().collect();
    let t = t.trim();
    (!t.is_empty()).then(|| t.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn tags_counted_in_one_pass_as_by_name() {
        let by_name = |bytes: &[u8], name: &[u8]| {
            let mut n = 0;
            let mut from = 0;
            while let Some(p) = find_open_tag(bytes, name, from) {
                n += 1;
                from = p + 1;
            }
            n
        };
        for page in [
            "<TABLE><tr><td>1<TD x>2<th>3<thead><tds></Table><table",
            "<table></table></tablex><tablet><td",
            "",
            "<<td<th>",
        ] {
            let b = page.as_bytes();
            let c = count_tags(b);
            assert_eq!(c.tables, by_name(b, b"table"), "{page}");
            assert_eq!(c.table_ends, by_name(b, b"/table"), "{page}");
        }
        assert_eq!(
            count_tags(b"<TABLE><tr><td>1<TD x>2<th>3<thead><tds></Table><td").cells,
            4
        );
        assert_eq!(count_tags(b"<<td<th>").cells, 2);
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
}

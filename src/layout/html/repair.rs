/*!
Tables whose `</table>` is missing (a template that forgot it, a page truncated by its download).
A parser recovers such markup its own way: text and headings that follow are moved before the
table, the next table nests in the last cell. Here each open table is closed where it evidently
ended — at the first paragraph, heading or text outside its cells, or at a table opened outside
its cells — and a page cut inside a table loses the row the cut went through, since that row's
last cell may have lost digits. Only pages with more `<table` than `</table>` tags pay for this.
*/

use super::scan::{count_tags, tag_end};
use super::{is_block, is_opaque};

/// Whether some table of `html` is never closed.
pub(super) fn has_unclosed_table(bytes: &[u8]) -> bool {
    count_tags(bytes).unclosed_table()
}

/// The tag at `lt`: whether it closes, and its name (lower case, without attributes).
fn tag_name(tag: &str) -> (bool, String) {
    let inner = tag.trim_start_matches('<');
    let (closing, inner) = match inner.strip_prefix('/') {
        Some(rest) => (true, rest),
        None => (false, inner),
    };
    let name: String = inner
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_lowercase())
        .collect();
    (closing, name)
}

/// Open tables while rewriting.
#[derive(Default)]
struct Open {
    /// Per open table, innermost last: whether a cell of it is open.
    in_cell: Vec<bool>,
    /// Where in the output the innermost table's open row starts, if a row is open.
    row_start: Option<usize>,
}

impl Open {
    fn outside_cells(&self) -> bool {
        self.in_cell.last() == Some(&false)
    }

    fn close_all(&mut self, out: &mut String) {
        for _ in self.in_cell.drain(..) {
            out.push_str("</table>");
        }
        self.row_start = None;
    }
}

/// `html` with every table closed where it ended (see the module comment).
pub(super) fn close_tables(html: &str) -> String {
    let bytes = html.as_bytes();
    let mut out = String::with_capacity(html.len() + 64);
    let mut open = Open::default();
    let mut i = 0;
    while i < bytes.len() {
        let Some(lt) = memchr::memchr(b'<', &bytes[i..]).map(|p| i + p) else {
            let text = &html[i..];
            if open.outside_cells() && !is_blank(text) {
                open.close_all(&mut out);
            }
            out.push_str(text);
            break;
        };
        let text = &html[i..lt];
        if open.outside_cells() && !is_blank(text) {
            open.close_all(&mut out);
        }
        out.push_str(text);
        if bytes[lt..].starts_with(b"<!--") {
            let end = memchr::memmem::find(&bytes[lt + 4..], b"-->")
                .map_or(bytes.len(), |p| lt + 4 + p + 3);
            out.push_str(&html[lt..end]);
            i = end;
            continue;
        }
        let Some(gt) = tag_end(bytes, lt) else {
            // A tag cut by the end of the page.
            break;
        };
        let tag = &html[lt..=gt];
        let (closing, name) = tag_name(tag);
        i = gt + 1;
        match (closing, name.as_str()) {
            (false, "table") => {
                if open.outside_cells() {
                    out.push_str("</table>");
                    open.in_cell.pop();
                }
                open.in_cell.push(false);
                open.row_start = None;
            }
            (true, "table") => {
                open.in_cell.pop();
                open.row_start = None;
            }
            (_, "td" | "th") => {
                if let Some(c) = open.in_cell.last_mut() {
                    *c = !closing;
                }
            }
            (_, "tr") => {
                if let Some(c) = open.in_cell.last_mut() {
                    *c = false;
                    open.row_start = (!closing).then_some(out.len());
                }
            }
            (_, "tbody" | "thead" | "tfoot" | "col" | "colgroup" | "caption") => {}
            (false, n) if is_opaque(n) => {
                // Copied through its end tag: a script's text is not the page's.
                let close = format!("</{n}");
                let end = memchr::memmem::find(&bytes[i..], close.as_bytes())
                    .map_or(bytes.len(), |p| i + p);
                out.push_str(tag);
                out.push_str(&html[i..end]);
                i = end;
                continue;
            }
            (_, n) if is_block(n) && open.outside_cells() => open.close_all(&mut out),
            _ => {}
        }
        out.push_str(tag);
    }
    // The page ends inside a table: the row the end went through is not whole.
    if !open.in_cell.is_empty() {
        if let Some(start) = open.row_start {
            out.truncate(start);
        }
        open.close_all(&mut out);
    }
    out
}

/// Whitespace and non-breaking spaces only.
fn is_blank(text: &str) -> bool {
    text.split("&nbsp;")
        .all(|t| t.chars().all(|c| c.is_whitespace()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_closed_before_the_next_heading_and_at_a_cut_row() {
        let page = "<p>二</p><table><tr><td>a</td><td>1</td></tr>\n<p>三</p><table><tr><td>b</td><td>2</td></tr><tr><td>c</td><td>3";
        assert!(has_unclosed_table(page.as_bytes()));
        assert_eq!(
            close_tables(page),
            "<p>二</p><table><tr><td>a</td><td>1</td></tr>\n</table><p>三</p><table><tr><td>b</td><td>2</td></tr></table>"
        );
        let fine = "<table><tr><td><table><tr><td>x</td></tr></table></td></tr></table>";
        assert!(!has_unclosed_table(fine.as_bytes()));
        assert_eq!(close_tables(fine), fine);
    }
}

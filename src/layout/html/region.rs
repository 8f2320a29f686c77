/*!
The span of a page that holds the report, found by a byte scan: what lies outside it (navigation,
scripts, link lists) is never parsed.
*/

use super::scan::{find_open_tag, rfind_close_tag};

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
    // A table opened after the last close runs to the end of the page (truncated, or never
    // closed).
    let mut end = if find_open_tag(bytes, b"table", last_close).is_some() {
        bytes.len()
    } else {
        (last_close + 4096).min(bytes.len())
    };
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    if start >= end || end - start > text.len() * 9 / 10 {
        return 0..text.len();
    }
    start..end
}

/*!
HTML pages to the layout form, with `scraper`. The fast path finds the report's region of a page
by a byte scan (`region`), reads the prose around its tables by another (`prose`), and parses only
the span of the tables, after slimming their markup of what the layout never reads (`slim`):
slimmed markup is read into lines and rows by a tree construction of its own (`events`), or, when
it holds what that does not read, through a DOM (`dom`). `scan` holds the byte scans of markup they share. The
slow path parses the whole page as it is: the reference the fast one must agree with
(`tests/html_paths.rs`).
*/

mod dom;
mod events;
mod prose;
mod region;
mod repair;
mod scan;
mod slim;

pub use region::report_region;
pub use scan::{count_tags, TagCounts};

use super::Layout;
use scraper::Html;

/// Elements whose content is not text (`<script>`, `<style>` …): the scans drop them with their
/// content unparsed, and the walk skips them.
const OPAQUE: &[&str] = &["script", "style", "noscript", "template"];

/// Whether `name` (lower case) is an opaque element.
fn is_opaque(name: &str) -> bool {
    OPAQUE.contains(&name)
}

/// Elements that end a line of text.
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

/// Lays out an HTML page or fragment.
pub fn lay_out(text: &str) -> Layout {
    let region = report_region(text);
    let counts = count_tags(&text.as_bytes()[region.clone()]);
    lay_out_region(text, region, &counts)
}

/// Lays out a page whose report region (`report_region`) is known, with the tags of that region
/// counted (`count_tags`): the prose around the tables by a scan of the markup, the span of the
/// tables through a DOM of its slimmed markup.
pub fn lay_out_region(text: &str, region: std::ops::Range<usize>, counts: &TagCounts) -> Layout {
    let whole = region.start == 0 && region.end == text.len();
    let bytes = text.as_bytes();
    // Within the report's region, only the span of its tables gets a DOM.
    let within = &bytes[region.clone()];
    let first = scan::find_open_tag(within, b"table", 0);
    let last = scan::rfind_close_tag(within, b"table")
        .and_then(|p| memchr::memchr(b'>', &within[p..]).map(|g| p + g + 1));
    let unclosed = counts.unclosed_table();
    let tables = match (first, last) {
        // A table left open runs to the region's end.
        (Some(f), _) if !whole && unclosed => region.start + f..region.end,
        (Some(f), Some(l)) if !whole && f < l => region.start + f..region.start + l,
        // No well-ordered table span (or a page parsed whole): the whole region gets the DOM.
        _ => region.clone(),
    };
    let mut prelude = Vec::new();
    prose::prose_lines(&text[region.start..tables.start], &mut prelude);
    let mut markup = slim::slim_markup(&text[tables.clone()]);
    if unclosed {
        markup = repair::close_tables(&markup);
    }
    // Slimmed markup is mostly read without a DOM; what that reading leaves is parsed.
    let (mut blocks, title) = match events::walk(&markup, prelude) {
        Ok(blocks) => (blocks, None),
        Err(prelude) => dom::walk(&Html::parse_document(&markup), prelude),
    };
    prose::prose_lines(&text[tables.end..region.end], &mut blocks);
    let title = title.or_else(|| if whole { None } else { scan::scan_title(text) });
    Layout { blocks, title }
}

/// Lays out a page by parsing all of it as it is, with no region and no slimming: the slow
/// reference that `lay_out` must agree with.
pub fn lay_out_whole(text: &str) -> Layout {
    let html = if repair::has_unclosed_table(text.as_bytes()) {
        Html::parse_document(&repair::close_tables(text))
    } else {
        Html::parse_document(text)
    };
    let (blocks, title) = dom::walk(&html, Vec::new());
    Layout { blocks, title }
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use crate::layout::Block;

    pub(super) fn rows(layout: &Layout) -> Vec<Vec<String>> {
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
            <p>二、主动公开政府信息情况</p><table><tr><td>规章</td><td>1</td></tr></table><p>三、收到</p><table><tr><td>x</td></tr></table><p>五、存在的主要问题&mdash;&hellip;</p></body></html>";
        let l = lay_out(page);
        let ls = lines(&l);
        assert_eq!(ls[0], "某镇2023年政府信息公开工作年度报告");
        assert_eq!(ls[1], "统计期限自2023年1月1日起 至二");
        assert!(
            ls.contains(&"三、收到".to_string())
                && ls.contains(&"五、存在的主要问题—…".to_string())
        );
        assert!(!ls.iter().any(|t| t.contains("导航") || t.contains("no")));
        assert_eq!(l.title.as_deref(), Some("t"));
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

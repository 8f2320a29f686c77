/*!
Drawing a generated report: HTML pages (the report inside a whole page with navigation, scripts,
related links and a footer, or as a bare fragment) and the loose-text dialects that circulate
(pipe cells, cell-then-bar, Markdown, tab-separated, space-separated, glued crawler text). The
prose is our own filler; the labels come from the template data through the grid.
*/

use super::grid::{GCell, Table};
use crate::rng::Rng;

/// What a report says about itself.
#[derive(Debug, Clone)]
pub struct Doc {
    pub title: String,
    pub agency: String,
    pub year: u16,
    pub tables: Vec<Table>,
}

/// Loose-text dialects.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    Pipe,
    CellBar,
    Markdown,
    Tabs,
    Spaced,
    Glued,
}

const FILLER: &[&str] = &[
    "坚持以公开为常态、不公开为例外，持续推进决策、执行、管理、服务、结果公开",
    "围绕群众关切，及时发布政策文件及解读材料，做好政策咨询答复工作",
    "规范依申请公开办理流程，严格执行登记、审核、办理、答复、归档各环节要求",
    "加强政府网站和政务新媒体管理，定期开展内容检查，确保信息准确、更新及时",
    "落实保密审查制度，信息发布前严格履行审核程序，防止泄露国家秘密和个人隐私",
    "将政务公开工作纳入年度绩效考核，强化日常督促检查",
    "组织开展业务培训，提升工作人员的政策水平和业务能力",
    "部分工作人员对政务公开的认识有待提高，公开内容的深度和广度仍需加强",
];

pub(super) fn paragraph(rng: &mut Rng, sentences: usize) -> String {
    let mut s = String::new();
    for _ in 0..sentences {
        s.push_str(rng.pick::<&str>(FILLER));
        s.push('。');
    }
    s
}

/// The report's prose before, between and after the tables, as (heading, paragraph) pairs.
pub(super) fn prose(rng: &mut Rng, doc: &Doc) -> (Vec<String>, Vec<String>) {
    let intro = vec![format!(
        "本报告根据《中华人民共和国政府信息公开条例》要求编制。本报告中所列数据统计期限自{}年1月1日起至{}年12月31日止。",
        doc.year, doc.year
    )];
    let overall = vec![
        "一、总体情况".to_string(),
        format!("{}年，{}{}", doc.year, doc.agency, paragraph(rng, 3)),
    ];
    let mut before = intro;
    before.extend(overall);
    let after = vec![
        "五、存在的主要问题及改进情况".to_string(),
        paragraph(rng, 2),
        "六、其他需要报告的事项".to_string(),
        format!("{}年度，本机关未收取信息处理费。", doc.year),
    ];
    (before, after)
}

pub(super) fn html_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

fn html_cell(c: &GCell, rng: &mut Rng) -> String {
    let mut attrs = String::new();
    if c.colspan > 1 {
        attrs.push_str(&format!(" colspan=\"{}\"", c.colspan));
    }
    if c.rowspan > 1 {
        attrs.push_str(&format!(" rowspan=\"{}\"", c.rowspan));
    }
    let text = if c.text.is_empty() {
        "&nbsp;".to_string()
    } else if c.label
        && c.text.chars().count() >= 6
        && c.text.chars().count() <= 8
        && rng.chance(1, 3)
    {
        // Header cells broken by a line break, as editors leave them.
        let mid = c.text.char_indices().nth(3).map_or(0, |(i, _)| i);
        format!(
            "{}<br/>{}",
            html_escape(&c.text[..mid]),
            html_escape(&c.text[mid..])
        )
    } else {
        html_escape(&c.text)
    };
    format!("<td{attrs} style=\"text-align:center\"><p>{text}</p></td>")
}

pub fn html_table(t: &Table, rng: &mut Rng) -> String {
    let mut s = String::from(
        "<table border=\"1\" cellspacing=\"0\" cellpadding=\"0\" align=\"center\"><tbody>",
    );
    for row in &t.rows {
        s.push_str("<tr>");
        for c in row {
            s.push_str(&html_cell(c, rng));
        }
        s.push_str("</tr>\n");
    }
    s.push_str("</tbody></table>");
    s
}

/// The report body as HTML (headings, prose, tables), without the page around it.
pub fn html_body(doc: &Doc, rng: &mut Rng, nested: bool) -> String {
    let (before, after) = prose(rng, doc);
    let mut s = format!("<h1 class=\"title\">{}</h1>\n", html_escape(&doc.title));
    for p in &before {
        s.push_str(&format!("<p>{}</p>\n", html_escape(p)));
    }
    for t in &doc.tables {
        s.push_str(&format!("<p><strong>{}</strong></p>\n", t.heading));
        if nested {
            s.push_str("<table width=\"100%\"><tr><td>");
            s.push_str(&html_table(t, rng));
            s.push_str("</td></tr></table>\n");
        } else {
            s.push_str(&html_table(t, rng));
            s.push('\n');
        }
    }
    for p in &after {
        s.push_str(&format!("<p>{}</p>\n", html_escape(p)));
    }
    s
}

/// A whole page around `body`, padded with navigation, scripts and links to about `target`
/// bytes (0: no padding).
pub fn html_page(
    title: &str,
    body: &str,
    charset: Option<&str>,
    rng: &mut Rng,
    target: usize,
) -> String {
    let meta = match charset {
        Some(cs) if rng.chance(1, 2) => format!("<meta charset=\"{cs}\">"),
        Some(cs) => {
            format!("<meta http-equiv=\"Content-Type\" content=\"text/html; charset={cs}\">")
        }
        None => String::new(),
    };
    let mut head = format!(
        "<!DOCTYPE html>\n<html>\n<head>\n{meta}\n<title>{}_政府信息公开</title>\n",
        html_escape(title)
    );
    head.push_str("<style>body{font-family:SimSun;} .nav a{margin:0 8px;} td{border:1px solid #000;}</style>\n");
    let mut nav = String::from("<div class=\"nav\">");
    for item in [
        "首页",
        "政务公开",
        "政务服务",
        "互动交流",
        "走进本地",
        "专题专栏",
    ] {
        nav.push_str(&format!("<a href=\"/{}\">{item}</a>", rng.below(1000)));
    }
    nav.push_str("</div>\n<div class=\"crumb\">当前位置：<a href=\"/\">首页</a> &gt; <a href=\"/zwgk\">政务公开</a> &gt; 政府信息公开年报</div>\n");
    let mut footer = String::from("<div class=\"footer\"><p>主办单位：本级人民政府办公室 备案号：某ICP备00000000号</p></div>\n");
    // Page weight: scripts and related-link lists, as portal pages carry.
    let mut padding = String::new();
    let base = head.len() + nav.len() + body.len() + footer.len() + 64;
    let mut k = 0;
    while target > 0 && base + padding.len() < target {
        k += 1;
        if k % 3 == 0 {
            padding.push_str(&format!(
                "<script>var _cfg{k} = {{site: \"gov\", column: {}, items: [{}]}}; function track{k}(e) {{ if (e && e.target) {{ window._q = (window._q || []).concat([e.target.href]); }} }}</script>\n",
                rng.below(100000),
                (0..20).map(|i| (i * 37 + k) .to_string()).collect::<Vec<_>>().join(",")
            ));
        } else {
            padding.push_str("<ul class=\"related\">");
            for i in 0..12 {
                padding.push_str(&format!(
                    "<li><a href=\"/zwgk/{}/{}.html\">关于印发政务公开工作要点的通知（第{}号）</a><span>2023-0{}-1{}</span></li>",
                    k,
                    i,
                    rng.below(100),
                    1 + i % 9,
                    i % 10
                ));
            }
            padding.push_str("</ul>\n");
        }
    }
    head.push_str("<script src=\"/js/jquery.min.js\"></script>\n</head>\n<body>\n");
    // Cut between two padding elements (each ends its line), never inside a script.
    let mut third = padding.len() / 3;
    while !padding.is_char_boundary(third) {
        third -= 1;
    }
    let cut = padding[..third].rfind('\n').map_or(0, |i| i + 1);
    let (pad_top, pad_bottom) = padding.split_at(cut);
    footer.push_str("</body>\n</html>\n");
    format!("{head}{nav}{pad_top}<div class=\"article\">\n{body}</div>\n{pad_bottom}{footer}")
}

fn pipe_line(c: &GCell) -> String {
    let text = if c.text.is_empty() {
        String::new()
    } else {
        c.text.clone()
    };
    let extra = if c.colspan > 1 {
        format!(" {}", "|".repeat(c.colspan as usize - 1))
    } else {
        String::new()
    };
    if text.is_empty() {
        format!(" |{extra}")
    } else {
        format!("{text} |{extra}")
    }
}

/// A table in a loose-text dialect (everything but `Glued`, which has no lines).
fn text_table(t: &Table, dialect: Dialect) -> String {
    let mut s = String::new();
    for (i, row) in t.rows.iter().enumerate() {
        match dialect {
            Dialect::Pipe => {
                s.push_str("|\n");
                for c in row {
                    s.push_str(&pipe_line(c));
                    s.push('\n');
                }
            }
            Dialect::CellBar => {
                for c in row {
                    s.push_str(&c.text);
                    s.push_str("\n|\n");
                }
                s.push('\n');
            }
            Dialect::Markdown => {
                let cells: Vec<&str> = row.iter().map(|c| c.text.as_str()).collect();
                s.push_str(&format!("| {} |\n", cells.join(" | ")));
                if i == 0 {
                    s.push_str(&format!("|{}\n", "---|".repeat(row.len())));
                }
            }
            Dialect::Tabs => {
                let cells: Vec<&str> = row.iter().map(|c| c.text.as_str()).collect();
                s.push_str(&cells.join("\t"));
                s.push('\n');
            }
            Dialect::Spaced | Dialect::Glued => {
                let cells: Vec<&str> = row.iter().map(|c| c.text.as_str()).collect();
                s.push_str(&cells.join(" "));
                s.push('\n');
            }
        }
    }
    s
}

/// A report as loose text.
pub fn text_doc(doc: &Doc, dialect: Dialect, rng: &mut Rng) -> String {
    let (before, after) = prose(rng, doc);
    if dialect == Dialect::Glued {
        // A crawler's page.txt: a header block, then the whole body on one line, cells glued.
        let mut body = format!("{} ", doc.title);
        body.push_str(&before.join(""));
        for t in &doc.tables {
            body.push_str(t.heading);
            for row in &t.rows {
                for c in row {
                    body.push_str(&c.text);
                }
            }
            body.push(' ');
        }
        body.push_str(&after.join(""));
        return format!(
            "标题: {}\n发布时间: {}-02-{:02} 10:00\n文号: \n发布机构: \n栏目: 政府信息公开年报\n==================== 正文 ====================\n当前位置： 首页政务公开政府信息公开年报 {}\n",
            doc.title,
            doc.year + 1,
            1 + rng.below(27),
            body
        );
    }
    let mut s = format!("{}\n{}\n", doc.title, doc.agency);
    for p in &before {
        s.push_str(p);
        s.push('\n');
    }
    for t in &doc.tables {
        s.push_str(t.heading);
        s.push('\n');
        s.push_str(&text_table(t, dialect));
    }
    for p in &after {
        s.push_str(p);
        s.push('\n');
    }
    s
}

/// A page that is not a report: a listing of reports, a notice, or an image-only report.
pub fn non_report(kind: u8, agency: &str, year: u16, rng: &mut Rng) -> (String, String) {
    match kind {
        0 => {
            let mut body = String::from("<div class=\"list\"><h2>政府信息公开年报</h2><ul>");
            for y in (2015..=year).rev() {
                body.push_str(&format!(
                    "<li><a href=\"/nb/{y}.html\">{agency}{y}年政府信息公开工作年度报告</a><span>{}-01-2{}</span></li>",
                    y + 1,
                    rng.below(9)
                ));
            }
            body.push_str("</ul></div>");
            (format!("{agency}政府信息公开年报"), body)
        }
        1 => {
            let title = format!("关于做好{year}年政务公开工作的通知");
            let body = format!(
                "<h1>{title}</h1><p>各有关单位：</p><p>{}</p><p>{agency}办公室</p>",
                paragraph(rng, 4)
            );
            (title, body)
        }
        _ => {
            let title = format!("{agency}{year}年政府信息公开工作年度报告（图片版）");
            let body = format!(
                "<h1>{title}</h1><p><img src=\"/upload/{}.jpg\" alt=\"年报\"></p><p><img src=\"/upload/{}.jpg\"></p>",
                rng.below(1_000_000),
                rng.below(1_000_000)
            );
            (title, body)
        }
    }
}

/// A pre-2019 report: the old 统计表 (indicator, unit, this year, cumulative), or prose only.
pub fn legacy(agency: &str, year: u16, with_table: bool, rng: &mut Rng) -> String {
    let mut s = format!(
        "{agency}{year}年政府信息公开工作年度报告\n本报告中所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。\n一、概述\n{}\n二、主动公开政府信息情况\n{}\n",
        paragraph(rng, 3),
        paragraph(rng, 2)
    );
    if with_table {
        s.push_str("附：政府信息公开情况统计表\n指标名称\t计量单位\t本年累计\t历年累计\n");
        for (name, unit) in [
            ("主动公开政府信息数", "条"),
            ("受理政府信息公开申请总数", "件"),
            ("同意公开答复数", "件"),
            ("行政复议数", "件"),
        ] {
            let n = rng.below(500);
            s.push_str(&format!("{name}\t{unit}\t{n}\t{}\n", n + rng.below(3000)));
        }
    }
    s
}

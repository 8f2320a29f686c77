/*!
Report metadata from the text: the title as printed, the publishing body (agency) and the
reporting year — from the title, else from the statistics-period sentence; never from the
publication date, which falls in the following year.
*/

use crate::layout::{Block, Layout};
use regex::Regex;
use std::sync::LazyLock;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Meta {
    pub title: String,
    pub agency: String,
    pub year: Option<u16>,
}

static TITLE_PREFIX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(?:标\s*题|题\s*名|文章标题)\s*[:：]\s*").expect("static regex")
});
static TITLE_SPLIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<pre>.*?)\s*(?P<year>(?:19|20)\d{2})\s*年\s*度?\s*(?P<post>.*)(?:政\s*府\s*)?信\s*息\s*公\s*开")
        .expect("static regex")
});
static PERIOD_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"统\s*计\s*(?:期\s*限|时\s*限|期\s*间|时\s*间|时\s*段|范\s*围)[^。；]{0,16}?(?P<year>(?:19|20)\d{2})\s*年\s*(?:1|01|一)\s*月\s*(?:1|01|一)\s*日")
        .expect("static regex")
});

/// Reads title, agency and year from a laid-out document.
pub fn read_meta(layout: &Layout) -> Meta {
    let title = find_title(layout).unwrap_or_default();
    let (mut agency, mut year) = (String::new(), None);
    if let Some(caps) = TITLE_SPLIT.captures(&title) {
        year = caps["year"].parse::<u16>().ok();
        let pre = caps["pre"].trim();
        let post = caps["post"].trim();
        agency = if !pre.is_empty() {
            pre.to_string()
        } else {
            // `…人民政府信息公开` reads as the body `…人民政府`; `…办公厅政府信息公开` as `…办公厅`.
            match post.strip_suffix("政府") {
                Some(stripped) if !post.ends_with("人民政府") => stripped.trim().to_string(),
                _ => post.to_string(),
            }
        };
    }
    if year.is_none() {
        year = period_year(layout);
    }
    Meta {
        title,
        agency,
        year,
    }
}

/// The first line that reads as a report title: it holds 信息公开 and ends in 报告 within a
/// short span from the start of a line (after a crawler's `标题:` prefix).
fn find_title(layout: &Layout) -> Option<String> {
    let mut candidates: Vec<&str> = Vec::new();
    if let Some(t) = layout.title.as_deref() {
        candidates.push(t);
    }
    for block in layout.blocks.iter().take(400) {
        if let Block::Line(line) = block {
            candidates.push(line);
        }
    }
    candidates.into_iter().find_map(title_in_line)
}

fn title_in_line(line: &str) -> Option<String> {
    let line = TITLE_PREFIX
        .find(line)
        .map(|m| &line[m.end()..])
        .unwrap_or(line);
    let head: String = line.chars().take(90).collect();
    let end = head.find("报告")? + "报告".len();
    let cand = head[..end].trim();
    // Cut at the last sentence mark before the title words: `当前位置： 首页 … 报告`.
    let start = cand
        .rfind(['：', ':', '，', '。', '；', '>', '》', '|', '_'])
        .map(|i| i + cand[i..].chars().next().map_or(1, char::len_utf8))
        .unwrap_or(0);
    let cand = cand[start..].trim();
    let compact: String = cand.chars().filter(|c| !c.is_whitespace()).collect();
    if compact.contains("信息公开")
        && (compact.contains("年度报告")
            || compact.contains("年报")
            || compact.contains("工作报告"))
    {
        Some(collapse_spaces(cand))
    } else {
        None
    }
}

fn collapse_spaces(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn period_year(layout: &Layout) -> Option<u16> {
    for block in &layout.blocks {
        if let Block::Line(line) = block {
            if let Some(caps) = PERIOD_YEAR.captures(line) {
                return caps["year"].parse().ok();
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta_of(lines: &[&str]) -> Meta {
        read_meta(&Layout {
            blocks: lines.iter().map(|l| Block::Line(l.to_string())).collect(),
            title: None,
        })
    }

    #[test]
    fn agency_before_or_after_the_year() {
        let m = meta_of(&["重庆市开州区金峰镇人民政府 2025年政府信息公开工作年度报告"]);
        assert_eq!(
            (m.agency.as_str(), m.year),
            ("重庆市开州区金峰镇人民政府", Some(2025))
        );
        let m = meta_of(&["2019年上海市人民政府办公厅政府信息公开工作年度报告"]);
        assert_eq!(
            (m.agency.as_str(), m.year),
            ("上海市人民政府办公厅", Some(2019))
        );
        let m = meta_of(&["2020年某某县人民政府信息公开工作年度报告"]);
        assert_eq!(m.agency, "某某县人民政府");
        let m = meta_of(&["标题: 平潭综合实验区地方税务局2013年信息公开年度报告"]);
        assert_eq!(
            (m.agency.as_str(), m.year),
            ("平潭综合实验区地方税务局", Some(2013))
        );
    }

    #[test]
    fn year_from_the_statistics_period_not_the_publication_date() {
        let m = meta_of(&[
            "发布时间：2023-01-30",
            "本报告中所列数据统计期限自2022年1月1日起至2022年12月31日止。",
        ]);
        assert_eq!(m.year, Some(2022));
        assert_eq!(m.title, "");
    }
}

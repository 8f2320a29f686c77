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

/// Title and year printed after the name: `…信息公开工作年度报告（2022年）`, `…工作2022年度报告`.
static TITLE_YEAR_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<pre>.*?)(?P<gov>政\s*府\s*)?信\s*息\s*公\s*开.*?(?P<year>(?:19|20)\d{2})\s*(?:年|[）)\]】]|$)")
        .expect("static regex")
});
/// A year in Chinese numerals: `二〇二二年`, `二○二二年度`, `二零二二年`.
static CHINESE_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[一二][〇○零Ｏ一二三四五六七八九]{3}\s*年").expect("static regex")
});
/// A tag before the title: `【年报】`, `[年度报告]`, `〔公告〕`.
static TITLE_TAG: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:\s*(?:【[^】]{0,12}】|\[[^\]]{0,12}\]|〔[^〕]{0,12}〕))+\s*")
        .expect("static regex")
});

/// Reads title, agency and year from a laid-out document.
pub fn read_meta(layout: &Layout) -> Meta {
    let titles = title_candidates(layout);
    if is_listing(layout, &titles) {
        // A page of links to reports: its first link is no more its title than the others.
        return Meta::default();
    }
    let title = titles.into_iter().next().unwrap_or_default();
    let (mut agency, mut year) = agency_and_year(&title);
    if agency.is_empty() && !title.is_empty() {
        // A title broken over lines: `淮安市人民政府` / `2024 年政府信息公开工作年度报告`.
        agency = name_line_before(layout, &title).unwrap_or_default();
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

/// Endings of a body's name printed alone on the line above its title.
const BODY_ENDINGS: &[&str] = &[
    "政府",
    "办公厅",
    "办公室",
    "委员会",
    "管委会",
    "办事处",
    "局",
    "委",
    "厅",
    "院",
    "署",
    "中心",
    "街道",
    "镇",
    "乡",
    "区",
    "县",
    "市",
    "实验区",
];

/// The line just above the title's first line, when it reads as a body's name alone.
fn name_line_before(layout: &Layout, title: &str) -> Option<String> {
    let lines: Vec<&str> = layout
        .blocks
        .iter()
        .take(400)
        .filter_map(|b| match b {
            Block::Line(line) => Some(line.trim()),
            _ => None,
        })
        .collect();
    let at = lines.iter().position(|l| l.contains(title))?;
    let name = collapse_spaces(lines[at.checked_sub(1)?]);
    let plain = name.chars().count() <= 30
        && !name
            .chars()
            .any(|c| c.is_ascii_digit() || "。，,：:；;、《》“”\"".contains(c));
    (plain && BODY_ENDINGS.iter().any(|e| name.ends_with(e))).then(|| name.replace(' ', ""))
}

/// The publishing body and the reporting year a title names.
fn agency_and_year(title: &str) -> (String, Option<u16>) {
    let title = arabic_years(title);
    let title = TITLE_TAG
        .find(&title)
        .map_or(title.as_str(), |m| &title[m.end()..]);
    if let Some(caps) = TITLE_SPLIT.captures(title) {
        let year = caps["year"].parse::<u16>().ok();
        let pre = body_name(&caps["pre"]);
        let post = caps["post"].trim();
        let agency = if !pre.is_empty() {
            pre
        } else {
            // `…人民政府信息公开` reads as the body `…人民政府`; `…办公厅政府信息公开` as `…办公厅`.
            match post.strip_suffix("政府") {
                Some(stripped) if !post.ends_with("人民政府") => stripped.trim().to_string(),
                _ => post.to_string(),
            }
        };
        return (agency, year);
    }
    if let Some(caps) = TITLE_YEAR_AFTER.captures(title) {
        let year = caps["year"].parse::<u16>().ok();
        let mut agency = body_name(&caps["pre"]);
        // `某县人民政府信息公开…`: the 政府 before 信息公开 is the body's own.
        if agency.ends_with("人民") && caps.name("gov").is_some() {
            agency.push_str("政府");
        }
        return (agency, year);
    }
    (String::new(), None)
}

/// The body's name in the words of a title before its year: the report's body, not the words
/// that publish it (`关于印发《…`, `…办公室关于…`, `【年报】…`).
fn body_name(pre: &str) -> String {
    let mut name = pre.trim();
    // `关于印发《平潭综合实验区2022年…》的通知`: the name is inside the book-title marks.
    if let Some(i) = name.rfind(['《', '〈']) {
        name = &name[i + '《'.len_utf8()..];
    }
    if let Some(i) = name.rfind("关于") {
        let after = name[i + "关于".len()..].trim_start();
        let after = ["印发", "公布", "发布", "公开"]
            .iter()
            .find_map(|v| after.strip_prefix(v))
            .unwrap_or(after)
            .trim();
        // `…办公室关于2022年…报告`: no name after 关于, the issuer before it is the body.
        name = if after.is_empty() {
            name[..i].trim()
        } else {
            after
        };
    }
    let name = TITLE_TAG.find(name).map_or(name, |m| &name[m.end()..]);
    name.trim_end_matches(['《', '〈', ' ']).trim().to_string()
}

/// The title with years in Chinese numerals written in digits (`二〇二二年` → `2022年`).
fn arabic_years(title: &str) -> String {
    if !CHINESE_YEAR.is_match(title) {
        return title.to_string();
    }
    CHINESE_YEAR
        .replace_all(title, |caps: &regex::Captures| {
            caps[0]
                .chars()
                .map(|c| match c {
                    '〇' | '○' | '零' | 'Ｏ' => '0',
                    '一' => '1',
                    '二' => '2',
                    '三' => '3',
                    '四' => '4',
                    '五' => '5',
                    '六' => '6',
                    '七' => '7',
                    '八' => '8',
                    '九' => '9',
                    c => c,
                })
                .collect::<String>()
        })
        .into_owned()
}

/// A page listing reports: several report titles of different years, none of them the page's.
fn is_listing(layout: &Layout, titles: &[String]) -> bool {
    let page_title = layout.title.as_deref().and_then(title_in_line);
    if page_title.is_some() && titles.first() == page_title.as_ref() {
        return false;
    }
    let mut years: Vec<Option<u16>> = titles.iter().map(|t| agency_and_year(t).1).collect();
    years.sort_unstable();
    years.dedup();
    years.len() >= 3
}

/// The lines that read as report titles, in order (the page's `<title>` first), distinct: a
/// report title holds 信息公开 and ends in 报告 within a short span from the start of a line
/// (after a crawler's `标题:` prefix).
fn title_candidates(layout: &Layout) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let lines = layout.blocks.iter().take(400).filter_map(|b| match b {
        Block::Line(line) => Some(line.as_str()),
        _ => None,
    });
    for line in layout.title.as_deref().into_iter().chain(lines) {
        if let Some(t) = title_in_line(line) {
            if !out.contains(&t) {
                out.push(t);
            }
        }
    }
    out
}

fn title_in_line(line: &str) -> Option<String> {
    let line = TITLE_PREFIX
        .find(line)
        .map(|m| &line[m.end()..])
        .unwrap_or(line);
    let head: String = line.chars().take(90).collect();
    // The first 报告 that ends a title (`【年度报告】…报告` ends at the second).
    head.match_indices("报告").find_map(|(i, _)| {
        let end = i + "报告".len();
        title_ending_at(&head, end + year_note(&head[end..]))
    })
}

/// The length of a year in brackets after a title's 报告: `（2022年）`, `(二〇二二年度)`.
fn year_note(rest: &str) -> usize {
    let Some(open) = rest.chars().next().filter(|c| matches!(c, '（' | '(')) else {
        return 0;
    };
    let inner = &rest[open.len_utf8()..];
    match inner
        .char_indices()
        .take(12)
        .find(|&(_, c)| matches!(c, '）' | ')'))
    {
        Some((j, close))
            if inner[..j].contains('年') || inner[..j].bytes().any(|b| b.is_ascii_digit()) =>
        {
            open.len_utf8() + j + close.len_utf8()
        }
        _ => 0,
    }
}

fn title_ending_at(head: &str, end: usize) -> Option<String> {
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
            || compact.contains("工作报告")
            || compact.contains("度报告"))
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
    fn agency_is_the_body_not_the_words_that_publish_it() {
        for (title, agency, year) in [
            (
                "关于印发《平潭综合实验区2022年政府信息公开工作年度报告》的通知",
                "平潭综合实验区",
                2022,
            ),
            (
                "平潭综合实验区管委会办公室关于印发平潭综合实验区2021年度政府信息公开工作年度报告的通知",
                "平潭综合实验区",
                2021,
            ),
            (
                "【年报】平潭综合实验区2020年度政府信息公开工作年度报告",
                "平潭综合实验区",
                2020,
            ),
            (
                "[年度报告] 某某县财政局2023年政府信息公开工作年度报告",
                "某某县财政局",
                2023,
            ),
            (
                "平潭综合实验区管委会办公室关于平潭综合实验区2022年政府信息公开工作年度报告",
                "平潭综合实验区",
                2022,
            ),
            (
                "某某县人民政府办公室关于2022年政府信息公开工作年度报告的公告",
                "某某县人民政府办公室",
                2022,
            ),
            (
                "平潭综合实验区二〇二二年度政府信息公开工作年度报告",
                "平潭综合实验区",
                2022,
            ),
            (
                "二○二三年某某县人民政府信息公开工作年度报告",
                "某某县人民政府",
                2023,
            ),
            (
                "平潭综合实验区政府信息公开工作年度报告（2022年）",
                "平潭综合实验区",
                2022,
            ),
            (
                "某某县人民政府信息公开工作2021年度报告",
                "某某县人民政府",
                2021,
            ),
            (
                "某某县财政局政府信息公开工作年度报告（二〇二四年度）",
                "某某县财政局",
                2024,
            ),
        ] {
            let m = meta_of(&[title]);
            assert_eq!((m.agency.as_str(), m.year), (agency, Some(year)), "{title}");
            assert!(title.starts_with(&m.title) && m.title.contains("报告"), "{title}");
        }
    }

    #[test]
    fn a_title_broken_after_the_name() {
        let m = meta_of(&[
            "淮安市人民政府",
            "2024 年政府信息公开工作年度报告",
            "本报告…",
        ]);
        assert_eq!((m.agency.as_str(), m.year), ("淮安市人民政府", Some(2024)));
        let m = meta_of(&["发布时间：2025年1月", "2024 年政府信息公开工作年度报告"]);
        assert_eq!((m.agency.as_str(), m.year), ("", Some(2024)));
    }

    #[test]
    fn a_listing_takes_no_title_from_its_links() {
        let links: Vec<String> = (2019..=2024)
            .rev()
            .map(|y| {
                format!(
                    "某某县人民政府{y}年政府信息公开工作年度报告 {}-01-20",
                    y + 1
                )
            })
            .collect();
        let mut lines = vec!["政府信息公开年报"];
        lines.extend(links.iter().map(String::as_str));
        let m = meta_of(&lines);
        assert_eq!(m, Meta::default());
        // A report whose page links to its other years keeps its own title.
        let m = read_meta(&Layout {
            blocks: lines.iter().map(|l| Block::Line(l.to_string())).collect(),
            title: Some("某某县人民政府2023年政府信息公开工作年度报告".into()),
        });
        assert_eq!((m.agency.as_str(), m.year), ("某某县人民政府", Some(2023)));
        // Two reports' titles on one page are no listing.
        let m = meta_of(&[&links[0], &links[1]]);
        assert_eq!(m.year, Some(2024));
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

/*!
Agency identity: one canonical `agency_key` per report, so that the same body under several
spellings, and a town reported on its county's platform, is one agency of the panel.

Evidence, strongest first: the page's `SiteIDCode` (its first six digits are the region code of
the site; `bm…` codes are State Council departments), then the agency name as printed, normalized
(width variants, `关于印发《…》的通知`, brackets, the report's own title words) and read as a chain
of places of the 统计用区划代码 table followed by a body (`人民政府`, `政府`, `办事处`, a
department). A name that reads as several places equally well is left unplaced (`match` = `none`)
with the candidates in a warning — never a silent guess.
*/

use super::regions::{regions, Level, Regions};
use crate::model::{Extraction, Status, Warning, WarningCode};

/// How the region of an agency was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Match {
    /// From the page's `SiteIDCode`, with the name read inside that region.
    SiteCode,
    /// Every place of the name is a full name of the table (or an alias).
    NameExact,
    /// A short form (`开州` for `开州区`), or a place below the last one matched that the table
    /// does not list (the key keeps it).
    NameFuzzy,
    /// No region, or several equally good ones.
    None,
}

impl Match {
    pub fn as_str(self) -> &'static str {
        match self {
            Match::SiteCode => "site_code",
            Match::NameExact => "name_exact",
            Match::NameFuzzy => "name_fuzzy",
            Match::None => "none",
        }
    }
}

/// What kind of body publishes the report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    /// The government of a place (`人民政府`, `政府`, or the place's name alone).
    Government,
    /// A street office (`街道办事处`, `办事处`).
    StreetOffice,
    /// The administrative committee of a zone (`管委会`, `管理委员会`).
    Committee,
    /// A department of a government (`财政局`, `人民政府办公厅`, a State Council ministry).
    Department,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Government => "government",
            Kind::StreetOffice => "street_office",
            Kind::Committee => "committee",
            Kind::Department => "department",
        }
    }
}

/// The body forms that close a place's own name, longest first. Kept as data: the form decides
/// the kind, and a key never depends on which form a report printed.
const BODY_FORMS: &[(&str, Kind)] = &[
    ("街道办事处", Kind::StreetOffice),
    ("管理委员会", Kind::Committee),
    ("人民政府", Kind::Government),
    ("办事处", Kind::StreetOffice),
    ("管委会", Kind::Committee),
    ("政府", Kind::Government),
];

/// Last characters of a place name, to tell a place the table does not list (`某某镇`) from a
/// department.
const PLACE_ENDINGS: &[char] = &['省', '市', '区', '县', '旗', '州', '盟', '镇', '乡', '道'];

/// The identity of one report's agency.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Identity {
    /// `500154103` (a place's own government or street office), `310000/人民政府办公厅` (a
    /// department), `cn/教育部` (a State Council department), `name/…` (no region found: the
    /// normalized name), or empty when the report names no agency.
    pub agency_key: String,
    pub region_code: String,
    /// `province`, `prefecture`, `county`, `town`, `national`, or empty.
    pub region_level: &'static str,
    pub agency_kind: &'static str,
    pub matched: Match,
    pub warnings: Vec<Warning>,
}

impl Identity {
    fn empty() -> Self {
        Identity {
            agency_key: String::new(),
            region_code: String::new(),
            region_level: "",
            agency_kind: "",
            matched: Match::None,
            warnings: Vec::new(),
        }
    }
}

/// Folds full-width ASCII to half-width and drops whitespace and invisible marks.
fn fold_width(text: &str) -> String {
    text.chars()
        .filter_map(|c| match c {
            '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0),
            '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{feff}' => None,
            c if c.is_whitespace() => None,
            c => Some(c),
        })
        .collect()
}

/// Removes bracketed asides (`(…)`, `【…】`, `〔…〕`, `[…]`); an unclosed bracket runs to the end.
fn strip_brackets(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut depth = 0usize;
    for c in text.chars() {
        match c {
            '(' | '【' | '〔' | '[' | '〈' | '<' => depth += 1,
            ')' | '】' | '〕' | ']' | '〉' | '>' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

/// Removes a year (`2024年度`, `2024年`) and everything from the report's title words on.
fn strip_report_words(text: &str) -> String {
    let mut s = text.to_string();
    // The title words: the body's name ends where they begin.
    for marker in ["信息公开", "政务公开", "年度报告", "工作报告", "年报"] {
        if let Some(i) = s.find(marker) {
            s.truncate(i);
        }
    }
    // The cut leaves the `政府` of `政府信息公开` behind, except in `某县政府`, `…人民政府`.
    if let Some(stem) = s.strip_suffix("政府") {
        if !stem.ends_with("人民") && !stem.ends_with(PLACE_ENDINGS) {
            s = stem.to_string();
        }
    }
    // A year, wherever it stands: `2019年上海市…`, `…实验区2024年度`.
    let bytes = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < s.len() {
        let is_year = i + 4 <= s.len()
            && bytes[i..i + 4].iter().all(u8::is_ascii_digit)
            && (bytes[i] == b'1' || bytes[i] == b'2')
            && s[i + 4..].starts_with('年');
        if is_year {
            i += 4 + '年'.len_utf8();
            if s[i..].starts_with('度') {
                i += '度'.len_utf8();
            }
            continue;
        }
        let c = s[i..].chars().next().unwrap_or(' ');
        out.push(c);
        i += c.len_utf8();
    }
    out
}

/// The agency name as the key reads it: width-folded, unwrapped from `关于印发《…》的通知`,
/// without brackets, years, title words or edge punctuation.
pub fn normalize_name(raw: &str) -> String {
    let mut s = fold_width(raw);
    // `关于印发《…》的通知`: the body is inside the title quotes (possibly never closed).
    if let Some(open) = s.find('《') {
        let inner = &s[open + '《'.len_utf8()..];
        let inner = inner.split('》').next().unwrap_or(inner);
        s = if open == 0 || s[..open].starts_with("关于") {
            inner.to_string()
        } else {
            s[..open].to_string()
        };
    }
    for prefix in ["关于印发", "关于公布", "关于发布", "关于"] {
        if let Some(rest) = s.strip_prefix(prefix) {
            s = rest.to_string();
            break;
        }
    }
    if let Some(rest) = s.strip_suffix("的通知") {
        s = rest.to_string();
    }
    let s = strip_report_words(&strip_brackets(&s));
    s.trim_matches(|c: char| {
        c.is_ascii_punctuation() || "：，。、；“”‘’—－·…".contains(c) || c.is_whitespace()
    })
    .to_string()
}

/// A name read as places then a body.
#[derive(Debug, Clone)]
struct Parse {
    chain: Vec<usize>,
    shorts: usize,
    /// Bytes of the name covered by places.
    covered: usize,
}

/// What a parse says about the agency.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Reading {
    /// The innermost region, if any.
    region: Option<usize>,
    kind: Kind,
    /// What follows the region in the key: a department, or a place the table does not list.
    rest: String,
    fuzzy: bool,
}

/// The body after the places: its kind and what the key keeps of it (`None`: not a body).
fn read_body(body: &str, last: Option<&'static str>) -> Option<(Kind, String, bool)> {
    if body.is_empty() {
        let name = last?;
        let kind = if name.ends_with("街道") || name.ends_with("办事处") {
            Kind::StreetOffice
        } else {
            Kind::Government
        };
        return Some((kind, String::new(), false));
    }
    for (form, kind) in BODY_FORMS {
        if let Some(place) = body.strip_suffix(form) {
            if place.is_empty() {
                return Some((*kind, String::new(), false));
            }
            // A place below the region that the table does not list: `某某镇人民政府`.
            if place.chars().count() >= 2 && place.ends_with(PLACE_ENDINGS) {
                return Some((*kind, place.to_string(), true));
            }
            // No department is called `…人民政府`: the places were cut in the wrong place.
            if *kind == Kind::Government {
                return None;
            }
        }
    }
    if body.chars().count() < 2 {
        return None;
    }
    if body.ends_with(PLACE_ENDINGS) && last.is_some() {
        // A bare place name the table does not list, read as that place's government.
        return Some((Kind::Government, body.to_string(), true));
    }
    // `政府办公室` is the same department as `人民政府办公室`.
    let dept = match body.strip_prefix("政府") {
        Some(rest) => format!("人民政府{rest}"),
        None => body.to_string(),
    };
    Some((Kind::Department, dept, false))
}

/// Bounds the search over readings of one name; real names have a handful.
const MAX_STEPS: usize = 20_000;

/// Every way to read `name` as a chain of places, each inside the previous one; `site` (a region)
/// constrains every place to lie on the path to it or inside it.
fn parses(r: &Regions, name: &str, site: Option<usize>) -> Vec<Parse> {
    let mut out = Vec::new();
    let mut steps = 0usize;
    let mut stack = vec![Parse {
        chain: Vec::new(),
        shorts: 0,
        covered: 0,
    }];
    while let Some(p) = stack.pop() {
        steps += 1;
        if steps > MAX_STEPS {
            break;
        }
        let last = p.chain.last().copied();
        let rest = &name[p.covered..];
        out.push(p.clone());
        // `人民政府…` is the body, whatever town name (`人民街道`) it starts like.
        if rest.starts_with("人民政府") || rest.starts_with("政府") {
            continue;
        }
        for (len, hits) in r.names_at(rest) {
            for hit in hits {
                let i = hit.region;
                // A short form names the level right below the last place only: skipping
                // levels with a two-character stem finds towns in department names.
                let short_ok = !hit.short || last.is_none_or(|l| r.ancestors(i).last() == Some(&l));
                let inside_last = short_ok && last.is_none_or(|l| r.contains(l, i));
                let on_site = site.is_none_or(|s| s == i || r.contains(s, i) || r.contains(i, s));
                // A short first place only for provinces and prefectures: short town and county
                // names are too common to anchor a name on.
                let anchor_ok = last.is_some()
                    || site.is_some()
                    || !hit.short
                    || r.region(i).level <= Level::Prefecture;
                if inside_last && on_site && anchor_ok {
                    let mut next = p.clone();
                    next.chain.push(i);
                    next.shorts += usize::from(hit.short);
                    next.covered += len;
                    stack.push(next);
                }
            }
        }
    }
    out
}

fn reading(r: &Regions, name: &str, p: &Parse, site: Option<usize>) -> Option<Reading> {
    let last = p.chain.last().copied();
    let (kind, rest, unlisted) = read_body(&name[p.covered..], last.map(|i| r.region(i).name))?;
    // On a site, a name without places is a body of the site's region.
    let region = last.or(site);
    region?;
    Some(Reading {
        region,
        kind,
        rest,
        fuzzy: unlisted || p.shorts > 0,
    })
}

/// The best readings of a name: most of the name covered by places, fewest short forms; several
/// only when they tie and disagree.
fn best(r: &Regions, name: &str, site: Option<usize>) -> (usize, Vec<Reading>) {
    let mut scored: Vec<((usize, usize), Reading)> = parses(r, name, site)
        .iter()
        .filter_map(|p| {
            reading(r, name, p, site).map(|rd| ((p.covered, usize::MAX - p.shorts), rd))
        })
        .collect();
    let Some(top) = scored.iter().map(|(s, _)| *s).max() else {
        return (0, Vec::new());
    };
    scored.retain(|(s, _)| *s == top);
    let mut readings: Vec<Reading> = Vec::new();
    for (_, rd) in scored {
        if !readings.contains(&rd) {
            readings.push(rd);
        }
    }
    (top.0, readings)
}

fn describe(r: &Regions, readings: &[Reading]) -> String {
    let mut names: Vec<String> = readings
        .iter()
        .filter_map(|rd| rd.region)
        .map(|i| format!("{} {}", r.region(i).code, r.path_name(i)))
        .collect();
    names.sort();
    names.dedup();
    let more = names.len().saturating_sub(8);
    names.truncate(8);
    let mut text = names.join("; ");
    if more > 0 {
        text.push_str(&format!("; and {more} more"));
    }
    text
}

/// The key of a name no region was found for: the normalized name without its body form.
fn name_key(name: &str) -> (String, Kind) {
    for (form, kind) in BODY_FORMS {
        if let Some(place) = name.strip_suffix(form) {
            if !place.is_empty() {
                return (format!("name/{place}"), *kind);
            }
        }
    }
    let kind = if name.ends_with(PLACE_ENDINGS) {
        Kind::Government
    } else {
        Kind::Department
    };
    (format!("name/{name}"), kind)
}

fn placed(r: &Regions, rd: &Reading, matched: Match) -> Identity {
    let mut id = Identity::empty();
    if let Some(i) = rd.region {
        let region = r.region(i);
        id.region_code = region.code.clone();
        id.region_level = region.level.as_str();
        id.agency_key = if rd.rest.is_empty() {
            region.code.clone()
        } else {
            format!("{}/{}", region.code, rd.rest)
        };
    }
    id.agency_kind = rd.kind.as_str();
    id.matched = matched;
    id
}

fn unplaced(name: &str) -> Identity {
    let mut id = Identity::empty();
    if name.is_empty() {
        return id;
    }
    let (key, kind) = name_key(name);
    id.agency_key = key;
    id.agency_kind = kind.as_str();
    id
}

/// A site code as printed, when it has the form of one: ten digits, or `bm` and eight digits.
fn valid_site_code(code: &str) -> bool {
    let digits = |s: &str| s.len() == 8 && s.bytes().all(|b| b.is_ascii_digit());
    (code.len() == 10 && code.bytes().all(|b| b.is_ascii_digit()))
        || code.strip_prefix("bm").is_some_and(digits)
}

/// The identity of an extracted report's agency; none for documents that are not reports (a
/// listing page's title names no publishing body) or could not be read.
pub fn identify_report(ex: &Extraction) -> Identity {
    match ex.status {
        Status::NotAReport | Status::Error => Identity::empty(),
        _ => identify(&ex.agency, &ex.title, &ex.site_code),
    }
}

/// The identity of a report's agency from what the report printed: its agency name (`agency`;
/// the title when that is empty) and its page's `SiteIDCode` (empty when it has none).
pub fn identify(agency: &str, title: &str, site_code: &str) -> Identity {
    let r = regions();
    let mut name = normalize_name(agency);
    if name.is_empty() {
        name = normalize_name(title);
    }
    let mut warnings = Vec::new();
    let site_code = site_code.trim();
    let mut site = None;
    if !site_code.is_empty() {
        if !valid_site_code(site_code) {
            warnings.push(Warning::new(
                WarningCode::SiteCodeInvalid,
                format!("SiteIDCode {site_code:?} is not ten digits or bm and eight digits"),
            ));
        } else if site_code.starts_with("bm") {
            // A State Council department: national, named by its name.
            let mut id = Identity::empty();
            id.agency_key = if name.is_empty() {
                format!("cn/{site_code}")
            } else {
                format!("cn/{name}")
            };
            id.region_level = "national";
            id.agency_kind = Kind::Department.as_str();
            id.matched = Match::SiteCode;
            return id;
        } else {
            site = r.by_site_prefix(&site_code[..6]);
            if site.is_none() {
                warnings.push(Warning::new(
                    WarningCode::SiteCodeUnknown,
                    format!(
                        "SiteIDCode {site_code}: {} is not a region of the table",
                        &site_code[..6]
                    ),
                ));
            }
        }
    }
    if name.is_empty() {
        let mut id = Identity::empty();
        id.warnings = warnings;
        return id;
    }
    let (covered_free, free) = best(r, &name, None);
    let mut id = match site {
        Some(s) => {
            let (covered_site, on_site) = best(r, &name, Some(s));
            match on_site.as_slice() {
                [one] if covered_site >= covered_free => placed(r, one, Match::SiteCode),
                [] | [_] => {
                    // The name names a place away from the site.
                    warnings.push(Warning::new(
                        WarningCode::AgencySiteConflict,
                        format!(
                            "{name}: the SiteIDCode {site_code} names {} {}, the name reads as {}",
                            r.region(s).code,
                            r.path_name(s),
                            if free.is_empty() {
                                "no region".to_string()
                            } else {
                                describe(r, &free)
                            }
                        ),
                    ));
                    unplaced(&name)
                }
                many => {
                    warnings.push(Warning::new(
                        WarningCode::AgencyAmbiguous,
                        format!("{name}: names {} equally well", describe(r, many)),
                    ));
                    unplaced(&name)
                }
            }
        }
        None => match free.as_slice() {
            [] => {
                warnings.push(Warning::new(
                    WarningCode::AgencyUnplaced,
                    format!("{name}: no region of the table found in the name"),
                ));
                unplaced(&name)
            }
            [one] => {
                let m = if one.fuzzy {
                    Match::NameFuzzy
                } else {
                    Match::NameExact
                };
                placed(r, one, m)
            }
            many => {
                warnings.push(Warning::new(
                    WarningCode::AgencyAmbiguous,
                    format!("{name}: names {} equally well", describe(r, many)),
                ));
                unplaced(&name)
            }
        },
    };
    id.warnings = warnings;
    id
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(agency: &str, site: &str) -> (String, &'static str, &'static str) {
        let id = identify(agency, "", site);
        (id.agency_key, id.agency_kind, id.matched.as_str())
    }

    #[test]
    fn names_are_normalized() {
        for (raw, want) in [
            (
                "关于印发《重庆市开州区金峰镇人民政府2025年政府信息公开工作年度报告》的通知",
                "重庆市开州区金峰镇人民政府",
            ),
            ("关于印发《平潭综合实验区", "平潭综合实验区"),
            (
                "上海市人民政府办公厅（市政府办公厅）",
                "上海市人民政府办公厅",
            ),
            ("２０１９年上海市人民政府办公厅", "上海市人民政府办公厅"),
            (
                "平潭综合实验区2024年度政府信息公开工作年度报告",
                "平潭综合实验区",
            ),
            ("某某县人民政府信息公开工作年度报告", "某某县人民政府"),
            (" 开州区 金峰镇政府 ", "开州区金峰镇政府"),
            ("【转载】福州市财政局：", "福州市财政局"),
        ] {
            assert_eq!(normalize_name(raw), want, "{raw}");
        }
    }

    #[test]
    fn one_body_under_many_spellings() {
        let want = ("500154103".to_string(), "government", "name_exact");
        for spelling in [
            "重庆市开州区金峰镇人民政府",
            "重庆市开州区金峰镇政府",
            "开州区金峰镇人民政府",
            "重庆市金峰镇人民政府",
            "重庆市开州区金峰镇",
        ] {
            assert_eq!(key(spelling, ""), want, "{spelling}");
        }
        assert_eq!(
            key("重庆开州金峰镇人民政府", ""),
            ("500154103".to_string(), "government", "name_fuzzy")
        );
        // On the county's site a town's bare name is enough.
        assert_eq!(
            key("金峰镇人民政府", "5001540001"),
            ("500154103".to_string(), "government", "site_code")
        );
    }

    #[test]
    fn ambiguous_names_stay_unplaced_with_candidates() {
        let id = identify("金峰镇人民政府", "", "");
        assert_eq!(id.matched, Match::None);
        assert_eq!(id.agency_key, "name/金峰镇");
        assert_eq!(id.region_code, "");
        let w = &id.warnings[0];
        assert_eq!(w.code, WarningCode::AgencyAmbiguous);
        assert!(w.detail.contains("500154103") && w.detail.contains("350112111"));
        let id = identify("朝阳区人民政府", "", "");
        assert_eq!(id.matched, Match::None);
        assert!(id.warnings[0].detail.contains("110105"));
    }

    #[test]
    fn departments_offices_and_aliases() {
        assert_eq!(
            key("上海市人民政府办公厅", ""),
            (
                "310000/人民政府办公厅".to_string(),
                "department",
                "name_exact"
            )
        );
        assert_eq!(key("上海市政府办公厅", "").0, "310000/人民政府办公厅");
        assert_eq!(
            key("荆州市公安局", ""),
            ("421000/公安局".to_string(), "department", "name_exact")
        );
        assert_eq!(
            key("平潭综合实验区", ""),
            ("350128".to_string(), "government", "name_exact")
        );
        assert_eq!(
            key("平潭综合实验区", "3590000001"),
            ("350128".to_string(), "government", "site_code")
        );
        assert_eq!(key("平潭综合实验区地方税务局", "").0, "350128/地方税务局");
        let id = identify("北京市东城区东华门街道办事处", "", "");
        assert_eq!(
            (id.agency_key.as_str(), id.agency_kind, id.region_level),
            ("110101001", "street_office", "town")
        );
        assert_eq!(
            key("教育部", "bm05000001"),
            ("cn/教育部".to_string(), "department", "site_code")
        );
    }

    #[test]
    fn short_forms_do_not_cut_into_other_names() {
        // 开州区 has a 竹溪镇; `竹溪乡` is another place, not `竹溪` + `乡人民政府`.
        assert_eq!(key("重庆市开州区竹溪乡人民政府", "").0, "500154/竹溪乡");
        // `江苏` + `镇江市`: a short form may be followed by a name that starts like a level word.
        assert_eq!(
            key("江苏镇江市丹阳市市场监督管理局", "").0,
            "321181/市场监督管理局"
        );
        // 越秀区 has a 人民街道; the body is `人民政府办公厅`.
        assert_eq!(key("广东省人民政府办公厅", "").0, "440000/人民政府办公厅");
        assert_eq!(key("某某县驻京办事处", "").0, "name/某某县驻京");
    }

    #[test]
    fn places_the_table_does_not_list_are_kept_in_the_key() {
        let id = identify("河南省信阳市光山县长沙镇人民政府", "", "");
        assert_eq!(id.agency_key, "411522/长沙镇");
        assert_eq!(id.region_level, "county");
        assert_eq!(id.matched, Match::NameFuzzy);
        assert_eq!(key("某某单位", "").0, "name/某某单位");
        assert_eq!(key("", "").0, "");
    }

    #[test]
    fn a_name_away_from_its_site_is_not_guessed() {
        let id = identify("四川省绵阳市涪城区财政局", "", "5001540001");
        assert_eq!(id.matched, Match::None);
        assert_eq!(id.warnings[0].code, WarningCode::AgencySiteConflict);
        let id = identify("某某", "", "9999990001");
        assert_eq!(id.warnings[0].code, WarningCode::SiteCodeUnknown);
    }
}

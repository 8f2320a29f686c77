/*!
Synthetic panels with known truth (`ogi synth --profile panel`): agencies drawn from the region
table, each publishing a chain of consecutive years under changing spellings of its name (full
path, without the province, the province's short form, `政府` for `人民政府`, width variants,
brackets, a `关于印发《…》的通知` title, a bare name on the page of a site whose `SiteIDCode`
says where it is), with what one year carries into the next (carried-over requests, regulations
in force) chained — or broken on purpose — and some agency-years published twice.

The truth (`truth_panel.csv`: each document's agency key, region, kind, and the expected outcome
of the cross-year checks X1 and X2) comes from the generator's own choices; a spelling is used
only when the table shows it names one place (its uniqueness is counted here over the table's
full names, not with the matcher under test).
*/

use super::grid;
use super::render::{self, Dialect, Doc};
use super::values::{self, Scale, Values};
use crate::model::{CellKey, TableId};
use crate::panel::cross_year::x2_applies;
use crate::panel::regions::{regions, Level, Regions};
use crate::rng::Rng;
use crate::run::output::CsvWriter;
use crate::template::{self, Template};
use std::collections::HashMap;
use std::io::Write;
use std::path::Path;

const DEPARTMENTS: &[&str] = &[
    "财政局",
    "教育局",
    "生态环境局",
    "市场监督管理局",
    "卫生健康委员会",
    "人民政府办公室",
];

/// Who publishes: a region's government (or street office), or one of its departments.
#[derive(Debug, Clone)]
struct Agency {
    region: usize,
    department: Option<&'static str>,
}

impl Agency {
    fn key(&self, r: &Regions) -> String {
        let code = &r.region(self.region).code;
        match self.department {
            Some(d) => format!("{code}/{d}"),
            None => code.clone(),
        }
    }

    fn kind(&self, r: &Regions) -> &'static str {
        let name = r.region(self.region).name;
        match self.department {
            Some(_) => "department",
            None if name.ends_with("街道") || name.ends_with("办事处") => "street_office",
            None => "government",
        }
    }

    /// The body after the place names, as this spelling prints it.
    fn body(&self, r: &Regions, short_gov: bool) -> &'static str {
        match self.department {
            Some(d) => d,
            None if self.kind(r) == "street_office" => {
                if r.region(self.region).name.ends_with("办事处") {
                    ""
                } else {
                    "办事处"
                }
            }
            None if short_gov => "政府",
            None => "人民政府",
        }
    }
}

/// How many regions share each path spelling, for the uniqueness of spellings.
struct Spellings {
    full: HashMap<String, usize>,
    no_province: HashMap<String, usize>,
    /// (county code, town name) → towns of that name in that county.
    in_county: HashMap<(String, &'static str), usize>,
}

fn path_without_province(r: &Regions, i: usize) -> String {
    let mut out = String::new();
    for a in r.ancestors(i) {
        if r.region(a).level != Level::Province {
            out.push_str(r.region(a).name);
        }
    }
    out.push_str(r.region(i).name);
    out
}

fn county_of(r: &Regions, i: usize) -> String {
    r.region(i).code[..6].to_string()
}

impl Spellings {
    fn count(r: &Regions) -> Spellings {
        let mut s = Spellings {
            full: HashMap::new(),
            no_province: HashMap::new(),
            in_county: HashMap::new(),
        };
        for i in 0..r.len() {
            *s.full.entry(r.path_name(i)).or_default() += 1;
            *s.no_province
                .entry(path_without_province(r, i))
                .or_default() += 1;
            if r.region(i).level == Level::Town {
                *s.in_county
                    .entry((county_of(r, i), r.region(i).name))
                    .or_default() += 1;
            }
        }
        s
    }
}

/// One spelling of an agency's name, and the `SiteIDCode` of the page it is published on.
fn spell(
    r: &Regions,
    s: &Spellings,
    agency: &Agency,
    rng: &mut Rng,
) -> Option<(String, Option<String>)> {
    let region = r.region(agency.region);
    let full = r.path_name(agency.region);
    if s.full.get(&full) != Some(&1) {
        return None;
    }
    let short_gov = rng.chance(1, 3);
    let body = agency.body(r, short_gov);
    let province = r.ancestors(agency.region).first().copied();
    let choice = rng.below(8);
    let name = match choice {
        // Without the province, when that still names one place.
        1 if province.is_some()
            && s.no_province.get(&path_without_province(r, agency.region)) == Some(&1) =>
        {
            format!("{}{body}", path_without_province(r, agency.region))
        }
        // The province's short form: `重庆开州区…`.
        2 if province.is_some() => {
            let p = province.map_or("", |p| r.region(p).name);
            let short = [
                "壮族自治区",
                "回族自治区",
                "维吾尔自治区",
                "自治区",
                "省",
                "市",
            ]
            .iter()
            .find_map(|suf| p.strip_suffix(suf))
            .filter(|stem| stem.chars().count() >= 2)
            .unwrap_or(p);
            format!("{short}{}{body}", &full[p.len()..])
        }
        // Ideographic spaces between the places.
        3 => {
            let mut parts: Vec<&str> = r
                .ancestors(agency.region)
                .iter()
                .map(|&a| r.region(a).name)
                .collect();
            parts.push(region.name);
            format!("{}{body}", parts.join("\u{3000}"))
        }
        // An aside in brackets, full- or half-width.
        4 => {
            let aside = *rng.pick(&["（本级）", "(本级)", "【公开】"]);
            format!("{full}{body}{aside}")
        }
        // A bare name on the site of the region around it.
        5 | 6 => {
            let (site, bare) = match region.level {
                Level::Town => {
                    let unique =
                        s.in_county.get(&(county_of(r, agency.region), region.name)) == Some(&1);
                    if !unique {
                        return Some((format!("{full}{body}"), None));
                    }
                    (
                        county_of(r, agency.region),
                        format!("{}{body}", region.name),
                    )
                }
                _ if agency.department.is_some() => (region.code.clone(), body.to_string()),
                _ => (region.code.clone(), format!("{}{body}", region.name)),
            };
            return Some((bare, Some(format!("{site}0001"))));
        }
        _ => format!("{full}{body}"),
    };
    Some((name, None))
}

fn pick_agency(r: &Regions, s: &Spellings, rng: &mut Rng) -> Agency {
    let by_level =
        |l: Level| -> Vec<usize> { (0..r.len()).filter(|&i| r.region(i).level == l).collect() };
    loop {
        let level = match rng.below(10) {
            0..=3 => Level::Town,
            4..=6 => Level::County,
            7..=8 => Level::Prefecture,
            _ => Level::Province,
        };
        let candidates = by_level(level);
        let i = *rng.pick(&candidates);
        if s.full.get(&r.path_name(i)) != Some(&1) {
            continue;
        }
        let department = (level != Level::Town && rng.chance(2, 5)).then(|| *rng.pick(DEPARTMENTS));
        return Agency {
            region: i,
            department,
        };
    }
}

fn key(table: TableId, row: &'static str, col: &'static str) -> CellKey {
    CellKey { table, row, col }
}

fn set(v: &mut Values, k: CellKey, n: i64) {
    v.cells.insert(
        k,
        values::Printed {
            text: n.to_string(),
            truth: Some(n.to_string()),
        },
    );
}

fn get(v: &Values, k: CellKey) -> i64 {
    v.get(&k).truth.and_then(|t| t.parse().ok()).unwrap_or(0)
}

/// Chains `this` to the year before: carried-over requests are last year's carry-forward (plus
/// one on `natural_person` when `break_x1`); with `x2`, regulations in force follow from last year's
/// stock.
/// Section 三 stays consistent with its own identities.
fn chain(prev: &Values, this: &mut Values, t: &Template, x2: bool, break_x1: bool) {
    let cols = t.table_cols(TableId::S3);
    for col in cols.iter().copied().filter(|c| *c != "total") {
        let mut carried = get(prev, key(TableId::S3, "carry_forward", col));
        if break_x1 && col == "natural_person" {
            carried += 1;
        }
        let total = get(this, key(TableId::S3, "result.total", col));
        let mut forward = get(this, key(TableId::S3, "carry_forward", col));
        let mut new = total + forward - carried;
        if new < 0 {
            forward -= new;
            new = 0;
        }
        set(this, key(TableId::S3, "carried_over", col), carried);
        set(this, key(TableId::S3, "carry_forward", col), forward);
        set(this, key(TableId::S3, "new_received", col), new);
    }
    for row in ["carried_over", "carry_forward", "new_received"] {
        let sum = cols
            .iter()
            .filter(|c| **c != "total")
            .map(|c| get(this, key(TableId::S3, row, c)))
            .sum();
        set(this, key(TableId::S3, row, "total"), sum);
    }
    if x2 {
        for row in ["regulations", "normative_docs"] {
            let before = get(prev, key(TableId::S2, row, "in_force"));
            let issued = get(this, key(TableId::S2, row, "issued"));
            let mut repealed = get(this, key(TableId::S2, row, "repealed"));
            if before + issued - repealed < 0 {
                repealed = before + issued;
                set(this, key(TableId::S2, row, "repealed"), repealed);
            }
            set(
                this,
                key(TableId::S2, row, "in_force"),
                before + issued - repealed,
            );
        }
    }
}

/// One document of a panel and its truth.
struct PanelDoc {
    file_name: String,
    bytes: Vec<u8>,
    truth: [String; 9],
}

fn scale_of(r: &Regions, a: &Agency) -> Scale {
    match r.region(a.region).level {
        Level::Town => Scale::Town,
        Level::Province => Scale::Province,
        _ => Scale::County,
    }
}

/// The documents of agency `index` of panel `seed`; `used` holds the keys of the agencies
/// before it, so that each agency of a panel is another body.
fn agency_docs(
    r: &Regions,
    s: &Spellings,
    seed: u64,
    index: u64,
    used: &mut std::collections::HashSet<String>,
) -> Vec<PanelDoc> {
    let mut rng = Rng::for_item(seed ^ 0x70616e656c, index);
    let agency = loop {
        let a = pick_agency(r, s, &mut rng);
        if used.insert(a.key(r)) {
            break a;
        }
    };
    let first = 2019 + rng.below(4) as u16;
    let len = 3 + rng.below(3) as u16;
    let mut docs = Vec::new();
    let mut prev: Option<(u16, Values, &Template)> = None;
    for year in first..first + len {
        // Now and then a year is missing: no check across the gap.
        if year > first && rng.chance(1, 8) {
            prev = None;
            continue;
        }
        let t = template::for_year(year);
        let mut v = values::generate(&mut rng, t, scale_of(r, &agency), false);
        let break_x1 = prev.is_some() && rng.chance(1, 6);
        let (x1, x2) = match &prev {
            Some((_, pv, pt)) => {
                // X2 holds when both years' templates print the stock in force.
                let x2 = x2_applies(pt) && x2_applies(t);
                chain(pv, &mut v, t, x2, break_x1);
                (
                    if break_x1 { "fail" } else { "pass" },
                    if x2 { "pass" } else { "" },
                )
            }
            None => ("", ""),
        };
        let copies = if rng.chance(1, 8) { 2 } else { 1 };
        for copy in 0..copies {
            // A copy is text: its name must then stand without a site code.
            let html = copy == 0 && rng.chance(2, 3);
            let (name, site) = loop {
                match spell(r, s, &agency, &mut rng) {
                    Some((_, Some(_))) if !html => {}
                    Some(spelled) => break spelled,
                    None => {}
                }
            };
            let wrapped = rng.chance(1, 8);
            let title = if wrapped {
                format!("关于印发《{name}{year}年政府信息公开工作年度报告》的通知")
            } else {
                format!("{name}{year}年政府信息公开工作年度报告")
            };
            let doc = Doc {
                title: title.clone(),
                agency: name.clone(),
                year,
                tables: grid::tables(t, &v),
            };
            let (text, ext) = if html {
                let body = render::html_body(&doc, &mut rng, false);
                let mut page = render::html_page(&title, &body, Some("utf-8"), &mut rng, 0);
                if let Some(code) = &site {
                    page = page.replacen(
                        "<head>\n",
                        &format!("<head>\n<meta name=\"SiteIDCode\" content=\"{code}\"/>\n"),
                        1,
                    );
                }
                (page, "html")
            } else {
                let dialect = *rng.pick(&[Dialect::Pipe, Dialect::Tabs, Dialect::Markdown]);
                (render::text_doc(&doc, dialect, &mut rng), "txt")
            };
            let file_name = format!("{index:03}_{year}_{copy}.{ext}");
            docs.push(PanelDoc {
                file_name: file_name.clone(),
                bytes: text.into_bytes(),
                truth: [
                    file_name,
                    agency.key(r),
                    r.region(agency.region).code.clone(),
                    r.region(agency.region).level.as_str().to_string(),
                    agency.kind(r).to_string(),
                    year.to_string(),
                    x1.to_string(),
                    x2.to_string(),
                    if copy > 0 { "yes" } else { "no" }.to_string(),
                ],
            });
        }
        prev = Some((year, v, t));
    }
    docs
}

/// Writes the documents of `agencies` agencies and `truth_panel.csv` to `out`; returns the
/// number of documents.
pub fn write_panel(out: &Path, agencies: u64, seed: u64) -> Result<u64, String> {
    // Every agency of a panel is another body; the table has tens of thousands.
    if agencies > 20_000 {
        return Err(format!(
            "--count {agencies}: a panel has at most 20000 agencies"
        ));
    }
    std::fs::create_dir_all(out).map_err(|e| format!("cannot create {}: {e}", out.display()))?;
    let io = |p: &Path, e: std::io::Error| format!("cannot write {}: {e}", p.display());
    let r = regions();
    let s = Spellings::count(r);
    let truth_path = out.join("truth_panel.csv");
    let mut truth = CsvWriter::new(std::io::BufWriter::new(
        std::fs::File::create(&truth_path).map_err(|e| io(&truth_path, e))?,
    ));
    truth
        .write_record([
            "doc",
            "agency_key",
            "region_code",
            "region_level",
            "agency_kind",
            "year",
            "x1",
            "x2",
            "duplicate",
        ])
        .map_err(|e| io(&truth_path, e))?;
    let mut count = 0u64;
    let mut used = std::collections::HashSet::new();
    for index in 0..agencies {
        for d in agency_docs(r, &s, seed, index, &mut used) {
            let path = out.join(&d.file_name);
            let mut f = std::fs::File::create(&path).map_err(|e| io(&path, e))?;
            f.write_all(&d.bytes).map_err(|e| io(&path, e))?;
            truth
                .write_record(d.truth.iter().map(String::as_str))
                .map_err(|e| io(&truth_path, e))?;
            count += 1;
        }
    }
    truth.flush().map_err(|e| io(&truth_path, e))?;
    Ok(count)
}

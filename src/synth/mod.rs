/*!
A deterministic generator of realistic reports, for the repository's `samples/`, for tests (every
document comes with its truth) and for throughput benchmarks. Documents are generated
independently from `(seed, index)`, so generation streams and parallelizes, and the same seed
gives the same bytes on every machine.

- `values`: the numbers (identities hold, unless broken on purpose), `grid`: the tables as
  printed, `render`: HTML pages and the loose-text dialects, `word`: pages of Word-export
  markup, `pdf` and `docx`: attachments.
*/

pub mod docx;
pub mod grid;
pub mod mutate;
pub mod panel;
pub mod pdf;
pub mod render;
pub mod values;
pub mod word;

use crate::model::{CellKey, TemplateId};
use crate::rng::Rng;
use crate::template::{self, Template};
use encoding_rs::{GBK, UTF_16LE};
use render::{Dialect, Doc};
use std::io::Write;
use std::path::Path;
use values::Scale;

/// What the generated corpus is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Profile {
    /// Small documents, a curated mix covering every format, encoding and template.
    Samples,
    /// Whole pages of 60–150 KB in the mix of a harvested corpus.
    Bench,
    /// Whole pages of 100–350 KB whose report is Word-export markup, as many portals publish.
    Word,
    /// PDF reports of about ten pages (with and without ruled tables), for the PDF benchmark.
    Pdf,
}

/// Every kind of document the generator writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A UTF-8 page with a `<meta>` charset.
    HtmlUtf8Meta,
    /// A UTF-8 page with a byte-order mark and no declaration.
    HtmlUtf8Bom,
    /// The report's HTML body alone, UTF-8.
    HtmlUtf8Fragment,
    /// A GBK page declaring gb2312/gbk.
    HtmlGbkMeta,
    /// A GBK page declaring nothing.
    HtmlGbkNoMeta,
    /// A GBK page declaring UTF-8.
    HtmlGbkDeclaredUtf8,
    /// A UTF-16LE page with a byte-order mark.
    HtmlUtf16,
    /// A page whose tables sit inside a layout table.
    HtmlNested,
    /// A page whose report was pasted from Word (`word`).
    HtmlWord,
    /// Loose text in one of the dialects.
    Text(Dialect),
    /// A PDF attachment, its tables drawn with ruling lines or without.
    Pdf {
        /// Whether the tables are drawn with ruling lines.
        ruled: bool,
    },
    /// A Word (.docx) attachment.
    Docx,
    /// A page listing links to reports.
    Listing,
    /// A notice that is not a report.
    Notice,
    /// A report page holding only scanned images.
    ImageOnly,
    /// A report of the pre-2019 template with tables.
    LegacyTable,
    /// A report of the pre-2019 template in prose.
    LegacyProse,
}

impl Kind {
    /// Its name in the generated file names.
    pub fn name(self) -> &'static str {
        match self {
            Kind::HtmlUtf8Meta => "html_utf8_meta",
            Kind::HtmlUtf8Bom => "html_utf8_bom",
            Kind::HtmlUtf8Fragment => "html_fragment",
            Kind::HtmlGbkMeta => "html_gbk_meta",
            Kind::HtmlGbkNoMeta => "html_gbk_nometa",
            Kind::HtmlGbkDeclaredUtf8 => "html_gbk_declared_utf8",
            Kind::HtmlUtf16 => "html_utf16le_bom",
            Kind::HtmlNested => "html_nested_tables",
            Kind::HtmlWord => "html_word",
            Kind::Text(Dialect::Pipe) => "text_pipe",
            Kind::Text(Dialect::CellBar) => "text_cellbar",
            Kind::Text(Dialect::Markdown) => "text_markdown",
            Kind::Text(Dialect::Tabs) => "text_tsv",
            Kind::Text(Dialect::Spaced) => "text_spaced",
            Kind::Text(Dialect::Glued) => "text_glued",
            Kind::Pdf { ruled: true } => "pdf_lattice",
            Kind::Pdf { ruled: false } => "pdf_unruled",
            Kind::Docx => "docx",
            Kind::Listing => "listing",
            Kind::Notice => "notice",
            Kind::ImageOnly => "image_only",
            Kind::LegacyTable => "legacy_table",
            Kind::LegacyProse => "legacy_prose",
        }
    }

    fn is_html(self) -> bool {
        !matches!(
            self,
            Kind::Text(_) | Kind::LegacyTable | Kind::LegacyProse | Kind::Pdf { .. } | Kind::Docx
        )
    }

    /// The value of `reports.csv`'s `format` column and the file extension.
    fn format_and_extension(self) -> (&'static str, &'static str) {
        match self {
            Kind::Pdf { .. } => ("pdf", "pdf"),
            Kind::Docx => ("docx", "docx"),
            _ if self.is_html() => ("html", "html"),
            _ => ("text", "txt"),
        }
    }

    fn is_report(self) -> bool {
        !matches!(
            self,
            Kind::Listing | Kind::Notice | Kind::ImageOnly | Kind::LegacyTable | Kind::LegacyProse
        )
    }

    /// Formats whose cells keep their boundaries (blanks and null tokens can be printed): a
    /// blank in spaced or glued text leaves no trace; in a PDF without rules the blank's place
    /// is still where its column stands.
    fn keeps_cells(self) -> bool {
        !matches!(
            self,
            Kind::Text(Dialect::Spaced) | Kind::Text(Dialect::Glued)
        )
    }
}

const REPORT_KINDS: &[Kind] = &[
    Kind::HtmlUtf8Meta,
    Kind::HtmlUtf8Bom,
    Kind::HtmlUtf8Fragment,
    Kind::HtmlGbkMeta,
    Kind::HtmlGbkNoMeta,
    Kind::HtmlGbkDeclaredUtf8,
    Kind::HtmlUtf16,
    Kind::HtmlNested,
    Kind::Text(Dialect::Pipe),
    Kind::Text(Dialect::CellBar),
    Kind::Text(Dialect::Markdown),
    Kind::Text(Dialect::Tabs),
    Kind::Text(Dialect::Spaced),
    Kind::Text(Dialect::Glued),
    Kind::Pdf { ruled: true },
    Kind::Pdf { ruled: false },
    Kind::Docx,
];

const OTHER_KINDS: &[Kind] = &[
    Kind::Listing,
    Kind::Notice,
    Kind::ImageOnly,
    Kind::LegacyTable,
    Kind::LegacyProse,
];

/// The truth of one generated document.
#[derive(Debug, Clone)]
pub struct Truth {
    pub format: &'static str,
    pub encoding: &'static str,
    pub template: TemplateId,
    pub agency: String,
    pub year: u16,
    pub status: &'static str,
    pub breaks_identity: bool,
    pub glued: bool,
    pub cells: Vec<(CellKey, Option<String>)>,
}

/// One generated document and what it holds.
#[derive(Debug, Clone)]
pub struct GeneratedDoc {
    /// The file name it is written under (its extension says the format).
    pub file_name: String,
    /// What kind of document it is.
    pub kind: Kind,
    /// The document as written.
    pub bytes: Vec<u8>,
    /// The cells, agency, year and status a correct reading gives.
    pub truth: Truth,
}

const PLACES: &[&str] = &[
    "重庆市开州区",
    "四川省绵阳市涪城区",
    "福建省宁德市霞浦县",
    "湖南省岳阳市平江县",
    "浙江省丽水市莲都区",
    "河南省信阳市光山县",
    "广东省梅州市兴宁市",
    "江西省赣州市于都县",
];
const TOWNS: &[&str] = &[
    "金峰镇",
    "白鹤街道",
    "长沙镇",
    "临江镇",
    "大德镇",
    "南门镇",
    "竹溪乡",
    "丰乐街道",
];
const DEPARTMENTS: &[&str] = &[
    "教育委员会",
    "财政局",
    "生态环境局",
    "市场监督管理局",
    "卫生健康委员会",
    "交通运输局",
];

fn agency(rng: &mut Rng) -> (String, Scale) {
    let place = *rng.pick(PLACES);
    match rng.below(10) {
        0..=5 => {
            let town = *rng.pick(TOWNS);
            let body = if town.ends_with("街道") {
                "办事处"
            } else {
                "人民政府"
            };
            (format!("{place}{town}{body}"), Scale::Town)
        }
        6..=7 => (format!("{place}{}", rng.pick(DEPARTMENTS)), Scale::County),
        8 => (format!("{place}人民政府"), Scale::County),
        _ => {
            let province = place.split_inclusive(['省', '市']).next().unwrap_or(place);
            (format!("{province}人民政府办公厅"), Scale::Province)
        }
    }
}

/// A template for a generated page: the newest two times in three, the older ones alike the rest
/// (one draw of the generator, whatever the number of templates).
fn draw_template(rng: &mut Rng) -> TemplateId {
    let older = template::TEMPLATES.len() as u64 - 1;
    let draw = rng.below(3 * older.max(1));
    match template::TEMPLATES.get(1 + draw as usize) {
        Some(t) if draw < older => t.id,
        _ => template::TEMPLATES[0].id,
    }
}

fn kind_for(profile: Profile, index: u64, rng: &mut Rng) -> (Kind, TemplateId) {
    match profile {
        Profile::Samples => {
            // Every report kind with every template, then the documents that are not mapped.
            let templates = template::TEMPLATES.len() as u64;
            let n = REPORT_KINDS.len() as u64 * templates;
            if index < n {
                let template = template::TEMPLATES[(index % templates) as usize].id;
                (REPORT_KINDS[(index / templates) as usize], template)
            } else {
                let i = ((index - n) % (OTHER_KINDS.len() as u64 + 3)) as usize;
                match OTHER_KINDS.get(i) {
                    Some(k) => (*k, TemplateId::UNKNOWN),
                    None => (
                        REPORT_KINDS[i % REPORT_KINDS.len()],
                        template::TEMPLATES[0].id,
                    ),
                }
            }
        }
        Profile::Bench => {
            let kind = match rng.below(100) {
                0..=24 => Kind::HtmlUtf8Meta,
                25..=29 => Kind::HtmlUtf8Bom,
                30..=44 => Kind::HtmlGbkMeta,
                45..=54 => Kind::HtmlGbkNoMeta,
                55..=57 => Kind::HtmlGbkDeclaredUtf8,
                58 => Kind::HtmlUtf16,
                59..=63 => Kind::HtmlNested,
                64..=69 => Kind::Text(Dialect::Pipe),
                70..=72 => Kind::Text(Dialect::CellBar),
                73..=75 => Kind::Text(Dialect::Markdown),
                76..=78 => Kind::Text(Dialect::Tabs),
                79..=83 => Kind::Text(Dialect::Spaced),
                84..=93 => Kind::Text(Dialect::Glued),
                94 => Kind::Listing,
                95 => Kind::Notice,
                96 => Kind::ImageOnly,
                97 => Kind::LegacyTable,
                _ => Kind::LegacyProse,
            };
            let template = draw_template(rng);
            (kind, template)
        }
        Profile::Word => {
            let template = draw_template(rng);
            (Kind::HtmlWord, template)
        }
        Profile::Pdf => {
            let template = draw_template(rng);
            (
                Kind::Pdf {
                    ruled: !index.is_multiple_of(4),
                },
                template,
            )
        }
    }
}

/// Generates document `index` of the corpus `seed`.
pub fn generate_one(seed: u64, index: u64, profile: Profile) -> GeneratedDoc {
    let mut rng = Rng::for_item(seed, index);
    let (kind, template_id) = kind_for(profile, index, &mut rng);
    let (agency, scale) = agency(&mut rng);
    let target = match profile {
        Profile::Samples | Profile::Pdf => 0,
        // Measured on the UTF-8 text; GBK spends 2 bytes where UTF-8 spends 3 on Chinese.
        Profile::Word => 100_000 + rng.below(250_000) as usize,
        Profile::Bench => {
            let t = 62_000 + rng.below(85_000) as usize;
            if matches!(
                kind,
                Kind::HtmlGbkMeta | Kind::HtmlGbkNoMeta | Kind::HtmlGbkDeclaredUtf8
            ) {
                t * 5 / 4
            } else {
                t
            }
        }
    };
    let (format, ext) = kind.format_and_extension();
    let mut truth = Truth {
        format,
        encoding: if kind.is_html() || format == "text" {
            "utf-8"
        } else {
            ""
        },
        template: TemplateId::UNKNOWN,
        agency: agency.clone(),
        year: 2021,
        status: "not_a_report",
        breaks_identity: false,
        glued: kind == Kind::Text(Dialect::Glued),
        cells: Vec::new(),
    };
    let file_name = match profile {
        Profile::Samples => {
            let t = if kind.is_report() {
                format!("_{}", template_id.as_str())
            } else {
                String::new()
            };
            format!("{index:03}_{}{t}.{ext}", kind.name())
        }
        Profile::Bench | Profile::Word | Profile::Pdf => {
            format!("{:03}/{index:06}_{}.{ext}", index / 1000, kind.name())
        }
    };
    // Attachments are drawn to bytes directly.
    let mut binary: Option<Vec<u8>> = None;
    let text = if kind.is_report() {
        let t: &Template = template::template(template_id).unwrap_or(template::TEMPLATES[0]);
        // A year of the template's, of at most the first five.
        let span = (t.years.end() - t.years.start()).min(4) + 1;
        let year = t.years.start() + rng.below(u64::from(span)) as u16;
        let breaks = rng.chance(1, 12);
        let mut v = values::generate(&mut rng, t, scale, breaks);
        if kind.keeps_cells() {
            values::restyle(&mut rng, &mut v);
        }
        let title = if rng.chance(1, 4) {
            format!("{year}年{agency}政府信息公开工作年度报告")
        } else {
            format!("{agency}{year}年政府信息公开工作年度报告")
        };
        let doc = Doc {
            title: title.clone(),
            agency: agency.clone(),
            year,
            tables: grid::tables(t, &v),
        };
        truth.template = template_id;
        truth.year = year;
        truth.status = "ok";
        truth.breaks_identity = breaks;
        truth.cells = t
            .cell_keys()
            .into_iter()
            .map(|k| (k, v.get(&k).truth))
            .collect();
        match kind {
            Kind::Pdf { ruled } => {
                let prose_pages = if profile == Profile::Pdf { 8 } else { 0 };
                binary = Some(pdf::pdf_doc(&doc, ruled, prose_pages, &mut rng));
                String::new()
            }
            Kind::Docx => {
                binary = Some(docx::docx_doc(&doc, &mut rng));
                String::new()
            }
            Kind::Text(d) => render::text_doc(&doc, d, &mut rng),
            Kind::HtmlUtf8Fragment => render::html_body(&doc, &mut rng, false),
            Kind::HtmlWord => {
                let body = word::word_body(&doc, &mut rng);
                render::html_page(&title, &body, Some("utf-8"), &mut rng, target)
            }
            _ => {
                let body = render::html_body(&doc, &mut rng, kind == Kind::HtmlNested);
                let charset = match kind {
                    Kind::HtmlUtf8Meta | Kind::HtmlNested | Kind::HtmlGbkDeclaredUtf8 => {
                        Some("utf-8")
                    }
                    Kind::HtmlGbkMeta => Some(*rng.pick(&["gb2312", "gbk", "GB2312"])),
                    _ => None,
                };
                render::html_page(&title, &body, charset, &mut rng, target)
            }
        }
    } else {
        let year = 2013 + rng.below(5) as u16;
        truth.year = year;
        match kind {
            Kind::LegacyTable | Kind::LegacyProse => {
                truth.template = TemplateId::LEGACY;
                truth.status = "unsupported";
                render::legacy(&agency, year, kind == Kind::LegacyTable, &mut rng)
            }
            _ => {
                let k = match kind {
                    Kind::Listing => 0,
                    Kind::Notice => 1,
                    _ => 2,
                };
                let (title, body) =
                    render::non_report(k, &agency, 2021 + rng.below(4) as u16, &mut rng);
                render::html_page(&title, &body, Some("utf-8"), &mut rng, target)
            }
        }
    };
    let bytes = match kind {
        _ if binary.is_some() => binary.unwrap_or_default(),
        Kind::HtmlGbkMeta | Kind::HtmlGbkNoMeta | Kind::HtmlGbkDeclaredUtf8 => {
            truth.encoding = "gbk";
            GBK.encode(&text).0.into_owned()
        }
        Kind::HtmlUtf16 => {
            truth.encoding = "utf-16le";
            let mut b = vec![0xFF, 0xFE];
            for unit in text.encode_utf16() {
                b.extend_from_slice(&unit.to_le_bytes());
            }
            let _ = UTF_16LE;
            b
        }
        Kind::HtmlUtf8Bom => {
            let mut b = vec![0xEF, 0xBB, 0xBF];
            b.extend_from_slice(text.as_bytes());
            b
        }
        _ => text.into_bytes(),
    };
    GeneratedDoc {
        file_name,
        kind,
        bytes,
        truth,
    }
}

/// Writes `count` documents and their truth (`truth_reports.csv`, `truth_cells.csv`) to `out`;
/// with `mutate`, the reports it applies to are mutated (see `mutate`), the truth stays the
/// unmutated report's, and `truth_mutations.csv` says which mutations each document got.
/// Streams: documents are generated in parallel batches and written as they come.
pub fn write_corpus(
    out: &Path,
    count: u64,
    seed: u64,
    profile: Profile,
    mutate: Option<&mutate::Choice>,
) -> Result<u64, String> {
    use rayon::prelude::*;
    std::fs::create_dir_all(out).map_err(|e| format!("cannot create {}: {e}", out.display()))?;
    let io = |p: &Path, e: std::io::Error| format!("cannot write {}: {e}", p.display());
    let reports_path = out.join("truth_reports.csv");
    let cells_path = out.join("truth_cells.csv");
    let mut reports = crate::run::output::CsvWriter::new(std::io::BufWriter::new(
        std::fs::File::create(&reports_path).map_err(|e| io(&reports_path, e))?,
    ));
    let mut cells = crate::run::output::CsvWriter::new(std::io::BufWriter::new(
        std::fs::File::create(&cells_path).map_err(|e| io(&cells_path, e))?,
    ));
    let csv_err = |e: std::io::Error| format!("cannot write truth: {e}");
    reports
        .write_record([
            "doc",
            "format",
            "encoding",
            "template",
            "agency",
            "year",
            "status",
            "breaks_identity",
            "glued",
        ])
        .map_err(csv_err)?;
    cells
        .write_record(["doc", "table", "row", "col", "value"])
        .map_err(csv_err)?;
    let mutations_path = out.join("truth_mutations.csv");
    let mut mutations = match mutate {
        Some(_) => {
            let f = std::fs::File::create(&mutations_path).map_err(|e| io(&mutations_path, e))?;
            let mut w = crate::run::output::CsvWriter::new(std::io::BufWriter::new(f));
            w.write_record(["doc", "mutations", "effect", "http_charset"])
                .map_err(csv_err)?;
            Some(w)
        }
        None => None,
    };
    let mut bytes_total = 0u64;
    let indices: Vec<u64> = (0..count).collect();
    for batch in indices.chunks(512) {
        let docs: Vec<(GeneratedDoc, mutate::Applied)> = batch
            .par_iter()
            .map(|&i| {
                let mut d = generate_one(seed, i, profile);
                let applied = match mutate {
                    Some(choice) => mutate::mutate_doc(&mut d, choice, seed, i),
                    None => mutate::Applied::default(),
                };
                (d, applied)
            })
            .collect();
        for (d, applied) in docs {
            let path = out.join(&d.file_name);
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent).map_err(|e| io(parent, e))?;
            }
            let mut f = std::fs::File::create(&path).map_err(|e| io(&path, e))?;
            f.write_all(&d.bytes).map_err(|e| io(&path, e))?;
            bytes_total += d.bytes.len() as u64;
            let t = &d.truth;
            let agency = if t.status == "not_a_report" {
                ""
            } else {
                t.agency.as_str()
            };
            reports
                .write_record([
                    d.file_name.as_str(),
                    t.format,
                    t.encoding,
                    t.template.as_str(),
                    agency,
                    &t.year.to_string(),
                    t.status,
                    if t.breaks_identity { "yes" } else { "no" },
                    if t.glued { "yes" } else { "no" },
                ])
                .map_err(csv_err)?;
            if let (Some(w), false) = (&mut mutations, applied.names.is_empty()) {
                w.write_record([
                    d.file_name.as_str(),
                    &applied.names.join(","),
                    &applied.effects.join(","),
                    applied.charset_hint.unwrap_or(""),
                ])
                .map_err(csv_err)?;
            }
            for (k, v) in &t.cells {
                cells
                    .write_record([
                        d.file_name.as_str(),
                        k.table.as_str(),
                        k.row,
                        k.col,
                        v.as_deref().unwrap_or(""),
                    ])
                    .map_err(csv_err)?;
            }
        }
    }
    reports.flush().map_err(|e| io(&reports_path, e))?;
    cells.flush().map_err(|e| io(&cells_path, e))?;
    if let Some(w) = &mut mutations {
        w.flush().map_err(|e| io(&mutations_path, e))?;
    }
    Ok(bytes_total)
}

#[cfg(test)]
mod tests;

/*!
One document through every stage: decode → layout → recognize → assemble (and split glued runs)
→ validate. Pure: bytes in, an `Extraction` out; no I/O, no panics on any input.
*/

use crate::assemble::{assemble_table, finish_row, resolve_glued, sort_cells};
use crate::decode::decode_owned;
use crate::layout::pdf::{PdfLimits, Refusal};
use crate::layout::{doc, docx, html, lay_out, pdf, sniff_format, Layout};
use crate::model::{
    ContentHash, Extraction, Format, Status, TableId, TemplateId, Warning, WarningCode,
};
use crate::recognize::{recognize, Recognition};
use crate::sniff::{sniff, Container};
use crate::template::{self, Template};
use crate::validate::{check_identities, derive, soft_checks};

/// Resource limits of one document, beyond the size limit applied when reading it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Table cells a document may have (a report has about 400); more is refused before any DOM
    /// is built, since a page of millions of cells would take gigabytes.
    pub max_table_cells: usize,
    /// Pages and time of one PDF.
    pub pdf: PdfLimits,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_table_cells: 200_000,
            pdf: PdfLimits::default(),
        }
    }
}

/// How an HTML page gets its DOM.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum HtmlPath {
    /// Only the report's region is laid out, and only its tables' slimmed markup is parsed.
    #[default]
    Region,
    /// The whole page is parsed as it is: slow, the reference the fast path must agree with.
    Whole,
}

/// Extracts one document whose SHA-256 the caller computed, taking the bytes: a UTF-8 document
/// becomes its text without a copy.
pub fn run(
    bytes: Vec<u8>,
    sha: ContentHash,
    charset_hint: Option<&str>,
    limits: &Limits,
    path: HtmlPath,
) -> Extraction {
    let mut ex = Extraction::blank(sha, bytes.len() as u64);
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        ex.reason = "empty document".into();
        return ex;
    }
    let binary = match sniff(&bytes) {
        Container::Pdf => Some((Format::Pdf, pdf::lay_out(&bytes, &limits.pdf))),
        Container::Zip if docx::is_docx(&bytes) => Some((Format::Docx, docx::lay_out(&bytes))),
        Container::Ole => Some((Format::Doc, doc::lay_out(&bytes))),
        Container::Zip => Some((
            Format::Text,
            Err(Refusal {
                status: Status::NotAReport,
                reason: "a zip archive, not a Word document".into(),
            }),
        )),
        Container::Rtf => Some((
            Format::Text,
            Err(Refusal::unsupported("RTF document: not read")),
        )),
        Container::Text => None,
    };
    if let Some((format, laid_out)) = binary {
        if format != Format::Text {
            ex.format = Some(format);
        }
        match laid_out {
            Ok(layout) => read_layout(&mut ex, &layout, limits),
            Err(refusal) => {
                ex.status = refusal.status;
                ex.reason = refusal.reason;
            }
        }
        return ex;
    }
    let decoded = decode_owned(bytes, charset_hint);
    ex.encoding = decoded.encoding.to_string();
    if looks_binary(&decoded.text) {
        ex.reason = "binary content, not a text or HTML document".into();
        return ex;
    }
    if decoded.had_errors {
        ex.warnings.push(Warning::new(
            WarningCode::DecodeErrors,
            format!("some bytes are not valid {}; replaced", decoded.encoding),
        ));
    }
    let format = sniff_format(&decoded.text);
    ex.format = Some(format);
    if format == crate::model::Format::Html {
        ex.site_code = crate::panel::site::site_code(&decoded.text);
    }
    let too_many = |n: usize| {
        format!(
            "{n} table cells, over the limit of {} (--max-cells)",
            limits.max_table_cells
        )
    };
    let layout = if format == Format::Html {
        // Only the report's region is parsed, so only its cells count.
        let region = match path {
            HtmlPath::Region => html::report_region(&decoded.text),
            HtmlPath::Whole => 0..decoded.text.len(),
        };
        let n = html::cell_tags(&decoded.text[region.clone()]);
        if n > limits.max_table_cells {
            ex.status = Status::Error;
            ex.reason = too_many(n);
            return ex;
        }
        match path {
            HtmlPath::Region => html::lay_out_region(&decoded.text, region),
            HtmlPath::Whole => html::lay_out_whole(&decoded.text),
        }
    } else {
        lay_out(&decoded.text, format)
    };
    read_layout(&mut ex, &layout, limits);
    ex
}

/// Recognizes a laid-out document into `ex`: every format's layout goes through here.
fn read_layout(ex: &mut Extraction, layout: &Layout, limits: &Limits) {
    if layout.cell_count() > limits.max_table_cells {
        ex.status = Status::Error;
        ex.reason = format!(
            "{} table cells, over the limit of {} (--max-cells)",
            layout.cell_count(),
            limits.max_table_cells
        );
        return;
    }
    let prose = layout.stream();
    let rec = recognize(layout, &prose);
    ex.title = rec.meta.title.clone();
    ex.agency = rec.meta.agency.clone();
    ex.year = rec.meta.year;
    finish(ex, rec, &prose);
}

/// Documents whose text is mostly control characters or replacement marks are not text.
fn looks_binary(text: &str) -> bool {
    let (mut seen, mut bad) = (0usize, 0usize);
    for c in text.chars().take(8192) {
        seen += 1;
        bad += usize::from(c == '\u{fffd}' || (c.is_control() && !c.is_whitespace()));
    }
    bad * 10 > seen
}

fn finish(ex: &mut Extraction, mut rec: Recognition, prose: &str) {
    ex.warnings.append(&mut rec.warnings);
    if rec.tables.is_empty() {
        classify_without_tables(ex, &rec);
        return;
    }
    let report_template = rec.template.unwrap_or(TemplateId::T2021);
    ex.template = report_template;
    let mut table_templates: Vec<(TableId, &'static Template)> = Vec::new();
    let mut missing: Vec<String> = Vec::new();
    for read in &rec.tables {
        if let Some(t) = template::template(read.template) {
            table_templates.push((read.table, t));
        }
        let before = ex.warnings.len();
        let mut rows = assemble_table(read, &mut ex.warnings);
        let misfit = ex.warnings[before..]
            .iter()
            .filter(|w| matches!(w.code, WarningCode::ShortRow | WarningCode::ExtraCells))
            .count();
        resolve_glued(read.template, &mut rows, prose, &mut ex.warnings);
        for row in rows {
            ex.cells.extend(finish_row(row));
        }
        if !read.missing.is_empty() {
            missing.push(format!(
                "{} rows not found: {}",
                read.table.as_str(),
                read.missing.join(", ")
            ));
        }
        if misfit > 0 {
            missing.push(format!(
                "{} rows with the wrong number of cells: {misfit} (a column missing or added?)",
                read.table.as_str()
            ));
        }
    }
    for table in TableId::ALL {
        if !rec.tables.iter().any(|t| t.table == table) {
            missing.insert(0, format!("table {} not found", table.as_str()));
        }
    }
    if let Some(t) = template::template(report_template) {
        ex.checks = check_identities(&table_templates, &ex.cells);
        let derived = derive(t, &ex.cells);
        ex.warnings.extend(soft_checks(t, &ex.cells));
        ex.cells.extend(derived);
    }
    sort_cells(&mut ex.cells, Some(report_template));
    // `ok` promises a value in every printed cell: glued digits left unsplit are not one.
    let unresolved = ex.cells_unresolved();
    if unresolved > 0 {
        let cells = if unresolved == 1 { "cell" } else { "cells" };
        missing.push(format!(
            "{unresolved} glued {cells} unresolved (no value; warnings.csv lists the candidate splits)"
        ));
    }
    if missing.is_empty() {
        ex.status = Status::Ok;
    } else {
        ex.status = Status::Partial;
        ex.reason = missing.join("; ");
    }
}

/// A document with none of the templates' tables: a pre-2019 report, an image-only report, or not
/// a report at all.
fn classify_without_tables(ex: &mut Extraction, rec: &Recognition) {
    let is_report_title = !rec.meta.title.is_empty();
    if let Some(marker) = rec.legacy_marker {
        ex.template = TemplateId::Legacy;
        ex.status = Status::Unsupported;
        ex.reason =
            format!("pre-2019 statistics form ({marker}); not mapped to the national templates");
    } else if is_report_title && rec.meta.year.is_some_and(|y| y < 2019) {
        // The year only tells a pre-template report from a non-report here; templates are
        // always detected from table content.
        ex.template = TemplateId::Legacy;
        ex.status = Status::Unsupported;
        ex.reason = "pre-2019 report without the national tables (prose only)".into();
    } else if rec.image_only {
        ex.status = Status::NotAReport;
        ex.reason = "image-only report (图片版): the tables are not in the text".into();
    } else if is_report_title {
        ex.status = Status::NotAReport;
        ex.reason =
            "a report title but none of the statistical tables (attachment, image or notice)"
                .into();
    } else {
        ex.status = Status::NotAReport;
        ex.reason = "none of the report's statistical tables found".into();
    }
}

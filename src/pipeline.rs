/*!
One document through every stage: decode and lay out → recognize → assemble (and split glued
runs) → validate → status. Pure: bytes in, an `Extraction` out; no I/O, no panics on any input.
*/

use crate::assemble::{assemble_tables, sort_cells};
use crate::layout::document;
pub use crate::layout::document::{HtmlPath, Limits};
use crate::model::{ContentHash, Extraction, Status, TemplateId};
use crate::recognize::{Recognition, Recognizer};
use crate::validate::{check_identities, derive, soft_checks};

/// Extracts one document whose SHA-256 the caller computed, taking the bytes: a UTF-8 document
/// becomes its text without a copy.
pub fn run(
    bytes: Vec<u8>,
    sha: ContentHash,
    charset_hint: Option<&str>,
    limits: &Limits,
    path: HtmlPath,
    recognizer: &Recognizer,
) -> Extraction {
    let mut ex = Extraction::blank(sha, bytes.len() as u64);
    let doc = document::read(bytes, charset_hint, limits, path, recognizer.headings());
    ex.format = doc.format;
    ex.encoding = doc.encoding;
    ex.site_code = doc.site_code;
    ex.warnings = doc.warnings;
    let layout = match doc.layout {
        Ok(layout) => layout,
        Err(refusal) => {
            ex.status = refusal.status;
            ex.reason = refusal.reason;
            return ex;
        }
    };
    let prose = layout.stream();
    let mut rec = recognizer.recognize(&layout, &prose);
    ex.title = rec.meta.title.clone();
    ex.agency = rec.meta.agency.clone();
    ex.year = rec.meta.year;
    ex.warnings.append(&mut rec.warnings);
    if rec.tables.is_empty() {
        classify_without_tables(&mut ex, &rec);
        return ex;
    }
    let report_template = rec.template.unwrap_or(recognizer.newest());
    ex.template = report_template.id;
    let assembled = assemble_tables(&rec.tables, &prose, &mut ex.warnings);
    ex.cells = assembled.cells;
    let mut missing = assembled.missing;
    ex.checks = check_identities(&assembled.templates, &ex.cells);
    let derived = derive(report_template, &ex.cells);
    ex.warnings.extend(soft_checks(report_template, &ex.cells));
    ex.cells.extend(derived);
    sort_cells(&mut ex.cells, report_template, recognizer.templates());
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
    ex
}

/// A document with none of the templates' tables: a pre-2019 report, an image-only report, or not
/// a report at all.
fn classify_without_tables(ex: &mut Extraction, rec: &Recognition) {
    let is_report_title = !rec.meta.title.is_empty();
    if let Some(marker) = rec.legacy_marker {
        ex.template = TemplateId::LEGACY;
        ex.status = Status::Unsupported;
        ex.reason =
            format!("pre-2019 statistics form ({marker}); not mapped to the national templates");
    } else if is_report_title && rec.meta.year.is_some_and(|y| y < 2019) {
        // The year only tells a pre-template report from a non-report here; templates are
        // always detected from table content.
        ex.template = TemplateId::LEGACY;
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

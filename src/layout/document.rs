/*!
A document's bytes to its layout, within the limits: the container sniffed from the first bytes,
PDF and Word laid out from their bytes, anything else decoded and laid out as HTML or loose
text. What cannot be laid out is refused with a status and a reason.
*/

use super::pdf::PdfLimits;
use super::{doc, docx, html, lay_out, pdf, sniff_format, Layout, Refusal};
use crate::decode::decode_owned;
use crate::model::{Format, Warning, WarningCode};
use crate::sniff::{sniff, Container};
use crate::template::Headings;

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

/// A document read as far as its layout.
#[derive(Debug)]
pub struct Document {
    /// The format it was read as; `None` when it was not read that far.
    pub format: Option<Format>,
    /// The text encoding it was decoded with (empty for binary formats).
    pub encoding: String,
    /// An HTML page's `SiteIDCode`.
    pub site_code: String,
    /// What decoding noticed.
    pub warnings: Vec<Warning>,
    /// The layout, or why there is none.
    pub layout: Result<Layout, Refusal>,
}

/// Lays out one document, taking its bytes: a UTF-8 document becomes its text without a copy.
pub fn read(
    bytes: Vec<u8>,
    charset_hint: Option<&str>,
    limits: &Limits,
    path: HtmlPath,
    headings: &Headings,
) -> Document {
    let binary = |format: Option<Format>, layout: Result<Layout, Refusal>| Document {
        format,
        encoding: String::new(),
        site_code: String::new(),
        warnings: Vec::new(),
        layout: layout.and_then(|l| within_cell_limit(l.cell_count(), limits).map(|()| l)),
    };
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return binary(None, Err(Refusal::not_a_report("empty document")));
    }
    match sniff(&bytes) {
        Container::Pdf => return binary(Some(Format::Pdf), pdf::lay_out(&bytes, &limits.pdf)),
        Container::Zip if docx::is_docx(&bytes) => {
            return binary(Some(Format::Docx), docx::lay_out(&bytes))
        }
        Container::Ole => return binary(Some(Format::Doc), doc::lay_out(&bytes)),
        Container::Zip => {
            let why = "a zip archive, not a Word document";
            return binary(None, Err(Refusal::not_a_report(why)));
        }
        Container::Rtf => {
            return binary(
                None,
                Err(Refusal::unsupported("RTF document: RTF is not read")),
            )
        }
        Container::Text => {}
    }
    let decoded = decode_owned(bytes, charset_hint);
    let mut doc = Document {
        format: None,
        encoding: decoded.encoding.to_string(),
        site_code: String::new(),
        warnings: Vec::new(),
        layout: Err(Refusal::not_a_report(
            "binary content, not a text or HTML document",
        )),
    };
    if looks_binary(&decoded.text) {
        return doc;
    }
    if decoded.had_errors {
        doc.warnings.push(Warning::new(
            WarningCode::DecodeErrors,
            format!("some bytes are not valid {}; replaced", decoded.encoding),
        ));
    }
    let text = &decoded.text;
    let format = sniff_format(text);
    doc.format = Some(format);
    let layout = if format == Format::Html {
        doc.site_code = crate::panel::site::site_code(text);
        // Only the report's region is parsed, so only its cells count.
        let region = match path {
            HtmlPath::Region => html::report_region(text),
            HtmlPath::Whole => 0..text.len(),
        };
        let counts = html::count_tags(&text.as_bytes()[region.clone()]);
        within_cell_limit(counts.cells, limits).map(|()| match path {
            HtmlPath::Region => html::lay_out_region(text, region, &counts),
            HtmlPath::Whole => html::lay_out_whole(text),
        })
    } else {
        Ok(lay_out(text, format, headings))
    };
    doc.layout = layout.and_then(|l| within_cell_limit(l.cell_count(), limits).map(|()| l));
    doc
}

/// A document with more table cells than the limit is refused.
fn within_cell_limit(cells: usize, limits: &Limits) -> Result<(), Refusal> {
    if cells > limits.max_table_cells {
        return Err(Refusal::error(format!(
            "{cells} table cells, over the limit of {} (--max-cells)",
            limits.max_table_cells
        )));
    }
    Ok(())
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Status;

    fn refusal(bytes: &[u8], limits: &Limits) -> (Option<Format>, Status, String) {
        let doc = read(
            bytes.to_vec(),
            None,
            limits,
            HtmlPath::Region,
            Headings::builtin(),
        );
        let r = doc.layout.expect_err("refused");
        (doc.format, r.status, r.reason)
    }

    #[test]
    fn refusals_name_their_reason() {
        let limits = Limits::default();
        assert_eq!(
            refusal(b"  \n", &limits),
            (None, Status::NotAReport, "empty document".into())
        );
        assert_eq!(refusal(b"{\\rtf1 x}", &limits).1, Status::Unsupported);
        assert_eq!(refusal(b"\x00\x01\x02\x03\x04\x05", &limits).0, None);
        let tight = Limits {
            max_table_cells: 2,
            ..Limits::default()
        };
        let (format, status, reason) = refusal(
            b"<table><tr><td>1</td><td>2</td><td>3</td></tr></table>",
            &tight,
        );
        assert_eq!((format, status), (Some(Format::Html), Status::Error));
        assert_eq!(reason, "3 table cells, over the limit of 2 (--max-cells)");
        let (format, status, _) = refusal(b"a\t1\t2\t3\nb\t4\t5\t6\n", &tight);
        assert_eq!((format, status), (Some(Format::Text), Status::Error));
    }
}

/*!
Drawing a generated report as a Word document (DOCX): the smallest package Word opens (content
types, package relationships, `word/document.xml`), paragraphs for the prose and tables from the
report's grid, with `w:gridSpan` for colspans and `w:vMerge` for rowspans as Word writes them
(the cell on every covered row, empty, marked as continuing).
*/

use super::grid::Table;
use super::render::Doc;
use crate::rng::Rng;
use std::io::Write;

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

fn paragraph(out: &mut String, text: &str) {
    out.push_str("<w:p><w:r><w:t xml:space=\"preserve\">");
    out.push_str(&escape(text));
    out.push_str("</w:t></w:r></w:p>");
}

fn table(out: &mut String, t: &Table) {
    out.push_str("<w:tbl><w:tblPr><w:tblBorders/></w:tblPr>");
    // Cells still covering rows below: (grid column, colspan, rows left).
    let mut open: Vec<(usize, u32, u32)> = Vec::new();
    for row in &t.rows {
        out.push_str("<w:tr>");
        let mut col = 0usize;
        let mut cells = row.iter().peekable();
        loop {
            if let Some(&(c, span, _)) = open.iter().find(|o| o.0 == col && o.2 > 0) {
                out.push_str(&format!(
                    "<w:tc><w:tcPr>{}<w:vMerge/></w:tcPr><w:p/></w:tc>",
                    grid_span(span)
                ));
                col = c + span as usize;
                continue;
            }
            let Some(cell) = cells.next() else { break };
            let mut pr = grid_span(cell.colspan);
            if cell.rowspan > 1 {
                pr.push_str("<w:vMerge w:val=\"restart\"/>");
                open.push((col, cell.colspan, cell.rowspan));
            }
            out.push_str(&format!("<w:tc><w:tcPr>{pr}</w:tcPr>"));
            paragraph(out, &cell.text);
            out.push_str("</w:tc>");
            col += cell.colspan as usize;
        }
        // Covered cells at the end of the row.
        while let Some(&(c, span, _)) = open.iter().find(|o| o.0 == col && o.2 > 0) {
            out.push_str(&format!(
                "<w:tc><w:tcPr>{}<w:vMerge/></w:tcPr><w:p/></w:tc>",
                grid_span(span)
            ));
            col = c + span as usize;
        }
        for o in &mut open {
            o.2 = o.2.saturating_sub(1);
        }
        open.retain(|o| o.2 > 0);
        out.push_str("</w:tr>");
    }
    out.push_str("</w:tbl>");
}

fn grid_span(span: u32) -> String {
    if span > 1 {
        format!("<w:gridSpan w:val=\"{span}\"/>")
    } else {
        String::new()
    }
}

/// The body XML of a report.
fn document_xml(doc: &Doc, rng: &mut Rng) -> String {
    let mut body = String::new();
    paragraph(&mut body, &doc.title);
    let (before, after) = super::render::prose(rng, doc);
    for p in &before {
        paragraph(&mut body, p);
    }
    for t in &doc.tables {
        paragraph(&mut body, t.heading);
        table(&mut body, t);
    }
    for p in &after {
        paragraph(&mut body, p);
    }
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
         <w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">\
         <w:body>{body}<w:sectPr/></w:body></w:document>"
    )
}

const CONTENT_TYPES: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
<Default Extension=\"xml\" ContentType=\"application/xml\"/>\
<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>\
</Types>";

const RELS: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/>\
</Relationships>";

/// Packages a document body as a DOCX file.
pub fn package(document_xml: &str) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        // A fixed time: the same seed gives the same bytes.
        .last_modified_time(zip::DateTime::default());
    for (name, data) in [
        ("[Content_Types].xml", CONTENT_TYPES),
        ("_rels/.rels", RELS),
        ("word/document.xml", document_xml),
    ] {
        // Writing into memory cannot fail short of running out of it.
        if zip.start_file(name, opts).is_ok() {
            let _ = zip.write_all(data.as_bytes());
        }
    }
    zip.finish().map(|c| c.into_inner()).unwrap_or_default()
}

/// Draws the report as a DOCX.
pub fn docx_doc(doc: &Doc, rng: &mut Rng) -> Vec<u8> {
    package(&document_xml(doc, rng))
}

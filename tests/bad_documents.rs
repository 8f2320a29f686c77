//! Attachments that cannot be read — truncated, encrypted, image-only, unmapped fonts, a thousand
//! pages, broken Word files (DOCX and legacy .doc), OLE files that are not Word — each get a row
//! with a status and a reason, beside good PDF, DOCX and .doc reports of the same batch (also
//! inside a zip) that are read in full.

mod common;

use common::run;
use ogi::internals::{generate_one, write_pdf, Profile};
use std::collections::HashMap;
use std::io::Write;
use std::path::Path;

/// The first generated document of a kind (by file name) in the samples mix.
fn generated(kind: &str) -> Vec<u8> {
    (0..40)
        .map(|i| generate_one(7, i, Profile::Samples))
        .find(|d| d.file_name.contains(kind))
        .map(|d| d.bytes)
        .expect("kind in the samples mix")
}

/// Replaces a byte string by one of the same length, so that the xref offsets stay right.
fn patch(bytes: &[u8], from: &[u8], to: &[u8]) -> Vec<u8> {
    assert_eq!(from.len(), to.len());
    let at = bytes
        .windows(from.len())
        .position(|w| w == from)
        .expect("present");
    let mut out = bytes.to_vec();
    out[at..at + to.len()].copy_from_slice(to);
    out
}

/// A Word document with the FIB's fEncrypted flag set, as Word writes a password-protected one
/// (the FIB stays readable, the text does not). The FIB starts a sector of the file.
fn word_encrypted(doc: &[u8]) -> Vec<u8> {
    let fib = (512..doc.len())
        .step_by(512)
        .find(|&at| doc[at..].starts_with(&[0xEC, 0xA5]))
        .expect("a FIB");
    let mut out = doc.to_vec();
    out[fib + 0x0B] |= 0x01;
    out
}

fn zip_of(members: &[(&str, &[u8])]) -> Vec<u8> {
    let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, data) in members {
        z.start_file(*name, zip::write::SimpleFileOptions::default())
            .expect("zip entry");
        z.write_all(data).expect("zip write");
    }
    z.finish().expect("zip").into_inner()
}

/// Writes every case into `dir`; returns (file, allowed statuses, reason fragment).
fn write_cases(dir: &Path) -> Vec<(&'static str, &'static [&'static str], &'static str)> {
    let w = |name: &str, bytes: &[u8]| std::fs::write(dir.join(name), bytes).expect("write");
    let pdf = generated("pdf_lattice_2021");
    let docx = generated("docx_2021");
    w("good.pdf", &pdf);
    w("good.docx", &docx);
    // Named as the other kind: the bytes decide.
    w("really_a_docx.pdf", &docx);
    w("really_a_pdf.html", &pdf);
    w("truncated.pdf", &pdf[..pdf.len() / 3]);
    w("header_only.pdf", b"%PDF-1.7\n");
    let encrypted = {
        let mut s = String::from_utf8_lossy(&write_pdf(&["BT ET".to_string()])).into_owned();
        let trailer = s.rfind("trailer\n<<").expect("trailer");
        s.insert_str(
            trailer + "trailer\n<<".len(),
            " /Encrypt << /Filter /Standard /V 1 /R 2 /P -4 \
             /O <0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef> \
             /U <fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210> >> \
             /ID [<00112233445566778899aabbccddeeff> <00112233445566778899aabbccddeeff>]",
        );
        s.into_bytes()
    };
    w("encrypted.pdf", &encrypted);
    // A scan: an image drawn over the page, no text at all.
    let image = "q 400 0 0 560 100 140 cm BI /W 2 /H 2 /CS /G /BPC 8 ID \u{1}\u{2}\u{3}\u{4} EI Q";
    w(
        "image_only.pdf",
        &write_pdf(&[image.to_string(), image.to_string()]),
    );
    // Text whose font has no Unicode mapping: every character is unreadable.
    w(
        "unmapped_font.pdf",
        &patch(&pdf, b"/ToUnicode 6 0 R", b"                "),
    );
    let pages: Vec<String> = (0..1000).map(|_| "BT ET".to_string()).collect();
    w("thousand_pages.pdf", &write_pdf(&pages));
    w("truncated.docx", &docx[..docx.len() / 2]);
    w(
        "no_body.docx",
        &zip_of(&[
            ("[Content_Types].xml", b"<Types/>"),
            ("word/styles.xml", b"<w:styles/>"),
        ]),
    );
    w(
        "prose_only.docx",
        &ogi::internals::docx_package(
            "<w:document><w:body><w:p><w:r><w:t>关于开展政务公开工作的通知</w:t></w:r></w:p></w:body></w:document>",
        ),
    );
    let doc = std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/032_docx_2021.doc"),
    )
    .expect("fixture");
    w("good.doc", &doc);
    w("really_a_doc.docx", &doc);
    w("truncated.doc", &doc[..doc.len() / 3]);
    w("encrypted.doc", &word_encrypted(&doc));
    let mut ole = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    ole.resize(4096, 0);
    w("zeros.doc", &ole);
    let mut xls = cfb::CompoundFile::create(std::io::Cursor::new(Vec::new())).expect("cfb");
    xls.create_stream("Workbook").expect("stream");
    w("workbook.doc", &xls.into_inner().into_inner());
    w(
        "attachments.zip",
        &zip_of(&[
            ("2024/report.pdf", &pdf),
            ("2024/report.docx", &docx),
            ("2024/report.doc", &doc),
        ]),
    );
    vec![
        ("good.pdf", &["ok"], ""),
        ("good.docx", &["ok"], ""),
        ("really_a_docx.pdf", &["ok"], ""),
        ("really_a_pdf.html", &["ok"], ""),
        ("truncated.pdf", &["error", "partial"], ""),
        ("header_only.pdf", &["error"], "damaged PDF"),
        ("encrypted.pdf", &["unsupported"], "encrypted PDF"),
        ("image_only.pdf", &["unsupported"], "needs OCR"),
        ("unmapped_font.pdf", &["unsupported"], "needs OCR"),
        (
            "thousand_pages.pdf",
            &["error"],
            "1000 pages, over the limit",
        ),
        ("truncated.docx", &["error"], "damaged DOCX"),
        ("no_body.docx", &["error"], "damaged DOCX"),
        ("prose_only.docx", &["not_a_report"], ""),
        ("good.doc", &["ok"], ""),
        ("really_a_doc.docx", &["ok"], ""),
        ("truncated.doc", &["error"], "damaged Word document"),
        ("encrypted.doc", &["unsupported"], "encrypted Word document"),
        ("zeros.doc", &["error"], "damaged Word document"),
        ("workbook.doc", &["unsupported"], "without a Word document"),
        ("report.pdf", &["ok"], ""),
        ("report.docx", &["ok"], ""),
        ("report.doc", &["ok"], ""),
    ]
}

#[test]
fn every_broken_attachment_has_a_status_and_a_reason() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let input = tmp.path().join("in");
    std::fs::create_dir_all(&input).expect("mkdir");
    let expected = write_cases(&input);
    let out = tmp.path().join("out");
    let o = run(&[
        "extract",
        input.to_str().expect("utf8"),
        "--out",
        out.to_str().expect("utf8"),
        "--quiet",
    ]);
    assert!(
        o.status.code().is_some_and(|c| c <= 1),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let rows: HashMap<String, HashMap<String, String>> = common::read_csv(&out.join("reports.csv"))
        .into_iter()
        .map(|m| {
            let name = Path::new(&m["source"])
                .file_name()
                .map(|f| f.to_string_lossy().into_owned())
                .unwrap_or_default();
            (name, m)
        })
        .collect();
    let mut problems = Vec::new();
    for (name, statuses, reason) in &expected {
        let Some(r) = rows.get(*name) else {
            problems.push(format!("{name}: no row (rows: {:?})", rows.keys()));
            continue;
        };
        if !statuses.contains(&r["status"].as_str()) || !r["reason"].contains(reason) {
            problems.push(format!(
                "{name}: {} {:?}, expected {statuses:?} {reason:?}",
                r["status"], r["reason"]
            ));
        }
        if r["status"] != "ok" && r["reason"].is_empty() {
            problems.push(format!("{name}: {} without a reason", r["status"]));
        }
    }
    for (name, format) in [
        ("good.pdf", "pdf"),
        ("good.docx", "docx"),
        ("really_a_docx.pdf", "docx"),
        ("good.doc", "doc"),
        ("really_a_doc.docx", "doc"),
    ] {
        if rows.get(name).map(|r| r["format"].as_str()) != Some(format) {
            problems.push(format!("{name}: format is not {format}"));
        }
    }
    for name in ["report.pdf", "report.docx", "report.doc"] {
        let source = rows.get(name).map(|r| r["source"].as_str()).unwrap_or("");
        if !source.ends_with(&format!("attachments.zip#2024/{name}")) {
            problems.push(format!("{name}: source {source:?} is not the zip member"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn rich_text_is_refused_by_its_bytes() {
    let ex = ogi::extract(b"{\\rtf1\\ansi \\b report\\b0}", None);
    assert_eq!(ex.status.as_str(), "unsupported");
    assert!(ex.reason.contains("RTF is not read"), "{}", ex.reason);
}

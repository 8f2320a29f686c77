/*!
The bodies of the fuzz targets, one function per target taking arbitrary bytes. The cargo-fuzz
binaries in `fuzz/` call them under libFuzzer; `tests/fuzz_smoke.rs` calls the same functions on a
seeded, mutated corpus on the stable toolchain, so every target is built and exercised by
`cargo test` even where cargo-fuzz cannot run. Each panics only on a broken property. Behind the
`synth` feature: the DOCX target packages its input with the generator's writer.
*/

use crate::layout::{doc, docx, html, pdf, text};
use crate::solve::{solve_table, CellKind, RowInput, RowOutcome};
use std::collections::HashMap;

/// A fuzz target's body: panics only on a broken property.
pub type Target = fn(&[u8]);

/// The fuzz targets by name, as in `fuzz/Cargo.toml`.
pub const TARGETS: &[(&str, Target)] = &[
    ("decode", decode),
    ("layout_html", layout_html),
    ("layout_text", layout_text),
    ("layout_pdf", layout_pdf),
    ("layout_docx", layout_docx),
    ("layout_doc", layout_doc),
    ("extract", extract),
    ("solver", solver),
    ("archive", archive),
];

/// Bytes → text: any input decodes, and UTF-8 input without a BOM comes back unchanged.
pub fn decode(data: &[u8]) {
    let d = crate::decode::decode(data, None);
    if let Ok(s) = std::str::from_utf8(data) {
        if !data.starts_with(&[0xEF, 0xBB, 0xBF]) {
            assert_eq!(d.text, s);
        }
    }
    let _ = crate::decode::decode(data, Some("gb2312"));
}

/// HTML layout on any UTF-8 text; the stream is well formed.
pub fn layout_html(data: &[u8]) {
    if let Ok(s) = std::str::from_utf8(data) {
        let _ = html::lay_out(s).stream();
    }
}

/// Loose-text layout on any UTF-8 text.
pub fn layout_text(data: &[u8]) {
    if let Ok(s) = std::str::from_utf8(data) {
        let _ = text::lay_out(s, crate::template::Headings::builtin()).stream();
    }
}

/// PDF layout on any bytes, whatever the reader makes of the file.
pub fn layout_pdf(data: &[u8]) {
    if let Ok(layout) = pdf::lay_out(data, &pdf::PdfLimits::default()) {
        let _ = layout.stream();
    }
}

/// DOCX layout: zip bytes as they are, any other input as the body XML of a well-formed package,
/// so that the XML scanner is reached.
pub fn layout_docx(data: &[u8]) {
    let bytes = if data.starts_with(b"PK") {
        data.to_vec()
    } else {
        crate::synth::docx::package(&String::from_utf8_lossy(data))
    };
    if let Ok(layout) = docx::lay_out(&bytes) {
        let _ = layout.stream();
    }
}

/// Legacy Word layout on any bytes (seeded with the `.doc` fixtures).
pub fn layout_doc(data: &[u8]) {
    if let Ok(layout) = doc::lay_out(data) {
        let _ = layout.stream();
    }
}

/// The whole pipeline on any bytes: every printed value is a plain decimal string.
pub fn extract(data: &[u8]) {
    let ex = crate::extractor::extract(data, None);
    for c in &ex.cells {
        if let Some(v) = &c.value {
            assert!(
                !v.is_empty()
                    && v.chars()
                        .all(|ch| ch.is_ascii_digit() || ch == '.' || ch == '-'),
                "{v:?}"
            );
        }
    }
}

/// The glued-cell solver on lines of space-separated pieces: bounded, and a unique split re-glues
/// to the input digits.
pub fn solver(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let mut rows = Vec::new();
    for line in text.lines().take(30) {
        let pieces: Vec<String> = line
            .split(' ')
            .filter(|p| !p.is_empty())
            .map(String::from)
            .collect();
        if !pieces.is_empty() {
            rows.push(RowInput::Glued {
                pieces,
                kinds: vec![CellKind::Count; 7],
            });
        }
    }
    let eqs = crate::solve::i2(rows.len());
    let out = solve_table(&rows, &eqs, &HashMap::new());
    for (row, o) in rows.iter().zip(out) {
        if let (RowInput::Glued { pieces, .. }, RowOutcome::Unique(values)) = (row, o) {
            // Whitespace inside a piece is not part of any number.
            let glued: String = pieces
                .concat()
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect();
            let back: String = values.iter().map(|v| v.raw.as_str()).collect();
            assert_eq!(glued, back);
        }
    }
}

/// WARC and zip readers on any file: listing and reading the first entries.
pub fn archive(data: &[u8]) {
    use std::sync::atomic::{AtomicU64, Ordering};
    static CALL: AtomicU64 = AtomicU64::new(0);
    let dir = std::env::temp_dir().join(format!(
        "ogi-fuzz-archive-{}-{}",
        std::process::id(),
        CALL.fetch_add(1, Ordering::Relaxed)
    ));
    if std::fs::create_dir_all(&dir).is_err() {
        return;
    }
    for name in ["f.warc", "f.warc.gz", "f.zip"] {
        let path = dir.join(name);
        if std::fs::write(&path, data).is_err() {
            break;
        }
        if let Ok(listing) = crate::run::archive::list(&path) {
            for e in listing.entries.iter().take(20) {
                let _ = crate::run::archive::read(&path, &e.locator, 1 << 20);
            }
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}

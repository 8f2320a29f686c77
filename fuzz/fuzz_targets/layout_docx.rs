//! DOCX layout on arbitrary input: zip bytes as they are (seeded with generated DOCX files), any
//! other input as the body XML of a well-formed package, so that the XML scanner is reached. No
//! panic; a layout's stream is well formed.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let docx = if bytes.starts_with(b"PK") {
        bytes.to_vec()
    } else {
        ogi::internals::docx_package(&String::from_utf8_lossy(bytes))
    };
    if let Ok(layout) = ogi::internals::lay_out_docx(&docx) {
        let _ = layout.stream();
    }
});

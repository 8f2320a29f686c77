//! PDF layout on arbitrary bytes (seeded with generated and real PDFs): no panic, whatever the
//! reader makes of the file; a layout's stream is well formed.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let limits = ogi::internals::PdfLimits::default();
    if let Ok(layout) = ogi::internals::lay_out_pdf(bytes, &limits) {
        let _ = layout.stream();
    }
});

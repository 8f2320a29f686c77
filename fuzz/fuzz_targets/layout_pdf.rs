//! PDF layout on arbitrary bytes (seeded with generated and real PDFs): no panic.
//! The body is `ogi::internals::fuzzing::layout_pdf`, which `tests/fuzz_smoke.rs` also runs on stable.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| ogi::internals::fuzzing::layout_pdf(data));

//! HTML layout on arbitrary text: no panic, the stream is well formed.
//! The body is `ogi::internals::fuzzing::layout_html`, which `tests/fuzz_smoke.rs` also runs on stable.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| ogi::internals::fuzzing::layout_html(data));

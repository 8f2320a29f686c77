//! Loose-text layout on arbitrary text: no panic.
//! The body is `ogi::internals::fuzzing::layout_text`, which `tests/fuzz_smoke.rs` also runs on stable.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| ogi::internals::fuzzing::layout_text(data));

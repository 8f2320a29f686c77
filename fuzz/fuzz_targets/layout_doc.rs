//! Legacy Word (.doc) layout on arbitrary bytes (seeded with the .doc fixtures): no panic.
//! The body is `ogi::internals::fuzzing::layout_doc`, which `tests/fuzz_smoke.rs` also runs on stable.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| ogi::internals::fuzzing::layout_doc(data));

//! The whole pipeline on any bytes: no panic, printed values are plain decimals.
//! The body is `ogi::internals::fuzzing::extract`, which `tests/fuzz_smoke.rs` also runs on stable.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| ogi::internals::fuzzing::extract(data));

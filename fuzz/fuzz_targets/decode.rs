//! Bytes → text: any input decodes, UTF-8 input comes back unchanged.
//! The body is `ogi::internals::fuzzing::decode`, which `tests/fuzz_smoke.rs` also runs on stable.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| ogi::internals::fuzzing::decode(data));

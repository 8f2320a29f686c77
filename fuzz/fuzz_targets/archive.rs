//! WARC and zip readers on arbitrary files: listing and reading never panic.
//! The body is `ogi::internals::fuzzing::archive`, which `tests/fuzz_smoke.rs` also runs on stable.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| ogi::internals::fuzzing::archive(data));

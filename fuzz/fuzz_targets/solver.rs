//! The glued-cell solver on arbitrary pieces: bounded, unique splits re-glue to the input.
//! The body is `ogi::internals::fuzzing::solver`, which `tests/fuzz_smoke.rs` also runs on stable.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| ogi::internals::fuzzing::solver(data));

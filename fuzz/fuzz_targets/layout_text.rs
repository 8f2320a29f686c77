//! Loose-text layout on arbitrary text: no panic.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let layout = ogi::internals::lay_out_text(text);
    let _ = layout.stream();
});

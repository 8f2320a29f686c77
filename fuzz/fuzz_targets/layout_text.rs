//! Loose-text layout on arbitrary text: no panic.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let layout = ogi::layout::text::lay_out(text);
    let _ = layout.stream();
});

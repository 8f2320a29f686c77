//! HTML layout on arbitrary text: no panic, and the stream is well formed.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let layout = ogi::internals::lay_out_html(text);
    let _ = layout.stream();
});

//! The whole pipeline (decode, layout, recognition, glued cells, validation) on any bytes.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let ex = ogi::extract(data, None);
    // Every printed value is a plain decimal string.
    for c in &ex.cells {
        if let Some(v) = &c.value {
            assert!(!v.is_empty() && v.chars().all(|ch| ch.is_ascii_digit() || ch == '.' || ch == '-'), "{v:?}");
        }
    }
});

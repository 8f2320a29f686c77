//! Bytes → text: any input decodes without panicking, and UTF-8 input comes back unchanged.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let d = ogi::internals::decode(data, None);
    if let Ok(s) = std::str::from_utf8(data) {
        if !data.starts_with(&[0xEF, 0xBB, 0xBF]) {
            assert_eq!(d.text, s);
        }
    }
    let _ = ogi::internals::decode(data, Some("gb2312"));
});

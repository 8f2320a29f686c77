//! WARC and zip readers on arbitrary files: listing and reading never panic.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let dir = std::env::temp_dir().join(format!("ogi-fuzz-archive-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    for name in ["f.warc", "f.warc.gz", "f.zip"] {
        let path = dir.join(name);
        if std::fs::write(&path, data).is_err() {
            return;
        }
        if let Ok(listing) = ogi::internals::archive_list(&path) {
            for e in listing.entries.iter().take(20) {
                let _ = ogi::internals::archive_read(&path, &e.locator, 1 << 20);
            }
        }
    }
});

/*!
Zip archives of pages: every file entry with a document extension is a document. Opening a zip
parses its whole central directory, so each worker thread keeps the archive it read last open:
the entries of one archive are consecutive sources, and reading each of them by opening the
archive anew made a zip of n entries cost n² (3,000 entries: 84 s, see `benches/zip.sh`).
*/

use super::{ArchiveError, Entry, Listing, Locator};
use std::cell::RefCell;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

fn open(path: &Path) -> Result<zip::ZipArchive<std::fs::File>, ArchiveError> {
    let file = std::fs::File::open(path)
        .map_err(|e| ArchiveError::Io(path.display().to_string(), e.to_string()))?;
    zip::ZipArchive::new(file)
        .map_err(|e| ArchiveError::Format(path.display().to_string(), e.to_string()))
}

/// `.png file`, or `file without extension`.
fn skip_reason(name: &str) -> String {
    let file = name.rsplit('/').next().unwrap_or(name);
    match file.rsplit_once('.') {
        Some((_, ext)) if !ext.is_empty() => format!(".{} file", ext.to_ascii_lowercase()),
        _ => "file without a document extension".to_string(),
    }
}

pub fn list(path: &Path) -> Result<Listing, ArchiveError> {
    let mut archive = open(path)?;
    let mut listing = Listing::default();
    for index in 0..archive.len() {
        match archive.by_index_raw(index) {
            Ok(f) if !f.is_file() => {}
            Ok(f) => {
                let name = f.name();
                if let Some(what) = super::nested_kind("", name) {
                    listing.nested.push((name.to_string(), what));
                } else if super::is_document_name(name) {
                    listing.entries.push(Entry {
                        id: name.to_string(),
                        url: None,
                        charset: None,
                        locator: Locator::Zip { index },
                    });
                } else {
                    *listing.skipped.entry(skip_reason(name)).or_default() += 1;
                }
            }
            Err(e) => listing
                .errors
                .push((format!("{}#{index}", path.display()), e.to_string())),
        }
    }
    Ok(listing)
}

/// A zip as it was when opened: a changed file (same path, other length or time) is opened anew.
#[derive(PartialEq, Eq)]
struct Identity {
    path: PathBuf,
    len: u64,
    modified: Option<SystemTime>,
}

thread_local! {
    /// The archive this thread read from last.
    static OPEN: RefCell<Option<(Identity, zip::ZipArchive<std::fs::File>)>> =
        const { RefCell::new(None) };
}

pub fn read(path: &Path, index: usize, max_bytes: u64) -> Result<Vec<u8>, ArchiveError> {
    let meta = std::fs::metadata(path)
        .map_err(|e| ArchiveError::Io(path.display().to_string(), e.to_string()))?;
    let identity = Identity {
        path: path.to_path_buf(),
        len: meta.len(),
        modified: meta.modified().ok(),
    };
    OPEN.with(|slot| {
        let mut slot = slot.borrow_mut();
        match slot.as_mut() {
            Some((open, archive)) if *open == identity => {
                read_entry(archive, path, index, max_bytes)
            }
            _ => {
                *slot = None;
                let mut archive = open(path)?;
                let result = read_entry(&mut archive, path, index, max_bytes);
                *slot = Some((identity, archive));
                result
            }
        }
    })
}

fn read_entry(
    archive: &mut zip::ZipArchive<std::fs::File>,
    path: &Path,
    index: usize,
    max_bytes: u64,
) -> Result<Vec<u8>, ArchiveError> {
    let name = format!("{}#{index}", path.display());
    let file = archive
        .by_index(index)
        .map_err(|e| ArchiveError::Damaged(name.clone(), e.to_string()))?;
    if file.size() > max_bytes {
        return Err(ArchiveError::TooLarge(name, max_bytes));
    }
    // The declared size can lie (zip bombs): the read itself is bounded too.
    let mut out = Vec::new();
    file.take(max_bytes + 1)
        .read_to_end(&mut out)
        .map_err(|e| ArchiveError::Damaged(name.clone(), e.to_string()))?;
    if out.len() as u64 > max_bytes {
        return Err(ArchiveError::TooLarge(name, max_bytes));
    }
    Ok(out)
}

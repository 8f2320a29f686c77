/*!
Zip archives of pages: every file entry with a document extension is a document.
*/

use super::{ArchiveError, Entry, Listing, Locator};
use std::io::Read;
use std::path::Path;

fn open(path: &Path) -> Result<zip::ZipArchive<std::fs::File>, ArchiveError> {
    let file = std::fs::File::open(path)
        .map_err(|e| ArchiveError::Io(path.display().to_string(), e.to_string()))?;
    zip::ZipArchive::new(file)
        .map_err(|e| ArchiveError::Format(path.display().to_string(), e.to_string()))
}

pub fn list(path: &Path) -> Result<Listing, ArchiveError> {
    let mut archive = open(path)?;
    let mut listing = Listing::default();
    for index in 0..archive.len() {
        match archive.by_index_raw(index) {
            Ok(f) => {
                if f.is_file() && super::is_document_name(f.name()) {
                    listing.entries.push(Entry {
                        id: f.name().to_string(),
                        url: None,
                        charset: None,
                        locator: Locator::Zip { index },
                    });
                } else {
                    listing.skipped += 1;
                }
            }
            Err(e) => listing
                .errors
                .push((format!("{}#{index}", path.display()), e.to_string())),
        }
    }
    Ok(listing)
}

pub fn read(path: &Path, index: usize, max_bytes: u64) -> Result<Vec<u8>, ArchiveError> {
    let mut archive = open(path)?;
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

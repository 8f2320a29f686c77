/*!
Documents inside web archives and zip files. Harvesting teams keep pages in WARC files (`.warc`,
`.warc.gz`, as written by `wget --warc-file`, Heritrix, Browsertrix) and zip archives; each HTTP
response (or resource record) holding an HTML or text document, and each document file of a zip,
is one document. Listing records only their place in the archive, never their bodies, so archives
of any size are listed in bounded memory; bodies are read one at a time when extracted. What is not
a document is counted by kind (`HTTP 404`, `image/png`), and archives inside archives are named,
not read.
*/

mod http;
mod warc;
mod zipfile;

use std::path::Path;

/// Where an entry's bytes are in its archive.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Locator {
    /// A WARC record: byte offset of the record (plain) or of its gzip member, and the record's
    /// index within that member.
    Warc { offset: u64, index: u32, gzip: bool },
    /// A zip entry by index.
    Zip { index: usize },
}

/// One document of an archive.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Entry {
    /// WARC-Record-ID as printed (`<urn:uuid:…>`), or the path inside a zip.
    pub id: String,
    /// WARC-Target-URI.
    pub url: Option<String>,
    /// Charset of the HTTP `Content-Type`, which takes part in encoding detection.
    pub charset: Option<String>,
    pub locator: Locator,
}

/// What listing an archive found: documents, and records that could not be read.
#[derive(Debug, Default)]
pub struct Listing {
    pub entries: Vec<Entry>,
    /// `(where, why)` for records that were damaged; the others are still listed.
    pub errors: Vec<(String, String)>,
    /// Zip or WARC files inside the archive, `(id, kind)`: reported, not read.
    pub nested: Vec<(String, &'static str)>,
    /// Records that were not documents, counted by reason (`HTTP 404`, `image/png`, `request
    /// record` …), so that an archive without documents can say what it held.
    pub skipped: std::collections::BTreeMap<String, usize>,
}

impl Listing {
    /// Number of records that were not documents.
    pub fn skipped_total(&self) -> usize {
        self.skipped.values().sum()
    }

    /// What an archive that holds no document gave instead: `no HTML or text document among its
    /// 3 records (2 HTTP 404, 1 image/png)`.
    pub fn nothing_read(&self) -> String {
        let n = self.skipped_total();
        if n == 0 {
            return "an archive with no records".to_string();
        }
        let parts: Vec<String> = self
            .skipped
            .iter()
            .map(|(why, k)| format!("{k} {why}"))
            .collect();
        let records = if n == 1 { "record" } else { "records" };
        format!(
            "no HTML or text document among its {n} {records} ({})",
            parts.join(", ")
        )
    }
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ArchiveError {
    #[error("{0}: cannot read: {1}")]
    Io(String, String),
    #[error("{0}: not a WARC or zip archive: {1}")]
    Format(String, String),
    #[error("{0}: document larger than the limit of {1} bytes (raise it with --max-bytes)")]
    TooLarge(String, u64),
    #[error("{0}: {1}")]
    Damaged(String, String),
}

/// Whether a path names an archive ogi reads.
pub fn is_archive(path: &Path) -> bool {
    let name = path.to_string_lossy().to_ascii_lowercase();
    name.ends_with(".warc") || name.ends_with(".warc.gz") || name.ends_with(".zip")
}

fn is_zip(path: &Path) -> bool {
    path.to_string_lossy()
        .to_ascii_lowercase()
        .ends_with(".zip")
}

/// Lists the documents of an archive in archive order.
pub fn list(path: &Path) -> Result<Listing, ArchiveError> {
    if is_zip(path) {
        zipfile::list(path)
    } else {
        warc::list(path)
    }
}

/// Reads one document's body, refusing bodies larger than `max_bytes`.
pub fn read(path: &Path, locator: &Locator, max_bytes: u64) -> Result<Vec<u8>, ArchiveError> {
    match locator {
        Locator::Zip { index } => zipfile::read(path, *index, max_bytes),
        Locator::Warc { .. } => warc::read(path, locator, max_bytes),
    }
}

/// Whether an archive member is itself an archive ogi reads (`zip`, `WARC`), from its
/// Content-Type or its name.
pub(crate) fn nested_kind(content_type: &str, name: &str) -> Option<&'static str> {
    let mime = http::mime(content_type);
    let lower = name.to_ascii_lowercase();
    let base = lower.split(['?', '#']).next().unwrap_or("");
    if matches!(
        mime.as_str(),
        "application/zip" | "application/x-zip-compressed"
    ) || base.ends_with(".zip")
    {
        Some("zip")
    } else if mime == "application/warc" || base.ends_with(".warc") || base.ends_with(".warc.gz") {
        Some("WARC")
    } else {
        None
    }
}

/// Document file extensions inside zips and in URLs without a Content-Type.
pub(crate) fn is_document_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    let base = lower.split(['?', '#']).next().unwrap_or("");
    let ext = base
        .rsplit('/')
        .next()
        .and_then(|f| f.rsplit_once('.'))
        .map(|(_, e)| e);
    match ext {
        Some(e) => matches!(
            e,
            "html"
                | "htm"
                | "shtml"
                | "xhtml"
                | "txt"
                | "text"
                | "md"
                | "jsp"
                | "asp"
                | "aspx"
                | "php"
                | "pdf"
                | "doc"
                | "docx"
        ),
        None => true,
    }
}

#[cfg(test)]
mod tests;

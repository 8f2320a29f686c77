/*!
Discovering documents: files and directories given on the command line (directories walked
recursively, in a stable order), archives (each document of a WARC or zip), or `-` for one
document on standard input. Inputs named on the command line must exist (`check_inputs`); a path
found by the walk that cannot be read becomes a source with an error, so the batch goes on and the
error is reported with it. An archive always accounts for itself: a damaged record, an archive
inside it, or no document at all is a row that says so.
*/

use std::path::{Path, PathBuf};

/// Where a document's bytes come from.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Origin {
    File(PathBuf),
    Stdin,
    /// A document inside a WARC or zip archive.
    Archive(PathBuf, crate::run::archive::Entry),
    /// A path that could not be listed or read; the message says why.
    Broken(String),
    /// An archive that holds no document; the message says what it held instead.
    NoDocument(String),
}

/// One input document, named as the user gave it (`samples/x.html`, `-`, `crawl.warc.gz#<urn:…>`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Source {
    pub name: String,
    pub origin: Origin,
}

impl Source {
    fn file(name: String, path: PathBuf) -> Self {
        Source {
            name,
            origin: Origin::File(path),
        }
    }

    fn broken(name: String, why: String) -> Self {
        Source {
            name,
            origin: Origin::Broken(why),
        }
    }

    /// The URL the document was fetched from, for documents from web archives.
    pub fn url(&self) -> Option<&str> {
        match &self.origin {
            Origin::Archive(_, e) => e.url.as_deref(),
            _ => None,
        }
    }

    /// A charset named outside the bytes (the HTTP `Content-Type` of an archived response).
    pub fn charset(&self) -> Option<&str> {
        match &self.origin {
            Origin::Archive(_, e) => e.charset.as_deref(),
            _ => None,
        }
    }
}

/// The documents of an archive as sources (`FILE#ID`), damaged records as broken ones.
fn expand_archive(name: &str, path: &Path, out: &mut Vec<Source>) {
    match crate::run::archive::list(path) {
        Ok(listing) => {
            if listing.entries.is_empty() && listing.nested.is_empty() && listing.errors.is_empty()
            {
                // Still a row, so that an archive of error pages and images is not silently
                // nothing.
                out.push(Source {
                    name: name.to_string(),
                    origin: Origin::NoDocument(listing.nothing_read()),
                });
            }
            for (id, what) in &listing.nested {
                out.push(Source::broken(
                    format!("{name}#{id}"),
                    format!("a {what} archive inside an archive: not read; unpack it and extract what it holds"),
                ));
            }
            for e in listing.entries {
                out.push(Source {
                    name: format!("{name}#{}", e.id),
                    origin: Origin::Archive(path.to_path_buf(), e),
                });
            }
            for (at, why) in listing.errors {
                let at = at
                    .rsplit_once('@')
                    .map_or(at.clone(), |(_, off)| format!("{name}#@{off}"));
                out.push(Source::broken(at, format!("damaged archive record: {why}")));
            }
        }
        Err(e) => out.push(Source::broken(name.to_string(), e.to_string())),
    }
}

/// File extensions read when walking a directory. Files named explicitly are always read.
const DOCUMENT_EXTENSIONS: &[&str] = &[
    "html", "htm", "shtml", "xhtml", "txt", "text", "md", "pdf", "doc", "docx",
];

fn is_document(path: &Path) -> bool {
    match path.extension().and_then(|e| e.to_str()) {
        Some(ext) => DOCUMENT_EXTENSIONS.contains(&ext.to_ascii_lowercase().as_str()),
        None => true,
    }
}

fn display(path: &Path) -> String {
    path.to_string_lossy().into_owned()
}

/// Checks that every input named on the command line can be read. A missing or unreadable one is
/// a mistake in the command (`sampels: No such file or directory`), refused before anything is
/// written, not a row in an output that would replace a finished one.
pub fn check_inputs(inputs: &[String]) -> Result<(), String> {
    for input in inputs.iter().filter(|i| *i != "-") {
        let path = Path::new(input);
        let opened = std::fs::metadata(path).and_then(|m| {
            if m.is_dir() {
                std::fs::read_dir(path).map(drop)
            } else {
                std::fs::File::open(path).map(drop)
            }
        });
        if let Err(e) = opened {
            return Err(format!("{input}: {}", io_reason(&e)));
        }
    }
    Ok(())
}

/// An I/O error as a message, without the `(os error 2)` the standard library appends.
pub fn io_reason(e: &std::io::Error) -> String {
    let text = e.to_string();
    match text.rfind(" (os error ") {
        Some(i) => text[..i].to_string(),
        None => text,
    }
}

/// Lists the documents of the inputs, sorted by name; duplicates (the same path twice) removed.
pub fn discover(inputs: &[String]) -> Vec<Source> {
    let mut out = Vec::new();
    for input in inputs {
        if input == "-" {
            out.push(Source {
                name: "-".into(),
                origin: Origin::Stdin,
            });
            continue;
        }
        let path = PathBuf::from(input);
        match std::fs::metadata(&path) {
            Ok(meta) if meta.is_dir() => walk(&path, &mut out),
            Ok(_) if crate::run::archive::is_archive(&path) => {
                expand_archive(input, &path, &mut out)
            }
            Ok(_) => out.push(Source::file(input.clone(), path)),
            Err(e) => out.push(Source::broken(input.clone(), format!("cannot read: {e}"))),
        }
    }
    out.sort();
    out.dedup_by(|a, b| a.name == b.name);
    out
}

fn walk(dir: &Path, out: &mut Vec<Source>) {
    // Following links reaches documents under symlinked folders; walkdir detects loops and
    // reports them as errors instead of recursing forever.
    for entry in walkdir::WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
    {
        match entry {
            Ok(e) if e.file_type().is_file() && crate::run::archive::is_archive(e.path()) => {
                expand_archive(&display(e.path()), e.path(), out)
            }
            Ok(e) if e.file_type().is_file() && is_document(e.path()) => {
                out.push(Source::file(display(e.path()), e.path().to_path_buf()))
            }
            Ok(_) => {}
            Err(e) => {
                let name = e.path().map_or_else(|| display(dir), display);
                out.push(Source::broken(name, format!("cannot walk: {e}")));
            }
        }
    }
}

/// Why a source gave no bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadError {
    /// The bytes could not be read at all (missing, unreadable, a loop).
    Io(String),
    /// Readable, but over the size limit: refused without reading it whole.
    TooLarge(String),
    /// An archive read whole that holds no document (status `not_a_report`).
    NoDocument(String),
}

impl ReadError {
    pub fn message(&self) -> &str {
        match self {
            ReadError::Io(m) | ReadError::TooLarge(m) | ReadError::NoDocument(m) => m,
        }
    }

    /// The status of the source's row: only an archive without documents was read.
    pub fn status(&self) -> crate::model::Status {
        match self {
            ReadError::NoDocument(_) => crate::model::Status::NotAReport,
            ReadError::Io(_) | ReadError::TooLarge(_) => crate::model::Status::Error,
        }
    }
}

/// Reads a source's bytes, refusing documents larger than `max_bytes`.
pub fn read(source: &Source, max_bytes: u64) -> Result<Vec<u8>, ReadError> {
    use std::io::Read;
    match &source.origin {
        Origin::Broken(why) => Err(ReadError::Io(why.clone())),
        Origin::NoDocument(what) => Err(ReadError::NoDocument(what.clone())),
        Origin::Archive(path, entry) => crate::run::archive::read(path, &entry.locator, max_bytes)
            .map_err(|e| match e {
                crate::run::archive::ArchiveError::TooLarge(..) => {
                    ReadError::TooLarge(e.to_string())
                }
                _ => ReadError::Io(e.to_string()),
            }),
        Origin::Stdin => {
            let mut buf = Vec::new();
            std::io::stdin()
                .take(max_bytes + 1)
                .read_to_end(&mut buf)
                .map_err(|e| ReadError::Io(format!("cannot read standard input: {e}")))?;
            if buf.len() as u64 > max_bytes {
                return Err(too_large(max_bytes));
            }
            Ok(buf)
        }
        Origin::File(path) => {
            let io = |e: std::io::Error| ReadError::Io(format!("cannot read: {e}"));
            let file = std::fs::File::open(path).map_err(io)?;
            // Sized from the file's length (one allocation, no regrowth); the limit still holds
            // for a file that grows while it is read.
            let size = file.metadata().map_or(0, |m| m.len()).min(max_bytes) + 1;
            let mut buf = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
            file.take(max_bytes + 1).read_to_end(&mut buf).map_err(io)?;
            if buf.len() as u64 > max_bytes {
                return Err(too_large(max_bytes));
            }
            Ok(buf)
        }
    }
}

fn too_large(max_bytes: u64) -> ReadError {
    ReadError::TooLarge(format!(
        "document larger than the limit of {max_bytes} bytes (raise it with --max-bytes)"
    ))
}

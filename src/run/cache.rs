/*!
The extraction cache that makes reruns incremental and interruptions harmless. It lives in the
output folder (`DIR/.ogi/`): `cache.jsonl` holds the extractions of the last complete run, and
`journal.jsonl` is appended to, chunk by chunk, while a run goes on. A rerun reuses every entry
whose content hash and extractor version match, so only new or changed documents are
extracted; a run killed at any moment (even `kill -9`) leaves both files readable up to their last
complete line, and the next run continues from there. At the end of a run the cache holds exactly
the documents of that run (vanished sources drop out): rewritten from both files, or, when one of
them already holds exactly those entries in order, that file as it is; the journal is removed.
*/

use crate::model::{
    Cell, Check, CheckStatus, ContentHash, Extraction, Format, Method, Status, TemplateId, Warning,
    WarningCode,
};
use crate::run::RunError;
use crate::template::dictionary::{key_of, table_of};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::fs::File;
use std::io::{BufRead, BufReader, BufWriter, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// A content hash as a key: the 32 bytes of a SHA-256 rather than its 64 hex digits, so that
/// the sets and indexes a run keeps per document stay small on corpora of millions.
pub type ContentKey = ContentHash;

/// The key of a hex SHA-256 as written in an output (any other text gets the SHA-256 of itself,
/// still one key per text).
pub fn content_key(sha_hex: &str) -> ContentKey {
    ContentHash::from_hex(sha_hex).unwrap_or_else(|| ContentHash::of(sha_hex.as_bytes()))
}

/// The extractor's version: the crate version and a fingerprint of its source code.
pub const EXTRACTOR_VERSION: &str =
    concat!(env!("CARGO_PKG_VERSION"), "+", env!("OGI_SOURCE_HASH"));

/// `(table, row, col, value, raw, method)`.
type StoredCell = (String, String, String, Option<String>, String, String);
/// `(check, status, lhs, rhs, detail)`.
type StoredCheck = (String, String, Option<i64>, Option<i64>, String);

/// An extraction as stored: tuples keep the file small (about 50 bytes per cell).
#[derive(Debug, Deserialize)]
struct Stored {
    id: String,
    sha: String,
    bytes: u64,
    format: String,
    encoding: String,
    template: String,
    agency: String,
    year: Option<u16>,
    title: String,
    #[serde(default)]
    site: String,
    status: String,
    reason: String,
    cells: Vec<StoredCell>,
    checks: Vec<StoredCheck>,
    warnings: Vec<(String, String)>,
}

/// The same entry, borrowed from an extraction for writing (no copies of its strings).
#[derive(Serialize)]
struct StoredRef<'a> {
    v: &'a str,
    id: &'a str,
    sha: String,
    bytes: u64,
    format: &'a str,
    encoding: &'a str,
    template: &'a str,
    agency: &'a str,
    year: Option<u16>,
    title: &'a str,
    site: &'a str,
    status: &'a str,
    reason: &'a str,
    cells: Vec<StoredCellRef<'a>>,
    checks: Vec<StoredCheckRef<'a>>,
    warnings: Vec<(&'a str, &'a str)>,
}

type StoredCellRef<'a> = (&'a str, &'a str, &'a str, Option<&'a str>, &'a str, &'a str);
type StoredCheckRef<'a> = (&'a str, &'a str, Option<i64>, Option<i64>, &'a str);

impl<'a> StoredRef<'a> {
    fn new(ex: &'a Extraction) -> Self {
        StoredRef {
            v: EXTRACTOR_VERSION,
            id: &ex.report_id,
            sha: ex.sha256.to_string(),
            bytes: ex.bytes,
            format: ex.format.map_or("", |f| f.as_str()),
            encoding: &ex.encoding,
            template: ex.template.as_str(),
            agency: &ex.agency,
            year: ex.year,
            title: &ex.title,
            site: &ex.site_code,
            status: ex.status.as_str(),
            reason: &ex.reason,
            cells: ex
                .cells
                .iter()
                .map(|c| {
                    (
                        c.key.table.as_str(),
                        c.key.row,
                        c.key.col,
                        c.value.as_deref(),
                        c.raw.as_str(),
                        c.method.as_str(),
                    )
                })
                .collect(),
            checks: ex
                .checks
                .iter()
                .map(|c| {
                    (
                        c.check.as_str(),
                        c.status.as_str(),
                        c.lhs,
                        c.rhs,
                        c.detail.as_str(),
                    )
                })
                .collect(),
            warnings: ex
                .warnings
                .iter()
                .map(|w| (w.code.as_str(), w.detail.as_str()))
                .collect(),
        }
    }
}

impl Stored {
    /// Back to an extraction; `None` when any name is not in the vocabulary (a cache written by
    /// another version), so the document is extracted again instead.
    fn into_extraction(self) -> Option<Extraction> {
        let mut cells = Vec::with_capacity(self.cells.len());
        for (table, row, col, value, raw, method) in self.cells {
            table_of(&table)?;
            cells.push(Cell {
                key: key_of(&table, &row, &col)?,
                value,
                raw,
                method: Method::from_name(&method)?,
            });
        }
        let mut checks = Vec::with_capacity(self.checks.len());
        for (check, status, lhs, rhs, detail) in self.checks {
            checks.push(Check {
                check,
                status: CheckStatus::from_name(&status)?,
                lhs,
                rhs,
                detail,
            });
        }
        Some(Extraction {
            report_id: self.id,
            sha256: ContentHash::from_hex(&self.sha)?,
            bytes: self.bytes,
            format: if self.format.is_empty() {
                None
            } else {
                Some(Format::from_name(&self.format)?)
            },
            encoding: self.encoding,
            template: TemplateId::from_name(&self.template)?,
            agency: self.agency,
            year: self.year,
            title: self.title,
            site_code: self.site,
            status: Status::from_name(&self.status)?,
            reason: self.reason,
            cells,
            checks,
            warnings: self
                .warnings
                .into_iter()
                .map(|(code, detail)| Some(Warning::new(WarningCode::from_name(&code)?, detail)))
                .collect::<Option<_>>()?,
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FileId {
    Cache,
    Journal,
}

#[derive(Debug, Clone, Copy)]
struct Slot {
    file: FileId,
    offset: u64,
    len: u64,
}

/// Only the version and hash are read when indexing, not the whole entry.
#[derive(Deserialize)]
struct Head {
    v: String,
    sha: String,
}

fn cache_path(dir: &Path) -> PathBuf {
    dir.join(".ogi").join("cache.jsonl")
}

fn journal_path(dir: &Path) -> PathBuf {
    dir.join(".ogi").join("journal.jsonl")
}

fn rewrite_path(dir: &Path) -> PathBuf {
    dir.join(".ogi").join("cache.jsonl.tmp")
}

/// Removes the half-written cache a failed commit may have left (the journal is kept: it is
/// what an interrupted run continues from).
pub fn remove_leftovers(dir: &Path) -> Result<(), RunError> {
    let tmp = rewrite_path(dir);
    match std::fs::remove_file(&tmp) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
            Err(format!("cannot remove {}: {e}", tmp.display()).into())
        }
        _ => Ok(()),
    }
}

/// Indexes the complete lines of a JSON-lines file whose version matches; returns the length of
/// its complete part.
fn index_file(path: &Path, file: FileId, index: &mut HashMap<ContentKey, Slot>) -> u64 {
    let Ok(f) = File::open(path) else {
        return 0;
    };
    let mut reader = BufReader::with_capacity(1 << 20, f);
    let mut offset = 0u64;
    let mut line = Vec::new();
    loop {
        line.clear();
        let n = match reader.read_until(b'\n', &mut line) {
            Ok(0) | Err(_) => break,
            Ok(n) => n as u64,
        };
        // A line without its newline was cut by an interruption: ignore it.
        if line.last() != Some(&b'\n') {
            break;
        }
        if let Ok(head) = serde_json::from_slice::<Head>(&line) {
            if head.v == EXTRACTOR_VERSION {
                index.insert(
                    content_key(&head.sha),
                    Slot {
                        file,
                        offset,
                        len: n,
                    },
                );
            }
        }
        offset += n;
    }
    offset
}

/// The read side: stored extractions of a folder, indexed by content hash.
pub struct Store {
    index: HashMap<ContentKey, Slot>,
    cache_file: Option<Mutex<File>>,
    journal_file: Option<Mutex<File>>,
}

impl Store {
    /// Indexes a folder's committed cache (and, unless `force`, an interrupted run's journal).
    fn open(dir: &Path, with_journal: bool) -> (Self, u64) {
        let mut index = HashMap::new();
        index_file(&cache_path(dir), FileId::Cache, &mut index);
        let journal_len = if with_journal {
            index_file(&journal_path(dir), FileId::Journal, &mut index)
        } else {
            0
        };
        let store = Store {
            index,
            cache_file: File::open(cache_path(dir)).ok().map(Mutex::new),
            journal_file: None,
        };
        (store, journal_len)
    }

    /// A folder's committed cache, read only (used by `merge`).
    pub fn open_committed(dir: &Path) -> Self {
        Store::open(dir, false).0
    }

    /// Whether an extraction of this content by this version is stored.
    pub fn contains(&self, sha: ContentKey) -> bool {
        self.index.contains_key(&sha)
    }

    fn read_slot(&self, slot: Slot) -> Option<Vec<u8>> {
        let file = match slot.file {
            FileId::Cache => self.cache_file.as_ref()?,
            FileId::Journal => self.journal_file.as_ref()?,
        };
        let mut f = file.lock().ok()?;
        f.seek(SeekFrom::Start(slot.offset)).ok()?;
        let mut buf = vec![0; usize::try_from(slot.len).ok()?];
        f.read_exact(&mut buf).ok()?;
        Some(buf)
    }

    /// The stored extraction of this content, if any and readable.
    pub fn load(&self, sha: ContentKey) -> Option<Extraction> {
        self.decode_slot(*self.index.get(&sha)?)
    }

    fn decode_slot(&self, slot: Slot) -> Option<Extraction> {
        let bytes = self.read_slot(slot)?;
        serde_json::from_slice::<Stored>(&bytes)
            .ok()?
            .into_extraction()
    }
}

/// The journal of a run: extractions appended as they are written, indexed by content hash.
pub struct Journal {
    writer: BufWriter<File>,
    len: u64,
    index: HashMap<ContentKey, Slot>,
}

impl Journal {
    /// Records a fresh extraction (made durable by `sync`).
    pub fn record(&mut self, ex: &Extraction) -> Result<(), RunError> {
        let mut line = serde_json::to_vec(&StoredRef::new(ex))
            .map_err(|e| format!("cannot encode cache entry: {e}"))?;
        line.push(b'\n');
        self.writer
            .write_all(&line)
            .map_err(|e| RunError::Failed(format!("cannot write the journal: {e}")))?;
        self.index.insert(
            ex.sha256,
            Slot {
                file: FileId::Journal,
                offset: self.len,
                len: line.len() as u64,
            },
        );
        self.len += line.len() as u64;
        Ok(())
    }

    /// Pushes the journal to the file, so an interruption keeps the work recorded so far.
    pub fn sync(&mut self) -> Result<(), RunError> {
        self.writer
            .flush()
            .map_err(|e| RunError::Failed(format!("cannot write the journal: {e}")))
    }

    /// An extraction recorded in this run (after `sync`), else one stored by an earlier run.
    pub fn load(&self, store: &Store, sha: ContentKey) -> Option<Extraction> {
        match self.index.get(&sha) {
            Some(slot) => store.decode_slot(*slot),
            None => store.load(sha),
        }
    }
}

/// The cache of one output folder during a run: what earlier runs stored (read by the workers),
/// and the journal this run appends to (written by the writer alone).
pub struct Cache {
    dir: PathBuf,
    store: Store,
    journal: Journal,
}

impl Cache {
    /// Opens the cache of `dir`. With `force`, nothing old is reused (but the journal still
    /// records this run, so an interruption loses nothing).
    pub fn open(dir: &Path, force: bool) -> Result<Self, RunError> {
        let meta = dir.join(".ogi");
        std::fs::create_dir_all(&meta).map_err(RunError::io("create", &meta))?;
        let (mut store, journal_len) = if force {
            (
                Store {
                    index: HashMap::new(),
                    cache_file: None,
                    journal_file: None,
                },
                0,
            )
        } else {
            Store::open(dir, true)
        };
        let jpath = journal_path(dir);
        let io = |e: std::io::Error| format!("cannot write {}: {e}", jpath.display());
        // Keep only the complete lines of an interrupted journal, then append after them.
        let journal = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&jpath)
            .map_err(io)?;
        journal.set_len(journal_len).map_err(io)?;
        let mut writer = BufWriter::with_capacity(1 << 20, journal);
        writer.seek(SeekFrom::Start(journal_len)).map_err(io)?;
        store.journal_file = File::open(&jpath).ok().map(Mutex::new);
        Ok(Cache {
            dir: dir.to_path_buf(),
            store,
            journal: Journal {
                writer,
                len: journal_len,
                index: HashMap::new(),
            },
        })
    }

    /// The stored extractions (shared by the workers) and the journal (for the one writer).
    pub fn parts(&mut self) -> (&Store, &mut Journal) {
        (&self.store, &mut self.journal)
    }

    /// Records a fresh extraction in the journal (made durable by `sync`).
    pub fn record(&mut self, ex: &Extraction) -> Result<(), RunError> {
        self.journal.record(ex)
    }

    /// Rewrites the cache with exactly `keep` (content hashes, in order) and removes the journal.
    /// When one file already holds exactly those entries in that order (the journal of a full
    /// run, the cache of a rerun that changed nothing), it becomes the cache as it is.
    pub fn commit(mut self, keep: &[ContentKey]) -> Result<(), RunError> {
        self.journal.sync()?;
        let mut written = std::collections::HashSet::new();
        let slots: Vec<Option<Slot>> = keep
            .iter()
            .filter(|key| written.insert(*key))
            .map(|key| {
                self.journal
                    .index
                    .get(key)
                    .or_else(|| self.store.index.get(key))
                    .copied()
            })
            .collect();
        let journal = journal_path(&self.dir);
        let cache = cache_path(&self.dir);
        let cache_len = std::fs::metadata(&cache).map_or(0, |m| m.len());
        if exactly(&slots, FileId::Journal, self.journal.len) {
            self.journal
                .writer
                .get_ref()
                .sync_all()
                .map_err(RunError::io("write", &cache))?;
            drop(self.journal);
            return std::fs::rename(&journal, &cache).map_err(RunError::io("write", &cache));
        }
        if !slots.is_empty() && exactly(&slots, FileId::Cache, cache_len) {
            drop(self.journal);
            return std::fs::remove_file(&journal).map_err(RunError::io("remove", &journal));
        }
        let tmp = rewrite_path(&self.dir);
        let io = |e: std::io::Error| format!("cannot write {}: {e}", tmp.display());
        let mut out = BufWriter::with_capacity(1 << 20, File::create(&tmp).map_err(io)?);
        for slot in slots.into_iter().flatten() {
            if let Some(bytes) = self.store.read_slot(slot) {
                out.write_all(&bytes).map_err(io)?;
            }
        }
        let file = out.into_inner().map_err(|e| io(e.into_error()))?;
        file.sync_all().map_err(io)?;
        std::fs::rename(&tmp, &cache).map_err(io)?;
        drop(self.journal);
        std::fs::remove_file(&journal).map_err(io)?;
        Ok(())
    }
}

/// Whether the slots are the whole of one file, in order: every entry found, in `file`, each
/// starting where the previous ended, from the start to `len`.
fn exactly(slots: &[Option<Slot>], file: FileId, len: u64) -> bool {
    let mut at = 0u64;
    for slot in slots {
        match slot {
            Some(s) if s.file == file && s.offset == at => at += s.len,
            _ => return false,
        }
    }
    at == len
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_keys_are_the_digest_bytes() {
        let hex = ContentHash::of(b"x").to_string();
        let key = content_key(&hex);
        let back = key.to_string();
        assert_eq!(back, hex);
        assert_eq!(content_key(&hex.to_uppercase()), key);
        // Not hex: still one key per text, and never the key of a real digest of it.
        assert_ne!(content_key("not a digest"), content_key("not a digest!"));
        assert_eq!(content_key("zz"), content_key("zz"));
    }
}

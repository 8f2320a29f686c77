/*!
Many documents in parallel, written in order. Sources are processed in chunks: the documents of a
chunk are read and extracted on the thread pool, then handed to a writer thread that writes them in
source order while the pool extracts the next chunk. Memory stays bounded by a few chunks and the
output is byte-identical whatever the number of threads. Identical content under several paths is
extracted once; every path still gets its row in `reports.csv`. Extractions are journaled chunk
by chunk (`cache`), so a rerun reuses what is unchanged and an interrupted run continues where it
stopped. A run holds its folder's lock (`lock`) from start to end, and first removes what an
earlier failed run left half-written. With `--shard K/N`, only the sources whose name hashes to
shard K are processed; `run.json` marks a folder complete.
*/

use crate::extractor::Extractor;
use crate::model::{ContentHash, Extraction, Status};
use crate::run::cache::{Cache, ContentKey, Journal, Store, EXTRACTOR_VERSION};
use crate::run::lock::FolderLock;
use crate::run::output::{remove_leftovers, write_atomically, Outputs, ReportRow, Style, Target};
use crate::run::source::{read, ReadError, Source};
use crate::run::RunError;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// The completion marker of an output folder.
pub const MARKER: &str = "run.json";

/// One of N disjoint parts of a corpus.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Shard {
    pub index: u32,
    pub count: u32,
}

impl Shard {
    /// Parses `K/N` with 0 ≤ K < N.
    pub fn parse(text: &str) -> Result<Shard, String> {
        let (k, n) = text
            .split_once('/')
            .ok_or_else(|| format!("--shard {text:?}: expected K/N, e.g. 0/4"))?;
        let index: u32 = k
            .trim()
            .parse()
            .map_err(|_| format!("--shard {text:?}: K is not a number"))?;
        let count: u32 = n
            .trim()
            .parse()
            .map_err(|_| format!("--shard {text:?}: N is not a number"))?;
        if count == 0 || index >= count {
            return Err(format!("--shard {text:?}: need 0 ≤ K < N"));
        }
        Ok(Shard { index, count })
    }

    /// Whether a source belongs to this shard: a stable hash of its name, the same on every
    /// machine, so N machines split a corpus with no coordination.
    pub fn contains(&self, name: &str) -> bool {
        let digest = ContentHash::of(name.as_bytes()).to_string();
        let head = u64::from_str_radix(&digest[..16], 16).unwrap_or(0);
        head % u64::from(self.count) == u64::from(self.index)
    }
}

/// Options of a batch.
#[derive(Debug, Clone)]
pub struct BatchOptions {
    /// Documents larger than this are refused with status `error`.
    pub max_bytes: u64,
    /// Documents per chunk; bounds memory.
    pub chunk: usize,
    /// Re-extract everything, reusing nothing from earlier runs.
    pub force: bool,
    /// How long tables are written (CSV or JSON lines, Excel-friendly).
    pub style: Style,
    /// The part of the sources this run extracts (`--shard K/N`).
    pub shard: Option<Shard>,
    /// The limits documents are extracted with.
    pub extractor: Extractor,
}

impl Default for BatchOptions {
    fn default() -> Self {
        BatchOptions {
            max_bytes: 64 * 1024 * 1024,
            chunk: 256,
            force: false,
            style: Style::default(),
            shard: None,
            extractor: Extractor::new(),
        }
    }
}

/// What a folder's `run.json` says: written last, so its presence means the folder is complete.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RunMarker {
    pub complete: bool,
    pub extractor_version: String,
    /// SHA-256 of the names of all sources of the run, before sharding.
    pub inputs: String,
    pub shard: Shard,
    pub documents: usize,
    pub style: String,
}

/// What a batch did, for the summary line.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    pub documents: usize,
    pub by_status: [usize; 5],
    pub cells: usize,
    pub checks_failed: usize,
    /// Documents whose extraction was reused from an earlier run.
    pub reused: usize,
    /// Sources that could not be read (status `error`: missing, damaged, over a limit).
    pub unreadable: usize,
    pub elapsed: Duration,
    /// Where the outputs went: the folder, or `standard output`.
    pub out: String,
}

/// `1 document`, `2 documents`.
fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// At most one decimal: `0.4`, `98.5`, `2310`.
fn short(x: f64) -> String {
    if x >= 100.0 {
        format!("{x:.0}")
    } else {
        format!("{x:.1}")
    }
}

impl Summary {
    fn count(&mut self, status: &str) {
        let s = Status::from_name(status).unwrap_or(Status::Error);
        self.by_status[s as usize] += 1;
    }

    /// The documents not read are those with status `error`.
    pub(crate) fn finish(&mut self, start: Instant) {
        self.unreadable = self.by_status[Status::Error as usize];
        self.elapsed = start.elapsed();
    }

    /// `12 documents: 8 ok, 1 partial, 3 error; 2310 cells, 1 check failed; 5 reused; 0.4 s,
    /// 29.3 docs/s; written to out/; 3 errors: see the rows with status error in
    /// out/reports.csv`. Statuses that no document has are left out.
    pub fn line(&self) -> String {
        let secs = self.elapsed.as_secs_f64();
        let rate = if secs > 0.0 {
            self.documents as f64 / secs
        } else {
            0.0
        };
        let statuses = [
            Status::Ok,
            Status::Partial,
            Status::Unsupported,
            Status::NotAReport,
            Status::Error,
        ];
        let by_status: Vec<String> = statuses
            .iter()
            .zip(self.by_status)
            .filter(|(_, n)| *n > 0)
            .map(|(s, n)| format!("{n} {}", s.as_str()))
            .collect();
        let mut line = plural(self.documents, "document", "documents");
        if !by_status.is_empty() {
            line.push_str(": ");
            line.push_str(&by_status.join(", "));
        }
        line.push_str(&format!(
            "; {}, {} failed; {} reused; {} s, {} docs/s",
            plural(self.cells, "cell", "cells"),
            plural(self.checks_failed, "check", "checks"),
            self.reused,
            short(secs),
            short(rate),
        ));
        if !self.out.is_empty() {
            line.push_str(&format!("; written to {}", self.out));
        }
        if self.unreadable > 0 {
            let reports = if self.out == STDOUT {
                "reports.csv".to_string()
            } else {
                Path::new(&self.out)
                    .join("reports.csv")
                    .display()
                    .to_string()
            };
            line.push_str(&format!(
                "; {} not read: see the rows with status error in {reports}",
                plural(self.unreadable, "document", "documents")
            ));
        }
        line
    }
}

/// How the summary names standard output.
const STDOUT: &str = "standard output";

enum Outcome {
    Extracted(Box<Extraction>),
    /// Found in the cache of an earlier (or interrupted) run.
    Reused(Box<Extraction>),
    /// Same content as a document claimed by another worker of this run.
    Duplicate(ContentKey),
    Unreadable(ReadError),
}

/// Number of sources a shard selects (all without a shard).
pub fn selected(sources: &[Source], shard: Option<Shard>) -> usize {
    match shard {
        None => sources.len(),
        Some(s) => sources.iter().filter(|x| s.contains(&x.name)).count(),
    }
}

/// SHA-256 of the sources' names, in order: identifies the input set across shards.
pub fn inputs_fingerprint(sources: &[Source]) -> String {
    let mut all = String::new();
    for s in sources {
        all.push_str(&s.name);
        all.push('\n');
    }
    ContentHash::of(all.as_bytes()).to_string()
}

fn style_name(style: Style) -> String {
    format!(
        "{}{}",
        if style.jsonl { "jsonl" } else { "csv" },
        if style.excel { "+excel" } else { "" }
    )
}

/// Extracts the sources (those of `opts.shard`, if set) into `out_dir`. `on_progress` is called
/// after each document.
pub fn run(
    all_sources: &[Source],
    out_dir: &Path,
    opts: &BatchOptions,
    on_progress: &(dyn Fn(usize) + Sync),
) -> Result<Summary, RunError> {
    run_into(
        all_sources,
        &Target::Folder(out_dir.to_path_buf()),
        opts,
        on_progress,
    )
}

/// As `run`, into a folder or one table to standard output.
pub fn run_into(
    all_sources: &[Source],
    target: &Target,
    opts: &BatchOptions,
    on_progress: &(dyn Fn(usize) + Sync),
) -> Result<Summary, RunError> {
    let start = Instant::now();
    let shard = opts.shard.unwrap_or(Shard { index: 0, count: 1 });
    let sources: Vec<&Source> = all_sources
        .iter()
        .filter(|s| shard.contains(&s.name))
        .collect();
    let mut summary = match target {
        Target::Folder(out_dir) => {
            std::fs::create_dir_all(out_dir).map_err(RunError::io("create", out_dir))?;
            // Held until the marker is written: another run into this folder is refused.
            let _lock = FolderLock::acquire(out_dir)?;
            remove_leftovers(out_dir)?;
            crate::run::cache::remove_leftovers(out_dir)?;
            // An old marker would claim completeness for a folder this run is about to change.
            let marker = out_dir.join(MARKER);
            if marker.exists() {
                std::fs::remove_file(&marker).map_err(RunError::io("remove", &marker))?;
            }
            let mut summary = extract_all(&sources, out_dir, target, opts, on_progress)?;
            // A shard's panel covers its shard only; `merge` builds the whole corpus's.
            crate::panel::write_all(out_dir, opts.style)?;
            let done = RunMarker {
                complete: true,
                extractor_version: EXTRACTOR_VERSION.to_string(),
                inputs: inputs_fingerprint(all_sources),
                shard,
                documents: summary.documents,
                style: style_name(opts.style),
            };
            write_marker(out_dir, &done)?;
            summary.out = out_dir.display().to_string();
            summary
        }
        Target::Stdout(_) => {
            // No folder to keep a cache in: the journal that lets later chunks read back the
            // extraction of a duplicate lives in a scratch folder, removed at the end.
            let scratch = Scratch::create()?;
            let forced = BatchOptions {
                force: true,
                ..opts.clone()
            };
            let mut summary = extract_all(&sources, &scratch.0, target, &forced, on_progress)?;
            summary.out = STDOUT.to_string();
            summary
        }
    };
    summary.finish(start);
    Ok(summary)
}

/// A private folder under the system's temporary directory, removed when dropped.
struct Scratch(PathBuf);

impl Scratch {
    fn create() -> Result<Self, RunError> {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        let dir = std::env::temp_dir().join(format!("ogi-{}-{nanos}", std::process::id()));
        std::fs::create_dir(&dir).map_err(RunError::io("create", &dir))?;
        Ok(Scratch(dir))
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Extracts the sources in chunks and writes their outputs to `target`, with the cache of
/// `cache_dir`.
fn extract_all(
    sources: &[&Source],
    cache_dir: &Path,
    target: &Target,
    opts: &BatchOptions,
    on_progress: &(dyn Fn(usize) + Sync),
) -> Result<Summary, RunError> {
    let mut cache = Cache::open(cache_dir, opts.force)?;
    let outputs = Outputs::create(target, opts.style)?;
    let claimed: Mutex<HashSet<ContentKey>> = Mutex::new(HashSet::new());
    let (store, journal) = cache.parts();
    // The writer takes each chunk's outcomes in order on its own thread while the pool extracts
    // the next chunk, so neither waits for the other; the channel holds one chunk, which bounds
    // memory to about three chunks' extractions.
    let writer = std::thread::scope(|scope| {
        let (tx, rx) = std::sync::mpsc::sync_channel::<(&[&Source], Vec<Outcome>)>(1);
        let handle = scope.spawn(move || -> Result<Writer, RunError> {
            let mut writer = Writer {
                outputs,
                store,
                journal,
                summary: Summary::default(),
                written: HashSet::new(),
                keep: Vec::new(),
            };
            for (chunk, outcomes) in rx {
                writer.chunk(chunk, &outcomes)?;
            }
            Ok(writer)
        });
        for chunk in sources.chunks(opts.chunk.max(1)) {
            let outcomes: Vec<Outcome> = chunk
                .par_iter()
                .map(|source| {
                    let outcome = process(source, opts, store, &claimed);
                    on_progress(1);
                    outcome
                })
                .collect();
            // A closed channel means the writer stopped on an error, which `join` returns.
            if tx.send((chunk, outcomes)).is_err() {
                break;
            }
        }
        drop(tx);
        handle.join().unwrap_or_else(|_| {
            Err(RunError::Failed(
                "internal error: the output writer stopped".into(),
            ))
        })
    })?;
    let Writer {
        outputs,
        summary,
        keep,
        ..
    } = writer;
    outputs.commit()?;
    cache.commit(&keep)?;
    Ok(summary)
}

/// The writing side of a run: outputs in source order, the journal, and what was written.
struct Writer<'a> {
    outputs: Outputs,
    store: &'a Store,
    journal: &'a mut Journal,
    summary: Summary,
    /// Content hashes whose cells were written (each content once).
    written: HashSet<ContentKey>,
    /// Content hashes of the run, in order: what the committed cache keeps.
    keep: Vec<ContentKey>,
}

impl Writer<'_> {
    /// Writes one chunk's outcomes, in source order, and makes its journal durable.
    fn chunk(&mut self, chunk: &[&Source], outcomes: &[Outcome]) -> Result<(), RunError> {
        let mut in_chunk: HashMap<ContentKey, &Extraction> = HashMap::new();
        for o in outcomes {
            if let Outcome::Extracted(ex) | Outcome::Reused(ex) = o {
                in_chunk.insert(ex.sha256, ex);
            }
        }
        for (source, outcome) in chunk.iter().zip(outcomes) {
            self.summary.documents += 1;
            let sha = match outcome {
                Outcome::Extracted(ex) => {
                    self.journal.record(ex)?;
                    ex.sha256
                }
                Outcome::Reused(ex) => {
                    self.summary.reused += 1;
                    ex.sha256
                }
                Outcome::Duplicate(sha) => *sha,
                Outcome::Unreadable(err) => {
                    let row = error_row(source, err);
                    self.summary.count(&row.status);
                    self.outputs.report(&row, EXTRACTOR_VERSION)?;
                    continue;
                }
            };
            let loaded;
            let ex: &Extraction = match in_chunk.get(&sha) {
                Some(ex) => ex,
                None => {
                    // The same content, extracted in an earlier chunk of this run.
                    loaded = self.journal.load(self.store, sha).ok_or_else(|| {
                        format!("internal error: no extraction for {}", source.name)
                    })?;
                    &loaded
                }
            };
            let mut row = ReportRow::from_extraction(&source.name, ex);
            row.url = source.url().unwrap_or("").to_string();
            year_from_path(&mut row, &source.name);
            self.summary.count(&row.status);
            self.outputs.report(&row, EXTRACTOR_VERSION)?;
            if self.written.insert(sha) {
                self.summary.cells += ex.cells_found();
                self.summary.checks_failed += ex.checks_failed();
                self.outputs.body(&row, ex)?;
                self.keep.push(sha);
            }
        }
        self.journal.sync()
    }
}

/// Writes `run.json` atomically.
pub fn write_marker(dir: &Path, marker: &RunMarker) -> Result<(), RunError> {
    let mut text =
        serde_json::to_string_pretty(marker).map_err(|e| format!("cannot encode {MARKER}: {e}"))?;
    text.push('\n');
    write_atomically(dir, MARKER, text.as_bytes())
}

fn process(
    source: &Source,
    opts: &BatchOptions,
    store: &Store,
    claimed: &Mutex<HashSet<ContentKey>>,
) -> Outcome {
    let bytes = match read(source, opts.max_bytes) {
        Ok(b) => b,
        Err(e) => return Outcome::Unreadable(e),
    };
    let sha = ContentHash::of(&bytes);
    if store.contains(sha) {
        // A document refused by a limit (or by a bug) is tried again: the limits of this run
        // may be other, and the bug fixed.
        if let Some(ex) = store.load(sha).filter(|ex| ex.status != Status::Error) {
            return Outcome::Reused(Box::new(ex));
        }
    }
    let first = claimed
        .lock()
        .map(|mut set| set.insert(sha))
        .unwrap_or(true);
    if !first {
        return Outcome::Duplicate(sha);
    }
    // A bug in one document's extraction must not stop the batch: it becomes an error row.
    let size = bytes.len() as u64;
    // Extraction owns the bytes (UTF-8 text needs no copy); the closure is unwind-safe because
    // nothing it touches outlives a panic.
    let extracted = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        opts.extractor.extract_owned(bytes, sha, source.charset())
    }));
    match extracted {
        Ok(ex) => Outcome::Extracted(Box::new(ex)),
        Err(panic) => {
            let what = panic
                .downcast_ref::<String>()
                .map(String::as_str)
                .or_else(|| panic.downcast_ref::<&str>().copied())
                .unwrap_or("unknown");
            let ex = Extraction::unreadable(
                sha,
                size,
                format!("internal error while extracting: {what}"),
            );
            Outcome::Extracted(Box::new(ex))
        }
    }
}

fn error_row(source: &Source, err: &ReadError) -> ReportRow {
    ReportRow {
        source: source.name.clone(),
        url: source.url().unwrap_or("").to_string(),
        template: "unknown".into(),
        status: err.status().as_str().into(),
        reason: err.message().to_string(),
        cells: "0".into(),
        cells_unresolved: "0".into(),
        checks_passed: "0".into(),
        checks_failed: "0".into(),
        checks_skipped: "0".into(),
        ..ReportRow::default()
    }
}

/// When the content names no year, a year in the file name (`…2024…`) is the best evidence left;
/// harvesters name files by year. Applied per path, since the content is the same.
fn year_from_path(row: &mut ReportRow, source: &str) {
    if !row.year.is_empty() || row.status == "not_a_report" {
        return;
    }
    let name = source.rsplit(['/', '\\']).next().unwrap_or(source);
    let bytes = name.as_bytes();
    for i in 0..bytes.len().saturating_sub(3) {
        let window = &bytes[i..i + 4];
        let before_ok = i == 0 || !bytes[i - 1].is_ascii_digit();
        let after_ok = bytes.get(i + 4).is_none_or(|b| !b.is_ascii_digit());
        if before_ok
            && after_ok
            && window.starts_with(b"20")
            && window.iter().all(u8::is_ascii_digit)
        {
            row.year = String::from_utf8_lossy(window).into_owned();
            return;
        }
    }
}

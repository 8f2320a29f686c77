/*!
Many documents in parallel, written in order. Sources are processed in chunks: the documents of a
chunk are read and extracted on the thread pool, then handed to a writer thread that writes them in
source order while the pool extracts the next chunk. Memory stays bounded by a few chunks and the
output is byte-identical whatever the number of threads. Identical content under several paths is extracted once; every path still gets
its row in `reports.csv`. Extractions are journaled chunk by chunk (`cache`), so a rerun reuses
what is unchanged and an interrupted run continues where it stopped. With `--shard K/N`, only the
sources whose name hashes to shard K are processed; `run.json` marks a folder complete.
*/

use crate::model::{Extraction, Status};
use crate::pipeline::{extract_owned, sha256_hex};
use crate::run::cache::{content_key, Cache, ContentKey, Journal, Store, EXTRACTOR_VERSION};
use crate::run::output::{Outputs, ReportRow, Style};
use crate::run::source::{read, ReadError, Source};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};
use std::path::Path;
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
        let digest = sha256_hex(name.as_bytes());
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
    pub style: Style,
    pub shard: Option<Shard>,
    pub limits: crate::pipeline::Limits,
}

impl Default for BatchOptions {
    fn default() -> Self {
        BatchOptions {
            max_bytes: 64 * 1024 * 1024,
            chunk: 256,
            force: false,
            style: Style::default(),
            shard: None,
            limits: crate::pipeline::Limits::default(),
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
    /// Sources whose bytes could not be read at all.
    pub unreadable: usize,
    pub elapsed: Duration,
}

impl Summary {
    fn count(&mut self, status: &str) {
        let s = Status::from_name(status).unwrap_or(Status::Error);
        self.by_status[s as usize] += 1;
    }

    /// `12 documents: 8 ok, 1 partial, …; 2310 cells, 3 checks failed; 5 reused; 0.41 s, 29.3 docs/s`.
    pub fn line(&self) -> String {
        let secs = self.elapsed.as_secs_f64();
        let rate = if secs > 0.0 {
            self.documents as f64 / secs
        } else {
            0.0
        };
        let [ok, partial, unsupported, not_a_report, error] = self.by_status;
        format!(
            "{} documents: {ok} ok, {partial} partial, {unsupported} unsupported, {not_a_report} not_a_report, {error} error; {} cells, {} checks failed; {} reused; {secs:.2} s, {rate:.1} docs/s",
            self.documents, self.cells, self.checks_failed, self.reused
        )
    }
}

enum Outcome {
    Extracted(Box<Extraction>),
    /// Found in the cache of an earlier (or interrupted) run.
    Reused(Box<Extraction>),
    /// Same content as a document claimed by another worker of this run.
    Duplicate(String),
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
    sha256_hex(all.as_bytes())
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
) -> Result<Summary, String> {
    let start = Instant::now();
    let shard = opts.shard.unwrap_or(Shard { index: 0, count: 1 });
    let sources: Vec<&Source> = all_sources
        .iter()
        .filter(|s| shard.contains(&s.name))
        .collect();
    std::fs::create_dir_all(out_dir)
        .map_err(|e| format!("cannot create {}: {e}", out_dir.display()))?;
    // An old marker would claim completeness for a folder this run is about to change.
    let marker = out_dir.join(MARKER);
    if marker.exists() {
        std::fs::remove_file(&marker)
            .map_err(|e| format!("cannot remove {}: {e}", marker.display()))?;
    }
    let mut cache = Cache::open(out_dir, opts.force)?;
    let outputs = Outputs::create(out_dir, opts.style)?;
    let claimed: Mutex<HashSet<ContentKey>> = Mutex::new(HashSet::new());
    let (store, journal) = cache.parts();
    // The writer takes each chunk's outcomes in order on its own thread while the pool extracts
    // the next chunk, so neither waits for the other; the channel holds one chunk, which bounds
    // memory to about three chunks' extractions.
    let writer = std::thread::scope(|scope| {
        let (tx, rx) = std::sync::mpsc::sync_channel::<(&[&Source], Vec<Outcome>)>(1);
        let handle = scope.spawn(move || -> Result<Writer, String> {
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
        handle
            .join()
            .unwrap_or_else(|_| Err("internal error: the output writer stopped".to_string()))
    })?;
    let Writer {
        outputs,
        mut summary,
        keep,
        ..
    } = writer;
    outputs.commit()?;
    cache.commit(&keep)?;
    // The panel spans the whole corpus: a shard's folder gets it from `merge`.
    if opts.shard.is_none() {
        crate::panel::write_all(out_dir, opts.style)?;
    }
    let done = RunMarker {
        complete: true,
        extractor_version: EXTRACTOR_VERSION.to_string(),
        inputs: inputs_fingerprint(all_sources),
        shard,
        documents: summary.documents,
        style: style_name(opts.style),
    };
    write_marker(out_dir, &done)?;
    summary.elapsed = start.elapsed();
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
    fn chunk(&mut self, chunk: &[&Source], outcomes: &[Outcome]) -> Result<(), String> {
        let mut in_chunk: HashMap<&str, &Extraction> = HashMap::new();
        for o in outcomes {
            if let Outcome::Extracted(ex) | Outcome::Reused(ex) = o {
                in_chunk.insert(ex.sha256.as_str(), ex);
            }
        }
        for (source, outcome) in chunk.iter().zip(outcomes) {
            self.summary.documents += 1;
            let sha = match outcome {
                Outcome::Extracted(ex) => {
                    self.journal.record(ex)?;
                    ex.sha256.as_str()
                }
                Outcome::Reused(ex) => {
                    self.summary.reused += 1;
                    ex.sha256.as_str()
                }
                Outcome::Duplicate(sha) => sha.as_str(),
                Outcome::Unreadable(err) => {
                    if matches!(err, ReadError::Io(_)) {
                        self.summary.unreadable += 1;
                    }
                    let row = error_row(source, err);
                    self.summary.count(&row.status);
                    self.outputs.report(&row, EXTRACTOR_VERSION)?;
                    continue;
                }
            };
            let loaded;
            let ex: &Extraction = match in_chunk.get(sha) {
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
            let key = content_key(sha);
            if self.written.insert(key) {
                self.summary.cells += ex.cells_found();
                self.summary.checks_failed += ex.checks_failed();
                self.outputs.body(&row, ex)?;
                self.keep.push(key);
            }
        }
        self.journal.sync()
    }
}

/// Writes `run.json` atomically.
pub fn write_marker(dir: &Path, marker: &RunMarker) -> Result<(), String> {
    let path = dir.join(MARKER);
    let tmp = dir.join(format!(".{MARKER}.tmp"));
    let mut text =
        serde_json::to_string_pretty(marker).map_err(|e| format!("cannot encode {MARKER}: {e}"))?;
    text.push('\n');
    std::fs::write(&tmp, text).map_err(|e| format!("cannot write {}: {e}", tmp.display()))?;
    std::fs::rename(&tmp, &path).map_err(|e| format!("cannot write {}: {e}", path.display()))
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
    let sha = sha256_hex(&bytes);
    if store.contains(&sha) {
        if let Some(ex) = store.load(&sha) {
            return Outcome::Reused(Box::new(ex));
        }
    }
    let first = claimed
        .lock()
        .map(|mut set| set.insert(content_key(&sha)))
        .unwrap_or(true);
    if !first {
        return Outcome::Duplicate(sha);
    }
    // A bug in one document's extraction must not stop the batch: it becomes an error row.
    let size = bytes.len() as u64;
    let id_sha = sha.clone();
    // Extraction owns the bytes (UTF-8 text needs no copy); the closure is unwind-safe because
    // nothing it touches outlives a panic.
    let extracted = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        extract_owned(bytes, id_sha, source.charset(), &opts.limits)
    }));
    match extracted {
        Ok(ex) => Outcome::Extracted(Box::new(ex)),
        Err(panic) => {
            let what = panic
                .downcast_ref::<String>()
                .map(String::as_str)
                .or_else(|| panic.downcast_ref::<&str>().copied())
                .unwrap_or("unknown");
            let ex = crate::pipeline::failed(
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
        status: Status::Error.as_str().into(),
        reason: err.message().to_string(),
        cells: "0".into(),
        checks_failed: "0".into(),
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

/*!
Many documents in parallel, written in order. Sources are processed in chunks: the documents of a
chunk are extracted on the thread pool, then written in source order before the next chunk
starts, so memory stays bounded by the chunk and the output is byte-identical whatever the number
of threads. Identical content under several paths is extracted once; every path still gets its
row in `reports.csv`.
*/

use crate::model::{Extraction, Status};
use crate::output::{Outputs, ReportRow};
use crate::pipeline::{extract, sha256_hex};
use crate::source::{read, ReadError, Source};
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Limits and parallelism of a batch.
#[derive(Debug, Clone)]
pub struct BatchOptions {
    /// Documents larger than this are refused with status `error`.
    pub max_bytes: u64,
    /// Documents per chunk; bounds memory.
    pub chunk: usize,
}

impl Default for BatchOptions {
    fn default() -> Self {
        BatchOptions {
            max_bytes: 64 * 1024 * 1024,
            chunk: 256,
        }
    }
}

/// What a batch did, for the summary line.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    pub documents: usize,
    pub by_status: [usize; 5],
    pub cells: usize,
    pub checks_failed: usize,
    /// Sources whose bytes could not be read at all.
    pub unreadable: usize,
    pub elapsed: Duration,
}

impl Summary {
    fn count(&mut self, status: Status) {
        self.by_status[status as usize] += 1;
    }

    /// `12 documents: 8 ok, 1 partial, …, 2,310 cells, 3 checks failed, 0.41 s, 29.3 docs/s`.
    pub fn line(&self) -> String {
        let secs = self.elapsed.as_secs_f64();
        let rate = if secs > 0.0 {
            self.documents as f64 / secs
        } else {
            0.0
        };
        let [ok, partial, unsupported, not_a_report, error] = self.by_status;
        format!(
            "{} documents: {ok} ok, {partial} partial, {unsupported} unsupported, {not_a_report} not_a_report, {error} error; {} cells, {} checks failed; {secs:.2} s, {rate:.1} docs/s",
            self.documents, self.cells, self.checks_failed
        )
    }
}

enum Outcome {
    Extracted(Box<Extraction>),
    /// Same content as a document claimed by another worker.
    Duplicate(String),
    Unreadable(ReadError),
}

/// What `reports.csv` needs of an earlier extraction, kept to describe later duplicates.
#[derive(Clone)]
struct Seen {
    row: ReportRow,
}

/// Extracts every source into `out_dir`. `on_progress` is called after each document.
pub fn run(
    sources: &[Source],
    out_dir: &Path,
    opts: &BatchOptions,
    on_progress: &(dyn Fn(usize) + Sync),
) -> Result<Summary, String> {
    let start = Instant::now();
    let mut outputs = Outputs::create(out_dir)?;
    let mut summary = Summary::default();
    let claimed: Mutex<HashSet<String>> = Mutex::new(HashSet::new());
    let mut seen: HashMap<String, Seen> = HashMap::new();
    for chunk in sources.chunks(opts.chunk.max(1)) {
        let outcomes: Vec<Outcome> = chunk
            .par_iter()
            .map(|source| {
                let outcome = process(source, opts, &claimed);
                on_progress(1);
                outcome
            })
            .collect();
        // Extractions of this chunk by content, for duplicates that precede their twin.
        let mut fresh: HashMap<String, &Extraction> = HashMap::new();
        for o in &outcomes {
            if let Outcome::Extracted(ex) = o {
                fresh.insert(ex.sha256.clone(), ex);
            }
        }
        for (source, outcome) in chunk.iter().zip(&outcomes) {
            summary.documents += 1;
            let sha = match outcome {
                Outcome::Extracted(ex) => ex.sha256.clone(),
                Outcome::Duplicate(sha) => sha.clone(),
                Outcome::Unreadable(err) => {
                    if matches!(err, ReadError::Io(_)) {
                        summary.unreadable += 1;
                    }
                    summary.count(Status::Error);
                    outputs.report(&error_row(source, err))?;
                    continue;
                }
            };
            if let Some(prev) = seen.get(&sha) {
                let mut row = prev.row.clone();
                row.source = source.name.clone();
                year_from_path(&mut row, &source.name);
                count_row(&mut summary, &row);
                outputs.report(&row)?;
                continue;
            }
            let Some(ex) = fresh.get(&sha) else {
                return Err(format!("internal error: no extraction for {}", source.name));
            };
            let mut row = ReportRow::from_extraction(&source.name, ex);
            year_from_path(&mut row, &source.name);
            count_row(&mut summary, &row);
            summary.cells += ex.cells_found();
            summary.checks_failed += ex.checks_failed();
            outputs.report(&row)?;
            outputs.body(ex)?;
            seen.insert(sha, Seen { row });
        }
    }
    outputs.commit()?;
    summary.elapsed = start.elapsed();
    Ok(summary)
}

fn process(source: &Source, opts: &BatchOptions, claimed: &Mutex<HashSet<String>>) -> Outcome {
    let bytes = match read(source, opts.max_bytes) {
        Ok(b) => b,
        Err(e) => return Outcome::Unreadable(e),
    };
    let sha = sha256_hex(&bytes);
    let first = claimed
        .lock()
        .map(|mut set| set.insert(sha.clone()))
        .unwrap_or(true);
    if !first {
        return Outcome::Duplicate(sha);
    }
    Outcome::Extracted(Box::new(extract(&bytes, None)))
}

fn count_row(summary: &mut Summary, row: &ReportRow) {
    let status = match row.status.as_str() {
        "ok" => Status::Ok,
        "partial" => Status::Partial,
        "unsupported" => Status::Unsupported,
        "not_a_report" => Status::NotAReport,
        _ => Status::Error,
    };
    summary.count(status);
}

fn error_row(source: &Source, err: &ReadError) -> ReportRow {
    ReportRow {
        report_id: String::new(),
        source: source.name.clone(),
        sha256: String::new(),
        bytes: String::new(),
        format: String::new(),
        encoding: String::new(),
        template: "unknown".into(),
        agency: String::new(),
        year: String::new(),
        title: String::new(),
        status: Status::Error.as_str().into(),
        reason: err.message().to_string(),
        cells: "0".into(),
        checks_failed: "0".into(),
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

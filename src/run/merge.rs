/*!
`merge`: combines the output folders of shards (`--shard K/N`) into one folder byte-identical to
a single run over the whole corpus. Refuses, with the reason and before writing anything, folders
that are missing, incomplete (no `run.json`: still running or interrupted), from different inputs
or extractor versions, or that do not cover every shard exactly once, and an output folder that
is one of its inputs.
*/

use crate::run::batch::{write_marker, RunMarker, Shard, Summary, MARKER};
use crate::run::cache::{content_key, Cache, ContentKey, Store, EXTRACTOR_VERSION};
use crate::run::lock::FolderLock;
use crate::run::output::{remove_leftovers, Outputs, ReportRow, Style, Target};
use crate::run::RunError;
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::time::Instant;

fn read_marker(dir: &Path) -> Result<RunMarker, String> {
    if !dir.is_dir() {
        return Err(format!("{}: no such folder", dir.display()));
    }
    let path = dir.join(MARKER);
    let text = std::fs::read_to_string(&path).map_err(|_| {
        format!("{}: no {MARKER}: the folder is not a complete run (still running, interrupted, or not an ogi output)", dir.display())
    })?;
    let marker: RunMarker =
        serde_json::from_str(&text).map_err(|e| format!("{}: unreadable: {e}", path.display()))?;
    if !marker.complete {
        return Err(format!("{}: the run is not complete", dir.display()));
    }
    Ok(marker)
}

fn parse_style(name: &str) -> Style {
    Style {
        jsonl: name.starts_with("jsonl"),
        excel: name.ends_with("+excel"),
    }
}

/// Checks that the folders are the complete shards of one run; returns their markers in order.
fn check_shards(dirs: &[PathBuf]) -> Result<Vec<RunMarker>, String> {
    if dirs.is_empty() {
        return Err("merge: no shard folders given".into());
    }
    let markers: Vec<RunMarker> = dirs
        .iter()
        .map(|d| read_marker(d))
        .collect::<Result<_, _>>()?;
    let first = &markers[0];
    for (dir, m) in dirs.iter().zip(&markers) {
        let what = if m.extractor_version != first.extractor_version {
            Some(format!(
                "extractor version {} (first folder: {})",
                m.extractor_version, first.extractor_version
            ))
        } else if m.inputs != first.inputs {
            Some("a different input set than the first folder".to_string())
        } else if m.shard.count != first.shard.count {
            Some(format!(
                "{} shards (first folder: {})",
                m.shard.count, first.shard.count
            ))
        } else if m.style != first.style {
            Some(format!(
                "output style {} (first folder: {})",
                m.style, first.style
            ))
        } else {
            None
        };
        if let Some(what) = what {
            return Err(format!("{}: mismatched shard: {what}", dir.display()));
        }
    }
    let n = first.shard.count;
    let mut seen = vec![None::<&PathBuf>; n as usize];
    for (dir, m) in dirs.iter().zip(&markers) {
        let slot = &mut seen[m.shard.index as usize];
        if let Some(other) = slot {
            return Err(format!(
                "shard {}/{n} given twice: {} and {}",
                m.shard.index,
                other.display(),
                dir.display()
            ));
        }
        *slot = Some(dir);
    }
    let missing: Vec<String> = seen
        .iter()
        .enumerate()
        .filter(|(_, d)| d.is_none())
        .map(|(i, _)| format!("{i}/{n}"))
        .collect();
    if !missing.is_empty() {
        return Err(format!(
            "incomplete set of shards: missing {}",
            missing.join(", ")
        ));
    }
    if first.extractor_version != EXTRACTOR_VERSION {
        return Err(format!(
            "the shards were written by extractor {}, this is {EXTRACTOR_VERSION}",
            first.extractor_version
        ));
    }
    Ok(markers)
}

/// Refuses an output folder that is one of the inputs: writing it would replace the shard
/// being read.
fn check_out(dirs: &[PathBuf], out: &Path) -> Result<(), String> {
    let Ok(target) = out.canonicalize() else {
        // Not there yet, so not an input.
        return Ok(());
    };
    match dirs
        .iter()
        .find(|d| d.canonicalize().is_ok_and(|d| d == target))
    {
        Some(d) => Err(format!(
            "--out {} is one of the shards to merge ({}); merge into another folder",
            out.display(),
            d.display()
        )),
        None => Ok(()),
    }
}

struct ShardReader {
    header: csv::StringRecord,
    rows: csv::StringRecordsIntoIter<std::io::BufReader<std::fs::File>>,
    next: Option<ReportRow>,
    store: Store,
    name: String,
}

impl ShardReader {
    fn open(dir: &Path) -> Result<Self, RunError> {
        let path = dir.join("reports.csv");
        let file = std::fs::File::open(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let mut reader = csv::ReaderBuilder::new().from_reader(std::io::BufReader::new(file));
        // Excel-style outputs start with a byte-order mark; the header is read past it.
        let header = reader
            .headers()
            .map_err(|e| format!("{}: {e}", path.display()))?
            .clone();
        let mut r = ShardReader {
            header,
            rows: reader.into_records(),
            next: None,
            store: Store::open_committed(dir),
            name: path.display().to_string(),
        };
        r.advance()?;
        Ok(r)
    }

    fn advance(&mut self) -> Result<(), RunError> {
        self.next = match self.rows.next() {
            None => None,
            Some(rec) => {
                let rec = rec.map_err(|e| format!("{}: {e}", self.name))?;
                Some(
                    ReportRow::from_record(&self.header, &rec)
                        .ok_or_else(|| format!("{}: short row", self.name))?,
                )
            }
        };
        Ok(())
    }
}

/// Merges shard folders into `out`.
pub fn merge(dirs: &[PathBuf], out: &Path) -> Result<Summary, RunError> {
    let start = Instant::now();
    // Held while the shards are read: no run may rewrite one meanwhile.
    let _reading = dirs
        .iter()
        .map(|d| FolderLock::shared(d))
        .collect::<Result<Vec<_>, _>>()?;
    let markers = check_shards(dirs).map_err(RunError::Refused)?;
    check_out(dirs, out).map_err(RunError::Refused)?;
    let style = parse_style(&markers[0].style);
    let mut readers: Vec<ShardReader> = dirs
        .iter()
        .map(|d| ShardReader::open(d))
        .collect::<Result<_, _>>()?;
    std::fs::create_dir_all(out).map_err(RunError::io("create", out))?;
    let _lock = FolderLock::acquire(out)?;
    remove_leftovers(out)?;
    crate::run::cache::remove_leftovers(out)?;
    let marker_path = out.join(MARKER);
    if marker_path.exists() {
        std::fs::remove_file(&marker_path).map_err(RunError::io("remove", &marker_path))?;
    }
    let mut cache = Cache::open(out, true)?;
    let mut outputs = Outputs::create(&Target::Folder(out.to_path_buf()), style)?;
    let mut summary = Summary::default();
    let mut written: HashSet<ContentKey> = HashSet::new();
    let mut keep = Vec::new();
    // The next row in source order across shards (each shard's rows are already sorted).
    while let Some(i) = readers
        .iter()
        .enumerate()
        .filter_map(|(i, r)| r.next.as_ref().map(|row| (i, row)))
        .min_by(|a, b| a.1.source.cmp(&b.1.source))
        .map(|(i, _)| i)
    {
        let Some(row) = readers[i].next.take() else {
            break;
        };
        readers[i].advance()?;
        summary.documents += 1;
        summary.by_status
            [crate::model::Status::from_name(&row.status).map_or(4, |s| s as usize)] += 1;
        outputs.report(&row, EXTRACTOR_VERSION)?;
        if row.sha256.is_empty() || !written.insert(content_key(&row.sha256)) {
            continue;
        }
        let ex = readers[i]
            .store
            .load(content_key(&row.sha256))
            .ok_or_else(|| {
                format!(
                    "{}: no stored extraction for {}",
                    dirs[i].display(),
                    row.source
                )
            })?;
        summary.cells += ex.cells_found();
        summary.checks_failed += ex.checks_failed();
        outputs.body(&row, &ex)?;
        cache.record(&ex)?;
        keep.push(content_key(&row.sha256));
    }
    outputs.commit()?;
    cache.commit(&keep)?;
    crate::panel::write_all(out, style)?;
    write_marker(
        out,
        &RunMarker {
            complete: true,
            extractor_version: EXTRACTOR_VERSION.to_string(),
            inputs: markers[0].inputs.clone(),
            shard: Shard { index: 0, count: 1 },
            documents: summary.documents,
            style: markers[0].style.clone(),
        },
    )?;
    summary.out = out.display().to_string();
    summary.finish(start);
    Ok(summary)
}

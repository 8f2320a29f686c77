/*!
The output files of a run: `reports.csv`, `cells`, `checks`, `warnings` (CSV, or JSON lines with
`--format jsonl`), `wide.csv` (one row per report, one column per key) and `manifest.csv`. Each is
written to a temporary file in the output folder and renamed into place only when complete, so an
interrupted run never leaves a half-written file. Rows arrive in their final order; nothing is
buffered beyond the writers.
*/

use crate::model::Extraction;
use crate::panel::agency::identify_report;
use crate::template::dictionary::dictionary;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

pub const REPORTS_HEADER: &[&str] = &[
    "report_id",
    "source",
    "sha256",
    "bytes",
    "format",
    "encoding",
    "template",
    "agency",
    "year",
    "title",
    "status",
    "reason",
    "cells",
    "checks_failed",
    "url",
    "site_code",
    "agency_key",
    "region_code",
    "region_level",
    "agency_kind",
    "match",
];
pub const CELLS_HEADER: &[&str] = &["report_id", "table", "row", "col", "value", "raw", "method"];
pub const CHECKS_HEADER: &[&str] = &["report_id", "check", "status", "lhs", "rhs", "detail"];
pub const WARNINGS_HEADER: &[&str] = &["report_id", "code", "detail"];
pub const MANIFEST_HEADER: &[&str] = &["source", "sha256", "extractor_version", "status"];
/// Columns of `wide.csv` before the keys.
pub const WIDE_LEAD: &[&str] = &[
    "agency",
    "year",
    "template",
    "report_id",
    "source",
    "status",
];

/// How the long outputs are written.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Style {
    /// JSON lines instead of CSV for cells, checks and warnings.
    pub jsonl: bool,
    /// A UTF-8 byte-order mark at the start of every CSV file, so Excel reads Chinese text.
    pub excel: bool,
}

/// One row of `reports.csv`: a source path and what its content gave.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ReportRow {
    pub report_id: String,
    pub source: String,
    pub sha256: String,
    pub bytes: String,
    pub format: String,
    pub encoding: String,
    pub template: String,
    pub agency: String,
    pub year: String,
    pub title: String,
    pub status: String,
    pub reason: String,
    pub cells: String,
    pub checks_failed: String,
    /// The URL of a document from a web archive.
    pub url: String,
    /// The page's `SiteIDCode` and the agency identity read from it and the name (`panel::agency`).
    pub site_code: String,
    pub agency_key: String,
    pub region_code: String,
    pub region_level: String,
    pub agency_kind: String,
    pub matched: String,
}

impl ReportRow {
    /// The row for a source whose content was extracted.
    pub fn from_extraction(source: &str, ex: &Extraction) -> Self {
        let id = identify_report(ex);
        ReportRow {
            report_id: ex.report_id.clone(),
            source: source.to_string(),
            sha256: ex.sha256.clone(),
            bytes: ex.bytes.to_string(),
            format: ex.format.map_or("", |f| f.as_str()).to_string(),
            encoding: ex.encoding.clone(),
            template: ex.template.as_str().to_string(),
            agency: ex.agency.clone(),
            year: ex.year.map_or(String::new(), |y| y.to_string()),
            title: ex.title.clone(),
            status: ex.status.as_str().to_string(),
            reason: ex.reason.clone(),
            cells: ex.cells_found().to_string(),
            checks_failed: ex.checks_failed().to_string(),
            url: String::new(),
            site_code: ex.site_code.clone(),
            agency_key: id.agency_key,
            region_code: id.region_code,
            region_level: id.region_level.to_string(),
            agency_kind: id.agency_kind.to_string(),
            matched: id.matched.as_str().to_string(),
        }
    }

    pub fn fields(&self) -> [&str; 21] {
        [
            &self.report_id,
            &self.source,
            &self.sha256,
            &self.bytes,
            &self.format,
            &self.encoding,
            &self.template,
            &self.agency,
            &self.year,
            &self.title,
            &self.status,
            &self.reason,
            &self.cells,
            &self.checks_failed,
            &self.url,
            &self.site_code,
            &self.agency_key,
            &self.region_code,
            &self.region_level,
            &self.agency_kind,
            &self.matched,
        ]
    }

    /// Reads a row back from `reports.csv` fields (for `merge`).
    pub fn from_fields(f: &csv::StringRecord) -> Option<Self> {
        let g = |i: usize| f.get(i).map(str::to_string);
        Some(ReportRow {
            report_id: g(0)?,
            source: g(1)?,
            sha256: g(2)?,
            bytes: g(3)?,
            format: g(4)?,
            encoding: g(5)?,
            template: g(6)?,
            agency: g(7)?,
            year: g(8)?,
            title: g(9)?,
            status: g(10)?,
            reason: g(11)?,
            cells: g(12)?,
            checks_failed: g(13)?,
            url: g(14)?,
            site_code: g(15)?,
            agency_key: g(16)?,
            region_code: g(17)?,
            region_level: g(18)?,
            agency_kind: g(19)?,
            matched: g(20)?,
        })
    }
}

/// A CSV writer with the project's fixed dialect (see `push_csv_record`).
pub struct CsvWriter<W: Write> {
    out: W,
    /// Reused for each record.
    line: Vec<u8>,
}

impl<W: Write> CsvWriter<W> {
    pub fn new(out: W) -> Self {
        CsvWriter {
            out,
            line: Vec::with_capacity(256),
        }
    }

    pub fn write_record<'a>(
        &mut self,
        fields: impl IntoIterator<Item = &'a str>,
    ) -> std::io::Result<()> {
        self.line.clear();
        push_csv_record(&mut self.line, fields);
        self.out.write_all(&self.line)
    }

    pub fn flush(&mut self) -> std::io::Result<()> {
        self.out.flush()
    }

    pub fn into_inner(self) -> W {
        self.out
    }
}

/// Appends one record in the project's CSV dialect: comma, `\n`, a field quoted only when it
/// holds a comma, a quote or a line break, quotes doubled — what the `csv` crate writes with a
/// `\n` terminator, without the per-field machinery of a general writer (millions of short
/// fields, most needing no quotes).
pub fn push_csv_record<'a>(line: &mut Vec<u8>, fields: impl IntoIterator<Item = &'a str>) {
    let start = line.len();
    for (i, field) in fields.into_iter().enumerate() {
        if i > 0 {
            line.push(b',');
        }
        let bytes = field.as_bytes();
        if bytes
            .iter()
            .any(|&c| matches!(c, b',' | b'"' | b'\n' | b'\r'))
        {
            line.push(b'"');
            for &c in bytes {
                if c == b'"' {
                    line.push(b'"');
                }
                line.push(c);
            }
            line.push(b'"');
        } else {
            line.extend_from_slice(bytes);
        }
    }
    // A record of one empty field is written as `""`, so that it is not an empty line.
    if line.len() == start {
        line.extend_from_slice(b"\"\"");
    }
    line.push(b'\n');
}

enum Sink {
    Csv(CsvWriter<BufWriter<File>>),
    Jsonl(BufWriter<File>, Vec<String>),
}

/// One output file being written under a temporary name (also used by `panel` for the files it
/// writes after a run).
pub(crate) struct Pending {
    sink: Sink,
    tmp: PathBuf,
    dest: PathBuf,
}

impl Pending {
    pub(crate) fn create(
        dir: &Path,
        stem: &str,
        header: &[String],
        jsonl: bool,
        excel: bool,
    ) -> Result<Self, String> {
        let name = format!("{stem}.{}", if jsonl { "jsonl" } else { "csv" });
        let dest = dir.join(&name);
        let tmp = dir.join(format!(".{name}.tmp"));
        let io = |e: std::io::Error| format!("cannot create {}: {e}", tmp.display());
        let mut file = BufWriter::with_capacity(1 << 16, File::create(&tmp).map_err(io)?);
        let sink = if jsonl {
            Sink::Jsonl(file, header.to_vec())
        } else {
            if excel {
                file.write_all("\u{feff}".as_bytes()).map_err(io)?;
            }
            let mut w = CsvWriter::new(file);
            w.write_record(header.iter().map(String::as_str))
                .map_err(|e| format!("cannot write {}: {e}", tmp.display()))?;
            Sink::Csv(w)
        };
        Ok(Pending { sink, tmp, dest })
    }

    pub(crate) fn write<'a, I>(&mut self, record: I) -> Result<(), String>
    where
        I: IntoIterator<Item = &'a str>,
    {
        let err = |e: String| format!("cannot write {}: {e}", self.tmp.display());
        match &mut self.sink {
            Sink::Csv(w) => w.write_record(record).map_err(|e| err(e.to_string())),
            Sink::Jsonl(w, header) => {
                let mut obj = serde_json::Map::new();
                for (k, v) in header.iter().zip(record) {
                    obj.insert(k.clone(), serde_json::Value::String(v.to_string()));
                }
                serde_json::to_writer(&mut *w, &obj).map_err(|e| err(e.to_string()))?;
                w.write_all(b"\n").map_err(|e| err(e.to_string()))
            }
        }
    }

    pub(crate) fn commit(self) -> Result<(), String> {
        let tmp = self.tmp;
        let err = |e: String| format!("cannot write {}: {e}", tmp.display());
        let buf = match self.sink {
            Sink::Csv(w) => w.into_inner(),
            Sink::Jsonl(w, _) => w,
        };
        let file = buf.into_inner().map_err(|e| err(e.to_string()))?;
        file.sync_all().map_err(|e| err(e.to_string()))?;
        std::fs::rename(&tmp, &self.dest).map_err(|e| {
            format!(
                "cannot rename {} to {}: {e}",
                tmp.display(),
                self.dest.display()
            )
        })
    }
}

/// Writes the outputs of a run.
pub struct Outputs {
    reports: Pending,
    cells: Pending,
    checks: Pending,
    warnings: Pending,
    wide: Pending,
    manifest: Pending,
    wide_header: Vec<String>,
}

/// The header of `wide.csv`: the leading columns, then every key of the dictionary.
pub fn wide_header() -> Vec<String> {
    WIDE_LEAD
        .iter()
        .map(|s| s.to_string())
        .chain(dictionary().iter().map(|k| k.key.flat()))
        .collect()
}

impl Outputs {
    pub fn create(dir: &Path, style: Style) -> Result<Self, String> {
        std::fs::create_dir_all(dir)
            .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        let wide_header = wide_header();
        let h = |names: &[&str]| names.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let (jsonl, excel) = (style.jsonl, style.excel);
        Ok(Outputs {
            reports: Pending::create(dir, "reports", &h(REPORTS_HEADER), false, excel)?,
            cells: Pending::create(dir, "cells", &h(CELLS_HEADER), jsonl, excel)?,
            checks: Pending::create(dir, "checks", &h(CHECKS_HEADER), jsonl, excel)?,
            warnings: Pending::create(dir, "warnings", &h(WARNINGS_HEADER), jsonl, excel)?,
            wide: Pending::create(dir, "wide", &wide_header, false, excel)?,
            manifest: Pending::create(dir, "manifest", &h(MANIFEST_HEADER), false, false)?,
            wide_header,
        })
    }

    /// A source's row in `reports.csv` and `manifest.csv`.
    pub fn report(&mut self, row: &ReportRow, version: &str) -> Result<(), String> {
        self.reports.write(row.fields())?;
        self.manifest
            .write([row.source.as_str(), &row.sha256, version, &row.status])
    }

    /// Cells, checks, warnings and the wide row of one report (once per distinct content);
    /// `row` is the report's first source row.
    pub fn body(&mut self, row: &ReportRow, ex: &Extraction) -> Result<(), String> {
        let id = ex.report_id.as_str();
        for c in &ex.cells {
            self.cells.write([
                id,
                c.key.table.as_str(),
                c.key.row,
                c.key.col,
                c.value.as_deref().unwrap_or(""),
                &c.raw,
                c.method.as_str(),
            ])?;
        }
        for c in &ex.checks {
            let lhs = c.lhs.map_or(String::new(), |v| v.to_string());
            let rhs = c.rhs.map_or(String::new(), |v| v.to_string());
            self.checks
                .write([id, &c.check, c.status.as_str(), &lhs, &rhs, &c.detail])?;
        }
        let identity = identify_report(ex).warnings;
        for w in ex.warnings.iter().chain(&identity) {
            self.warnings.write([id, w.code.as_str(), &w.detail])?;
        }
        self.wide_row(row, ex)
    }

    fn wide_row(&mut self, row: &ReportRow, ex: &Extraction) -> Result<(), String> {
        let mut values: Vec<&str> = vec![""; self.wide_header.len()];
        let lead = [
            &row.agency,
            &row.year,
            &row.template,
            &row.report_id,
            &row.source,
            &row.status,
        ];
        for (slot, v) in values.iter_mut().zip(lead) {
            *slot = v.as_str();
        }
        let index = dictionary_index();
        for c in &ex.cells {
            if let (Some(v), Some(i)) = (c.value.as_deref(), index.get(&c.key)) {
                values[WIDE_LEAD.len() + i] = v;
            }
        }
        self.wide.write(values)
    }

    /// Flushes every file and renames it into place.
    pub fn commit(self) -> Result<(), String> {
        self.reports.commit()?;
        self.cells.commit()?;
        self.checks.commit()?;
        self.warnings.commit()?;
        self.wide.commit()?;
        self.manifest.commit()
    }
}

fn dictionary_index() -> &'static rustc_hash::FxHashMap<crate::model::CellKey, usize> {
    static INDEX: std::sync::LazyLock<rustc_hash::FxHashMap<crate::model::CellKey, usize>> =
        std::sync::LazyLock::new(|| {
            dictionary()
                .iter()
                .enumerate()
                .map(|(i, k)| (k.key, i))
                .collect()
        });
    &INDEX
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_match_the_csv_writer() {
        let records: &[&[&str]] = &[
            &["a", "b", "c"],
            &["", "", ""],
            &[""],
            &[
                "规章",
                "1,234",
                "say \"hi\"",
                "two\nlines",
                "cr\r",
                "tab\there",
            ],
            &["\"", ",", "\n"],
            &["#x", " lead", "trail "],
        ];
        for rec in records {
            let mut ours = Vec::new();
            push_csv_record(&mut ours, rec.iter().copied());
            let mut w = csv::WriterBuilder::new()
                .terminator(csv::Terminator::Any(b'\n'))
                .from_writer(Vec::new());
            w.write_record(*rec).expect("in memory");
            let theirs = w.into_inner().expect("in memory");
            assert_eq!(
                String::from_utf8_lossy(&ours),
                String::from_utf8_lossy(&theirs),
                "{rec:?}"
            );
        }
    }
}

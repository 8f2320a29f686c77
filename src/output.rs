/*!
The CSV outputs: `reports.csv`, `cells.csv`, `checks.csv`, `warnings.csv`. Each is written to a
temporary file in the output folder and renamed into place only when complete, so an interrupted
run never leaves a half-written file. Rows arrive in their final order; nothing is buffered beyond
the CSV writers.
*/

use crate::model::Extraction;
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
];
pub const CELLS_HEADER: &[&str] = &["report_id", "table", "row", "col", "value", "raw", "method"];
pub const CHECKS_HEADER: &[&str] = &["report_id", "check", "status", "lhs", "rhs", "detail"];
pub const WARNINGS_HEADER: &[&str] = &["report_id", "code", "detail"];

/// One row of `reports.csv`: a source path and what its content gave.
#[derive(Debug, Clone, PartialEq, Eq)]
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
}

impl ReportRow {
    /// The row for a source whose content was extracted.
    pub fn from_extraction(source: &str, ex: &Extraction) -> Self {
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
        }
    }

    fn fields(&self) -> [&str; 14] {
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
        ]
    }
}

struct Pending {
    writer: csv::Writer<BufWriter<File>>,
    tmp: PathBuf,
    dest: PathBuf,
}

impl Pending {
    fn create(dir: &Path, name: &str, header: &[&str]) -> Result<Self, String> {
        let dest = dir.join(name);
        let tmp = dir.join(format!(".{name}.tmp"));
        let file =
            File::create(&tmp).map_err(|e| format!("cannot create {}: {e}", tmp.display()))?;
        let mut writer = csv_writer(BufWriter::with_capacity(1 << 16, file));
        writer
            .write_record(header)
            .map_err(|e| format!("cannot write {}: {e}", tmp.display()))?;
        Ok(Pending { writer, tmp, dest })
    }

    fn write<I, T>(&mut self, record: I) -> Result<(), String>
    where
        I: IntoIterator<Item = T>,
        T: AsRef<[u8]>,
    {
        self.writer
            .write_record(record)
            .map_err(|e| format!("cannot write {}: {e}", self.tmp.display()))
    }

    fn commit(self) -> Result<(), String> {
        let tmp = self.tmp.clone();
        let mut inner = self
            .writer
            .into_inner()
            .map_err(|e| format!("cannot write {}: {e}", tmp.display()))?;
        inner
            .flush()
            .map_err(|e| format!("cannot write {}: {e}", tmp.display()))?;
        let file = inner
            .into_inner()
            .map_err(|e| format!("cannot write {}: {e}", tmp.display()))?;
        file.sync_all()
            .map_err(|e| format!("cannot write {}: {e}", tmp.display()))?;
        std::fs::rename(&self.tmp, &self.dest).map_err(|e| {
            format!(
                "cannot rename {} to {}: {e}",
                tmp.display(),
                self.dest.display()
            )
        })
    }
}

/// A CSV writer with the project's fixed dialect: comma, `\n` line ends, minimal quoting.
pub fn csv_writer<W: Write>(w: W) -> csv::Writer<W> {
    csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(w)
}

/// Writes the four outputs of a run.
pub struct Outputs {
    reports: Pending,
    cells: Pending,
    checks: Pending,
    warnings: Pending,
}

impl Outputs {
    pub fn create(dir: &Path) -> Result<Self, String> {
        std::fs::create_dir_all(dir)
            .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        Ok(Outputs {
            reports: Pending::create(dir, "reports.csv", REPORTS_HEADER)?,
            cells: Pending::create(dir, "cells.csv", CELLS_HEADER)?,
            checks: Pending::create(dir, "checks.csv", CHECKS_HEADER)?,
            warnings: Pending::create(dir, "warnings.csv", WARNINGS_HEADER)?,
        })
    }

    pub fn report(&mut self, row: &ReportRow) -> Result<(), String> {
        self.reports.write(row.fields())
    }

    /// Cells, checks and warnings of one extraction (written once per distinct content).
    pub fn body(&mut self, ex: &Extraction) -> Result<(), String> {
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
        for w in &ex.warnings {
            self.warnings.write([id, w.code, &w.detail])?;
        }
        Ok(())
    }

    /// Flushes every file and renames it into place.
    pub fn commit(self) -> Result<(), String> {
        self.reports.commit()?;
        self.cells.commit()?;
        self.checks.commit()?;
        self.warnings.commit()
    }
}

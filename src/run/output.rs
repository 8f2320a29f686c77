/*!
The tables of a run and how they are written. Each `Table` declares its columns with their types
(the same declaration gives the CSV header, the JSON-lines values and `datapackage.json`):
`reports.csv`, `cells`, `checks`, `warnings` (CSV, or JSON lines with `--format jsonl`),
`wide.csv` (one row per report, one column per key) and `manifest.csv`. In a folder, each file is
written under a temporary name and renamed into place only when complete, so an interrupted run
never leaves a half-written file, and the run's set replaces the folder's (the other format's
files are removed). With `--out -` one table goes to standard output. Rows arrive in their final
order; nothing is buffered beyond the writers.
*/

use crate::model::Extraction;
use crate::panel::agency::identify_report;
use crate::run::RunError;
use crate::template::dictionary::dictionary;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

/// What a column holds, as declared in `datapackage.json` and written in JSON lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    String,
    /// A whole number; empty when unknown.
    Integer,
    /// A decimal number; empty when the cell holds none.
    Number,
}

impl Kind {
    /// The Frictionless Table Schema type.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::String => "string",
            Kind::Integer => "integer",
            Kind::Number => "number",
        }
    }
}

/// One column of an output table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    pub name: String,
    pub kind: Kind,
    pub description: String,
}

/// `(name, kind, description)` of the columns of a table with a fixed header. A description may
/// name `{templates}` or `{formats}`: the built-in templates' and the readers' output names, so
/// the schema lists what a run can write without naming templates here.
pub type ColumnSpec = (&'static str, Kind, &'static str);

/// A column spec's description with `{templates}` and `{formats}` spelled out.
fn describe(description: &str) -> String {
    let templates: Vec<&str> = crate::template::TEMPLATES
        .iter()
        .map(|t| t.id.as_str())
        .collect();
    let formats: Vec<&str> = crate::model::Format::ALL
        .iter()
        .map(|f| f.as_str())
        .collect();
    description
        .replace("{templates}", &templates.join(" | "))
        .replace("{formats}", &formats.join(" | "))
}

/// Columns of `reports.csv`, in order: the same order as `ReportRow::fields`.
const REPORTS: &[ColumnSpec] = &[
    (
        "report_id",
        Kind::String,
        "first 16 hex digits of the content's SHA-256",
    ),
    (
        "source",
        Kind::String,
        "the input path as given (FILE#ID inside archives)",
    ),
    ("sha256", Kind::String, "SHA-256 of the document's bytes"),
    ("bytes", Kind::Integer, "size of the document in bytes"),
    ("format", Kind::String, "{formats}"),
    ("encoding", Kind::String, "character encoding as detected"),
    ("template", Kind::String, "{templates} | legacy | unknown"),
    ("agency", Kind::String, "the publishing body as printed"),
    ("year", Kind::Integer, "reporting year"),
    ("title", Kind::String, "the report's title"),
    (
        "status",
        Kind::String,
        "ok | partial | unsupported | not_a_report | error",
    ),
    ("reason", Kind::String, "why the status is not ok"),
    ("cells", Kind::Integer, "printed cells with a value"),
    (
        "cells_unresolved",
        Kind::Integer,
        "printed cells of glued digits that could not be split",
    ),
    ("checks_passed", Kind::Integer, "identity checks that hold"),
    ("checks_failed", Kind::Integer, "identity checks that fail"),
    (
        "checks_skipped",
        Kind::Integer,
        "identity checks with a blank term",
    ),
    (
        "url",
        Kind::String,
        "the URL of a document from a web archive",
    ),
    (
        "site_code",
        Kind::String,
        "the page's SiteIDCode (meta tag), empty when it has none",
    ),
    (
        "agency_key",
        Kind::String,
        "canonical agency: region code, code/department, cn/department or name/… (see README)",
    ),
    (
        "region_code",
        Kind::String,
        "统计用区划代码 of the agency's region (6 digits, 9 for towns)",
    ),
    (
        "region_level",
        Kind::String,
        "province | prefecture | county | town | national",
    ),
    (
        "agency_kind",
        Kind::String,
        "government | street_office | committee | department",
    ),
    (
        "match",
        Kind::String,
        "site_code | name_exact | name_fuzzy | none",
    ),
];
const CELLS: &[ColumnSpec] = &[
    ("report_id", Kind::String, "the report (reports.csv)"),
    ("table", Kind::String, "s2 | s3 | s4"),
    ("row", Kind::String, "row key"),
    ("col", Kind::String, "column key"),
    (
        "value",
        Kind::Number,
        "the number, empty when the cell holds none",
    ),
    ("raw", Kind::String, "the text as printed"),
    (
        "method",
        Kind::String,
        "cell | split | unresolved | derived",
    ),
];
const CHECKS: &[ColumnSpec] = &[
    ("report_id", Kind::String, "the report (reports.csv)"),
    (
        "check",
        Kind::String,
        "identity and instance, e.g. I1:natural_person",
    ),
    ("status", Kind::String, "pass | fail | skipped"),
    ("lhs", Kind::Integer, "sum of the left-hand terms"),
    ("rhs", Kind::Integer, "sum of the right-hand terms"),
    (
        "detail",
        Kind::String,
        "the identity when it fails; the blank terms when skipped",
    ),
];
const WARNINGS: &[ColumnSpec] = &[
    ("report_id", Kind::String, "the report (reports.csv)"),
    ("code", Kind::String, "kind of warning"),
    ("detail", Kind::String, "what was seen"),
];
const MANIFEST: &[ColumnSpec] = &[
    ("source", Kind::String, "the input path as given"),
    (
        "sha256",
        Kind::String,
        "SHA-256 of its bytes (empty when unreadable)",
    ),
    (
        "extractor_version",
        Kind::String,
        "crate version + source fingerprint",
    ),
    ("status", Kind::String, "its status in reports.csv"),
];
/// Columns of `wide.csv` before the keys.
const WIDE_LEAD: &[ColumnSpec] = &[
    ("agency", Kind::String, "the publishing body as printed"),
    ("year", Kind::Integer, "reporting year"),
    ("template", Kind::String, "{templates}"),
    ("report_id", Kind::String, "the report (reports.csv)"),
    ("source", Kind::String, "its first source path"),
    ("status", Kind::String, "its status"),
];

/// The tables of a run, one file each.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Table {
    Reports,
    Cells,
    Checks,
    Warnings,
    Wide,
    Manifest,
    /// Built over the others once they are complete (`crate::panel`).
    Panel,
    Indicators,
}

impl Table {
    /// In the order the files are written and described.
    pub const ALL: [Table; 8] = [
        Table::Reports,
        Table::Cells,
        Table::Checks,
        Table::Warnings,
        Table::Wide,
        Table::Manifest,
        Table::Panel,
        Table::Indicators,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Table::Reports => "reports",
            Table::Cells => "cells",
            Table::Checks => "checks",
            Table::Warnings => "warnings",
            Table::Wide => "wide",
            Table::Manifest => "manifest",
            Table::Panel => "panel",
            Table::Indicators => "indicators",
        }
    }

    #[cfg(test)]
    fn from_name(name: &str) -> Option<Table> {
        Table::ALL.into_iter().find(|t| t.name() == name)
    }

    /// Whether `--format jsonl` applies: the long tables. The others stay CSV (one row per
    /// source or report, read as spreadsheets).
    pub fn long(self) -> bool {
        matches!(self, Table::Cells | Table::Checks | Table::Warnings)
    }

    /// Its file name in a folder written in `style`.
    pub fn file_name(self, style: Style) -> String {
        let ext = if style.jsonl && self.long() {
            "jsonl"
        } else {
            "csv"
        };
        format!("{}.{ext}", self.name())
    }

    /// Its columns, in order.
    pub fn columns(self) -> &'static [Column] {
        static COLUMNS: std::sync::LazyLock<Vec<Vec<Column>>> =
            std::sync::LazyLock::new(|| Table::ALL.iter().map(|t| t.build_columns()).collect());
        let i = Table::ALL.iter().position(|t| *t == self).unwrap_or(0);
        &COLUMNS[i]
    }

    fn build_columns(self) -> Vec<Column> {
        let fixed = |specs: &[ColumnSpec]| -> Vec<Column> {
            specs
                .iter()
                .map(|(name, kind, description)| Column {
                    name: name.to_string(),
                    kind: *kind,
                    description: describe(description),
                })
                .collect()
        };
        match self {
            Table::Reports => fixed(REPORTS),
            Table::Cells => fixed(CELLS),
            Table::Checks => fixed(CHECKS),
            Table::Warnings => fixed(WARNINGS),
            Table::Manifest => fixed(MANIFEST),
            Table::Indicators => crate::panel::indicators_columns(),
            Table::Wide | Table::Panel => {
                let lead = if self == Table::Wide {
                    WIDE_LEAD
                } else {
                    crate::panel::build::PANEL_LEAD
                };
                let mut cols = fixed(lead);
                // Counts are declared numbers too: a count printed as `1.5` is kept as printed
                // (with an `implausible_count` warning), never rounded to fit a type.
                cols.extend(dictionary().iter().map(|k| Column {
                    name: k.key.flat(),
                    kind: Kind::Number,
                    description: format!("{} ({})", k.label_en, k.unit),
                }));
                cols
            }
        }
    }

    /// Its header.
    pub fn header(self) -> Vec<&'static str> {
        self.columns().iter().map(|c| c.name.as_str()).collect()
    }
}

/// How the tables are written.
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
    pub cells_unresolved: String,
    pub checks_passed: String,
    pub checks_failed: String,
    pub checks_skipped: String,
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
            sha256: ex.sha256.to_string(),
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
            cells_unresolved: ex.cells_unresolved().to_string(),
            checks_passed: ex.checks_passed().to_string(),
            checks_failed: ex.checks_failed().to_string(),
            checks_skipped: ex.checks_skipped().to_string(),
            url: String::new(),
            site_code: ex.site_code.clone(),
            agency_key: id.agency_key,
            region_code: id.region_code,
            region_level: id.region_level.to_string(),
            agency_kind: id.agency_kind.to_string(),
            matched: id.matched.as_str().to_string(),
        }
    }

    pub fn fields(&self) -> [&str; 24] {
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
            &self.cells_unresolved,
            &self.checks_passed,
            &self.checks_failed,
            &self.checks_skipped,
            &self.url,
            &self.site_code,
            &self.agency_key,
            &self.region_code,
            &self.region_level,
            &self.agency_kind,
            &self.matched,
        ]
    }

    /// Reads a row back from a `reports.csv` record (for `merge`), its fields found by the
    /// names in `header`.
    pub fn from_record(header: &csv::StringRecord, rec: &csv::StringRecord) -> Option<Self> {
        let g = |name: &str| {
            let i = header.iter().position(|h| h == name)?;
            rec.get(i).map(str::to_string)
        };
        Some(ReportRow {
            report_id: g("report_id")?,
            source: g("source")?,
            sha256: g("sha256")?,
            bytes: g("bytes")?,
            format: g("format")?,
            encoding: g("encoding")?,
            template: g("template")?,
            agency: g("agency")?,
            year: g("year")?,
            title: g("title")?,
            status: g("status")?,
            reason: g("reason")?,
            cells: g("cells")?,
            cells_unresolved: g("cells_unresolved")?,
            checks_passed: g("checks_passed")?,
            checks_failed: g("checks_failed")?,
            checks_skipped: g("checks_skipped")?,
            url: g("url")?,
            site_code: g("site_code")?,
            agency_key: g("agency_key")?,
            region_code: g("region_code")?,
            region_level: g("region_level")?,
            agency_kind: g("agency_kind")?,
            matched: g("match")?,
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

/// Where a table's bytes go.
enum Out {
    File(BufWriter<File>),
    Stdout(BufWriter<std::io::Stdout>),
    /// A table not asked for when one table goes to standard output.
    Discard,
}

impl Write for Out {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match self {
            Out::File(w) => w.write(buf),
            Out::Stdout(w) => w.write(buf),
            Out::Discard => Ok(buf.len()),
        }
    }

    fn write_all(&mut self, buf: &[u8]) -> std::io::Result<()> {
        match self {
            Out::File(w) => w.write_all(buf),
            Out::Stdout(w) => w.write_all(buf),
            Out::Discard => Ok(()),
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        match self {
            Out::File(w) => w.flush(),
            Out::Stdout(w) => w.flush(),
            Out::Discard => Ok(()),
        }
    }
}

enum Sink {
    Csv(CsvWriter<Out>),
    Jsonl(Out, &'static [Column], Vec<u8>),
}

/// One output table being written: to a temporary file renamed into place by `commit`, or to
/// standard output. (`panel` writes its tables with it too.)
pub(crate) struct Pending {
    sink: Sink,
    /// `(temporary, final)` paths of a file.
    paths: Option<(PathBuf, PathBuf)>,
    /// What errors name.
    name: String,
}

impl Pending {
    pub(crate) fn create(target: &Target, table: Table, style: Style) -> Result<Self, RunError> {
        let (mut out, paths, name) = match target {
            Target::Folder(dir) => {
                let file_name = table.file_name(style);
                let dest = dir.join(&file_name);
                let tmp = dir.join(format!(".{file_name}.tmp"));
                let file = File::create(&tmp).map_err(RunError::io("create", &tmp))?;
                let name = tmp.display().to_string();
                let out = Out::File(BufWriter::with_capacity(1 << 16, file));
                (out, Some((tmp, dest)), name)
            }
            Target::Stdout(t) if *t == table => (
                Out::Stdout(BufWriter::with_capacity(1 << 16, std::io::stdout())),
                None,
                "standard output".to_string(),
            ),
            Target::Stdout(_) => (Out::Discard, None, String::new()),
        };
        let err = |e: std::io::Error| format!("cannot write {name}: {e}");
        let sink = if style.jsonl && table.long() {
            Sink::Jsonl(out, table.columns(), Vec::with_capacity(256))
        } else {
            if style.excel {
                out.write_all("\u{feff}".as_bytes()).map_err(err)?;
            }
            let mut w = CsvWriter::new(out);
            w.write_record(table.header()).map_err(err)?;
            Sink::Csv(w)
        };
        Ok(Pending { sink, paths, name })
    }

    pub(crate) fn write<'a, I>(&mut self, record: I) -> Result<(), RunError>
    where
        I: IntoIterator<Item = &'a str>,
    {
        let result = match &mut self.sink {
            Sink::Csv(w) => w.write_record(record),
            Sink::Jsonl(w, columns, line) => {
                line.clear();
                push_json_record(line, columns, record);
                w.write_all(line)
            }
        };
        result.map_err(|e| write_error(&self.name, self.paths.is_none(), e))
    }

    /// Flushes the table; a file is made durable and renamed into place.
    pub(crate) fn commit(self) -> Result<(), RunError> {
        let out = match self.sink {
            Sink::Csv(w) => w.into_inner(),
            Sink::Jsonl(w, ..) => w,
        };
        match (out, &self.paths) {
            (Out::File(buf), Some((tmp, dest))) => {
                let file = buf
                    .into_inner()
                    .map_err(|e| RunError::io("write", tmp)(e.into_error()))?;
                file.sync_all().map_err(RunError::io("write", tmp))?;
                std::fs::rename(tmp, dest).map_err(|e| {
                    RunError::Failed(format!(
                        "cannot rename {} to {}: {e}",
                        tmp.display(),
                        dest.display()
                    ))
                })
            }
            (mut out, _) => out
                .flush()
                .map_err(|e| write_error(&self.name, self.paths.is_none(), e)),
        }
    }
}

/// The error of a failed write; a closed standard output is `RunError::Closed`.
fn write_error(name: &str, stdout: bool, e: std::io::Error) -> RunError {
    if stdout && e.kind() == std::io::ErrorKind::BrokenPipe {
        RunError::Closed
    } else {
        RunError::io("write", Path::new(name))(e)
    }
}

/// Appends one JSON object (one line): keys in column order, integer and number columns as
/// JSON numbers (`null` when empty), the rest as strings.
fn push_json_record<'a>(
    line: &mut Vec<u8>,
    columns: &[Column],
    fields: impl IntoIterator<Item = &'a str>,
) {
    line.push(b'{');
    for (i, (col, value)) in columns.iter().zip(fields).enumerate() {
        if i > 0 {
            line.push(b',');
        }
        push_json_string(line, &col.name);
        line.push(b':');
        match col.kind {
            Kind::String => push_json_string(line, value),
            Kind::Integer | Kind::Number if value.is_empty() => line.extend_from_slice(b"null"),
            // Values are canonical decimals (`-3`, `25.1`), already JSON numbers: written as
            // they are, digit for digit, never through a float.
            Kind::Integer | Kind::Number if is_json_number(value) => {
                line.extend_from_slice(value.as_bytes())
            }
            // Not a number after all: kept as text rather than lost or guessed.
            Kind::Integer | Kind::Number => push_json_string(line, value),
        }
    }
    line.extend_from_slice(b"}\n");
}

fn push_json_string(line: &mut Vec<u8>, s: &str) {
    // Writing to a Vec cannot fail.
    let _ = serde_json::to_writer(&mut *line, s);
}

/// `-?(0|[1-9][0-9]*)(\.[0-9]+)?`: a JSON number without exponent.
fn is_json_number(s: &str) -> bool {
    let b = s.strip_prefix('-').unwrap_or(s).as_bytes();
    let (int, frac) = match b.iter().position(|&c| c == b'.') {
        Some(p) => (&b[..p], Some(&b[p + 1..])),
        None => (b, None),
    };
    let int_ok = match int {
        [b'0'] => true,
        [first, rest @ ..] => (b'1'..=b'9').contains(first) && rest.iter().all(u8::is_ascii_digit),
        [] => false,
    };
    int_ok && frac.is_none_or(|f| !f.is_empty() && f.iter().all(u8::is_ascii_digit))
}

/// Where a run's tables go.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// Every table into its file in this folder.
    Folder(PathBuf),
    /// One table to standard output (`--out -`); the others are not written.
    Stdout(Table),
}

/// Writes the outputs of a run.
pub struct Outputs {
    target: Target,
    style: Style,
    reports: Pending,
    cells: Pending,
    checks: Pending,
    warnings: Pending,
    wide: Pending,
    manifest: Pending,
}

impl Outputs {
    pub fn create(target: &Target, style: Style) -> Result<Self, RunError> {
        if let Target::Folder(dir) = target {
            std::fs::create_dir_all(dir).map_err(RunError::io("create", dir))?;
        }
        let p = |table: Table| Pending::create(target, table, style);
        Ok(Outputs {
            target: target.clone(),
            style,
            reports: p(Table::Reports)?,
            cells: p(Table::Cells)?,
            checks: p(Table::Checks)?,
            warnings: p(Table::Warnings)?,
            wide: p(Table::Wide)?,
            manifest: p(Table::Manifest)?,
        })
    }

    /// A source's row in `reports.csv` and `manifest.csv`.
    pub fn report(&mut self, row: &ReportRow, version: &str) -> Result<(), RunError> {
        self.reports.write(row.fields())?;
        self.manifest
            .write([row.source.as_str(), &row.sha256, version, &row.status])
    }

    /// Cells, checks, warnings and the wide row of one report (once per distinct content);
    /// `row` is the report's first source row.
    pub fn body(&mut self, row: &ReportRow, ex: &Extraction) -> Result<(), RunError> {
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

    fn wide_row(&mut self, row: &ReportRow, ex: &Extraction) -> Result<(), RunError> {
        let mut values: Vec<&str> = vec![""; Table::Wide.columns().len()];
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

    /// Flushes every table and renames each file into place; then, in a folder, writes its
    /// `datapackage.json` and removes the files of the other format (`cells.jsonl` after a CSV
    /// run), which this run's set replaces.
    pub fn commit(self) -> Result<(), RunError> {
        self.reports.commit()?;
        self.cells.commit()?;
        self.checks.commit()?;
        self.warnings.commit()?;
        self.wide.commit()?;
        self.manifest.commit()?;
        if let Target::Folder(dir) = &self.target {
            crate::run::datapackage::write(dir, self.style)?;
            remove_stale(dir, self.style)?;
        }
        Ok(())
    }
}

/// Every file name a run may write in its folder, in either format.
pub fn output_names() -> Vec<String> {
    let mut names = Vec::new();
    for t in Table::ALL {
        for jsonl in [false, true] {
            let name = t.file_name(Style {
                jsonl,
                excel: false,
            });
            if !names.contains(&name) {
                names.push(name);
            }
        }
    }
    names.push(crate::run::datapackage::FILE.to_string());
    names.push(crate::report::FILE.to_string());
    names.push(crate::run::batch::MARKER.to_string());
    names
}

/// Removes the temporary files an interrupted or failed run left in `dir` (`.cells.csv.tmp` …):
/// only ogi's own names, never other files.
pub fn remove_leftovers(dir: &Path) -> Result<(), RunError> {
    for name in output_names() {
        remove_if_present(&dir.join(format!(".{name}.tmp")))?;
    }
    Ok(())
}

/// Removes the tables of the format this run does not write.
fn remove_stale(dir: &Path, style: Style) -> Result<(), RunError> {
    for t in Table::ALL.into_iter().filter(|t| t.long()) {
        let other = t.file_name(Style {
            jsonl: !style.jsonl,
            excel: style.excel,
        });
        remove_if_present(&dir.join(other))?;
    }
    Ok(())
}

/// Writes a small file into `dir` under a temporary name, then renames it into place.
pub fn write_atomically(dir: &Path, name: &str, bytes: &[u8]) -> Result<(), RunError> {
    let path = dir.join(name);
    let tmp = dir.join(format!(".{name}.tmp"));
    std::fs::write(&tmp, bytes).map_err(RunError::io("write", &tmp))?;
    std::fs::rename(&tmp, &path).map_err(RunError::io("write", &path))
}

fn remove_if_present(path: &Path) -> Result<(), RunError> {
    match std::fs::remove_file(path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(RunError::io("remove", path)(e)),
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
    fn every_table_declares_its_columns_once() {
        let row = ReportRow::default();
        assert_eq!(row.fields().len(), Table::Reports.columns().len());
        for t in Table::ALL {
            let header = t.header();
            let unique: std::collections::HashSet<&&str> = header.iter().collect();
            assert_eq!(unique.len(), header.len(), "{t:?}");
            assert_eq!(Table::from_name(t.name()), Some(t));
        }
        assert_eq!(
            Table::Wide.columns().len(),
            WIDE_LEAD.len() + dictionary().len()
        );
        let year = Table::Reports.columns().iter().find(|c| c.name == "year");
        assert_eq!(year.map(|c| c.kind), Some(Kind::Integer));
    }

    #[test]
    fn template_and_format_columns_list_every_template_and_reader() {
        let described = |t: Table, name: &str| {
            let c = t.columns().iter().find(|c| c.name == name);
            c.map(|c| c.description.clone()).unwrap_or_default()
        };
        for t in [Table::Reports, Table::Wide, Table::Panel] {
            let d = described(t, "template");
            assert!(!d.contains('{'), "{t:?}: {d}");
            for template in crate::template::TEMPLATES {
                assert!(d.contains(template.id.as_str()), "{t:?}: {d}");
            }
        }
        assert_eq!(
            described(Table::Reports, "template"),
            "2021 | 2019 | legacy | unknown"
        );
        assert_eq!(
            described(Table::Reports, "format"),
            "html | text | pdf | docx | doc"
        );
    }

    #[test]
    fn reports_rows_read_back_by_column_name() {
        let row = ReportRow {
            report_id: "ab".into(),
            source: "x.html".into(),
            year: "2023".into(),
            url: "http://a.gov.cn/".into(),
            ..ReportRow::default()
        };
        let header = csv::StringRecord::from(Table::Reports.header());
        let rec = csv::StringRecord::from(row.fields().to_vec());
        assert_eq!(ReportRow::from_record(&header, &rec), Some(row));
        let short = csv::StringRecord::from(vec!["ab"]);
        assert_eq!(ReportRow::from_record(&header, &short), None);
    }

    #[test]
    fn json_lines_hold_numbers_nulls_and_strings() {
        let mut line = Vec::new();
        push_json_record(
            &mut line,
            Table::Cells.columns(),
            [
                "id",
                "s2",
                "admin_fees",
                "amount_wan",
                "25.1",
                "25.1万元",
                "cell",
            ],
        );
        assert_eq!(
            String::from_utf8_lossy(&line),
            "{\"report_id\":\"id\",\"table\":\"s2\",\"row\":\"admin_fees\",\"col\":\"amount_wan\",\"value\":25.1,\"raw\":\"25.1万元\",\"method\":\"cell\"}\n"
        );
        line.clear();
        push_json_record(
            &mut line,
            Table::Checks.columns(),
            ["id", "I1:total", "skipped", "", "-3", "say \"x\""],
        );
        let v: serde_json::Value = serde_json::from_slice(&line).expect("json");
        assert_eq!(v["lhs"], serde_json::Value::Null);
        assert_eq!(v["rhs"], serde_json::json!(-3));
        assert_eq!(v["detail"], "say \"x\"");
        for (text, ok) in [
            ("0", true),
            ("-12", true),
            ("12345678901234567890123", true),
            ("0.25", true),
            ("007", false),
            (".5", false),
            ("5.", false),
            ("-", false),
            ("", false),
            ("1e5", false),
        ] {
            assert_eq!(is_json_number(text), ok, "{text:?}");
        }
    }

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

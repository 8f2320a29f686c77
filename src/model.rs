/*!
The records ogi produces: one `Report` per document, holding its `Cell`s, identity `Check`s and
`Warning`s. Every stage after recognition speaks these types; the CSV writers only serialize them.
*/

use std::fmt;

/// The layout family a document was read as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Format {
    Html,
    Text,
    Pdf,
    Docx,
    Doc,
}

impl Format {
    /// The value named as in outputs, if any.
    pub fn from_name(name: &str) -> Option<Self> {
        match name {
            "html" => Some(Format::Html),
            "text" => Some(Format::Text),
            "pdf" => Some(Format::Pdf),
            "docx" => Some(Format::Docx),
            "doc" => Some(Format::Doc),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Format::Html => "html",
            Format::Text => "text",
            Format::Pdf => "pdf",
            Format::Docx => "docx",
            Format::Doc => "doc",
        }
    }
}

/// Which national template a table (or a whole report) follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum TemplateId {
    T2021,
    T2019,
    Legacy,
    Unknown,
}

impl TemplateId {
    /// The value named as in outputs, if any.
    pub fn from_name(name: &str) -> Option<Self> {
        match name {
            "2021" => Some(TemplateId::T2021),
            "2019" => Some(TemplateId::T2019),
            "legacy" => Some(TemplateId::Legacy),
            "unknown" => Some(TemplateId::Unknown),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            TemplateId::T2021 => "2021",
            TemplateId::T2019 => "2019",
            TemplateId::Legacy => "legacy",
            TemplateId::Unknown => "unknown",
        }
    }
}

impl fmt::Display for TemplateId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Outcome of one document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Status {
    /// All three tables found and read.
    Ok,
    /// Some of the tables or rows were found, not all.
    Partial,
    /// A report, but in a layout ogi does not map (pre-2019 forms).
    Unsupported,
    /// Not a report at all (a listing page, a notice, an image-only report).
    NotAReport,
    /// The document could not be read.
    Error,
}

impl Status {
    /// The value named as in outputs, if any.
    pub fn from_name(name: &str) -> Option<Self> {
        match name {
            "ok" => Some(Status::Ok),
            "partial" => Some(Status::Partial),
            "unsupported" => Some(Status::Unsupported),
            "not_a_report" => Some(Status::NotAReport),
            "error" => Some(Status::Error),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Ok => "ok",
            Status::Partial => "partial",
            Status::Unsupported => "unsupported",
            Status::NotAReport => "not_a_report",
            Status::Error => "error",
        }
    }
}

/// The three statistical tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum TableId {
    S2,
    S3,
    S4,
}

impl TableId {
    pub const ALL: [TableId; 3] = [TableId::S2, TableId::S3, TableId::S4];

    pub fn as_str(self) -> &'static str {
        match self {
            TableId::S2 => "s2",
            TableId::S3 => "s3",
            TableId::S4 => "s4",
        }
    }
}

/// The name of one cell in the key vocabulary (`../shared/spec/keys.md`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CellKey {
    pub table: TableId,
    pub row: &'static str,
    pub col: &'static str,
}

impl CellKey {
    /// `table.row.col`, the flattened name used by wide outputs.
    pub fn flat(&self) -> String {
        format!("{}.{}.{}", self.table.as_str(), self.row, self.col)
    }
}

/// How a cell's value was obtained.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Method {
    /// Read from its own cell.
    Cell,
    /// Recovered by splitting a run of glued digits with the template's identities.
    Split,
    /// A glued run that could not be split unambiguously: no value, `raw` holds the run.
    Unresolved,
    /// Computed from printed cells (subtotals that one template prints and the other does not).
    Derived,
}

impl Method {
    /// The value named as in outputs, if any.
    pub fn from_name(name: &str) -> Option<Self> {
        match name {
            "cell" => Some(Method::Cell),
            "split" => Some(Method::Split),
            "unresolved" => Some(Method::Unresolved),
            "derived" => Some(Method::Derived),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Method::Cell => "cell",
            Method::Split => "split",
            Method::Unresolved => "unresolved",
            Method::Derived => "derived",
        }
    }
}

/// One extracted cell. `value` is a plain decimal string, `None` when the cell holds no number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    pub key: CellKey,
    pub value: Option<String>,
    pub raw: String,
    pub method: Method,
}

impl Cell {
    /// The value as an integer, when it is one.
    pub fn int(&self) -> Option<i64> {
        self.value.as_deref().and_then(|v| v.parse::<i64>().ok())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum CheckStatus {
    Pass,
    Fail,
    Skipped,
}

impl CheckStatus {
    /// The value named as in outputs, if any.
    pub fn from_name(name: &str) -> Option<Self> {
        match name {
            "pass" => Some(CheckStatus::Pass),
            "fail" => Some(CheckStatus::Fail),
            "skipped" => Some(CheckStatus::Skipped),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            CheckStatus::Pass => "pass",
            CheckStatus::Fail => "fail",
            CheckStatus::Skipped => "skipped",
        }
    }
}

/// One instance of an accounting identity (e.g. I2 on row `new_received`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Check {
    /// `I2:new_received`, `I1:natural_person`, …
    pub check: String,
    pub status: CheckStatus,
    pub lhs: Option<i64>,
    pub rhs: Option<i64>,
    pub detail: String,
}

/// Something a researcher should look at; never stops extraction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    pub code: String,
    pub detail: String,
}

impl Warning {
    pub fn new(code: &str, detail: impl Into<String>) -> Self {
        Warning {
            code: code.to_string(),
            detail: detail.into(),
        }
    }
}

/// Everything extracted from one document's content. Independent of the path it was found under,
/// so identical content found under several paths is extracted once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Extraction {
    pub report_id: String,
    pub sha256: String,
    pub bytes: u64,
    pub format: Option<Format>,
    pub encoding: String,
    pub template: TemplateId,
    pub agency: String,
    pub year: Option<u16>,
    pub title: String,
    /// The page's `SiteIDCode` (see `panel::site`), empty when it has none.
    pub site_code: String,
    pub status: Status,
    pub reason: String,
    pub cells: Vec<Cell>,
    pub checks: Vec<Check>,
    pub warnings: Vec<Warning>,
}

impl Extraction {
    /// Number of printed cells that hold a value.
    pub fn cells_found(&self) -> usize {
        self.cells
            .iter()
            .filter(|c| c.value.is_some() && c.method != Method::Derived)
            .count()
    }

    /// Number of printed cells left without a value because their glued digits could not be
    /// split with certainty.
    pub fn cells_unresolved(&self) -> usize {
        self.cells
            .iter()
            .filter(|c| c.method == Method::Unresolved)
            .count()
    }

    pub fn checks_failed(&self) -> usize {
        self.checks_with(CheckStatus::Fail)
    }

    pub fn checks_passed(&self) -> usize {
        self.checks_with(CheckStatus::Pass)
    }

    pub fn checks_skipped(&self) -> usize {
        self.checks_with(CheckStatus::Skipped)
    }

    fn checks_with(&self, status: CheckStatus) -> usize {
        self.checks.iter().filter(|c| c.status == status).count()
    }
}

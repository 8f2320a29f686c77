/*!
The records ogi produces: one `Report` per document, holding its `Cell`s, identity `Check`s and
`Warning`s. Every stage after recognition speaks these types; the CSV writers only serialize them.
*/

use std::fmt;

/// The layout family a document was read as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Format {
    /// An HTML page.
    Html,
    /// Plain or loosely formatted text.
    Text,
    /// A PDF file's text layer.
    Pdf,
    /// A Word (OOXML) document.
    Docx,
    /// A legacy Word (OLE) document.
    Doc,
}

impl Format {
    /// Every format, in the order outputs list them.
    pub const ALL: [Format; 5] = [
        Format::Html,
        Format::Text,
        Format::Pdf,
        Format::Docx,
        Format::Doc,
    ];

    /// The value named as in outputs, if any.
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|f| f.as_str() == name)
    }

    /// The name used in outputs (`html`, `pdf`, …).
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

/// Which national template a table (or a whole report) follows, by the name used in outputs
/// (`2021`, `2019`; `legacy` and `unknown` for reports that follow none). The templates
/// themselves are data (`crate::template`); each names itself with one of these.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TemplateId(&'static str);

impl TemplateId {
    /// The 2021 template (国办公开办函〔2021〕30号), reporting years from 2021.
    pub const T2021: TemplateId = TemplateId("2021");
    /// The 2019 trial template (国办公开办函〔2019〕60号), reporting years 2019 and 2020.
    pub const T2019: TemplateId = TemplateId("2019");
    /// A pre-2019 form, not mapped to the national templates.
    pub const LEGACY: TemplateId = TemplateId("legacy");
    /// No template recognized.
    pub const UNKNOWN: TemplateId = TemplateId("unknown");

    /// The id of a template named `name` in outputs (a template's own declaration).
    pub const fn new(name: &'static str) -> Self {
        TemplateId(name)
    }

    /// The id named as in outputs, if it is a built-in template's, `legacy` or `unknown`.
    pub fn from_name(name: &str) -> Option<Self> {
        crate::template::TEMPLATES
            .iter()
            .map(|t| t.id)
            .chain([TemplateId::LEGACY, TemplateId::UNKNOWN])
            .find(|id| id.0 == name)
    }

    /// The name used in outputs (`2021`, `2019`, `legacy`, `unknown`).
    pub fn as_str(self) -> &'static str {
        self.0
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

    /// The name used in outputs (`ok`, `not_a_report`, …).
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
    /// Section 二: proactive disclosure (主动公开政府信息情况).
    S2,
    /// Section 三: requests received and handled (收到和处理政府信息公开申请情况).
    S3,
    /// Section 四: administrative reconsideration and litigation (行政复议、行政诉讼情况).
    S4,
}

impl TableId {
    /// The three tables in report order.
    pub const ALL: [TableId; 3] = [TableId::S2, TableId::S3, TableId::S4];

    /// The name used in outputs (`s2`, `s3`, `s4`).
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
    /// The table the cell belongs to.
    pub table: TableId,
    /// The row key (`new_received`, `granted`, …).
    pub row: &'static str,
    /// The column key (`total`, `natural_person`, …).
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

    /// The name used in outputs (`cell`, `split`, `unresolved`, `derived`).
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
    /// Which cell of which table.
    pub key: CellKey,
    /// The normalized value (money in 万元), `None` when the cell holds no number.
    pub value: Option<String>,
    /// The text as printed (for a glued run, the whole run).
    pub raw: String,
    /// How the value was obtained.
    pub method: Method,
}

impl Cell {
    /// The value as an integer, when it is one.
    pub fn int(&self) -> Option<i64> {
        self.value.as_deref().and_then(|v| v.parse::<i64>().ok())
    }
}

/// Outcome of one identity check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum CheckStatus {
    /// Both sides were read and are equal.
    Pass,
    /// Both sides were read and differ.
    Fail,
    /// A term was missing: nothing to compare.
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

    /// The name used in outputs (`pass`, `fail`, `skipped`).
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
    /// Whether it holds.
    pub status: CheckStatus,
    /// The left side's sum, when every term was read.
    pub lhs: Option<i64>,
    /// The right side's sum, when every term was read.
    pub rhs: Option<i64>,
    /// The terms and their values, or why the check was skipped.
    pub detail: String,
}

/// Something a researcher should look at; never stops extraction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    /// What kind of thing: the `code` column of warnings.csv.
    pub code: WarningCode,
    /// Where and what, for a person.
    pub detail: String,
}

impl Warning {
    /// A warning of `code` saying `detail`.
    pub fn new(code: WarningCode, detail: impl Into<String>) -> Self {
        Warning {
            code,
            detail: detail.into(),
        }
    }
}

/// Declares the warning codes once: the variant, its name in outputs and what it means.
macro_rules! warning_codes {
    ($($(#[$doc:meta])* $variant:ident = $name:literal,)*) => {
        /// The kinds of warnings, named in outputs by [`WarningCode::as_str`].
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum WarningCode {
            $($(#[$doc])* $variant,)*
        }

        impl WarningCode {
            /// Every code, in declaration order.
            pub const ALL: &'static [WarningCode] = &[$(WarningCode::$variant,)*];

            /// The name used in outputs (`short_row`, `glued_ambiguous`, …).
            pub fn as_str(self) -> &'static str {
                match self {
                    $(WarningCode::$variant => $name,)*
                }
            }
        }
    };
}

warning_codes! {
    /// Some bytes were not valid in the document's encoding and were replaced.
    DecodeErrors = "decode_errors",
    /// Section 二 and section 三 follow different templates.
    TemplateConflict = "template_conflict",
    /// The page holds a second report's section 三; the first was read.
    SeveralReports = "several_reports",
    /// A row printed fewer cells than its template row has.
    ShortRow = "short_row",
    /// A row printed more cells than its template row has.
    ExtraCells = "extra_cells",
    /// A cell holds text, not a number.
    NonNumeric = "non_numeric",
    /// A glued run fits several splits; the cells they disagree on are left empty.
    GluedAmbiguous = "glued_ambiguous",
    /// A glued run could not be split.
    GluedUnresolved = "glued_unresolved",
    /// A count is negative.
    ImplausibleCount = "implausible_count",
    /// A count has a decimal part; kept as printed.
    NonInteger = "non_integer",
    /// One HTML cell holds something other than one value (`1 234`, `8<br>21`, `821/`); that cell
    /// alone is left empty.
    OddCell = "odd_cell",
    /// A 2021 report prints （六）其他处理 as one row; read as `result.other`.
    OtherAsOneRow = "other_as_one_row",
    /// A page's SiteIDCode is malformed.
    SiteCodeInvalid = "site_code_invalid",
    /// A page's SiteIDCode names no region of the table.
    SiteCodeUnknown = "site_code_unknown",
    /// The agency's name and its site's code name different places.
    AgencySiteConflict = "agency_site_conflict",
    /// The agency's name names several regions equally well.
    AgencyAmbiguous = "agency_ambiguous",
    /// No region of the table is found in the agency's name.
    AgencyUnplaced = "agency_unplaced",
}

impl WarningCode {
    /// The code named as in outputs, if any.
    pub fn from_name(name: &str) -> Option<Self> {
        WarningCode::ALL
            .iter()
            .copied()
            .find(|c| c.as_str() == name)
    }
}

impl fmt::Display for WarningCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The SHA-256 of a document's bytes: 32 bytes in memory, 64 hex digits in the outputs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct ContentHash(pub [u8; 32]);

impl ContentHash {
    /// The hash of `bytes`.
    pub fn of(bytes: &[u8]) -> Self {
        use sha2::{Digest, Sha256};
        ContentHash(Sha256::digest(bytes).into())
    }

    /// The hash written as 64 hex digits (either case); `None` for any other text.
    pub fn from_hex(hex: &str) -> Option<Self> {
        let hex = hex.as_bytes();
        if hex.len() != 64 {
            return None;
        }
        let nibble = |c: u8| (c as char).to_digit(16);
        let mut key = [0u8; 32];
        for (k, pair) in key.iter_mut().zip(hex.chunks_exact(2)) {
            *k = (nibble(pair[0])? * 16 + nibble(pair[1])?) as u8;
        }
        Some(ContentHash(key))
    }

    /// The stable report id: the first 16 hex digits, so the same bytes always get the same id.
    pub fn report_id(&self) -> String {
        self.to_string()[..16].to_string()
    }
}

impl fmt::Display for ContentHash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for b in self.0 {
            write!(f, "{b:02x}")?;
        }
        Ok(())
    }
}

/// Everything extracted from one document's content. Independent of the path it was found under,
/// so identical content found under several paths is extracted once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Extraction {
    /// The stable id of the report: the first 16 hex digits of `sha256`.
    pub report_id: String,
    /// SHA-256 of the document's bytes.
    pub sha256: ContentHash,
    /// Size of the document in bytes.
    pub bytes: u64,
    /// The layout family it was read as; `None` when it was not read that far.
    pub format: Option<Format>,
    /// The text encoding it was decoded with (empty for binary formats).
    pub encoding: String,
    /// The national template of the report.
    pub template: TemplateId,
    /// The reporting agency, as named in the title.
    pub agency: String,
    /// The reporting year, from the title or the text.
    pub year: Option<u16>,
    /// The report's title.
    pub title: String,
    /// The page's `SiteIDCode` (see `panel::site`), empty when it has none.
    pub site_code: String,
    /// The outcome.
    pub status: Status,
    /// Why the status is not `ok` (empty when it is).
    pub reason: String,
    /// Every cell read or derived, in template order.
    pub cells: Vec<Cell>,
    /// Every identity check made on the cells.
    pub checks: Vec<Check>,
    /// Things a researcher should look at.
    pub warnings: Vec<Warning>,
}

impl Extraction {
    /// The extraction of a document that could not be read at all (`status` `error`), named
    /// by its content hash and size.
    pub fn unreadable(sha256: ContentHash, bytes: u64, reason: String) -> Self {
        Extraction {
            status: Status::Error,
            reason,
            ..Extraction::blank(sha256, bytes)
        }
    }

    /// A document before any stage: nothing found yet.
    pub(crate) fn blank(sha256: ContentHash, bytes: u64) -> Self {
        Extraction {
            report_id: sha256.report_id(),
            sha256,
            bytes,
            format: None,
            encoding: String::new(),
            template: TemplateId::UNKNOWN,
            agency: String::new(),
            year: None,
            title: String::new(),
            site_code: String::new(),
            status: Status::NotAReport,
            reason: String::new(),
            cells: Vec::new(),
            checks: Vec::new(),
            warnings: Vec::new(),
        }
    }

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

    /// Number of identity checks that failed.
    pub fn checks_failed(&self) -> usize {
        self.checks_with(CheckStatus::Fail)
    }

    /// Number of identity checks that passed.
    pub fn checks_passed(&self) -> usize {
        self.checks_with(CheckStatus::Pass)
    }

    /// Number of identity checks skipped for a missing term.
    pub fn checks_skipped(&self) -> usize {
        self.checks_with(CheckStatus::Skipped)
    }

    fn checks_with(&self, status: CheckStatus) -> usize {
        self.checks.iter().filter(|c| c.status == status).count()
    }
}

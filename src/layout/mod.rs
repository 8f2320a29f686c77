/*!
The intermediate form every input format is laid out into: a sequence of text lines and table rows
in document order. HTML (`html`) and loose text (`text`) each turn decoded text into a `Layout`,
PDF (`pdf`) and Word (`docx`, `doc`) their bytes; the recognizer reads only this form, through
`Layout::stream`.
*/

pub mod doc;
pub mod document;
pub mod docx;
pub mod html;
pub mod pdf;
pub mod pdf_text;
pub mod text;

use crate::model::{Format, Status};
use unicode_normalization::UnicodeNormalization;

/// Separates cells of one table row in the recognizer's stream. Not whitespace, so it is a hard
/// boundary between numbers but never part of a label.
pub const CELL_SEP: char = '\u{1f}';

/// One cell of a table row, text as printed (entities decoded, `<br>` as a newline, trimmed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LCell {
    pub text: String,
    pub colspan: u32,
    pub rowspan: u32,
}

impl LCell {
    pub fn new(text: impl Into<String>) -> Self {
        LCell {
            text: text.into(),
            colspan: 1,
            rowspan: 1,
        }
    }
}

/// Why a document was not laid out: the status and reason of its row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    pub status: Status,
    pub reason: String,
}

impl Refusal {
    pub fn error(reason: impl Into<String>) -> Self {
        Refusal {
            status: Status::Error,
            reason: reason.into(),
        }
    }
    pub fn not_a_report(reason: impl Into<String>) -> Self {
        Refusal {
            status: Status::NotAReport,
            reason: reason.into(),
        }
    }
    pub fn unsupported(reason: impl Into<String>) -> Self {
        Refusal {
            status: Status::Unsupported,
            reason: reason.into(),
        }
    }
}

/// A piece of a document in reading order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// A line (paragraph, heading, or a line of loose text whose cells are not separated).
    Line(String),
    /// A table row: the cells actually present in the source row, left to right. Cells covered by
    /// a rowspan from above are not repeated.
    Row(Vec<LCell>),
    /// The end of a table (an HTML `</table>`, or the end of a run of rows in text).
    TableEnd,
}

/// A document laid out: what the recognizer reads.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Layout {
    pub blocks: Vec<Block>,
    /// The document's own title (HTML `<title>`, a crawler's `标题:` line), when it has one.
    pub title: Option<String>,
}

impl Layout {
    /// The text the recognizer searches: one line per block; cells of a row separated by
    /// `CELL_SEP`, each row starting with one; whitespace inside a cell collapsed to one space.
    pub fn stream(&self) -> String {
        let mut out = String::new();
        for block in &self.blocks {
            match block {
                Block::Line(text) => {
                    push_collapsed(&mut out, text);
                    out.push('\n');
                }
                Block::Row(cells) => {
                    for cell in cells {
                        out.push(CELL_SEP);
                        push_collapsed(&mut out, &cell.text);
                    }
                    out.push('\n');
                }
                Block::TableEnd => out.push('\n'),
            }
        }
        out
    }

    /// Number of table cells.
    pub fn cell_count(&self) -> usize {
        self.blocks
            .iter()
            .map(|b| match b {
                Block::Row(cells) => cells.len(),
                _ => 0,
            })
            .sum()
    }

    /// Replaces compatibility characters by their NFKC form in every line and cell: the readers
    /// of formats whose fonts or input methods print them (PDF, DOCX, `.doc`) call it last.
    pub fn fold_compat(&mut self) {
        for block in &mut self.blocks {
            match block {
                Block::Line(text) => fold_compat(text),
                Block::Row(cells) => cells.iter_mut().for_each(|c| fold_compat(&mut c.text)),
                Block::TableEnd => {}
            }
        }
    }

    /// Number of table rows, for deciding whether a document has any tables at all.
    pub fn row_count(&self) -> usize {
        self.blocks
            .iter()
            .filter(|b| matches!(b, Block::Row(_)))
            .count()
    }
}

/// Whether a character has a compatibility form that fonts map text to: full-width digits and
/// stops, mathematical digits, Kangxi and supplementary radicals printed for the ideographs they
/// look like, compatibility ideographs.
fn is_compat(c: char) -> bool {
    matches!(c as u32,
        0xFF0E | 0xFF10..=0xFF19 | 0x1D7CE..=0x1D7FF | 0x2E80..=0x2FDF | 0xF900..=0xFAFF)
}

/// Replaces compatibility characters by their NFKC form (`１２` → `12`, `⼀` → `一`); other text is
/// left as printed, since the labels are matched with their own punctuation.
fn fold_compat(text: &mut String) {
    if !text.chars().any(is_compat) {
        return;
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if is_compat(c) {
            out.extend(std::iter::once(c).nfkc());
        } else {
            out.push(c);
        }
    }
    *text = out;
}

/// Appends `text` with each run of whitespace (and stray separators) as one space, none at the
/// ends; the text between is copied run by run.
fn push_collapsed(out: &mut String, text: &str) {
    let mut pending_space = false;
    let mut run: Option<usize> = None;
    for (i, ch) in text.char_indices() {
        if ch.is_whitespace() || ch == CELL_SEP {
            if let Some(start) = run.take() {
                out.push_str(&text[start..i]);
                pending_space = true;
            }
        } else if run.is_none() {
            if pending_space {
                out.push(' ');
                pending_space = false;
            }
            run = Some(i);
        }
    }
    if let Some(start) = run {
        out.push_str(&text[start..]);
    }
}

/// Lays out decoded text as the given format; `headings` are the templates' section headings.
pub fn lay_out(text: &str, format: Format, headings: &crate::template::Headings) -> Layout {
    match format {
        Format::Html => html::lay_out(text),
        // Binary formats are laid out from their bytes (`pdf`, `docx`); as decoded text they are
        // loose text.
        Format::Text | Format::Pdf | Format::Docx | Format::Doc => text::lay_out(text, headings),
    }
}

/// Whether decoded text looks like HTML markup rather than loose text.
pub fn sniff_format(text: &str) -> Format {
    let end = text.char_indices().nth(4096).map_or(text.len(), |(i, _)| i);
    let head = text[..end].to_ascii_lowercase();
    let markers = [
        "<html",
        "<!doctype html",
        "<table",
        "<body",
        "<p",
        "<div",
        "<td",
        "<br",
    ];
    if markers.iter().any(|m| head.contains(m))
        || text.contains("<table")
        || text.contains("<TABLE")
    {
        Format::Html
    } else {
        Format::Text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_compatibility_digits_and_radicals() {
        let mut s = String::from("⼀、本年新收 １２．５ 件");
        fold_compat(&mut s);
        assert_eq!(s, "一、本年新收 12.5 件");
    }

    #[test]
    fn stream_separates_cells_and_collapses_whitespace() {
        let layout = Layout {
            blocks: vec![
                Block::Line("二、主动公开政府信息情况".into()),
                Block::Row(vec![
                    LCell::new("本年新\n制作数量"),
                    LCell::new(" 13 "),
                    LCell::new(""),
                ]),
            ],
            title: None,
        };
        assert_eq!(
            layout.stream(),
            "二、主动公开政府信息情况\n\u{1f}本年新 制作数量\u{1f}13\u{1f}\n"
        );
    }

    #[test]
    fn collapses_whitespace_runs() {
        for (text, want) in [
            ("  a  b\u{1f}c \n", "a b c"),
            ("", ""),
            (" \t ", ""),
            ("规章\u{3000}0", "规章 0"),
            ("x", "x"),
        ] {
            let mut out = String::from(">");
            push_collapsed(&mut out, text);
            assert_eq!(out, format!(">{want}"), "{text:?}");
        }
    }

    #[test]
    fn sniffs_html_and_text() {
        assert_eq!(sniff_format("<p>一、总体情况</p><table>"), Format::Html);
        assert_eq!(sniff_format("一、总体情况\n规章 |\n0 |"), Format::Text);
    }
}

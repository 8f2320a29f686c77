/*!
PDF attachments into the intermediate form. The reader (`read`, `hayro-interpret`, behind the
default `pdf` feature) gives each page's glyphs and ruling lines; `geometry` rebuilds the tables
from the rules (or from the text's columns where a table has none) into the same rows an HTML
table gives, so that recognition is the same for every format.

A PDF is refused with a reason, never guessed at: a text layer that is mostly unreadable (no
Unicode mapping: U+FFFD or private-use characters), or none at all (a scan), is `needs OCR`;
encrypted, damaged, too many pages or over the time budget each say so.
*/

// Without the reader nothing produces pages: the table rebuilding goes with it.
#[cfg(feature = "pdf")]
pub mod geometry;
#[cfg(feature = "pdf")]
mod read;
#[cfg(feature = "pdf")]
mod unruled;

#[cfg(feature = "pdf")]
use super::Block;
use super::{Layout, Refusal};
use std::time::Duration;

/// Limits of one PDF, beyond the size limit applied when reading it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PdfLimits {
    /// Pages a PDF may have (a report has 5 to 20).
    pub max_pages: usize,
    /// Time one PDF may take; checked between pages.
    pub time_budget: Duration,
}

impl Default for PdfLimits {
    fn default() -> Self {
        PdfLimits {
            max_pages: 300,
            time_budget: Duration::from_secs(60),
        }
    }
}

/// The share of unreadable characters above which a text layer is not read: a report's own
/// text has none, a font without a Unicode mapping makes nearly all of them so.
#[cfg(feature = "pdf")]
const UNREADABLE_SHARE: f64 = 0.2;

/// The reason given to every document whose text must be recognized from images first.
#[cfg(feature = "pdf")]
pub const NEEDS_OCR: &str = "needs OCR";

/// Lays out a PDF.
pub fn lay_out(bytes: &[u8], limits: &PdfLimits) -> Result<Layout, Refusal> {
    #[cfg(feature = "pdf")]
    {
        // The reader is another project's code on hostile input: a panic in it is this PDF's
        // error, not the caller's (the batch isolates documents too; library callers get the
        // same promise).
        let read = std::panic::catch_unwind(|| read::pages(bytes, limits))
            .unwrap_or_else(|_| Err(Refusal::error("damaged PDF: the reader failed on it")))?;
        from_pages(&read)
    }
    #[cfg(not(feature = "pdf"))]
    {
        let _ = (bytes, limits);
        Err(Refusal::unsupported(
            "PDF: this ogi was built without the `pdf` feature",
        ))
    }
}

/// Lays out pages read from a PDF, refusing a text layer that cannot be read.
#[cfg(feature = "pdf")]
pub fn from_pages(pages: &[geometry::Page]) -> Result<Layout, Refusal> {
    let (total, bad) = geometry::readability(pages);
    if total == 0 {
        return Err(Refusal::unsupported(format!(
            "{NEEDS_OCR}: no text layer (an image-only scan)"
        )));
    }
    if bad as f64 > total as f64 * UNREADABLE_SHARE {
        return Err(Refusal::unsupported(format!(
            "{NEEDS_OCR}: {bad} of {total} characters have no Unicode mapping"
        )));
    }
    let mut blocks: Vec<Block> = Vec::new();
    let mut open = None;
    for page in pages {
        let next = geometry::page_blocks(page, &mut open);
        // A table that goes on over the page: its rows run on, the page break is not its end.
        if matches!(next.first(), Some(Block::Row(_)))
            && blocks.last() == Some(&Block::TableEnd)
            && matches!(blocks.iter().rev().nth(1), Some(Block::Row(_)))
        {
            blocks.pop();
        }
        blocks.extend(next);
    }
    let mut layout = Layout {
        blocks,
        title: None,
    };
    layout.fold_compat();
    Ok(layout)
}

#[cfg(all(test, feature = "pdf"))]
mod tests {
    use super::geometry::{Glyph, Page};
    use super::*;
    use crate::model::Status;

    fn page_of(text: &str) -> Page {
        let glyphs = text
            .chars()
            .enumerate()
            .map(|(i, ch)| Glyph {
                ch,
                x0: i as f64 * 10.0,
                x1: i as f64 * 10.0 + 10.0,
                top: 0.0,
                bottom: 10.0,
            })
            .collect();
        Page {
            glyphs,
            rules: Vec::new(),
        }
    }

    #[test]
    fn unreadable_text_layers_need_ocr() {
        let scan = from_pages(&[Page::default(), Page::default()]).unwrap_err();
        assert_eq!(scan.status, Status::Unsupported);
        assert!(scan.reason.starts_with(NEEDS_OCR), "{}", scan.reason);
        let unmapped =
            from_pages(&[page_of("\u{e000}\u{e001}\u{fffd}\u{fffd}年度报告")]).unwrap_err();
        assert!(
            unmapped.reason.starts_with(NEEDS_OCR),
            "{}",
            unmapped.reason
        );
        let fine = from_pages(&[page_of("政府信息公开工作年度报告")]).expect("readable");
        assert_eq!(
            fine.blocks,
            vec![Block::Line("政府信息公开工作年度报告".into())]
        );
    }
}

/*!
The library's entry point: [`extract`] with the default limits, or an [`Extractor`] built with
limits of one's own.
*/

use crate::model::{ContentHash, Extraction};
use crate::pipeline::{self, HtmlPath, Limits};
use crate::recognize::Recognizer;
use crate::template::Template;
use std::sync::Arc;
use std::time::Duration;

/// Extracts one document with the default limits. `charset_hint` is a charset named outside the
/// bytes (an HTTP header's); the bytes' own declaration and detection decide otherwise.
pub fn extract(doc: &[u8], charset_hint: Option<&str>) -> Extraction {
    Extractor::new().extract(doc, charset_hint)
}

/// Extracts documents with chosen resource limits.
///
/// ```
/// let extractor = ogi::Extractor::new().max_table_cells(10);
/// let page = "<table><tr><td>1</td><td>2</td><td>3</td><td>4</td><td>5</td><td>6</td></tr>\
///             <tr><td>1</td><td>2</td><td>3</td><td>4</td><td>5</td><td>6</td></tr></table>";
/// let ex = extractor.extract(page.as_bytes(), None);
/// assert_eq!(ex.status, ogi::Status::Error);
/// assert!(ex.reason.contains("over the limit of 10"));
/// ```
#[derive(Debug, Clone, Default)]
pub struct Extractor {
    limits: Limits,
    html_path: HtmlPath,
    /// The templates' recognizer when they are not the built-in ones.
    recognizer: Option<Arc<Recognizer>>,
}

impl Extractor {
    /// An extractor with the default limits (those of `ogi extract`).
    pub fn new() -> Self {
        Extractor::default()
    }

    /// Table cells a document may have (a report has about 400; default 200 000). A document
    /// with more is refused (status `error`) before its tables are built.
    pub fn max_table_cells(mut self, n: usize) -> Self {
        self.limits.max_table_cells = n;
        self
    }

    /// Pages a PDF may have (default 300); a longer one is refused.
    pub fn max_pdf_pages(mut self, n: usize) -> Self {
        self.limits.pdf.max_pages = n;
        self
    }

    /// Time one PDF may take (default 60 s), checked between pages.
    pub fn pdf_time_budget(mut self, budget: Duration) -> Self {
        self.limits.pdf.time_budget = budget;
        self
    }

    /// How HTML pages are laid out; the whole-page path is the reference tests compare with.
    #[doc(hidden)]
    pub fn html_path(mut self, path: HtmlPath) -> Self {
        self.html_path = path;
        self
    }

    /// Reads reports with these templates (newest first) instead of the built-in ones: a
    /// template defined outside the crate is recognized, assembled and checked like the others.
    #[doc(hidden)]
    pub fn templates(mut self, templates: &[&'static Template]) -> Self {
        self.recognizer = (!templates.is_empty()).then(|| Arc::new(Recognizer::new(templates)));
        self
    }

    /// Extracts one document. `charset_hint` is a charset named outside the bytes (an HTTP
    /// header's).
    pub fn extract(&self, doc: &[u8], charset_hint: Option<&str>) -> Extraction {
        self.extract_owned(doc.to_vec(), ContentHash::of(doc), charset_hint)
    }

    /// As [`Extractor::extract`], taking the bytes and their SHA-256 (the batch hashes every
    /// document first, to find duplicates and cached extractions).
    pub(crate) fn extract_owned(
        &self,
        doc: Vec<u8>,
        sha256: ContentHash,
        charset_hint: Option<&str>,
    ) -> Extraction {
        let recognizer = self.recognizer.as_deref().unwrap_or(Recognizer::builtin());
        pipeline::run(
            doc,
            sha256,
            charset_hint,
            &self.limits,
            self.html_path,
            recognizer,
        )
    }
}

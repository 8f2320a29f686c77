/*!
ogi — Open Government Information.

Turns China's government information disclosure annual reports (政府信息公开工作年度报告) into
normalized, validated records keyed by one stable vocabulary (`shared/spec/keys.md`): the cells of
the three statistical tables, the accounting identities checked on them, and warnings.

One entry point reads one document (HTML, text, PDF, DOCX; any common Chinese encoding). It is
pure (bytes in, an [`Extraction`] out), never panics and never fails: a document that is not a
readable report comes back with a [`Status`] and a reason.

```
let page = "<h1>某某局2023年政府信息公开工作年度报告</h1><p>这是一份通知。</p>";
let ex = ogi::extract(page.as_bytes(), None);
assert_eq!(ex.status, ogi::Status::NotAReport);
assert!(ex.cells.is_empty());

// The same with limits of one's own.
let ex = ogi::Extractor::new().max_table_cells(1000).extract(page.as_bytes(), None);
assert_eq!(ex.year, Some(2023));
```
*/
#![warn(missing_docs)]

mod assemble;
mod cmd;
mod decode;
mod extractor;
#[cfg(feature = "synth")]
mod fuzzing;
mod layout;
mod model;
mod normalize;
mod panel;
mod pipeline;
mod recognize;
mod report;
// The generator's PRNG; unit tests draw random inputs from it with or without the generator.
#[cfg(any(feature = "synth", test))]
mod rng;
mod run;
mod sniff;
mod solve;
#[cfg(feature = "synth")]
mod synth;
mod template;
mod validate;

pub use extractor::{extract, Extractor};
pub use model::{
    Cell, CellKey, Check, CheckStatus, ContentHash, Extraction, Format, Method, Status, TableId,
    TemplateId, Warning, WarningCode,
};

/// The crate's insides for the `ogi` binary, the tests, benches and fuzz targets. Not an API:
/// anything here may change without notice.
#[doc(hidden)]
pub mod internals {
    pub use crate::cmd::main as cli;
    pub use crate::decode::decode;
    pub use crate::layout::docx::lay_out as lay_out_docx;
    pub use crate::layout::html::lay_out as lay_out_html;
    pub use crate::layout::pdf::{lay_out as lay_out_pdf, PdfLimits};
    pub use crate::layout::text::lay_out as lay_out_text;
    pub use crate::pipeline::HtmlPath;
    #[cfg(feature = "synth")]
    pub use crate::rng::Rng;
    pub use crate::run::archive::{list as archive_list, read as archive_read};
    pub use crate::run::batch::{run as run_batch, BatchOptions};
    pub use crate::run::source::discover;
    #[cfg(feature = "synth")]
    pub use crate::solve::random::{property_run, random_table, table_equations};
    pub use crate::solve::{i2, solve_table, CellKind, RowInput, RowOutcome};
    #[cfg(feature = "synth")]
    pub use crate::synth::mutate::{mutate_doc, Applies, Choice, Effect, Mutation, MUTATIONS};
    #[cfg(feature = "synth")]
    pub use crate::synth::{
        docx::package as docx_package, generate_one, pdf::write_pdf, GeneratedDoc, Kind, Profile,
    };
    pub use crate::template::{
        ColDef, Evidence, Group, HeaderedRow, Identity, IdentityOver, LabeledTable, Row, Sections,
        Template, ValueKind,
    };

    /// The fuzz targets' bodies, shared by `fuzz/` and `tests/fuzz_smoke.rs`.
    #[cfg(feature = "synth")]
    pub mod fuzzing {
        pub use crate::fuzzing::*;
    }
}

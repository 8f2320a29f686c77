/*!
`ogi explain FILE...`: what ogi read from each document, to see why a report is not `ok` — the
document and its layout, the report's metadata and status, each table's rows with their cells and
how each was obtained, every identity check with its terms, and the warnings. `--layout` also
prints the laid-out document itself (one line per block, cells of a row separated by ` | `): the
text the recognizer searches. Archives are explained document by document.
*/

use super::Error;
use crate::decode::EncodingSource;
use crate::layout::document::{self, HtmlPath, Limits};
use crate::layout::Block;
use crate::model::{Cell, Check, Extraction, Method, TableId};
use crate::run::source::{check_inputs, discover, read, Source};
use crate::template::{self, IdentityOver};
use clap::Args;
use std::collections::HashMap;
use std::fmt::Write as _;
use std::io::Write as _;

#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// Documents to explain: files, directories or archives.
    #[arg(required = true)]
    pub files: Vec<String>,
    /// Also print the laid-out document, block by block.
    #[arg(long)]
    pub layout: bool,
}

/// The size limit of `ogi extract`'s default: a document is explained as it would be extracted.
const MAX_BYTES: u64 = 64 * 1024 * 1024;

pub fn run(args: &ExplainArgs) -> Result<bool, Error> {
    check_inputs(&args.files).map_err(Error::Usage)?;
    let mut all_read = true;
    let mut stdout = std::io::stdout().lock();
    for source in discover(&args.files) {
        let text = match read(&source, MAX_BYTES) {
            Ok(bytes) => explain(&source, bytes, args.layout),
            Err(e) => {
                all_read = false;
                format!("== {}\nnot read: {}\n\n", source.name, e.message())
            }
        };
        stdout
            .write_all(text.as_bytes())
            .map_err(|e| Error::Failed(format!("cannot write: {e}")))?;
    }
    Ok(all_read)
}

/// The explanation of one document.
pub fn explain(source: &Source, bytes: Vec<u8>, with_layout: bool) -> String {
    let decoded = crate::decode::decode(&bytes, source.charset());
    let ex = crate::extract(&bytes, source.charset());
    let mut out = String::new();
    let _ = writeln!(out, "== {}", source.name);
    let format = ex.format.map_or("-", |f| f.as_str());
    let how = match decoded.source {
        EncodingSource::Bom => "from its byte-order mark",
        EncodingSource::Declared => "as declared",
        EncodingSource::Detected => "detected",
    };
    let _ = writeln!(
        out,
        "document  {} bytes · {format} · {} ({how}){} · report_id {}",
        ex.bytes,
        decoded.encoding,
        if decoded.had_errors {
            " with invalid bytes"
        } else {
            ""
        },
        ex.report_id
    );
    let layout = document::read(
        bytes,
        source.charset(),
        &Limits::default(),
        HtmlPath::Region,
        crate::template::Headings::builtin(),
    )
    .layout
    .ok();
    if let Some(l) = &layout {
        let lines = l
            .blocks
            .iter()
            .filter(|b| matches!(b, Block::Line(_)))
            .count();
        let tables = l
            .blocks
            .iter()
            .filter(|b| matches!(b, Block::TableEnd))
            .count();
        let _ = writeln!(
            out,
            "layout    {lines} lines · {} table rows in {tables} tables · {} cells",
            l.row_count(),
            l.cell_count()
        );
    }
    let year = ex.year.map_or("-".to_string(), |y| y.to_string());
    let _ = writeln!(
        out,
        "report    template {} · agency {} · year {year}",
        ex.template,
        or_dash(&ex.agency)
    );
    let _ = writeln!(out, "title     {}", or_dash(&ex.title));
    let _ = writeln!(out, "status    {}", ex.status.as_str());
    if !ex.reason.is_empty() {
        let _ = writeln!(out, "reason    {}", ex.reason);
    }
    tables(&mut out, &ex);
    checks(&mut out, &ex);
    if !ex.warnings.is_empty() {
        let _ = writeln!(out, "\nwarnings: {}", ex.warnings.len());
        for w in &ex.warnings {
            let _ = writeln!(out, "  {:<20} {}", w.code, w.detail);
        }
    }
    if with_layout {
        if let Some(l) = &layout {
            let _ = writeln!(out, "\nlayout:");
            for block in &l.blocks {
                match block {
                    Block::Line(text) => {
                        let _ = writeln!(out, "  {}", collapse(text));
                    }
                    Block::Row(cells) => {
                        let texts: Vec<String> = cells.iter().map(|c| collapse(&c.text)).collect();
                        let _ = writeln!(out, "  | {} |", texts.join(" | "));
                    }
                    Block::TableEnd => {
                        let _ = writeln!(out, "  --");
                    }
                }
            }
        }
    }
    out.push('\n');
    out
}

/// Whitespace runs (line breaks inside a cell) as one space.
fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn or_dash(s: &str) -> &str {
    if s.is_empty() {
        "-"
    } else {
        s
    }
}

/// `in_force=5`, `amount_wan=25.1 ("251000元")`, `total=- ("713000074")` for a cell without a
/// value.
fn cell_text(c: &Cell, with_method: bool) -> String {
    let mut s = format!("{}={}", c.key.col, c.value.as_deref().unwrap_or("-"));
    if !c.raw.is_empty() && c.value.as_deref() != Some(c.raw.as_str()) {
        let _ = write!(s, " ({:?})", c.raw);
    }
    if with_method {
        let _ = write!(s, " [{}]", c.method.as_str());
    }
    s
}

/// Each table's rows, one line each, in template order; derived subtotals after them.
fn tables(out: &mut String, ex: &Extraction) {
    let (printed, derived): (Vec<&Cell>, Vec<&Cell>) =
        ex.cells.iter().partition(|c| c.method != Method::Derived);
    for table in TableId::ALL {
        let cells: Vec<&Cell> = printed
            .iter()
            .copied()
            .filter(|c| c.key.table == table)
            .collect();
        if cells.is_empty() {
            continue;
        }
        let rows = rows(&cells);
        let _ = writeln!(
            out,
            "\n{}: {} rows, {} cells, {} with a value",
            table.as_str(),
            rows.len(),
            cells.len(),
            cells.iter().filter(|c| c.value.is_some()).count()
        );
        for ((_, row), cells) in rows {
            row_line(out, row, &cells);
        }
    }
    if !derived.is_empty() {
        let _ = writeln!(
            out,
            "\nderived: {} cells (subtotals computed from printed rows)",
            derived.len()
        );
        for ((table, row), cells) in rows(&derived) {
            row_line(out, &format!("{} {row}", table.as_str()), &cells);
        }
    }
}

/// Cells grouped by row, rows in the order of their first cell.
fn rows<'a>(cells: &[&'a Cell]) -> Vec<((TableId, &'static str), Vec<&'a Cell>)> {
    let mut rows: Vec<((TableId, &'static str), Vec<&'a Cell>)> = Vec::new();
    for c in cells {
        let key = (c.key.table, c.key.row);
        match rows.iter_mut().find(|(r, _)| *r == key) {
            Some((_, list)) => list.push(c),
            None => rows.push((key, vec![c])),
        }
    }
    rows
}

/// `  new_received  [split]  natural_person=3 commercial=28 …`: the method once when the row's
/// cells share it, else with each cell.
fn row_line(out: &mut String, row: &str, cells: &[&Cell]) {
    let method = cells[0].method;
    let same = cells.iter().all(|c| c.method == method);
    let texts: Vec<String> = cells.iter().map(|c| cell_text(c, !same)).collect();
    let tag = if same {
        format!("[{}]", method.as_str())
    } else {
        String::new()
    };
    let _ = writeln!(out, "  {row:<40} {tag:<12} {}", texts.join("  "));
}

/// Every check with its terms and their values.
fn checks(out: &mut String, ex: &Extraction) {
    if ex.checks.is_empty() {
        return;
    }
    let count = |s: &str| ex.checks.iter().filter(|c| c.status.as_str() == s).count();
    let _ = writeln!(
        out,
        "\nchecks: {} pass, {} fail, {} skipped",
        count("pass"),
        count("fail"),
        count("skipped")
    );
    let cells: HashMap<(TableId, &str, &str), &Cell> = ex
        .cells
        .iter()
        .filter(|c| c.method != Method::Derived)
        .map(|c| ((c.key.table, c.key.row, c.key.col), c))
        .collect();
    for c in &ex.checks {
        let terms = terms(ex, c, &cells).unwrap_or_default();
        let _ = write!(out, "  {:<8} {:<32} {terms}", c.status.as_str(), c.check);
        if !c.detail.is_empty() {
            let _ = write!(out, "  ({})", c.detail);
        }
        out.push('\n');
    }
}

/// `new_received=3 + carried_over=0 = result.total=3 + carry_forward=0`, from the identity the
/// check instantiates in the report's template.
fn terms(
    ex: &Extraction,
    check: &Check,
    cells: &HashMap<(TableId, &str, &str), &Cell>,
) -> Option<String> {
    let (id, instance) = check.check.split_once(':')?;
    let t = template::template(ex.template)?;
    let identity = t.identities.iter().find(|i| i.id == id)?;
    let side = |terms: &[&str]| -> String {
        terms
            .iter()
            .map(|term| {
                let key = match identity.over {
                    IdentityOver::PerColumn => (identity.table, *term, instance),
                    IdentityOver::PerRow => (identity.table, instance, *term),
                };
                let value = match cells.get(&key) {
                    Some(cell) => cell.value.as_deref().unwrap_or("blank"),
                    None => "missing",
                };
                format!("{term}={value}")
            })
            .collect::<Vec<_>>()
            .join(" + ")
    };
    Some(format!(
        "{} = {}",
        side(&t.terms(identity, identity.lhs)),
        side(&t.terms(identity, identity.rhs))
    ))
}

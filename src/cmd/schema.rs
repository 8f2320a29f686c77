/*!
`ogi schema`: the data dictionary as CSV — every key with the templates that print it
(`printed_in`), those where ogi derives it from printed rows (`derived_in`), Chinese and English
labels, and unit — so that researchers can join years across templates — then the indicators of
`indicators.csv` (table `indicators`) with their `formula`. `ogi schema --checks` lists the
accounting identities I1–I4 that `checks.csv` instantiates, with their meaning, from the
templates' own data, and the cross-year checks X1, X2 of the panel.
*/

use crate::panel::cross_year;
use crate::panel::indicators::INDICATORS;
use crate::run::output::CsvWriter;
use crate::template::dictionary::{dictionary, template_list};
use crate::template::{Identity, IdentityOver, Template, TEMPLATES};
use clap::Args;

#[derive(Debug, Args)]
pub struct SchemaArgs {
    /// List the identity checks (I1–I4) instead of the keys.
    #[arg(long)]
    pub checks: bool,
}

pub fn run(args: &SchemaArgs) -> Result<(), String> {
    if args.checks {
        checks()
    } else {
        keys()
    }
}

/// The identities of both templates, one row each (an identity both templates share once).
fn checks() -> Result<(), String> {
    let mut rows: Vec<(&Identity, String, Vec<&Template>)> = Vec::new();
    for t in TEMPLATES.iter().rev() {
        for i in t.identities {
            let text = t.identity_text(i);
            match rows
                .iter_mut()
                .find(|(j, other, _)| j.id == i.id && *other == text)
            {
                Some((_, _, ts)) => ts.push(t),
                None => rows.push((i, text, vec![t])),
            }
        }
    }
    // By id, then the newest template first.
    let newest = |t: &Template| TEMPLATES.iter().position(|x| x.id == t.id);
    rows.sort_by_key(|(i, _, ts)| (i.id, ts.first().map(|t| newest(t))));
    let mut w = CsvWriter::new(std::io::BufWriter::new(std::io::stdout().lock()));
    let io = |e: std::io::Error| format!("cannot write: {e}");
    w.write_record(["check", "table", "per", "templates", "identity", "meaning"])
        .map_err(io)?;
    for (i, text, ts) in &rows {
        let ids: Vec<_> = ts.iter().map(|t| t.id).collect();
        let per = match i.over {
            IdentityOver::PerColumn => "column",
            IdentityOver::PerRow => "row",
        };
        w.write_record([
            i.id,
            i.table.as_str(),
            per,
            &template_list(&ids),
            text,
            &meaning(ts[0], i),
        ])
        .map_err(io)?;
    }
    for (check, identity, meaning) in cross_year::descriptions() {
        let (table, per, templates) = if check == "X1" {
            ("s3", "column", cross_year::x1_templates())
        } else {
            ("s2", "row", cross_year::x2_templates())
        };
        let ids: Vec<_> = templates.iter().map(|t| t.id).collect();
        w.write_record([check, table, per, &template_list(&ids), identity, &meaning])
            .map_err(io)?;
    }
    w.flush().map_err(io)
}

/// The identity in words, from the templates' English labels: `new requests received this year
/// + … = …, in every column of s3`. A group of several rows is named by its subtotal.
fn meaning(t: &Template, i: &Identity) -> String {
    let side = |terms: &[&'static str]| -> String {
        terms
            .iter()
            .map(|term| t.term_english(i, term))
            .collect::<Vec<_>>()
            .join(" + ")
    };
    let each = match i.over {
        IdentityOver::PerColumn => "column",
        IdentityOver::PerRow => "row",
    };
    format!(
        "{} = {}, in every {each} of {}",
        side(i.lhs),
        side(i.rhs),
        i.table.as_str()
    )
}

fn keys() -> Result<(), String> {
    let mut w = CsvWriter::new(std::io::BufWriter::new(std::io::stdout().lock()));
    let io = |e: std::io::Error| format!("cannot write: {e}");
    w.write_record([
        "key",
        "table",
        "row",
        "col",
        "printed_in",
        "derived_in",
        "label_zh",
        "label_en",
        "unit",
        "formula",
    ])
    .map_err(io)?;
    for k in dictionary() {
        w.write_record([
            k.key.flat().as_str(),
            k.key.table.as_str(),
            k.key.row,
            k.key.col,
            &template_list(&k.printed_in),
            &template_list(&k.derived_in),
            &k.label_zh,
            &k.label_en,
            k.unit,
            "",
        ])
        .map_err(io)?;
    }
    for i in INDICATORS {
        w.write_record([
            i.name,
            "indicators",
            "",
            "",
            "",
            "",
            i.label_zh,
            i.label_en,
            i.unit,
            &i.formula(),
        ])
        .map_err(io)?;
    }
    w.flush().map_err(|e| format!("cannot write: {e}"))
}

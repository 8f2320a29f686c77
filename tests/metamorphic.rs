//! Metamorphic test of recognition: every mutation of `ogi::synth::mutate` applied to every
//! report the samples profile renders in the formats it applies to (both templates), the mutated
//! report's cells compared with the unmutated one's. Run with `--nocapture` for the counts.

use ogi::internals::{generate_one, Effect, GeneratedDoc, Mutation, Profile, Rng, MUTATIONS};
use ogi::{Extraction, Method, Status};
use std::collections::BTreeMap;

/// Printed cells by flat key: value (None when empty).
fn printed(ex: &Extraction) -> BTreeMap<String, Option<String>> {
    ex.cells
        .iter()
        .filter(|c| c.method != Method::Derived)
        .map(|c| (c.key.flat(), c.value.clone()))
        .collect()
}

/// The outcome of one mutated report against its original.
#[derive(Default, Debug, Clone, Copy)]
struct Counts {
    cases: usize,
    exact: usize,
    /// Cells left empty with a warning (the mutation destroyed them).
    warned_loss: usize,
    /// Cells empty or missing without a warning or a partial status.
    silent_loss: usize,
    /// Cells holding a value the original does not: never allowed.
    wrong: usize,
}

/// The reports of the samples profile (every report kind, both templates) for `seed`.
fn bases(seed: u64) -> Vec<GeneratedDoc> {
    (0..34)
        .map(|i| generate_one(seed, i, Profile::Samples))
        .filter(|d| d.truth.status == "ok")
        .collect()
}

fn compare(m: &Mutation, orig: &Extraction, got: &Extraction, notes: &mut Vec<String>) -> Counts {
    let mut c = Counts {
        cases: 1,
        ..Counts::default()
    };
    let want = printed(orig);
    let have = printed(got);
    let warned = !got.warnings.is_empty() || got.status == Status::Partial;
    let mut wrong = Vec::new();
    let mut lost = 0;
    let mut lost_keys = Vec::new();
    for (k, v) in &want {
        let h = have.get(k).cloned().flatten();
        let expect_empty = match m.effect {
            Effect::NullS4 => k.starts_with("s4."),
            Effect::OtherAsOneRow => k.starts_with("s3.result.other."),
            _ => false,
        };
        if expect_empty {
            if h.is_some() {
                wrong.push(format!("{k}: {h:?}, expected empty"));
            } else if m.effect == Effect::NullS4 && !have.contains_key(k) {
                lost += 1;
            }
            continue;
        }
        if h == *v {
            continue;
        }
        // A count with a decimal part is kept as printed, and said so.
        let kept_as_printed = m.effect == Effect::OneCell
            && got.warnings.iter().any(|w| {
                w.code == ogi::WarningCode::NonInteger && w.detail.starts_with(k.as_str())
            });
        match &h {
            Some(_) if kept_as_printed => {}
            Some(_) => wrong.push(format!("{k}: {h:?} ≠ {v:?}")),
            None => {
                lost += 1;
                lost_keys.push(k.clone());
            }
        }
    }
    match m.effect {
        Effect::OneCell if lost > 1 => wrong.push(format!("{lost} cells lost: {lost_keys:?}")),
        Effect::Truncated => {
            // Lost cells are a tail of the template order, after the rows the cut left whole.
            let order: Vec<String> = orig
                .cells
                .iter()
                .filter(|c| c.method != Method::Derived)
                .map(|c| c.key.flat())
                .collect();
            let first_lost = order.iter().position(|k| lost_keys.contains(k));
            if let Some(p) = first_lost {
                if order[p..].iter().any(|k| {
                    have.get(k).cloned().flatten().is_some()
                        && want.get(k).cloned().flatten().is_some()
                }) {
                    wrong.push(format!("lost cells not a tail: first {}", order[p]));
                }
                if order[..p].iter().filter(|k| k.starts_with("s3.")).count() < 21 {
                    wrong.push(format!("rows before the cut lost: first {}", order[p]));
                }
            }
        }
        _ => {}
    }
    for (k, h) in &have {
        // The one row's cells are checked against the sums below.
        let one_row = m.effect == Effect::OtherAsOneRow && k.starts_with("s3.result.other.");
        if h.is_some() && !want.contains_key(k) && !one_row {
            wrong.push(format!("{k}: {h:?} not in the original"));
        }
    }
    if m.effect == Effect::OtherAsOneRow {
        for col in [
            "natural_person",
            "commercial",
            "research",
            "social_welfare",
            "legal_services",
            "other_org",
            "total",
        ] {
            let sum: i64 = orig
                .cells
                .iter()
                .filter(|c| c.key.row.starts_with("result.other.") && c.key.col == col)
                .filter_map(|c| c.int())
                .sum();
            let one = got
                .cells
                .iter()
                .find(|c| c.key.row == "result.other" && c.key.col == col)
                .and_then(|c| c.value.clone());
            if one != Some(sum.to_string()) {
                wrong.push(format!("result.other.{col} {one:?} ≠ {sum}"));
            }
        }
        if !got
            .warnings
            .iter()
            .any(|w| w.code == ogi::WarningCode::OtherAsOneRow)
            || got.template != orig.template
        {
            wrong.push(format!(
                "template {} or no other_as_one_row warning",
                got.template
            ));
        }
    }
    if let Effect::Conflict(codes) = m.effect {
        if !got
            .warnings
            .iter()
            .any(|w| codes.contains(&w.code.as_str()))
        {
            wrong.push(format!("none of the warnings {codes:?}"));
        }
    }
    let meta_kept = got.agency == orig.agency && got.year == orig.year;
    if m.effect == Effect::Exact && !meta_kept {
        wrong.push(format!(
            "agency/year {} {:?} ≠ {} {:?}",
            got.agency, got.year, orig.agency, orig.year
        ));
    }
    if !wrong.is_empty() {
        c.wrong = wrong.len();
        notes.extend(wrong.into_iter().take(5));
    } else if lost == 0 {
        c.exact = 1;
    } else if warned && m.effect != Effect::Exact {
        c.warned_loss = 1;
    } else {
        c.silent_loss = 1;
        notes.push(format!(
            "{lost} cells lost ({}: {}) {:?}",
            got.status.as_str(),
            got.reason,
            got.warnings.iter().map(|w| &w.code).collect::<Vec<_>>()
        ));
    }
    c
}

/// Runs every mutation over the bases of `seeds`; returns counts per mutation and the problems.
fn run(seeds: &[u64]) -> (Vec<(&'static str, Counts)>, Vec<String>) {
    let mut counts: Vec<(&'static str, Counts)> = MUTATIONS
        .iter()
        .map(|m| (m.name, Counts::default()))
        .collect();
    let mut problems = Vec::new();
    for &seed in seeds {
        for (n, d) in bases(seed).into_iter().enumerate() {
            let Ok(text) = std::str::from_utf8(&d.bytes) else {
                continue;
            };
            let orig = ogi::extract(&d.bytes, None);
            for (i, m) in MUTATIONS.iter().enumerate() {
                if !m.applies_to(d.kind, d.truth.template) {
                    continue;
                }
                // A random source per document and mutation, so the variants a mutation draws vary.
                let mut rng = Rng::for_item(seed * 1000 + n as u64, i as u64);
                let Some(mutated) = (m.apply)(text, &mut rng) else {
                    continue;
                };
                let got = ogi::extract(&mutated.bytes, mutated.charset_hint);
                let mut notes = Vec::new();
                let c = compare(m, &orig, &got, &mut notes);
                for n in notes {
                    problems.push(format!("{} on {}: {n}", m.name, d.file_name));
                }
                let t = &mut counts[i].1;
                t.cases += c.cases;
                t.exact += c.exact;
                t.warned_loss += c.warned_loss;
                t.silent_loss += c.silent_loss;
                t.wrong += c.wrong;
            }
        }
    }
    (counts, problems)
}

#[test]
fn every_mutation_of_every_sample_template() {
    let (counts, problems) = run(&[1, 2, 3]);
    println!(
        "{:<26} {:>5} {:>5} {:>7} {:>7} {:>5}",
        "mutation", "cases", "exact", "warned", "silent", "wrong"
    );
    for (name, c) in &counts {
        println!(
            "{name:<26} {:>5} {:>5} {:>7} {:>7} {:>5}",
            c.cases, c.exact, c.warned_loss, c.silent_loss, c.wrong
        );
        assert!(c.cases > 0, "mutation {name} applied to no sample");
    }
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems[..problems.len().min(60)].join("\n")
    );
}

#[test]
fn the_readme_lists_every_mutation() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"))
        .expect("README.md");
    for m in MUTATIONS {
        assert!(
            readme.contains(&format!("`{}`", m.name)),
            "README lacks {}",
            m.name
        );
    }
}

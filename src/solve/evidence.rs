/*!
Evidence for section 二 splits from the report's own prose. Section 二 has no identity, so a
glued run like `行政规范性文件8855698` fits several splits; the narrative often states the same
numbers ("集中公开现行有效行政规范性文件698件，动态更新本年度制发的规范性文件88件"). Only plain
statements with the number right after the column's verb are taken; the verbs and subjects are the
template's data (`Template::evidence`).
*/

use crate::model::TemplateId;
use crate::template::Evidence;
use regex::Regex;
use std::sync::{Arc, LazyLock, Mutex};

/// A number the prose states for a section 二 cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Statement {
    pub row: &'static str,
    pub col: &'static str,
    pub value: String,
}

/// One template's patterns: per column, `<verb>` … `<subject>` … `<number>件`.
struct Patterns {
    subjects: &'static [(&'static str, &'static str)],
    verbs: Vec<(&'static str, Regex)>,
}

impl Patterns {
    fn new(ev: &Evidence) -> Self {
        let subjects: Vec<&str> = ev.subjects.iter().map(|(s, _)| *s).collect();
        let subjects = subjects.join("|");
        let verbs = ev
            .verbs
            .iter()
            .map(|&(col, verb)| {
                // All within one clause: no punctuation or digit between the words.
                let re = Regex::new(&format!(
                    r"{verb}[^，。；、,;0-9]{{0,12}}?(?P<subject>{subjects})[^，。；、,;0-9]{{0,4}}?(?P<n>[0-9]{{1,7}})\s*件"
                ))
                .unwrap_or_else(|e| panic!("evidence pattern: {e}"));
                (col, re)
            })
            .collect();
        Patterns {
            subjects: ev.subjects,
            verbs,
        }
    }
}

/// Compiled patterns by template, built on first use (few documents have glued runs).
type Cache = Mutex<Vec<(TemplateId, Arc<Patterns>)>>;
static COMPILED: LazyLock<Cache> = LazyLock::new(|| Mutex::new(Vec::new()));

fn patterns(id: TemplateId, ev: &Evidence) -> Arc<Patterns> {
    let Ok(mut cache) = COMPILED.lock() else {
        return Arc::new(Patterns::new(ev));
    };
    if let Some((_, p)) = cache.iter().find(|(t, _)| *t == id) {
        return p.clone();
    }
    let p = Arc::new(Patterns::new(ev));
    cache.push((id, p.clone()));
    p
}

/// Statements of the prose about the cells of a template's evidence table.
pub fn statements(prose: &str, id: TemplateId, ev: &Evidence) -> Vec<Statement> {
    let p = patterns(id, ev);
    let mut out: Vec<Statement> = Vec::new();
    for (col, re) in &p.verbs {
        for caps in re.captures_iter(prose) {
            let Some(&(_, row)) = p.subjects.iter().find(|(s, _)| *s == &caps["subject"]) else {
                continue;
            };
            let value = caps["n"].trim_start_matches('0').to_string();
            let value = if value.is_empty() {
                "0".to_string()
            } else {
                value
            };
            // Two different numbers for the same cell: the prose is not evidence.
            if let Some(prev) = out.iter().position(|s| s.row == row && s.col == *col) {
                if out[prev].value != value {
                    out.remove(prev);
                }
                continue;
            }
            out.push(Statement { row, col, value });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn statements(prose: &str) -> Vec<Statement> {
        let t = crate::template::template(TemplateId::T2021).unwrap();
        super::statements(prose, t.id, t.evidence.as_ref().unwrap())
    }

    #[test]
    fn pingtan_2022_prose() {
        let s = statements("设立规范性文件库，集中公开现行有效行政规范性文件698件，动态更新本年度制发的规范性文件88件。");
        assert!(s.contains(&Statement {
            row: "normative_docs",
            col: "in_force",
            value: "698".into()
        }));
        assert!(s.contains(&Statement {
            row: "normative_docs",
            col: "issued",
            value: "88".into()
        }));
    }

    #[test]
    fn no_evidence_from_unrelated_numbers() {
        assert!(statements("2022年全区共主动公开政府信息14571条。").is_empty());
        assert!(statements("制发文件共计12件，其中规范性文件").is_empty());
    }
}

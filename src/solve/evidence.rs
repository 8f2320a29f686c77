/*!
Evidence for section 二 splits from the report's own prose. Section 二 has no identity, so a
glued run like `行政规范性文件8855698` fits several splits; the narrative often states the same
numbers ("集中公开现行有效行政规范性文件698件，动态更新本年度制发的规范性文件88件"). Only plain
statements about 规范性文件 or 规章 with the number right after the column's verb are taken.
*/

use regex::Regex;
use std::sync::LazyLock;

/// A number the prose states for a section 二 cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Statement {
    pub row: &'static str,
    pub col: &'static str,
    pub value: String,
}

struct Pattern {
    col: &'static str,
    re: Regex,
}

static PATTERNS: LazyLock<Vec<Pattern>> = LazyLock::new(|| {
    // `<verb>` … `<subject>` … `<number>件`, all within one clause (no punctuation between).
    let make = |col: &'static str, verb: &str| {
        Pattern {
        col,
        re: Regex::new(&format!(
            r"{verb}[^，。；、,;0-9]{{0,12}}?(?P<subject>行政规范性文件|规范性文件|规章)[^，。；、,;0-9]{{0,4}}?(?P<n>[0-9]{{1,7}})\s*件"
        ))
        .unwrap_or_else(|e| panic!("evidence pattern: {e}")),
    }
    };
    vec![
        make("in_force", "现行有效"),
        make("issued", "(?:本年度?|年度)?制发"),
        make("repealed", "废止"),
    ]
});

/// Statements of the prose about the 2021 template's section 二 columns.
pub fn statements(prose: &str) -> Vec<Statement> {
    let mut out: Vec<Statement> = Vec::new();
    for p in PATTERNS.iter() {
        for caps in p.re.captures_iter(prose) {
            let row = if &caps["subject"] == "规章" {
                "regulations"
            } else {
                "normative_docs"
            };
            let value = caps["n"].trim_start_matches('0').to_string();
            let value = if value.is_empty() {
                "0".to_string()
            } else {
                value
            };
            // Two different numbers for the same cell: the prose is not evidence.
            if let Some(prev) = out.iter().position(|s| s.row == row && s.col == p.col) {
                if out[prev].value != value {
                    out.remove(prev);
                }
                continue;
            }
            out.push(Statement {
                row,
                col: p.col,
                value,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

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

/*!
A report's three tables as a grid of cells with spans, laid out as the national templates print
them (section 二's sub-tables, section 三's three header rows and row-spanning group cells, section
四's three header rows), built from the template data. Every renderer (HTML, the text dialects)
draws from this one grid.
*/

use super::values::Values;
use crate::model::{CellKey, TableId};
use crate::template::Template;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GCell {
    pub text: String,
    pub colspan: u32,
    pub rowspan: u32,
    /// A header or label cell (not a value).
    pub label: bool,
}

fn label(text: &str, colspan: u32, rowspan: u32) -> GCell {
    GCell {
        text: text.to_string(),
        colspan,
        rowspan,
        label: true,
    }
}

fn value(text: String, colspan: u32) -> GCell {
    GCell {
        text,
        colspan,
        rowspan: 1,
        label: false,
    }
}

/// One table with the section heading printed before it.
#[derive(Debug, Clone)]
pub struct Table {
    pub heading: &'static str,
    pub rows: Vec<Vec<GCell>>,
}

pub const HEADINGS: [&str; 3] = [
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
];

pub fn tables(t: &Template, v: &Values) -> Vec<Table> {
    vec![section_two(t, v), section_three(t, v), section_four(t, v)]
}

fn section_two(t: &Template, v: &Values) -> Table {
    let mut rows = Vec::new();
    for (header, members) in t.s2_subtables {
        rows.push(vec![label(header, 4, 1)]);
        let Some(first) = t.s2.rows.iter().find(|r| r.key == members[0]) else {
            continue;
        };
        let spans = spans_for(first.cols.len());
        let mut head = vec![label("信息内容", 1, 1)];
        for (col, span) in first.cols.iter().zip(&spans) {
            let text = t.col_def(TableId::S2, col).map_or(*col, |c| c.label);
            head.push(label(text, *span, 1));
        }
        rows.push(head);
        for member in *members {
            let Some(r) = t.s2.rows.iter().find(|r| r.key == *member) else {
                continue;
            };
            let mut row = vec![label(r.labels[0], 1, 1)];
            for (col, span) in r.cols.iter().zip(&spans) {
                let k = CellKey {
                    table: TableId::S2,
                    row: r.key,
                    col,
                };
                row.push(value(v.get(&k).text, *span));
            }
            rows.push(row);
        }
    }
    Table {
        heading: HEADINGS[0],
        rows,
    }
}

/// Column spans filling section 二's three value columns.
fn spans_for(n: usize) -> Vec<u32> {
    match n {
        1 => vec![3],
        2 => vec![1, 2],
        _ => vec![1; n],
    }
}

fn section_three(t: &Template, v: &Values) -> Table {
    let mut rows = vec![
        vec![
            label(
                "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
                3,
                3,
            ),
            label("申请人情况", 7, 1),
        ],
        vec![
            label("自然人", 1, 2),
            label("法人或其他组织", 5, 1),
            label("总计", 1, 2),
        ],
        vec![
            label("商业企业", 1, 1),
            label("科研机构", 1, 1),
            label("社会公益组织", 1, 1),
            label("法律服务机构", 1, 1),
            label("其他", 1, 1),
        ],
    ];
    let results =
        t.s3.rows
            .iter()
            .filter(|r| r.key.starts_with("result."))
            .count() as u32;
    let mut first_result = true;
    for r in t.s3.rows {
        let mut row = Vec::new();
        let group = t.group_of(TableId::S3, r.key);
        if r.key.starts_with("result.") {
            if first_result {
                row.push(label("三、本年度办理结果", 1, results));
                first_result = false;
            }
            match group {
                Some(g) => {
                    if t.members(g).next() == Some(r.key) {
                        row.push(label(g.label, 1, t.members(g).count() as u32));
                    }
                    row.push(label(r.labels[0], 1, 1));
                }
                None => row.push(label(r.labels[0], 2, 1)),
            }
        } else {
            row.push(label(r.labels[0], 3, 1));
        }
        for col in r.cols {
            let k = CellKey {
                table: TableId::S3,
                row: r.key,
                col,
            };
            row.push(value(v.get(&k).text, 1));
        }
        rows.push(row);
    }
    Table {
        heading: HEADINGS[1],
        rows,
    }
}

fn section_four(t: &Template, v: &Values) -> Table {
    let outcomes = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"];
    let mut rows = vec![
        vec![label("行政复议", 5, 1), label("行政诉讼", 10, 1)],
        outcomes
            .iter()
            .map(|o| label(o, 1, 2))
            .chain([label("未经复议直接起诉", 5, 1), label("复议后起诉", 5, 1)])
            .collect(),
        outcomes
            .iter()
            .chain(outcomes.iter())
            .map(|o| label(o, 1, 1))
            .collect(),
    ];
    rows.push(
        t.s4.rows
            .iter()
            .flat_map(|r| {
                r.cols.iter().map(|col| {
                    let k = CellKey {
                        table: TableId::S4,
                        row: r.key,
                        col,
                    };
                    value(v.get(&k).text, 1)
                })
            })
            .collect(),
    );
    Table {
        heading: HEADINGS[2],
        rows,
    }
}

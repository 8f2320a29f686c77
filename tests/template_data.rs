//! Templates are data: a fictional template declared here, outside the crate, with labels,
//! headings and identities of its own, is recognized, assembled and checked by the library as
//! it is, with no code of the crate naming it.

use ogi::internals::{
    ColDef, HeaderedRow, Identity, IdentityOver, LabeledTable, Row, Sections, Template, ValueKind,
};
use ogi::{CheckStatus, Extractor, Method, Status, TableId, TemplateId};

const S3_COLS: &[&str] = &["person", "org", "total"];

const fn count(key: &'static str, label: &'static str) -> ColDef {
    ColDef {
        key,
        label,
        english: key,
        kind: ValueKind::Count,
    }
}

/// A row printed as `label`, its English name its key.
const fn row(
    key: &'static str,
    labels: &'static [&'static str],
    cols: &'static [&'static str],
) -> Row {
    Row::new(key, labels, key, cols)
}

/// A street office's yearly council report (invented): three sections with tables, like the
/// national templates, but none of their words.
static COUNCIL: Template = Template {
    id: TemplateId::new("council"),
    years: 2030..=u16::MAX,
    sections: Sections {
        s2: r"二\s*、\s*登\s*记\s*事\s*项",
        s3: r"三\s*、\s*来\s*信\s*处\s*理",
        s4: r"四\s*、\s*复\s*核\s*情\s*况",
        s5: r"五\s*、\s*其\s*他\s*事\s*项",
        s3_anchor: r"来\s*信\s*人\s*类\s*别",
        s4_anchor: r"复\s*核\s*结\s*果",
        others: &[r"一\s*、\s*总\s*体\s*情\s*况"],
    },
    evidence: None,
    s2: LabeledTable {
        table: TableId::S2,
        rows: &[
            row("permits", &["许可登记"], &["issued", "in_force"]),
            row("fees", &["收费登记"], &["amount_wan"]),
        ],
    },
    s2_markers: &["登记件数", "有效件数"],
    s2_subtables: &[],
    s3: LabeledTable {
        table: TableId::S3,
        rows: &[
            row("new_received", &["一、本年来信"], S3_COLS),
            row("result.answered", &["（一）已答复"], S3_COLS),
            row("result.declined", &["（二）不予答复"], S3_COLS),
            row("result.total", &["（三）合计"], S3_COLS),
        ],
    },
    s4: HeaderedRow {
        table: TableId::S4,
        header_terms: &["复核结果", "维持", "纠正", "合计"],
        rows: &[row(
            "review",
            &["复核"],
            &["maintained", "corrected", "total"],
        )],
    },
    cols: &[
        (
            TableId::S2,
            &[
                count("issued", "登记件数"),
                count("in_force", "有效件数"),
                ColDef {
                    key: "amount_wan",
                    label: "收费金额（万元）",
                    english: "fees",
                    kind: ValueKind::MoneyWan,
                },
            ],
        ),
        (
            TableId::S3,
            &[
                count("person", "个人"),
                count("org", "单位"),
                count("total", "合计"),
            ],
        ),
        (
            TableId::S4,
            &[
                count("maintained", "维持"),
                count("corrected", "纠正"),
                count("total", "合计"),
            ],
        ),
    ],
    groups: &[],
    identities: &[
        Identity {
            id: "C1",
            table: TableId::S3,
            over: IdentityOver::PerColumn,
            lhs: &["new_received"],
            rhs: &["result.total"],
        },
        Identity {
            id: "C2",
            table: TableId::S3,
            over: IdentityOver::PerColumn,
            lhs: &["result.total"],
            rhs: &["result.answered", "result.declined"],
        },
        Identity {
            id: "C3",
            table: TableId::S3,
            over: IdentityOver::PerRow,
            lhs: &["total"],
            rhs: &["person", "org"],
        },
    ],
};

/// A table as HTML, or as loose text (a line per row, cells apart by spaces).
fn table(html: bool, rows: &[&[&str]]) -> String {
    if !html {
        return rows.iter().map(|r| r.join(" ") + "\n").collect();
    }
    let mut out = String::from("<table>");
    for r in rows {
        out.push_str("<tr>");
        for c in *r {
            out.push_str(&format!("<td>{c}</td>"));
        }
        out.push_str("</tr>");
    }
    out.push_str("</table>");
    out
}

/// A report of the council template; `s3_new` is section 三's first row as printed.
fn report(html: bool, s3_new: &[&str]) -> String {
    let line = |text: &str| {
        if html {
            format!("<p>{text}</p>")
        } else {
            format!("{text}\n")
        }
    };
    let mut page = String::from(if html { "<html><body>" } else { "" });
    page += &line("某街道2031年议事工作年报");
    page += &line("一、总体情况");
    page += &line("本街道全年召开议事会12次。");
    page += &line("二、登记事项");
    page += &table(
        html,
        &[
            &["事项", "登记件数", "有效件数"],
            &["许可登记", "3", "12"],
            &["事项", "收费金额（万元）"],
            &["收费登记", "2.5"],
        ],
    );
    page += &line("三、来信处理");
    page += &table(
        html,
        &[
            &["来信人类别", "个人", "单位", "合计"],
            s3_new,
            &["（一）已答复", "5", "2", "7"],
            &["（二）不予答复", "1", "1", "2"],
            &["（三）合计", "6", "3", "9"],
        ],
    );
    page += &line("四、复核情况");
    page += &table(
        html,
        &[&["复核结果", "维持", "纠正", "合计"], &["1", "0", "1"]],
    );
    page += &line("五、其他事项");
    page += &line("继续做好议事工作。");
    if html {
        page += "</body></html>";
    }
    page
}

fn value(ex: &ogi::Extraction, table: TableId, row: &str, col: &str) -> Option<String> {
    ex.cells
        .iter()
        .find(|c| c.key.table == table && c.key.row == row && c.key.col == col)
        .and_then(|c| c.value.clone())
}

#[test]
fn a_template_declared_outside_the_crate_is_read() {
    let council = Extractor::new().templates(&[&COUNCIL]);
    let page = report(true, &["一、本年来信", "6", "3", "9"]);
    let ex = council.extract(page.as_bytes(), None);
    assert_eq!(ex.status, Status::Ok, "{}", ex.reason);
    assert_eq!(ex.template, TemplateId::new("council"));
    assert_eq!(ex.template.as_str(), "council");
    assert_eq!(ex.cells.len(), 2 + 1 + 4 * 3 + 3);
    assert_eq!(
        value(&ex, TableId::S2, "permits", "in_force").as_deref(),
        Some("12")
    );
    assert_eq!(
        value(&ex, TableId::S2, "fees", "amount_wan").as_deref(),
        Some("2.5")
    );
    assert_eq!(
        value(&ex, TableId::S3, "result.declined", "org").as_deref(),
        Some("1")
    );
    assert_eq!(
        value(&ex, TableId::S4, "review", "total").as_deref(),
        Some("1")
    );
    // Every instance of the template's identities: C1 and C2 per column, C3 per row.
    assert_eq!(ex.checks.len(), 3 + 3 + 4);
    assert!(ex.checks.iter().all(|c| c.status == CheckStatus::Pass));

    // The built-in templates find none of their tables in it.
    let builtin = ogi::extract(page.as_bytes(), None);
    assert_eq!(builtin.status, Status::NotAReport);
    assert!(builtin.cells.is_empty());
}

#[test]
fn its_identities_check_and_split_glued_cells() {
    let council = Extractor::new().templates(&[&COUNCIL]);
    // A misprinted total fails C1 and C3.
    let ex = council.extract(
        report(true, &["一、本年来信", "6", "3", "8"]).as_bytes(),
        None,
    );
    let failed: Vec<&str> = ex
        .checks
        .iter()
        .filter(|c| c.status == CheckStatus::Fail)
        .map(|c| c.check.as_str())
        .collect();
    assert_eq!(failed, ["C1:total", "C3:new_received"]);

    // In loose text, section 三's first row with its cells glued into one run: the identities
    // leave one split.
    let ex = council.extract(report(false, &["一、本年来信", "639"]).as_bytes(), None);
    assert_eq!(ex.status, Status::Ok, "{}", ex.reason);
    let split: Vec<(&str, Option<&str>)> = ex
        .cells
        .iter()
        .filter(|c| c.method == Method::Split)
        .map(|c| (c.key.col, c.value.as_deref()))
        .collect();
    assert_eq!(
        split,
        [
            ("person", Some("6")),
            ("org", Some("3")),
            ("total", Some("9"))
        ]
    );
}

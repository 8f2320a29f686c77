/*!
The 2019 trial template (国办公开办函〔2019〕60号), reporting years 2019 and 2020.
*/

use super::common::*;
use super::{ColDef, LabeledTable, Row, Template, ValueKind};
use crate::model::{TableId, TemplateId};

const DOCS: &[&str] = &["new_made", "new_published", "total_published"];
const ITEMS: &[&str] = &["prev_year_items", "change", "decisions"];

const S2_ROWS: &[Row] = &[
    Row::new("regulations", &["规章"], "regulations", DOCS),
    Row::new("normative_docs", &["行政规范性文件", "规范性文件"], "normative documents", DOCS).named("规范性文件"),
    Row::new("licensing", &["行政许可"], "administrative licensing", ITEMS),
    Row::new("other_mgmt_services", &["其他对外管理服务事项"], "other external management services", ITEMS),
    Row::new("penalty", &["行政处罚"], "administrative penalties", ITEMS),
    Row::new("coercion", &["行政强制"], "administrative coercion", ITEMS),
    Row::new("admin_fees", &["行政事业性收费"], "administrative fees", &["prev_year_items", "change"]),
    Row::new("central_procurement", &["政府集中采购"], "centralized government procurement", &["procurement_items", "procurement_amount_wan"]),
];

const S2_COLS: &[ColDef] = &[
    ColDef { key: "new_made", label: "本年新制作数量", english: "newly made this year", kind: ValueKind::Count },
    ColDef { key: "new_published", label: "本年新公开数量", english: "newly published this year", kind: ValueKind::Count },
    ColDef { key: "total_published", label: "对外公开总数量", english: "total published", kind: ValueKind::Count },
    ColDef { key: "prev_year_items", label: "上一年项目数量", english: "items last year", kind: ValueKind::Count },
    ColDef { key: "change", label: "本年增/减", english: "change this year (signed)", kind: ValueKind::Signed },
    ColDef { key: "decisions", label: "处理决定数量", english: "decisions", kind: ValueKind::Count },
    ColDef { key: "procurement_items", label: "采购项目数量", english: "procurement items", kind: ValueKind::Count },
    ColDef { key: "procurement_amount_wan", label: "采购总金额", english: "procurement amount", kind: ValueKind::MoneyWan },
];

/// （六）其他处理, printed as one row.
const S3_OTHER: &[Row] = &[s3("result.other", &["（六）其他处理"], "other handling")];

pub static TEMPLATE: Template = Template {
    id: TemplateId::T2019,
    years: 2019..=2020,
    sections: SECTIONS,
    evidence: None,
    s2: LabeledTable { table: TableId::S2, rows: S2_ROWS },
    s2_subtables: &[
        ("第二十条第（一）项", &["regulations", "normative_docs"]),
        ("第二十条第（五）项", &["licensing", "other_mgmt_services"]),
        ("第二十条第（六）项", &["penalty", "coercion"]),
        ("第二十条第（八）项", &["admin_fees"]),
        ("第二十条第（九）项", &["central_procurement"]),
    ],
    s2_markers: &[
        "本年新制作数量", "本年新公开数量", "对外公开总数量", "上一年项目数量", "本年增/减",
        "第二十条第（九）项", "采购总金额", "其他对外管理服务事项",
    ],
    s3: LabeledTable { table: TableId::S3, rows: rows!(S3_ROWS_HEAD, S3_OTHER, S3_ROWS_TAIL) },
    s4: S4,
    cols: &[(TableId::S2, S2_COLS), (TableId::S3, S3_COLS), (TableId::S4, S4_COLS)],
    groups: S3_GROUPS,
    identities: IDENTITIES,
};

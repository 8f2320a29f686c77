/*!
The 2021 national template (国办公开办函〔2021〕30号), reporting year 2021 onward.
*/

use super::common::*;
use super::{ColDef, Evidence, LabeledTable, Row, Template, ValueKind};
use crate::model::{TableId, TemplateId};

const DOCS: &[&str] = &["issued", "repealed", "in_force"];

const S2_ROWS: &[Row] = &[
    Row::new("regulations", &["规章"], "regulations", DOCS),
    Row::new("normative_docs", &["行政规范性文件", "规范性文件"], "administrative normative documents", DOCS),
    Row::new("licensing", &["行政许可"], "administrative licensing", &["decisions"]),
    Row::new("penalty", &["行政处罚"], "administrative penalties", &["decisions"]),
    Row::new("coercion", &["行政强制"], "administrative coercion", &["decisions"]),
    Row::new("admin_fees", &["行政事业性收费"], "administrative fees", &["amount_wan"]),
];

const S2_COLS: &[ColDef] = &[
    ColDef { key: "issued", label: "本年制发件数", english: "issued this year", kind: ValueKind::Count },
    ColDef { key: "repealed", label: "本年废止件数", english: "repealed this year", kind: ValueKind::Count },
    ColDef { key: "in_force", label: "现行有效件数", english: "in force", kind: ValueKind::Count },
    ColDef { key: "decisions", label: "本年处理决定数量", english: "decisions this year", kind: ValueKind::Count },
    ColDef { key: "amount_wan", label: "本年收费金额（单位：万元）", english: "fees collected this year", kind: ValueKind::MoneyWan },
];

/// （六）其他处理, printed as its three rows.
const S3_OTHER: &[Row] = &[
    s3("result.other.no_correction", &["1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "1.申请人无正当理由逾期不补正"], "other: applicant did not complete the request"),
    s3("result.other.fee_unpaid", &["2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "2.申请人逾期未按收费通知要求缴纳费用"], "other: applicant did not pay the fee"),
    s3("result.other.other", &["3.其他"], "other: other"),
];

pub static TEMPLATE: Template = Template {
    id: TemplateId::T2021,
    years: 2021..=u16::MAX,
    sections: SECTIONS,
    // Plain statements about 规范性文件 or 规章 with the number right after the column's verb
    // ("集中公开现行有效行政规范性文件698件").
    evidence: Some(Evidence {
        table: TableId::S2,
        subjects: &[("行政规范性文件", "normative_docs"), ("规范性文件", "normative_docs"), ("规章", "regulations")],
        verbs: &[("in_force", "现行有效"), ("issued", "(?:本年度?|年度)?制发"), ("repealed", "废止")],
    }),
    s2: LabeledTable { table: TableId::S2, rows: S2_ROWS },
    s2_subtables: &[
        ("第二十条第（一）项", &["regulations", "normative_docs"]),
        ("第二十条第（五）项", &["licensing"]),
        ("第二十条第（六）项", &["penalty", "coercion"]),
        ("第二十条第（八）项", &["admin_fees"]),
    ],
    s2_markers: &["本年制发件数", "本年废止件数", "现行有效件数", "本年收费金额", "行政规范性文件"],
    s3: LabeledTable { table: TableId::S3, rows: rows!(S3_ROWS_HEAD, S3_OTHER, S3_ROWS_TAIL) },
    s4: S4,
    cols: &[(TableId::S2, S2_COLS), (TableId::S3, S3_COLS), (TableId::S4, S4_COLS)],
    groups: S3_GROUPS,
    identities: IDENTITIES,
};

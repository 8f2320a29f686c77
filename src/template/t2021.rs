/*!
The 2021 national template (国办公开办函〔2021〕30号), reporting year 2021 onward.
*/

use super::common::*;
use super::{
    ColDef, Derived, Evidence, Identity, IdentityOver, LabeledTable, PrintedRow, RowDef, Template,
    ValueKind,
};
use crate::model::{TableId, TemplateId};

const S2_ROWS: &[PrintedRow] = &[
    PrintedRow { row: "regulations", labels: &["规章"], cols: &["issued", "repealed", "in_force"] },
    PrintedRow { row: "normative_docs", labels: &["行政规范性文件", "规范性文件"], cols: &["issued", "repealed", "in_force"] },
    PrintedRow { row: "licensing", labels: &["行政许可"], cols: &["decisions"] },
    PrintedRow { row: "penalty", labels: &["行政处罚"], cols: &["decisions"] },
    PrintedRow { row: "coercion", labels: &["行政强制"], cols: &["decisions"] },
    PrintedRow { row: "admin_fees", labels: &["行政事业性收费"], cols: &["amount_wan"] },
];

const S2_ROW_DEFS: &[RowDef] = &[
    RowDef { key: "regulations", label: "规章", english: "regulations" },
    RowDef { key: "normative_docs", label: "行政规范性文件", english: "administrative normative documents" },
    RowDef { key: "licensing", label: "行政许可", english: "administrative licensing" },
    RowDef { key: "penalty", label: "行政处罚", english: "administrative penalties" },
    RowDef { key: "coercion", label: "行政强制", english: "administrative coercion" },
    RowDef { key: "admin_fees", label: "行政事业性收费", english: "administrative fees" },
];

const S2_COLS: &[ColDef] = &[
    ColDef { key: "issued", label: "本年制发件数", english: "issued this year", kind: ValueKind::Count },
    ColDef { key: "repealed", label: "本年废止件数", english: "repealed this year", kind: ValueKind::Count },
    ColDef { key: "in_force", label: "现行有效件数", english: "in force", kind: ValueKind::Count },
    ColDef { key: "decisions", label: "本年处理决定数量", english: "decisions this year", kind: ValueKind::Count },
    ColDef { key: "amount_wan", label: "本年收费金额（单位：万元）", english: "fees collected this year", kind: ValueKind::MoneyWan },
];

const S3_ROWS: &[PrintedRow] = &{
    let mut rows = [S3_ROW_TOTAL; 25];
    let mut i = 0;
    while i < S3_ROWS_HEAD.len() {
        rows[i] = S3_ROWS_HEAD[i];
        i += 1;
    }
    rows[20] = PrintedRow {
        row: "result.other.no_correction",
        labels: &["1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "1.申请人无正当理由逾期不补正"],
        cols: S3_COL_KEYS,
    };
    rows[21] = PrintedRow {
        row: "result.other.fee_unpaid",
        labels: &["2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "2.申请人逾期未按收费通知要求缴纳费用"],
        cols: S3_COL_KEYS,
    };
    rows[22] = PrintedRow { row: "result.other.other", labels: &["3.其他"], cols: S3_COL_KEYS };
    rows[23] = S3_ROW_TOTAL;
    rows[24] = S3_ROW_CARRY;
    rows
};

const S3_ROW_DEFS: &[RowDef] = &{
    let mut rows = [S3_ROW_DEF_TOTAL; 25];
    let mut i = 0;
    while i < S3_ROW_DEFS_HEAD.len() {
        rows[i] = S3_ROW_DEFS_HEAD[i];
        i += 1;
    }
    rows[20] = RowDef {
        key: "result.other.no_correction",
        label: "（六）其他处理/1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        english: "other: applicant did not complete the request",
    };
    rows[21] = RowDef {
        key: "result.other.fee_unpaid",
        label: "（六）其他处理/2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        english: "other: applicant did not pay the fee",
    };
    rows[22] = RowDef { key: "result.other.other", label: "（六）其他处理/3.其他", english: "other: other" };
    rows[23] = S3_ROW_DEF_TOTAL;
    rows[24] = S3_ROW_DEF_CARRY;
    rows
};

const S3_OTHER: &[&str] = &["result.other.no_correction", "result.other.fee_unpaid", "result.other.other"];

const I3_RHS: &[&str] = &{
    let mut rhs = [""; 21];
    rhs[0] = "result.granted";
    rhs[1] = "result.partial";
    let mut i = 0;
    while i < 8 {
        rhs[2 + i] = S3_WITHHELD[i];
        i += 1;
    }
    let mut j = 0;
    while j < 3 {
        rhs[10 + j] = S3_UNABLE[j];
        j += 1;
    }
    let mut k = 0;
    while k < 5 {
        rhs[13 + k] = S3_NOT_PROCESSED[k];
        k += 1;
    }
    rhs[18] = S3_OTHER[0];
    rhs[19] = S3_OTHER[1];
    rhs[20] = S3_OTHER[2];
    rhs
};

const I3: Identity = Identity {
    id: "I3",
    table: TableId::S3,
    over: IdentityOver::PerColumn,
    lhs: &["result.total"],
    rhs: I3_RHS,
    text: "result.total = granted + partial + Σ withheld (8) + Σ unable (3) + Σ not_processed (5) + Σ other (3)",
};

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
    s2: LabeledTable {
        table: TableId::S2,
        rows: S2_ROWS,
    },
    s2_subtables: &[
        ("第二十条第（一）项", &["regulations", "normative_docs"]),
        ("第二十条第（五）项", &["licensing"]),
        ("第二十条第（六）项", &["penalty", "coercion"]),
        ("第二十条第（八）项", &["admin_fees"]),
    ],
    s2_markers: &["本年制发件数", "本年废止件数", "现行有效件数", "本年收费金额", "行政规范性文件"],
    s3: LabeledTable {
        table: TableId::S3,
        rows: S3_ROWS,
    },
    s4: S4,
    rows: &[(TableId::S2, S2_ROW_DEFS), (TableId::S3, S3_ROW_DEFS), (TableId::S4, S4_ROWS)],
    cols: &[(TableId::S2, S2_COLS), (TableId::S3, S3_COLS), (TableId::S4, S4_COLS)],
    identities: &[I1, I2, I3, I4],
    derived: &[
        Derived { table: TableId::S3, row: "result.withheld", label: "（三）不予公开", english: "withheld (subtotal)", from: S3_WITHHELD },
        Derived { table: TableId::S3, row: "result.unable", label: "（四）无法提供", english: "unable to provide (subtotal)", from: S3_UNABLE },
        Derived { table: TableId::S3, row: "result.not_processed", label: "（五）不予处理", english: "not processed (subtotal)", from: S3_NOT_PROCESSED },
        Derived { table: TableId::S3, row: "result.other", label: "（六）其他处理", english: "other handling (subtotal)", from: S3_OTHER },
    ],
};

/*!
The 2019 trial template (国办公开办函〔2019〕60号), reporting years 2019 and 2020.
*/

use super::common::*;
use super::{
    ColDef, Derived, Identity, IdentityOver, LabeledTable, PrintedRow, RowDef, Template, ValueKind,
};
use crate::model::{TableId, TemplateId};

const ITEMS: &[&str] = &["prev_year_items", "change", "decisions"];

const S2_ROWS: &[PrintedRow] = &[
    PrintedRow { row: "regulations", labels: &["规章"], cols: &["new_made", "new_published", "total_published"] },
    PrintedRow { row: "normative_docs", labels: &["行政规范性文件", "规范性文件"], cols: &["new_made", "new_published", "total_published"] },
    PrintedRow { row: "licensing", labels: &["行政许可"], cols: ITEMS },
    PrintedRow { row: "other_mgmt_services", labels: &["其他对外管理服务事项"], cols: ITEMS },
    PrintedRow { row: "penalty", labels: &["行政处罚"], cols: ITEMS },
    PrintedRow { row: "coercion", labels: &["行政强制"], cols: ITEMS },
    PrintedRow { row: "admin_fees", labels: &["行政事业性收费"], cols: &["prev_year_items", "change"] },
    PrintedRow { row: "central_procurement", labels: &["政府集中采购"], cols: &["procurement_items", "procurement_amount_wan"] },
];

const S2_ROW_DEFS: &[RowDef] = &[
    RowDef { key: "regulations", label: "规章", english: "regulations" },
    RowDef { key: "normative_docs", label: "规范性文件", english: "normative documents" },
    RowDef { key: "licensing", label: "行政许可", english: "administrative licensing" },
    RowDef { key: "other_mgmt_services", label: "其他对外管理服务事项", english: "other external management services" },
    RowDef { key: "penalty", label: "行政处罚", english: "administrative penalties" },
    RowDef { key: "coercion", label: "行政强制", english: "administrative coercion" },
    RowDef { key: "admin_fees", label: "行政事业性收费", english: "administrative fees" },
    RowDef { key: "central_procurement", label: "政府集中采购", english: "centralized government procurement" },
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

const S3_ROW_OTHER: PrintedRow = PrintedRow { row: "result.other", labels: &["（六）其他处理"], cols: S3_COL_KEYS };

const S3_ROWS: &[PrintedRow] = &{
    let mut rows = [S3_ROW_TOTAL; 23];
    let mut i = 0;
    while i < S3_ROWS_HEAD.len() {
        rows[i] = S3_ROWS_HEAD[i];
        i += 1;
    }
    rows[20] = S3_ROW_OTHER;
    rows[21] = S3_ROW_TOTAL;
    rows[22] = S3_ROW_CARRY;
    rows
};

const S3_ROW_DEFS: &[RowDef] = &{
    let mut rows = [S3_ROW_DEF_TOTAL; 23];
    let mut i = 0;
    while i < S3_ROW_DEFS_HEAD.len() {
        rows[i] = S3_ROW_DEFS_HEAD[i];
        i += 1;
    }
    rows[20] = RowDef { key: "result.other", label: "（六）其他处理", english: "other handling" };
    rows[21] = S3_ROW_DEF_TOTAL;
    rows[22] = S3_ROW_DEF_CARRY;
    rows
};

const I3_RHS: &[&str] = &{
    let mut rhs = [""; 19];
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
    rhs[18] = "result.other";
    rhs
};

const I3: Identity = Identity {
    id: "I3",
    table: TableId::S3,
    over: IdentityOver::PerColumn,
    lhs: &["result.total"],
    rhs: I3_RHS,
    text: "result.total = granted + partial + Σ withheld (8) + Σ unable (3) + Σ not_processed (5) + other",
};

pub static TEMPLATE: Template = Template {
    id: TemplateId::T2019,
    years: 2019..=2020,
    sections: SECTIONS,
    evidence: None,
    s2: LabeledTable {
        table: TableId::S2,
        rows: S2_ROWS,
    },
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
    ],
};

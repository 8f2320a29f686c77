/*!
Parts shared by both national templates: section 三's columns and most of its rows, section 四,
section headings, identities I1, I2 and I4, and the words of pre-2019 forms.
*/

use super::{ColDef, HeaderedRow, Identity, IdentityOver, PrintedRow, RowDef, Sections, ValueKind};
use crate::model::TableId;

pub const S3_COLS: &[ColDef] = &[
    ColDef { key: "natural_person", label: "自然人", english: "natural persons", kind: ValueKind::Count },
    ColDef { key: "commercial", label: "法人或其他组织/商业企业", english: "commercial enterprises", kind: ValueKind::Count },
    ColDef { key: "research", label: "法人或其他组织/科研机构", english: "research institutions", kind: ValueKind::Count },
    ColDef { key: "social_welfare", label: "法人或其他组织/社会公益组织", english: "social welfare organizations", kind: ValueKind::Count },
    ColDef { key: "legal_services", label: "法人或其他组织/法律服务机构", english: "legal service institutions", kind: ValueKind::Count },
    ColDef { key: "other_org", label: "法人或其他组织/其他", english: "other organizations", kind: ValueKind::Count },
    ColDef { key: "total", label: "总计", english: "total", kind: ValueKind::Count },
];

pub const S3_COL_KEYS: &[&str] = &[
    "natural_person",
    "commercial",
    "research",
    "social_welfare",
    "legal_services",
    "other_org",
    "total",
];

macro_rules! s3_row {
    ($key:expr, [$($label:expr),+]) => {
        PrintedRow { row: $key, labels: &[$($label),+], cols: S3_COL_KEYS }
    };
}

/// Rows of section 三 before （六）其他处理 — identical in both templates.
pub const S3_ROWS_HEAD: &[PrintedRow] = &[
    s3_row!("new_received", ["一、本年新收政府信息公开申请数量"]),
    s3_row!("carried_over", ["二、上年结转政府信息公开申请数量"]),
    s3_row!("result.granted", ["（一）予以公开"]),
    s3_row!("result.partial", ["（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "（二）部分公开"]),
    s3_row!("result.withheld.state_secret", ["1.属于国家秘密"]),
    s3_row!("result.withheld.law_prohibited", ["2.其他法律行政法规禁止公开"]),
    s3_row!("result.withheld.security_stability", ["3.危及“三安全一稳定”", "3.危及三安全一稳定"]),
    s3_row!("result.withheld.third_party", ["4.保护第三方合法权益"]),
    s3_row!("result.withheld.internal_affairs", ["5.属于三类内部事务信息"]),
    s3_row!("result.withheld.process_info", ["6.属于四类过程性信息"]),
    s3_row!("result.withheld.enforcement_file", ["7.属于行政执法案卷"]),
    s3_row!("result.withheld.query_matter", ["8.属于行政查询事项"]),
    s3_row!("result.unable.not_held", ["1.本机关不掌握相关政府信息"]),
    s3_row!("result.unable.needs_creation", ["2.没有现成信息需要另行制作"]),
    s3_row!("result.unable.unclear", ["3.补正后申请内容仍不明确"]),
    s3_row!("result.not_processed.petition", ["1.信访举报投诉类申请"]),
    s3_row!("result.not_processed.duplicate", ["2.重复申请"]),
    s3_row!("result.not_processed.publication", ["3.要求提供公开出版物"]),
    s3_row!("result.not_processed.mass_repeat", ["4.无正当理由大量反复申请"]),
    s3_row!("result.not_processed.confirm_reissue", ["5.要求行政机关确认或重新出具已获取信息"]),
];

/// Rows of section 三 after （六）其他处理 — identical in both templates.
pub const S3_ROW_TOTAL: PrintedRow = s3_row!("result.total", ["（七）总计"]);
pub const S3_ROW_CARRY: PrintedRow = s3_row!("carry_forward", ["四、结转下年度继续办理"]);

/// Row definitions (labels and English names) shared by both templates' section 三.
pub const S3_ROW_DEFS_HEAD: &[RowDef] = &[
    RowDef { key: "new_received", label: "一、本年新收政府信息公开申请数量", english: "new requests received this year" },
    RowDef { key: "carried_over", label: "二、上年结转政府信息公开申请数量", english: "requests carried over from last year" },
    RowDef { key: "result.granted", label: "三、本年度办理结果/（一）予以公开", english: "result: disclosed" },
    RowDef { key: "result.partial", label: "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", english: "result: partly disclosed" },
    RowDef { key: "result.withheld.state_secret", label: "（三）不予公开/1.属于国家秘密", english: "withheld: state secret" },
    RowDef { key: "result.withheld.law_prohibited", label: "（三）不予公开/2.其他法律行政法规禁止公开", english: "withheld: prohibited by other laws" },
    RowDef { key: "result.withheld.security_stability", label: "（三）不予公开/3.危及“三安全一稳定”", english: "withheld: endangers security or stability" },
    RowDef { key: "result.withheld.third_party", label: "（三）不予公开/4.保护第三方合法权益", english: "withheld: third-party rights" },
    RowDef { key: "result.withheld.internal_affairs", label: "（三）不予公开/5.属于三类内部事务信息", english: "withheld: internal affairs" },
    RowDef { key: "result.withheld.process_info", label: "（三）不予公开/6.属于四类过程性信息", english: "withheld: process information" },
    RowDef { key: "result.withheld.enforcement_file", label: "（三）不予公开/7.属于行政执法案卷", english: "withheld: law-enforcement file" },
    RowDef { key: "result.withheld.query_matter", label: "（三）不予公开/8.属于行政查询事项", english: "withheld: administrative query matter" },
    RowDef { key: "result.unable.not_held", label: "（四）无法提供/1.本机关不掌握相关政府信息", english: "unable: not held by this body" },
    RowDef { key: "result.unable.needs_creation", label: "（四）无法提供/2.没有现成信息需要另行制作", english: "unable: would need to be created" },
    RowDef { key: "result.unable.unclear", label: "（四）无法提供/3.补正后申请内容仍不明确", english: "unable: still unclear after correction" },
    RowDef { key: "result.not_processed.petition", label: "（五）不予处理/1.信访举报投诉类申请", english: "not processed: petition or complaint" },
    RowDef { key: "result.not_processed.duplicate", label: "（五）不予处理/2.重复申请", english: "not processed: duplicate request" },
    RowDef { key: "result.not_processed.publication", label: "（五）不予处理/3.要求提供公开出版物", english: "not processed: asks for publications" },
    RowDef { key: "result.not_processed.mass_repeat", label: "（五）不予处理/4.无正当理由大量反复申请", english: "not processed: mass repeated requests" },
    RowDef { key: "result.not_processed.confirm_reissue", label: "（五）不予处理/5.要求行政机关确认或重新出具已获取信息", english: "not processed: confirm or reissue obtained information" },
];

pub const S3_ROW_DEF_TOTAL: RowDef = RowDef { key: "result.total", label: "（七）总计", english: "result: total" };
pub const S3_ROW_DEF_CARRY: RowDef = RowDef { key: "carry_forward", label: "四、结转下年度继续办理", english: "carried forward to next year" };

pub const S3_WITHHELD: &[&str] = &[
    "result.withheld.state_secret",
    "result.withheld.law_prohibited",
    "result.withheld.security_stability",
    "result.withheld.third_party",
    "result.withheld.internal_affairs",
    "result.withheld.process_info",
    "result.withheld.enforcement_file",
    "result.withheld.query_matter",
];
pub const S3_UNABLE: &[&str] = &[
    "result.unable.not_held",
    "result.unable.needs_creation",
    "result.unable.unclear",
];
pub const S3_NOT_PROCESSED: &[&str] = &[
    "result.not_processed.petition",
    "result.not_processed.duplicate",
    "result.not_processed.publication",
    "result.not_processed.mass_repeat",
    "result.not_processed.confirm_reissue",
];

pub const S4_ROWS: &[RowDef] = &[
    RowDef { key: "review", label: "行政复议", english: "administrative review" },
    RowDef { key: "litigation_direct", label: "行政诉讼/未经复议直接起诉", english: "litigation without prior review" },
    RowDef { key: "litigation_after_review", label: "行政诉讼/复议后起诉", english: "litigation after review" },
];

pub const S4_COLS: &[ColDef] = &[
    ColDef { key: "maintained", label: "结果维持", english: "decision upheld", kind: ValueKind::Count },
    ColDef { key: "corrected", label: "结果纠正", english: "decision corrected", kind: ValueKind::Count },
    ColDef { key: "other", label: "其他结果", english: "other outcome", kind: ValueKind::Count },
    ColDef { key: "pending", label: "尚未审结", english: "pending", kind: ValueKind::Count },
    ColDef { key: "total", label: "总计", english: "total", kind: ValueKind::Count },
];

pub const S4: HeaderedRow = HeaderedRow {
    table: TableId::S4,
    header_terms: &[
        "行政复议", "行政诉讼", "未经复议直接起诉", "复议后起诉", "结果维持", "结果纠正", "其他结果",
        "尚未审结", "总计", "结果", "其他", "尚未", "审结", "维持", "纠正",
    ],
    cells: &[
        ("review", "maintained"), ("review", "corrected"), ("review", "other"), ("review", "pending"), ("review", "total"),
        ("litigation_direct", "maintained"), ("litigation_direct", "corrected"), ("litigation_direct", "other"), ("litigation_direct", "pending"), ("litigation_direct", "total"),
        ("litigation_after_review", "maintained"), ("litigation_after_review", "corrected"), ("litigation_after_review", "other"), ("litigation_after_review", "pending"), ("litigation_after_review", "total"),
    ],
};

pub const I1: Identity = Identity {
    id: "I1",
    table: TableId::S3,
    over: IdentityOver::PerColumn,
    lhs: &["new_received", "carried_over"],
    rhs: &["result.total", "carry_forward"],
    text: "new_received + carried_over = result.total + carry_forward",
};

pub const I2: Identity = Identity {
    id: "I2",
    table: TableId::S3,
    over: IdentityOver::PerRow,
    lhs: &["total"],
    rhs: &["natural_person", "commercial", "research", "social_welfare", "legal_services", "other_org"],
    text: "total = natural_person + commercial + research + social_welfare + legal_services + other_org",
};

pub const I4: Identity = Identity {
    id: "I4",
    table: TableId::S4,
    over: IdentityOver::PerRow,
    lhs: &["total"],
    rhs: &["maintained", "corrected", "other", "pending"],
    text: "total = maintained + corrected + other + pending",
};

/// Section headings as regular expressions: ordinal, then the heading words. Variants seen in
/// real reports (misprints such as 行政法复议, older wordings) are allowed.
const HEADING_S2: &str = r"二\s*[、.．]\s*主\s*动\s*公\s*开\s*政\s*府\s*信\s*息\s*(?:的\s*)?情\s*况";
const HEADING_S3: &str = r"三\s*[、.．]\s*收\s*到\s*和\s*处\s*理\s*政\s*府\s*信\s*息\s*公\s*开\s*申\s*请\s*(?:的\s*)?情\s*况";
const HEADING_S4: &str = r"四\s*[、.．]\s*(?:因\s*)?政\s*府\s*信\s*息\s*公\s*开\s*(?:申\s*请\s*)?(?:工\s*作\s*)?(?:被\s*申\s*请\s*)?行\s*政\s*(?:法\s*)?复\s*议\s*[、和及，,]?\s*(?:提\s*起\s*)?行\s*政\s*诉\s*讼\s*(?:的\s*)?情\s*况";
const HEADING_S5: &str = r"五\s*[、.．]\s*(?:政\s*府\s*信\s*息\s*公\s*开\s*工\s*作\s*)?存\s*在\s*(?:的\s*)?(?:主\s*要\s*)?问\s*题";

/// The sections of both templates.
pub const SECTIONS: Sections = Sections {
    s2: HEADING_S2,
    s3: HEADING_S3,
    s4: HEADING_S4,
    s5: HEADING_S5,
    s3_anchor: r"本\s*列\s*数\s*据\s*的\s*勾\s*稽\s*关\s*系|申\s*请\s*人\s*情\s*况|本\s*年\s*新\s*收\s*政\s*府\s*信\s*息\s*公\s*开\s*申\s*请\s*数\s*量",
    s4_anchor: r"行\s*政\s*(?:法\s*)?复\s*议",
};

pub const LEGACY_MARKERS: &[&str] = &[
    "同意公开答复数",
    "否决公开答复",
    "不予公开范围",
    "计量单位",
    "本年累计",
    "历年累计",
    "指标名称",
];

/*!
Parts shared by both national templates: section 三's columns and most of its rows and groups,
section 四, section headings, identities I1–I4, and the words of pre-2019 forms.
*/

use super::{ColDef, Group, HeaderedRow, Identity, IdentityOver, Row, Sections, ValueKind};
use crate::model::TableId;

/// `[A, B, …]` as one slice of rows: the rows of several slices, in order.
macro_rules! rows {
    ($($part:expr),+ $(,)?) => {{
        const N: usize = 0 $(+ $part.len())+;
        const ROWS: [Row; N] = {
            let mut out = [Row::new("", &[], "", &[]); N];
            let mut n = 0;
            $(
                let part: &[Row] = $part;
                let mut i = 0;
                while i < part.len() {
                    out[n] = part[i];
                    n += 1;
                    i += 1;
                }
            )+
            out
        };
        &ROWS
    }};
}
pub(super) use rows;

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

/// A row of section 三: every column.
pub const fn s3(key: &'static str, labels: &'static [&'static str], english: &'static str) -> Row {
    Row::new(key, labels, english, S3_COL_KEYS)
}

/// Rows of section 三 before （六）其他处理 — identical in both templates.
pub const S3_ROWS_HEAD: &[Row] = &[
    s3("new_received", &["一、本年新收政府信息公开申请数量"], "new requests received this year"),
    s3("carried_over", &["二、上年结转政府信息公开申请数量"], "requests carried over from last year"),
    s3("result.granted", &["（一）予以公开"], "result: disclosed").named("三、本年度办理结果/（一）予以公开"),
    s3("result.partial", &["（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "（二）部分公开"], "result: partly disclosed"),
    s3("result.withheld.state_secret", &["1.属于国家秘密"], "withheld: state secret"),
    s3("result.withheld.law_prohibited", &["2.其他法律行政法规禁止公开"], "withheld: prohibited by other laws"),
    s3("result.withheld.security_stability", &["3.危及“三安全一稳定”", "3.危及三安全一稳定"], "withheld: endangers security or stability"),
    s3("result.withheld.third_party", &["4.保护第三方合法权益"], "withheld: third-party rights"),
    s3("result.withheld.internal_affairs", &["5.属于三类内部事务信息"], "withheld: internal affairs"),
    s3("result.withheld.process_info", &["6.属于四类过程性信息"], "withheld: process information"),
    s3("result.withheld.enforcement_file", &["7.属于行政执法案卷"], "withheld: law-enforcement file"),
    s3("result.withheld.query_matter", &["8.属于行政查询事项"], "withheld: administrative query matter"),
    s3("result.unable.not_held", &["1.本机关不掌握相关政府信息"], "unable: not held by this body"),
    s3("result.unable.needs_creation", &["2.没有现成信息需要另行制作"], "unable: would need to be created"),
    s3("result.unable.unclear", &["3.补正后申请内容仍不明确"], "unable: still unclear after correction"),
    s3("result.not_processed.petition", &["1.信访举报投诉类申请"], "not processed: petition or complaint"),
    s3("result.not_processed.duplicate", &["2.重复申请"], "not processed: duplicate request"),
    s3("result.not_processed.publication", &["3.要求提供公开出版物"], "not processed: asks for publications"),
    s3("result.not_processed.mass_repeat", &["4.无正当理由大量反复申请"], "not processed: mass repeated requests"),
    s3("result.not_processed.confirm_reissue", &["5.要求行政机关确认或重新出具已获取信息"], "not processed: confirm or reissue obtained information"),
];

/// Rows of section 三 after （六）其他处理 — identical in both templates.
pub const S3_ROWS_TAIL: &[Row] = &[
    s3("result.total", &["（七）总计"], "result: total"),
    s3("carry_forward", &["四、结转下年度继续办理"], "carried forward to next year"),
];

/// Section 三's groups: a template prints each as its rows or as one row (（六）其他处理 in 2019).
pub const S3_GROUPS: &[Group] = &[
    Group { table: TableId::S3, key: "result.withheld", label: "（三）不予公开", english: "withheld (subtotal)" },
    Group { table: TableId::S3, key: "result.unable", label: "（四）无法提供", english: "unable to provide (subtotal)" },
    Group { table: TableId::S3, key: "result.not_processed", label: "（五）不予处理", english: "not processed (subtotal)" },
    Group { table: TableId::S3, key: "result.other", label: "（六）其他处理", english: "other handling (subtotal)" },
];

pub const S4_COLS: &[ColDef] = &[
    ColDef { key: "maintained", label: "结果维持", english: "decision upheld", kind: ValueKind::Count },
    ColDef { key: "corrected", label: "结果纠正", english: "decision corrected", kind: ValueKind::Count },
    ColDef { key: "other", label: "其他结果", english: "other outcome", kind: ValueKind::Count },
    ColDef { key: "pending", label: "尚未审结", english: "pending", kind: ValueKind::Count },
    ColDef { key: "total", label: "总计", english: "total", kind: ValueKind::Count },
];

const S4_COL_KEYS: &[&str] = &["maintained", "corrected", "other", "pending", "total"];

pub const S4: HeaderedRow = HeaderedRow {
    table: TableId::S4,
    header_terms: &[
        "行政复议", "行政诉讼", "未经复议直接起诉", "复议后起诉", "结果维持", "结果纠正", "其他结果",
        "尚未审结", "总计", "结果", "其他", "尚未", "审结", "维持", "纠正",
    ],
    rows: &[
        Row::new("review", &["行政复议"], "administrative review", S4_COL_KEYS),
        Row::new("litigation_direct", &["行政诉讼/未经复议直接起诉"], "litigation without prior review", S4_COL_KEYS),
        Row::new("litigation_after_review", &["行政诉讼/复议后起诉"], "litigation after review", S4_COL_KEYS),
    ],
};

/// The identities of both templates; I3 names section 三's groups, whichever way a template
/// prints them.
pub const IDENTITIES: &[Identity] = &[
    Identity {
        id: "I1",
        table: TableId::S3,
        over: IdentityOver::PerColumn,
        lhs: &["new_received", "carried_over"],
        rhs: &["result.total", "carry_forward"],
    },
    Identity {
        id: "I2",
        table: TableId::S3,
        over: IdentityOver::PerRow,
        lhs: &["total"],
        rhs: &["natural_person", "commercial", "research", "social_welfare", "legal_services", "other_org"],
    },
    Identity {
        id: "I3",
        table: TableId::S3,
        over: IdentityOver::PerColumn,
        lhs: &["result.total"],
        rhs: &["result.granted", "result.partial", "result.withheld", "result.unable", "result.not_processed", "result.other"],
    },
    Identity {
        id: "I4",
        table: TableId::S4,
        over: IdentityOver::PerRow,
        lhs: &["total"],
        rhs: &["maintained", "corrected", "other", "pending"],
    },
];

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
    others: &[
        r"一\s*[、.．]\s*总\s*体\s*情\s*况",
        r"六\s*[、.．]\s*其\s*他\s*需\s*要\s*报\s*告\s*的\s*事\s*项",
    ],
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

/*!
Turns labels as printed into regular expressions that tolerate what real pages do to them: spaces
and line breaks anywhere (`社会 公益 组织`, `三、本 年度办 理结果`, PDF lines), full- or half-width
brackets and punctuation, optional quotes, and an optional ordinal (`（一）`, `1.`) when the words
alone are specific enough.
*/

/// Where labels are searched: in the stream as laid out, or in its whitespace-free copy
/// (`Compact`), where a label is nearly a literal and the regex engine finds it with a fast
/// prefilter instead of trying `\s*` between every two characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Spacing {
    Tolerant,
    Removed,
}

impl Spacing {
    fn gap(self) -> &'static str {
        match self {
            Spacing::Tolerant => r"\s*",
            Spacing::Removed => "",
        }
    }
}

/// The regular-expression fragment for one printed label, in text that still has its spaces.
pub fn label_pattern(label: &str) -> String {
    spaced_label_pattern(label, Spacing::Tolerant)
}

/// The fragment for one printed label, for text with the given spacing.
pub fn spaced_label_pattern(label: &str, spacing: Spacing) -> String {
    let gap = spacing.gap();
    let (ordinal, core) = split_ordinal(label);
    let core_pat = chars_pattern(core, gap);
    match ordinal {
        None => core_pat,
        Some(ord) => {
            let ord_pat = chars_pattern(ord, gap);
            // A short core (`其他`) is only a label with its ordinal, or alone at the start of a
            // table cell (`总计`, as reports that drop the numbering print it); a long one is
            // specific alone.
            if core.chars().count() >= 4 {
                format!(r"(?:{ord_pat}{gap})?{core_pat}")
            } else {
                format!(r"(?:{ord_pat}{gap}|\x{{1f}}{gap}){core_pat}")
            }
        }
    }
}

/// Alternation of several label variants, longest first so the fullest form wins.
pub fn labels_pattern(labels: &[&str], spacing: Spacing) -> String {
    let mut sorted: Vec<&str> = labels.to_vec();
    sorted.sort_by_key(|l| std::cmp::Reverse(l.chars().count()));
    let alts: Vec<String> = sorted
        .iter()
        .map(|l| spaced_label_pattern(l, spacing))
        .collect();
    format!("(?:{})", alts.join("|"))
}

/// A text with its whitespace removed, and where each of its bytes came from. Searching a label
/// here finds exactly what the tolerant pattern finds in the original, since that pattern allows
/// whitespace between any two of its characters and nowhere else.
#[derive(Debug, Clone, Default)]
pub struct Compact {
    pub text: String,
    /// For each byte of `text`, its offset in the original.
    from: Vec<u32>,
}

impl Compact {
    pub fn new(original: &str) -> Self {
        let mut text = String::with_capacity(original.len());
        let mut from = Vec::with_capacity(original.len());
        // Copied run by run: runs of text between whitespace are long in Chinese.
        let mut push = |start: usize, end: usize| {
            text.push_str(&original[start..end]);
            // Offsets beyond u32 cannot occur: documents are limited far below 4 GB.
            let (s, e) = (
                u32::try_from(start).unwrap_or(u32::MAX),
                u32::try_from(end).unwrap_or(u32::MAX),
            );
            from.extend(s..e);
        };
        let mut run = 0;
        for (i, ch) in original.char_indices() {
            if ch.is_whitespace() {
                push(run, i);
                run = i + ch.len_utf8();
            }
        }
        push(run, original.len());
        Compact { text, from }
    }

    /// The offset in `text` of the first byte at or after `original` offset.
    pub fn index_of(&self, original: usize) -> usize {
        self.from.partition_point(|&o| (o as usize) < original)
    }

    /// The original span of `text[start..end]` (a non-empty match).
    pub fn span(&self, start: usize, end: usize) -> (usize, usize) {
        let s = self.from.get(start).map_or(usize::MAX, |&o| o as usize);
        let e = end
            .checked_sub(1)
            .and_then(|last| self.from.get(last))
            .map_or(s, |&o| o as usize + 1);
        (s, e)
    }
}

/// Splits a leading ordinal (`一、`, `（三）`, `(3)`, `1.`, `2、`) from a label.
fn split_ordinal(label: &str) -> (Option<&str>, &str) {
    let chars: Vec<(usize, char)> = label.char_indices().collect();
    let is_cn_num = |c: char| "一二三四五六七八九十".contains(c);
    if let Some(&(_, first)) = chars.first() {
        if first == '（' || first == '(' {
            if let Some(close) = chars.iter().position(|&(_, c)| c == '）' || c == ')') {
                if close > 1
                    && chars[1..close]
                        .iter()
                        .all(|&(_, c)| is_cn_num(c) || c.is_ascii_digit())
                {
                    let end = chars.get(close + 1).map(|&(i, _)| i).unwrap_or(label.len());
                    return (Some(&label[..end]), &label[end..]);
                }
            }
        }
        let run = chars
            .iter()
            .take_while(|&&(_, c)| is_cn_num(c) || c.is_ascii_digit())
            .count();
        if run > 0 {
            if let Some(&(_, sep)) = chars.get(run) {
                if matches!(sep, '、' | '.' | '．') {
                    let end = chars.get(run + 1).map(|&(i, _)| i).unwrap_or(label.len());
                    return (Some(&label[..end]), &label[end..]);
                }
            }
        }
    }
    (None, label)
}

/// Each character as a tolerant class, with `gap` (optional whitespace, or nothing) between
/// characters.
fn chars_pattern(text: &str, gap: &str) -> String {
    let mut out = String::new();
    let mut first = true;
    for ch in text.chars().filter(|c| !c.is_whitespace()) {
        if !first {
            out.push_str(gap);
        }
        first = false;
        out.push_str(&char_class(ch));
    }
    out
}

fn char_class(ch: char) -> String {
    match ch {
        '（' | '(' => r"[（(]".into(),
        '）' | ')' => r"[）)]".into(),
        '“' | '”' | '"' | '„' | '‘' | '’' | '「' | '」' | '『' | '』' => {
            r#"["“”„‘’「」『』']?"#.into()
        }
        '.' | '．' => r"[.．、]".into(),
        '、' => r"[、.．,，]".into(),
        '，' | ',' => r"[，,]".into(),
        '：' | ':' => r"[：:]".into(),
        '/' | '／' => r"[/／]".into(),
        _ => regex::escape(&ch.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use regex::Regex;

    fn re(label: &str) -> Regex {
        Regex::new(&label_pattern(label)).expect("valid pattern")
    }

    #[test]
    fn tolerates_spaces_brackets_and_line_breaks() {
        assert!(re("三、本年度办理结果").is_match("三、本 年度办 理结果"));
        assert!(re("（一）予以公开").is_match("(一)予以公开"));
        assert!(re("（三）不予公开").is_match("（三）不\n予公开"));
        assert!(re("3.危及“三安全一稳定”").is_match("3.危及\"三安全一稳定\""));
        assert!(re("第二十条第（一）项").is_match("第二十条 第(一)项"));
    }

    #[test]
    fn ordinal_optional_only_for_specific_words() {
        assert!(re("1.属于国家秘密").is_match("属于国家秘密"));
        assert!(!re("3.其他").is_match("其他"));
        assert!(re("3.其他").is_match("\u{1f}其他"));
        assert!(re("3.危及“三安全一稳定”").is_match("3.危及「三安全一稳定」"));
        let m = re("2.其他法律行政法规禁止公开")
            .find("00000002.其他法律行政法规禁止公开")
            .expect("match");
        assert_eq!(m.start(), 7);
    }

    #[test]
    fn longest_variant_first() {
        let r = Regex::new(&labels_pattern(
            &[
                "（二）部分公开",
                "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
            ],
            Spacing::Tolerant,
        ))
        .expect("valid");
        let m = r
            .find("（二）部分公开（区分处理的，只计这一情形，不计其他情形）5")
            .expect("match");
        assert!(m.as_str().ends_with('）'));
    }

    #[test]
    fn compact_search_finds_what_the_tolerant_pattern_finds() {
        let labels = ["（一）予以公开", "3.危及“三安全一稳定”", "（七）总计"];
        let text = "前言 （ 一 ）予 以\n公开 12 3.危及 \"三安全 一稳定\" 0 (七)总 计 9";
        let compact = Compact::new(text);
        for label in labels {
            let tolerant = Regex::new(&labels_pattern(&[label], Spacing::Tolerant)).expect("valid");
            let removed = Regex::new(&labels_pattern(&[label], Spacing::Removed)).expect("valid");
            let a = tolerant.find(text).map(|m| m.start());
            let b = removed
                .find(&compact.text)
                .map(|m| compact.span(m.start(), m.end()).0);
            assert_eq!(a, b, "{label}");
            assert!(a.is_some(), "{label}");
        }
        let m = Regex::new(&labels_pattern(&["（七）总计"], Spacing::Removed))
            .expect("valid")
            .find(&compact.text)
            .expect("match");
        let (s, e) = compact.span(m.start(), m.end());
        assert_eq!(&text[s..e], "(七)总 计");
        assert_eq!(compact.index_of(s), m.start());
        assert_eq!(compact.index_of(text.len()), compact.text.len());
    }
}

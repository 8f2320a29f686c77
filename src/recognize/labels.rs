/*!
Turns labels as printed into regular expressions that tolerate what real pages do to them: spaces
and line breaks anywhere (`社会 公益 组织`, `三、本 年度办 理结果`, PDF lines), full- or half-width
brackets and punctuation, optional quotes, and an optional ordinal (`（一）`, `1.`) when the words
alone are specific enough.
*/

/// The regular-expression fragment for one printed label.
pub fn label_pattern(label: &str) -> String {
    let (ordinal, core) = split_ordinal(label);
    let core_pat = chars_pattern(core);
    match ordinal {
        None => core_pat,
        Some(ord) => {
            let ord_pat = chars_pattern(ord);
            // A short core (`其他`) is only a label with its ordinal; a long one is specific alone.
            if core.chars().count() >= 4 {
                format!(r"(?:{ord_pat}\s*)?{core_pat}")
            } else {
                format!(r"{ord_pat}\s*{core_pat}")
            }
        }
    }
}

/// Alternation of several label variants, longest first so the fullest form wins.
pub fn labels_pattern(labels: &[&str]) -> String {
    let mut sorted: Vec<&str> = labels.to_vec();
    sorted.sort_by_key(|l| std::cmp::Reverse(l.chars().count()));
    let alts: Vec<String> = sorted.iter().map(|l| label_pattern(l)).collect();
    format!("(?:{})", alts.join("|"))
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

/// Each character as a tolerant class, with optional whitespace between characters.
fn chars_pattern(text: &str) -> String {
    let mut out = String::new();
    let mut first = true;
    for ch in text.chars().filter(|c| !c.is_whitespace()) {
        if !first {
            out.push_str(r"\s*");
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
        '“' | '”' | '"' | '„' => r#"["“”„]?"#.into(),
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
        let m = re("2.其他法律行政法规禁止公开")
            .find("00000002.其他法律行政法规禁止公开")
            .expect("match");
        assert_eq!(m.start(), 7);
    }

    #[test]
    fn longest_variant_first() {
        let r = Regex::new(&labels_pattern(&[
            "（二）部分公开",
            "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
        ]))
        .expect("valid");
        let m = r
            .find("（二）部分公开（区分处理的，只计这一情形，不计其他情形）5")
            .expect("match");
        assert!(m.as_str().ends_with('）'));
    }
}

/*!
Loose text that is a PDF's text layer (`pdftotext -layout` or `-raw`, a copy from a viewer), put
back into one line per table row before the recognizer reads it:

- page furniture goes: form feeds, page numbers (`-4-`, `- 4 -`, `第 4 页`, a lone number next
  to a form feed), and running headers or footers (a line repeated next to every page break);
- a label broken over lines comes together, with its values after it: `（二）部分公开（区分处理的，
  只计这一情` / `447 7 0 …` / `形，不计其他情形）` is one row. In `-layout` text a label's lines start
  in the label's column; text in other columns (a group label printed down the left edge,
  `（六）其` / `他处理`) stays, on its own line after the row;
- values printed before their label (a multi-line label whose values sit higher than its first
  line) move after it, when the line before them closes a row already.

Only lines that start with a row ordinal (`（二）`, `5.`, `1、`, `三、`) are joined, never prose (a
sentence mark) or a section heading (the templates' headings, `Headings`); anything else passes
through unchanged.
*/

use crate::normalize::{ascii_fold, is_null_token};
use crate::template::Headings;

/// Lines of a loose-text document, repaired; `None` when nothing needed repair. `headings` are
/// the templates' section headings, which no label continues into.
pub fn repair(lines: &[&str], headings: &Headings) -> Option<Vec<String>> {
    let kept = drop_furniture(lines);
    let changed_furniture = kept.len() != lines.len() || kept.iter().any(|l| l.contains('\x0c'));
    let parsed: Vec<Line> = kept.iter().map(|l| Line::parse(l, headings)).collect();
    if !changed_furniture && !parsed.iter().any(Line::opens_label) {
        return None;
    }
    let ordered = values_after_labels(parsed);
    let out = join_labels(&ordered);
    let changed = changed_furniture || out.len() != lines.len();
    changed.then_some(out)
}

/// One segment of a line: text between runs of two or more spaces, at its character column.
#[derive(Debug, Clone)]
struct Seg {
    x: usize,
    text: String,
    numeric: bool,
    /// A section heading of the templates.
    heading: bool,
}

#[derive(Debug, Clone)]
struct Line {
    raw: String,
    /// Text segments, then the trailing value segments (`values` of them).
    segs: Vec<Seg>,
    values: usize,
}

/// Lines longer than this are prose or glued text: never part of a broken label.
const MAX_ROW_CHARS: usize = 400;

impl Line {
    fn parse(raw: &str, headings: &Headings) -> Line {
        let raw = raw.replace('\x0c', "");
        let mut segs = Vec::new();
        if raw.len() <= MAX_ROW_CHARS * 3 {
            let chars: Vec<char> = raw.trim_end().chars().collect();
            let mut i = 0;
            while i < chars.len() {
                if chars[i].is_whitespace() {
                    i += 1;
                    continue;
                }
                let start = i;
                // A segment ends at two spaces (or a tab, or an ideographic space).
                while i < chars.len()
                    && !(chars[i] == '\t'
                        || chars[i] == '\u{3000}'
                        || (chars[i] == ' ' && chars.get(i + 1).is_some_and(|c| *c == ' ')))
                {
                    i += 1;
                }
                let text: String = chars[start..i]
                    .iter()
                    .collect::<String>()
                    .trim()
                    .to_string();
                let numeric = text.split_whitespace().all(is_value_token);
                segs.push(Seg {
                    x: start,
                    heading: !numeric && headings.is_heading(&text),
                    text,
                    numeric,
                });
            }
        }
        // A text segment whose tail is values (`3.其他 108 2 0`, raw text) splits there.
        if let Some(last) = segs.iter().rposition(|s| !s.numeric) {
            let tokens: Vec<&str> = segs[last].text.split_whitespace().collect();
            let tail = tokens
                .iter()
                .rev()
                .take_while(|t| is_value_token(t))
                .count();
            if tail > 0 && tail < tokens.len() {
                let head = tokens[..tokens.len() - tail].join(" ");
                let values = tokens[tokens.len() - tail..].join(" ");
                let x = segs[last].x;
                segs[last].text = head;
                segs.insert(
                    last + 1,
                    Seg {
                        x: x + 1,
                        text: values,
                        numeric: true,
                        heading: false,
                    },
                );
            }
        }
        let values = segs.iter().rev().take_while(|s| s.numeric).count();
        Line { raw, segs, values }
    }

    fn is_blank(&self) -> bool {
        self.segs.is_empty()
    }

    fn values_only(&self) -> bool {
        !self.segs.is_empty() && self.values == self.segs.len()
    }

    /// The text segment nearest the values: the row's label (its last line, if broken).
    fn label(&self) -> Option<&Seg> {
        self.segs[..self.segs.len() - self.values].last()
    }

    fn value_text(&self) -> String {
        let segs = &self.segs[self.segs.len() - self.values..];
        segs.iter()
            .map(|s| s.text.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// A line that starts a row label and holds no values: the first line of a broken label.
    fn opens_label(&self) -> bool {
        self.values == 0 && self.label().is_some_and(starts_row)
    }

    /// The text segment that starts in column `x` (within two columns), if any.
    fn at(&self, x: usize) -> Option<&Seg> {
        self.segs[..self.segs.len() - self.values]
            .iter()
            .find(|s| s.x.abs_diff(x) <= 2)
    }
}

/// A number, a null token or a percentage: what a value cell prints.
fn is_value_token(t: &str) -> bool {
    if is_null_token(t) {
        return true;
    }
    let mut digits = false;
    for c in t.chars().map(ascii_fold) {
        match c {
            '0'..='9' => digits = true,
            ',' | '.' | '%' | '+' | '-' => {}
            _ => return false,
        }
    }
    digits
}

/// Whether a segment starts a row label: an ordinal (`（二）`, `5.`, `1、`, `三、`) and label
/// words, not a sentence or a section heading.
fn starts_row(seg: &Seg) -> bool {
    let text = seg.text.as_str();
    let chars: Vec<char> = text.chars().take(8).collect();
    let ordinal = match chars.first() {
        Some('（' | '(') => {
            let close = chars.iter().position(|c| matches!(c, '）' | ')'));
            close.is_some_and(|k| k > 1 && chars[1..k].iter().all(|c| is_cn_digit(*c)))
        }
        Some(c) if c.is_ascii_digit() => {
            let k = chars.iter().take_while(|c| c.is_ascii_digit()).count();
            k <= 2 && matches!(chars.get(k), Some('.' | '、' | '．'))
        }
        Some(c) if is_cn_digit(*c) => {
            let k = chars.iter().take_while(|c| is_cn_digit(**c)).count();
            matches!(chars.get(k), Some('、'))
        }
        _ => false,
    };
    ordinal && !text.contains('。') && !seg.heading
}

fn is_cn_digit(c: char) -> bool {
    "一二三四五六七八九十".contains(c)
}

/// A page number printed in a margin; a bare number (`4`, `4/9`) only as a page's last line.
fn is_page_number(t: &str, by_page_break: bool) -> bool {
    let t = t.trim();
    let digits = |s: &str| !s.is_empty() && s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit());
    let dashes: &[char] = &['-', '－', '—', '–'];
    if let Some(inner) = t.strip_prefix(dashes).and_then(|r| r.strip_suffix(dashes)) {
        return digits(inner.trim());
    }
    if let Some(rest) = t.strip_prefix('第') {
        let (n, tail) = rest.split_once('页').unwrap_or((rest, "?"));
        let tail = tail.trim().trim_start_matches([',', '，', '/']).trim();
        let total_ok = tail.is_empty()
            || tail
                .strip_prefix('共')
                .and_then(|r| r.strip_suffix('页'))
                .is_some_and(|m| digits(m.trim()));
        return digits(n.trim()) && total_ok;
    }
    if by_page_break {
        let (a, b) = t.split_once('/').unwrap_or((t, "0"));
        return digits(a.trim()) && digits(b.trim());
    }
    false
}

/// Drops form-feed page furniture: page numbers, and headers or footers that repeat at page
/// breaks. Lines keep their form feeds (removed when parsed).
fn drop_furniture<'a>(lines: &[&'a str]) -> Vec<&'a str> {
    // Lines next to a page break: the last non-blank line before a form feed (a footer), the
    // first after it (a header).
    let mut footer = vec![false; lines.len()];
    let mut header = vec![false; lines.len()];
    for (i, l) in lines.iter().enumerate() {
        let Some(ff) = l.find('\x0c') else {
            continue;
        };
        if !l[..ff].trim().is_empty() {
            footer[i] = true;
        } else if let Some(j) = (0..i).rev().take(4).find(|&j| !lines[j].trim().is_empty()) {
            footer[j] = true;
        }
        if !l[ff..].trim_start_matches('\x0c').trim().is_empty() {
            header[i] = true;
        } else if let Some(j) = (i + 1..lines.len())
            .take(4)
            .find(|&j| !lines[j].trim().is_empty())
        {
            header[j] = true;
        }
    }
    let key = |l: &str| l.replace('\x0c', "").trim().to_string();
    // Running headers and footers: printed next to at least two page breaks.
    let mut counts: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for (i, l) in lines.iter().enumerate() {
        if footer[i] || header[i] {
            let k = key(l);
            if !k.is_empty() && k.chars().count() <= 60 {
                *counts.entry(k).or_default() += 1;
            }
        }
    }
    lines
        .iter()
        .enumerate()
        .filter(|&(i, l)| {
            let k = key(l);
            let furniture = is_page_number(&k, footer[i])
                || ((footer[i] || header[i]) && counts.get(&k).is_some_and(|&n| n >= 2));
            !furniture || k.is_empty()
        })
        .map(|(_, l)| *l)
        .collect()
}

/// How many lines back a values line looks for the label it closes.
const LOOK_BACK: usize = 12;
/// Continuation lines of a label, at most.
const MAX_CONTINUATIONS: usize = 5;

/// Moves a values-only line that no open label precedes after the label that follows it.
fn values_after_labels(lines: Vec<Line>) -> Vec<Line> {
    let mut out: Vec<Line> = Vec::with_capacity(lines.len());
    let mut i = 0;
    while i < lines.len() {
        let line = &lines[i];
        if line.values_only() && !label_open_before(&out) {
            // The label after: its first line, then lines continuing it.
            let mut j = i + 1;
            while j < lines.len() && lines[j].is_blank() {
                j += 1;
            }
            if j < lines.len() && lines[j].opens_label() && lines[j].segs.len() == 1 {
                let mut end = j + 1;
                while end < lines.len()
                    && end - j <= MAX_CONTINUATIONS
                    && continues(&lines[end], lines[j].segs[0].x)
                {
                    end += 1;
                }
                out.extend(lines[j..end].iter().cloned());
                out.push(line.clone());
                i = end;
                continue;
            }
        }
        out.push(line.clone());
        i += 1;
    }
    out
}

/// A text-only line continuing a label that starts in column `x`.
fn continues(line: &Line, x: usize) -> bool {
    line.values == 0
        && line.segs.len() == 1
        && line.segs[0].x.abs_diff(x) <= 2
        && !starts_row(&line.segs[0])
        && !line.segs[0].heading
        && !line.segs[0].text.contains('。')
}

/// Whether the lines before (already in order) end in a label still waiting for its values.
fn label_open_before(out: &[Line]) -> bool {
    for line in out.iter().rev().filter(|l| !l.is_blank()).take(LOOK_BACK) {
        if line.values > 0 {
            return false;
        }
        let Some(label) = line.label() else {
            return false;
        };
        if label.heading {
            return false;
        }
        if line.opens_label() {
            return true;
        }
    }
    false
}

/// Joins each broken label with its lines and values: `label lines… values`, other columns'
/// text after it on its own lines.
fn join_labels(lines: &[Line]) -> Vec<String> {
    let mut out = Vec::with_capacity(lines.len());
    let mut i = 0;
    while i < lines.len() {
        let line = &lines[i];
        if !line.opens_label() {
            out.push(line.raw.clone());
            i += 1;
            continue;
        }
        match gather(lines, i) {
            Some((joined, side, next)) => {
                out.push(joined);
                out.extend(side);
                i = next;
            }
            None => {
                out.push(line.raw.clone());
                i += 1;
            }
        }
    }
    out
}

/// The row a broken label starting at line `start` makes: its text and values on one line, the
/// text of other columns met on the way, and the index of the line after it. `None` when no
/// values belong to it.
fn gather(lines: &[Line], start: usize) -> Option<(String, Vec<String>, usize)> {
    let first = &lines[start];
    let label = first.label()?;
    let x = label.x;
    let mut text = label.text.clone();
    let mut side: Vec<String> = first.segs[..first.segs.len() - 1]
        .iter()
        .map(|s| s.text.clone())
        .collect();
    let mut values: Option<String> = None;
    let mut after_values = 0;
    let mut taken = 0;
    let mut end = start + 1;
    let mut blanks = 0;
    while end < lines.len() && taken < MAX_CONTINUATIONS + 2 {
        let line = &lines[end];
        if line.is_blank() {
            blanks += 1;
            if blanks > 3 {
                break;
            }
            end += 1;
            continue;
        }
        blanks = 0;
        let own = line.at(x);
        if own.is_some_and(|s| starts_row(s) || s.heading || s.text.contains('。')) {
            break;
        }
        if line.values > 0 {
            if values.is_some() {
                break;
            }
            // Values belong to the text nearest them; on a line of their own, to this label.
            let nearest = line.label();
            if !line.values_only() && nearest.is_none_or(|s| s.x.abs_diff(x) > 2) {
                break;
            }
            for s in &line.segs[..line.segs.len() - line.values] {
                if s.x.abs_diff(x) <= 2 {
                    text.push_str(&s.text);
                } else {
                    side.push(s.text.clone());
                }
            }
            values = Some(line.value_text());
        } else {
            if values.is_some() {
                // After the values, only the label's own column continues it.
                if own.is_none() || after_values >= 2 {
                    break;
                }
                after_values += 1;
            }
            for s in &line.segs {
                if s.x.abs_diff(x) <= 2 {
                    text.push_str(&s.text);
                } else {
                    side.push(s.text.clone());
                }
            }
        }
        taken += 1;
        end += 1;
    }
    let values = values?;
    if text.chars().count() > MAX_ROW_CHARS {
        return None;
    }
    Some((format!("{text} {values}"), side, end))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fix(text: &str) -> Vec<String> {
        let lines: Vec<&str> = text.lines().collect();
        repair(&lines, Headings::builtin())
            .unwrap_or_else(|| lines.iter().map(|l| l.to_string()).collect())
    }

    #[test]
    fn layout_labels_come_together_with_their_values() {
        let text = "      （二）部分公开（区分处理的，只计这一情
                                447         7        0        0        0    0   454
      形，不计其他情形）


             1.属于国家秘密            2          0        0        0        0    0    2
三、

本            2.其他法律行政法规禁止公开     30          1        0        0        0    0    31
               1、申请人无正当理由逾期不补

               正、行政机关不再处理其政府信           67        3        0         0        1         0    71
               息公开申请

     （六）其
               2、申请人逾期未按收费通知要
     他处理
               求缴纳费用、行政机关不再处理           6         0        0         0        0         0    6
               其政府信息公开申请


               3、其他                  108          2        0         0        0         0    110";
        let out = fix(text);
        let rows: Vec<&str> = out
            .iter()
            .map(|l| l.trim())
            .filter(|l| !l.is_empty())
            .collect();
        assert_eq!(
            rows,
            vec![
                "（二）部分公开（区分处理的，只计这一情形，不计其他情形） 447 7 0 0 0 0 454",
                "1.属于国家秘密            2          0        0        0        0    0    2",
                "三、",
                "本            2.其他法律行政法规禁止公开     30          1        0        0        0    0    31",
                "1、申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请 67 3 0 0 1 0 71",
                "（六）其",
                "2、申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请 6 0 0 0 0 0 6",
                "他处理",
                "3、其他                  108          2        0         0        0         0    110",
            ]
        );
    }

    #[test]
    fn raw_labels_and_values_before_labels() {
        let text = "总计\n3001 53 0 0 61 4 3119\n一、本年新收政府信息公开申请数量\n二、上年结转政府信息公开申请数量 34 0 0 0 0 0 34\n5.要求行政机关确认或重新出\n具已获取信息\n1 0 0 0 0 0 1\n6 0 0 0 0 0 6\n2、申请人逾期未按收费通知要\n求缴纳费用\n3、其他 108 2 0 0 0 0 110";
        assert_eq!(
            fix(text),
            vec![
                "总计",
                "一、本年新收政府信息公开申请数量 3001 53 0 0 61 4 3119",
                "二、上年结转政府信息公开申请数量 34 0 0 0 0 0 34",
                "5.要求行政机关确认或重新出具已获取信息 1 0 0 0 0 0 1",
                "2、申请人逾期未按收费通知要求缴纳费用 6 0 0 0 0 0 6",
                "3、其他 108 2 0 0 0 0 110",
            ]
        );
    }

    #[test]
    fn page_furniture_goes_prose_and_headings_stay() {
        let text = "报告标题\n（一）予以公开 1 2\n5.要求行政机关确认或重新出\n- 5 -\n\x0c报告标题\n具已获取信息 1 0\n第 6 页 共 9 页\n\x0c报告标题\n7\n四、政府信息公开行政复议、行政诉讼情况\n行政复议\n1 2 3\n（一）主动公开情况。全年公开 5500";
        assert_eq!(
            fix(text),
            vec![
                "报告标题",
                "（一）予以公开 1 2",
                "5.要求行政机关确认或重新出具已获取信息 1 0",
                "7",
                "四、政府信息公开行政复议、行政诉讼情况",
                "行政复议",
                "1 2 3",
                "（一）主动公开情况。全年公开 5500",
            ]
        );
        assert!(repair(
            &["规章 1 2 3", "一、总体情况", "本年 2024"],
            Headings::builtin()
        )
        .is_none());
    }
}

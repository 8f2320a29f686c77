/*!
Reads the value cells that follow a row label: cells separated by the layout (`CELL_SEP`), numbers
separated by spaces, and digit runs glued together. The result is a list of pieces cut at every
boundary the source shows; a piece may still hold several glued cells, which the solver splits.
*/

use crate::layout::CELL_SEP;
use crate::normalize::{ascii_fold, is_null_token};

/// One piece of a row's values, as printed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece {
    pub raw: String,
    pub kind: PieceKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PieceKind {
    /// Digits with optional sign, separators, decimal part and unit; may be several glued cells.
    Number,
    /// A null token (`/`, `-`, `—`, `无`…).
    Null,
    /// An empty table cell.
    Blank,
    /// A table cell holding text that is neither a number nor a null token.
    Text,
    /// A table cell holding several values (`1 234`, `8<br>21`, `821/`): the cell is damaged, and
    /// since its boundaries are printed, its digits are never split or joined.
    Odd,
}

/// The pieces after a label, and whether they came from separate table cells.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RowValues {
    pub pieces: Vec<Piece>,
    /// True when the values were in table cells of their own (HTML, pipe text, TSV).
    pub in_cells: bool,
    /// Bytes of the region consumed.
    pub consumed: usize,
    /// The character where reading stopped on the label's own line, if text followed the values.
    pub stopped_at: Option<char>,
}

/// The line whose values `read_values` reads: the label's own, or the next one when the label
/// ends its line (PDF text). A `(start, end)` byte range of `region`.
fn value_line(region: &str) -> (usize, usize) {
    let line_end = memchr::memchr(b'\n', region.as_bytes()).unwrap_or(region.len());
    if region[..line_end].trim().is_empty() && line_end < region.len() {
        let rest = &region.as_bytes()[line_end + 1..];
        let next_end = memchr::memchr(b'\n', rest).unwrap_or(rest.len());
        (line_end + 1, line_end + 1 + next_end)
    } else {
        (0, line_end)
    }
}

/// How much of `region` `read_values` depends on: cut anywhere at or after this, the region
/// reads the same.
pub fn read_extent(region: &str) -> usize {
    value_line(region).1
}

/// Reads values from `region`, which starts right after a label and ends before the next label.
pub fn read_values(region: &str) -> RowValues {
    let (start, end) = value_line(region);
    let line = &region[start..end];
    let mut fields = line.split(CELL_SEP);
    let head = fields.next().unwrap_or("");
    let mut out = RowValues::default();
    let head_stopped = tokenize_inline(head, &mut out.pieces);
    let mut consumed = start + head.len();
    if let Some(stop) = head_stopped {
        out.consumed = start + stop;
        out.stopped_at = head[stop..].chars().next();
        return out;
    }
    for field in fields {
        out.in_cells = true;
        consumed += CELL_SEP.len_utf8() + field.len();
        let text = field.trim_matches(|c: char| c.is_whitespace() || c == '\u{a0}');
        if text.is_empty() {
            out.pieces.push(Piece {
                raw: String::new(),
                kind: PieceKind::Blank,
            });
            continue;
        }
        let mut inner = Vec::new();
        if tokenize_inline(text, &mut inner).is_some() {
            out.pieces.push(Piece {
                raw: text.to_string(),
                kind: PieceKind::Text,
            });
        } else if inner.len() > 1 {
            out.pieces.push(Piece {
                raw: text.to_string(),
                kind: PieceKind::Odd,
            });
        } else {
            out.pieces.extend(inner);
        }
    }
    out.consumed = consumed;
    out
}

/// Splits unseparated text into number and null pieces. Returns the byte offset where text that
/// is not a value starts, if any.
fn tokenize_inline(text: &str, out: &mut Vec<Piece>) -> Option<usize> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (pos, raw_ch) = chars[i];
        let ch = ascii_fold(raw_ch);
        if ch.is_whitespace() || ch == '\u{a0}' || ch == '\u{3000}' {
            i += 1;
            continue;
        }
        let next = chars.get(i + 1).map(|&(_, c)| ascii_fold(c));
        let starts_number = ch.is_ascii_digit()
            || ((ch == '+' || ch == '-') && next.is_some_and(|c| c.is_ascii_digit()));
        if starts_number {
            let end = scan_number(&chars, i);
            let mut stop = end;
            // `…00000002.其他法律…`: digits then an ordinal mark then words — the last digit is the
            // ordinal of a label that was not recognized, not part of the value.
            let ordinal_follows = chars
                .get(end)
                .is_some_and(|&(_, c)| matches!(c, '.' | '．' | '、'))
                && chars
                    .get(end + 1)
                    .is_some_and(|&(_, c)| !ascii_fold(c).is_ascii_digit());
            if ordinal_follows {
                stop = end - 1;
            }
            let to = chars.get(stop).map(|&(p, _)| p).unwrap_or(text.len());
            if stop > i && !(stop == i + 1 && matches!(ch, '+' | '-')) {
                out.push(Piece {
                    raw: text[pos..to].to_string(),
                    kind: PieceKind::Number,
                });
            }
            if ordinal_follows {
                return Some(to);
            }
            i = end;
            continue;
        }
        // Null tokens: a run of dash-like marks, a slash, or 无 standing alone.
        let null_end = scan_null(&chars, i);
        if null_end > i {
            let to = chars.get(null_end).map(|&(p, _)| p).unwrap_or(text.len());
            out.push(Piece {
                raw: text[pos..to].to_string(),
                kind: PieceKind::Null,
            });
            i = null_end;
            continue;
        }
        return Some(pos);
    }
    None
}

/// End index (exclusive) of a number starting at `i`: sign, digits with thousands separators,
/// one decimal part, then an optional money or count unit.
fn scan_number(chars: &[(usize, char)], start: usize) -> usize {
    let c = |k: usize| chars.get(k).map(|&(_, ch)| ascii_fold(ch));
    let mut i = start;
    if matches!(c(i), Some('+') | Some('-')) {
        i += 1;
    }
    while let Some(ch) = c(i) {
        let separator = ch == ',' && i > start && c(i + 1).is_some_and(|d| d.is_ascii_digit());
        if !(ch.is_ascii_digit() || separator) {
            break;
        }
        i += 1;
    }
    if c(i) == Some('.') && c(i + 1).is_some_and(|d| d.is_ascii_digit()) {
        i += 1;
        while c(i).is_some_and(|d| d.is_ascii_digit()) {
            i += 1;
        }
    }
    for unit in [&['万', '元'][..], &['亿', '元'], &['元'], &['万'], &['亿']] {
        if unit.iter().enumerate().all(|(k, u)| c(i + k) == Some(*u)) {
            return i + unit.len();
        }
    }
    i
}

fn scan_null(chars: &[(usize, char)], start: usize) -> usize {
    let boundary = |k: usize| {
        chars.get(k).is_none_or(|&(_, ch)| {
            ch.is_whitespace() || ch == CELL_SEP || ascii_fold(ch).is_ascii_digit()
        })
    };
    let mut i = start;
    while let Some(&(_, ch)) = chars.get(i) {
        if matches!(ch, '-' | '—' | '－' | '―' | '─' | '/' | '／') {
            i += 1;
        } else {
            break;
        }
    }
    if i > start {
        let text: String = chars[start..i].iter().map(|&(_, c)| c).collect();
        if is_null_token(&text) || text.chars().all(|c| matches!(c, '—' | '-' | '－')) {
            return i;
        }
        return start;
    }
    if chars.get(start).is_some_and(|&(_, c)| c == '无') && boundary(start + 1) {
        return start + 1;
    }
    start
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raws(v: &RowValues) -> Vec<&str> {
        v.pieces.iter().map(|p| p.raw.as_str()).collect()
    }

    #[test]
    fn glued_runs_and_partial_spaces() {
        let v = read_values("230 000023二、上年结转");
        assert_eq!(raws(&v), ["230", "000023"]);
        assert!(!v.in_cells);
        let v = read_values(" 0 0 00 00 0 四、政府");
        assert_eq!(raws(&v), ["0", "0", "00", "00", "0"]);
    }

    #[test]
    fn signs_cut_pieces_and_units_stay() {
        assert_eq!(raws(&read_values("2648-18538行政强制")), ["2648", "-18538"]);
        assert_eq!(
            raws(&read_values("13575394432.52元三、")),
            ["13575394432.52元"]
        );
        assert_eq!(raws(&read_values("24252.311082三、收到")), ["24252.311082"]);
    }

    #[test]
    fn ordinal_of_an_unknown_label_is_not_a_digit() {
        assert_eq!(raws(&read_values("00000002.其它法律")), ["0000000"]);
        assert!(read_values("1.申请人无正当理由").pieces.is_empty());
    }

    #[test]
    fn cells_keep_blanks_and_stop_at_line_end() {
        let v = read_values(
            "\u{1f}821\u{1f}35\u{1f}\u{1f} \u{1f}2\u{1f}1\u{1f}859\n\u{1f}（三）不予公开",
        );
        assert_eq!(raws(&v), ["821", "35", "", "", "2", "1", "859"]);
        assert!(v.in_cells);
        assert_eq!(v.pieces[2].kind, PieceKind::Blank);
    }

    #[test]
    fn null_tokens_and_text_cells() {
        let v = read_values("\u{1f}/\u{1f}-\u{1f}—\u{1f}无\u{1f}不详");
        let kinds: Vec<PieceKind> = v.pieces.iter().map(|p| p.kind).collect();
        assert_eq!(
            kinds,
            [
                PieceKind::Null,
                PieceKind::Null,
                PieceKind::Null,
                PieceKind::Null,
                PieceKind::Text
            ]
        );
    }

    #[test]
    fn values_on_the_next_line() {
        let v = read_values("\n3001 53 0 0 61 4 3119\n二、");
        assert_eq!(raws(&v), ["3001", "53", "0", "0", "61", "4", "3119"]);
    }
}

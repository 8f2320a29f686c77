/*!
Every way to split glued digit pieces into a row's cells. A piece is text between hard
boundaries (spaces, cell separators, a sign); it holds one or more whole cells. The rules are
those of printed numbers: `0` is a cell but `07` is not; counts have no decimal point; a signed
change carries its sign only at the start of a piece; money may have one decimal point and a
unit (元, 万元, 亿元) at the end of its piece, converted to 万元.
*/

use crate::normalize::{ascii_fold, shift_decimal};

/// What a cell may hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CellKind {
    Count,
    Signed,
    Money,
}

/// One cell's value from a split: the normalized decimal string, and the integer when it is one.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Value {
    pub text: String,
    pub int: Option<i64>,
    /// The digits as printed (with sign and unit).
    pub raw: String,
}

/// Why a row could not be enumerated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SplitError {
    /// More candidate splits than the bound: the run is too long to decide.
    TooMany,
    /// A piece holds characters that no number has.
    NotNumeric,
}

/// Longest cell considered, in digits: no count in these tables has more than 12.
const MAX_CELL_DIGITS: usize = 13;

struct Piece {
    chars: Vec<char>,
    sign: Option<char>,
    /// Unit at the end of the piece, applied to its last cell.
    unit: Option<&'static str>,
}

fn parse_piece(raw: &str) -> Result<Piece, SplitError> {
    let mut chars: Vec<char> = raw
        .chars()
        .map(ascii_fold)
        .filter(|c| !c.is_whitespace())
        .collect();
    let mut unit = None;
    for (u, text) in [
        ("万元", "万元"),
        ("亿元", "亿元"),
        ("元", "元"),
        ("万", "万元"),
        ("亿", "亿元"),
    ] {
        let uc: Vec<char> = u.chars().collect();
        if chars.ends_with(&uc) {
            chars.truncate(chars.len() - uc.len());
            unit = Some(text);
            break;
        }
    }
    let sign = match chars.first() {
        Some('+') | Some('-') => Some(chars.remove(0)),
        _ => None,
    };
    if chars.is_empty() || !chars.iter().all(|c| c.is_ascii_digit() || *c == '.') {
        return Err(SplitError::NotNumeric);
    }
    Ok(Piece { chars, sign, unit })
}

/// The value of `digits` as a cell of `kind`, or `None` if a report could not print it so.
fn cell_value(
    digits: &[char],
    kind: CellKind,
    sign: Option<char>,
    unit: Option<&str>,
) -> Option<Value> {
    let text: String = digits.iter().collect();
    let (int_part, frac) = match text.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (text.as_str(), None),
    };
    if int_part.is_empty()
        || int_part.len() > MAX_CELL_DIGITS
        || (int_part.len() > 1 && int_part.starts_with('0'))
    {
        return None;
    }
    if let Some(f) = frac {
        if kind != CellKind::Money || f.is_empty() || f.contains('.') {
            return None;
        }
    }
    if sign.is_some() && kind != CellKind::Signed {
        return None;
    }
    if unit.is_some() && kind != CellKind::Money {
        return None;
    }
    let shift = match unit {
        Some("元") => -4,
        Some("亿元") => 4,
        _ => 0,
    };
    let magnitude = shift_decimal(int_part, frac.unwrap_or(""), shift);
    let negative = sign == Some('-') && magnitude != "0";
    let text = if negative {
        format!("-{magnitude}")
    } else {
        magnitude
    };
    let int = if frac.is_none() && unit.is_none() {
        text.parse::<i64>().ok()
    } else {
        None
    };
    let mut raw = String::new();
    if let Some(s) = sign {
        raw.push(s);
    }
    raw.push_str(&digits.iter().collect::<String>());
    if let Some(u) = unit {
        raw.push_str(u);
    }
    Some(Value { text, int, raw })
}

/// All splits of `pieces` into `kinds.len()` cells, in a stable order; at most `cap`.
pub fn split_row(
    pieces: &[&str],
    kinds: &[CellKind],
    cap: usize,
) -> Result<Vec<Vec<Value>>, SplitError> {
    let parsed: Vec<Piece> = pieces
        .iter()
        .map(|p| parse_piece(p))
        .collect::<Result<_, _>>()?;
    let total_chars: usize = parsed.iter().map(|p| p.chars.len()).sum();
    let longest = kinds.len() * (MAX_CELL_DIGITS + 8);
    if parsed.len() > kinds.len() || total_chars < kinds.len() || total_chars > longest {
        return Ok(Vec::new());
    }
    let mut out = Vec::new();
    let mut current = Vec::with_capacity(kinds.len());
    let mut budget = cap.saturating_mul(64).max(10_000);
    walk(
        &parsed,
        kinds,
        0,
        0,
        &mut current,
        &mut out,
        cap,
        &mut budget,
    )?;
    Ok(out)
}

#[allow(clippy::too_many_arguments)]
fn walk(
    pieces: &[Piece],
    kinds: &[CellKind],
    piece: usize,
    offset: usize,
    current: &mut Vec<Value>,
    out: &mut Vec<Vec<Value>>,
    cap: usize,
    budget: &mut usize,
) -> Result<(), SplitError> {
    if *budget == 0 {
        return Err(SplitError::TooMany);
    }
    *budget -= 1;
    let cell = current.len();
    if piece == pieces.len() {
        if cell == kinds.len() {
            if out.len() >= cap {
                return Err(SplitError::TooMany);
            }
            out.push(current.clone());
        }
        return Ok(());
    }
    if cell == kinds.len() {
        return Ok(());
    }
    let p = &pieces[piece];
    let remaining_chars = p.chars.len() - offset;
    // Cells still needed by later pieces: at least one each.
    let later_pieces = pieces.len() - piece - 1;
    let cells_left = kinds.len() - cell;
    if cells_left < later_pieces + 1 {
        return Ok(());
    }
    let max_len = remaining_chars.min(MAX_CELL_DIGITS + 8);
    for len in 1..=max_len {
        let end = offset + len;
        let last_in_piece = end == p.chars.len();
        // If this piece ends here, later pieces need ≥1 cell each; if not, this piece needs
        // more cells, which must leave room for later pieces.
        if !last_in_piece && cells_left < later_pieces + 2 {
            continue;
        }
        let sign = if offset == 0 { p.sign } else { None };
        let unit = if last_in_piece { p.unit } else { None };
        let Some(v) = cell_value(&p.chars[offset..end], kinds[cell], sign, unit) else {
            continue;
        };
        current.push(v);
        if last_in_piece {
            walk(pieces, kinds, piece + 1, 0, current, out, cap, budget)?;
        } else {
            walk(pieces, kinds, piece, end, current, out, cap, budget)?;
        }
        current.pop();
    }
    Ok(())
}

/// The raw text of a piece list, for messages.
pub fn joined(pieces: &[&str]) -> String {
    pieces.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(splits: &[Vec<Value>]) -> Vec<Vec<String>> {
        splits
            .iter()
            .map(|s| s.iter().map(|v| v.text.clone()).collect())
            .collect()
    }

    #[test]
    fn zeros_are_single_cells() {
        let s = split_row(&["000"], &[CellKind::Count; 3], 1000).expect("split");
        assert_eq!(texts(&s), vec![vec!["0", "0", "0"]]);
        let s = split_row(&["0000000"], &[CellKind::Count; 7], 1000).expect("split");
        assert_eq!(s.len(), 1);
    }

    #[test]
    fn leading_zeros_are_not_numbers() {
        let s = split_row(&["07"], &[CellKind::Count; 1], 1000).expect("split");
        assert!(s.is_empty());
        let s = split_row(
            &["3960181"],
            &[CellKind::Count, CellKind::Signed, CellKind::Count],
            1000,
        )
        .expect("split");
        assert!(texts(&s).contains(&vec!["396".into(), "0".into(), "181".into()]));
        assert!(!texts(&s)
            .iter()
            .any(|c| c.iter().any(|v| v.len() > 1 && v.starts_with('0'))));
    }

    #[test]
    fn hard_boundaries_and_signs() {
        let s = split_row(
            &["2648", "-18538"],
            &[CellKind::Count, CellKind::Signed, CellKind::Count],
            1000,
        )
        .expect("split");
        assert!(s
            .iter()
            .all(|c| c[0].text == "2648" && c[1].text.starts_with('-')));
        assert_eq!(s.len(), 4);
        let s = split_row(&["230", "000023"], &[CellKind::Count; 7], 1000).expect("split");
        assert!(texts(&s).contains(&vec![
            "23".into(),
            "0".into(),
            "0".into(),
            "0".into(),
            "0".into(),
            "0".into(),
            "23".into()
        ]));
    }

    #[test]
    fn money_units_convert_and_counts_have_no_decimals() {
        let s = split_row(
            &["13575394432.52元"],
            &[CellKind::Count, CellKind::Money],
            1000,
        )
        .expect("split");
        assert!(texts(&s).contains(&vec!["135".into(), "7539.443252".into()]));
        assert!(s.len() > 1, "ambiguous by design");
        let s = split_row(&["24252.311082"], &[CellKind::Money], 10).expect("split");
        assert_eq!(texts(&s), vec![vec!["24252.311082"]]);
        let s = split_row(&["1.5"], &[CellKind::Count], 10).expect("split");
        assert!(s.is_empty());
    }

    #[test]
    fn bounded() {
        let long = "1".repeat(60);
        assert_eq!(
            split_row(&[&long], &[CellKind::Count; 7], 1000),
            Err(SplitError::TooMany)
        );
        let huge = "9".repeat(10_000);
        assert_eq!(
            split_row(&[&huge], &[CellKind::Count; 7], 1000),
            Ok(Vec::new())
        );
        assert_eq!(
            split_row(&["12a"], &[CellKind::Count; 2], 10),
            Err(SplitError::NotNumeric)
        );
        assert!(split_row(&[], &[CellKind::Count; 2], 10)
            .expect("ok")
            .is_empty());
    }
}

/*!
Every way to split glued digit pieces into a row's cells. A piece is text between hard
boundaries (spaces, cell separators, a sign); it holds one or more whole cells. The rules are
those of printed numbers: `0` is a cell but `07` is not; counts have no decimal point; a signed
change carries its sign only at the start of a piece; money may have one decimal point and a
unit (元, 万元, 亿元) at the end of its piece, converted to 万元.
*/

use crate::normalize::{ascii_fold, money_shift, shift_decimal, MONEY_UNITS};

/// What a cell may hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CellKind {
    /// A non-negative integer.
    Count,
    /// An integer that may be negative.
    Signed,
    /// An amount with decimals.
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

/// Nodes of one row's enumeration; past it the row is `TooMany` (unresolved). With the table
/// budget of the solver, keeps a 25-row table within a few milliseconds even when every row is a
/// long run of large numbers (measured: about 30 ns a node).
pub const NODE_BUDGET: usize = 60_000;

#[derive(Clone)]
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
    for &(u, text, _) in MONEY_UNITS {
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

/// Whether `digits` can be a cell of `kind`, and its integer value when it is one; no allocation
/// (this runs at every node of the enumeration).
fn check(
    digits: &[char],
    kind: CellKind,
    sign: Option<char>,
    unit: Option<&str>,
) -> Option<Option<i64>> {
    if sign.is_some() && kind != CellKind::Signed || unit.is_some() && kind != CellKind::Money {
        return None;
    }
    let dot = digits.iter().position(|&c| c == '.');
    let int_part = &digits[..dot.unwrap_or(digits.len())];
    if int_part.is_empty()
        || int_part.len() > MAX_CELL_DIGITS
        || (int_part.len() > 1 && int_part[0] == '0')
    {
        return None;
    }
    if let Some(d) = dot {
        let frac = &digits[d + 1..];
        if kind != CellKind::Money || frac.is_empty() || frac.contains(&'.') {
            return None;
        }
        return Some(None);
    }
    if unit.is_some() {
        return Some(None);
    }
    let mut v: i64 = 0;
    for c in int_part {
        v = v * 10 + i64::from(c.to_digit(10)?);
    }
    Some(Some(if sign == Some('-') { -v } else { v }))
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
    let shift = unit.and_then(money_shift).unwrap_or(0);
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

/// A row's own identity `cells[total] = Σ cells[parts]` (I2, I4), used to prune the enumeration:
/// once its parts are placed the total is forced, and a total has at least as many digits as the
/// sum of the parts placed so far.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SumRule {
    pub total: usize,
    pub parts: Vec<usize>,
}

/// All splits of `pieces` into `kinds.len()` cells, in a stable order; at most `cap`.
#[cfg(test)]
fn split_row(
    pieces: &[&str],
    kinds: &[CellKind],
    cap: usize,
) -> Result<Vec<Vec<Value>>, SplitError> {
    split_row_with(pieces, kinds, &[], cap)
}

/// All splits that also satisfy the row's sum rules (rules whose total comes after its parts).
#[cfg(test)]
fn split_row_with(
    pieces: &[&str],
    kinds: &[CellKind],
    rules: &[SumRule],
    cap: usize,
) -> Result<Vec<Vec<Value>>, SplitError> {
    let mut budget = NODE_BUDGET;
    split_row_budget(pieces, kinds, rules, cap, &mut budget)
}

/// As `split_row_with`, spending at most `budget` search nodes (decremented), so that a caller
/// can bound a whole table.
pub fn split_row_budget(
    pieces: &[&str],
    kinds: &[CellKind],
    rules: &[SumRule],
    cap: usize,
    table_budget: &mut usize,
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
    let rules: Vec<&SumRule> = rules
        .iter()
        .filter(|r| r.parts.iter().all(|&p| p < r.total) && r.total < kinds.len())
        .collect();
    let last = kinds.len() - 1;
    let mut budget = NODE_BUDGET.min(*table_budget);
    let before = budget;
    let result = split_inner(&parsed, kinds, &rules, last, cap, &mut budget);
    *table_budget -= before - budget;
    result
}

fn split_inner(
    parsed: &[Piece],
    kinds: &[CellKind],
    rules: &[&SumRule],
    last: usize,
    cap: usize,
    budget: &mut usize,
) -> Result<Vec<Vec<Value>>, SplitError> {
    let mut out = Vec::new();
    // A total printed last (I2's 总计, I4's last group) is read first, from the end of the run:
    // knowing it bounds every part, which prunes the enumeration far more than the print rules.
    let last_rule = rules
        .iter()
        .position(|r| r.total == last && kinds[last] == CellKind::Count);
    match (last_rule, parsed.last()) {
        (Some(ri), Some(tail)) if tail.unit.is_none() => {
            let parts = rules[ri].parts.clone();
            let others: Vec<&SumRule> = rules
                .iter()
                .enumerate()
                .filter(|(i, _)| *i != ri)
                .map(|(_, r)| *r)
                .collect();
            for len in 1..=tail.chars.len().min(MAX_CELL_DIGITS) {
                let start = tail.chars.len() - len;
                let sign = if start == 0 { tail.sign } else { None };
                let Some(Some(total)) = check(&tail.chars[start..], kinds[last], sign, None) else {
                    continue;
                };
                let total_value = cell_value(&tail.chars[start..], kinds[last], sign, None);
                let Some(total_value) = total_value else {
                    continue;
                };
                // The pieces without the total's digits.
                let mut head: Vec<Piece> = parsed[..parsed.len() - 1].to_vec();
                if start > 0 {
                    head.push(Piece {
                        chars: tail.chars[..start].to_vec(),
                        sign: tail.sign,
                        unit: None,
                    });
                }
                let mut found = Vec::new();
                walk_all(
                    &head,
                    &kinds[..last],
                    &others,
                    Some((&parts, total)),
                    &mut found,
                    cap,
                    budget,
                )?;
                for mut f in found {
                    f.push(total_value.clone());
                    if out.len() >= cap {
                        return Err(SplitError::TooMany);
                    }
                    out.push(f);
                }
            }
        }
        _ => walk_all(parsed, kinds, rules, None, &mut out, cap, budget)?,
    }
    Ok(out)
}

fn walk_all(
    pieces: &[Piece],
    kinds: &[CellKind],
    rules: &[&SumRule],
    bound: Option<(&[usize], i64)>,
    out: &mut Vec<Vec<Value>>,
    cap: usize,
    budget: &mut usize,
) -> Result<(), SplitError> {
    if pieces.is_empty() || kinds.is_empty() {
        return Ok(());
    }
    let after: Vec<usize> = (0..pieces.len())
        .map(|i| pieces[i + 1..].iter().map(|p| p.chars.len()).sum())
        .collect();
    let mut current: Vec<Placed> = Vec::with_capacity(kinds.len());
    let mut ctx = Walk {
        pieces,
        kinds,
        rules,
        bound,
        after,
        out,
        cap,
        budget,
    };
    ctx.walk(0, 0, &mut current)
}

/// A cell placed during the walk: where its digits are, and its integer value.
#[derive(Clone, Copy)]
struct Placed {
    piece: usize,
    start: usize,
    end: usize,
    int: Option<i64>,
}

struct Walk<'a> {
    pieces: &'a [Piece],
    kinds: &'a [CellKind],
    rules: &'a [&'a SumRule],
    /// Parts that must sum exactly to a known total (the row's last cell, read first).
    bound: Option<(&'a [usize], i64)>,
    /// Characters in the pieces after each piece.
    after: Vec<usize>,
    out: &'a mut Vec<Vec<Value>>,
    cap: usize,
    budget: &'a mut usize,
}

fn digits(n: i64) -> usize {
    n.unsigned_abs()
        .checked_ilog10()
        .map_or(1, |d| d as usize + 1)
}

impl Walk<'_> {
    /// The value a rule forces on cell `cell`, when all its parts are placed.
    fn forced(&self, cell: usize, current: &[Placed]) -> Option<i64> {
        let rule = self.rules.iter().find(|r| r.total == cell)?;
        let mut sum: i64 = 0;
        for &p in &rule.parts {
            sum = sum.checked_add(current.get(p)?.int?)?;
        }
        Some(sum)
    }

    /// Whether the characters left can still hold the totals of the rules not yet placed.
    fn room_left(&self, current: &[Placed], chars_left: usize) -> bool {
        let cells_left = self.kinds.len() - current.len();
        self.rules
            .iter()
            .filter(|r| r.total >= current.len())
            .all(|r| {
                let placed: i64 = r
                    .parts
                    .iter()
                    .filter_map(|&p| current.get(p).and_then(|v| v.int))
                    .sum();
                chars_left + 1 >= cells_left + digits(placed)
            })
    }

    /// The values of a complete placement.
    fn materialize(&self, current: &[Placed]) -> Option<Vec<Value>> {
        current
            .iter()
            .zip(self.kinds)
            .map(|(c, kind)| {
                let p = &self.pieces[c.piece];
                let sign = if c.start == 0 { p.sign } else { None };
                let unit = if c.end == p.chars.len() { p.unit } else { None };
                cell_value(&p.chars[c.start..c.end], *kind, sign, unit)
            })
            .collect()
    }

    /// Sum of the bound's parts placed so far, and whether all are placed.
    fn bound_sum(&self, current: &[Placed]) -> Option<(i64, bool)> {
        let (parts, _) = self.bound?;
        let mut sum = 0i64;
        let mut all = true;
        for &p in parts {
            match current.get(p) {
                Some(c) => sum += c.int.unwrap_or(0),
                None => all = false,
            }
        }
        Some((sum, all))
    }

    fn walk(
        &mut self,
        piece: usize,
        offset: usize,
        current: &mut Vec<Placed>,
    ) -> Result<(), SplitError> {
        if *self.budget == 0 {
            return Err(SplitError::TooMany);
        }
        *self.budget -= 1;
        let (pieces, kinds) = (self.pieces, self.kinds);
        let cell = current.len();
        if piece == pieces.len() {
            if cell == kinds.len() {
                if let (Some((sum, _)), Some((_, total))) = (self.bound_sum(current), self.bound) {
                    if sum != total {
                        return Ok(());
                    }
                }
                if self.out.len() >= self.cap {
                    return Err(SplitError::TooMany);
                }
                if let Some(values) = self.materialize(current) {
                    self.out.push(values);
                }
            }
            return Ok(());
        }
        if cell == kinds.len() {
            return Ok(());
        }
        let p = &pieces[piece];
        let remaining_chars = p.chars.len() - offset;
        let later_pieces = pieces.len() - piece - 1;
        let later_chars = self.after[piece];
        let cells_left = kinds.len() - cell;
        if cells_left < later_pieces + 1 {
            return Ok(());
        }
        let mut forced = self.forced(cell, current);
        // The last part of a bound total is forced: what the total leaves.
        if let (Some((parts, total)), None) = (self.bound, forced) {
            if parts.iter().max() == Some(&cell) {
                let (sum, _) = self.bound_sum(current).unwrap_or((0, false));
                forced = Some(total - sum);
            }
        }
        let max_len = remaining_chars.min(MAX_CELL_DIGITS + 8);
        for len in 1..=max_len {
            // A forced total has exactly the digits of the sum.
            if forced.is_some_and(|f| f < 0 || len != digits(f)) {
                continue;
            }
            let end = offset + len;
            let last_in_piece = end == p.chars.len();
            // If this piece ends here, later pieces need ≥1 cell each; if not, this piece needs
            // more cells, which must leave room for later pieces.
            if !last_in_piece && cells_left < later_pieces + 2 {
                continue;
            }
            let sign = if offset == 0 { p.sign } else { None };
            let unit = if last_in_piece { p.unit } else { None };
            let Some(int) = check(&p.chars[offset..end], kinds[cell], sign, unit) else {
                continue;
            };
            if forced.is_some() && int != forced {
                continue;
            }
            current.push(Placed {
                piece,
                start: offset,
                end,
                int,
            });
            let chars_left = p.chars.len() - end + later_chars;
            let within_bound = match (self.bound_sum(current), self.bound) {
                (Some((sum, all)), Some((parts, total))) => {
                    // The parts still to place are each at most what the total leaves, so the
                    // characters left cannot exceed their count times that many digits.
                    let left = parts.iter().filter(|&&q| q >= current.len()).count();
                    let room = left * digits(total - sum);
                    let others = kinds.len() - current.len() - left;
                    sum <= total
                        && (!all || sum == total)
                        && (left == 0 || chars_left <= room + others * (MAX_CELL_DIGITS + 8))
                }
                _ => true,
            };
            if within_bound && self.room_left(current, chars_left) {
                if last_in_piece {
                    self.walk(piece + 1, 0, current)?;
                } else {
                    self.walk(piece, end, current)?;
                }
            }
            current.pop();
        }
        Ok(())
    }
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

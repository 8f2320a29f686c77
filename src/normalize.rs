/*!
Cell text to values: full-width digits, thousands separators, signs, null tokens and units in cells
(`251000元`, `5万元`, `0.5亿元`), normalized to plain decimal strings. Money is expressed in 万元.
Arithmetic on money is done on decimal strings, never on floats, so values stay exact.
*/

use crate::template::ValueKind;

/// What one cell's text holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CellValue {
    /// A number, as a plain decimal string (`0`, `120`, `25.1`, `-2`).
    Number(String),
    /// Nothing printed (empty, `&nbsp;`).
    Blank,
    /// A null token (`/`, `-`, `--`, `—`, `－`, `无`).
    Null,
    /// Text that is neither a number nor a null token.
    Text,
}

const NULL_TOKENS: &[&str] = &[
    "/", "／", "-", "--", "---", "—", "——", "－", "－－", "―", "─", "无", "×", "\\",
];

/// Maps full-width digits and punctuation used in numbers to ASCII; everything else unchanged.
pub fn ascii_fold(ch: char) -> char {
    match ch {
        '０'..='９' => char::from(b'0' + (ch as u32 - '０' as u32) as u8),
        '．' => '.',
        '，' => ',',
        '＋' => '+',
        '－' | '−' | '–' => '-',
        _ => ch,
    }
}

/// Whether a null token (after trimming) is the whole text.
pub fn is_null_token(text: &str) -> bool {
    NULL_TOKENS.contains(&text)
}

/// Parses a cell's text as printed into a value of the given kind.
pub fn parse_cell(raw: &str, kind: ValueKind) -> CellValue {
    let text = raw.trim_matches(|c: char| c.is_whitespace() || c == '\u{a0}' || c == '\u{3000}');
    if text.is_empty() {
        return CellValue::Blank;
    }
    if is_null_token(text) {
        return CellValue::Null;
    }
    // A zero printed as a Chinese numeral.
    if text == "〇" || text == "零" {
        return CellValue::Number("0".into());
    }
    match parse_number(text, kind) {
        Some(n) => CellValue::Number(n),
        None => CellValue::Text,
    }
}

/// Money units a cell may print after its number: the unit as printed, its full name (`万` is
/// short for `万元`) and the power of ten that takes it to 万元. Longest first, so that a suffix
/// search finds `万元` before `元`.
pub const MONEY_UNITS: &[(&str, &str, i32)] = &[
    ("万元", "万元", 0),
    ("亿元", "亿元", 4),
    ("元", "元", -4),
    ("万", "万元", 0),
    ("亿", "亿元", 4),
];

/// The power of ten that takes an amount in `unit` (as printed) to 万元.
pub fn money_shift(unit: &str) -> Option<i32> {
    MONEY_UNITS
        .iter()
        .find(|(printed, ..)| *printed == unit)
        .map(|&(.., shift)| shift)
}

/// Units a count cell may carry after its number; they do not change the value.
const COUNT_UNITS: &[&str] = &["件", "个", "项", "条", "次", "人", "宗", "起"];

/// Parses a number with optional sign, thousands separators, decimal part and unit.
fn parse_number(text: &str, kind: ValueKind) -> Option<String> {
    // Most cells are plain digits: their canonical form is the digits without leading zeros.
    if !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()) {
        let digits = text.trim_start_matches('0');
        return Some(if digits.is_empty() { "0" } else { digits }.to_string());
    }
    let folded: String = text
        .chars()
        .map(ascii_fold)
        .filter(|c| !c.is_whitespace())
        .collect();
    let (num, unit) = split_unit(&folded);
    // A unit in brackets (`821（件）`, `3(万元)`) is the same unit.
    let unit = unit
        .strip_prefix(['(', '（'])
        .and_then(|u| u.strip_suffix([')', '）']))
        .unwrap_or(unit);
    let (negative, body) = match num.as_bytes().first()? {
        b'+' => (false, &num[1..]),
        b'-' => (true, &num[1..]),
        _ => (false, num),
    };
    let plain = strip_thousands(body)?;
    let (int_part, frac_part) = match plain.split_once('.') {
        Some((i, f)) => (i, f),
        None => (plain.as_str(), ""),
    };
    if int_part.is_empty() || !int_part.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    if !frac_part.bytes().all(|b| b.is_ascii_digit())
        || (plain.contains('.') && frac_part.is_empty())
    {
        return None;
    }
    let shift: i32 = match (kind, unit) {
        (_, "") => 0,
        (ValueKind::MoneyWan, u) => money_shift(u)?,
        (ValueKind::Count | ValueKind::Signed, u) if COUNT_UNITS.contains(&u) => 0,
        _ => return None,
    };
    let magnitude = shift_decimal(int_part, frac_part, shift);
    if negative && magnitude != "0" {
        Some(format!("-{magnitude}"))
    } else {
        Some(magnitude)
    }
}

/// Splits a trailing unit (`元`, `万元`, `件` …) from a number.
fn split_unit(text: &str) -> (&str, &str) {
    let end = text
        .char_indices()
        .rev()
        .take_while(|(_, c)| !c.is_ascii_digit() && *c != '.')
        .last()
        .map(|(i, _)| i)
        .unwrap_or(text.len());
    (&text[..end], &text[end..])
}

/// Removes thousands separators, accepting them only in their proper places (`1,234,567`).
fn strip_thousands(body: &str) -> Option<String> {
    if !body.contains(',') {
        return Some(body.to_string());
    }
    let (int_part, frac) = match body.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (body, None),
    };
    let groups: Vec<&str> = int_part.split(',').collect();
    // `0,821` is no thousands notation (a decimal comma, or a typo): not 821.
    let first_ok = (1..=3).contains(&groups[0].len()) && !groups[0].starts_with('0');
    let rest_ok = groups[1..].iter().all(|g| g.len() == 3);
    if !first_ok || !rest_ok {
        return None;
    }
    let mut out = groups.concat();
    if let Some(f) = frac {
        out.push('.');
        out.push_str(f);
    }
    Some(out)
}

/// `int_part.frac_part × 10^shift` as a canonical decimal string (no leading zeros, no trailing
/// fractional zeros).
pub fn shift_decimal(int_part: &str, frac_part: &str, shift: i32) -> String {
    let digits: String = format!("{int_part}{frac_part}");
    let point = int_part.len() as i64 + shift as i64;
    let (int_digits, frac_digits) = if point <= 0 {
        (
            String::from("0"),
            format!("{}{}", "0".repeat((-point) as usize), digits),
        )
    } else if point as usize >= digits.len() {
        (
            format!("{}{}", digits, "0".repeat(point as usize - digits.len())),
            String::new(),
        )
    } else {
        (
            digits[..point as usize].to_string(),
            digits[point as usize..].to_string(),
        )
    };
    let int_trim = int_digits.trim_start_matches('0');
    let int_trim = if int_trim.is_empty() { "0" } else { int_trim };
    let frac_trim = frac_digits.trim_end_matches('0');
    if frac_trim.is_empty() {
        int_trim.to_string()
    } else {
        format!("{int_trim}.{frac_trim}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn num(raw: &str, kind: ValueKind) -> CellValue {
        parse_cell(raw, kind)
    }

    #[test]
    fn plain_and_full_width_numbers() {
        assert_eq!(
            num("120", ValueKind::Count),
            CellValue::Number("120".into())
        );
        assert_eq!(
            num("１２０", ValueKind::Count),
            CellValue::Number("120".into())
        );
        assert_eq!(num(" 0 ", ValueKind::Count), CellValue::Number("0".into()));
        assert_eq!(
            num("1,234", ValueKind::Count),
            CellValue::Number("1234".into())
        );
        assert_eq!(
            num("1，234，567", ValueKind::Count),
            CellValue::Number("1234567".into())
        );
        assert_eq!(num("12,34", ValueKind::Count), CellValue::Text);
    }

    #[test]
    fn signs_and_units() {
        assert_eq!(
            num("+1036", ValueKind::Signed),
            CellValue::Number("1036".into())
        );
        assert_eq!(
            num("-18", ValueKind::Signed),
            CellValue::Number("-18".into())
        );
        assert_eq!(
            num("－2", ValueKind::Signed),
            CellValue::Number("-2".into())
        );
        assert_eq!(num("-0", ValueKind::Signed), CellValue::Number("0".into()));
        assert_eq!(num("5件", ValueKind::Count), CellValue::Number("5".into()));
        for raw in ["821（件）", "821(件)", "821 （件）"] {
            assert_eq!(num(raw, ValueKind::Count), CellValue::Number("821".into()));
        }
        assert_eq!(num("821（", ValueKind::Count), CellValue::Text);
    }

    #[test]
    fn money_is_expressed_in_wan() {
        assert_eq!(
            num("251000元", ValueKind::MoneyWan),
            CellValue::Number("25.1".into())
        );
        assert_eq!(
            num("75394432.52元", ValueKind::MoneyWan),
            CellValue::Number("7539.443252".into())
        );
        assert_eq!(
            num("5万元", ValueKind::MoneyWan),
            CellValue::Number("5".into())
        );
        assert_eq!(
            num("0.5亿元", ValueKind::MoneyWan),
            CellValue::Number("5000".into())
        );
        assert_eq!(
            num("24252.311082", ValueKind::MoneyWan),
            CellValue::Number("24252.311082".into())
        );
        assert_eq!(
            num("9116.360", ValueKind::MoneyWan),
            CellValue::Number("9116.36".into())
        );
        assert_eq!(
            num("3元", ValueKind::MoneyWan),
            CellValue::Number("0.0003".into())
        );
        assert_eq!(num("5元", ValueKind::Count), CellValue::Text);
    }

    #[test]
    fn nulls_blanks_and_text() {
        for t in ["/", "-", "--", "—", "－", "无"] {
            assert_eq!(num(t, ValueKind::Count), CellValue::Null, "{t}");
        }
        assert_eq!(num("", ValueKind::Count), CellValue::Blank);
        assert_eq!(num("\u{a0}", ValueKind::Count), CellValue::Blank);
        assert_eq!(num("不详", ValueKind::Count), CellValue::Text);
        assert_eq!(num("1.2.3", ValueKind::Count), CellValue::Text);
        assert_eq!(num("12.", ValueKind::Count), CellValue::Text);
    }
}

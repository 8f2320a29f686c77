/*!
One module per subcommand; `main.rs` only dispatches. Each returns whether every document was
read, or an `Error` that says which exit status it means.
*/

pub mod explain;
pub mod extract;
pub mod merge;
pub mod report;
pub mod schema;
pub mod synth;

use ogi::run::RunError;

/// Why a command stopped. Exit status 2 for `Usage` (nothing was done), 1 for `Failed`.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A mistake in the command, or a request refused before anything was written: a missing
    /// input, an output folder in use by another run, shards that do not make one run.
    #[error("{0}")]
    Usage(String),
    /// The work started and could not be finished.
    #[error("{0}")]
    Failed(String),
}

impl From<RunError> for Error {
    fn from(e: RunError) -> Self {
        match e {
            RunError::Refused(m) => Error::Usage(m),
            RunError::Failed(m) => Error::Failed(m),
            RunError::Closed => Error::Failed(e.to_string()),
        }
    }
}

/// Parses a size: a number of bytes with an optional unit `K`, `M`, `G` or `T` (powers of 1024;
/// `KB`, `KiB` and lower case read the same), e.g. `64M`, `1.5G`, `500000`.
pub fn parse_size(text: &str) -> Result<u64, String> {
    let t = text.trim();
    let split = t
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(t.len());
    let (number, unit) = t.split_at(split);
    let unit = unit.trim().to_ascii_lowercase();
    let shift = match unit.trim_end_matches("ib").trim_end_matches('b') {
        "" => 0,
        "k" => 10,
        "m" => 20,
        "g" => 30,
        "t" => 40,
        _ => {
            return Err(format!(
                "{text:?}: unknown unit (use a number of bytes, or K, M, G, T: 64M)"
            ))
        }
    };
    let bad = || format!("{text:?}: not a size (a number of bytes, or with K, M, G, T: 64M)");
    if number.is_empty() {
        return Err(bad());
    }
    let bytes = match number.split_once('.') {
        None => number
            .parse::<u64>()
            .ok()
            .and_then(|n| n.checked_mul(1u64 << shift)),
        Some(_) => {
            let f: f64 = number.parse().map_err(|_| bad())?;
            let v = f * (1u64 << shift) as f64;
            (v.fract() == 0.0 && v < u64::MAX as f64).then_some(v as u64)
        }
    };
    bytes.ok_or_else(bad)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_accept_units() {
        for (text, want) in [
            ("1000", Some(1000)),
            ("64M", Some(64 << 20)),
            ("64m", Some(64 << 20)),
            ("64MiB", Some(64 << 20)),
            ("64MB", Some(64 << 20)),
            ("2K", Some(2048)),
            ("1.5G", Some(3 << 29)),
            ("1T", Some(1 << 40)),
            (" 8 K ", Some(8192)),
            ("0", Some(0)),
            ("", None),
            ("M", None),
            ("64X", None),
            ("-1", None),
            ("0.3", None),
            ("99999999999999999999", None),
            ("99999999999T", None),
        ] {
            assert_eq!(parse_size(text).ok(), want, "{text:?}");
        }
    }
}

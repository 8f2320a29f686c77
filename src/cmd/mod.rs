/*!
The `ogi` command line: `main` parses the arguments and dispatches to one module per subcommand.
Each returns whether every document was read, or an `Error` that says which exit status it means.
Exit status: 0 when every document was read (whatever its status), 1 when some could not be read
(rows with status `error`) or the run failed partway, 2 for usage errors and refusals, when
nothing was written: bad flags, a missing input, an output folder in use by another run, shards
that do not make one run.
*/

mod explain;
mod extract;
mod merge;
mod report;
mod schema;
#[cfg(feature = "synth")]
mod synth;

use crate::run::RunError;
use clap::{Parser, Subcommand};
use std::process::ExitCode;

#[derive(Debug, Parser)]
#[command(
    name = "ogi",
    version,
    about = "China's government information disclosure annual reports → validated CSV"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Extract the statistical tables of report documents into CSV.
    Extract(extract::ExtractArgs),
    /// Combine the output folders of shards (`extract --shard K/N`) into one.
    Merge(merge::MergeArgs),
    /// Write DIR/report.html: coverage, identity, checks and indicators of an output folder.
    Report(report::ReportArgs),
    /// Print the data dictionary (every key, its templates, labels and unit) as CSV; with
    /// `--checks`, the identity checks I1–I4 and their meaning.
    Schema(schema::SchemaArgs),
    /// Show what ogi reads from documents: layout, cells and how each was read, checks with
    /// their terms, warnings.
    Explain(explain::ExplainArgs),
    /// Generate realistic synthetic reports (for samples, tests and benchmarks).
    #[cfg(feature = "synth")]
    Synth(synth::SynthArgs),
}

/// Runs the command line of the process and says its exit status.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match &cli.command {
        Command::Extract(args) => extract::run(args),
        Command::Merge(args) => merge::run(args),
        Command::Report(args) => report::run(args).map(|()| true).map_err(Error::Failed),
        Command::Schema(args) => schema::run(args).map(|()| true).map_err(Error::Failed),
        Command::Explain(args) => explain::run(args),
        #[cfg(feature = "synth")]
        Command::Synth(args) => synth::run(args).map(|()| true),
    };
    match result {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(e) => {
            eprintln!("ogi: {e}");
            ExitCode::from(match e {
                Error::Usage(_) => 2,
                Error::Failed(_) => 1,
            })
        }
    }
}

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
            RunError::Io { .. } => Error::Failed(e.to_string()),
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

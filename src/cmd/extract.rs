/*!
`ogi extract [INPUT]... [--out DIR|-]`: every document of the inputs into `DIR/reports.csv`,
`cells.csv`, `checks.csv`, `warnings.csv`, `wide.csv`, `manifest.csv` and `datapackage.json`, or
one table to standard output with `--out -`; reruns reuse what is unchanged (see
`crate::run::cache`). Inputs named on the command line must exist: a typo is a usage error, and
nothing is written.
*/

use super::{parse_size, Error};
use crate::run::batch::{self, BatchOptions, Shard};
use crate::run::output::{Style, Table, Target};
use crate::run::source::{check_inputs, discover};
use crate::run::RunError;
use clap::Args;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;
use std::path::PathBuf;

/// What `ogi extract` reads when no input is named.
const DEFAULT_INPUT: &str = "samples/";

#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// Files or directories (walked recursively, in a stable order), WARC and zip archives; `-`
    /// reads one document from standard input. Default: samples/.
    pub inputs: Vec<String>,
    /// Output directory, or `-` to write one table (see --table) to standard output.
    #[arg(long, default_value = "output/")]
    pub out: PathBuf,
    /// The table written to standard output with `--out -`.
    #[arg(long, value_enum)]
    pub table: Option<TableArg>,
    /// Worker threads (default: all cores). Output is identical whatever this is.
    #[arg(long)]
    pub jobs: Option<usize>,
    /// No progress bar and no summary line.
    #[arg(long)]
    pub quiet: bool,
    /// Largest document read, in bytes or with a unit (K, M, G: powers of 1024); larger ones
    /// are refused unread (status `error`, exit status 1).
    #[arg(long, value_name = "SIZE", default_value = "64M", value_parser = parse_size)]
    pub max_bytes: u64,
    /// Most table cells a document may have; pages with more are refused (status `error`) before
    /// their tables are parsed, so that one hostile page cannot exhaust memory.
    #[arg(long, default_value_t = 200_000)]
    pub max_cells: usize,
    /// Most pages a PDF may have; longer ones are refused (status `error`).
    #[arg(long, value_name = "N", default_value_t = 300)]
    pub max_pages: usize,
    /// Most seconds one PDF may take, checked between pages; a slower one is refused (status
    /// `error`).
    #[arg(long, value_name = "S", default_value_t = 60)]
    pub pdf_seconds: u64,
    /// Re-extract every document, reusing nothing from earlier runs in DIR.
    #[arg(long)]
    pub force: bool,
    /// Process only shard K of N (`--shard 0/4`): sources are split by a stable hash of their
    /// name; combine the shard folders with `ogi merge`.
    #[arg(long, value_parser = Shard::parse)]
    pub shard: Option<Shard>,
    /// Format of the long outputs (cells, checks, warnings).
    #[arg(long, value_enum, default_value_t = LongFormat::Csv)]
    pub format: LongFormat,
    /// Start every CSV file with a UTF-8 byte-order mark, so Excel reads Chinese text correctly.
    #[arg(long)]
    pub excel: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum LongFormat {
    Csv,
    Jsonl,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum TableArg {
    Cells,
    Reports,
    Checks,
    Warnings,
    Wide,
}

impl TableArg {
    fn table(self) -> Table {
        match self {
            TableArg::Cells => Table::Cells,
            TableArg::Reports => Table::Reports,
            TableArg::Checks => Table::Checks,
            TableArg::Warnings => Table::Warnings,
            TableArg::Wide => Table::Wide,
        }
    }
}

/// Where the outputs go, or why the arguments cannot work.
fn target(args: &ExtractArgs) -> Result<Target, Error> {
    if args.out.as_os_str() == "-" {
        let table = args.table.unwrap_or(TableArg::Cells).table();
        return Ok(Target::Stdout(table));
    }
    if args.table.is_some() {
        return Err(Error::Usage(
            "--table chooses the table written to standard output: use it with --out -".into(),
        ));
    }
    if args.out.exists() && !args.out.is_dir() {
        return Err(Error::Usage(format!(
            "--out {}: not a folder",
            args.out.display()
        )));
    }
    Ok(Target::Folder(args.out.clone()))
}

/// Runs the extraction; `Ok(true)` when every document could be read.
pub fn run(args: &ExtractArgs) -> Result<bool, Error> {
    let inputs = if args.inputs.is_empty() {
        vec![DEFAULT_INPUT.to_string()]
    } else {
        args.inputs.clone()
    };
    check_inputs(&inputs).map_err(|e| {
        if args.inputs.is_empty() {
            Error::Usage(format!(
                "{e} (the default input; name what to read: ogi extract PATH... --out DIR)"
            ))
        } else {
            Error::Usage(e)
        }
    })?;
    let target = target(args)?;
    let sources = discover(&inputs);
    let jobs = args.jobs.unwrap_or(0);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs)
        .build()
        .map_err(|e| Error::Failed(format!("cannot start {jobs} worker threads: {e}")))?;
    let bar = if args.quiet || !std::io::stderr().is_terminal() {
        ProgressBar::hidden()
    } else {
        let bar = ProgressBar::with_draw_target(
            Some(batch::selected(&sources, args.shard) as u64),
            ProgressDrawTarget::stderr(),
        );
        if let Ok(style) =
            ProgressStyle::with_template("{bar:40} {pos}/{len} documents {per_sec} eta {eta}")
        {
            bar.set_style(style);
        }
        bar
    };
    let opts = BatchOptions {
        max_bytes: args.max_bytes,
        force: args.force,
        shard: args.shard,
        extractor: crate::Extractor::new()
            .max_table_cells(args.max_cells)
            .max_pdf_pages(args.max_pages)
            .pdf_time_budget(std::time::Duration::from_secs(args.pdf_seconds)),
        style: Style {
            jsonl: args.format == LongFormat::Jsonl,
            excel: args.excel,
        },
        ..BatchOptions::default()
    };
    let result = pool.install(|| batch::run_into(&sources, &target, &opts, &|n| bar.inc(n as u64)));
    bar.finish_and_clear();
    let summary = match result {
        // The reader of `--out -` has what it wanted (`| head`): done, as for ripgrep.
        Err(RunError::Closed) => return Ok(true),
        other => other?,
    };
    if !args.quiet {
        eprintln!("ogi: {}", summary.line());
    }
    Ok(summary.unreadable == 0)
}

/*!
`ogi extract [INPUT]... --out DIR [--jobs N] [--quiet]`: every document of the inputs into
`DIR/reports.csv`, `cells.csv`, `checks.csv`, `warnings.csv`, `wide.csv`, `manifest.csv`; reruns
reuse what is unchanged (see `ogi::run::cache`).
*/

use clap::Args;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use ogi::run::batch::{self, BatchOptions, Shard};
use ogi::run::output::Style;
use ogi::run::source::discover;
use std::io::IsTerminal;
use std::path::PathBuf;

#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// Files or directories (walked recursively, in a stable order); `-` reads one document from
    /// standard input.
    #[arg(default_value = "samples/")]
    pub inputs: Vec<String>,
    /// Output directory.
    #[arg(long, default_value = "output/")]
    pub out: PathBuf,
    /// Worker threads (default: all cores). Output is identical whatever this is.
    #[arg(long)]
    pub jobs: Option<usize>,
    /// No progress bar and no summary line.
    #[arg(long)]
    pub quiet: bool,
    /// Largest document read, in bytes; larger ones get status `error` with the reason.
    #[arg(long, default_value_t = 64 * 1024 * 1024)]
    pub max_bytes: u64,
    /// Most table cells a document may have; pages with more are refused (status `error`) before
    /// their tables are parsed, so that one hostile page cannot exhaust memory.
    #[arg(long, default_value_t = 200_000)]
    pub max_cells: usize,
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

/// Runs the extraction; `Ok(true)` when every document could be read.
pub fn run(args: &ExtractArgs) -> Result<bool, String> {
    let sources = discover(&args.inputs);
    let jobs = args.jobs.unwrap_or(0);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs)
        .build()
        .map_err(|e| format!("cannot start {jobs} worker threads: {e}"))?;
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
        limits: ogi::Limits {
            max_table_cells: args.max_cells,
            ..ogi::Limits::default()
        },
        style: Style {
            jsonl: args.format == LongFormat::Jsonl,
            excel: args.excel,
        },
        ..BatchOptions::default()
    };
    let summary =
        pool.install(|| batch::run(&sources, &args.out, &opts, &|n| bar.inc(n as u64)))?;
    bar.finish_and_clear();
    if !args.quiet {
        eprintln!("ogi: {}", summary.line());
    }
    Ok(summary.unreadable == 0)
}

/*!
`ogi merge DIR... --out DIR`: combines shard folders into one, identical to a single run. Shards
that do not make one complete run, a missing folder, or an output folder that is one of the
shards are refused (exit status 2) before anything is written; the exit status is otherwise the
single run's (1 when some documents could not be read).
*/

use super::Error;
use clap::Args;
use std::path::PathBuf;

#[derive(Debug, Args)]
pub struct MergeArgs {
    /// Output folders of `ogi extract --shard K/N`, one per shard.
    #[arg(required = true)]
    pub shards: Vec<PathBuf>,
    /// Folder to write the merged outputs to.
    #[arg(long)]
    pub out: PathBuf,
    /// No summary line.
    #[arg(long)]
    pub quiet: bool,
}

pub fn run(args: &MergeArgs) -> Result<bool, Error> {
    let summary = crate::run::merge::merge(&args.shards, &args.out)?;
    if !args.quiet {
        eprintln!("ogi merge: {}", summary.line());
    }
    // As the single run would: 1 when some documents could not be read.
    Ok(summary.unreadable == 0)
}

/*!
`ogi synth`: writes generated reports (see `crate::synth`).
*/

use clap::Args;
use std::path::PathBuf;

#[derive(Debug, Args)]
pub struct SynthArgs {
    /// Number of documents to write.
    #[arg(long, default_value_t = 100)]
    pub count: usize,
    /// Output directory.
    #[arg(long)]
    pub out: PathBuf,
    /// Seed of the generator: the same seed writes the same bytes.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
}

pub fn run(_args: &SynthArgs) -> Result<(), String> {
    Err("not yet implemented".into())
}

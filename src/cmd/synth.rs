/*!
`ogi synth`: writes generated reports (see `crate::synth`).
*/

use super::Error;
use crate::synth::mutate::Choice;
use crate::synth::{write_corpus, Profile};
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
    /// `samples`: small documents covering every format, encoding and template; `bench`: whole
    /// pages of 60–150 KB in the mix of a harvested corpus; `word`: whole pages of 100–350 KB of
    /// Word-export markup (a style on every cell, spans, MSO comments); `pdf`: PDF reports of ten pages;
    /// `panel`: `--count` agencies, each with a chain of years under varying spellings (truth in
    /// `truth_panel.csv`).
    #[arg(long, value_enum, default_value_t = ProfileArg::Samples)]
    pub profile: ProfileArg,
    /// Mutate the reports: `NAME[,NAME…]` (each where it applies, in order) or `random` (one
    /// drawn per report from those that apply); the mutations are listed in the README.
    /// `truth_mutations.csv` says which each document got; the truth stays the unmutated one's.
    #[arg(long, value_name = "NAMES|random")]
    pub mutate: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ProfileArg {
    Samples,
    Bench,
    Word,
    Pdf,
    Panel,
}

pub fn run(args: &SynthArgs) -> Result<(), Error> {
    let start = std::time::Instant::now();
    let mutate = args
        .mutate
        .as_deref()
        .map(Choice::parse)
        .transpose()
        .map_err(Error::Usage)?;
    let profile = match args.profile {
        ProfileArg::Samples => Profile::Samples,
        ProfileArg::Bench => Profile::Bench,
        ProfileArg::Word => Profile::Word,
        ProfileArg::Pdf => Profile::Pdf,
        ProfileArg::Panel if mutate.is_some() => {
            return Err(Error::Usage(
                "--mutate applies to the report profiles, not to panel".into(),
            ))
        }
        ProfileArg::Panel => {
            let docs = crate::synth::panel::write_panel(&args.out, args.count as u64, args.seed)
                .map_err(Error::Failed)?;
            eprintln!(
                "ogi synth: {docs} documents of {} agencies in {} ({:.2} s)",
                args.count,
                args.out.display(),
                start.elapsed().as_secs_f64()
            );
            return Ok(());
        }
    };
    let bytes = write_corpus(
        &args.out,
        args.count as u64,
        args.seed,
        profile,
        mutate.as_ref(),
    )
    .map_err(Error::Failed)?;
    eprintln!(
        "ogi synth: {} documents, {:.1} MB in {} ({:.2} s)",
        args.count,
        bytes as f64 / 1e6,
        args.out.display(),
        start.elapsed().as_secs_f64()
    );
    Ok(())
}

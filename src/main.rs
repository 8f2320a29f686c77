/*!
The `ogi` command line: parses arguments and dispatches to `cmd::*`.
*/

mod cmd;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

#[derive(Debug, Parser)]
#[command(
    name = "ogi",
    version,
    about = "Government information disclosure annual reports → validated CSV"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Generate realistic synthetic reports (for samples, tests and benchmarks).
    Synth(cmd::synth::SynthArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match &cli.command {
        Command::Synth(args) => cmd::synth::run(args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("ogi: {message}");
            ExitCode::from(1)
        }
    }
}

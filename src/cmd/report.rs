/*!
`ogi report DIR`: writes `DIR/report.html`, the one-page summary of an output folder (see
`crate::report`). `extract` and `merge` write it too; this rewrites it from the folder's files.
*/

use clap::Args;
use std::path::PathBuf;

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// An output folder of `ogi extract` or `ogi merge`.
    pub dir: PathBuf,
}

pub fn run(args: &ReportArgs) -> Result<(), String> {
    // The folder's checks are JSON lines when its run said so (`run.json`), or when that is the
    // only checks file there.
    let marker = std::fs::read_to_string(args.dir.join(crate::run::batch::MARKER)).ok();
    let jsonl = match marker.and_then(|m| serde_json::from_str::<serde_json::Value>(&m).ok()) {
        Some(m) => m
            .get("style")
            .and_then(|s| s.as_str())
            .is_some_and(|s| s.starts_with("jsonl")),
        None => !args.dir.join("checks.csv").exists() && args.dir.join("checks.jsonl").exists(),
    };
    crate::report::write(&args.dir, jsonl).map_err(|e| e.to_string())?;
    eprintln!("ogi: wrote {}", args.dir.join("report.html").display());
    Ok(())
}

//! Golden files: `samples/` is what `ogi synth --count 40 --seed 1` writes (and `samples/panel/`
//! what `ogi synth --profile panel --count 4 --seed 1` writes), and `output/` is what the README's
//! main command writes for it. Set `OGI_BLESS=1` to regenerate both after an
//! intended change; otherwise any difference fails.

mod common;

use common::run_ok;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn bless() -> bool {
    std::env::var_os("OGI_BLESS").is_some()
}

fn files(dir: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("ls")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.is_file())
        .collect();
    out.sort();
    out
}

/// Runs `ogi synth ARGS --out samples/SUB` (into a temporary folder unless blessing) and compares
/// the files with the committed ones.
fn compare_generated(sub: &str, args: &[&str]) {
    let tmp = tempfile::tempdir().expect("tempdir");
    let committed_dir = root().join("samples").join(sub);
    let target = if bless() {
        committed_dir.clone()
    } else {
        tmp.path().join("samples")
    };
    let mut all = vec!["synth"];
    all.extend_from_slice(args);
    all.extend(["--out", target.to_str().expect("utf8")]);
    run_ok(&all);
    if bless() {
        return;
    }
    let committed = files(&committed_dir);
    let fresh = files(&target);
    assert_eq!(
        committed.len(),
        fresh.len(),
        "samples/{sub} has other files than the generator writes"
    );
    for (a, b) in committed.iter().zip(&fresh) {
        assert_eq!(a.file_name(), b.file_name());
        assert!(
            std::fs::read(a).expect("read") == std::fs::read(b).expect("read"),
            "{} differs",
            a.display()
        );
    }
}

#[test]
fn samples_are_what_the_generator_writes() {
    compare_generated("", &["--count", "40", "--seed", "1"]);
    compare_generated(
        "panel",
        &["--profile", "panel", "--count", "4", "--seed", "1"],
    );
}

#[test]
fn output_is_what_the_main_command_writes() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let out = tmp.path().join("output");
    // Run from the project root so that sources read `samples/…` as in the committed output.
    let o = common::ogi()
        .current_dir(root())
        .args([
            "extract",
            "samples/",
            "--out",
            out.to_str().expect("utf8"),
            "--quiet",
        ])
        .output()
        .expect("ogi runs");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    for f in [
        "reports.csv",
        "cells.csv",
        "checks.csv",
        "warnings.csv",
        "wide.csv",
        "datapackage.json",
        "panel.csv",
        "indicators.csv",
        "report.html",
    ] {
        let fresh = std::fs::read(out.join(f)).expect("fresh output");
        let golden = root().join("output").join(f);
        if bless() {
            std::fs::write(&golden, &fresh).expect("bless");
            continue;
        }
        let committed =
            std::fs::read(&golden).unwrap_or_else(|e| panic!("{}: {e}", golden.display()));
        assert!(committed == fresh, "output/{f} differs from what `ogi extract samples/ --out output/` writes (OGI_BLESS=1 to regenerate)");
    }
}

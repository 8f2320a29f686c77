//! Every fuzz target's body (`ogi::internals::fuzzing`, the same functions the cargo-fuzz binaries
//! in `fuzz/` call) run on the stable toolchain over a seeded corpus and deterministic mutations
//! of it: byte flips, cuts, repeats, insertions and splices. No coverage guidance — a smoke run
//! that keeps the targets built and exercised where cargo-fuzz cannot run. `OGI_FUZZ_ITERS` sets
//! the mutations per target (default 150); a failing input is written to the temp dir.

use ogi::internals::fuzzing::TARGETS;
use ogi::internals::Rng;
use std::io::Write;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Files of `dir` whose names end with one of `suffixes`, sorted, at most `max` bytes each.
fn files(dir: &Path, suffixes: &[&str], max: usize) -> Vec<Vec<u8>> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            let name = p.to_string_lossy();
            suffixes.iter().any(|s| name.ends_with(s))
        })
        .collect();
    paths.sort();
    paths
        .iter()
        .filter_map(|p| std::fs::read(p).ok())
        .filter(|b| b.len() <= max)
        .collect()
}

fn zip_of(members: &[(&str, &[u8])]) -> Vec<u8> {
    let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, data) in members {
        z.start_file(*name, zip::write::SimpleFileOptions::default())
            .expect("zip entry");
        z.write_all(data).expect("zip write");
    }
    z.finish().expect("zip").into_inner()
}

/// The seed corpus of a target: the samples of its input kind and its crash regressions.
fn seeds(target: &str) -> Vec<Vec<u8>> {
    let samples = root().join("samples");
    let text = files(&samples, &[".html", ".txt"], 64 << 10);
    let mut out = match target {
        "layout_pdf" => {
            let mut pdfs = files(&samples, &[".pdf"], 1 << 20);
            pdfs.extend(files(&root().join("tests/fixtures"), &[".pdf"], 1 << 20));
            pdfs
        }
        "layout_docx" => {
            let mut docx = files(&samples, &[".docx"], 1 << 20);
            docx.push(b"<w:document><w:body><w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val=\"2\"/><w:vMerge w:val=\"restart\"/></w:tcPr><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc></w:tr></w:tbl></w:body></w:document>".to_vec());
            docx
        }
        "solver" => vec![
            b"1 23 456\n7890 12\n3 4 5 6 7 8 9".to_vec(),
            b"120 35 0 0 155\n1011 0 2 3".to_vec(),
        ],
        "archive" => {
            let first = text.first().cloned().unwrap_or_default();
            let warc = format!(
                "WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:1>\r\nWARC-Target-URI: http://example.org/a\r\nContent-Length: {}\r\n\r\n",
                first.len()
            );
            let mut w = warc.into_bytes();
            w.extend_from_slice(&first);
            w.extend_from_slice(b"\r\n\r\n");
            vec![zip_of(&[("a/report.html", &first)]), w]
        }
        "extract" => {
            let mut all = text.clone();
            all.truncate(8);
            for kind in [".pdf", ".docx"] {
                all.extend(files(&samples, &[kind], 1 << 20).into_iter().take(1));
            }
            all
        }
        _ => text,
    };
    out.extend(files(
        &root().join("tests/fuzz-regressions").join(target),
        &[""],
        1 << 20,
    ));
    out
}

/// One mutation of a seed (or a splice of two), as a fuzzer's simplest moves.
fn mutate(rng: &mut Rng, seeds: &[Vec<u8>]) -> Vec<u8> {
    let mut b = rng.pick(seeds).clone();
    for _ in 0..=rng.below(4) {
        let len = b.len() as u64;
        let at = rng.below(len + 1) as usize;
        match rng.below(6) {
            0 if !b.is_empty() => {
                let i = rng.below(len) as usize;
                b[i] ^= 1 << rng.below(8);
            }
            1 => b.truncate(at),
            2 => {
                let end = (at + rng.below(64) as usize).min(b.len());
                b.drain(at..end);
            }
            3 => {
                let end = (at + rng.below(256) as usize).min(b.len());
                let piece = b[at..end].to_vec();
                b.splice(at..at, piece);
            }
            4 => {
                let piece: Vec<u8> = (0..rng.below(16)).map(|_| rng.below(256) as u8).collect();
                b.splice(at..at, piece);
            }
            _ => {
                let other = rng.pick(seeds);
                let from = rng.below(other.len() as u64 + 1) as usize;
                b.truncate(at);
                b.extend_from_slice(&other[from..]);
            }
        }
    }
    b
}

#[test]
fn every_fuzz_target_survives_its_seeds_and_their_mutations() {
    let iters: u64 = std::env::var("OGI_FUZZ_ITERS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(150);
    let mut failures = Vec::new();
    for (name, target) in TARGETS {
        let seeds = seeds(name);
        assert!(!seeds.is_empty(), "{name}: no seeds");
        let mut inputs = seeds.clone();
        let mut rng = Rng::for_item(11, name.len() as u64);
        // The whole pipeline is slower per input; it gets a third of the runs.
        let n = if *name == "extract" { iters / 3 } else { iters };
        inputs.extend((0..n).map(|_| mutate(&mut rng, &seeds)));
        for (i, input) in inputs.iter().enumerate() {
            if catch_unwind(AssertUnwindSafe(|| target(input))).is_err() {
                let path = std::env::temp_dir().join(format!("ogi-fuzz-smoke-{name}-{i}"));
                let _ = std::fs::write(&path, input);
                failures.push(format!("{name}: input {i} panicked ({})", path.display()));
                break;
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

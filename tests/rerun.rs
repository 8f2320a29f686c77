//! Reruns over archives: incremental runs, interruption by `kill -9`, shards and merge, and the
//! research outputs (`wide.csv`, `--excel`, `--format jsonl`).

mod common;

use common::{assert_same_outputs, ogi, run, run_ok, spaced_report};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

fn write_corpus(dir: &Path, n: usize) -> PathBuf {
    let input = dir.join("in");
    for i in 0..n {
        let sub = input.join(format!("d{}", i % 7));
        std::fs::create_dir_all(&sub).expect("mkdir");
        let text = spaced_report(
            &format!("某某县第{i}镇人民政府"),
            2021 + (i % 4) as u16,
            (i % 50) as u32,
        );
        std::fs::write(sub.join(format!("r{i:05}.txt")), text).expect("write");
    }
    input
}

fn s(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

fn summary(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn second_run_reuses_everything_and_writes_identical_bytes() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let input = write_corpus(tmp.path(), 40);
    let out = tmp.path().join("out");
    let first = run_ok(&["extract", s(&input), "--out", s(&out)]);
    assert!(
        summary(&first).contains("; 0 reused;"),
        "{}",
        summary(&first)
    );
    let snapshot = tmp.path().join("snap");
    std::fs::create_dir_all(&snapshot).expect("mkdir");
    for f in common::OUTPUT_FILES {
        std::fs::copy(out.join(f), snapshot.join(f)).expect("copy");
    }
    let second = run_ok(&["extract", s(&input), "--out", s(&out)]);
    assert!(
        summary(&second).contains("; 40 reused;"),
        "{}",
        summary(&second)
    );
    assert_same_outputs(&snapshot, &out);

    // One changed document is re-extracted; one removed disappears from every output.
    let changed = input.join("d3/r00003.txt");
    std::fs::write(&changed, spaced_report("某某县改名镇人民政府", 2024, 9)).expect("write");
    std::fs::remove_file(input.join("d4/r00004.txt")).expect("rm");
    let third = run_ok(&["extract", s(&input), "--out", s(&out)]);
    assert!(
        summary(&third).contains("39 documents"),
        "{}",
        summary(&third)
    );
    assert!(
        summary(&third).contains("; 38 reused;"),
        "{}",
        summary(&third)
    );
    let full = tmp.path().join("full");
    run_ok(&["extract", s(&input), "--out", s(&full), "--force"]);
    assert_same_outputs(&full, &out);
    let reports = std::fs::read_to_string(out.join("reports.csv")).expect("read");
    assert!(reports.contains("某某县改名镇人民政府") && !reports.contains("r00004"));

    // --force reuses nothing.
    let forced = run_ok(&["extract", s(&input), "--out", s(&out), "--force"]);
    assert!(
        summary(&forced).contains("; 0 reused;"),
        "{}",
        summary(&forced)
    );
    assert_same_outputs(&full, &out);
}

#[test]
fn kill_9_midway_keeps_previous_outputs_and_the_next_run_continues() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let input = write_corpus(tmp.path(), 1500);
    let out = tmp.path().join("out");
    // A complete earlier run over part of the corpus: its outputs must survive the kill.
    let early = tmp.path().join("early");
    std::fs::create_dir_all(&early).expect("mkdir");
    std::fs::rename(input.join("d0"), early.join("d0")).expect("mv");
    run_ok(&["extract", s(&input), "--out", s(&out), "--quiet"]);
    let before: Vec<Vec<u8>> = common::OUTPUT_FILES
        .iter()
        .map(|f| std::fs::read(out.join(f)).expect("read"))
        .collect();
    std::fs::rename(early.join("d0"), input.join("d0")).expect("mv back");

    let mut child = ogi()
        .args([
            "extract",
            s(&input),
            "--out",
            s(&out),
            "--quiet",
            "--jobs",
            "1",
            "--force",
        ])
        .spawn()
        .expect("spawn");
    // Kill once the run has journaled some work but before it finishes.
    let journal = out.join(".ogi/journal.jsonl");
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let len = std::fs::metadata(&journal).map(|m| m.len()).unwrap_or(0);
        if len > 0 || Instant::now() > deadline {
            break;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    let finished_early = child.try_wait().expect("wait").is_some();
    eprintln!("killed midway: {}", !finished_early);
    child.kill().expect("kill -9");
    child.wait().expect("reap");
    if !finished_early {
        // Every output file is the complete one of the earlier run, never half-written.
        for (f, old) in common::OUTPUT_FILES.iter().zip(&before) {
            assert_eq!(
                &std::fs::read(out.join(f)).expect("read"),
                old,
                "{f} changed by the killed run"
            );
        }
        assert!(
            !out.join("run.json").exists(),
            "an interrupted folder is not marked complete"
        );
    }
    let rerun = run_ok(&["extract", s(&input), "--out", s(&out)]);
    let text = summary(&rerun);
    if !finished_early {
        assert!(
            !text.contains("; 0 reused;"),
            "the rerun continues from the journal: {text}"
        );
    }
    let full = tmp.path().join("full");
    run_ok(&["extract", s(&input), "--out", s(&full), "--quiet"]);
    assert_same_outputs(&full, &out);
}

#[test]
fn shards_merged_equal_a_single_run() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let input = write_corpus(tmp.path(), 30);
    // The same content twice, so that duplicates straddle shards.
    std::fs::copy(input.join("d1/r00001.txt"), input.join("d6/zz-copy.txt")).expect("copy");
    let single = tmp.path().join("single");
    run_ok(&["extract", s(&input), "--out", s(&single), "--quiet"]);
    for n in [1u32, 2, 3, 7] {
        let mut dirs = Vec::new();
        for k in 0..n {
            let d = tmp.path().join(format!("shard{n}-{k}"));
            run_ok(&[
                "extract",
                s(&input),
                "--out",
                s(&d),
                "--shard",
                &format!("{k}/{n}"),
                "--quiet",
            ]);
            dirs.push(d);
        }
        let merged = tmp.path().join(format!("merged{n}"));
        let mut args = vec!["merge".to_string()];
        args.extend(dirs.iter().map(|d| s(d).to_string()));
        args.extend(["--out".into(), s(&merged).to_string(), "--quiet".into()]);
        let argv: Vec<&str> = args.iter().map(String::as_str).collect();
        run_ok(&argv);
        assert_same_outputs(&single, &merged);
        if n == 3 {
            // Refusals: a missing shard, a shard twice, an incomplete shard.
            let o = run(&[
                "merge",
                s(&dirs[0]),
                s(&dirs[1]),
                "--out",
                s(&tmp.path().join("bad")),
            ]);
            assert_eq!(o.status.code(), Some(2));
            assert!(summary(&o).contains("missing 2/3"), "{}", summary(&o));
            let o = run(&[
                "merge",
                s(&dirs[0]),
                s(&dirs[0]),
                s(&dirs[2]),
                "--out",
                s(&tmp.path().join("bad")),
            ]);
            assert!(summary(&o).contains("given twice"), "{}", summary(&o));
            std::fs::remove_file(dirs[1].join("run.json")).expect("rm");
            let o = run(&[
                "merge",
                s(&dirs[0]),
                s(&dirs[1]),
                s(&dirs[2]),
                "--out",
                s(&tmp.path().join("bad")),
            ]);
            assert!(
                summary(&o).contains("not a complete run"),
                "{}",
                summary(&o)
            );
        }
    }
    // Shards of different inputs do not mix.
    let other = tmp.path().join("other-input");
    std::fs::create_dir_all(&other).expect("mkdir");
    std::fs::write(
        other.join("x.txt"),
        spaced_report("某某县人民政府", 2022, 1),
    )
    .expect("write");
    let a = tmp.path().join("mix0");
    let b = tmp.path().join("mix1");
    run_ok(&[
        "extract",
        s(&input),
        "--out",
        s(&a),
        "--shard",
        "0/2",
        "--quiet",
    ]);
    run_ok(&[
        "extract",
        s(&other),
        "--out",
        s(&b),
        "--shard",
        "1/2",
        "--quiet",
    ]);
    let o = run(&["merge", s(&a), s(&b), "--out", s(&tmp.path().join("bad2"))]);
    assert!(
        summary(&o).contains("different input set"),
        "{}",
        summary(&o)
    );
}

#[test]
fn wide_excel_and_jsonl_outputs() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let input = write_corpus(tmp.path(), 3);
    let out = tmp.path().join("out");
    run_ok(&["extract", s(&input), "--out", s(&out), "--quiet"]);
    let wide = std::fs::read_to_string(out.join("wide.csv")).expect("wide");
    let mut lines = wide.lines();
    let header: Vec<&str> = lines.next().expect("header").split(',').collect();
    assert_eq!(
        &header[..6],
        [
            "agency",
            "year",
            "template",
            "report_id",
            "source",
            "status"
        ]
    );
    assert!(header.contains(&"s3.new_received.natural_person"));
    assert!(
        header.contains(&"s2.central_procurement.procurement_amount_wan"),
        "2019 keys too"
    );
    assert!(
        header.contains(&"s3.result.withheld.total"),
        "derived keys too"
    );
    let row: Vec<&str> = lines.next().expect("row").split(',').collect();
    assert_eq!(row.len(), header.len());
    let col = header
        .iter()
        .position(|h| *h == "s3.new_received.natural_person")
        .expect("col");
    assert_eq!(row[0], "某某县第0镇人民政府");
    assert_eq!(row[col], "0");
    let fee = header
        .iter()
        .position(|h| *h == "s2.admin_fees.amount_wan")
        .expect("col");
    assert_eq!(row[fee], "5.5");
    let procurement = header
        .iter()
        .position(|h| *h == "s2.central_procurement.procurement_items")
        .expect("col");
    assert_eq!(row[procurement], "", "a 2021 report has no 2019 key");

    let xl = tmp.path().join("xl");
    run_ok(&[
        "extract",
        s(&input),
        "--out",
        s(&xl),
        "--quiet",
        "--excel",
        "--format",
        "jsonl",
    ]);
    let reports = std::fs::read(xl.join("reports.csv")).expect("reports");
    assert!(reports.starts_with("\u{feff}report_id,".as_bytes()));
    assert!(!xl.join("cells.csv").exists());
    let cells = std::fs::read_to_string(xl.join("cells.jsonl")).expect("cells.jsonl");
    let first: serde_json::Value =
        serde_json::from_str(cells.lines().next().expect("line")).expect("json");
    assert_eq!(first["table"], "s2");
    assert_eq!(first["row"], "regulations");
    assert_eq!(first["method"], "cell");
    // Values are JSON numbers (null when blank), never strings.
    assert!(first["value"].is_number(), "{first}");
    let fee = cells
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).expect("json"))
        .find(|c| c["row"] == "admin_fees")
        .expect("admin_fees");
    assert_eq!(fee["value"], serde_json::json!(5.5));
    let checks = std::fs::read_to_string(xl.join("checks.jsonl")).expect("checks.jsonl");
    let check: serde_json::Value =
        serde_json::from_str(checks.lines().next().expect("line")).expect("json");
    assert!(check["lhs"].is_i64() || check["lhs"].is_null(), "{check}");
    assert!(xl.join("warnings.jsonl").exists());
    let manifest = std::fs::read(xl.join("manifest.csv")).expect("manifest");
    assert!(manifest.starts_with("\u{feff}source,".as_bytes()));
}

/// Waits until the run writing `out` has taken its lock (its lock file names it); `false` if the
/// child ended first.
fn wait_for_lock(child: &mut std::process::Child, out: &Path) -> bool {
    let lock = out.join(".ogi/lock.json");
    let deadline = Instant::now() + Duration::from_secs(60);
    while Instant::now() < deadline {
        let text = std::fs::read_to_string(&lock).unwrap_or_default();
        if text.contains(&format!("\"pid\":{}", child.id())) {
            return true;
        }
        if child.try_wait().expect("wait").is_some() {
            return false;
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    false
}

fn no_nul_bytes(out: &Path) {
    for f in common::OUTPUT_FILES {
        let bytes = std::fs::read(out.join(f)).expect("read");
        assert!(!bytes.contains(&0), "{f} holds NUL bytes");
    }
}

#[test]
fn a_second_run_into_a_folder_in_use_is_refused_at_once() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let input = write_corpus(tmp.path(), 300);
    let out = tmp.path().join("out");
    let full = tmp.path().join("full");
    run_ok(&["extract", s(&input), "--out", s(&full), "--quiet"]);
    let args = [
        "extract",
        s(&input),
        "--out",
        s(&out),
        "--jobs",
        "1",
        "--force",
        "--quiet",
    ];

    // Two runs started together: whichever is second is refused, never mixed in.
    let mut a = ogi().args(args).spawn().expect("spawn");
    let mut b = ogi().args(args).spawn().expect("spawn");
    let (ca, cb) = (
        a.wait().expect("wait").code(),
        b.wait().expect("wait").code(),
    );
    assert!(
        matches!((ca, cb), (Some(0), Some(0 | 2)) | (Some(2), Some(0))),
        "{ca:?} {cb:?}"
    );
    no_nul_bytes(&out);
    assert_same_outputs(&full, &out);

    // While one run holds the folder, another fails at once (exit 2) naming the holder.
    let mut holder = ogi().args(args).spawn().expect("spawn");
    if wait_for_lock(&mut holder, &out) {
        let started = Instant::now();
        let o = run(&["extract", s(&input), "--out", s(&out), "--quiet"]);
        let waited = started.elapsed();
        let still_running = holder.try_wait().expect("wait").is_none();
        assert_eq!(o.status.code(), Some(2), "{}", summary(&o));
        let err = summary(&o);
        assert!(
            err.contains("in use by another ogi run (pid ")
                && err.contains(&format!("pid {}", holder.id())),
            "{err}"
        );
        eprintln!("refused after {waited:?}, holder still running: {still_running}");
    }
    assert!(holder.wait().expect("wait").success());
    assert_same_outputs(&full, &out);
    assert!(out.join("run.json").exists());
}

#[test]
fn a_killed_run_does_not_leave_its_folder_locked() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let input = write_corpus(tmp.path(), 300);
    let out = tmp.path().join("out");
    let mut child = ogi()
        .args([
            "extract",
            s(&input),
            "--out",
            s(&out),
            "--jobs",
            "1",
            "--quiet",
        ])
        .spawn()
        .expect("spawn");
    let held = wait_for_lock(&mut child, &out);
    child.kill().expect("kill -9");
    child.wait().expect("reap");
    if held {
        // The file still names the dead run; the lock itself died with it.
        let stale = std::fs::read_to_string(out.join(".ogi/lock.json")).expect("lock file");
        assert!(
            stale.contains(&format!("\"pid\":{}", child.id())),
            "{stale}"
        );
    }
    let started = Instant::now();
    run_ok(&["extract", s(&input), "--out", s(&out), "--quiet"]);
    eprintln!("next run took {:?}", started.elapsed());
    let full = tmp.path().join("full");
    run_ok(&["extract", s(&input), "--out", s(&full), "--quiet"]);
    assert_same_outputs(&full, &out);
    assert_eq!(
        std::fs::read_to_string(out.join(".ogi/lock.json")).expect("lock file"),
        "",
        "a finished run leaves the lock file empty"
    );
}

#[test]
fn a_run_owns_its_folders_output_set() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let input = write_corpus(tmp.path(), 5);
    let out = tmp.path().join("out");
    // Leftovers of a failed run, and a file of the user's that is not ogi's.
    std::fs::create_dir_all(out.join(".ogi")).expect("mkdir");
    for f in [
        ".cells.csv.tmp",
        ".reports.csv.tmp",
        ".run.json.tmp",
        ".ogi/cache.jsonl.tmp",
    ] {
        std::fs::write(out.join(f), "half").expect("write");
    }
    std::fs::write(out.join("notes.txt"), "mine").expect("write");
    let listing = |dir: &Path| -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .expect("ls")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    };
    run_ok(&["extract", s(&input), "--out", s(&out), "--format", "jsonl"]);
    assert_eq!(
        listing(&out),
        [
            ".ogi",
            "cells.jsonl",
            "checks.jsonl",
            "datapackage.json",
            "indicators.csv",
            "manifest.csv",
            "notes.txt",
            "panel.csv",
            "report.html",
            "reports.csv",
            "run.json",
            "warnings.jsonl",
            "wide.csv"
        ]
    );
    assert!(!out.join(".ogi/cache.jsonl.tmp").exists());
    // Switching back: the JSON lines are replaced by CSV, not left beside it.
    run_ok(&["extract", s(&input), "--out", s(&out)]);
    let names = listing(&out);
    assert!(names.contains(&"cells.csv".to_string()), "{names:?}");
    assert!(!names.iter().any(|n| n.ends_with(".jsonl")), "{names:?}");
    assert!(names.contains(&"notes.txt".to_string()));
    let package = std::fs::read_to_string(out.join("datapackage.json")).expect("package");
    assert!(package.contains("\"path\": \"cells.csv\""), "{package}");
}

#[test]
fn merge_refuses_its_own_input_and_names_a_missing_folder() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let input = write_corpus(tmp.path(), 6);
    let a = tmp.path().join("s0");
    let b = tmp.path().join("s1");
    for (k, d) in [(0, &a), (1, &b)] {
        run_ok(&[
            "extract",
            s(&input),
            "--out",
            s(d),
            "--shard",
            &format!("{k}/2"),
            "--quiet",
        ]);
    }
    let before = std::fs::read(a.join("reports.csv")).expect("read");
    let o = run(&["merge", s(&a), s(&b), "--out", s(&a)]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        summary(&o).contains("is one of the shards to merge"),
        "{}",
        summary(&o)
    );
    assert_eq!(std::fs::read(a.join("reports.csv")).expect("read"), before);
    // The same folder spelled another way.
    let other_spelling = tmp.path().join("s1/../s0");
    let o = run(&["merge", s(&a), s(&b), "--out", s(&other_spelling)]);
    assert_eq!(o.status.code(), Some(2));

    let o = run(&[
        "merge",
        s(&a),
        s(&tmp.path().join("s7")),
        "--out",
        s(&tmp.path().join("m")),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        summary(&o).contains("s7: no such folder"),
        "{}",
        summary(&o)
    );
    assert!(!tmp.path().join("m").exists(), "nothing written");

    // A shard that a run is writing is not read.
    let big = write_corpus(&tmp.path().join("big"), 300);
    let mut writer = ogi()
        .args([
            "extract",
            s(&big),
            "--out",
            s(&a),
            "--jobs",
            "1",
            "--force",
            "--quiet",
        ])
        .spawn()
        .expect("spawn");
    if wait_for_lock(&mut writer, &a) {
        let o = run(&["merge", s(&a), s(&b), "--out", s(&tmp.path().join("m"))]);
        if writer.try_wait().expect("wait").is_none() {
            assert_eq!(o.status.code(), Some(2), "{}", summary(&o));
            assert!(
                summary(&o).contains("in use by another ogi run"),
                "{}",
                summary(&o)
            );
        }
    }
    assert!(writer.wait().expect("wait").success());
}

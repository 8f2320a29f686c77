//! The command-line contract of `ogi extract`: outputs, ordering, determinism across thread
//! counts, duplicates, standard input, exit codes, and no temporary files left behind.

use std::path::{Path, PathBuf};
use std::process::Stdio;

mod common;
use common::{ogi, run, run_ok, spaced_report};

fn s(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

fn corpus(dir: &Path) -> PathBuf {
    let input = dir.join("in");
    std::fs::create_dir_all(input.join("sub")).expect("mkdir");
    for (i, name) in ["b.txt", "a.txt", "sub/c.txt", "sub/d.txt"]
        .iter()
        .enumerate()
    {
        let text = spaced_report("某某县某某镇人民政府", 2022 + i as u16 % 2, i as u32 + 1);
        std::fs::write(input.join(name), text).expect("write");
    }
    // The same content under a second name: one report, two rows in reports.csv.
    std::fs::copy(input.join("a.txt"), input.join("sub/a-copy.txt")).expect("copy");
    std::fs::write(
        input.join("notice.html"),
        "<html><body><p>关于开展某项工作的通知</p></body></html>",
    )
    .expect("write");
    input
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn extract_writes_sorted_outputs_and_accounts_for_every_path() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let input = corpus(tmp.path());
    let out = tmp.path().join("out");
    let o = run(&[
        "extract",
        input.to_str().expect("utf8"),
        "--out",
        out.to_str().expect("utf8"),
        "--quiet",
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(o.stderr.is_empty(), "--quiet prints nothing");
    let reports = read(&out.join("reports.csv"));
    let lines: Vec<&str> = reports.lines().collect();
    assert_eq!(lines[0], "report_id,source,sha256,bytes,format,encoding,template,agency,year,title,status,reason,cells,cells_unresolved,checks_passed,checks_failed,checks_skipped,url,site_code,agency_key,region_code,region_level,agency_kind,match");
    assert_eq!(lines.len(), 7, "{reports}");
    let sources: Vec<&str> = lines[1..]
        .iter()
        .map(|l| l.split(',').nth(1).unwrap_or(""))
        .collect();
    let mut sorted = sources.clone();
    sorted.sort();
    assert_eq!(sources, sorted);
    let a = lines
        .iter()
        .find(|l| l.contains("/a.txt"))
        .expect("a.txt row");
    let copy = lines
        .iter()
        .find(|l| l.contains("a-copy.txt"))
        .expect("copy row");
    assert_eq!(
        a.split(',').next(),
        copy.split(',').next(),
        "same content, same report id"
    );
    assert!(a.contains(",2021,某某县某某镇人民政府,2023,"), "{a}");
    assert!(a.contains(",ok,,"), "{a}");
    assert!(lines
        .iter()
        .any(|l| l.contains("notice.html") && l.contains(",not_a_report,")));
    // Cells of the duplicated content appear once.
    let cells = read(&out.join("cells.csv"));
    let id = a.split(',').next().expect("id");
    let n = cells
        .lines()
        .filter(|l| l.starts_with(id) && l.contains(",s3,new_received,natural_person,"))
        .count();
    assert_eq!(n, 1);
    assert!(cells
        .lines()
        .next()
        .expect("header")
        .starts_with("report_id,table,row,col,value,raw"));
    let checks = read(&out.join("checks.csv"));
    assert!(checks.contains(",I1:natural_person,pass,"), "{checks}");
    assert!(checks.contains(",I4:review,pass,1,1,"), "{checks}");
    // Nothing temporary is left behind.
    for entry in std::fs::read_dir(&out).expect("ls") {
        let name = entry
            .expect("entry")
            .file_name()
            .to_string_lossy()
            .into_owned();
        assert!(
            !name.starts_with('.') || name == ".ogi",
            "left over: {name}"
        );
    }
}

#[test]
fn output_is_identical_across_thread_counts_and_runs() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let input = corpus(tmp.path());
    let mut outs = Vec::new();
    for (i, jobs) in ["1", "4", "4"].iter().enumerate() {
        let out = tmp.path().join(format!("out{i}"));
        let o = run(&[
            "extract",
            input.to_str().expect("utf8"),
            "--out",
            out.to_str().expect("utf8"),
            "--jobs",
            jobs,
            "--quiet",
        ]);
        assert!(o.status.success());
        outs.push(out);
    }
    for f in ["reports.csv", "cells.csv", "checks.csv", "warnings.csv"] {
        let first = std::fs::read(outs[0].join(f)).expect("read");
        for other in &outs[1..] {
            assert_eq!(
                first,
                std::fs::read(other.join(f)).expect("read"),
                "{f} differs"
            );
        }
    }
}

#[test]
fn stdin_is_one_document() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let out = tmp.path().join("out");
    let mut child = ogi()
        .args([
            "extract",
            "-",
            "--out",
            out.to_str().expect("utf8"),
            "--quiet",
        ])
        .stdin(Stdio::piped())
        .spawn()
        .expect("spawn");
    {
        use std::io::Write;
        let mut stdin = child.stdin.take().expect("stdin");
        stdin
            .write_all(spaced_report("某某市某某区人民政府", 2023, 7).as_bytes())
            .expect("write");
    }
    assert!(child.wait().expect("wait").success());
    let reports = read(&out.join("reports.csv"));
    assert!(
        reports.lines().nth(1).expect("row").contains(",-,"),
        "{reports}"
    );
    assert!(reports.contains(",某某市某某区人民政府,2023,"));
}

/// The bytes of every file under `dir` (`.ogi/` included), by relative path.
fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.expect("walk"))
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).expect("prefix");
            (
                rel.to_string_lossy().into_owned(),
                std::fs::read(e.path()).expect("read"),
            )
        })
        .collect();
    files.sort();
    files
}

#[test]
fn a_missing_input_is_a_usage_error_and_nothing_is_written() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let input = corpus(tmp.path());
    let out = tmp.path().join("out");
    run_ok(&["extract", s(&input), "--out", s(&out), "--quiet"]);
    let before = snapshot(&out);
    // A typo in the input: refused, and the finished folder and its cache stay as they were.
    let o = ogi()
        .current_dir(tmp.path())
        .args(["extract", "sampels", "--out", s(&out)])
        .output()
        .expect("ogi runs");
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&o.stderr),
        "ogi: sampels: No such file or directory\n"
    );
    assert_eq!(snapshot(&out), before);
    // Among good inputs too.
    let missing = tmp.path().join("nope.html");
    let o = run(&["extract", s(&input), s(&missing), "--out", s(&out)]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("nope.html: No such file or directory"));
    assert_eq!(snapshot(&out), before);

    // Bare `ogi extract` outside the project: no `output/` with an error row.
    let elsewhere = tmp.path().join("elsewhere");
    std::fs::create_dir_all(&elsewhere).expect("mkdir");
    let o = ogi()
        .current_dir(&elsewhere)
        .arg("extract")
        .output()
        .expect("ogi runs");
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.starts_with("ogi: samples/: No such file or directory (the default input"),
        "{err}"
    );
    assert_eq!(std::fs::read_dir(&elsewhere).expect("ls").count(), 0);

    // Other usage errors.
    let o = run(&["extract", "--jobs", "many"]);
    assert_eq!(o.status.code(), Some(2));
    let o = run(&["frobnicate"]);
    assert_eq!(o.status.code(), Some(2));
    let o = run(&["extract", s(&input), "--out", s(&input.join("a.txt"))]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("not a folder"));
}

#[test]
fn documents_not_read_exit_1_with_a_row_each() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let input = corpus(tmp.path());
    // A document that cannot be read, found by the walk (not named on the command line).
    std::os::unix::fs::symlink(tmp.path().join("gone.txt"), input.join("dangling.txt"))
        .expect("symlink");
    let out = tmp.path().join("out");
    let o = run(&["extract", s(&input), "--out", s(&out)]);
    assert_eq!(o.status.code(), Some(1));
    let reports = read(&out.join("reports.csv"));
    let row = reports
        .lines()
        .find(|l| l.contains("dangling.txt"))
        .expect("row for the dangling link");
    assert!(row.contains(",error,cannot walk"), "{row}");
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains(&format!(
            "; written to {}; 1 document not read: see the rows with status error in {}",
            out.display(),
            out.join("reports.csv").display()
        )),
        "{err}"
    );
    // The other documents were extracted all the same.
    assert!(reports.lines().filter(|l| l.contains(",ok,")).count() >= 4);
}

#[test]
fn oversized_documents_are_refused_with_a_reason_and_exit_1() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let input = corpus(tmp.path());
    let out = tmp.path().join("out");
    let o = run(&[
        "extract",
        s(&input),
        "--out",
        s(&out),
        "--max-bytes",
        "1K",
        "--quiet",
    ]);
    assert_eq!(o.status.code(), Some(1), "a refused document is not read");
    let reports = read(&out.join("reports.csv"));
    assert!(
        reports.contains("document larger than the limit of 1024 bytes"),
        "{reports}"
    );
    let o = run(&["extract", s(&input), "--out", s(&out), "--max-bytes", "64Q"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("unknown unit"));
    // The default limit reads them all.
    run_ok(&["extract", s(&input), "--out", s(&out), "--quiet"]);
}

#[test]
fn pdf_limits_refuse_with_a_reason_and_exit_1() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let pdf =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/028_pdf_lattice_2021.pdf");
    let out = tmp.path().join("out");
    for (flag, value, reason) in [
        (
            "--max-pages",
            "1",
            "pages, over the limit of 1 pages per PDF",
        ),
        ("--pdf-seconds", "0", "over the time budget of 0 s per PDF"),
    ] {
        let o = run(&["extract", s(&pdf), "--out", s(&out), flag, value, "--quiet"]);
        assert_eq!(
            o.status.code(),
            Some(1),
            "{flag}: a refused PDF is not read"
        );
        let reports = read(&out.join("reports.csv"));
        assert!(
            reports.contains(",error,") && reports.contains(reason),
            "{flag}: {reports}"
        );
    }
    // The defaults read it, and a refused document is tried again.
    run_ok(&["extract", s(&pdf), "--out", s(&out), "--quiet"]);
    assert!(read(&out.join("reports.csv")).contains(",ok,"));
    let o = run(&["extract", s(&pdf), "--out", s(&out), "--max-pages", "x"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn summary_line_counts_in_words() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let input = tmp.path().join("one.txt");
    std::fs::write(&input, spaced_report("某某县人民政府", 2023, 3)).expect("write");
    let out = tmp.path().join("out");
    let o = run_ok(&["extract", s(&input), "--out", s(&out)]);
    let line = String::from_utf8_lossy(&o.stderr).into_owned();
    assert!(line.starts_with("ogi: 1 document: 1 ok; "), "{line}");
    assert!(
        line.contains(" cells, 0 checks failed; 0 reused; "),
        "{line}"
    );
    assert!(
        line.trim_end()
            .ends_with(&format!("docs/s; written to {}", out.display())),
        "{line}"
    );
    // Rates and times with at most one decimal.
    let times = line
        .split("; ")
        .find(|p| p.ends_with("docs/s"))
        .expect("rate");
    for number in times.split(|c: char| !(c.is_ascii_digit() || c == '.')) {
        let decimals = number.split_once('.').map_or(0, |(_, f)| f.len());
        assert!(decimals <= 1, "{times}");
    }
}

#[test]
fn schema_lists_every_key_of_both_templates() {
    let o = run(&["schema"]);
    assert!(o.status.success());
    let text = String::from_utf8(o.stdout).expect("utf8");
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[0],
        "key,table,row,col,printed_in,derived_in,label_zh,label_en,unit,formula"
    );
    assert!(
        text.contains("s3.new_received.natural_person,s3,new_received,natural_person,2019 2021,,")
    );
    assert!(text.contains("s2.central_procurement.procurement_amount_wan,s2,central_procurement,procurement_amount_wan,2019,,"));
    assert!(text.contains("s2.admin_fees.amount_wan,s2,admin_fees,amount_wan,2021,,"));
    assert!(
        text.contains("s3.result.other.natural_person,s3,result.other,natural_person,2019,2021,")
    );
    assert!(text.contains("s3.result.withheld.total,s3,result.withheld,total,,2019 2021,"));
    assert!(text.contains(",万元,\n"));
    assert!(text.contains(
        ",ratio,(s3.result.granted.total + s3.result.partial.total) / s3.result.total.total\n"
    ));
    // s2: 10 (2021) + 22 (2019) − 3 shared `decisions`; s3: 26 rows × 7; s4: 15; 5 indicators.
    assert_eq!(lines.len() - 1, 29 + 26 * 7 + 15 + 3 * 7 + 5);
}

#[test]
fn a_2021_report_printing_other_as_one_row_stays_2021() {
    // Section 二 of the 2021 template with section 三 printing （六）其他处理 as one row, as real
    // district reports do: read as result.other with a warning, and still a 2021 report.
    let text = spaced_report("某某县某某镇人民政府", 2021, 2).replace(
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请 0 0 0 0 0 0 0\n2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请 0 0 0 0 0 0 0\n3.其他 0 0 0 0 0 0 0\n",
        "（六）其他处理 0 0 0 0 0 0 0\n",
    );
    assert!(text.contains("（六）其他处理 0"));
    let ex = ogi::extract(text.as_bytes(), None);
    assert!(
        ex.warnings
            .iter()
            .any(|w| w.code == ogi::WarningCode::OtherAsOneRow),
        "{:?}",
        ex.warnings
    );
    assert_eq!(ex.template.as_str(), "2021");
    let keys: Vec<String> = ex.cells.iter().map(|c| c.key.flat()).collect();
    assert!(
        keys.contains(&"s2.regulations.in_force".to_string()),
        "section 二 keeps the 2021 keys"
    );
    assert!(keys.contains(&"s3.result.other.total".to_string()));
    assert!(!keys.contains(&"s3.result.other.other.total".to_string()));
}

#[test]
fn out_dash_writes_one_table_to_standard_output() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let input = corpus(tmp.path());
    let out = tmp.path().join("out");
    run_ok(&["extract", s(&input), "--out", s(&out), "--quiet"]);
    let cwd = tmp.path().join("cwd");
    std::fs::create_dir_all(&cwd).expect("mkdir");
    for (table, file) in [
        (None, "cells.csv"),
        (Some("reports"), "reports.csv"),
        (Some("checks"), "checks.csv"),
        (Some("warnings"), "warnings.csv"),
        (Some("wide"), "wide.csv"),
    ] {
        let mut args = vec!["extract", s(&input), "--out", "-", "--quiet"];
        if let Some(t) = table {
            args.extend(["--table", t]);
        }
        let o = ogi()
            .current_dir(&cwd)
            .args(&args)
            .output()
            .expect("ogi runs");
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        // Standard output gets no panel, so none of its cross-year checks (X…).
        let folder: String = read(&out.join(file))
            .lines()
            .filter(|l| !l.split(',').nth(1).is_some_and(|c| c.starts_with('X')))
            .map(|l| format!("{l}\n"))
            .collect();
        assert_eq!(String::from_utf8_lossy(&o.stdout), folder, "{file}");
    }
    // Nothing is written beside: no folder, no cache.
    assert_eq!(std::fs::read_dir(&cwd).expect("ls").count(), 0);
    // JSON lines and the byte-order mark follow the flags.
    let o = run_ok(&[
        "extract",
        s(&input),
        "--out",
        "-",
        "--format",
        "jsonl",
        "--quiet",
    ]);
    let first = String::from_utf8_lossy(&o.stdout)
        .lines()
        .next()
        .map(String::from)
        .expect("line");
    assert!(first.starts_with("{\"report_id\":"), "{first}");
    // The summary still goes to standard error, naming where the rows went.
    let o = run_ok(&["extract", s(&input), "--out", "-", "--table", "reports"]);
    assert!(String::from_utf8_lossy(&o.stderr).contains("written to standard output"));
    let o = run(&["extract", s(&input), "--out", s(&out), "--table", "reports"]);
    assert_eq!(o.status.code(), Some(2));
    // A reader that stops early (`| head -1`) ends the run quietly, exit status 0.
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
    let mut child = ogi()
        .args(["extract", s(&samples), "--out", "-"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let mut first = String::new();
    {
        use std::io::BufRead;
        let stdout = child.stdout.take().expect("stdout");
        std::io::BufReader::new(stdout)
            .read_line(&mut first)
            .expect("read");
    }
    let o = child.wait_with_output().expect("wait");
    assert_eq!(first, "report_id,table,row,col,value,raw,method\n");
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(!String::from_utf8_lossy(&o.stderr).contains("cannot write"));
}

#[test]
fn datapackage_describes_every_file_with_its_header() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let input = corpus(tmp.path());
    for format in ["csv", "jsonl"] {
        let out = tmp.path().join(format!("out-{format}"));
        run_ok(&[
            "extract",
            s(&input),
            "--out",
            s(&out),
            "--format",
            format,
            "--excel",
            "--quiet",
        ]);
        let package: serde_json::Value =
            serde_json::from_str(&read(&out.join("datapackage.json"))).expect("json");
        let resources = package["resources"].as_array().expect("resources");
        assert_eq!(resources.len(), 8);
        for r in resources {
            let path = r["path"].as_str().expect("path");
            let names: Vec<&str> = r["schema"]["fields"]
                .as_array()
                .expect("fields")
                .iter()
                .map(|f| f["name"].as_str().expect("name"))
                .collect();
            let text = read(&out.join(path));
            if path.ends_with(".jsonl") {
                // JSON lines have no header: the first object's keys, if there is one.
                let Some(first) = text.lines().next() else {
                    continue;
                };
                let obj: serde_json::Value = serde_json::from_str(first).expect("json line");
                let keys: Vec<&str> = obj
                    .as_object()
                    .expect("object")
                    .keys()
                    .map(String::as_str)
                    .collect();
                let mut sorted = names.clone();
                sorted.sort();
                assert_eq!(keys, sorted, "{path}");
            } else {
                let first = text.lines().next().expect("header");
                // --excel: every CSV starts with a byte-order mark, manifest.csv included.
                let header = first.strip_prefix('\u{feff}').expect("byte-order mark");
                assert_eq!(header.split(',').collect::<Vec<_>>(), names, "{path}");
            }
        }
        let fields = resources[0]["schema"]["fields"].as_array().expect("fields");
        let year = fields.iter().find(|f| f["name"] == "year").expect("year");
        assert_eq!(year["type"], "integer");
    }
}

#[test]
fn ok_means_every_printed_cell_has_a_value() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let out = tmp.path().join("out");
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
    run_ok(&["extract", s(&samples), "--out", s(&out), "--quiet"]);
    let cells = common::read_csv(&out.join("cells.csv"));
    let checks = common::read_csv(&out.join("checks.csv"));
    let mut partial_for_glue = 0;
    for r in common::read_csv(&out.join("reports.csv")) {
        let id = &r["report_id"];
        let count = |f: &dyn Fn(&std::collections::HashMap<String, String>) -> bool,
                     rows: &[std::collections::HashMap<String, String>]| {
            rows.iter()
                .filter(|c| &c["report_id"] == id && f(c))
                .count()
                .to_string()
        };
        assert_eq!(
            r["cells_unresolved"],
            count(&|c| c["method"] == "unresolved", &cells)
        );
        for (column, status) in [
            ("checks_passed", "pass"),
            ("checks_failed", "fail"),
            ("checks_skipped", "skipped"),
        ] {
            // The report's own identities: cross-year checks (X…) are the panel's.
            assert_eq!(
                r[column],
                count(
                    &|c| c["status"] == status && c["check"].starts_with('I'),
                    &checks
                ),
                "{} {column}",
                r["source"]
            );
        }
        if r["cells_unresolved"] != "0" {
            assert_eq!(r["status"], "partial", "{}", r["source"]);
            assert!(
                r["reason"].contains("glued cells unresolved"),
                "{}",
                r["reason"]
            );
            partial_for_glue += 1;
        }
        if r["status"] == "ok" {
            assert_eq!(r["cells_unresolved"], "0");
        }
    }
    assert!(
        partial_for_glue >= 2,
        "the glued samples keep unresolved cells"
    );
}

#[test]
fn explain_shows_why_a_report_is_not_ok() {
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
    let glued = samples.join("026_text_glued_2021.txt");
    let o = run_ok(&["explain", s(&glued)]);
    let text = String::from_utf8(o.stdout).expect("utf8");
    assert!(
        text.starts_with(&format!("== {}\n", glued.display())),
        "{text}"
    );
    for want in [
        "document  ",
        " · text · utf-8 (detected) · report_id ",
        "\nlayout    ",
        "\nreport    template 2021 · agency ",
        "\nstatus    partial\n",
        "\nreason    20 glued cells unresolved",
        "\ns3: 25 rows, 175 cells, ",
        "[unresolved]",
        "[split]",
        "\nderived: ",
        "\nchecks: ",
        "I1:natural_person",
        "new_received=4 + carried_over=0 = result.total=blank + carry_forward=0",
        "\nwarnings: ",
        "glued_ambiguous",
    ] {
        assert!(text.contains(want), "{want:?} not in:\n{text}");
    }
    // A cell whose text is not its value shows both.
    let html = samples.join("006_html_gbk_meta_2021.html");
    let o = run_ok(&["explain", "--layout", s(&html)]);
    let text = String::from_utf8(o.stdout).expect("utf8");
    assert!(text.contains("penalty"), "{text}");
    assert!(text.contains("decisions=220 (\"２２０\")"), "{text}");
    assert!(text.contains("\nlayout:\n"), "{text}");
    assert!(text.contains("  | 规章 | 0 | 0 | 210 |\n"), "{text}");
    assert!(text.contains("\nstatus    ok\n"), "{text}");
    // Inside an archive, document by document; a missing file is a usage error.
    let tmp = tempfile::tempdir().expect("tempdir");
    let zip_path = tmp.path().join("two.zip");
    let mut z = zip::ZipWriter::new(std::fs::File::create(&zip_path).expect("zip"));
    for name in ["a.txt", "b.txt"] {
        z.start_file(name, zip::write::SimpleFileOptions::default())
            .expect("entry");
        std::io::Write::write_all(&mut z, spaced_report("某某县人民政府", 2023, 2).as_bytes())
            .expect("write");
    }
    z.finish().expect("finish");
    let text = String::from_utf8(run_ok(&["explain", s(&zip_path)]).stdout).expect("utf8");
    assert!(text.contains("two.zip#a.txt\n") && text.contains("two.zip#b.txt\n"));
    let o = run(&["explain", s(&tmp.path().join("nope.txt"))]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn schema_checks_lists_the_identities_with_their_meaning() {
    let o = run_ok(&["schema", "--checks"]);
    let text = String::from_utf8(o.stdout).expect("utf8");
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "check,table,per,templates,identity,meaning");
    let ids: Vec<&str> = lines[1..]
        .iter()
        .map(|l| l.split(',').next().unwrap_or(""))
        .collect();
    assert_eq!(ids, ["I1", "I2", "I3", "I3", "I4", "X1", "X2"]);
    assert!(lines[1].starts_with(
        "I1,s3,column,2019 2021,new_received + carried_over = result.total + carry_forward,\"new requests received this year + requests carried over from last year = "
    ));
    assert!(lines[3].contains(",2021,") && lines[4].contains(",2019,"));
    assert!(lines[3].contains("withheld (subtotal)"), "{}", lines[3]);
    assert!(lines[5].starts_with("I4,s4,row,2019 2021,total = maintained"));
    assert!(lines[5].ends_with("in every row of s4\""), "{}", lines[5]);
}

#[cfg(feature = "synth")]
#[test]
fn synth_mutate_writes_mutated_reports_that_read_as_the_truth() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let plain = tmp.path().join("plain");
    let mutated = tmp.path().join("mutated");
    let base = ["synth", "--count", "34", "--seed", "2", "--out"];
    run_ok(&[&base[..], &[s(&plain)]].concat());
    run_ok(
        &[
            &base[..],
            &[s(&mutated), "--mutate", "halfwidth_brackets,unit_suffix"],
        ]
        .concat(),
    );
    // The truth is the unmutated report's; the mutated pages differ and say so.
    for f in ["truth_reports.csv", "truth_cells.csv"] {
        assert_eq!(read(&plain.join(f)), read(&mutated.join(f)), "{f}");
    }
    let log = read(&mutated.join("truth_mutations.csv"));
    let rows: Vec<&str> = log.lines().skip(1).collect();
    assert_eq!(rows.len(), 4, "{log}");
    for row in &rows {
        assert!(
            row.ends_with(",\"halfwidth_brackets,unit_suffix\",\"exact,exact\","),
            "{row}"
        );
        let doc = row.split(',').next().expect("doc");
        let page = read(&mutated.join(doc));
        assert!(
            page.contains("（件）") && page.contains("(七)总计"),
            "{doc}"
        );
        assert_ne!(page, read(&plain.join(doc)));
    }
    // Extracted, the mutated corpus gives the plain one's cells.
    let out_plain = tmp.path().join("out_plain");
    let out_mutated = tmp.path().join("out_mutated");
    run_ok(&["extract", s(&plain), "--out", s(&out_plain), "--quiet"]);
    run_ok(&["extract", s(&mutated), "--out", s(&out_mutated), "--quiet"]);
    let cells = |d: &Path| {
        let sources: std::collections::HashMap<String, String> = read(&d.join("reports.csv"))
            .lines()
            .skip(1)
            .filter_map(|l| {
                let mut f = l.split(',');
                Some((f.next()?.to_string(), f.next()?.to_string()))
            })
            .collect();
        let mut rows: Vec<String> = read(&d.join("cells.csv"))
            .lines()
            .skip(1)
            .map(|l| {
                let f: Vec<&str> = l.splitn(6, ',').collect();
                let source = &sources[f[0]];
                let name = source.rsplit('/').next().unwrap_or(source);
                format!("{name} {}", f[1..5].join(","))
            })
            .collect();
        rows.sort();
        rows
    };
    let want = cells(&out_plain);
    assert!(want.len() > 34 * 100);
    let got = cells(&out_mutated);
    let differ: Vec<_> = want.iter().filter(|c| !got.contains(c)).take(5).collect();
    assert!(differ.is_empty() && want.len() == got.len(), "{differ:?}");
    let o = run(&[
        "synth",
        "--count",
        "1",
        "--out",
        s(&mutated),
        "--mutate",
        "nope",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("unknown mutation \"nope\""));
}

//! The command-line contract of `ogi extract`: outputs, ordering, determinism across thread
//! counts, duplicates, standard input, exit codes, and no temporary files left behind.

use std::path::{Path, PathBuf};
use std::process::Stdio;

mod common;
use common::{ogi, run, spaced_report};

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
    assert_eq!(lines[0], "report_id,source,sha256,bytes,format,encoding,template,agency,year,title,status,reason,cells,checks_failed,url,site_code,agency_key,region_code,region_level,agency_kind,match");
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

#[test]
fn unreadable_inputs_exit_1_and_name_the_file_usage_errors_exit_2() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let input = corpus(tmp.path());
    let out = tmp.path().join("out");
    let missing = tmp.path().join("nope.html");
    let o = run(&[
        "extract",
        input.to_str().expect("utf8"),
        missing.to_str().expect("utf8"),
        "--out",
        out.to_str().expect("utf8"),
    ]);
    assert_eq!(o.status.code(), Some(1));
    let reports = read(&out.join("reports.csv"));
    let row = reports
        .lines()
        .find(|l| l.contains("nope.html"))
        .expect("row for the missing file");
    assert!(row.contains(",error,cannot read"), "{row}");
    assert!(String::from_utf8_lossy(&o.stderr).contains("1 error"));
    // The other documents were extracted all the same.
    assert!(reports.lines().filter(|l| l.contains(",ok,")).count() >= 4);

    let o = run(&["extract", "--jobs", "many"]);
    assert_eq!(o.status.code(), Some(2));
    let o = run(&["frobnicate"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn oversized_documents_are_refused_with_a_reason() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let input = corpus(tmp.path());
    let out = tmp.path().join("out");
    let o = run(&[
        "extract",
        input.to_str().expect("utf8"),
        "--out",
        out.to_str().expect("utf8"),
        "--max-bytes",
        "1000",
        "--quiet",
    ]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "refused documents were still read"
    );
    let reports = read(&out.join("reports.csv"));
    assert!(
        reports.contains("document larger than the limit of 1000 bytes"),
        "{reports}"
    );
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
fn conflicting_template_markers_keep_each_tables_template() {
    // Section 二 of the 2021 template with section 三 of the 2019 one (a single （六）其他处理 row).
    let text = spaced_report("某某县某某镇人民政府", 2021, 2).replace(
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请 0 0 0 0 0 0 0\n2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请 0 0 0 0 0 0 0\n3.其他 0 0 0 0 0 0 0\n",
        "（六）其他处理 0 0 0 0 0 0 0\n",
    );
    assert!(text.contains("（六）其他处理 0"));
    let ex = ogi::extract(text.as_bytes(), None);
    assert!(
        ex.warnings.iter().any(|w| w.code == "template_conflict"),
        "{:?}",
        ex.warnings
    );
    assert_eq!(
        ex.template.as_str(),
        "2019",
        "the report takes section 三's template"
    );
    let keys: Vec<String> = ex.cells.iter().map(|c| c.key.flat()).collect();
    assert!(
        keys.contains(&"s2.regulations.in_force".to_string()),
        "section 二 keeps the 2021 keys"
    );
    assert!(keys.contains(&"s3.result.other.total".to_string()));
    assert!(!keys.contains(&"s3.result.other.other.total".to_string()));
}

//! The command-line contract of `ogi extract`: outputs, ordering, determinism across thread
//! counts, duplicates, standard input, exit codes, and no temporary files left behind.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn ogi() -> Command {
    Command::new(env!("CARGO_BIN_EXE_ogi"))
}

fn run(args: &[&str]) -> Output {
    ogi().args(args).output().expect("ogi runs")
}

/// A small 2021-template report as loose text, numbers separated by spaces; `n` varies values.
fn spaced_report(agency: &str, year: u16, n: u32) -> String {
    let mut s = format!("{agency}{year}年政府信息公开工作年度报告\n本报告中所列数据统计期限自{year}年1月1日起至{year}年12月31日止。\n");
    s.push_str("二、主动公开政府信息情况\n第二十条第（一）项\n信息内容 本年制发件数 本年废止件数 现行有效件数\n");
    s.push_str(&format!("规章 0 0 {n}\n行政规范性文件 1 0 {}\n", n + 3));
    s.push_str("第二十条第（五）项\n信息内容 本年处理决定数量\n行政许可 5\n第二十条第（六）项\n行政处罚 120\n行政强制 0\n");
    s.push_str("第二十条第（八）项\n信息内容 本年收费金额（单位：万元）\n行政事业性收费 5.5\n");
    s.push_str("三、收到和处理政府信息公开申请情况\n");
    let rows = [
        "一、本年新收政府信息公开申请数量",
        "二、上年结转政府信息公开申请数量",
        "（一）予以公开",
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
        "1.属于国家秘密",
        "2.其他法律行政法规禁止公开",
        "3.危及“三安全一稳定”",
        "4.保护第三方合法权益",
        "5.属于三类内部事务信息",
        "6.属于四类过程性信息",
        "7.属于行政执法案卷",
        "8.属于行政查询事项",
        "1.本机关不掌握相关政府信息",
        "2.没有现成信息需要另行制作",
        "3.补正后申请内容仍不明确",
        "1.信访举报投诉类申请",
        "2.重复申请",
        "3.要求提供公开出版物",
        "4.无正当理由大量反复申请",
        "5.要求行政机关确认或重新出具已获取信息",
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        "3.其他",
        "（七）总计",
        "四、结转下年度继续办理",
    ];
    for (i, label) in rows.iter().enumerate() {
        let v = match i {
            0 | 2 | 23 => n,
            _ => 0,
        };
        s.push_str(&format!("{label} {v} 0 0 0 0 0 {v}\n"));
    }
    s.push_str("四、政府信息公开行政复议、行政诉讼情况\n行政复议 行政诉讼\n结果维持 结果纠正 其他结果 尚未审结 总计\n");
    s.push_str("1 0 0 0 1 0 0 0 0 0 0 0 0 0 0\n五、存在的主要问题及改进情况\n无。\n");
    s
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
    assert_eq!(lines[0], "report_id,source,sha256,bytes,format,encoding,template,agency,year,title,status,reason,cells,checks_failed");
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
        assert!(!name.starts_with('.'), "left over: {name}");
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
        "key,table,row,col,printed_in,derived_in,label_zh,label_en,unit"
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
    assert!(text.contains(",万元\n"));
    // s2: 10 (2021) + 22 (2019) − 3 shared `decisions`; s3: 26 rows × 7; s4: 15.
    assert_eq!(lines.len() - 1, 29 + 26 * 7 + 15 + 3 * 7);
}

//! Helpers shared by the integration tests: small documents written by the tests themselves.
#![allow(dead_code)]

use std::collections::HashMap;
use std::path::Path;
use std::process::{Command, Output};

pub fn ogi() -> Command {
    Command::new(env!("CARGO_BIN_EXE_ogi"))
}

pub fn run(args: &[&str]) -> Output {
    ogi().args(args).output().expect("ogi runs")
}

pub fn run_ok(args: &[&str]) -> Output {
    let o = run(args);
    assert!(
        o.status.success(),
        "ogi {args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    o
}

/// The output files compared between runs.
pub const OUTPUT_FILES: &[&str] = &[
    "reports.csv",
    "cells.csv",
    "checks.csv",
    "warnings.csv",
    "wide.csv",
    "manifest.csv",
    "panel.csv",
    "indicators.csv",
    "report.html",
];

/// Asserts two output folders hold byte-identical outputs.
pub fn assert_same_outputs(a: &Path, b: &Path) {
    for f in OUTPUT_FILES {
        let x = std::fs::read(a.join(f)).unwrap_or_else(|e| panic!("{}: {e}", a.join(f).display()));
        let y = std::fs::read(b.join(f)).unwrap_or_else(|e| panic!("{}: {e}", b.join(f).display()));
        assert!(
            x == y,
            "{f} differs between {} and {}",
            a.display(),
            b.display()
        );
    }
}

/// A small 2021-template report as loose text, numbers separated by spaces; `n` varies values.
pub fn spaced_report(agency: &str, year: u16, n: u32) -> String {
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

/// A CSV file as rows keyed by header.
pub fn read_csv(path: &Path) -> Vec<HashMap<String, String>> {
    let mut rdr =
        csv::Reader::from_path(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let headers = rdr.headers().expect("header").clone();
    rdr.records()
        .map(|r| {
            let r = r.expect("csv record");
            headers
                .iter()
                .map(String::from)
                .zip(r.iter().map(String::from))
                .collect()
        })
        .collect()
}

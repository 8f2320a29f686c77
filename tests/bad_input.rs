//! Hostile and broken input: every case gets a defined status and reason in `reports.csv`, never
//! a panic, and the other documents of the batch are unaffected. Also the crashing inputs found by
//! fuzzing (`tests/fuzz-regressions/`).

mod common;

use common::run;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

fn sample(name: &str) -> Vec<u8> {
    std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("samples")
            .join(name),
    )
    .expect("sample")
}

const GOOD_HTML: &str = "000_html_utf8_meta_2021.html";
const GOOD_GBK: &str = "006_html_gbk_meta_2021.html";
const GOOD_TEXT: &str = "016_text_pipe_2021.txt";

fn rows(out: &Path) -> HashMap<String, HashMap<String, String>> {
    common::read_csv(&out.join("reports.csv"))
        .into_iter()
        .map(|m| {
            let name = Path::new(&m["source"])
                .file_name()
                .map(|f| f.to_string_lossy().into_owned())
                .unwrap_or_default();
            (name, m)
        })
        .collect()
}

fn cut_utf8_mid_char(text: &str, near: usize) -> Vec<u8> {
    let mut i = near;
    while text.is_char_boundary(i) {
        i += 1;
    }
    text.as_bytes()[..i].to_vec()
}

/// Writes every hostile case into `dir`; returns the expected (status, reason fragment) by file.
fn write_cases(dir: &Path) -> Vec<(&'static str, &'static [&'static str], &'static str)> {
    let w = |name: &str, bytes: &[u8]| std::fs::write(dir.join(name), bytes).expect("write");
    let good = String::from_utf8(sample(GOOD_HTML)).expect("utf8");
    w("good.html", good.as_bytes());
    w("good_gbk.html", &sample(GOOD_GBK));
    w("good.txt", &sample(GOOD_TEXT));
    w("empty.html", b"");
    let junk: Vec<u8> = (0..20_000u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 11) as u8)
        .collect();
    w("junk.txt", &junk);
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    png.extend_from_slice(&junk[..4000]);
    w("image.html", &png);
    let mut pdf = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\nstream\n".to_vec();
    pdf.extend_from_slice(&junk[..6000]);
    w("report.pdf.html", &pdf);
    // Truncated: in the middle of section 三's table, of a tag, of a multi-byte character.
    let s3 = good.find("收到和处理政府信息公开申请情况").expect("s3");
    w("cut_table.html", &good.as_bytes()[..s3 + 2000]);
    let tag = good[s3..].find("<td").map(|p| s3 + p + 2).expect("td");
    w("cut_tag.html", &good.as_bytes()[..tag]);
    w("cut_char.html", &cut_utf8_mid_char(&good, s3 + 1));
    // Declared encodings that lie, and two encodings in one file.
    let gbk_declared_utf8 = encoding_rs::GBK.encode(&good).0.into_owned();
    w("gbk_says_utf8.html", &gbk_declared_utf8);
    w(
        "utf8_says_gbk.html",
        good.replacen("charset=utf-8", "charset=gb2312", 1)
            .as_bytes(),
    );
    let mut half = good.len() / 2;
    while !good.is_char_boundary(half) {
        half += 1;
    }
    let mut mixed = good.as_bytes()[..half].to_vec();
    mixed.extend_from_slice(&encoding_rs::GBK.encode(&good[half..]).0);
    w("mixed_encodings.html", &mixed);
    // Size and shape.
    let mut big = String::with_capacity(50 << 20);
    big.push_str("<html><body>");
    while big.len() < 50 << 20 {
        big.push_str("<p>政务公开工作持续推进，信息发布及时准确。</p>\n");
    }
    big.push_str(&good);
    w("huge_50mb.html", big.as_bytes());
    let deep =
        "<table><tr><td>".repeat(10_000) + "规章 1 2 3" + &"</td></tr></table>".repeat(10_000);
    w("nested_10000.html", deep.as_bytes());
    let wide = format!(
        "<table><tr><td>一、本年新收政府信息公开申请数量</td>{}</tr></table>",
        "<td>1</td>".repeat(10_000)
    );
    w("row_10000_cells.html", wide.as_bytes());
    let spans = good
        .replacen("colspan=\"4\"", "colspan=\"0\"", 1)
        .replacen("rowspan=\"3\"", "rowspan=\"-5\"", 1)
        .replacen("colspan=\"7\"", "colspan=\"99999999999\"", 1)
        .replacen("rowspan=\"2\"", "rowspan=\"two\"", 1);
    w("bad_spans.html", spans.as_bytes());
    // Section 三 with a column missing, and with two extra.
    let s3_table_start = good[s3..].find("<table").map(|p| s3 + p).expect("table");
    let s3_table_end = good[s3_table_start..]
        .find("</table>")
        .map(|p| s3_table_start + p)
        .expect("end");
    let s3_table = &good[s3_table_start..s3_table_end];
    let one_less: String = s3_table
        .split("</tr>")
        .map(|row| match row.rfind("<td") {
            Some(i)
                if row.contains("申请数量")
                    || row.contains("结转下年度")
                    || row.contains("予以公开") =>
            {
                row[..i].to_string()
            }
            _ => row.to_string(),
        })
        .collect::<Vec<_>>()
        .join("</tr>");
    w(
        "column_missing.html",
        format!(
            "{}{}{}",
            &good[..s3_table_start],
            one_less,
            &good[s3_table_end..]
        )
        .as_bytes(),
    );
    let two_more = s3_table.replace("</tr>", "<td>9</td><td>9</td></tr>");
    w(
        "columns_extra.html",
        format!(
            "{}{}{}",
            &good[..s3_table_start],
            two_more,
            &good[s3_table_end..]
        )
        .as_bytes(),
    );
    // Two reports in one page, and a section printed twice.
    w(
        "two_reports.html",
        format!(
            "{good}{}",
            String::from_utf8(sample("001_html_utf8_meta_2019.html")).expect("utf8")
        )
        .as_bytes(),
    );
    let s2_start = good.find("二、主动公开政府信息情况").expect("s2");
    w(
        "duplicate_section.html",
        format!("{}{}", &good[..s3], &good[s2_start..]).as_bytes(),
    );
    vec![
        ("good.html", &["ok"], ""),
        ("good_gbk.html", &["ok"], ""),
        ("good.txt", &["ok"], ""),
        ("empty.html", &["not_a_report"], "empty document"),
        ("junk.txt", &["not_a_report"], "binary content"),
        ("image.html", &["not_a_report"], "binary content"),
        ("report.pdf.html", &["error"], "damaged PDF"),
        ("cut_table.html", &["partial"], "table s4 not found"),
        ("cut_tag.html", &["partial"], "not found"),
        ("cut_char.html", &["partial"], "not found"),
        ("gbk_says_utf8.html", &["ok"], ""),
        ("utf8_says_gbk.html", &["ok"], ""),
        (
            "mixed_encodings.html",
            &["ok", "partial", "not_a_report"],
            "",
        ),
        ("huge_50mb.html", &["ok"], ""),
        ("nested_10000.html", &["not_a_report", "partial"], ""),
        (
            "row_10000_cells.html",
            &["partial"],
            "wrong number of cells",
        ),
        ("bad_spans.html", &["ok"], ""),
        ("column_missing.html", &["partial"], "wrong number of cells"),
        ("columns_extra.html", &["partial"], "wrong number of cells"),
        ("two_reports.html", &["ok"], ""),
        ("duplicate_section.html", &["ok"], ""),
    ]
}

#[test]
fn every_hostile_case_has_a_defined_status_and_the_batch_goes_on() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let input = tmp.path().join("in");
    std::fs::create_dir_all(&input).expect("mkdir");
    let expected = write_cases(&input);
    // A directory loop through symbolic links.
    std::fs::create_dir_all(input.join("loop")).expect("mkdir");
    std::os::unix::fs::symlink(&input, input.join("loop/back")).expect("symlink");
    let out = tmp.path().join("out");
    let o = run(&[
        "extract",
        input.to_str().expect("utf8"),
        "--out",
        out.to_str().expect("utf8"),
        "--quiet",
    ]);
    // The loop could not be read: exit 1, and a row that says so.
    assert_eq!(
        o.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let rows = rows(&out);
    let mut problems = Vec::new();
    for (name, statuses, reason) in &expected {
        let Some(r) = rows.get(*name) else {
            problems.push(format!("{name}: no row"));
            continue;
        };
        if !statuses.contains(&r["status"].as_str()) || !r["reason"].contains(reason) {
            problems.push(format!(
                "{name}: {} {:?}, expected {statuses:?} {reason:?}",
                r["status"], r["reason"]
            ));
        }
    }
    let loop_row = rows
        .values()
        .find(|r| r["reason"].contains("loop"))
        .map(|r| r["status"].clone());
    if loop_row.as_deref() != Some("error") {
        problems.push(format!("symlink loop: {loop_row:?}"));
    }
    let warnings = std::fs::read_to_string(out.join("warnings.csv")).expect("warnings");
    for code in ["several_reports", "extra_cells", "short_row"] {
        if !warnings.contains(code) {
            problems.push(format!("no {code} warning"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn limits_refuse_with_a_clear_reason() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let input = tmp.path().join("in");
    std::fs::create_dir_all(&input).expect("mkdir");
    std::fs::write(input.join("good.html"), sample(GOOD_HTML)).expect("write");
    let wide = format!("<table><tr>{}</tr></table>", "<td>1</td>".repeat(5_000));
    std::fs::write(input.join("many_cells.html"), wide).expect("write");
    let out = tmp.path().join("out");
    let o = run(&[
        "extract",
        input.to_str().expect("utf8"),
        "--out",
        out.to_str().expect("utf8"),
        "--quiet",
        "--max-cells",
        "1000",
    ]);
    assert_eq!(
        o.status.code(),
        Some(1),
        "a document refused by a limit is not read"
    );
    let rows = rows(&out);
    assert_eq!(rows["good.html"]["status"], "ok");
    assert_eq!(rows["many_cells.html"]["status"], "error");
    assert!(rows["many_cells.html"]["reason"]
        .contains("5000 table cells, over the limit of 1000 (--max-cells)"));
    let help = String::from_utf8(run(&["extract", "--help"]).stdout).expect("utf8");
    assert!(help.contains("--max-bytes") && help.contains("--max-cells"));
}

#[test]
fn a_file_that_disappears_during_the_run_is_an_error_row() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let input = tmp.path().join("in");
    std::fs::create_dir_all(&input).expect("mkdir");
    std::fs::write(input.join("a.html"), sample(GOOD_HTML)).expect("write");
    std::fs::write(input.join("b.html"), sample(GOOD_GBK)).expect("write");
    let sources = ogi::internals::discover(&[input.to_string_lossy().into_owned()]);
    std::fs::remove_file(input.join("a.html")).expect("rm");
    let out = tmp.path().join("out");
    let summary = ogi::internals::run_batch(
        &sources,
        &out,
        &ogi::internals::BatchOptions::default(),
        &|_| {},
    )
    .expect("run");
    assert_eq!(summary.unreadable, 1);
    let rows = rows(&out);
    assert_eq!(rows["a.html"]["status"], "error");
    assert!(rows["a.html"]["reason"].starts_with("cannot read"));
    assert_eq!(rows["b.html"]["status"], "ok");
}

#[test]
fn fuzz_regressions_run_without_panicking() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz-regressions");
    let files = |sub: &str| -> Vec<Vec<u8>> {
        let mut out: Vec<Vec<u8>> = std::fs::read_dir(dir.join(sub))
            .expect("ls")
            .map(|e| std::fs::read(e.expect("entry").path()).expect("read"))
            .collect();
        out.sort();
        out
    };
    let extract = files("extract");
    assert!(!extract.is_empty());
    for bytes in &extract {
        let ex = ogi::extract(bytes, None);
        assert!(!ex.report_id.is_empty());
    }
    for bytes in files("solver") {
        let text = String::from_utf8_lossy(&bytes);
        let rows: Vec<ogi::internals::RowInput> = text
            .lines()
            .map(|l| ogi::internals::RowInput::Glued {
                pieces: l
                    .split(' ')
                    .filter(|p| !p.is_empty())
                    .map(String::from)
                    .collect(),
                kinds: vec![ogi::internals::CellKind::Count; 7],
            })
            .collect();
        let eqs = ogi::internals::i2(rows.len());
        let out = ogi::internals::solve_table(&rows, &eqs, &std::collections::HashMap::new());
        assert_eq!(out.len(), rows.len());
    }
}

//! Web archives and zip files as inputs: the same pages give the same cells whether they are
//! files on disk, responses in a WARC (plain or gzipped) or entries of a zip; reports.csv names
//! them `FILE#RECORD-ID` and keeps their URL.

mod common;

use common::run_ok;
use std::collections::BTreeSet;
use std::io::Write;
use std::path::Path;

fn response(id: usize, name: &str, body: &[u8], charset: Option<&str>) -> Vec<u8> {
    let ct = match charset {
        Some(cs) => format!("text/html; charset={cs}"),
        None => "text/html".to_string(),
    };
    let mut block = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: {ct}\r\nContent-Length: {}\r\n\r\n",
        body.len()
    )
    .into_bytes();
    block.extend_from_slice(body);
    let mut r = format!(
        "WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-{id:012}>\r\nWARC-Target-URI: http://www.example.gov.cn/nb/{name}\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n",
        block.len()
    )
    .into_bytes();
    r.extend_from_slice(&block);
    r.extend_from_slice(b"\r\n\r\n");
    r
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    e.write_all(bytes).expect("gzip");
    e.finish().expect("gzip")
}

fn cells_of(out: &Path) -> BTreeSet<String> {
    std::fs::read_to_string(out.join("cells.csv"))
        .expect("cells")
        .lines()
        .skip(1)
        .map(String::from)
        .collect()
}

#[test]
fn warc_and_zip_give_the_cells_of_the_pages() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let pages = tmp.path().join("pages");
    run_ok(&[
        "synth",
        "--count",
        "36",
        "--seed",
        "5",
        "--out",
        pages.to_str().expect("utf8"),
    ]);
    let mut docs: Vec<(String, Vec<u8>)> = std::fs::read_dir(&pages)
        .expect("ls")
        .map(|e| e.expect("entry").path())
        .filter(|p| !p.to_string_lossy().contains("truth_"))
        .map(|p| {
            (
                p.file_name().expect("name").to_string_lossy().into_owned(),
                std::fs::read(&p).expect("read"),
            )
        })
        .collect();
    docs.sort();
    let truth = std::fs::read_to_string(pages.join("truth_reports.csv")).expect("truth");
    let mut plain = Vec::new();
    let mut members = Vec::new();
    let zip_path = tmp.path().join("arch/pages.zip");
    std::fs::create_dir_all(zip_path.parent().expect("parent")).expect("mkdir");
    let mut z = zip::ZipWriter::new(std::fs::File::create(&zip_path).expect("zip"));
    for (i, (name, bytes)) in docs.iter().enumerate() {
        // The HTTP header names the charset of GBK pages, as servers do.
        let gbk = truth
            .lines()
            .any(|l| l.starts_with(name.as_str()) && l.contains(",gbk,"));
        let rec = response(i, name, bytes, gbk.then_some("gbk"));
        plain.extend_from_slice(&rec);
        members.extend(gzip(&rec));
        z.start_file(
            format!("site/{name}"),
            zip::write::SimpleFileOptions::default(),
        )
        .expect("entry");
        z.write_all(bytes).expect("write");
    }
    z.finish().expect("finish");
    std::fs::write(tmp.path().join("arch/crawl.warc"), &plain).expect("warc");
    std::fs::write(tmp.path().join("arch/crawl.warc.gz"), &members).expect("warc.gz");

    let disk = tmp.path().join("out-disk");
    run_ok(&[
        "extract",
        pages.to_str().expect("utf8"),
        "--out",
        disk.to_str().expect("utf8"),
        "--quiet",
    ]);
    let want = cells_of(&disk);
    assert!(want.len() > 4000);
    for input in ["crawl.warc", "crawl.warc.gz", "pages.zip"] {
        let out = tmp.path().join(format!("out-{input}"));
        let path = tmp.path().join("arch").join(input);
        run_ok(&[
            "extract",
            path.to_str().expect("utf8"),
            "--out",
            out.to_str().expect("utf8"),
            "--quiet",
        ]);
        assert_eq!(cells_of(&out), want, "{input}");
        let reports = std::fs::read_to_string(out.join("reports.csv")).expect("reports");
        assert_eq!(reports.lines().count(), docs.len() + 1, "{input}");
        if input.starts_with("crawl") {
            let row = reports.lines().nth(1).expect("row");
            assert!(
                row.contains("#<urn:uuid:00000000-0000-0000-0000-000000000000>,"),
                "{row}"
            );
            assert!(
                row.contains(",http://www.example.gov.cn/nb/000_html_utf8_meta_2021.html,"),
                "{row}"
            );
        } else {
            assert!(reports.contains("pages.zip#site/000_html_utf8_meta_2021.html,"));
        }
    }
    // A directory walk finds the archives too.
    let all = tmp.path().join("out-all");
    run_ok(&[
        "extract",
        tmp.path().join("arch").to_str().expect("utf8"),
        "--out",
        all.to_str().expect("utf8"),
        "--quiet",
    ]);
    let rows = std::fs::read_to_string(all.join("reports.csv"))
        .expect("reports")
        .lines()
        .count();
    assert_eq!(rows, 3 * docs.len() + 1);
}

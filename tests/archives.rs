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
    http_record(id, name, "200 OK", &ct, body)
}

fn http_record(id: usize, name: &str, status: &str, ct: &str, body: &[u8]) -> Vec<u8> {
    let mut block = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {ct}\r\nContent-Length: {}\r\n\r\n",
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

#[test]
fn damaged_empty_and_nested_archives_each_get_rows() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let arch = tmp.path().join("arch");
    std::fs::create_dir_all(&arch).expect("mkdir");
    let page = common::spaced_report("某某县人民政府", 2023, 4);
    let good = |i: usize| response(i, &format!("{i}.html"), page.as_bytes(), None);
    // A WARC whose second record lies about its length: the first and third are still read.
    let mut lying = good(1);
    let mut second = good(2);
    let key = b"Content-Length: ";
    let at = memchr::memmem::find(&second, key).expect("length") + key.len();
    second.insert(at, b'1');
    lying.extend(second);
    lying.extend(good(3));
    std::fs::write(arch.join("lying.warc"), &lying).expect("write");
    // A .warc.gz cut short: its complete records are read.
    let mut cut: Vec<u8> = [good(4), good(5)].iter().flat_map(|r| gzip(r)).collect();
    let last = gzip(&good(6));
    cut.extend_from_slice(&last[..last.len() / 2]);
    std::fs::write(arch.join("cut.warc.gz"), &cut).expect("write");
    // A WARC with only a 404 and an image.
    let mut none = http_record(
        7,
        "missing.html",
        "404 Not Found",
        "text/html",
        b"<p>no</p>",
    );
    none.extend(http_record(8, "logo.png", "200 OK", "image/png", b"PNG"));
    std::fs::write(arch.join("none.warc"), &none).expect("write");
    // A zip holding another zip beside a page.
    let mut z = zip::ZipWriter::new(std::fs::File::create(arch.join("outer.zip")).expect("zip"));
    let opts = zip::write::SimpleFileOptions::default();
    z.start_file("page.txt", opts).expect("entry");
    z.write_all(page.as_bytes()).expect("write");
    z.start_file("more/inner.zip", opts).expect("entry");
    z.write_all(b"PK\x05\x06").expect("write");
    z.finish().expect("finish");

    let out = tmp.path().join("out");
    let o = common::run(&[
        "extract",
        arch.to_str().expect("utf8"),
        "--out",
        out.to_str().expect("utf8"),
        "--quiet",
    ]);
    // Not everything was read: the damaged records and the nested zip.
    assert_eq!(o.status.code(), Some(1));
    let rows = common::read_csv(&out.join("reports.csv"));
    let status_of = |needle: &str| -> Vec<(String, String)> {
        rows.iter()
            .filter(|r| r["source"].contains(needle))
            .map(|r| (r["status"].clone(), r["reason"].clone()))
            .collect()
    };
    let lying_rows = status_of("lying.warc");
    assert_eq!(lying_rows.len(), 3, "{lying_rows:?}");
    assert_eq!(lying_rows.iter().filter(|r| r.0 == "ok").count(), 2);
    assert!(
        lying_rows
            .iter()
            .any(|r| r.0 == "error" && r.1.contains("Content-Length")),
        "{lying_rows:?}"
    );
    let cut_rows = status_of("cut.warc.gz");
    assert_eq!(
        cut_rows.iter().filter(|r| r.0 == "ok").count(),
        2,
        "{cut_rows:?}"
    );
    assert_eq!(cut_rows.iter().filter(|r| r.0 == "error").count(), 1);
    assert_eq!(
        status_of("none.warc"),
        [(
            "not_a_report".to_string(),
            "no HTML or text document among its 2 records (1 HTTP 404, 1 image/png)".to_string()
        )]
    );
    let outer = status_of("outer.zip");
    assert!(
        outer.contains(&("ok".to_string(), String::new())),
        "{outer:?}"
    );
    assert!(
        outer
            .iter()
            .any(|r| r.0 == "error" && r.1.contains("a zip archive inside an archive: not read")),
        "{outer:?}"
    );
    assert!(rows
        .iter()
        .any(|r| r["source"].ends_with("outer.zip#more/inner.zip")));
}

//! Archives written by the tests themselves: WARC records of every kind, gzip members, chunked
//! and compressed payloads, damaged files, and zips.

use super::*;
use std::io::Write;

pub(crate) fn record(
    warc_type: &str,
    id: &str,
    uri: &str,
    content_type: &str,
    block: &[u8],
) -> Vec<u8> {
    let mut r = format!(
        "WARC/1.1\r\nWARC-Type: {warc_type}\r\nWARC-Record-ID: <urn:uuid:{id}>\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2024-01-01T00:00:00Z\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
        block.len()
    )
    .into_bytes();
    r.extend_from_slice(block);
    r.extend_from_slice(b"\r\n\r\n");
    r
}

pub(crate) fn response(id: &str, uri: &str, status: &str, headers: &str, body: &[u8]) -> Vec<u8> {
    let mut block = format!("HTTP/1.1 {status}\r\n{headers}\r\n").into_bytes();
    block.extend_from_slice(body);
    record(
        "response",
        id,
        uri,
        "application/http; msgtype=response",
        &block,
    )
}

pub(crate) fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    e.write_all(bytes).expect("gzip");
    e.finish().expect("gzip")
}

fn records() -> Vec<Vec<u8>> {
    let gbk = encoding_rs::GBK
        .encode("<p>二、主动公开政府信息情况</p>")
        .0
        .into_owned();
    let chunked = b"9\r\n<p>hello \r\n6\r\nworld<\r\n0\r\n\r\n".to_vec();
    vec![
        record(
            "warcinfo",
            "0",
            "",
            "application/warc-fields",
            b"software: test\r\n",
        ),
        record(
            "request",
            "1",
            "http://a.gov.cn/1.html",
            "application/http; msgtype=request",
            b"GET /1.html HTTP/1.1\r\n\r\n",
        ),
        response(
            "2",
            "http://a.gov.cn/1.html",
            "200 OK",
            "Content-Type: text/html; charset=utf-8\r\n",
            "<p>年度报告</p>".as_bytes(),
        ),
        response(
            "3",
            "http://a.gov.cn/2.html",
            "200 OK",
            "Content-Type: text/html; charset=gbk\r\n",
            &gbk,
        ),
        response(
            "4",
            "http://a.gov.cn/3.html",
            "200 OK",
            "Content-Type: text/html\r\nTransfer-Encoding: chunked\r\n",
            &chunked,
        ),
        response(
            "5",
            "http://a.gov.cn/4.html",
            "200 OK",
            "Content-Type: text/html\r\nContent-Encoding: gzip\r\n",
            &gzip(b"<p>zipped</p>"),
        ),
        response(
            "6",
            "http://a.gov.cn/missing.html",
            "404 Not Found",
            "Content-Type: text/html\r\n",
            b"<p>no</p>",
        ),
        response(
            "7",
            "http://a.gov.cn/logo.png",
            "200 OK",
            "Content-Type: image/png\r\n",
            b"\x89PNG....",
        ),
        record(
            "revisit",
            "8",
            "http://a.gov.cn/1.html",
            "application/http; msgtype=response",
            b"HTTP/1.1 200 OK\r\n\r\n",
        ),
        record(
            "resource",
            "9",
            "file:///r.txt",
            "text/plain; charset=utf-8",
            "一、总体情况".as_bytes(),
        ),
    ]
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).expect("write");
    p
}

fn check_listing(path: &Path) {
    let l = list(path).expect("listing");
    let ids: Vec<&str> = l.entries.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "<urn:uuid:2>",
            "<urn:uuid:3>",
            "<urn:uuid:4>",
            "<urn:uuid:5>",
            "<urn:uuid:9>"
        ]
    );
    assert_eq!(l.skipped_total(), 5);
    assert_eq!(l.skipped.get("HTTP 404"), Some(&1));
    assert_eq!(l.skipped.get("image/png"), Some(&1));
    assert_eq!(l.skipped.get("request record"), Some(&1));
    assert!(l.errors.is_empty(), "{:?}", l.errors);
    assert_eq!(l.entries[0].url.as_deref(), Some("http://a.gov.cn/1.html"));
    assert_eq!(l.entries[1].charset.as_deref(), Some("gbk"));
    let body = |i: usize| read(path, &l.entries[i].locator, 1 << 20).expect("body");
    assert_eq!(body(0), "<p>年度报告</p>".as_bytes());
    assert_eq!(
        body(1),
        encoding_rs::GBK
            .encode("<p>二、主动公开政府信息情况</p>")
            .0
            .into_owned()
    );
    assert_eq!(body(2), b"<p>hello world<");
    assert_eq!(body(3), b"<p>zipped</p>");
    assert_eq!(body(4), "一、总体情况".as_bytes());
    assert!(matches!(
        read(path, &l.entries[0].locator, 4),
        Err(ArchiveError::TooLarge(..))
    ));
}

#[test]
fn plain_and_gzipped_warc() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let plain: Vec<u8> = records().concat();
    check_listing(&write(tmp.path(), "a.warc", &plain));
    let members: Vec<u8> = records().iter().flat_map(|r| gzip(r)).collect();
    check_listing(&write(tmp.path(), "b.warc.gz", &members));
    // One gzip stream for the whole file is read too.
    check_listing(&write(tmp.path(), "c.warc.gz", &gzip(&plain)));
}

#[test]
fn damaged_archives_keep_their_good_records() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let recs = records();
    // A plain WARC cut in the middle of the third response.
    let mut cut: Vec<u8> = recs[..4].concat();
    cut.extend_from_slice(&recs[4][..recs[4].len() / 2]);
    let l = list(&write(tmp.path(), "cut.warc", &cut)).expect("listing");
    assert_eq!(l.entries.len(), 2);
    assert_eq!(l.errors.len(), 1, "{:?}", l.errors);
    // A corrupt gzip member between good ones.
    let mut members: Vec<u8> = Vec::new();
    for (i, r) in recs.iter().enumerate() {
        let mut m = gzip(r);
        if i == 3 {
            let n = m.len();
            m[n / 2] ^= 0xff;
            m[n / 2 + 1] ^= 0xff;
        }
        members.extend(m);
    }
    let l = list(&write(tmp.path(), "bad.warc.gz", &members)).expect("listing");
    assert!(l.entries.len() >= 4, "{:?}", l.entries);
    assert!(!l.errors.is_empty());
    // Garbage is not an archive.
    let junk: Vec<u8> = (0..3000u32).map(|i| (i * 7919 % 251) as u8).collect();
    assert!(matches!(
        list(&write(tmp.path(), "junk.warc.gz", &junk)),
        Err(ArchiveError::Format(..))
    ));
    assert!(matches!(
        list(&write(tmp.path(), "junk.warc", &junk)),
        Err(ArchiveError::Format(..))
    ));
    assert!(list(&write(tmp.path(), "junk.zip", &junk)).is_err());
    assert!(list(&write(tmp.path(), "empty.warc", b""))
        .expect("empty")
        .entries
        .is_empty());
}

#[test]
fn zip_entries() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let path = tmp.path().join("pages.zip");
    let mut z = zip::ZipWriter::new(std::fs::File::create(&path).expect("create"));
    let opts = zip::write::SimpleFileOptions::default();
    for (name, body) in [
        ("a/1.html", "<p>一</p>"),
        ("a/logo.png", "png"),
        ("b/2.TXT", "二"),
        ("c/", ""),
    ] {
        if name.ends_with('/') {
            z.add_directory(name, opts).expect("dir");
        } else {
            z.start_file(name, opts).expect("file");
            z.write_all(body.as_bytes()).expect("write");
        }
    }
    z.finish().expect("finish");
    let l = list(&path).expect("listing");
    let ids: Vec<&str> = l.entries.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids, ["a/1.html", "b/2.TXT"]);
    assert_eq!(
        read(&path, &l.entries[1].locator, 100).expect("read"),
        "二".as_bytes()
    );
    assert!(matches!(
        read(&path, &l.entries[0].locator, 3),
        Err(ArchiveError::TooLarge(..))
    ));
}

/// The ids of a listing's documents.
fn ids(l: &Listing) -> Vec<String> {
    l.entries.iter().map(|e| e.id.clone()).collect()
}

/// A record whose Content-Length says `delta` more (or fewer) bytes than its block holds.
fn lying(rec: &[u8], delta: i64) -> Vec<u8> {
    let key = b"Content-Length: ";
    let at = memchr::memmem::find(rec, key).expect("length") + key.len();
    let end = at + memchr::memchr(b'\r', &rec[at..]).expect("line end");
    let n: i64 = std::str::from_utf8(&rec[at..end])
        .expect("digits")
        .parse()
        .expect("number");
    let mut out = rec[..at].to_vec();
    out.extend_from_slice((n + delta).to_string().as_bytes());
    out.extend_from_slice(&rec[end..]);
    out
}

#[test]
fn a_wrong_content_length_damages_only_its_record() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let recs = records();
    let all_docs = [
        "<urn:uuid:2>",
        "<urn:uuid:3>",
        "<urn:uuid:4>",
        "<urn:uuid:5>",
        "<urn:uuid:9>",
    ];
    for delta in [-7, 9, 400] {
        // Record 3 (the GBK page) lies about its length; the records after it are intact.
        let mut bytes = Vec::new();
        for (i, r) in recs.iter().enumerate() {
            bytes.extend(if i == 3 { lying(r, delta) } else { r.clone() });
        }
        let path = write(tmp.path(), &format!("lying{delta}.warc"), &bytes);
        let l = list(&path).expect("listing");
        let want: Vec<&str> = all_docs
            .iter()
            .copied()
            .filter(|i| *i != "<urn:uuid:3>")
            .collect();
        assert_eq!(ids(&l), want, "Content-Length {delta:+}: {:?}", l.errors);
        assert_eq!(l.errors.len(), 1, "{delta:+}: {:?}", l.errors);
        assert!(l.errors[0].1.contains("Content-Length"), "{:?}", l.errors);
        // The records after the damaged one are read whole.
        let last = l.entries.last().expect("entry");
        assert_eq!(
            read(&path, &last.locator, 1 << 20).expect("body"),
            "一、总体情况".as_bytes()
        );
    }
    // In a gzip member of its own, the lying record is damaged and the next members are read.
    let members: Vec<u8> = recs
        .iter()
        .enumerate()
        .flat_map(|(i, r)| gzip(&if i == 3 { lying(r, -7) } else { r.clone() }))
        .collect();
    let l = list(&write(tmp.path(), "lying.warc.gz", &members)).expect("listing");
    assert_eq!(ids(&l).len(), 4, "{:?}", ids(&l));
    assert_eq!(l.errors.len(), 1, "{:?}", l.errors);
}

#[test]
fn a_truncated_warc_keeps_its_complete_records() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let recs = records();
    let members: Vec<Vec<u8>> = recs.iter().map(|r| gzip(r)).collect();
    // Cut in the middle of the last member (the text resource), then in the middle of the one
    // before it (the revisit record, not a document).
    for cut_member in [9, 8] {
        let mut bytes: Vec<u8> = members[..cut_member].concat();
        bytes.extend_from_slice(&members[cut_member][..members[cut_member].len() / 2]);
        let path = write(tmp.path(), &format!("cut{cut_member}.warc.gz"), &bytes);
        let l = list(&path).expect("listing");
        assert_eq!(
            ids(&l),
            [
                "<urn:uuid:2>",
                "<urn:uuid:3>",
                "<urn:uuid:4>",
                "<urn:uuid:5>"
            ]
        );
        assert_eq!(l.errors.len(), 1, "{:?}", l.errors);
        for e in &l.entries {
            read(&path, &e.locator, 1 << 20).expect("a complete record reads");
        }
    }
    // One gzip stream for the whole file, cut inside the last record: the others are kept.
    let plain: Vec<u8> = recs.concat();
    let whole = gzip(&plain);
    let path = write(tmp.path(), "cut-stream.warc.gz", &whole[..whole.len() - 30]);
    let l = list(&path).expect("listing");
    assert_eq!(
        ids(&l),
        [
            "<urn:uuid:2>",
            "<urn:uuid:3>",
            "<urn:uuid:4>",
            "<urn:uuid:5>"
        ]
    );
    assert_eq!(l.errors.len(), 1, "{:?}", l.errors);
    for e in &l.entries {
        read(&path, &e.locator, 1 << 20).expect("a complete record reads");
    }
    // A plain file cut inside its last record.
    let path = write(tmp.path(), "cut.warc", &plain[..plain.len() - 10]);
    let l = list(&path).expect("listing");
    assert_eq!(ids(&l).len(), 4);
    assert_eq!(l.errors.len(), 1);
}

#[test]
fn archives_without_documents_say_what_they_held() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let recs = records();
    // Only the warcinfo, request, 404, image and revisit records.
    let bytes: Vec<u8> = [0, 1, 6, 7, 8]
        .iter()
        .flat_map(|&i| recs[i].clone())
        .collect();
    let l = list(&write(tmp.path(), "none.warc", &bytes)).expect("listing");
    assert!(l.entries.is_empty());
    assert_eq!(
        l.nothing_read(),
        "no HTML or text document among its 5 records (1 HTTP 404, 1 image/png, 1 request record, 1 revisit record, 1 warcinfo record)"
    );
    assert_eq!(
        list(&write(tmp.path(), "empty.warc", b""))
            .expect("listing")
            .nothing_read(),
        "an archive with no records"
    );
}

#[test]
fn archives_inside_archives_are_named() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let path = tmp.path().join("outer.zip");
    let mut z = zip::ZipWriter::new(std::fs::File::create(&path).expect("create"));
    let opts = zip::write::SimpleFileOptions::default();
    for (name, body) in [
        ("a/1.html", &b"<p>one</p>"[..]),
        ("a/inner.zip", b"PK\x05\x06"),
        ("b/crawl.warc.gz", b"\x1f\x8b"),
        ("b/logo.PNG", b"png"),
    ] {
        z.start_file(name, opts).expect("file");
        z.write_all(body).expect("write");
    }
    z.finish().expect("finish");
    let l = list(&path).expect("listing");
    assert_eq!(ids(&l), ["a/1.html"]);
    assert_eq!(
        l.nested,
        [
            ("a/inner.zip".to_string(), "zip"),
            ("b/crawl.warc.gz".to_string(), "WARC")
        ]
    );
    assert_eq!(l.skipped.get(".png file"), Some(&1));
    // A WARC response holding a zip.
    let rec = response(
        "z",
        "http://a.gov.cn/files/reports",
        "200 OK",
        "Content-Type: application/zip\r\n",
        b"PK\x05\x06",
    );
    let l = list(&write(tmp.path(), "z.warc", &rec)).expect("listing");
    assert!(l.entries.is_empty());
    assert_eq!(l.nested, [("<urn:uuid:z>".to_string(), "zip")]);
}

/*!
WARC files (`.warc`, and `.warc.gz` where each record is its own gzip member, or the whole file
one stream). Records are parsed from their `WARC/1.x` header block and `Content-Length`, and a
record counts only when its Content-Length ends where the next record (or the end) begins. A
damaged record is reported and the listing resumes at the next record (the next gzip member, or
the next `WARC/1.` line of a plain file); records after a damaged one inside a single gzip stream
cannot be reached and are reported with it. A file cut short keeps every complete record.
*/

use super::{http, ArchiveError, Entry, Listing, Locator};
use std::fs::File;
use std::io::{BufRead, BufReader, Read, Seek, SeekFrom};
use std::path::Path;

/// Bytes of a record block read while listing: enough for the HTTP headers.
const HEAD_BYTES: u64 = 64 * 1024;

struct Header {
    warc_type: String,
    id: String,
    uri: Option<String>,
    content_type: Option<String>,
    length: u64,
}

/// Why a stream could not be read on.
#[derive(Debug)]
enum ScanError {
    /// The bytes ended or could not be read (a truncated file, a corrupt gzip member).
    Io(String),
    /// The bytes are there but are not what a record holds here.
    Format(String),
}

impl ScanError {
    fn why(self) -> String {
        match self {
            ScanError::Io(w) | ScanError::Format(w) => w,
        }
    }
}

fn io(e: std::io::Error) -> ScanError {
    ScanError::Io(e.to_string())
}

/// Skips the blank lines that separate records.
fn skip_blank(r: &mut impl BufRead) -> Result<(), ScanError> {
    loop {
        let buf = r.fill_buf().map_err(io)?;
        let n = buf
            .iter()
            .take_while(|b| matches!(b, b'\r' | b'\n'))
            .count();
        if n == 0 {
            return Ok(());
        }
        r.consume(n);
    }
}

/// Reads the next record's WARC header; `Ok(None)` at the end of the stream.
fn read_header(r: &mut impl BufRead) -> Result<Option<Header>, ScanError> {
    skip_blank(r)?;
    // Lines are read as bytes: what is not UTF-8 here is not a header, never a read error.
    let mut raw = Vec::new();
    if r.read_until(b'\n', &mut raw).map_err(io)? == 0 {
        return Ok(None);
    }
    if !raw.starts_with(b"WARC/1.") {
        return Err(ScanError::Format(format!(
            "expected a WARC/1.x record, found {:?}",
            String::from_utf8_lossy(&raw)
                .trim()
                .chars()
                .take(40)
                .collect::<String>()
        )));
    }
    let mut h = Header {
        warc_type: String::new(),
        id: String::new(),
        uri: None,
        content_type: None,
        length: 0,
    };
    let mut have_length = false;
    loop {
        raw.clear();
        if r.read_until(b'\n', &mut raw).map_err(io)? == 0 {
            return Err(ScanError::Io("record header cut short".into()));
        }
        let line = String::from_utf8_lossy(&raw);
        let t = line.trim_end_matches(['\r', '\n']);
        if t.is_empty() {
            break;
        }
        let Some((name, value)) = t.split_once(':') else {
            continue;
        };
        let value = value.trim().to_string();
        match name.trim().to_ascii_lowercase().as_str() {
            "warc-type" => h.warc_type = value.to_ascii_lowercase(),
            "warc-record-id" => h.id = value,
            "warc-target-uri" => h.uri = Some(value.trim_matches(['<', '>']).to_string()),
            "content-type" => h.content_type = Some(value),
            "content-length" => {
                h.length = value
                    .parse()
                    .map_err(|_| ScanError::Format(format!("bad Content-Length {value:?}")))?;
                have_length = true;
            }
            _ => {}
        }
    }
    if !have_length {
        return Err(ScanError::Format("record without Content-Length".into()));
    }
    Ok(Some(h))
}

/// Reads up to `keep` bytes of a block of `len` bytes and skips the rest.
fn read_block(r: &mut impl Read, len: u64, keep: u64) -> Result<Vec<u8>, ScanError> {
    let cut = || ScanError::Io("record cut short: the data ends before its Content-Length".into());
    let mut head = Vec::new();
    r.take(len.min(keep)).read_to_end(&mut head).map_err(io)?;
    if (head.len() as u64) < len.min(keep) {
        return Err(cut());
    }
    if len > keep {
        let skipped = std::io::copy(&mut r.take(len - keep), &mut std::io::sink()).map_err(io)?;
        if skipped < len - keep {
            return Err(cut());
        }
    }
    Ok(head)
}

/// What a record is, from its header and the start of its block.
enum Kind {
    /// An HTML or text document, with the charset its HTTP header names.
    Document(Option<String>),
    /// A zip or WARC file held in the record: named, not read.
    Nested(&'static str),
    /// Not a document; the reason counts it in the listing.
    Skipped(String),
}

fn classify(h: &Header, head: &[u8]) -> Kind {
    let nested =
        |ct: Option<&str>| super::nested_kind(ct.unwrap_or(""), h.uri.as_deref().unwrap_or(""));
    match h.warc_type.as_str() {
        "response" => {
            let Some(resp) = http::parse(head) else {
                return Kind::Skipped("response without an HTTP status line".into());
            };
            if !(200..300).contains(&resp.status) {
                return Kind::Skipped(format!("HTTP {}", resp.status));
            }
            if let Some(what) = nested(resp.content_type.as_deref()) {
                return Kind::Nested(what);
            }
            let is_doc = match &resp.content_type {
                Some(ct) => http::is_document_type(ct),
                None => h.uri.as_deref().is_some_and(super::is_document_name),
            };
            if is_doc {
                Kind::Document(resp.content_type.as_deref().and_then(http::charset))
            } else {
                Kind::Skipped(http::mime(resp.content_type.as_deref().unwrap_or("")))
            }
        }
        "resource" => {
            if let Some(what) = nested(h.content_type.as_deref()) {
                return Kind::Nested(what);
            }
            match h.content_type.as_deref() {
                Some(ct) if http::is_document_type(ct) => Kind::Document(http::charset(ct)),
                Some(ct) => Kind::Skipped(http::mime(ct)),
                None => Kind::Skipped("resource without Content-Type".into()),
            }
        }
        "" => Kind::Skipped("record without WARC-Type".into()),
        other => Kind::Skipped(format!("{other} record")),
    }
}

/// A BufRead that counts the bytes consumed, so that records' places in their stream are known.
struct Tracked<R> {
    inner: R,
    pos: u64,
}

impl<R: BufRead> Read for Tracked<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.pos += n as u64;
        Ok(n)
    }
}

impl<R: BufRead> BufRead for Tracked<R> {
    fn fill_buf(&mut self) -> std::io::Result<&[u8]> {
        self.inner.fill_buf()
    }

    fn consume(&mut self, n: usize) {
        self.pos += n as u64;
        self.inner.consume(n);
    }
}

/// A record found by `scan`: where its `WARC/1.` line starts in the stream, and what it is.
struct Scanned {
    start: u64,
    index: u32,
    id: String,
    uri: Option<String>,
    kind: Kind,
}

/// Where a stream stopped making sense, and why.
struct Damage {
    /// Start of the damaged record in the stream.
    start: u64,
    index: u32,
    why: String,
    /// The stream's very first header was unreadable: it may not be a WARC at all.
    at_first: bool,
}

/// Lists the records of one stream (a plain file from some offset, or one gzip member). A record
/// is taken only once what follows it, where its Content-Length ends, is the next record or the
/// end of the stream: a wrong Content-Length makes that record damaged, not the next ones.
fn scan(r: &mut Tracked<impl BufRead>) -> (Vec<Scanned>, Option<Damage>) {
    let mut out = Vec::new();
    let mut pending: Option<Scanned> = None;
    let mut index = 0u32;
    loop {
        let start = match skip_blank(r) {
            Ok(()) => r.pos,
            Err(e) => return end_with(out, pending, r.pos, index, e),
        };
        match read_header(r) {
            Ok(None) => {
                out.extend(pending);
                return (out, None);
            }
            Ok(Some(h)) => {
                out.extend(pending.take());
                match read_block(r, h.length, HEAD_BYTES) {
                    Ok(head) => {
                        pending = Some(Scanned {
                            start,
                            index,
                            id: h.id.clone(),
                            uri: h.uri.clone(),
                            kind: classify(&h, &head),
                        });
                    }
                    Err(e) => {
                        let damage = Damage {
                            start,
                            index,
                            why: e.why(),
                            at_first: false,
                        };
                        return (out, Some(damage));
                    }
                }
                index += 1;
            }
            Err(e) => return end_with(out, pending, start, index, e),
        }
    }
}

/// The end of a scan on an error after the `pending` record (if any).
fn end_with(
    mut out: Vec<Scanned>,
    pending: Option<Scanned>,
    at: u64,
    index: u32,
    e: ScanError,
) -> (Vec<Scanned>, Option<Damage>) {
    let damage = match (pending, e) {
        // Cut after a record whose block was read whole: that record is complete.
        (Some(p), ScanError::Io(why)) => {
            out.push(p);
            Damage {
                start: at,
                index,
                why,
                at_first: false,
            }
        }
        // Something else where the next record should start: the pending record's
        // Content-Length is wrong (too long or too short), so its block is not what it says.
        (Some(p), ScanError::Format(why)) => Damage {
            start: p.start,
            index: p.index,
            why: format!("its Content-Length does not end at the next record ({why})"),
            at_first: false,
        },
        (None, e) => Damage {
            start: at,
            index,
            why: e.why(),
            at_first: out.is_empty() && index == 0,
        },
    };
    (out, Some(damage))
}

fn io_err(path: &Path, e: impl std::fmt::Display) -> ArchiveError {
    ArchiveError::Io(path.display().to_string(), e.to_string())
}

fn is_gzip(path: &Path) -> bool {
    path.to_string_lossy().to_ascii_lowercase().ends_with(".gz")
}

/// Adds the scanned records of a stream at `offset` to the listing.
fn add(listing: &mut Listing, name: &str, records: Vec<Scanned>, offset: u64, gzip: bool) {
    for rec in records {
        // A plain file's records are each found by their own offset; a gzip member's by the
        // member's offset and their index in it.
        let (offset, index) = if gzip {
            (offset, rec.index)
        } else {
            (offset + rec.start, 0)
        };
        let id = if rec.id.is_empty() {
            format!("{name}@{offset}:{index}")
        } else {
            rec.id
        };
        match rec.kind {
            Kind::Document(charset) => listing.entries.push(Entry {
                id,
                url: rec.uri,
                charset,
                locator: Locator::Warc {
                    offset,
                    index,
                    gzip,
                },
            }),
            Kind::Nested(what) => listing.nested.push((id, what)),
            Kind::Skipped(why) => *listing.skipped.entry(why).or_default() += 1,
        }
    }
}

fn reader_at(path: &Path, offset: u64) -> Result<BufReader<File>, ArchiveError> {
    let mut file = File::open(path).map_err(|e| io_err(path, e))?;
    file.seek(SeekFrom::Start(offset))
        .map_err(|e| io_err(path, e))?;
    Ok(BufReader::with_capacity(1 << 16, file))
}

pub fn list(path: &Path) -> Result<Listing, ArchiveError> {
    if is_gzip(path) {
        list_gzip(path)
    } else {
        list_plain(path)
    }
}

/// A plain WARC is one stream; after a damaged record, listing resumes at the next `WARC/1.`
/// line after that record's start.
fn list_plain(path: &Path) -> Result<Listing, ArchiveError> {
    let name = path.display().to_string();
    let mut listing = Listing::default();
    let mut base = 0u64;
    loop {
        let mut r = Tracked {
            inner: reader_at(path, base)?,
            pos: 0,
        };
        let (records, damage) = scan(&mut r);
        add(&mut listing, &name, records, base, false);
        let Some(d) = damage else { break };
        let at = base + d.start;
        if d.at_first && at == 0 {
            return Err(ArchiveError::Format(name, d.why));
        }
        listing.errors.push((format!("{name}@{at}"), d.why));
        match resync(path, at + 1, false).map_err(|e| io_err(path, e))? {
            Some(next) => base = next,
            None => break,
        }
    }
    Ok(listing)
}

/// A `.warc.gz` holds one gzip member per record (or one for the whole file); after a damaged
/// member, listing resumes at the next member.
fn list_gzip(path: &Path) -> Result<Listing, ArchiveError> {
    let file = File::open(path).map_err(|e| io_err(path, e))?;
    let size = file.metadata().map_err(|e| io_err(path, e))?.len();
    let name = path.display().to_string();
    let mut listing = Listing::default();
    let mut reader = Tracked {
        inner: BufReader::with_capacity(1 << 16, file),
        pos: 0,
    };
    loop {
        let offset = reader.pos;
        if offset >= size || reader.fill_buf().map_err(|e| io_err(path, e))?.is_empty() {
            break;
        }
        let mut member = Tracked {
            inner: BufReader::new(flate2::bufread::GzDecoder::new(&mut reader)),
            pos: 0,
        };
        let (records, damage) = scan(&mut member);
        add(&mut listing, &name, records, offset, true);
        let Some(d) = damage else { continue };
        if d.at_first && offset == 0 {
            return Err(ArchiveError::Format(name, d.why));
        }
        let at = if d.index == 0 {
            format!("{name}@{offset}")
        } else {
            format!("{name}@{offset}:{}", d.index)
        };
        listing.errors.push((at, d.why));
        let Some(next) = resync(path, offset + 1, true).map_err(|e| io_err(path, e))? else {
            break;
        };
        reader = Tracked {
            inner: reader_at(path, next)?,
            pos: next,
        };
    }
    Ok(listing)
}

/// The offset of the next gzip member (`1f 8b 08`) or `WARC/1.` line at or after `from`.
fn resync(path: &Path, from: u64, gzip: bool) -> std::io::Result<Option<u64>> {
    let mut file = File::open(path)?;
    file.seek(SeekFrom::Start(from))?;
    let needle: &[u8] = if gzip {
        &[0x1f, 0x8b, 0x08]
    } else {
        b"\nWARC/1."
    };
    let mut buf = vec![0u8; 1 << 16];
    let mut base = from;
    let mut carry: Vec<u8> = Vec::new();
    loop {
        let n = file.read(&mut buf)?;
        if n == 0 {
            return Ok(None);
        }
        let mut window = std::mem::take(&mut carry);
        let window_start = base - window.len() as u64;
        window.extend_from_slice(&buf[..n]);
        if let Some(p) = memchr::memmem::find(&window, needle) {
            let at = window_start + p as u64;
            return Ok(Some(if gzip { at } else { at + 1 }));
        }
        base += n as u64;
        carry = window[window.len().saturating_sub(needle.len())..].to_vec();
    }
}

pub fn read(path: &Path, locator: &Locator, max_bytes: u64) -> Result<Vec<u8>, ArchiveError> {
    let Locator::Warc {
        offset,
        index,
        gzip,
    } = *locator
    else {
        return Err(ArchiveError::Damaged(
            path.display().to_string(),
            "not a WARC locator".into(),
        ));
    };
    let name = format!("{}@{offset}", path.display());
    let mut file = File::open(path).map_err(|e| io_err(path, e))?;
    file.seek(SeekFrom::Start(offset))
        .map_err(|e| io_err(path, e))?;
    let buffered = BufReader::new(file);
    let damaged = |e: ScanError| ArchiveError::Damaged(name.clone(), e.why());
    let mut stream: Box<dyn BufRead> = if gzip {
        Box::new(BufReader::new(flate2::bufread::GzDecoder::new(buffered)))
    } else {
        Box::new(buffered)
    };
    for _ in 0..index {
        let h = read_header(&mut stream)
            .map_err(damaged)?
            .ok_or_else(|| damaged(ScanError::Format("record missing".into())))?;
        read_block(&mut stream, h.length, 0).map_err(damaged)?;
    }
    let h = read_header(&mut stream)
        .map_err(damaged)?
        .ok_or_else(|| damaged(ScanError::Format("record missing".into())))?;
    // The block holds HTTP headers too; the payload limit is checked after decoding.
    if h.length > max_bytes.saturating_add(HEAD_BYTES) {
        return Err(ArchiveError::TooLarge(name, max_bytes));
    }
    let block = read_block(&mut stream, h.length, h.length).map_err(damaged)?;
    if h.warc_type == "resource" {
        return Ok(block);
    }
    let resp = http::parse(&block)
        .ok_or_else(|| damaged(ScanError::Format("not an HTTP response".into())))?;
    http::payload(&resp, max_bytes).map_err(|why| match why {
        http::PayloadError::TooLarge => ArchiveError::TooLarge(name.clone(), max_bytes),
        http::PayloadError::Malformed(why) => damaged(ScanError::Format(why)),
    })
}

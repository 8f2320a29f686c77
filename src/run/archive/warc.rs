/*!
WARC files (`.warc`, and `.warc.gz` where each record is its own gzip member, or the whole file
one stream). Records are parsed from their `WARC/1.x` header block and `Content-Length`; a damaged
record is reported and the listing resumes at the next record (the next gzip member, or the next
`WARC/1.` line of a plain file).
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

/// Reads the next record's WARC header; `Ok(None)` at the end of the stream.
fn read_header(r: &mut impl BufRead) -> Result<Option<Header>, String> {
    let mut line = String::new();
    // Records are separated by blank lines.
    loop {
        line.clear();
        let n = r.read_line(&mut line).map_err(|e| e.to_string())?;
        if n == 0 {
            return Ok(None);
        }
        if !line.trim().is_empty() {
            break;
        }
    }
    if !line.starts_with("WARC/1.") {
        return Err(format!(
            "expected a WARC/1.x record, found {:?}",
            line.trim().chars().take(40).collect::<String>()
        ));
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
        line.clear();
        let n = r.read_line(&mut line).map_err(|e| e.to_string())?;
        if n == 0 {
            return Err("record header cut short".into());
        }
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
                    .map_err(|_| format!("bad Content-Length {value:?}"))?;
                have_length = true;
            }
            _ => {}
        }
    }
    if !have_length {
        return Err("record without Content-Length".into());
    }
    Ok(Some(h))
}

/// Reads up to `keep` bytes of a block of `len` bytes and skips the rest.
fn read_block(r: &mut impl Read, len: u64, keep: u64) -> Result<Vec<u8>, String> {
    let mut head = Vec::new();
    r.take(len.min(keep))
        .read_to_end(&mut head)
        .map_err(|e| e.to_string())?;
    if (head.len() as u64) < len.min(keep) {
        return Err("record block cut short".into());
    }
    if len > keep {
        let skipped = std::io::copy(&mut r.take(len - keep), &mut std::io::sink())
            .map_err(|e| e.to_string())?;
        if skipped < len - keep {
            return Err("record block cut short".into());
        }
    }
    Ok(head)
}

/// What a record is, from its header and the start of its block.
fn classify(h: &Header, head: &[u8]) -> Option<(Option<String>, bool)> {
    match h.warc_type.as_str() {
        "response" => {
            let resp = http::parse(head)?;
            if !(200..300).contains(&resp.status) {
                return None;
            }
            let is_doc = match &resp.content_type {
                Some(ct) => http::is_document_type(ct),
                None => h.uri.as_deref().is_some_and(super::is_document_name),
            };
            is_doc.then(|| (resp.content_type.as_deref().and_then(http::charset), true))
        }
        "resource" => {
            let ct = h.content_type.as_deref()?;
            http::is_document_type(ct).then(|| (http::charset(ct), false))
        }
        _ => None,
    }
}

/// Counts bytes read from the file, so that gzip member offsets are known.
struct Counting<R> {
    inner: R,
    count: u64,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.count += n as u64;
        Ok(n)
    }
}

fn io_err(path: &Path, e: impl std::fmt::Display) -> ArchiveError {
    ArchiveError::Io(path.display().to_string(), e.to_string())
}

fn is_gzip(path: &Path) -> bool {
    path.to_string_lossy().to_ascii_lowercase().ends_with(".gz")
}

/// Records of one stream (a plain file, or one gzip member) into the listing.
fn list_stream(
    r: &mut impl BufRead,
    offset: u64,
    gzip: bool,
    listing: &mut Listing,
    where_: &str,
) -> Result<(), String> {
    let mut index = 0u32;
    while let Some(h) = read_header(r)? {
        let head = read_block(r, h.length, HEAD_BYTES)?;
        match classify(&h, &head) {
            Some((charset, _)) => listing.entries.push(Entry {
                id: if h.id.is_empty() {
                    format!("{where_}@{offset}:{index}")
                } else {
                    h.id.clone()
                },
                url: h.uri.clone(),
                charset,
                locator: Locator::Warc {
                    offset,
                    index,
                    gzip,
                },
            }),
            None => listing.skipped += 1,
        }
        index += 1;
        if !gzip {
            return Ok(());
        }
    }
    Ok(())
}

pub fn list(path: &Path) -> Result<Listing, ArchiveError> {
    let file = File::open(path).map_err(|e| io_err(path, e))?;
    let size = file.metadata().map_err(|e| io_err(path, e))?.len();
    let name = path.display().to_string();
    let mut listing = Listing::default();
    let gzip = is_gzip(path);
    let mut reader = BufReader::with_capacity(
        1 << 16,
        Counting {
            inner: file,
            count: 0,
        },
    );
    loop {
        let offset = reader.get_ref().count - reader.buffer().len() as u64;
        if offset >= size || reader.fill_buf().map_err(|e| io_err(path, e))?.is_empty() {
            break;
        }
        let result = if gzip {
            let mut member = BufReader::new(flate2::bufread::GzDecoder::new(&mut reader));
            list_stream(&mut member, offset, true, &mut listing, &name)
        } else {
            list_stream(&mut reader, offset, false, &mut listing, &name)
        };
        if let Err(why) = result {
            if listing.entries.is_empty()
                && listing.skipped == 0
                && listing.errors.is_empty()
                && offset == 0
            {
                // The first record already fails: this is not a WARC file at all.
                return Err(ArchiveError::Format(name, why));
            }
            listing.errors.push((format!("{name}@{offset}"), why));
            // Resynchronize at the next record start after the damaged one.
            // Past the damaged record's own start (its gzip magic or its `WARC/1.` line).
            let own = if gzip {
                Some(offset)
            } else {
                resync(path, offset.saturating_sub(1), false).map_err(|e| io_err(path, e))?
            };
            let next = match own {
                Some(o) => resync(path, o + 1, gzip).map_err(|e| io_err(path, e))?,
                None => None,
            };
            let Some(next) = next else { break };
            let mut file = File::open(path).map_err(|e| io_err(path, e))?;
            file.seek(SeekFrom::Start(next))
                .map_err(|e| io_err(path, e))?;
            reader = BufReader::with_capacity(
                1 << 16,
                Counting {
                    inner: file,
                    count: next,
                },
            );
        }
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
    let damaged = |why: String| ArchiveError::Damaged(name.clone(), why);
    let mut stream: Box<dyn BufRead> = if gzip {
        Box::new(BufReader::new(flate2::bufread::GzDecoder::new(buffered)))
    } else {
        Box::new(buffered)
    };
    for _ in 0..index {
        let h = read_header(&mut stream)
            .map_err(damaged)?
            .ok_or_else(|| damaged("record missing".into()))?;
        read_block(&mut stream, h.length, 0).map_err(damaged)?;
    }
    let h = read_header(&mut stream)
        .map_err(damaged)?
        .ok_or_else(|| damaged("record missing".into()))?;
    // The block holds HTTP headers too; the payload limit is checked after decoding.
    if h.length > max_bytes.saturating_add(HEAD_BYTES) {
        return Err(ArchiveError::TooLarge(name, max_bytes));
    }
    let block = read_block(&mut stream, h.length, h.length).map_err(damaged)?;
    if h.warc_type == "resource" {
        return Ok(block);
    }
    let resp = http::parse(&block).ok_or_else(|| damaged("not an HTTP response".into()))?;
    http::payload(&resp, max_bytes).map_err(|why| {
        if why == "too large" {
            ArchiveError::TooLarge(name.clone(), max_bytes)
        } else {
            damaged(why)
        }
    })
}

/*!
The HTTP response inside a WARC record: status, headers, and the payload with transfer and
content encodings undone.
*/

use std::io::Read;

pub struct Response<'a> {
    pub status: u16,
    pub content_type: Option<String>,
    pub chunked: bool,
    pub encoding: Option<String>,
    pub body: &'a [u8],
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(hay, needle)
}

/// Headers a response may have; a record with more is not read.
const MAX_HEADERS: usize = 128;

/// Splits an HTTP response block into status, headers and raw payload; `None` if its head is not
/// a whole HTTP/1 response head. Archivers record HTTP/2 responses with an `HTTP/2` status line:
/// those are read as HTTP/1.1 (the head is the same but for the version).
pub fn parse(block: &[u8]) -> Option<Response<'_>> {
    if !block.starts_with(b"HTTP/") {
        return None;
    }
    let mut headers = [httparse::EMPTY_HEADER; MAX_HEADERS];
    let mut head = httparse::Response::new(&mut headers);
    let head_len = match head.parse(block) {
        Ok(httparse::Status::Complete(n)) => n,
        Err(httparse::Error::Version) => return parse_newer_version(block),
        _ => return None,
    };
    let mut r = Response {
        status: head.code?,
        content_type: None,
        chunked: false,
        encoding: None,
        body: &block[head_len..],
    };
    for h in head.headers.iter() {
        let value = || String::from_utf8_lossy(h.value).trim().to_string();
        if h.name.eq_ignore_ascii_case("content-type") {
            r.content_type = Some(value());
        } else if h.name.eq_ignore_ascii_case("transfer-encoding") {
            r.chunked = value().to_ascii_lowercase().contains("chunked");
        } else if h.name.eq_ignore_ascii_case("content-encoding") {
            r.encoding = Some(value().to_ascii_lowercase());
        }
    }
    Some(r)
}

/// A response whose status line names HTTP/2 or HTTP/3: its head is parsed as HTTP/1.1's.
fn parse_newer_version(block: &[u8]) -> Option<Response<'_>> {
    let version_end = block.iter().position(|&b| b == b' ')?;
    if !matches!(
        &block[..version_end],
        b"HTTP/2" | b"HTTP/2.0" | b"HTTP/3" | b"HTTP/3.0"
    ) {
        return None;
    }
    let mut head = b"HTTP/1.1".to_vec();
    let head_end = find(block, b"\r\n\r\n")
        .map(|i| i + 4)
        .or_else(|| find(block, b"\n\n").map(|i| i + 2))?;
    head.extend_from_slice(&block[version_end..head_end]);
    let parsed = parse(&head)?;
    Some(Response {
        status: parsed.status,
        content_type: parsed.content_type,
        chunked: parsed.chunked,
        encoding: parsed.encoding,
        body: &block[head_end..],
    })
}

/// The charset parameter of a Content-Type.
pub fn charset(content_type: &str) -> Option<String> {
    content_type.split(';').skip(1).find_map(|p| {
        let (k, v) = p.split_once('=')?;
        (k.trim().eq_ignore_ascii_case("charset"))
            .then(|| v.trim().trim_matches(['"', '\'']).to_string())
    })
}

/// The media type of a Content-Type, lower case, without parameters (`text/html`).
pub fn mime(content_type: &str) -> String {
    content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase()
}

/// Whether a Content-Type names a document (HTML, text, PDF or Word).
pub fn is_document_type(content_type: &str) -> bool {
    let mime = mime(content_type);
    matches!(
        mime.as_str(),
        "text/html"
            | "text/plain"
            | "application/xhtml+xml"
            | "text/markdown"
            | "application/pdf"
            | "application/msword"
            | "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
}

/// Undoes chunked transfer coding; `None` if the chunks are malformed.
fn dechunk(mut body: &[u8], max: u64) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    loop {
        let line_end = find(body, b"\r\n")?;
        let size_text = std::str::from_utf8(&body[..line_end]).ok()?;
        let size = usize::from_str_radix(size_text.split(';').next()?.trim(), 16).ok()?;
        body = &body[line_end + 2..];
        if size == 0 {
            return Some(out);
        }
        if size > body.len() || (out.len() + size) as u64 > max {
            return None;
        }
        out.extend_from_slice(&body[..size]);
        body = body.get(size + 2..).unwrap_or(&[]);
    }
}

/// Why a payload cannot be had.
#[derive(Debug)]
pub enum PayloadError {
    /// Over the size limit once decoded.
    TooLarge,
    /// The transfer or content coding is broken.
    Malformed(String),
}

/// The payload as the server meant it, at most `max` bytes.
pub fn payload(r: &Response<'_>, max: u64) -> Result<Vec<u8>, PayloadError> {
    let malformed = |what: &str| PayloadError::Malformed(what.to_string());
    let raw = if r.chunked {
        dechunk(r.body, max).ok_or_else(|| malformed("malformed chunked transfer coding"))?
    } else {
        r.body.to_vec()
    };
    let mut out = Vec::new();
    let limit = max + 1;
    match r.encoding.as_deref() {
        Some("gzip") | Some("x-gzip") => {
            flate2::read::MultiGzDecoder::new(&raw[..])
                .take(limit)
                .read_to_end(&mut out)
                .map_err(|e| malformed(&format!("bad gzip content encoding: {e}")))?;
        }
        Some("deflate") => {
            flate2::read::ZlibDecoder::new(&raw[..])
                .take(limit)
                .read_to_end(&mut out)
                .map_err(|e| malformed(&format!("bad deflate content encoding: {e}")))?;
        }
        _ => out = raw,
    }
    if out.len() as u64 > max {
        return Err(PayloadError::TooLarge);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heads_with_crlf_lf_http2_and_no_reason_phrase() {
        let r = parse(b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=gbk\r\nTransfer-Encoding: chunked\r\n\r\nbody").unwrap();
        assert_eq!((r.status, r.chunked, r.body), (200, true, &b"body"[..]));
        assert_eq!(
            r.content_type.as_deref().and_then(charset).as_deref(),
            Some("gbk")
        );
        let r = parse(b"HTTP/1.0 404\nContent-Encoding: GZIP\n\nx").unwrap();
        assert_eq!(
            (r.status, r.encoding.as_deref(), r.body),
            (404, Some("gzip"), &b"x"[..])
        );
        let r = parse(b"HTTP/2 200\r\ncontent-type: application/pdf\r\n\r\n%PDF").unwrap();
        assert_eq!(
            (r.status, r.content_type.as_deref(), r.body),
            (200, Some("application/pdf"), &b"%PDF"[..])
        );
        assert!(parse(b"GET / HTTP/1.1\r\n\r\n").is_none());
        assert!(parse(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n").is_none());
        assert!(parse(b"HTTP/9 200\r\n\r\n").is_none());
    }
}

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

/// Splits an HTTP response block into status, headers and raw payload.
pub fn parse(block: &[u8]) -> Option<Response<'_>> {
    let (head_end, sep) = match find(block, b"\r\n\r\n") {
        Some(i) => (i, 4),
        None => (find(block, b"\n\n")?, 2),
    };
    let head = String::from_utf8_lossy(&block[..head_end]);
    let mut lines = head.lines();
    let status_line = lines.next()?;
    if !status_line.starts_with("HTTP/") {
        return None;
    }
    let status = status_line.split_whitespace().nth(1)?.parse().ok()?;
    let mut r = Response {
        status,
        content_type: None,
        chunked: false,
        encoding: None,
        body: &block[head_end + sep..],
    };
    for line in lines {
        let Some((name, value)) = line.split_once(':') else {
            continue;
        };
        let value = value.trim();
        match name.trim().to_ascii_lowercase().as_str() {
            "content-type" => r.content_type = Some(value.to_string()),
            "transfer-encoding" => r.chunked = value.to_ascii_lowercase().contains("chunked"),
            "content-encoding" => r.encoding = Some(value.to_ascii_lowercase()),
            _ => {}
        }
    }
    Some(r)
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

/// The payload as the server meant it, at most `max` bytes (`Err` with the reason otherwise).
pub fn payload(r: &Response<'_>, max: u64) -> Result<Vec<u8>, String> {
    let raw = if r.chunked {
        dechunk(r.body, max).ok_or("malformed chunked transfer coding")?
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
                .map_err(|e| format!("bad gzip content encoding: {e}"))?;
        }
        Some("deflate") => {
            flate2::read::ZlibDecoder::new(&raw[..])
                .take(limit)
                .read_to_end(&mut out)
                .map_err(|e| format!("bad deflate content encoding: {e}"))?;
        }
        _ => out = raw,
    }
    if out.len() as u64 > max {
        return Err("too large".into());
    }
    Ok(out)
}

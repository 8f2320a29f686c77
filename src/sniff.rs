/*!
What kind of file a document is, from its first bytes rather than its name: sites serve PDFs as
`.html`, Word files as `.pdf` and pages without any extension.
*/

/// The container a document's bytes are in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Container {
    /// `%PDF-` (allowed after up to 1 KiB of junk, as readers accept).
    Pdf,
    /// An OLE compound file: legacy Word `.doc` (also `.xls`, `.ppt`).
    Ole,
    /// A zip archive: DOCX (also XLSX, ODT, or any zip).
    Zip,
    /// Rich Text Format.
    Rtf,
    /// Anything else: decoded as text, then read as HTML or loose text.
    Text,
}

const OLE_MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// Sniffs a document's container from its magic bytes.
pub fn sniff(bytes: &[u8]) -> Container {
    let head = &bytes[..bytes.len().min(1024)];
    if bytes.starts_with(&OLE_MAGIC) {
        Container::Ole
    } else if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        Container::Zip
    } else if memchr::memmem::find(head, b"%PDF-").is_some() {
        Container::Pdf
    } else if trim_start(bytes).starts_with(b"{\\rtf") {
        Container::Rtf
    } else {
        Container::Text
    }
}

/// Skips a UTF-8 byte-order mark and leading whitespace.
fn trim_start(bytes: &[u8]) -> &[u8] {
    let b = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let start = b
        .iter()
        .position(|c| !c.is_ascii_whitespace())
        .unwrap_or(b.len());
    &b[start..]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_by_content_not_name() {
        assert_eq!(sniff(b"%PDF-1.7\n%\xe2\xe3"), Container::Pdf);
        assert_eq!(sniff(b"\r\n\r\n%PDF-1.4"), Container::Pdf);
        assert_eq!(sniff(&OLE_MAGIC), Container::Ole);
        assert_eq!(sniff(b"PK\x03\x04\x14\x00"), Container::Zip);
        assert_eq!(sniff(b"\xEF\xBB\xBF {\\rtf1\\ansi"), Container::Rtf);
        assert_eq!(sniff(b"<html><body>%PDF-"), Container::Pdf);
        assert_eq!(sniff("<p>一、总体情况</p>".as_bytes()), Container::Text);
        assert_eq!(sniff(b""), Container::Text);
    }
}

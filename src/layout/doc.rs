/*!
Legacy Word (`.doc`, Word 97–2003 binary in an OLE compound file) attachments. Not read yet: the
row says so, rather than the bytes being decoded as text.
*/

use super::Layout;
use super::Refusal;

/// Lays out a legacy Word document.
pub fn lay_out(_bytes: &[u8]) -> Result<Layout, Refusal> {
    Err(Refusal::unsupported(
        "legacy Word (.doc) or other OLE compound file: not read yet",
    ))
}

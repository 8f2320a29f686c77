/*!
The File Information Block at the start of the `WordDocument` stream ([MS-DOC] 2.5.1): which table
stream holds the document's tables of properties, how long the main text is, and where the piece
table and the paragraph properties are. Only what the reader uses is kept.
*/

use super::{le_u16, le_u32};
use crate::layout::Refusal;

/// `wIdent` of a Word 97–2003 document.
const W_IDENT: u16 = 0xA5EC;
/// Lowest `nFib` of the Word 97 format; Word 6 and 95 files have 0x65–0x69.
const NFIB_WORD97: u16 = 0x00C0;
/// The `(fc, lcb)` pairs of `FibRgFcLcb97` the reader uses, by index.
const PAIR_PLCF_BTE_PAPX: usize = 13;
const PAIR_CLX: usize = 33;

/// What the reader needs from the FIB.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fib {
    /// `1Table` or `0Table`.
    pub table_stream: &'static str,
    /// Characters of the main text (before footnotes, headers and the rest).
    pub ccp_text: u32,
    /// The piece table (offset and length in the table stream).
    pub clx: (u32, u32),
    /// The bin table of paragraph property pages (offset and length in the table stream).
    pub bte_papx: (u32, u32),
}

/// Reads the FIB; refuses encrypted, Word 6/95 and damaged files.
pub fn read(word: &[u8]) -> Result<Fib, Refusal> {
    let damaged = |what: &str| Refusal::error(format!("damaged Word document: {what}"));
    let u16_at = |at: usize| le_u16(word, at).ok_or_else(|| damaged("FIB cut short"));
    if u16_at(0)? != W_IDENT {
        return Err(damaged("not a Word FIB"));
    }
    let flags = u16_at(0x0A)?;
    // fEncrypted (RC4 or XOR obfuscation, fObfuscated telling which).
    if flags & 0x0100 != 0 {
        return Err(Refusal::unsupported("encrypted Word document (.doc)"));
    }
    if u16_at(2)? < NFIB_WORD97 {
        return Err(Refusal::unsupported(
            "Word 6/95 document (.doc older than Word 97): not read",
        ));
    }
    let table_stream = if flags & 0x0200 != 0 {
        "1Table"
    } else {
        "0Table"
    };
    // FibBase (32 bytes), then csw and FibRgW, cslw and FibRgLw, cbRgFcLcb and FibRgFcLcb.
    let csw = usize::from(u16_at(32)?);
    let rg_lw = 32 + 2 + 2 * csw;
    let cslw = usize::from(u16_at(rg_lw)?);
    let ccp_text = le_u32(word, rg_lw + 2 + 3 * 4).ok_or_else(|| damaged("FIB cut short"))?;
    let rg_fc = rg_lw + 2 + 4 * cslw;
    let pairs = usize::from(u16_at(rg_fc)?);
    let pair = |index: usize| -> Result<(u32, u32), Refusal> {
        let at = rg_fc + 2 + 8 * index;
        match (index < pairs, le_u32(word, at), le_u32(word, at + 4)) {
            (true, Some(fc), Some(lcb)) => Ok((fc, lcb)),
            _ => Err(damaged("FIB cut short")),
        }
    };
    Ok(Fib {
        table_stream,
        ccp_text,
        clx: pair(PAIR_CLX)?,
        bte_papx: pair(PAIR_PLCF_BTE_PAPX)?,
    })
}

/*!
The main text of a Word document from its piece table ([MS-DOC] 2.9.38 Clx): each piece is a run
of characters stored either as cp1252 bytes ("compressed") or as UTF-16, somewhere in the
`WordDocument` stream. Each character keeps its stream offset (its fc), which is how paragraph
properties are found.
*/

use super::{le_u16, le_u32};
use crate::layout::Refusal;

/// A character of the main text and where it is stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Char {
    pub ch: char,
    /// Offset in the `WordDocument` stream.
    pub fc: u32,
}

fn damaged(what: &str) -> Refusal {
    Refusal::error(format!("damaged Word document: {what}"))
}

/// The piece descriptors: character positions (n + 1) and each piece's `fc` field.
fn pieces(clx: &[u8]) -> Result<(Vec<u32>, Vec<u32>), Refusal> {
    let mut at = 0;
    // Prc entries (property modifiers of pieces) come first; the text does not need them.
    while clx.get(at) == Some(&0x01) {
        let cb = le_u16(clx, at + 1).ok_or_else(|| damaged("piece table cut short"))?;
        at += 3 + usize::from(cb);
    }
    if clx.get(at) != Some(&0x02) {
        return Err(damaged("no piece table"));
    }
    let lcb = le_u32(clx, at + 1).ok_or_else(|| damaged("piece table cut short"))? as usize;
    let plc = clx
        .get(at + 5..at + 5 + lcb)
        .ok_or_else(|| damaged("piece table cut short"))?;
    // (n + 1) character positions of 4 bytes, then n descriptors of 8.
    if plc.len() < 4 || (plc.len() - 4) % 12 != 0 {
        return Err(damaged("piece table of an odd size"));
    }
    let n = (plc.len() - 4) / 12;
    let cps = (0..=n).filter_map(|i| le_u32(plc, 4 * i)).collect();
    let fcs = (0..n)
        .filter_map(|i| le_u32(plc, 4 * (n + 1) + 8 * i + 2))
        .collect();
    Ok((cps, fcs))
}

/// The first `ccp_text` characters of the document.
pub fn main_text(word: &[u8], clx: &[u8], ccp_text: u32) -> Result<Vec<Char>, Refusal> {
    let (cps, fcs) = pieces(clx)?;
    // Every character takes at least a byte of the stream.
    if ccp_text as usize > word.len() {
        return Err(damaged("text longer than its stream"));
    }
    let mut out = Vec::with_capacity(ccp_text as usize);
    for (i, &fc) in fcs.iter().enumerate() {
        let (start, end) = (cps[i], cps[i + 1].min(ccp_text));
        if start >= ccp_text {
            break;
        }
        let count = end.saturating_sub(start) as usize;
        if fc & 0x4000_0000 != 0 {
            let offset = ((fc & 0x3FFF_FFFF) / 2) as usize;
            let bytes = word
                .get(offset..offset + count)
                .ok_or_else(|| damaged("piece outside its stream"))?;
            for (j, &b) in bytes.iter().enumerate() {
                out.push(Char {
                    ch: cp1252(b),
                    fc: (offset + j) as u32,
                });
            }
        } else {
            let offset = fc as usize;
            let bytes = word
                .get(offset..offset + 2 * count)
                .ok_or_else(|| damaged("piece outside its stream"))?;
            let units = bytes
                .chunks_exact(2)
                .map(|u| u16::from_le_bytes([u[0], u[1]]));
            let mut j = 0;
            for ch in char::decode_utf16(units) {
                let width = ch.as_ref().map_or(1, |c| c.len_utf16());
                out.push(Char {
                    ch: ch.unwrap_or(char::REPLACEMENT_CHARACTER),
                    fc: (offset + 2 * j) as u32,
                });
                j += width;
            }
        }
    }
    Ok(out)
}

/// A byte of a compressed piece: cp1252, whose 0x80–0x9F are the Windows punctuation.
fn cp1252(b: u8) -> char {
    let mut out = [0u16; 2];
    let (_, _, written, _) = encoding_rs::WINDOWS_1252
        .new_decoder_without_bom_handling()
        .decode_to_utf16(&[b], &mut out, true);
    char::from_u32(u32::from(out[0]))
        .filter(|_| written == 1)
        .unwrap_or(char::REPLACEMENT_CHARACTER)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A CLX of one Prc and the given pieces: (first character, fc field).
    fn clx(pieces: &[(u32, u32)], end: u32) -> Vec<u8> {
        let mut plc = Vec::new();
        for &(cp, _) in pieces {
            plc.extend_from_slice(&cp.to_le_bytes());
        }
        plc.extend_from_slice(&end.to_le_bytes());
        for &(_, fc) in pieces {
            plc.extend_from_slice(&[0, 0]);
            plc.extend_from_slice(&fc.to_le_bytes());
            plc.extend_from_slice(&[0, 0]);
        }
        let mut out = vec![0x01, 2, 0, 0xAA, 0xBB, 0x02];
        out.extend_from_slice(&(plc.len() as u32).to_le_bytes());
        out.extend_from_slice(&plc);
        out
    }

    #[test]
    fn compressed_and_utf16_pieces() {
        // "ab" as cp1252 at byte 10, then "年€" as UTF-16 at byte 20.
        let mut word = vec![0u8; 40];
        word[10..12].copy_from_slice(b"a\x80");
        for (i, u) in "年😀".encode_utf16().enumerate() {
            word[20 + 2 * i..22 + 2 * i].copy_from_slice(&u.to_le_bytes());
        }
        let table = clx(&[(0, 0x4000_0000 | 20), (2, 20)], 5);
        let text = main_text(&word, &table, 5).expect("read");
        let s: String = text.iter().map(|c| c.ch).collect();
        assert_eq!(s, "a€年😀");
        assert_eq!(
            text.iter().map(|c| c.fc).collect::<Vec<_>>(),
            [10, 11, 20, 22]
        );
        // Only the main text: the characters past ccpText are left out.
        let head: String = main_text(&word, &table, 3)
            .expect("read")
            .iter()
            .map(|c| c.ch)
            .collect();
        assert_eq!(head, "a€年");
    }

    #[test]
    fn damaged_piece_tables_are_refused() {
        let word = vec![0u8; 16];
        for table in [
            vec![],
            vec![0x01, 200, 0],
            vec![0x02, 9, 0, 0, 0, 1],
            clx(&[(0, 1000)], 4),
        ] {
            let r = main_text(&word, &table, 4);
            assert!(r.is_err(), "{table:?}");
        }
    }
}

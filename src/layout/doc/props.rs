/*!
Paragraph properties, as far as tables need them ([MS-DOC] 2.8.6 PlcBtePapx, 2.9.74 FKP): the bin
table maps a stream offset to a 512-byte page of property runs; the run holding a paragraph's mark
gives its properties as a list of sprms (property, operand). A paragraph in a table has
`sprmPFInTable`; the mark that ends a row has `sprmPFTtp` and carries the row's table definition
(`sprmTDefTable`): its cells' edges and merge flags, which `sprmTVertMerge` may override. A row
of many cells has its properties in the `Data` stream instead (`sprmPHugePapx`).
*/

use super::{le_u16, le_u32};

const SPRM_P_FIN_TABLE: u16 = 0x2416;
const SPRM_P_FTTP: u16 = 0x2417;
const SPRM_P_ITAP: u16 = 0x6649;
const SPRM_P_FINNER_TTP: u16 = 0x244C;
const SPRM_P_CHG_TABS: u16 = 0xC615;
const SPRM_T_DEF_TABLE: u16 = 0xD608;
const SPRM_T_VERT_MERGE: u16 = 0xD62B;
/// The properties are too long for the page: they are in the `Data` stream, at the operand.
const SPRM_P_HUGE_PAPX: u16 = 0x6646;

/// Size of a property page.
const PAGE: usize = 512;

/// How a table cell takes part in a merge.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Merge {
    #[default]
    None,
    /// The first cell of a vertical merge.
    Restart,
    /// Merged into the cell above (or, horizontally, the one before): its text is not its own.
    Continues,
}

/// A cell of a row's table definition.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct CellDef {
    /// Left and right edges, in twips.
    pub left: i16,
    pub right: i16,
    pub vertical: Merge,
    /// Merged into the cell to its left (the old horizontal merge).
    pub horizontal_continues: bool,
}

/// What a paragraph's properties say about tables.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Para {
    /// Table nesting depth: 0 outside tables.
    pub depth: u32,
    /// The mark ends a table row (of the outermost table).
    pub row_end: bool,
    /// The mark ends a row of a table nested in a cell.
    pub inner_row_end: bool,
    /// The row's cells, on a row end.
    pub cells: Vec<CellDef>,
}

/// The paragraph property pages of a document.
pub struct Props<'a> {
    word: &'a [u8],
    data: &'a [u8],
    /// Bin table: stream offsets (n + 1) and the page number of each range.
    fcs: Vec<u32>,
    pages: Vec<u32>,
}

impl<'a> Props<'a> {
    /// Reads the bin table (`plc`, from the table stream); a damaged one reads as no properties.
    /// `data` is the `Data` stream (empty when there is none).
    pub fn new(word: &'a [u8], data: &'a [u8], plc: &[u8]) -> Props<'a> {
        let n = plc.len().saturating_sub(4) / 8;
        let fcs: Vec<u32> = (0..=n).filter_map(|i| le_u32(plc, 4 * i)).collect();
        let pages = (0..n)
            .filter_map(|i| le_u32(plc, 4 * (n + 1) + 4 * i))
            .map(|pn| pn & 0x003F_FFFF)
            .collect();
        Props {
            word,
            data,
            fcs,
            pages,
        }
    }

    /// The properties of the paragraph whose mark is at stream offset `fc`.
    pub fn at(&self, fc: u32) -> Para {
        let mut para = Para::default();
        if let Some(grpprl) = self.grpprl(fc) {
            if let Some(offset) = parse(grpprl, &mut para) {
                // PrcData: cbGrpprl (2 bytes), then the sprms.
                let data = self.data;
                let huge = le_u16(data, offset)
                    .and_then(|cb| data.get(offset + 2..offset + 2 + usize::from(cb)));
                if let Some(huge) = huge {
                    parse(huge, &mut para);
                }
            }
        }
        para
    }

    /// The sprms of the property run holding `fc` (after the style index).
    fn grpprl(&self, fc: u32) -> Option<&'a [u8]> {
        let i = self.fcs.partition_point(|&f| f <= fc).checked_sub(1)?;
        let pn = *self.pages.get(i)? as usize;
        let page = self.word.get(pn * PAGE..(pn + 1) * PAGE)?;
        let runs = usize::from(page[PAGE - 1]);
        let rgfc: Vec<u32> = (0..=runs).filter_map(|r| le_u32(page, 4 * r)).collect();
        let r = rgfc.partition_point(|&f| f <= fc).checked_sub(1)?;
        if r >= runs {
            return None;
        }
        // BxPap: a byte (word offset of the PapxInFkp) and 12 bytes of layout hints.
        let offset = 2 * usize::from(*page.get(4 * (runs + 1) + 13 * r)?);
        if offset == 0 {
            return None;
        }
        let cb = usize::from(*page.get(offset)?);
        let papx = if cb == 0 {
            let cb = usize::from(*page.get(offset + 1)?);
            page.get(offset + 2..offset + 2 + 2 * cb)?
        } else {
            page.get(offset + 1..offset + 2 * cb)?
        };
        papx.get(2..)
    }
}

/// The operand length of a sprm at `at` (its operand starting at `at + 2`).
fn operand_len(grpprl: &[u8], at: usize, sprm: u16) -> Option<usize> {
    Some(match sprm >> 13 {
        0 | 1 => 1,
        2 | 4 | 5 => 2,
        3 => 4,
        7 => 3,
        _ => match sprm {
            // TDefTableOperand: cb (2 bytes) counts the rest, plus one.
            SPRM_T_DEF_TABLE => 1 + usize::from(le_u16(grpprl, at + 2)?),
            // A tab change of 255 bytes or more has its own layout; the rest is not read.
            SPRM_P_CHG_TABS if *grpprl.get(at + 2)? == 255 => return None,
            _ => 1 + usize::from(*grpprl.get(at + 2)?),
        },
    })
}

/// Adds the table properties in a list of sprms to `para`; returns the `Data` stream offset of
/// the rest of them, if they continue there.
fn parse(grpprl: &[u8], para: &mut Para) -> Option<usize> {
    let mut huge = None;
    let mut in_table = false;
    let mut vert_merges = Vec::new();
    let mut at = 0;
    while let Some(sprm) = le_u16(grpprl, at) {
        let Some(len) = operand_len(grpprl, at, sprm) else {
            break;
        };
        let Some(op) = grpprl.get(at + 2..at + 2 + len) else {
            break;
        };
        match sprm {
            SPRM_P_FIN_TABLE => in_table = op[0] != 0,
            SPRM_P_FTTP => para.row_end = op[0] != 0,
            SPRM_P_FINNER_TTP => para.inner_row_end = op[0] != 0,
            SPRM_P_ITAP => para.depth = le_u32(op, 0).unwrap_or(0),
            SPRM_P_HUGE_PAPX => huge = le_u32(op, 0).map(|o| o as usize),
            SPRM_T_DEF_TABLE => para.cells = table_def(op.get(2..).unwrap_or_default()),
            // cb, itc, flags.
            SPRM_T_VERT_MERGE if op.len() >= 3 => vert_merges.push((op[1], op[2])),
            _ => {}
        }
        at += 2 + len;
    }
    if in_table && para.depth == 0 {
        para.depth = 1;
    }
    for (itc, flags) in vert_merges {
        if let Some(cell) = para.cells.get_mut(usize::from(itc)) {
            cell.vertical = vertical(flags);
        }
    }
    huge
}

/// Vertical merge flags (of `sprmTVertMerge`, or bits 5–6 of a cell's TC80).
fn vertical(flags: u8) -> Merge {
    match flags & 3 {
        0 => Merge::None,
        3 => Merge::Restart,
        _ => Merge::Continues,
    }
}

/// A TDefTableOperand after its cb: the number of cells, their edges (n + 1), then up to n TC80
/// of 20 bytes (flags first).
fn table_def(op: &[u8]) -> Vec<CellDef> {
    let Some(&n) = op.first() else {
        return Vec::new();
    };
    let n = usize::from(n);
    let edge = |i: usize| le_u16(op, 1 + 2 * i).map(|e| e as i16);
    let tcs = 1 + 2 * (n + 1);
    (0..n)
        .map_while(|i| {
            let (left, right) = (edge(i)?, edge(i + 1)?);
            let flags = le_u16(op, tcs + 20 * i).unwrap_or(0);
            Some(CellDef {
                left,
                right,
                vertical: vertical((flags >> 5) as u8),
                horizontal_continues: flags & 3 >= 2,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sprm(code: u16, op: &[u8]) -> Vec<u8> {
        let mut out = code.to_le_bytes().to_vec();
        out.extend_from_slice(op);
        out
    }

    #[test]
    fn row_end_with_its_table_definition() {
        // Two cells, edges 0, 1000, 3000; the second continues a vertical merge.
        let mut def = vec![2u8];
        for e in [0i16, 1000, 3000] {
            def.extend_from_slice(&e.to_le_bytes());
        }
        let mut tc = vec![0u8; 40];
        tc[20] = 1 << 5;
        def.extend_from_slice(&tc);
        let mut op = ((def.len() + 1) as u16).to_le_bytes().to_vec();
        op.extend_from_slice(&def);
        let mut grpprl = sprm(SPRM_P_FIN_TABLE, &[1]);
        grpprl.extend(sprm(0x4600, &[5, 0])); // an istd-like 2-byte sprm, skipped
        grpprl.extend(sprm(SPRM_P_FTTP, &[1]));
        grpprl.extend(sprm(SPRM_T_DEF_TABLE, &op));
        grpprl.extend(sprm(SPRM_T_VERT_MERGE, &[2, 0, 3]));
        let mut para = Para::default();
        assert_eq!(parse(&grpprl, &mut para), None);
        assert_eq!(para.depth, 1);
        assert!(para.row_end);
        assert_eq!(para.cells.len(), 2);
        assert_eq!((para.cells[1].left, para.cells[1].right), (1000, 3000));
        assert_eq!(para.cells[0].vertical, Merge::Restart);
        assert_eq!(para.cells[1].vertical, Merge::Continues);
    }

    #[test]
    fn cut_sprms_stop_the_list() {
        let mut para = Para::default();
        parse(&[0x16, 0x24, 1, 0x08, 0xD6, 0xFF], &mut para);
        assert_eq!(para.depth, 1);
        assert!(para.cells.is_empty());
        let props = Props::new(&[0u8; 100], &[], &[1, 2, 3]);
        assert_eq!(props.at(5), Para::default());
    }
}

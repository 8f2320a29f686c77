//! The glued-cell solver on arbitrary pieces: bounded, no panic, and unique splits re-glue to
//! the input digits.
#![no_main]
use libfuzzer_sys::fuzz_target;
use ogi::internals::{solve_table, CellKind, RowInput, RowOutcome};
use std::collections::HashMap;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let mut rows = Vec::new();
    for line in text.lines().take(30) {
        let pieces: Vec<String> = line.split(' ').filter(|p| !p.is_empty()).map(String::from).collect();
        if pieces.is_empty() {
            continue;
        }
        rows.push(RowInput::Glued { pieces, kinds: vec![CellKind::Count; 7] });
    }
    let eqs = ogi::internals::i2(rows.len());
    let out = solve_table(&rows, &eqs, &HashMap::new());
    for (row, o) in rows.iter().zip(out) {
        if let (RowInput::Glued { pieces, .. }, RowOutcome::Unique(values)) = (row, o) {
            // Whitespace inside a piece is not part of any number.
            let glued: String = pieces.concat().chars().filter(|c| !c.is_whitespace()).collect();
            let back: String = values.iter().map(|v| v.raw.as_str()).collect();
            assert_eq!(glued, back);
        }
    }
});

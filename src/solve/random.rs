/*!
Random section 三 tables that satisfy the identities, glued and solved again: the property test
of the solver and the workload of its benchmark. The PRNG is our own (splitmix64), so a seed means
the same tables forever.
*/

use super::{i2, solve_table, CellKind, Equation, RowInput, RowOutcome};
use crate::rng::Rng;
use std::collections::HashMap;

/// A random section 三 table (2021 layout: 25 rows × 7) satisfying I1–I3, as rows of values.
#[allow(clippy::needless_range_loop)]
pub fn random_table(rng: &mut Rng, large: bool) -> Vec<Vec<i64>> {
    let leaf = |rng: &mut Rng| -> i64 {
        if large {
            match rng.below(10) {
                0..=2 => 0,
                3..=6 => rng.below(100) as i64,
                _ => rng.below(5000) as i64,
            }
        } else {
            match rng.below(10) {
                0..=6 => 0,
                7..=8 => rng.below(5) as i64,
                _ => rng.below(40) as i64,
            }
        }
    };
    // Rows: 0 new, 1 carried, 2..=22 the 21 result rows, 23 total, 24 carry_forward.
    let mut rows = vec![vec![0i64; 7]; 25];
    for c in 0..6 {
        let mut total = 0;
        for r in 2..=22 {
            // Most result rows of real reports are zero.
            let v = if rng.below(4) == 0 || r <= 3 {
                leaf(rng)
            } else {
                0
            };
            rows[r][c] = v;
            total += v;
        }
        rows[23][c] = total;
        let carried = if rng.below(3) == 0 {
            leaf(rng).min(total)
        } else {
            0
        };
        let forward = if rng.below(3) == 0 { leaf(rng) } else { 0 };
        rows[1][c] = carried;
        rows[24][c] = forward;
        rows[0][c] = total + forward - carried;
    }
    for row in &mut rows {
        row[6] = row[..6].iter().sum();
    }
    rows
}

/// The identities of a random table: I2 on every row; per column, received and carried over
/// equal handled and carried forward, and the outcome rows sum to the handled row.
pub fn table_equations() -> Vec<Equation> {
    let mut eqs = i2(25);
    for c in 0..7 {
        eqs.push(Equation {
            terms: vec![(0, c, 1), (1, c, 1), (23, c, -1), (24, c, -1)],
        });
        eqs.push(Equation {
            terms: (2..=22).map(|r| (r, c, -1)).chain([(23, c, 1)]).collect(),
        });
    }
    eqs
}

/// Glues every row, solves, and checks the policy; returns (tables, uniquely recovered tables).
pub fn property_run(seed: u64, count: usize, large: bool) -> (usize, usize, usize, usize) {
    let mut rng = Rng(seed);
    let eqs = table_equations();
    let (mut unique_tables, mut cells, mut cells_recovered) = (0, 0, 0);
    for _ in 0..count {
        let table = random_table(&mut rng, large);
        let rows: Vec<RowInput> = table
            .iter()
            .map(|r| RowInput::Glued {
                pieces: vec![r.iter().map(i64::to_string).collect::<String>()],
                kinds: vec![CellKind::Count; 7],
            })
            .collect();
        let out = solve_table(&rows, &eqs, &HashMap::new());
        let mut all_unique = true;
        for (r, o) in out.iter().enumerate() {
            let want: Vec<String> = table[r].iter().map(i64::to_string).collect();
            cells += 7;
            match o {
                RowOutcome::Unique(v) => {
                    let got: Vec<String> = v.iter().map(|x| x.text.clone()).collect();
                    assert_eq!(got, want, "a unique split must be the original");
                    cells_recovered += 7;
                }
                RowOutcome::Ambiguous { candidates, agreed } => {
                    all_unique = false;
                    assert!(
                        candidates.iter().any(|c| c
                            .iter()
                            .map(|x| x.text.clone())
                            .collect::<Vec<_>>()
                            == want),
                        "the original is among the candidates"
                    );
                    for (c, a) in agreed.iter().enumerate() {
                        if let Some(a) = a {
                            assert_eq!(a.text, want[c], "an agreed cell is the original");
                            cells_recovered += 1;
                        }
                    }
                }
                RowOutcome::TooMany => all_unique = false,
                other => panic!("consistent table gave {other:?}"),
            }
        }
        if all_unique {
            unique_tables += 1;
        }
    }
    (count, unique_tables, cells, cells_recovered)
}

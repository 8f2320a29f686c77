/*!
The glued-cell solver. Crawler text and PDF text layers lose the boundaries between table cells
(`713000074` is 71 | 3 | 0 | 0 | 0 | 0 | 74). `split` enumerates every way a row's pieces can be
cut into the template's cells; this module keeps the splits that the template's identities
allow, solving the whole table jointly: a row that its own identity (I2: total = sum of six)
leaves ambiguous is often fixed by the column identities (I1, I3).

Policy — a value is returned only if it is the same in every assignment consistent with the
identities applied:
1. all identities (row and column) over the whole table; if at least one joint assignment exists,
   each glued cell takes the value common to all of them, and stays empty where they differ;
2. if none exists (the report breaks its own identities, as published reports sometimes do),
   each row is solved alone with its row identities; a row that breaks even those keeps no
   values (its pieces may not be glued cells at all: a column may be missing).

An identity that touches a blank cell constrains nothing. Search is bounded: past the budget the
rows concerned are reported `TooMany` and keep no values.
*/

pub mod evidence;
#[cfg(feature = "synth")]
pub mod random;
pub mod split;

pub use split::{split_row_budget, CellKind, SplitError, SumRule, Value};
use std::collections::HashMap;

/// One printed row as the solver sees it.
#[derive(Debug, Clone)]
pub enum RowInput {
    /// Read from separate cells; `None` is a blank cell.
    Known(Vec<Option<i64>>),
    /// Pieces of glued digits, and the kind of each cell.
    Glued {
        /// The row's printed pieces, each a run of one or more cells' digits.
        pieces: Vec<String>,
        /// What each of the row's cells may hold.
        kinds: Vec<CellKind>,
    },
}

/// I2 for every row of a 7-column table: total − Σ six = 0.
pub fn i2(rows: usize) -> Vec<Equation> {
    (0..rows)
        .map(|r| Equation {
            terms: (0..6).map(|c| (r, c, -1)).chain([(r, 6, 1)]).collect(),
        })
        .collect()
}

/// `Σ coeff · cell = 0` over `(printed row, cell)` positions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Equation {
    pub terms: Vec<(usize, usize, i64)>,
}

/// The result for one glued row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RowOutcome {
    /// Not glued.
    Known,
    /// One split satisfies the identities.
    Unique(Vec<Value>),
    /// Several remain: `agreed` holds the cells they share.
    Ambiguous {
        /// Every split left, in a stable order.
        candidates: Vec<Vec<Value>>,
        /// Per cell, the value all candidates give it.
        agreed: Vec<Option<Value>>,
    },
    /// No split at all satisfies the rules.
    NoSolution,
    /// The search exceeded its bounds.
    TooMany,
}

/// Bounds of the search.
const ROW_CAP: usize = 20_000;
/// Enumeration nodes for all rows of one table.
const TABLE_BUDGET: usize = 60_000;
const NODE_BUDGET: usize = 100_000;
const SOLUTION_CAP: usize = 64;

/// `total − Σ parts = 0` (or its negation) as a sum rule over one row's cells.
fn sum_rule(eq: &Equation) -> Option<SumRule> {
    let pos: Vec<usize> = eq.terms.iter().filter(|t| t.2 == 1).map(|t| t.1).collect();
    let neg: Vec<usize> = eq.terms.iter().filter(|t| t.2 == -1).map(|t| t.1).collect();
    if pos.len() + neg.len() != eq.terms.len() {
        return None;
    }
    match (pos.as_slice(), neg.as_slice()) {
        ([t], parts) if !parts.is_empty() => Some(SumRule {
            total: *t,
            parts: parts.to_vec(),
        }),
        (parts, [t]) if !parts.is_empty() => Some(SumRule {
            total: *t,
            parts: parts.to_vec(),
        }),
        _ => None,
    }
}

/// Whether an equation holds for fully known values; `None` if a term is blank (no constraint).
fn holds(eq: &Equation, value: impl Fn(usize, usize) -> Option<i64>) -> Option<bool> {
    let mut sum: i128 = 0;
    for &(r, c, k) in &eq.terms {
        sum += i128::from(value(r, c)?) * i128::from(k);
    }
    Some(sum == 0)
}

struct Search<'a> {
    rows: &'a [Vec<Vec<Option<i64>>>],
    order: Vec<usize>,
    /// Equations to check once the row at this depth is assigned.
    checks_at: Vec<Vec<&'a Equation>>,
    /// Equations touching each row, for pruning before they are complete.
    touching: Vec<Vec<&'a Equation>>,
    assigned: Vec<bool>,
    chosen: Vec<usize>,
    solutions: Vec<Vec<usize>>,
    nodes: usize,
    exhausted: bool,
}

impl Search<'_> {
    fn value(&self, r: usize, c: usize) -> Option<i64> {
        let cand = self.chosen[r];
        self.rows[r]
            .get(cand)
            .and_then(|v| v.get(c).copied().flatten())
    }

    fn run(&mut self, depth: usize) {
        if self.exhausted {
            return;
        }
        if depth == self.order.len() {
            if self.solutions.len() >= SOLUTION_CAP {
                self.exhausted = true;
                return;
            }
            self.solutions.push(self.chosen.clone());
            return;
        }
        let r = self.order[depth];
        for i in 0..self.rows[r].len() {
            self.nodes += 1;
            if self.nodes > NODE_BUDGET {
                self.exhausted = true;
                return;
            }
            self.chosen[r] = i;
            self.assigned[r] = true;
            let ok = self.checks_at[depth]
                .iter()
                .all(|eq| holds(eq, |rr, cc| self.value(rr, cc)) != Some(false))
                && self.touching[r].iter().all(|eq| self.bound_ok(eq));
            if ok {
                self.run(depth + 1);
            }
            self.assigned[r] = false;
        }
    }

    /// Counts are non-negative: once one side of `Σ lhs = Σ rhs` is complete, the assigned
    /// terms of the other side cannot exceed it. Prunes long before the equation is complete.
    fn bound_ok(&self, eq: &Equation) -> bool {
        let (mut sides, mut complete) = ([0i64; 2], [true; 2]);
        for &(r, c, k) in &eq.terms {
            let side = usize::from(k < 0);
            if !self.assigned[r] {
                complete[side] = false;
                continue;
            }
            match self.value(r, c) {
                Some(v) if v >= 0 => sides[side] += v * k.abs(),
                // A blank or negative term: no bound can be drawn from this equation.
                _ => return true,
            }
        }
        !(complete[0] && sides[1] > sides[0] || complete[1] && sides[0] > sides[1])
    }
}

/// Solves a table. `evidence` pins cells to values stated elsewhere in the report; a row's
/// candidates that contradict it are dropped when at least one candidate agrees with it.
pub fn solve_table(
    rows: &[RowInput],
    equations: &[Equation],
    evidence: &HashMap<(usize, usize), String>,
) -> Vec<RowOutcome> {
    let local: Vec<Vec<&Equation>> = (0..rows.len())
        .map(|r| {
            equations
                .iter()
                .filter(|e| e.terms.iter().all(|t| t.0 == r))
                .collect()
        })
        .collect();
    // Enumerate each glued row's splits; the row's own sum identities prune the enumeration (a
    // row that breaks them gets no candidates, and no values, by the policy above).
    // Shorter runs first, so that the table's budget goes to the rows most likely to resolve.
    let mut order: Vec<usize> = (0..rows.len()).collect();
    order.sort_by_key(|&r| match &rows[r] {
        RowInput::Glued { pieces, .. } => pieces.iter().map(String::len).sum(),
        RowInput::Known(_) => 0,
    });
    let mut budget = TABLE_BUDGET;
    let mut splits: Vec<Result<Vec<Vec<Value>>, SplitError>> = vec![Ok(Vec::new()); rows.len()];
    for r in order {
        if let RowInput::Glued { pieces, kinds } = &rows[r] {
            let refs: Vec<&str> = pieces.iter().map(String::as_str).collect();
            let rules: Vec<SumRule> = local[r].iter().filter_map(|e| sum_rule(e)).collect();
            splits[r] = split_row_budget(&refs, kinds, &rules, ROW_CAP, &mut budget)
                .map(|cands| apply_evidence(cands, r, evidence));
        }
    }
    let as_ints = |cands: &[Vec<Value>]| -> Vec<Vec<Option<i64>>> {
        cands
            .iter()
            .map(|c| c.iter().map(|v| v.int).collect())
            .collect()
    };
    // Per-row candidates filtered by row-local identities (blank-touching ones skipped).
    let filtered: Vec<Option<Vec<usize>>> = rows
        .iter()
        .enumerate()
        .map(|(r, row)| match (row, &splits[r]) {
            (RowInput::Glued { .. }, Ok(cands)) => Some(
                (0..cands.len())
                    .filter(|&i| {
                        let ints = &as_ints(&cands[i..=i])[0];
                        local[r].iter().all(|eq| {
                            holds(eq, |_, c| ints.get(c).copied().flatten()) != Some(false)
                        })
                    })
                    .collect(),
            ),
            _ => None,
        })
        .collect();

    // Step 1: joint search over all identities.
    let joint = joint_solutions(rows, equations, &splits, &filtered);
    let mut out = Vec::with_capacity(rows.len());
    for (r, row) in rows.iter().enumerate() {
        let RowInput::Glued { kinds, .. } = row else {
            out.push(RowOutcome::Known);
            continue;
        };
        let cands = match &splits[r] {
            Ok(c) => c,
            Err(_) => {
                out.push(RowOutcome::TooMany);
                continue;
            }
        };
        let chosen: Vec<usize> = match &joint {
            Joint::Solutions(sols) => {
                let mut idx: Vec<usize> = sols.iter().map(|s| s[r]).collect();
                idx.sort_unstable();
                idx.dedup();
                idx
            }
            // Step 2: the table breaks its identities, or is too large to search jointly.
            Joint::None | Joint::TooMany => {
                let local_ok = filtered[r].clone().unwrap_or_default();
                if local_ok.is_empty() && local[r].is_empty() {
                    // A row without identities of its own (section 二): the print rules alone.
                    (0..cands.len()).collect()
                } else {
                    // A row that breaks even its own identity is not read as glued at all.
                    local_ok
                }
            }
        };
        let picked: Vec<Vec<Value>> = chosen.iter().map(|&i| cands[i].clone()).collect();
        out.push(outcome(
            picked,
            kinds.len(),
            matches!(joint, Joint::TooMany) && cands.len() > 1,
        ));
    }
    out
}

fn outcome(picked: Vec<Vec<Value>>, n: usize, too_many: bool) -> RowOutcome {
    match picked.len() {
        0 if too_many => RowOutcome::TooMany,
        0 => RowOutcome::NoSolution,
        1 => picked
            .into_iter()
            .next()
            .map_or(RowOutcome::NoSolution, RowOutcome::Unique),
        _ => {
            let agreed = (0..n)
                .map(|c| {
                    let first = &picked[0][c];
                    picked
                        .iter()
                        .all(|p| p[c].text == first.text)
                        .then(|| first.clone())
                })
                .collect();
            RowOutcome::Ambiguous {
                candidates: picked,
                agreed,
            }
        }
    }
}

fn apply_evidence(
    cands: Vec<Vec<Value>>,
    row: usize,
    evidence: &HashMap<(usize, usize), String>,
) -> Vec<Vec<Value>> {
    let pins: Vec<(usize, &String)> = evidence
        .iter()
        .filter(|((r, _), _)| *r == row)
        .map(|((_, c), v)| (*c, v))
        .collect();
    if pins.is_empty() {
        return cands;
    }
    let agreeing: Vec<Vec<Value>> = cands
        .iter()
        .filter(|c| {
            pins.iter()
                .all(|(i, v)| c.get(*i).is_some_and(|x| &x.text == *v))
        })
        .cloned()
        .collect();
    if agreeing.is_empty() {
        cands
    } else {
        agreeing
    }
}

enum Joint {
    Solutions(Vec<Vec<usize>>),
    None,
    TooMany,
}

fn joint_solutions(
    rows: &[RowInput],
    equations: &[Equation],
    splits: &[Result<Vec<Vec<Value>>, SplitError>],
    filtered: &[Option<Vec<usize>>],
) -> Joint {
    // Candidate value vectors per row: known rows one, glued rows their locally valid splits.
    let mut cand_rows: Vec<Vec<Vec<Option<i64>>>> = Vec::with_capacity(rows.len());
    let mut cand_index: Vec<Vec<usize>> = Vec::with_capacity(rows.len());
    for (r, row) in rows.iter().enumerate() {
        match row {
            RowInput::Known(v) => {
                cand_rows.push(vec![v.clone()]);
                cand_index.push(vec![0]);
            }
            RowInput::Glued { .. } => {
                let Ok(cands) = &splits[r] else {
                    return Joint::TooMany;
                };
                let idx = filtered[r].clone().unwrap_or_default();
                cand_rows.push(
                    idx.iter()
                        .map(|&i| cands[i].iter().map(|v| v.int).collect())
                        .collect(),
                );
                cand_index.push(idx);
            }
        }
    }
    if cand_rows.iter().any(Vec::is_empty) {
        return Joint::None;
    }
    // Assign rows with fewest candidates first; check each equation when its last row is set.
    let mut order: Vec<usize> = (0..rows.len()).collect();
    order.sort_by_key(|&r| (cand_rows[r].len(), r));
    let position: rustc_hash::FxHashMap<usize, usize> =
        order.iter().enumerate().map(|(d, &r)| (r, d)).collect();
    let mut checks_at: Vec<Vec<&Equation>> = vec![Vec::new(); order.len()];
    for eq in equations {
        let depth = eq
            .terms
            .iter()
            .filter_map(|t| position.get(&t.0))
            .max()
            .copied();
        if let Some(d) = depth {
            checks_at[d].push(eq);
        }
    }
    let mut touching: Vec<Vec<&Equation>> = vec![Vec::new(); rows.len()];
    for eq in equations {
        let mut rs: Vec<usize> = eq.terms.iter().map(|t| t.0).collect();
        rs.sort_unstable();
        rs.dedup();
        if rs.len() > 1 {
            for r in rs {
                touching[r].push(eq);
            }
        }
    }
    let mut search = Search {
        rows: &cand_rows,
        order,
        checks_at,
        touching,
        assigned: vec![false; rows.len()],
        chosen: vec![0; rows.len()],
        solutions: Vec::new(),
        nodes: 0,
        exhausted: false,
    };
    search.run(0);
    // Past the node budget or the solution cap, the solutions seen are not all there are, so
    // their agreement proves nothing.
    if search.exhausted {
        return Joint::TooMany;
    }
    if search.solutions.is_empty() {
        return Joint::None;
    }
    // Map back from filtered positions to split indices.
    let sols = search
        .solutions
        .into_iter()
        .map(|s| {
            s.iter()
                .enumerate()
                .map(|(r, &i)| cand_index[r][i])
                .collect()
        })
        .collect();
    Joint::Solutions(sols)
}

#[cfg(test)]
mod tests;

//! Cost of the glued-cell solver per table: real glued section 三 tables (pingtan), random
//! consistent tables glued (town-like and province-like counts), and worst cases (every row a long
//! run of large numbers). Also prints the share of random tables recovered uniquely.
//!
//!     cargo bench --bench solver

use ogi::internals::{
    property_run, random_table, solve_table, table_equations, CellKind, Rng, RowInput,
};
use std::collections::HashMap;
use std::time::{Duration, Instant};

fn glue(table: &[Vec<i64>]) -> Vec<RowInput> {
    table
        .iter()
        .map(|r| RowInput::Glued {
            pieces: vec![r.iter().map(i64::to_string).collect::<String>()],
            kinds: vec![CellKind::Count; 7],
        })
        .collect()
}

fn report(label: &str, mut times: Vec<Duration>) {
    times.sort();
    let median = times[times.len() / 2];
    let worst = times[times.len() - 1];
    println!(
        "{label:<44} {:>6} tables  median {:>9.3} ms  worst {:>9.3} ms",
        times.len(),
        median.as_secs_f64() * 1e3,
        worst.as_secs_f64() * 1e3
    );
}

fn time_tables(tables: &[Vec<RowInput>]) -> Vec<Duration> {
    let eqs = table_equations();
    tables
        .iter()
        .map(|rows| {
            let t = Instant::now();
            let out = solve_table(rows, &eqs, &HashMap::new());
            std::hint::black_box(out);
            t.elapsed()
        })
        .collect()
}

fn main() {
    // pingtan_2022's section 三, as the crawler glued it.
    let pingtan: Vec<&str> = vec![
        "713000074",
        "1000001",
        "210000021",
        "8100009",
        "0000000",
        "0000000",
        "0000000",
        "0000000",
        "1000001",
        "2000002",
        "1000001",
        "0000000",
        "370000037",
        "0000000",
        "0000000",
        "0000000",
        "0000000",
        "0000000",
        "0000000",
        "0000000",
        "2000002",
        "0000000",
        "0200002",
        "723000075",
        "0000000",
    ];
    let real: Vec<RowInput> = pingtan
        .iter()
        .map(|r| RowInput::Glued {
            pieces: vec![r.to_string()],
            kinds: vec![CellKind::Count; 7],
        })
        .collect();
    report(
        "real: pingtan_2022 section 三 (25 rows)",
        time_tables(&vec![real; 200]),
    );

    for (label, large) in [
        ("random town-like tables (25 rows)", false),
        ("random province-like tables (25 rows)", true),
    ] {
        let mut rng = Rng(42);
        let tables: Vec<Vec<RowInput>> = (0..200)
            .map(|_| glue(&random_table(&mut rng, large)))
            .collect();
        report(label, time_tables(&tables));
    }

    // Worst case: every row six 4-digit numbers and their sum, glued.
    let mut rng = Rng(9);
    let worst: Vec<Vec<RowInput>> = (0..20)
        .map(|_| {
            let rows: Vec<Vec<i64>> = (0..25)
                .map(|_| {
                    let mut r: Vec<i64> = (0..6).map(|_| 1000 + rng.below(9000) as i64).collect();
                    r.push(r.iter().sum());
                    r
                })
                .collect();
            glue(&rows)
        })
        .collect();
    report(
        "worst: every cell 4-5 digits (25 rows)",
        time_tables(&worst),
    );

    for (label, large, seed) in [("town-like", false, 7), ("province-like", true, 11)] {
        let (n, unique, cells, recovered) = property_run(seed, 300, large);
        println!(
            "property, {label}: {unique}/{n} tables recovered uniquely ({:.0}%), {recovered}/{cells} cells ({:.1}%)",
            unique as f64 * 100.0 / n as f64,
            recovered as f64 * 100.0 / cells as f64
        );
    }
}

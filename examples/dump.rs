//! Prints what ogi reads from documents: status, template, metadata, every cell, failed checks
//! and warnings. `cargo run --example dump -- FILE...`
fn main() {
    for path in std::env::args().skip(1) {
        let bytes = std::fs::read(&path).expect("read");
        let ex = ogi::extract(&bytes, None);
        println!(
            "== {path}: {:?} {} {:?} {:?} {} {:?} | {}",
            ex.status, ex.template, ex.agency, ex.year, ex.title, ex.format, ex.reason
        );
        for c in &ex.cells {
            println!(
                "  {} {:?} {:?} {:?}",
                c.key.flat(),
                c.value,
                c.raw,
                c.method
            );
        }
        for c in &ex.checks {
            if c.status != ogi::model::CheckStatus::Pass {
                println!(
                    "  CHECK {} {:?} {:?} {:?} {}",
                    c.check, c.status, c.lhs, c.rhs, c.detail
                );
            }
        }
        for w in &ex.warnings {
            println!("  WARN {} {}", w.code, w.detail);
        }
    }
}

fn main() {
    let paths: Vec<String> = std::env::args().skip(1).collect();
    let docs: Vec<Vec<u8>> = paths
        .iter()
        .map(|p| std::fs::read(p).expect("read"))
        .collect();
    let n = 200;
    let t = std::time::Instant::now();
    let mut cells = 0;
    for _ in 0..n {
        for d in &docs {
            cells += ogi::extract(d, None).cells.len();
        }
    }
    let el = t.elapsed().as_secs_f64();
    println!(
        "{} docs in {:.3}s: {:.0} docs/s ({} cells)",
        n * docs.len(),
        el,
        (n * docs.len()) as f64 / el,
        cells
    );
}

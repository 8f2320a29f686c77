fn main() {
    let mut total = 0usize;
    let mut region = 0usize;
    for path in std::env::args().skip(1) {
        let bytes = std::fs::read(&path).expect("read");
        let d = ogi::decode::decode(&bytes, None);
        let r = ogi::layout::html::report_region(&d.text);
        total += d.text.len();
        region += r.len();
    }
    println!(
        "text {total} region {region} ({:.0}%)",
        region as f64 * 100.0 / total as f64
    );
}

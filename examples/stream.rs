//! Prints the text the recognizer searches (cells separated by `|`) for one document.
//! `cargo run --example stream -- FILE`
fn main() {
    let path = std::env::args().nth(1).expect("path");
    let bytes = std::fs::read(&path).expect("read");
    let d = ogi::decode::decode(&bytes, None);
    let l = ogi::layout::lay_out(&d.text, ogi::layout::sniff_format(&d.text));
    print!("{}", l.stream().replace('\u{1f}', "|"));
}

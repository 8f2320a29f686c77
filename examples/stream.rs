//! Prints the text the recognizer searches (cells separated by `|`) for one document.
//! `cargo run --example stream -- FILE`
use ogi::layout::{docx, pdf};
use ogi::sniff::{sniff, Container};

fn main() {
    let path = std::env::args().nth(1).expect("path");
    let bytes = std::fs::read(&path).expect("read");
    let l = match sniff(&bytes) {
        Container::Pdf => pdf::lay_out(&bytes, &pdf::PdfLimits::default()).expect("readable PDF"),
        Container::Zip => docx::lay_out(&bytes).expect("readable DOCX"),
        _ => {
            let d = ogi::decode::decode(&bytes, None);
            ogi::layout::lay_out(&d.text, ogi::layout::sniff_format(&d.text))
        }
    };
    print!("{}", l.stream().replace('\u{1f}', "|"));
}

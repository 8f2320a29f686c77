//! Temporary: lines only (replaced by the layout branch).
pub fn lay_out(text: &str) -> super::Layout {
    super::Layout {
        blocks: text
            .lines()
            .map(|l| super::Block::Line(l.trim().to_string()))
            .collect(),
        title: None,
    }
}

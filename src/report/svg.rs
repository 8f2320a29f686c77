/*!
Plots for the report page as inline SVG: vertical bars (stacked by series) and horizontal bars
with a label and a value each. Fixed sizes and fixed-precision coordinates, so that the same data
always gives the same bytes.
*/

use super::escape;

/// One series of a bar chart.
pub struct Series<'a> {
    pub name: &'a str,
    pub color: &'a str,
    pub values: Vec<f64>,
}

const W: f64 = 640.0;
const H: f64 = 260.0;
const LEFT: f64 = 48.0;
const BOTTOM: f64 = 36.0;
const TOP: f64 = 28.0;

fn nice_max(v: f64) -> f64 {
    if v <= 0.0 {
        return 1.0;
    }
    let mag = 10f64.powf(v.log10().floor());
    for m in [1.0, 2.0, 2.5, 5.0, 10.0] {
        if m * mag >= v {
            return m * mag;
        }
    }
    10.0 * mag
}

fn label(v: f64) -> String {
    let text = format!("{v:.2}");
    text.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// Bars per category, the series stacked; a legend names the series.
pub fn stacked_bars(id: &str, title: &str, categories: &[String], series: &[Series]) -> String {
    let totals: Vec<f64> = (0..categories.len())
        .map(|i| {
            series
                .iter()
                .map(|s| s.values.get(i).copied().unwrap_or(0.0))
                .sum()
        })
        .collect();
    let top = totals.iter().copied().fold(0.0, f64::max);
    let counts = series
        .iter()
        .all(|s| s.values.iter().all(|v| v.fract() == 0.0));
    // Counts get whole-number ticks: four at least.
    let max = if counts {
        nice_max(top).max(4.0)
    } else {
        nice_max(top)
    };
    let plot_w = W - LEFT - 12.0;
    let plot_h = H - TOP - BOTTOM;
    let slot = plot_w / categories.len().max(1) as f64;
    let bar = (slot * 0.7).min(48.0);
    let mut s = format!(
        "<svg id=\"{id}\" class=\"plot\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{W}\" height=\"{H}\" viewBox=\"0 0 {W} {H}\" role=\"img\" aria-label=\"{t}\">\n<title>{t}</title>\n",
        t = escape(title)
    );
    for k in 0..=4 {
        let v = max * f64::from(k) / 4.0;
        let y = TOP + plot_h - plot_h * f64::from(k) / 4.0;
        s.push_str(&format!(
            "<line x1=\"{LEFT}\" y1=\"{y:.1}\" x2=\"{:.1}\" y2=\"{y:.1}\" stroke=\"#ddd\"/><text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\" font-size=\"11\">{}</text>\n",
            W - 12.0,
            LEFT - 4.0,
            y + 4.0,
            label(v)
        ));
    }
    for (i, cat) in categories.iter().enumerate() {
        let x = LEFT + slot * i as f64 + (slot - bar) / 2.0;
        let mut y = TOP + plot_h;
        for sr in series {
            let v = sr.values.get(i).copied().unwrap_or(0.0);
            if v <= 0.0 {
                continue;
            }
            let h = plot_h * v / max;
            y -= h;
            s.push_str(&format!(
                "<rect x=\"{x:.1}\" y=\"{y:.1}\" width=\"{bar:.1}\" height=\"{h:.1}\" fill=\"{}\"><title>{} {}: {}</title></rect>\n",
                sr.color,
                escape(cat),
                escape(sr.name),
                label(v)
            ));
        }
        s.push_str(&format!(
            "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\" font-size=\"11\">{}</text>\n",
            x + bar / 2.0,
            TOP + plot_h + 16.0,
            escape(cat)
        ));
    }
    let mut lx = LEFT;
    for sr in series {
        s.push_str(&format!(
            "<rect x=\"{lx:.1}\" y=\"8\" width=\"10\" height=\"10\" fill=\"{}\"/><text x=\"{:.1}\" y=\"17\" font-size=\"11\">{}</text>\n",
            sr.color,
            lx + 14.0,
            escape(sr.name)
        ));
        lx += 14.0 + 7.0 * sr.name.chars().count() as f64 + 18.0;
    }
    s.push_str("</svg>\n");
    s
}

/// One horizontal bar per item: `(label, value in 0..=1, text shown)`.
pub fn share_bars(id: &str, title: &str, items: &[(String, f64, String)]) -> String {
    let row = 22.0;
    let label_w = 170.0;
    let plot_w = W - label_w - 190.0;
    let h = TOP + row * items.len() as f64 + 8.0;
    let mut s = format!(
        "<svg id=\"{id}\" class=\"plot\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{W}\" height=\"{h:.0}\" viewBox=\"0 0 {W} {h:.0}\" role=\"img\" aria-label=\"{t}\">\n<title>{t}</title>\n",
        t = escape(title)
    );
    for (i, (name, share, text)) in items.iter().enumerate() {
        let y = TOP + row * i as f64;
        let w = plot_w * share.clamp(0.0, 1.0);
        s.push_str(&format!(
            "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\" font-size=\"12\">{}</text><rect x=\"{label_w}\" y=\"{y:.1}\" width=\"{plot_w:.1}\" height=\"14\" fill=\"#eee\"/><rect x=\"{label_w}\" y=\"{y:.1}\" width=\"{w:.1}\" height=\"14\" fill=\"#3a7bd5\"/><text x=\"{:.1}\" y=\"{:.1}\" font-size=\"12\">{}</text>\n",
            label_w - 6.0,
            y + 11.0,
            escape(name),
            label_w + plot_w + 6.0,
            y + 11.0,
            escape(text)
        ));
    }
    s.push_str("</svg>\n");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_scale_to_a_round_maximum() {
        assert_eq!(nice_max(0.0), 1.0);
        assert_eq!(nice_max(7.0), 10.0);
        assert_eq!(nice_max(23.0), 25.0);
        let svg = stacked_bars(
            "p",
            "a & b",
            &["2021".into(), "2022".into()],
            &[Series {
                name: "town",
                color: "#000",
                values: vec![1.0, 2.0],
            }],
        );
        assert!(svg.contains("a &amp; b"));
        assert_eq!(svg.matches("<rect").count(), 3, "two bars and a legend");
        // Counts get an axis of whole numbers: 0..4, the taller bar half way up.
        assert!(svg.contains(">4</text>") && !svg.contains(">0.5<"), "{svg}");
        assert!(svg.contains("height=\"98.0\""), "{svg}");
        assert_eq!(
            (label(2.5), label(10.0), label(0.25)),
            ("2.5".into(), "10".into(), "0.25".into())
        );
    }
}

/*!
Reads a PDF's pages with `hayro-interpret`: one pass of its content interpreter per page into a
device that keeps what the layout needs — each glyph's Unicode text and box, and every straight
line drawn (stroked paths, and filled rectangles thin enough to be rules) — and drops the rest
(images, fills, colours).
*/

use super::geometry::{Glyph, Page, Rule};
use super::Refusal;
use hayro_interpret::font::{Glyph as FontGlyph, GlyphRun};
use hayro_interpret::hayro_cmap::BfString;
use hayro_interpret::hayro_syntax::{LoadPdfError, Pdf};
use hayro_interpret::kurbo::{Affine, BezPath, PathEl, Point, Rect, Shape};
use hayro_interpret::{
    interpret_page, BlendMode, ClipPath, Context, Device, DrawMode, DrawProps, Image,
    ImageDrawProps, InterpreterCache, InterpreterSettings, SoftMask,
};
use std::time::Instant;

/// Glyph space has 1000 units to the em in every font kind hayro reads.
const EM: f64 = 1000.0;
/// A filled rectangle thinner than this is a rule, not a shaded area.
const THIN: f64 = 2.5;
/// Glyphs and path segments kept per page: far above any report page (a few thousand), so that a
/// page of millions of operators cannot take the memory.
const PER_PAGE: usize = 200_000;

#[derive(Default)]
struct Collector {
    page: Page,
    images: usize,
}

impl Collector {
    fn full(&self) -> bool {
        self.page.glyphs.len() + self.page.rules.len() >= PER_PAGE
    }

    fn push_line(&mut self, a: Point, b: Point) {
        if !self.full() {
            self.page.rules.push(Rule {
                x0: a.x,
                y0: a.y,
                x1: b.x,
                y1: b.y,
            });
        }
    }
}

impl Device<'_> for Collector {
    fn draw_path(&mut self, path: &BezPath, props: DrawProps<'_>, mode: &DrawMode) {
        let t = props.transform;
        match mode {
            DrawMode::Stroke(_) | DrawMode::FillAndStroke(..) => {
                let (mut cur, mut start) = (Point::ZERO, Point::ZERO);
                for el in path.elements() {
                    match *el {
                        PathEl::MoveTo(p) => {
                            cur = t * p;
                            start = cur;
                        }
                        PathEl::LineTo(p) => {
                            let q = t * p;
                            self.push_line(cur, q);
                            cur = q;
                        }
                        PathEl::ClosePath => {
                            self.push_line(cur, start);
                            cur = start;
                        }
                        PathEl::QuadTo(_, p) | PathEl::CurveTo(_, _, p) => cur = t * p,
                    }
                }
            }
            DrawMode::Fill(_) => {
                // Each subpath's box: a thin one is a rule drawn as a filled rectangle.
                for sub in path.subpaths() {
                    let b = (t * BezPath::from_vec(sub.to_vec())).bounding_box();
                    if b.width() <= THIN && b.height() > THIN {
                        let x = (b.x0 + b.x1) / 2.0;
                        self.push_line(Point::new(x, b.y0), Point::new(x, b.y1));
                    } else if b.height() <= THIN && b.width() > THIN {
                        let y = (b.y0 + b.y1) / 2.0;
                        self.push_line(Point::new(b.x0, y), Point::new(b.x1, y));
                    }
                }
            }
            DrawMode::Invisible => {}
        }
    }

    fn push_clip_path(&mut self, _: &ClipPath) {}
    fn push_transparency_group(&mut self, _: f32, _: Option<SoftMask<'_>>, _: BlendMode) {}

    fn draw_glyph_run(&mut self, run: &GlyphRun<'_, '_>, props: DrawProps<'_>, _: &DrawMode) {
        for g in run.glyphs() {
            if self.full() {
                return;
            }
            let t = props.transform * g.transform();
            let origin = t * Point::ZERO;
            let up = t * Point::new(0.0, EM);
            let size = (up - origin).hypot();
            let advance = match &**g {
                FontGlyph::Outline(o) => o.advance_width(),
                FontGlyph::Type3(t3) => t3.advance_width(),
            }
            .map_or(EM / 2.0, f64::from);
            let right = (t * Point::new(advance, 0.0)).x;
            let text: Vec<char> = match g.as_unicode() {
                Some(BfString::Char(c)) => vec![c],
                Some(BfString::String(s)) => s.chars().collect(),
                None => vec!['\u{fffd}'],
            };
            let (x0, x1) = (origin.x.min(right), origin.x.max(right));
            let n = text.len().max(1) as f64;
            for (i, ch) in text.into_iter().enumerate() {
                let step = (x1 - x0) / n;
                self.page.glyphs.push(Glyph {
                    ch,
                    x0: x0 + step * i as f64,
                    x1: x0 + step * (i as f64 + 1.0),
                    top: origin.y - size * 0.85,
                    bottom: origin.y + size * 0.15,
                });
            }
        }
    }

    fn draw_image(&mut self, _: Image<'_, '_>, _: ImageDrawProps<'_>) {
        self.images += 1;
    }
    fn pop_clip(&mut self) {}
    fn pop_transparency_group(&mut self) {}
}

/// Reads every page, within the limits.
pub fn pages(bytes: &[u8], limits: &super::PdfLimits) -> Result<Vec<Page>, Refusal> {
    let started = Instant::now();
    let encrypted = || Refusal::unsupported("encrypted PDF: it needs a password to be read");
    let pdf = Pdf::new(bytes.to_vec()).map_err(|e| match e {
        LoadPdfError::Decryption(_) => encrypted(),
        // A wrong password can also surface as an unreadable structure.
        LoadPdfError::Invalid if memchr::memmem::find(bytes, b"/Encrypt").is_some() => encrypted(),
        LoadPdfError::Invalid => Refusal::error("damaged PDF: its structure could not be read"),
    })?;
    let all = pdf.pages();
    if all.len() > limits.max_pages {
        return Err(Refusal::error(format!(
            "{} pages, over the limit of {} pages per PDF",
            all.len(),
            limits.max_pages
        )));
    }
    if all.is_empty() {
        return Err(Refusal::error("damaged PDF: no pages found"));
    }
    let cache = InterpreterCache::new();
    let mut out = Vec::with_capacity(all.len());
    for page in all.iter() {
        if started.elapsed() > limits.time_budget {
            return Err(Refusal::error(format!(
                "over the time budget of {} s per PDF",
                limits.time_budget.as_secs()
            )));
        }
        // Top-left origin, y downwards, the page's rotation applied.
        let initial = Affine::new(page.initial_transform(true).as_coeffs());
        let mut ctx = Context::new(
            initial,
            Rect::new(0.0, 0.0, 1.0, 1.0),
            &cache,
            pdf.xref(),
            InterpreterSettings::default(),
        );
        let mut dev = Collector::default();
        interpret_page(page, &mut ctx, &mut dev);
        out.push(dev.page);
    }
    Ok(out)
}

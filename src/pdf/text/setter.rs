//! The text module's front door: a paragraph in, its lines out.

use super::breaker::{Greedy, LineBreaker, Widths};
use super::line::{build, Geometry, LineBox};
use super::measure::Measure;
use super::tokens::Tokenizer;
use super::Metrics;
use crate::model::{Footnote, Paragraph};
use crate::pdf::frame::Face;

/// Narrowest line the breaker is asked to fill, so indents wider than the box still work.
const MIN_LINE: f32 = 1.0;

/// Adjustments to a paragraph's own style.
#[derive(Debug, Clone, Copy, Default)]
pub struct SetOptions {
    /// Font size to use instead of the paragraph's (footnote text).
    pub size: Option<f32>,
    /// Footnote number to open the paragraph with (the first paragraph of a footnote body).
    pub lead_mark: Option<usize>,
}

/// Sets paragraphs into lines, keeping the width cache across the whole document.
pub struct Typesetter<'m> {
    /// Cached measuring.
    pub measure: Measure<'m>,
    breaker: Box<dyn LineBreaker>,
}

impl<'m> Typesetter<'m> {
    /// A typesetter with the greedy line breaker.
    pub fn new(metrics: &'m dyn Metrics) -> Self {
        Self::with_breaker(metrics, Box::new(Greedy))
    }

    /// A typesetter with another line breaker.
    pub fn with_breaker(metrics: &'m dyn Metrics, breaker: Box<dyn LineBreaker>) -> Self {
        Typesetter {
            measure: Measure::new(metrics),
            breaker,
        }
    }

    /// Sets `para` in a box `width` wide. Footnotes met are numbered by `notes`, which
    /// returns the number to print. Returns at least one line.
    pub fn set(
        &mut self,
        para: &Paragraph,
        width: f32,
        opts: SetOptions,
        notes: &mut dyn FnMut(&Footnote) -> usize,
    ) -> Vec<LineBox> {
        let st = &para.style;
        let size = opts.size.unwrap_or(st.font_size);
        let tokens = Tokenizer::new(&mut self.measure).paragraph(para, size, opts.lead_mark, notes);
        let first_x = st.indent_left + st.first_line_indent;
        let widths = Widths {
            first_x,
            first: (width - first_x - st.indent_right).max(MIN_LINE),
            rest_x: st.indent_left,
            rest: (width - st.indent_left - st.indent_right).max(MIN_LINE),
            right_tab: st.right_tab,
            hyphenate: st.hyphenate,
        };
        let lines = self.breaker.break_lines(tokens, &widths, &mut self.measure);
        let mut out = Vec::with_capacity(lines.len());
        for (i, line) in lines.into_iter().enumerate() {
            let (x, w) = if i == 0 {
                (widths.first_x, widths.first)
            } else {
                (widths.rest_x, widths.rest)
            };
            let geometry = Geometry {
                x,
                width: w,
                align: st.align,
                spacing: st.line_spacing,
                face: Face::new(st.bold, st.italic),
                size,
                right_tab: st.right_tab,
            };
            out.push(build(line, &geometry, &mut self.measure));
        }
        out
    }
}

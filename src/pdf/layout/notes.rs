//! Footnotes: numbered through the document in reading order as the text is set (the DOCX
//! writer numbers them the same way), their bodies set at the foot-of-page size, and which
//! of them already stand on a page (a repeated table header shows the mark again, but the
//! text appears once).

use super::stack::{stack, VLine};
use crate::model::{Footnote, Meta};
use crate::pdf::frame::Face;
use crate::pdf::text::{Metrics, SetOptions, Typesetter};

struct Body {
    /// The footnote until its text is set.
    note: Option<Footnote>,
    lines: Vec<VLine>,
    height: f32,
    placed: bool,
}

/// All footnotes of the document, by number (1-based).
pub(crate) struct Notes {
    size: f32,
    separator: f32,
    bodies: Vec<Body>,
}

impl Notes {
    /// An empty store. The separator above the notes takes one line of body text: in the
    /// DOCX it is a paragraph of the default size holding the rule.
    pub(crate) fn new(meta: &Meta, metrics: &dyn Metrics) -> Notes {
        Notes {
            size: meta.footnote_size,
            separator: metrics.line_height(Face::Regular, meta.font_size),
            bodies: Vec::new(),
        }
    }

    /// Gives `note` the next number.
    pub(crate) fn register(&mut self, note: &Footnote) -> usize {
        self.bodies.push(Body {
            note: Some(note.clone()),
            lines: Vec::new(),
            height: 0.0,
            placed: false,
        });
        self.bodies.len()
    }

    /// Sets the text of the footnotes registered since the last call, `width` wide.
    pub(crate) fn set_pending(&mut self, ts: &mut Typesetter, width: f32) {
        let size = self.size;
        for (i, body) in self.bodies.iter_mut().enumerate() {
            let Some(note) = body.note.take() else {
                continue;
            };
            let opts = SetOptions {
                size: Some(size),
                lead_mark: Some(i + 1),
            };
            // A footnote inside a footnote is not numbered (the DOCX writer rejects it).
            let lines = stack(ts, note.paragraphs(), width, opts, size, &mut |_| 0);
            body.height = lines.iter().map(|l| l.height).sum();
            body.lines = lines;
        }
    }

    /// Height of the separator line above the notes.
    pub(crate) fn separator(&self) -> f32 {
        self.separator
    }

    /// Whether footnote `n`'s text already stands on a page.
    pub(crate) fn placed(&self, n: usize) -> bool {
        self.body(n).is_none_or(|b| b.placed)
    }

    /// Records that footnote `n`'s text goes to the current page.
    pub(crate) fn mark_placed(&mut self, n: usize) {
        if let Some(b) = n.checked_sub(1).and_then(|i| self.bodies.get_mut(i)) {
            b.placed = true;
        }
    }

    /// Height of footnote `n`'s text.
    pub(crate) fn height(&self, n: usize) -> f32 {
        self.body(n).map_or(0.0, |b| b.height)
    }

    /// Lines of footnote `n`'s text.
    pub(crate) fn lines(&self, n: usize) -> &[VLine] {
        self.body(n).map_or(&[], |b| &b.lines)
    }

    /// Number of lines (and spacers) in footnote `n`'s text.
    pub(crate) fn len_of(&self, n: usize) -> usize {
        self.lines(n).len()
    }

    /// Height of lines `from..to` of footnote `n`.
    pub(crate) fn range_height(&self, n: usize, from: usize, to: usize) -> f32 {
        self.lines(n)[from..to].iter().map(|l| l.height).sum()
    }

    /// End of the run of footnote `n`'s lines from `from` on that fits in `room`.
    pub(crate) fn lines_fitting(&self, n: usize, from: usize, room: f32) -> usize {
        let mut h = 0.0;
        let mut to = from;
        for l in &self.lines(n)[from..] {
            if h + l.height > room + 0.01 {
                break;
            }
            h += l.height;
            to += 1;
        }
        to
    }

    fn body(&self, n: usize) -> Option<&Body> {
        n.checked_sub(1).and_then(|i| self.bodies.get(i))
    }
}

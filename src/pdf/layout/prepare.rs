//! Setting a section's blocks before any of them is placed: paragraphs become lines, tables
//! become measured cells. Setting everything first lets keep-with-next look ahead, and setting
//! in reading order numbers the footnotes as the DOCX writer does.

use super::notes::Notes;
use super::table::{prepare_table, PTable};
use crate::model::{Block, Meta, Section};
use crate::pdf::text::{LineBox, SetOptions, Typesetter};

/// A block ready to be placed.
pub(crate) enum Prepared {
    /// A paragraph's lines.
    Para(PPara),
    /// A table with measured cells.
    Table(PTable),
    /// A picture and its caption's lines.
    Figure(PFigure),
    /// A forced page break.
    PageBreak,
    /// The QR code at the foot of the page.
    Qr(crate::model::Qr),
}

/// A paragraph set into lines.
pub(crate) struct PPara {
    /// The lines; `x` of their items counts from the left margin.
    pub lines: Vec<LineBox>,
    /// Space above.
    pub before: f32,
    /// Space below.
    pub after: f32,
    /// Keep on the page of the next block.
    pub keep: bool,
    /// Set at the foot of the page (see [`crate::model::ParaStyle::at_page_foot`]).
    pub foot: bool,
}

/// A figure ready to be placed: the picture's box and its caption set into lines.
pub(crate) struct PFigure {
    /// The image.
    pub image: std::sync::Arc<crate::model::Image>,
    /// Width on the page.
    pub width: f32,
    /// Height on the page.
    pub height: f32,
    /// The caption.
    pub caption: Option<PPara>,
}

impl PFigure {
    /// Height of the picture with the space above it and its caption.
    pub(crate) fn height(&self) -> f32 {
        let caption = self.caption.as_ref().map_or(0.0, PPara::height);
        crate::model::house::FIGURE_SPACE_BEFORE + self.height + caption
    }
}

impl PPara {
    /// Height of the whole paragraph with its spacing.
    pub(crate) fn height(&self) -> f32 {
        self.before + self.lines.iter().map(|l| l.height).sum::<f32>() + self.after
    }
}

/// Sets the blocks of `section` in order.
pub(crate) fn prepare(
    section: &Section,
    meta: &Meta,
    ts: &mut Typesetter,
    notes: &mut Notes,
) -> Vec<Prepared> {
    let width = section.page.text_width();
    let mut register = |f: &crate::model::Footnote| notes.register(f);
    section
        .blocks
        .iter()
        .map(|block| match block {
            Block::Paragraph(p) => Prepared::Para(para(p, width, ts, &mut register)),
            Block::Figure(f) => Prepared::Figure(PFigure {
                image: f.image().clone(),
                width: f.width(),
                height: f.height(),
                caption: f.caption().map(|c| para(c, width, ts, &mut register)),
            }),
            Block::Table(t) => Prepared::Table(prepare_table(t, meta, ts, &mut register)),
            Block::PageBreak => Prepared::PageBreak,
            Block::Qr(q) => Prepared::Qr(q.clone()),
        })
        .collect()
}

/// A paragraph set `width` points wide.
fn para(
    p: &crate::model::Paragraph,
    width: f32,
    ts: &mut Typesetter,
    register: &mut dyn FnMut(&crate::model::Footnote) -> usize,
) -> PPara {
    PPara {
        lines: ts.set(p, width, SetOptions::default(), register),
        before: p.style.space_before,
        after: p.style.space_after,
        keep: p.style.keep_with_next,
        foot: p.style.at_page_foot,
    }
}

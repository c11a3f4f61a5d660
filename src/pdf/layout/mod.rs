//! Page layout: the document model turned into pages of positioned text runs and lines.
//!
//! Each section is set first (paragraphs into lines, table cells into measured columns,
//! footnotes numbered in reading order), then placed page by page: `place` for paragraphs
//! and page breaks, `table` for tables, `flow` for the page being filled, its page number
//! and its footnotes.

mod bars;
mod flow;
mod foot;
mod notes;
mod place;
mod prepare;
mod qr;
mod stack;
mod table;

use crate::model::Document;
use crate::pdf::frame::Page;
use crate::pdf::text::{Metrics, Typesetter};

/// Lays out `doc` into pages, measuring text with `metrics`.
pub fn layout(doc: &Document, metrics: &dyn Metrics) -> Vec<Page> {
    let mut ts = Typesetter::new(metrics);
    let mut flow = flow::Flow::new(&doc.meta, notes::Notes::new(&doc.meta, metrics));
    for section in &doc.sections {
        let mut blocks = prepare::prepare(section, &doc.meta, &mut ts, &mut flow.notes);
        flow.notes.set_pending(&mut ts, section.page.text_width());
        flow.start_section(&section.page, section.page_numbers, &mut ts.measure);
        place::place_blocks(&mut flow, &mut blocks, &mut ts.measure);
    }
    flow.finish()
}

//! Tables of the data to table views: keyed tables (roadmaps, indicators) whose rows give a
//! value per column key, and general tables with explicit spans.

mod cells;
mod general;
mod keyed;

use super::build::{Builder, Notes};
use super::raw::Text;
use super::view::{CellView, Inline};

pub(super) use general::general;
pub(super) use keyed::keyed;

/// A cell of `paragraphs` aligned `align`, spanning one slot.
fn cell(paragraphs: Vec<Inline>, align: &str) -> CellView {
    CellView {
        paragraphs,
        colspan: 1,
        rowspan: 1,
        align: align.to_string(),
        results: None,
    }
}

/// The paragraphs of a cell: its text split at line feeds, each trimmed.
fn paragraphs(b: &mut Builder, text: &Text, notes: &Notes, src: usize) -> Vec<Inline> {
    let mut out = Vec::new();
    let mut from = 0;
    for line in text.split('\n') {
        let lead = line.len() - line.trim_start().len();
        let part = from + lead..from + line.trim_end().len().max(lead);
        out.push(b.md_part(text, part, Some(notes), src));
        from += line.len() + 1;
    }
    out
}

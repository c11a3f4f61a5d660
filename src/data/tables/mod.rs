//! Tables of the data to table views: keyed tables (roadmaps, indicators) whose rows give a
//! value per column key, and general tables with explicit spans.

mod cells;
mod general;
mod keyed;

use super::build::{Builder, Notes};
use super::raw::{Caption, Spanned, Text};
use super::view::{CellItem, CellView, Inline};

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
        items: Vec::new(),
    }
}

/// The caption of a table: `true` numbers it through the document in the organisation's
/// form, a string is printed as written.
fn caption(b: &mut Builder, c: Option<&Caption>) -> Option<String> {
    match c? {
        Caption::Numbered(true) => Some(b.numbers.next_table()),
        Caption::Numbered(false) => None,
        Caption::Text(s) => Some(s.clone()),
    }
}

/// The items of a cell's numbered list («1.», «2.» …) and then of its bulleted list («–»);
/// an empty list is an error at it, since it would print nothing.
fn items(
    b: &mut Builder,
    [numbered, list]: [Option<&Spanned<Vec<Text>>>; 2],
    notes: &Notes,
    src: usize,
) -> Vec<CellItem> {
    let mut out = Vec::new();
    for (items, numbers) in [(numbered, true), (list, false)] {
        let Some(items) = items else { continue };
        if items.is_empty() {
            let key = if numbers { "numbered" } else { "list" };
            let message = format!(
                "список {key} в ячейке пуст: напишите его пункты, например {key} = [\"…\", \"…\"], или уберите его"
            );
            b.error(src, items.start(), message);
        }
        for (i, item) in items.iter().enumerate() {
            out.push(CellItem {
                marker: if numbers {
                    format!("{}.", i + 1)
                } else {
                    "–".into()
                },
                text: b.md(item, notes, src),
            });
        }
    }
    out
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

//! What changed between two versions of a document, by structure: points, appendices,
//! sections, paragraphs, clauses, table rows and roadmap activities, footnotes and the
//! order's requisites — matched by content, so an insertion is one addition and not a change
//! of every item whose number it shifted.
//!
//! [`compare`] takes two loaded views and returns typed [`Change`]s; [`render`] words them
//! in Russian and as JSON. The amendment order and the tracked-changes DOCX build on the
//! same list.

mod align;
mod flat;
mod identity;
pub mod render;
pub mod track;
mod words;

use crate::data::view::View;
use serde::Serialize;

pub use identity::same_document;
pub use words::{word_diff, Op, Word};

/// One change between the old and the new version.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Change {
    /// Where: from the appendix down to the item («приложение 2, раздел 2.1, мероприятие 4»).
    /// An added item's path is in the new version's numbers, a removed one's in the old's.
    pub path: Vec<Step>,
    /// What happened there.
    #[serde(flatten)]
    pub kind: ChangeKind,
}

/// A step of a change's path.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Step {
    /// What kind of part of the document.
    pub kind: StepKind,
    /// Its number as printed («2.1», «4»), or empty when it has none.
    pub label: String,
}

/// The parts of a document a change can be in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum StepKind {
    /// The order's requisites (date, number, title, signatory…).
    Requisites,
    /// The paragraphs before the directive word.
    Preamble,
    /// A point of the order or a numbered clause.
    Point,
    /// An appendix (or the body of a standalone document).
    Appendix,
    /// The title of an appendix.
    Title,
    /// A numbered section (or a numbered group of a roadmap).
    Section,
    /// A year group of a roadmap.
    Year,
    /// A paragraph, a list item or an unnumbered heading.
    Paragraph,
    /// A table.
    Table,
    /// A row of a table.
    Row,
    /// A numbered row of a roadmap.
    Activity,
    /// A figure.
    Figure,
    /// A footnote.
    Footnote,
}

/// What happened to an item.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "change", rename_all = "lowercase")]
pub enum ChangeKind {
    /// The item is new.
    Added {
        /// Its text (a row's cells joined with « | »).
        text: String,
        /// A table row's cells: each column's title and the cell's text (empty for other
        /// items).
        #[serde(skip_serializing_if = "Vec::is_empty")]
        cells: Vec<(String, String)>,
    },
    /// The item is gone.
    Removed {
        /// Its text in the old version.
        text: String,
    },
    /// The item's text was edited.
    Text {
        /// The old text.
        old: String,
        /// The new text.
        new: String,
        /// The edit, word by word.
        words: Vec<Word>,
    },
    /// A value changed: a cell of a table row (`what` is its column's title) or a
    /// requisite (`what` names it).
    Value {
        /// The column's title or the requisite's name.
        what: String,
        /// The old value (empty when there was none).
        old: String,
        /// The new value (empty when there is none).
        new: String,
    },
}

/// The changes that turn `old` into `new`, in the order of the document: requisites,
/// preamble, points, appendices, footnotes.
pub fn compare(old: &View, new: &View) -> Vec<Change> {
    let (old, new) = (flat::flatten(old), flat::flatten(new));
    let mut changes = Vec::new();
    for (name, old_value, new_value) in flat::requisites_pairs(&old.requisites, &new.requisites) {
        if old_value != new_value {
            changes.push(Change {
                path: vec![step(StepKind::Requisites, "")],
                kind: ChangeKind::Value {
                    what: name.to_string(),
                    old: old_value,
                    new: new_value,
                },
            });
        }
    }
    align::items(&old.preamble, &new.preamble, &mut changes);
    align::items(&old.points, &new.points, &mut changes);
    align::parts(&old.parts, &new.parts, &mut changes);
    align::items(&old.footnotes, &new.footnotes, &mut changes);
    changes
}

/// A step of `kind` numbered `label`.
fn step(kind: StepKind, label: &str) -> Step {
    Step {
        kind,
        label: label.to_string(),
    }
}

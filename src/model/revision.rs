//! Tracked changes: inline content and paragraph ends that one version of a document added
//! or removed against another. Only `prikaz diff --docx/--pdf` makes them; a document built
//! from data holds none, and the writers' output for it does not depend on this module.

use super::{Block, Document, Inline, Paragraph};

/// What an edit did to the content it marks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    /// The content is new in the later version.
    Inserted,
    /// The content was in the earlier version and is gone from the later one.
    Deleted,
}

/// One tracked change: what it did, who made it and when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Revision {
    /// Inserted or deleted.
    pub change: Change,
    /// Who made the change (shown by Word and LibreOffice beside it).
    pub author: String,
    /// When, as an ISO date `YYYY-MM-DD` (taken from the data, never from the clock).
    pub date: String,
}

impl Revision {
    /// A revision of `change` by `author` on `date`.
    pub fn new(change: Change, author: &str, date: &str) -> Revision {
        Revision {
            change,
            author: author.to_string(),
            date: date.to_string(),
        }
    }
}

/// Inline content an edit inserted or deleted: runs of text, tabs, breaks, footnote marks.
#[derive(Debug, Clone, PartialEq)]
pub struct Revised {
    /// The edit.
    pub revision: Revision,
    /// The content; never itself revised.
    pub inlines: Vec<Inline>,
}

/// The revision of `p`'s end (its paragraph mark), if an edit inserted or deleted it: the
/// last inline of such a paragraph is [`Inline::RevisedEnd`].
pub fn paragraph_end(p: &Paragraph) -> Option<&Revision> {
    match p.inlines.last() {
        Some(Inline::RevisedEnd(r)) => Some(r),
        _ => None,
    }
}

/// The change that marks all of `p`'s content and its end alike, if one does: `p` was
/// inserted or deleted whole. An empty paragraph counts by its end alone.
pub fn whole_paragraph(p: &Paragraph) -> Option<Change> {
    let end = paragraph_end(p)?.change;
    let body = &p.inlines[..p.inlines.len() - 1];
    let all = body
        .iter()
        .all(|i| matches!(i, Inline::Revised(r) if r.revision.change == end));
    all.then_some(end)
}

/// Whether `doc` holds any tracked change, in its text, its tables or its footnotes.
pub fn has_revisions(doc: &Document) -> bool {
    doc.sections
        .iter()
        .flat_map(|s| &s.blocks)
        .flat_map(Block::paragraphs)
        .any(paragraph_revised)
}

/// Whether `p` or one of its footnotes holds a tracked change.
pub fn paragraph_revised(p: &Paragraph) -> bool {
    p.inlines.iter().any(|i| match i {
        Inline::Revised(_) | Inline::RevisedEnd(_) => true,
        Inline::Footnote(f) => f.paragraphs().iter().any(paragraph_revised),
        _ => false,
    })
}

/// The change that marks every paragraph of every cell of `row`, if one does: the row was
/// inserted or deleted whole.
pub fn whole_row(row: &super::Row) -> Option<Change> {
    let mut paragraphs = row.cells.iter().flat_map(|c| &c.paragraphs);
    let first = whole_paragraph(paragraphs.next()?)?;
    paragraphs
        .all(|p| whole_paragraph(p) == Some(first))
        .then_some(first)
}

//! The new version out of a merged document, for the PDF: every change accepted, and where
//! deleted content was an empty deleted mark, so the line there is marked in the margin as
//! the lines holding inserted text are. A paragraph whose end was deleted joins the next one,
//! as accepting it in Word does; a table or a row deleted whole leaves its mark at the start
//! of what follows it (or at the end of what was before it, when it was the last).

use crate::model::revision::{paragraph_end, whole_row, Change, Revised, Revision};
use crate::model::{Block, Cell, Document, Footnote, Inline, Paragraph, Row, Table};

/// `merged` with every change accepted, each place that changed marked.
pub fn accepted(merged: &Document) -> Document {
    let mut doc = merged.clone();
    for section in &mut doc.sections {
        section.blocks = blocks(std::mem::take(&mut section.blocks));
    }
    doc
}

/// An empty deleted change: a mark of where deleted content was.
fn empty(revision: Revision) -> Inline {
    Inline::Revised(Revised {
        revision,
        inlines: Vec::new(),
    })
}

/// Whether `p`'s end was deleted: accepted, it joins the next paragraph.
fn end_deleted(p: &Paragraph) -> bool {
    paragraph_end(p).is_some_and(|r| r.change == Change::Deleted)
}

/// The blocks accepted: paragraphs whose end was deleted joined with the next one, tables
/// deleted whole dropped.
fn blocks(blocks: Vec<Block>) -> Vec<Block> {
    let mut out: Vec<Block> = Vec::with_capacity(blocks.len());
    let mut carry: Vec<Inline> = Vec::new();
    for block in blocks {
        match block {
            Block::Paragraph(p) if end_deleted(&p) => carry.extend(paragraph(p).inlines),
            Block::Paragraph(p) => {
                let mut p = paragraph(p);
                p.inlines.splice(0..0, carry.drain(..));
                out.push(Block::Paragraph(p));
            }
            Block::Table(t) => match deleted_whole(&t) {
                Some(mark) => carry.push(empty(mark)),
                None => {
                    let mut t = table(t);
                    if !carry.is_empty() {
                        t = mark_first_row(t, std::mem::take(&mut carry));
                    }
                    out.push(Block::Table(t));
                }
            },
            other => out.push(other),
        }
    }
    let last = out.iter_mut().rev().find_map(|b| match b {
        Block::Paragraph(p) => Some(p),
        _ => None,
    });
    if let Some(p) = last {
        p.inlines.extend(carry);
    }
    out
}

/// `p`'s inlines accepted: deleted content replaced by empty marks, the end's mark dropped,
/// its footnotes' paragraphs accepted.
fn paragraph(mut p: Paragraph) -> Paragraph {
    p.inlines = std::mem::take(&mut p.inlines)
        .into_iter()
        .filter_map(|i| match i {
            Inline::Revised(r) if r.revision.change == Change::Deleted => Some(empty(r.revision)),
            Inline::RevisedEnd(_) => None,
            Inline::Footnote(f) => Some(footnote(f)),
            other => Some(other),
        })
        .collect();
    p
}

/// A footnote with its paragraphs accepted.
fn footnote(f: Footnote) -> Inline {
    let ps = paragraphs(f.paragraphs().to_vec());
    Footnote::new(ps).map_or(Inline::Footnote(f), Inline::Footnote)
}

/// Paragraphs of a cell or a footnote accepted: one whose end was deleted joins the next.
fn paragraphs(ps: Vec<Paragraph>) -> Vec<Paragraph> {
    let mut out: Vec<Paragraph> = Vec::with_capacity(ps.len());
    let mut carry: Vec<Inline> = Vec::new();
    for p in ps {
        let joins = end_deleted(&p);
        let mut p = paragraph(p);
        p.inlines.splice(0..0, carry.drain(..));
        if joins {
            carry = p.inlines;
        } else {
            out.push(p);
        }
    }
    if let Some(p) = out.last_mut() {
        p.inlines.extend(carry);
    }
    out
}

/// The revision of a table whose every row was deleted.
fn deleted_whole(t: &Table) -> Option<Revision> {
    let deleted = t.rows().all(|r| whole_row(r) == Some(Change::Deleted));
    deleted.then(|| first_revision(t.rows())).flatten()
}

/// The revision of the first paragraph end in `rows`.
fn first_revision<'a>(mut rows: impl Iterator<Item = &'a Row>) -> Option<Revision> {
    rows.find_map(|r| {
        let mut ps = r.cells.iter().flat_map(|c| &c.paragraphs);
        ps.find_map(paragraph_end).cloned()
    })
}

/// `t` with deleted rows dropped (their mark on the next row) and its cells accepted.
fn table(t: Table) -> Table {
    let head = rows(t.head());
    let body = rows(t.body());
    Table::new(t.columns().to_vec(), head, body).unwrap_or(t)
}

/// Rows accepted: a row deleted whole leaves its mark on the next (or the last) row.
fn rows(rows: &[Row]) -> Vec<Row> {
    let mut out: Vec<Row> = Vec::with_capacity(rows.len());
    let mut carry: Vec<Inline> = Vec::new();
    for row in rows {
        if whole_row(row) == Some(Change::Deleted) {
            carry.extend(first_revision(std::iter::once(row)).map(empty));
            continue;
        }
        let mut row = Row {
            cells: row.cells.iter().map(cell).collect(),
            ..row.clone()
        };
        mark_row(&mut row, std::mem::take(&mut carry), true);
        out.push(row);
    }
    if let Some(row) = out.last_mut() {
        mark_row(row, carry, false);
    }
    out
}

/// A cell with its paragraphs accepted.
fn cell(c: &Cell) -> Cell {
    Cell {
        paragraphs: paragraphs(c.paragraphs.clone()),
        ..c.clone()
    }
}

/// Puts `marks` at the start of `row`'s first paragraph (`start`) or the end of its last.
fn mark_row(row: &mut Row, marks: Vec<Inline>, start: bool) {
    if marks.is_empty() {
        return;
    }
    let mut ps = row.cells.iter_mut().flat_map(|c| &mut c.paragraphs);
    let p = if start { ps.next() } else { ps.last() };
    if let Some(p) = p {
        match start {
            true => drop(p.inlines.splice(0..0, marks)),
            false => p.inlines.extend(marks),
        }
    }
}

/// `t` with `marks` at the start of its first body row (or head row).
fn mark_first_row(t: Table, marks: Vec<Inline>) -> Table {
    let (mut head, mut body) = (t.head().to_vec(), t.body().to_vec());
    match body.first_mut().or(head.first_mut()) {
        Some(row) => mark_row(row, marks, true),
        None => return t,
    }
    Table::new(t.columns().to_vec(), head, body).unwrap_or(t)
}

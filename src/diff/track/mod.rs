//! Tracked changes: two built versions of a document merged into one document whose
//! inlines, paragraph ends and table rows carry revision marks (`model::revision`), so the
//! DOCX writer writes Word's tracked changes and the PDF shows the new version with its
//! changed lines marked in the margin (`accepted`).
//!
//! Sections are matched in order; their blocks by a Myers diff over their texts (a table
//! by its column widths), and in a stretch that changed, a paragraph is paired with an old
//! one whose words are alike enough (then edited word by word). Tables of the same columns
//! are merged row by row, a changed row cell by cell. The rest is inserted or deleted whole.
//! Accepting every change gives the new version's text, rejecting every change the old.

mod files;
mod inline;
mod table;
mod view;

use crate::model::revision::{paragraph_end, whole_paragraph, Change, Revision};
use crate::model::{Block, Document, Inline, Paragraph, Section};
use similar::{capture_diff_slices, Algorithm, DiffOp};
use std::ops::Range;

pub use files::{render, Error};
pub use view::accepted;

/// Who made the changes and when: every revision mark carries them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stamp {
    /// The author shown beside each change.
    pub author: String,
    /// The date, `YYYY-MM-DD`.
    pub date: String,
}

impl Stamp {
    /// A revision of `change` with this author and date.
    fn revision(&self, change: Change) -> Revision {
        Revision::new(change, &self.author, &self.date)
    }
}

/// How alike two paragraphs must be (the share of their words a word diff keeps) to be one
/// paragraph edited.
const SIMILAR: f32 = 0.5;

/// Past this many old×new pairs a changed stretch is not searched for similar blocks: its
/// blocks are deleted and inserted whole.
const PAIRS: usize = 2_500;

/// `new` with the changes from `old` tracked, in `new`'s page setup and formatting.
pub fn merge(old: &Document, new: &Document, stamp: &Stamp) -> Document {
    let key = |s: &Section| s.blocks.iter().take(3).map(block_key).collect::<Vec<_>>();
    let fits = |a: &Section, b: &Section| a.page.orientation == b.page.orientation;
    let steps = align(&old.sections, &new.sections, key, fits, fits);
    let mut sections: Vec<Section> = Vec::new();
    let mut orphans: Vec<Block> = Vec::new();
    for step in steps {
        match step {
            Step::Old(i) => {
                // A section gone whole: its blocks, deleted, end the section before it (or
                // open the next one when it was the first).
                let gone = deleted_blocks(&old.sections[i].blocks, stamp);
                match sections.last_mut() {
                    Some(s) => s.blocks.extend(gone),
                    None => orphans.extend(gone),
                }
            }
            Step::New(j) => sections.push(Section {
                blocks: inserted_blocks(&new.sections[j].blocks, stamp),
                ..new.sections[j].clone()
            }),
            Step::Pair(i, j) => sections.push(Section {
                blocks: merge_blocks(&old.sections[i].blocks, &new.sections[j].blocks, stamp),
                ..new.sections[j].clone()
            }),
        }
    }
    if let Some(first) = sections.first_mut() {
        first.blocks.splice(0..0, orphans);
    }
    Document {
        meta: new.meta.clone(),
        sections,
    }
}

/// One step of an alignment of two sequences.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    /// An item of the old sequence only.
    Old(usize),
    /// An item of the new sequence only.
    New(usize),
    /// An old item and the new item it became (perhaps unchanged).
    Pair(usize, usize),
}

/// `old` and `new` aligned: items with equal keys by a Myers diff, then in each stretch
/// between them items paired one for one when the stretch replaced as many items as it
/// removed and each pair `fits` (is of one kind), else greedily in order when `alike`.
fn align<T, K: std::hash::Hash + Ord>(
    old: &[T],
    new: &[T],
    key: impl Fn(&T) -> K,
    fits: impl Fn(&T, &T) -> bool,
    alike: impl Fn(&T, &T) -> bool,
) -> Vec<Step> {
    let pairs = Pairing {
        fits: &fits,
        alike: &alike,
    };
    let (ka, kb): (Vec<K>, Vec<K>) = (
        old.iter().map(&key).collect(),
        new.iter().map(&key).collect(),
    );
    let mut steps = Vec::new();
    let mut open: Option<(Range<usize>, Range<usize>)> = None;
    for op in capture_diff_slices(Algorithm::Myers, &ka, &kb) {
        let (o, n) = (op.old_range(), op.new_range());
        if let DiffOp::Equal { .. } = op {
            if let Some((o, n)) = open.take() {
                stretch(old, new, o, n, &pairs, &mut steps);
            }
            steps.extend(o.zip(n).map(|(i, j)| Step::Pair(i, j)));
            continue;
        }
        open = Some(match open {
            None => (o, n),
            Some((a, b)) => (a.start..a.end.max(o.end), b.start..b.end.max(n.end)),
        });
    }
    if let Some((o, n)) = open {
        stretch(old, new, o, n, &pairs, &mut steps);
    }
    steps
}

/// How the items of a changed stretch are paired.
struct Pairing<'a, T> {
    /// Of one kind: one for one is allowed.
    fits: &'a dyn Fn(&T, &T) -> bool,
    /// Alike enough to be one item edited.
    alike: &'a dyn Fn(&T, &T) -> bool,
}

/// The steps of a changed stretch: each new item paired with the first old item after the
/// last pair that is `alike`, old items passed over deleted.
fn stretch<T>(
    old: &[T],
    new: &[T],
    o: Range<usize>,
    n: Range<usize>,
    pairs: &Pairing<T>,
    steps: &mut Vec<Step>,
) {
    let one_for_one = o.len() == n.len()
        && o.clone()
            .zip(n.clone())
            .all(|(i, j)| (pairs.fits)(&old[i], &new[j]));
    if one_for_one {
        steps.extend(o.zip(n).map(|(i, j)| Step::Pair(i, j)));
        return;
    }
    let alike = pairs.alike;
    let search = o.len() * n.len() <= PAIRS;
    let mut next = o.start;
    for j in n {
        let found = (next..o.end).find(|&i| search && alike(&old[i], &new[j]));
        match found {
            Some(i) => {
                steps.extend((next..i).map(Step::Old));
                steps.push(Step::Pair(i, j));
                next = i + 1;
            }
            None => steps.push(Step::New(j)),
        }
    }
    steps.extend((next..o.end).map(Step::Old));
}

/// What tells blocks apart: a paragraph's text, a table's column widths (its rows are
/// merged whatever they hold).
fn block_key(b: &Block) -> String {
    match b {
        Block::Paragraph(p) => format!("p{}", inline::text_of(p)),
        Block::Table(t) => format!("t{:?}", t.columns()),
        Block::Figure(f) => format!("f{f:?}"),
        // The QR code of the first page pairs with the other version's: the new one stands.
        Block::Qr(_) => "q".into(),
        Block::PageBreak => "b".into(),
    }
}

/// Whether two blocks are of one kind: paragraphs, or tables of the same columns.
fn same_kind(a: &Block, b: &Block) -> bool {
    match (a, b) {
        (Block::Paragraph(_), Block::Paragraph(_)) => true,
        (Block::Table(a), Block::Table(b)) => a.columns() == b.columns(),
        _ => false,
    }
}

/// Whether two blocks of a changed stretch are one block edited.
fn alike(a: &Block, b: &Block) -> bool {
    match (a, b) {
        (Block::Paragraph(a), Block::Paragraph(b)) => paragraphs_alike(a, b),
        (Block::Table(a), Block::Table(b)) => a.columns() == b.columns(),
        _ => false,
    }
}

/// Whether two paragraphs share enough of their words to be one paragraph edited.
fn paragraphs_alike(a: &Paragraph, b: &Paragraph) -> bool {
    texts_alike(&inline::text_of(a), &inline::text_of(b))
}

/// Whether two texts share enough of their words to be one text edited.
fn texts_alike(a: &str, b: &str) -> bool {
    let words = |s: &str| s.split_whitespace().count();
    let total = words(a) + words(b);
    let kept: usize = (super::word_diff(a, b).iter())
        .filter(|w| w.op == super::Op::Equal)
        .map(|w| words(&w.text))
        .sum();
    total == 0 || (2 * kept) as f32 >= SIMILAR * total as f32
}

/// The blocks of a section in both versions, merged.
fn merge_blocks(old: &[Block], new: &[Block], stamp: &Stamp) -> Vec<Block> {
    let mut out = Vec::with_capacity(new.len());
    for step in align(old, new, block_key, same_kind, alike) {
        match step {
            Step::Old(i) => out.extend(deleted_blocks(&old[i..=i], stamp)),
            Step::New(j) => out.extend(inserted_blocks(&new[j..=j], stamp)),
            Step::Pair(i, j) => match (&old[i], &new[j]) {
                (Block::Paragraph(a), Block::Paragraph(b)) if a == b => out.push(new[j].clone()),
                (Block::Paragraph(a), Block::Paragraph(b)) => {
                    out.push(Block::Paragraph(inline::merge_paragraph(a, b, stamp)))
                }
                (Block::Table(a), Block::Table(b)) => match table::merge(a, b, stamp) {
                    Some(t) => out.push(Block::Table(t)),
                    // Tables that cannot be merged: the old one goes, the new one comes.
                    None => {
                        out.extend(deleted_blocks(&old[i..=i], stamp));
                        out.extend(inserted_blocks(&new[j..=j], stamp));
                    }
                },
                _ => out.push(new[j].clone()),
            },
        }
    }
    out
}

/// Paragraphs of a cell or a footnote in both versions, merged.
fn merge_paragraphs(old: &[Paragraph], new: &[Paragraph], stamp: &Stamp) -> Vec<Paragraph> {
    let key = |p: &Paragraph| inline::text_of(p);
    let mut out: Vec<Paragraph> = align(old, new, key, |_, _| true, paragraphs_alike)
        .into_iter()
        .map(|step| match step {
            Step::Old(i) => deleted_paragraph(&old[i], stamp),
            Step::New(j) => inserted_paragraph(&new[j], stamp),
            Step::Pair(i, j) if old[i] == new[j] => new[j].clone(),
            Step::Pair(i, j) => inline::merge_paragraph(&old[i], &new[j], stamp),
        })
        .collect();
    last_end_stays(&mut out);
    out
}

/// The end of a cell or a footnote is no paragraph mark an edit can take: when its last
/// paragraphs were inserted or deleted whole, the ends of those before them carry the
/// change instead (accepting a deletion then joins the paragraph before with the emptied
/// last one), as Word marks such an edit.
fn last_end_stays(ps: &mut [Paragraph]) {
    let Some(change) = ps.last().and_then(whole_paragraph) else {
        return;
    };
    let first = ps.iter().rposition(|p| whole_paragraph(p) != Some(change));
    let Some(before) = first else {
        return; // The container changed whole: nothing to hand the change to.
    };
    if paragraph_end(&ps[before]).is_some() {
        return;
    }
    if let Some(Inline::RevisedEnd(r)) = ps.last_mut().and_then(|p| p.inlines.pop()) {
        ps[before].inlines.push(Inline::RevisedEnd(r));
    }
}

/// `p` deleted whole.
fn deleted_paragraph(p: &Paragraph, stamp: &Stamp) -> Paragraph {
    inline::whole(p, Change::Deleted, stamp)
}

/// `p` inserted whole.
fn inserted_paragraph(p: &Paragraph, stamp: &Stamp) -> Paragraph {
    inline::whole(p, Change::Inserted, stamp)
}

/// `blocks` deleted whole. Pictures, QR codes and page breaks are not tracked: a deleted
/// one is left out.
fn deleted_blocks(blocks: &[Block], stamp: &Stamp) -> Vec<Block> {
    whole_blocks(blocks, Change::Deleted, stamp)
        .filter(|b| matches!(b, Block::Paragraph(_) | Block::Table(_)))
        .collect()
}

/// `blocks` inserted whole; pictures, QR codes and page breaks come as they are.
fn inserted_blocks(blocks: &[Block], stamp: &Stamp) -> Vec<Block> {
    whole_blocks(blocks, Change::Inserted, stamp).collect()
}

fn whole_blocks<'a>(
    blocks: &'a [Block],
    change: Change,
    stamp: &'a Stamp,
) -> impl Iterator<Item = Block> + 'a {
    blocks.iter().map(move |b| match b {
        Block::Paragraph(p) => Block::Paragraph(inline::whole(p, change, stamp)),
        Block::Table(t) => Block::Table(table::whole(t, change, stamp)),
        other => other.clone(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::revision::Revised;
    use crate::model::{ParaStyle, RunStyle};

    fn para(text: &str) -> Paragraph {
        Paragraph::new(
            ParaStyle::plain(14.0),
            vec![Inline::Text {
                text: text.into(),
                style: RunStyle::default(),
            }],
        )
    }

    fn stamp() -> Stamp {
        Stamp {
            author: "А.".into(),
            date: "2023-06-27".into(),
        }
    }

    /// The text of `p` as accepting (`Change::Deleted` left out) or rejecting every change
    /// would leave it, marks shown as `[+…+]` and `[-…-]` in the third.
    fn texts(p: &Paragraph) -> (String, String, String) {
        let (mut new, mut old, mut shown) = (String::new(), String::new(), String::new());
        for i in &p.inlines {
            match i {
                Inline::Text { text, .. } => {
                    new.push_str(text);
                    old.push_str(text);
                    shown.push_str(text);
                }
                Inline::Revised(Revised { revision, inlines }) => {
                    let t: String = (inlines.iter())
                        .map(|i| match i {
                            Inline::Text { text, .. } => text.as_str(),
                            _ => "",
                        })
                        .collect();
                    let inserted = revision.change == Change::Inserted;
                    (if inserted { &mut new } else { &mut old }).push_str(&t);
                    shown.push_str(&format!("[{}{t}]", if inserted { '+' } else { '-' }));
                }
                _ => {}
            }
        }
        (new, old, shown)
    }

    #[test]
    fn an_edited_paragraph_is_merged_word_by_word() {
        let merged = inline::merge_paragraph(
            &para("Контроль за исполнением приказа оставляю за собой."),
            &para("Контроль за исполнением настоящего приказа возложить на проректора."),
            &stamp(),
        );
        let (new, old, shown) = texts(&merged);
        assert_eq!(
            new,
            "Контроль за исполнением настоящего приказа возложить на проректора."
        );
        assert_eq!(old, "Контроль за исполнением приказа оставляю за собой.");
        assert_eq!(
            shown,
            "Контроль за исполнением [+настоящего ]приказа [-оставляю за собой.]\
             [+возложить на проректора.]"
        );
        assert_eq!(paragraph_end(&merged), None);
    }

    #[test]
    fn an_inserted_paragraph_is_marked_whole_and_its_end_too() {
        let old = vec![para("Один."), para("Три.")];
        let new = vec![para("Один."), para("Два."), para("Три.")];
        let merged = merge_paragraphs(&old, &new, &stamp());
        assert_eq!(merged.len(), 3);
        assert_eq!(whole_paragraph(&merged[1]), Some(Change::Inserted));
        assert_eq!(merged[0], new[0]);
        assert_eq!(merged[2], new[2]);
    }

    #[test]
    fn the_last_paragraph_of_a_cell_hands_its_end_to_the_one_before() {
        let old = vec![para("Один."), para("Два.")];
        let merged = merge_paragraphs(&old, &old[..1], &stamp());
        // The first paragraph's end is deleted: accepted, it joins the emptied last one.
        assert_eq!(
            paragraph_end(&merged[0]).map(|r| r.change),
            Some(Change::Deleted)
        );
        assert_eq!(paragraph_end(&merged[1]), None);
        let accepted = view::accepted(&Document {
            meta: Default::default(),
            sections: vec![Section {
                page: crate::model::PageSetup::a4(
                    crate::model::Orientation::Portrait,
                    [20.0, 10.0, 20.0, 30.0],
                    10.0,
                ),
                page_numbers: false,
                blocks: merged.iter().cloned().map(Block::Paragraph).collect(),
            }],
        });
        let blocks = &accepted.sections[0].blocks;
        assert_eq!(blocks.len(), 1, "the two joined");
        let Block::Paragraph(p) = &blocks[0] else {
            panic!("a paragraph");
        };
        assert_eq!(texts(p).0, "Один.");
    }

    #[test]
    fn paragraphs_alike_share_half_their_words() {
        assert!(paragraphs_alike(&para("а б в г"), &para("а б в д")));
        assert!(!paragraphs_alike(&para("а б в г"), &para("д е ж з")));
    }
}

//! Aligning two sequences of items: a Myers diff over the items' kinds and texts finds what
//! stayed; in each stretch that did not, items are paired as the same item edited when
//! their texts are similar enough (or one for one, when the stretch replaced as many items
//! as it removed), and the rest are additions and removals.

use super::flat::{Item, Part};
use super::{words::word_diff, Change, ChangeKind};
use similar::{capture_diff_slices, Algorithm, DiffOp};
use std::hash::Hash;
use std::ops::Range;

/// How alike two texts must be (the share of their words a word diff keeps) to count as one
/// item edited rather than one removed and another added.
const SIMILAR: f64 = 0.5;

/// Past this many old×new pairs a replaced stretch is not searched for similar items (two
/// unrelated documents would take quadratic time): its items are removed and added.
const PAIRS: usize = 2_500;

/// The changes from `old` to `new`, appended to `out`.
pub(super) fn items(old: &[Item], new: &[Item], out: &mut Vec<Change>) {
    let old_keys: Vec<_> = old.iter().map(Item::key).collect();
    let new_keys: Vec<_> = new.iter().map(Item::key).collect();
    for segment in segments(&old_keys, &new_keys) {
        let Segment::Stretch(o, n) = segment else {
            continue;
        };
        match (o.is_empty(), n.is_empty()) {
            (true, true) => {}
            (false, true) => removed(&old[o], out),
            (true, false) => added(&new[n], out),
            (false, false) => replaced(&old[o], &new[n], out),
        }
    }
}

/// A piece of the alignment of two sequences.
enum Segment {
    /// Item `.0` of the old sequence is item `.1` of the new, unchanged.
    Kept(usize, usize),
    /// These old items gave way to these new ones.
    Stretch(Range<usize>, Range<usize>),
}

/// The alignment of `old` and `new` in order: deletions and insertions next to each other,
/// in whatever order the diff gives them, make one stretch.
fn segments<T: Hash + Ord>(old: &[T], new: &[T]) -> Vec<Segment> {
    let mut out = Vec::new();
    let mut open: Option<(Range<usize>, Range<usize>)> = None;
    for op in capture_diff_slices(Algorithm::Myers, old, new) {
        let (o, n) = (op.old_range(), op.new_range());
        if matches!(op, DiffOp::Equal { .. }) {
            out.extend(open.take().map(|(o, n)| Segment::Stretch(o, n)));
            out.extend(o.zip(n).map(|(i, j)| Segment::Kept(i, j)));
            continue;
        }
        open = Some(match open {
            None => (o, n),
            Some((a, b)) => (a.start..a.end.max(o.end), b.start..b.end.max(n.end)),
        });
    }
    out.extend(open.map(|(o, n)| Segment::Stretch(o, n)));
    out
}

/// Appendices matched by their titles, then their items compared. Appendices are few: a
/// stretch that replaced as many as it removed pairs them one for one (retitled
/// appendices); otherwise they are removed and added whole.
pub(super) fn parts(old: &[Part], new: &[Part], out: &mut Vec<Change>) {
    let old_keys: Vec<&str> = old.iter().map(|p| p.title.as_str()).collect();
    let new_keys: Vec<&str> = new.iter().map(|p| p.title.as_str()).collect();
    for segment in segments(&old_keys, &new_keys) {
        match segment {
            Segment::Kept(i, j) => items(&old[i].items, &new[j].items, out),
            Segment::Stretch(o, n) if o.len() == n.len() => {
                o.zip(n)
                    .for_each(|(i, j)| items(&old[i].items, &new[j].items, out));
            }
            Segment::Stretch(o, n) => {
                out.extend(old[o].iter().map(|p| Change {
                    path: p.head.clone(),
                    kind: ChangeKind::Removed {
                        text: p.title.clone(),
                    },
                }));
                out.extend(new[n].iter().map(|p| Change {
                    path: p.head.clone(),
                    kind: ChangeKind::Added {
                        text: p.title.clone(),
                        cells: Vec::new(),
                    },
                }));
            }
        }
    }
}

/// A stretch of `old` replaced by a stretch of `new`.
fn replaced(old: &[Item], new: &[Item], out: &mut Vec<Change>) {
    if old.len() == new.len() && old.iter().zip(new).all(|(o, n)| same_kind(o, n)) {
        old.iter().zip(new).for_each(|(o, n)| edited(o, n, out));
        return;
    }
    if old.len().saturating_mul(new.len()) > PAIRS {
        removed(old, out);
        added(new, out);
        return;
    }
    // Pairs in order: each old item takes the first similar new item after the last taken.
    let (mut i, mut j) = (0, 0);
    while i < old.len() {
        let found = (j..new.len()).find(|&k| {
            same_kind(&old[i], &new[k]) && likeness(&old[i].text, &new[k].text) >= SIMILAR
        });
        match found {
            Some(k) => {
                added(&new[j..k], out);
                edited(&old[i], &new[k], out);
                j = k + 1;
            }
            None => removed(std::slice::from_ref(&old[i]), out),
        }
        i += 1;
    }
    added(&new[j..], out);
}

/// The share of the words of `a` and `b` that a word diff keeps: 1 for the same words, 0
/// for none in common.
fn likeness(a: &str, b: &str) -> f64 {
    let a: Vec<&str> = a.split_whitespace().collect();
    let b: Vec<&str> = b.split_whitespace().collect();
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    let kept: usize = capture_diff_slices(Algorithm::Myers, &a, &b)
        .iter()
        .filter(|op| matches!(op, DiffOp::Equal { .. }))
        .map(|op| op.old_range().len())
        .sum();
    (2 * kept) as f64 / (a.len() + b.len()) as f64
}

fn same_kind(old: &Item, new: &Item) -> bool {
    old.key().0 == new.key().0 && old.cells.is_some() == new.cells.is_some()
}

/// The same item in both versions: its changed cells, or its text edited.
fn edited(old: &Item, new: &Item, out: &mut Vec<Change>) {
    if let (Some(oc), Some(nc)) = (&old.cells, &new.cells) {
        let columns = oc.len().max(nc.len());
        for c in 0..columns {
            let (o, n) = (oc.get(c), nc.get(c));
            let value =
                |v: Option<&(String, String)>| v.map(|(_, t)| t.clone()).unwrap_or_default();
            if value(o) != value(n) {
                let what = n.or(o).map(|(title, _)| title.clone()).unwrap_or_default();
                out.push(Change {
                    path: new.path.clone(),
                    kind: ChangeKind::Value {
                        what,
                        old: value(o),
                        new: value(n),
                    },
                });
            }
        }
        return;
    }
    if old.text != new.text {
        out.push(Change {
            path: new.path.clone(),
            kind: ChangeKind::Text {
                old: old.text.clone(),
                new: new.text.clone(),
                words: word_diff(&old.text, &new.text),
            },
        });
    }
}

fn added(items: &[Item], out: &mut Vec<Change>) {
    out.extend(items.iter().map(|n| Change {
        path: n.path.clone(),
        kind: ChangeKind::Added {
            text: n.text.clone(),
            cells: n.cells.clone().unwrap_or_default(),
        },
    }));
}

fn removed(items: &[Item], out: &mut Vec<Change>) {
    out.extend(items.iter().map(|o| Change {
        path: o.path.clone(),
        kind: ChangeKind::Removed {
            text: o.text.clone(),
        },
    }));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diff::{step, StepKind};

    fn para(n: usize, text: &str) -> Item {
        Item {
            path: vec![step(StepKind::Paragraph, &n.to_string())],
            text: text.into(),
            cells: None,
        }
    }

    fn lines(old: &[Item], new: &[Item]) -> Vec<String> {
        let mut out = Vec::new();
        items(old, new, &mut out);
        out.iter().map(crate::diff::render::line).collect()
    }

    #[test]
    fn insertion_shifts_numbers_without_changes() {
        let old = [para(1, "один"), para(2, "два"), para(3, "три")];
        let new = [
            para(1, "один"),
            para(2, "новый"),
            para(3, "два"),
            para(4, "три"),
        ];
        assert_eq!(lines(&old, &new), ["добавлен абзац 2: «новый»"]);
    }

    #[test]
    fn similar_item_is_edited_and_unlike_ones_added_and_removed() {
        let old = [
            para(1, "начало"),
            para(2, "представить отчет до 20 декабря"),
            para(3, "конец"),
        ];
        let new = [
            para(1, "начало"),
            para(2, "совсем другое"),
            para(3, "представить отчет до 25 декабря"),
            para(4, "конец"),
        ];
        assert_eq!(
            lines(&old, &new),
            [
                "добавлен абзац 2: «совсем другое»",
                "абзац 3: изменён текст: представить отчет до [-20-] {+25+} декабря",
            ]
        );
    }

    #[test]
    fn one_for_one_replacement_is_an_edit_however_different() {
        let old = [para(1, "а"), para(2, "старый текст"), para(3, "б")];
        let new = [para(1, "а"), para(2, "иное"), para(3, "б")];
        assert_eq!(
            lines(&old, &new),
            ["абзац 2: изменён текст: [-старый текст-] {+иное+}"]
        );
    }
}

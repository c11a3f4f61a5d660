//! Aligning two sequences of items: a Myers diff over the items' kinds and texts finds what
//! stayed; in each stretch that did not, items are paired as the same item edited when
//! their texts are similar enough (or one for one, when the stretch replaced as many items
//! as it removed), and the rest are additions and removals.

use super::flat::{Item, Part};
use super::{words::word_diff, Change, ChangeKind};
use similar::{capture_diff_slices, Algorithm, DiffOp};

/// How alike two texts must be (Sørensen–Dice over letter pairs) to count as one item
/// edited rather than one removed and another added.
const SIMILAR: f64 = 0.5;

/// The changes from `old` to `new`, appended to `out`.
pub(super) fn items(old: &[Item], new: &[Item], out: &mut Vec<Change>) {
    let old_keys: Vec<_> = old.iter().map(Item::key).collect();
    let new_keys: Vec<_> = new.iter().map(Item::key).collect();
    for op in capture_diff_slices(Algorithm::Myers, &old_keys, &new_keys) {
        match op {
            DiffOp::Equal { .. } => {}
            DiffOp::Delete {
                old_index, old_len, ..
            } => removed(&old[old_index..old_index + old_len], out),
            DiffOp::Insert {
                new_index, new_len, ..
            } => added(&new[new_index..new_index + new_len], out),
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => replaced(
                &old[old_index..old_index + old_len],
                &new[new_index..new_index + new_len],
                out,
            ),
        }
    }
}

/// Appendices matched by their titles, then their items compared.
pub(super) fn parts(old: &[Part], new: &[Part], out: &mut Vec<Change>) {
    let old_keys: Vec<&str> = old.iter().map(|p| p.title.as_str()).collect();
    let new_keys: Vec<&str> = new.iter().map(|p| p.title.as_str()).collect();
    for op in capture_diff_slices(Algorithm::Myers, &old_keys, &new_keys) {
        let (o, n) = (op.old_range(), op.new_range());
        match op {
            DiffOp::Equal { .. } => {
                o.zip(n)
                    .for_each(|(i, j)| items(&old[i].items, &new[j].items, out));
            }
            // Appendices are few: one for one when as many were replaced as removed, else
            // the titles decide.
            _ if o.len() == n.len() => {
                o.zip(n)
                    .for_each(|(i, j)| items(&old[i].items, &new[j].items, out));
            }
            _ => {
                for i in o {
                    out.push(Change {
                        path: old[i].head.clone(),
                        kind: ChangeKind::Removed {
                            text: old[i].title.clone(),
                        },
                    });
                }
                for j in n {
                    out.push(Change {
                        path: new[j].head.clone(),
                        kind: ChangeKind::Added {
                            text: new[j].title.clone(),
                        },
                    });
                }
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
    // Pairs in order: each old item takes the first similar new item after the last taken.
    let (mut i, mut j) = (0, 0);
    while i < old.len() {
        let found = (j..new.len()).find(|&k| {
            same_kind(&old[i], &new[k])
                && strsim::sorensen_dice(&old[i].text, &new[k].text) >= SIMILAR
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

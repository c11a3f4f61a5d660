//! One paragraph edited: its inlines cut into words (each keeping its trailing spaces and
//! formatting), footnote marks, tabs and breaks; a Myers diff over them; the words only in
//! the old paragraph marked deleted, those only in the new one inserted. A footnote that
//! stayed in place but changed its text is merged the same way, paragraph by paragraph.

use super::{deleted_paragraph, inserted_paragraph, merge_paragraphs, Stamp};
use crate::model::revision::{Change, Revised};
use crate::model::{Footnote, Inline, Paragraph};
use similar::{capture_diff_slices, Algorithm, DiffOp};

/// What makes two pieces of a paragraph the same for the diff: a word with its trailing
/// spaces, or one non-text inline.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Key<'a> {
    /// A word with its trailing spaces, in a formatting.
    Word(&'a str, (bool, bool, bool)),
    /// A footnote mark: footnotes align by place, their texts are merged after.
    Note,
    /// A tab, a line break, a page number.
    Other(u8),
}

/// The pieces of `p`, in order, each with its inline; text is cut into words.
fn atoms(p: &Paragraph) -> Vec<(Key<'_>, &Inline)> {
    let mut out = Vec::new();
    for inline in &p.inlines {
        match inline {
            Inline::Text { text, style } => {
                let s = (style.bold, style.italic, style.spaced);
                out.extend(words(text).map(|w| (Key::Word(w, s), inline)));
            }
            Inline::Footnote(_) => out.push((Key::Note, inline)),
            Inline::Tab => out.push((Key::Other(0), inline)),
            Inline::LineBreak => out.push((Key::Other(1), inline)),
            Inline::PageNumber => out.push((Key::Other(2), inline)),
            // The versions compared are built from data: they hold no tracked changes.
            Inline::Revised(_) | Inline::RevisedEnd(_) => {}
        }
    }
    out
}

/// `text` cut after each run of spaces: «а  б в» → «а  », «б », «в».
fn words(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = text;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let word_end = rest.find(char::is_whitespace).unwrap_or(rest.len());
        let tail = rest[word_end..]
            .find(|c: char| !c.is_whitespace())
            .map_or(rest.len(), |i| word_end + i);
        let (word, next) = rest.split_at(tail);
        rest = next;
        Some(word)
    })
}

/// Inlines being collected: consecutive words of one formatting and one change make one
/// text run, consecutive inlines of one change one [`Revised`].
struct Out<'s> {
    stamp: &'s Stamp,
    inlines: Vec<Inline>,
}

impl Out<'_> {
    /// Appends `inline` unchanged (`None`) or under `change`.
    fn push(&mut self, change: Option<Change>, inline: Inline) {
        let Some(change) = change else {
            return join(&mut self.inlines, inline);
        };
        if let Some(Inline::Revised(r)) = self.inlines.last_mut() {
            if r.revision.change == change {
                return join(&mut r.inlines, inline);
            }
        }
        self.inlines.push(Inline::Revised(Revised {
            revision: self.stamp.revision(change),
            inlines: vec![inline],
        }));
    }
}

/// Appends `inline` to `list`, joining text with the text run before it of the same style.
fn join(list: &mut Vec<Inline>, inline: Inline) {
    if let (Some(Inline::Text { text, style }), Inline::Text { text: t, style: s }) =
        (list.last_mut(), &inline)
    {
        if style == s {
            text.push_str(t);
            return;
        }
    }
    list.push(inline);
}

/// The atom `key` of `inline` as an inline of its own.
fn piece(key: &Key, inline: &Inline) -> Inline {
    match (key, inline) {
        (Key::Word(w, _), Inline::Text { style, .. }) => Inline::Text {
            text: (*w).to_string(),
            style: *style,
        },
        _ => inline.clone(),
    }
}

/// `old` edited into `new`, word by word, in `new`'s formatting.
pub(super) fn merge_paragraph(old: &Paragraph, new: &Paragraph, stamp: &Stamp) -> Paragraph {
    let (a, b) = (atoms(old), atoms(new));
    let ka: Vec<&Key> = a.iter().map(|(k, _)| k).collect();
    let kb: Vec<&Key> = b.iter().map(|(k, _)| k).collect();
    let mut out = Out {
        stamp,
        inlines: Vec::new(),
    };
    let deleted = |out: &mut Out, range: std::ops::Range<usize>| {
        for (k, i) in &a[range] {
            out.push(Some(Change::Deleted), piece(k, i));
        }
    };
    let inserted = |out: &mut Out, range: std::ops::Range<usize>| {
        for (k, i) in &b[range] {
            out.push(Some(Change::Inserted), piece(k, i));
        }
    };
    for op in capture_diff_slices(Algorithm::Myers, &ka, &kb) {
        let (o, n) = (op.old_range(), op.new_range());
        match op {
            DiffOp::Equal { .. } => {
                for (i, j) in o.zip(n) {
                    out.push(None, kept(&a[i], &b[j], stamp));
                }
            }
            DiffOp::Delete { .. } => deleted(&mut out, o),
            DiffOp::Insert { .. } => inserted(&mut out, n),
            DiffOp::Replace { .. } => {
                deleted(&mut out, o);
                inserted(&mut out, n);
            }
        }
    }
    Paragraph {
        inlines: out.inlines,
        ..new.clone()
    }
}

/// An atom in both versions: the new one, or for a footnote its two texts merged.
fn kept(old: &(Key, &Inline), new: &(Key, &Inline), stamp: &Stamp) -> Inline {
    match (old.1, new.1) {
        (Inline::Footnote(a), Inline::Footnote(b)) if a != b => {
            let merged = merge_paragraphs(a.paragraphs(), b.paragraphs(), stamp);
            Footnote::new(merged).map_or_else(|_| new.1.clone(), Inline::Footnote)
        }
        _ => piece(&new.0, new.1),
    }
}

/// The inlines of `p` all marked `change`, its footnotes' texts too, and its end.
pub(super) fn whole(p: &Paragraph, change: Change, stamp: &Stamp) -> Paragraph {
    let inlines: Vec<Inline> = p
        .inlines
        .iter()
        .map(|i| marked_note(i, change, stamp))
        .collect();
    let mut out = Vec::new();
    if !inlines.is_empty() {
        out.push(Inline::Revised(Revised {
            revision: stamp.revision(change),
            inlines,
        }));
    }
    out.push(Inline::RevisedEnd(stamp.revision(change)));
    Paragraph {
        inlines: out,
        ..p.clone()
    }
}

/// `inline`, a footnote's text marked `change` as its mark is.
fn marked_note(inline: &Inline, change: Change, stamp: &Stamp) -> Inline {
    let Inline::Footnote(f) = inline else {
        return inline.clone();
    };
    let mark = match change {
        Change::Inserted => inserted_paragraph,
        Change::Deleted => deleted_paragraph,
    };
    let paragraphs = f.paragraphs().iter().map(|p| mark(p, stamp)).collect();
    Footnote::new(paragraphs).map_or_else(|_| inline.clone(), Inline::Footnote)
}

/// The plain text of `p`, its footnotes' texts after it: what tells paragraphs apart.
pub(super) fn text_of(p: &Paragraph) -> String {
    let mut s = String::new();
    let mut notes = String::new();
    for i in &p.inlines {
        match i {
            Inline::Text { text, .. } => s.push_str(text),
            Inline::Tab => s.push('\t'),
            Inline::LineBreak => s.push('\n'),
            Inline::Footnote(f) => {
                for p in f.paragraphs() {
                    notes.push_str(" ⁂ ");
                    notes.push_str(&text_of(p));
                }
            }
            _ => {}
        }
    }
    s + &notes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_keep_their_trailing_spaces() {
        let w: Vec<&str> = words("а  б в ").collect();
        assert_eq!(w, ["а  ", "б ", "в "]);
        assert_eq!(words("").count(), 0);
        assert_eq!(words("  x").collect::<Vec<_>>(), ["  ", "x"]);
    }
}

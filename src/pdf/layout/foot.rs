//! The footnote area of the page being filled: the notes (or parts of a long note) that
//! stand there, the rest of a note carried over from the previous page, and the drawing of
//! the area above the bottom margin.

use super::notes::Notes;
use crate::model::house::{FOOTNOTE_SEPARATOR, RULE_WIDTH};
use crate::model::PageSetup;
use crate::pdf::frame::{Item, EPS};

/// Fewest lines of a note that may stand on the page of its mark, or go on to the next page:
/// the widow and orphan rule of the note's text.
const MIN_NOTE_LINES: usize = 2;

/// Lines `from..to` of note `n`.
struct NotePart {
    n: usize,
    from: usize,
    to: usize,
}

/// The footnote area of one page.
#[derive(Default)]
pub(crate) struct Foot {
    parts: Vec<NotePart>,
    /// Height of the parts, without the separator.
    height: f32,
    /// A note whose lines from the given one on continue on the next page.
    carry: Option<(usize, usize)>,
}

impl Foot {
    /// Height of the area with its separator; zero when no note stands here.
    pub(crate) fn area(&self, notes: &Notes) -> f32 {
        if self.parts.is_empty() {
            0.0
        } else {
            notes.separator() + self.height
        }
    }

    /// Extra height the area needs if the notes `refs` join this page whole.
    pub(crate) fn extra(&self, notes: &Notes, refs: &[usize]) -> f32 {
        let new = self.new_notes(notes, refs);
        let h: f32 = new.iter().map(|&n| notes.height(n)).sum();
        h + self.separator_for(notes, h)
    }

    /// Extra height the area needs if the last of the new notes in `refs` may go on to the
    /// next page after its first lines. `None` when no note can be split that way.
    pub(crate) fn extra_split(&self, notes: &Notes, refs: &[usize]) -> Option<f32> {
        if self.carry.is_some() {
            return None;
        }
        let new = self.new_notes(notes, refs);
        let (&last, whole) = new.split_last()?;
        if notes.len_of(last) < 2 * MIN_NOTE_LINES {
            return None;
        }
        let h: f32 = whole.iter().map(|&n| notes.height(n)).sum::<f32>()
            + notes.range_height(last, 0, MIN_NOTE_LINES);
        Some(h + self.separator_for(notes, h))
    }

    /// Puts the notes `refs` not yet placed on this page. With `room` (the height between
    /// the line carrying the marks and the bottom margin) a note that does not fit whole is
    /// split and its rest carried to the next page.
    pub(crate) fn take(&mut self, notes: &mut Notes, refs: &[usize], room: Option<f32>) {
        for &n in refs {
            if n == 0 || notes.placed(n) {
                continue;
            }
            notes.mark_placed(n);
            let len = notes.len_of(n);
            let mut to = len;
            if let (Some(room), None) = (room, self.carry) {
                let free = room - notes.separator() - self.height;
                to = notes.lines_fitting(n, 0, free);
                if len - to == 1 {
                    to -= 1;
                }
                if to < MIN_NOTE_LINES || len - to < MIN_NOTE_LINES {
                    to = len;
                }
            }
            if to < len {
                self.carry = Some((n, to));
            }
            self.height += notes.range_height(n, 0, to);
            self.parts.push(NotePart { n, from: 0, to });
        }
    }

    /// Opens the area of a new page with the rest of a note carried over.
    pub(crate) fn start_page(&mut self, notes: &Notes) {
        self.parts.clear();
        self.height = 0.0;
        if let Some((n, from)) = self.carry.take() {
            let to = notes.len_of(n);
            self.height = notes.range_height(n, from, to);
            self.parts.push(NotePart { n, from, to });
        }
    }

    /// Draws the separator (Word's: two inches, [`FOOTNOTE_SEPARATOR`]) and the notes so that the last one ends at the bottom margin. A
    /// page that opens with the rest of a note gets a full-width separator, as in Word.
    pub(crate) fn draw(&self, notes: &Notes, s: &PageSetup, items: &mut Vec<Item>) {
        let Some(first) = self.parts.first() else {
            return;
        };
        let sep = notes.separator();
        let top = s.height - s.margin_bottom - self.height - sep;
        let rule_y = top + sep / 2.0;
        let rule_w = if first.from > 0 {
            s.text_width()
        } else {
            FOOTNOTE_SEPARATOR.min(s.text_width())
        };
        items.push(Item::Line {
            x1: s.margin_left,
            y1: rule_y,
            x2: s.margin_left + rule_w,
            y2: rule_y,
            width: RULE_WIDTH,
        });
        let mut y = top + sep;
        for part in &self.parts {
            for vl in &notes.lines(part.n)[part.from..part.to] {
                if let Some(line) = &vl.line {
                    items.extend(super::bars::bar(line, s.margin_left, y));
                    let base = y + line.baseline;
                    for item in &line.items {
                        let mut item = item.clone();
                        item.shift(s.margin_left, base);
                        items.push(item);
                    }
                }
                y += vl.height;
            }
        }
    }

    /// Notes of `refs` whose text is not on a page yet, each once.
    fn new_notes(&self, notes: &Notes, refs: &[usize]) -> Vec<usize> {
        let mut out: Vec<usize> = Vec::new();
        for &n in refs {
            if n > 0 && !notes.placed(n) && !out.contains(&n) {
                out.push(n);
            }
        }
        out
    }

    /// The separator's height if notes of height `h` would open the area.
    fn separator_for(&self, notes: &Notes, h: f32) -> f32 {
        if h > EPS && self.parts.is_empty() {
            notes.separator()
        } else {
            0.0
        }
    }
}

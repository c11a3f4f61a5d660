//! Line breaking behind a seam. `Greedy` fills each line as far as it goes and hyphenates
//! the word that does not fit, as Word does; a Knuth–Plass breaker can implement
//! `LineBreaker` later without touching the layout.

use super::measure::Measure;
use super::split::{char_split, chunks, hyphen_split};

/// A word wider than this many lines is broken in pieces of that width: no real word is, and
/// for the pathological ones the work stays linear in their length.
const CHUNK_LINES: f32 = 4.0;
use super::tokens::{Token, Word};
use crate::model::house::{DEFAULT_TAB, HYPHENATION_ZONE};
use crate::pdf::frame::EPS;

/// Where lines start inside the paragraph's box and how wide they may be.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Widths {
    /// Offset of the first line from the box's left edge.
    pub first_x: f32,
    /// Width available to the first line.
    pub first: f32,
    /// Offset of the other lines.
    pub rest_x: f32,
    /// Width available to the other lines.
    pub rest: f32,
    /// A tab jumps to a right-aligned stop at the right edge (else to default stops).
    pub right_tab: bool,
    /// Words may be hyphenated at line ends; a word wider than the line is split regardless.
    pub hyphenate: bool,
}

/// Why a line ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineEnd {
    /// The next word did not fit.
    Wrap,
    /// A line break in the text.
    Forced,
    /// The paragraph ends.
    Last,
}

/// A piece of a broken line.
#[derive(Debug, Clone, PartialEq)]
pub enum Part {
    /// A word (or a piece of one, ending in a hyphen).
    Word(Word),
    /// A space between words.
    Space {
        /// Natural width.
        width: f32,
        /// Whether justification may widen it.
        stretch: bool,
    },
    /// A tab.
    Tab,
}

/// One line as the breaker chose it.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    /// Content, left to right, without the spaces at the break.
    pub parts: Vec<Part>,
    /// Why the line ends.
    pub end: LineEnd,
}

/// Chooses line breaks for a paragraph's tokens.
pub trait LineBreaker {
    /// Breaks `tokens` into lines fitting `widths`; hyphenated pieces are measured with `m`.
    /// Always returns at least one line.
    fn break_lines(&self, tokens: Vec<Token>, widths: &Widths, m: &mut Measure) -> Vec<Line>;
}

/// First-fit line breaking with hyphenation of the word at the end of the line.
#[derive(Debug, Clone, Copy, Default)]
pub struct Greedy;

impl LineBreaker for Greedy {
    fn break_lines(&self, tokens: Vec<Token>, widths: &Widths, m: &mut Measure) -> Vec<Line> {
        let mut b = Builder::new(widths);
        for token in tokens {
            match token {
                Token::Word(w) => {
                    // A word several lines long is fed in pieces (see `chunks`).
                    let limit = CHUNK_LINES * widths.first.max(widths.rest);
                    if w.width <= limit {
                        b.word(w, m);
                    } else {
                        for piece in chunks(w, limit, m) {
                            b.word(piece, m);
                        }
                    }
                }
                Token::Space { width, stretch } => {
                    b.pending_w += width;
                    b.pending.push(Part::Space { width, stretch });
                }
                Token::Tab => b.tab(),
                Token::Break => b.finish(LineEnd::Forced),
            }
        }
        b.finish(LineEnd::Last);
        b.lines
    }
}

/// The line being filled.
struct Builder<'w> {
    widths: &'w Widths,
    lines: Vec<Line>,
    parts: Vec<Part>,
    /// Width of `parts`.
    used: f32,
    /// Spaces seen since the last word: kept if a word follows on this line.
    pending: Vec<Part>,
    pending_w: f32,
    /// Whether `parts` holds a word or a tab.
    content: bool,
}

impl<'w> Builder<'w> {
    fn new(widths: &'w Widths) -> Self {
        Builder {
            widths,
            lines: Vec::new(),
            parts: Vec::new(),
            used: 0.0,
            pending: Vec::new(),
            pending_w: 0.0,
            content: false,
        }
    }

    fn max(&self) -> f32 {
        if self.lines.is_empty() {
            self.widths.first
        } else {
            self.widths.rest
        }
    }

    fn start_x(&self) -> f32 {
        if self.lines.is_empty() {
            self.widths.first_x
        } else {
            self.widths.rest_x
        }
    }

    fn take_pending(&mut self) {
        self.used += self.pending_w;
        self.parts.append(&mut self.pending);
        self.pending_w = 0.0;
    }

    fn word(&mut self, mut word: Word, m: &mut Measure) {
        loop {
            let start = self.used + self.pending_w;
            let max = self.max();
            if start + word.width <= max + EPS {
                self.take_pending();
                self.used += word.width;
                self.parts.push(Part::Word(word));
                self.content = true;
                return;
            }
            let zone = self.widths.hyphenate && max - self.used >= HYPHENATION_ZONE;
            let split = if zone || !self.content {
                hyphen_split(&word, max - start + EPS, m)
            } else {
                None
            };
            if let Some((left, right)) = split {
                self.take_pending();
                self.parts.push(Part::Word(left));
                self.finish(LineEnd::Wrap);
                word = right;
                continue;
            }
            if self.content {
                self.finish(LineEnd::Wrap);
                continue;
            }
            // Alone on its line and still too wide (a narrow column): break between letters,
            // as Word does, so the text stays inside its box.
            match char_split(&word, max - start + EPS, m) {
                Some((left, right)) => {
                    self.take_pending();
                    self.parts.push(Part::Word(left));
                    self.finish(LineEnd::Wrap);
                    word = right;
                }
                None => {
                    self.take_pending();
                    self.used += word.width;
                    self.parts.push(Part::Word(word));
                    self.content = true;
                    return;
                }
            }
        }
    }

    fn tab(&mut self) {
        self.take_pending();
        if !self.widths.right_tab {
            // The text after a default tab starts at the next stop, counted from the box edge.
            let x = self.start_x() + self.used;
            let stop = ((x + EPS) / DEFAULT_TAB).floor() * DEFAULT_TAB + DEFAULT_TAB;
            self.used = stop - self.start_x();
        }
        self.parts.push(Part::Tab);
        self.content = true;
    }

    fn finish(&mut self, end: LineEnd) {
        // Spaces at a wrap vanish into the break; before a forced break or the paragraph's
        // end they change nothing either.
        self.pending.clear();
        self.pending_w = 0.0;
        let parts = std::mem::take(&mut self.parts);
        self.lines.push(Line { parts, end });
        self.used = 0.0;
        self.content = false;
    }
}

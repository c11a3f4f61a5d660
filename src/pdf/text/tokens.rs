//! A paragraph's inlines turned into measured words, spaces, tabs and forced breaks: the
//! input of line breaking.

use super::hyphen::is_letter;
use super::measure::Measure;
use crate::model::revision::{Change, Revised};
use crate::model::{house, Footnote, Inline, Paragraph};
use crate::pdf::frame::Face;

/// Size of a footnote mark relative to the text it stands in.
pub const MARK_SCALE: f32 = 0.6;
/// Rise of a footnote mark's baseline, relative to the size of the text it stands in.
pub const MARK_RISE: f32 = 0.33;

/// Width a page-number field is measured with before the number is known.
const PAGE_NUMBER_PLACEHOLDER: &str = "00";

/// What a segment shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SegKind {
    /// Ordinary text.
    Text,
    /// The superscript mark of footnote number `n`.
    Mark(usize),
    /// The number of the page the line lands on (the text is a placeholder until then).
    PageNumber,
    /// No text: the word holds a tracked change (inserted text, or where deleted text was).
    Changed,
}

/// A piece of a word set in one face, size and rise.
#[derive(Debug, Clone, PartialEq)]
pub struct Seg {
    /// The characters; no-break spaces are already plain spaces.
    pub text: String,
    /// Face.
    pub face: Face,
    /// Size in points.
    pub size: f32,
    /// How far the baseline is raised (footnote marks).
    pub rise: f32,
    /// Extra room after each character (letter-spaced runs).
    pub spacing: f32,
    /// Width including the letter spacing.
    pub width: f32,
    /// What the segment shows.
    pub kind: SegKind,
}

/// Characters that no line break may separate, possibly in several faces.
#[derive(Debug, Clone, PartialEq)]
pub struct Word {
    /// The pieces, left to right.
    pub segs: Vec<Seg>,
    /// Sum of the pieces' widths.
    pub width: f32,
}

impl Word {
    /// A word from measured segments.
    pub fn new(segs: Vec<Seg>) -> Word {
        let width = segs.iter().map(|s| s.width).sum();
        Word { segs, width }
    }
}

/// One item of the breaker's input.
#[derive(Debug, Clone, PartialEq)]
pub enum Token {
    /// An unbreakable word.
    Word(Word),
    /// A break opportunity of the given width; `stretch` spaces widen in justified lines,
    /// the zero-width opportunity after a hyphen does not.
    Space {
        /// Width when the line does not break here.
        width: f32,
        /// Whether justification may widen it.
        stretch: bool,
    },
    /// A tab.
    Tab,
    /// A forced line break.
    Break,
}

/// The empty segment that marks a word as holding a tracked change.
fn changed_seg(st: Style) -> Seg {
    Seg {
        text: String::new(),
        face: st.face,
        size: st.size,
        rise: 0.0,
        spacing: 0.0,
        width: 0.0,
        kind: SegKind::Changed,
    }
}

/// Style of the characters being collected.
#[derive(Clone, Copy, PartialEq)]
struct Style {
    face: Face,
    size: f32,
    rise: f32,
    spacing: f32,
}

/// Splits inlines into tokens, measuring each finished word once.
pub(crate) struct Tokenizer<'a, 'm> {
    measure: &'a mut Measure<'m>,
    tokens: Vec<Token>,
    word: Vec<Seg>,
}

impl<'a, 'm> Tokenizer<'a, 'm> {
    pub(crate) fn new(measure: &'a mut Measure<'m>) -> Self {
        Tokenizer {
            measure,
            tokens: Vec::new(),
            word: Vec::new(),
        }
    }

    /// Tokens of `para` set at `size`; `notes` numbers each footnote met.
    pub(crate) fn paragraph(
        mut self,
        para: &Paragraph,
        size: f32,
        lead_mark: Option<usize>,
        notes: &mut dyn FnMut(&Footnote) -> usize,
    ) -> Vec<Token> {
        let base = Face::new(para.style.bold, para.style.italic);
        let plain = Style {
            face: base,
            size,
            rise: 0.0,
            spacing: 0.0,
        };
        if let Some(n) = lead_mark {
            // A footnote body opens with its own number and a space, as in the DOCX.
            self.mark(SegKind::Mark(n), plain);
            self.space(plain);
        }
        for inline in &para.inlines {
            self.inline(inline, para, plain, notes);
        }
        self.flush();
        self.tokens
    }

    /// Adds the tokens of one inline of `para`.
    fn inline(
        &mut self,
        inline: &Inline,
        para: &Paragraph,
        plain: Style,
        notes: &mut dyn FnMut(&Footnote) -> usize,
    ) {
        match inline {
            Inline::Text { text, style } => {
                let st = Style {
                    face: Face::new(
                        para.style.bold || style.bold,
                        para.style.italic || style.italic,
                    ),
                    spacing: if style.spaced {
                        house::LETTER_SPACING
                    } else {
                        0.0
                    },
                    ..plain
                };
                self.text(text, st);
            }
            Inline::Footnote(f) => {
                // Number 0 means the footnote is not shown (a note inside a note).
                let n = notes(f);
                if n > 0 {
                    self.mark(SegKind::Mark(n), plain);
                }
            }
            Inline::LineBreak => self.push(Token::Break),
            Inline::Tab => self.push(Token::Tab),
            Inline::PageNumber => self.seg(SegKind::PageNumber, PAGE_NUMBER_PLACEHOLDER, plain),
            Inline::Revised(r) => self.revised(r, para, plain, notes),
            // The paragraph's end shows nothing of its own.
            Inline::RevisedEnd(_) => {}
        }
    }

    /// Adds inserted content with every word it touches marked, or marks the word where
    /// deleted content was: the lines of those words get a bar in the margin.
    fn revised(
        &mut self,
        r: &Revised,
        para: &Paragraph,
        plain: Style,
        notes: &mut dyn FnMut(&Footnote) -> usize,
    ) {
        let start = self.tokens.len();
        if r.revision.change == Change::Inserted {
            for inline in &r.inlines {
                self.inline(inline, para, plain, notes);
            }
        }
        let mut marked = false;
        for token in &mut self.tokens[start..] {
            if let Token::Word(w) = token {
                w.segs.push(changed_seg(plain));
                marked = true;
            }
        }
        if !marked || !self.word.is_empty() {
            self.word.push(changed_seg(plain));
        }
    }

    fn text(&mut self, text: &str, st: Style) {
        let special = |c: char| {
            matches!(
                c,
                ' ' | '\t' | '\n' | '\u{ad}' | '\u{a0}' | '-' | '\u{2010}'
            )
        };
        let mut rest = text;
        while !rest.is_empty() {
            // Ordinary characters go in as one slice.
            let end = rest.find(special).unwrap_or(rest.len());
            if end > 0 {
                self.push_str(&rest[..end], st);
            }
            let Some(c) = rest[end..].chars().next() else {
                break;
            };
            rest = &rest[end + c.len_utf8()..];
            match c {
                ' ' => self.space(st),
                '\t' => self.push(Token::Tab),
                '\n' => self.push(Token::Break),
                '\u{a0}' => self.push_str(" ", st),
                '-' | '\u{2010}' => {
                    self.push_str(c.encode_utf8(&mut [0; 4]), st);
                    // A word may break after its own hyphen («научно-|методический»,
                    // «№ Р-|303»), but not inside a number range («2023-2026»).
                    let next = rest.chars().next();
                    if self.word_ends_in_letter()
                        && next.is_some_and(|n| is_letter(n) || n.is_ascii_digit())
                    {
                        self.push(Token::Space {
                            width: 0.0,
                            stretch: false,
                        });
                    }
                }
                _ => {} // a soft hyphen: hyphenation finds its own points
            }
        }
    }

    /// Whether the word being collected ends in a letter followed by the hyphen just added.
    fn word_ends_in_letter(&self) -> bool {
        self.word.last().is_some_and(|s| {
            s.kind == SegKind::Text && s.text.chars().rev().nth(1).is_some_and(is_letter)
        })
    }

    /// Appends `text` to the word being collected, to its last segment when the style is
    /// the same.
    fn push_str(&mut self, text: &str, st: Style) {
        if let Some(last) = self.word.last_mut() {
            if last.kind == SegKind::Text
                && (last.face, last.size, last.rise, last.spacing)
                    == (st.face, st.size, st.rise, st.spacing)
            {
                last.text.push_str(text);
                return;
            }
        }
        self.seg(SegKind::Text, text, st);
    }

    fn seg(&mut self, kind: SegKind, text: &str, st: Style) {
        self.word.push(Seg {
            text: text.to_string(),
            face: st.face,
            size: st.size,
            rise: st.rise,
            spacing: st.spacing,
            width: 0.0,
            kind,
        });
    }

    fn mark(&mut self, kind: SegKind, st: Style) {
        let n = match kind {
            SegKind::Mark(n) => n,
            _ => 0,
        };
        let mark = Style {
            size: st.size * MARK_SCALE,
            rise: st.size * MARK_RISE,
            spacing: 0.0,
            ..st
        };
        self.seg(kind, &n.to_string(), mark);
    }

    fn space(&mut self, st: Style) {
        self.flush();
        let w = self.measure.width(st.face, st.size, " ") + st.spacing;
        if let Some(Token::Space {
            width,
            stretch: true,
        }) = self.tokens.last_mut()
        {
            *width += w;
            return;
        }
        self.tokens.push(Token::Space {
            width: w,
            stretch: true,
        });
    }

    fn push(&mut self, t: Token) {
        self.flush();
        self.tokens.push(t);
    }

    /// Measures the word being collected and emits it.
    fn flush(&mut self) {
        if self.word.is_empty() {
            return;
        }
        let mut segs = std::mem::take(&mut self.word);
        for s in &mut segs {
            let (mut w, covered) = self.measure.width_and_cover(s.face, s.size, &s.text);
            if !covered {
                s.text = self.replace_missing(s.face, &s.text);
                w = self.measure.width(s.face, s.size, &s.text);
            }
            s.width = w + spaced(s.spacing, &s.text);
        }
        self.tokens.push(Token::Word(Word::new(segs)));
    }
}

impl Tokenizer<'_, '_> {
    /// `text` with every character the font lacks replaced by [`super::MISSING_GLYPH`], so
    /// the reader sees that something stands there.
    fn replace_missing(&self, face: Face, text: &str) -> String {
        let metrics = self.measure.metrics();
        text.chars()
            .map(
                |c| match super::shown_anyway(c) || metrics.covers(face, c) {
                    true => c,
                    false => super::MISSING_GLYPH,
                },
            )
            .collect()
    }
}

/// The room letter spacing adds to `text`.
fn spaced(spacing: f32, text: &str) -> f32 {
    if spacing == 0.0 {
        0.0
    } else {
        spacing * text.chars().count() as f32
    }
}

//! Setting text into lines: font metrics, cached word widths, Russian hyphenation, line
//! breaking, and lines of positioned runs for the page layout to stack.

mod breaker;
mod hyphen;
mod line;
mod measure;
mod mono;
mod setter;
mod split;
mod tokens;
mod ttf;

pub use breaker::{Greedy, Line, LineBreaker, LineEnd, Part, Widths};
pub use hyphen::hyphen_points;
pub use line::LineBox;
pub use measure::Measure;
pub use mono::Mono;
pub use setter::{SetOptions, Typesetter};
pub use tokens::{Seg, SegKind, Token, Word, MARK_RISE, MARK_SCALE};
pub use ttf::TtfMetrics;

use crate::pdf::frame::Face;

/// What the PDF shows in place of a character the font has no glyph for: a white square,
/// which Liberation Serif has, so the reader sees that something is there.
pub const MISSING_GLYPH: char = '\u{25A1}';

/// Characters that need no glyph: spaces and soft hyphens are not drawn as such.
pub fn shown_anyway(c: char) -> bool {
    c.is_whitespace() || c == '\u{ad}'
}

/// Font metrics the layout measures text with. All results are in points for the given size.
pub trait Metrics {
    /// Advance width of `text` set in `face` at `size` (kerning optional).
    fn advance(&self, face: Face, size: f32, text: &str) -> f32;
    /// Height of the ascender above the baseline.
    fn ascent(&self, face: Face, size: f32) -> f32;
    /// Depth of the descender below the baseline, as a positive number.
    fn descent(&self, face: Face, size: f32) -> f32;
    /// Extra leading the font asks for between lines.
    fn line_gap(&self, face: Face, size: f32) -> f32;

    /// Whether the font has a glyph for `c`; characters it lacks are set as
    /// [`MISSING_GLYPH`] instead of vanishing.
    fn covers(&self, _face: Face, _c: char) -> bool {
        true
    }

    /// Height of a single-spaced line, as Word computes it for this font
    /// (ascender + descender + line gap; ≈ 1.15 × size for Times New Roman).
    fn line_height(&self, face: Face, size: f32) -> f32 {
        self.ascent(face, size) + self.descent(face, size) + self.line_gap(face, size)
    }
}

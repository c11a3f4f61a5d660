//! Fixed-width metrics: every character equally wide, lines exactly the size high. Tests use
//! them so that expected positions can be worked out by hand.

use super::Metrics;
use crate::pdf::frame::Face;

/// Every character is `width` × size wide; ascent 0.8 and descent 0.2 of the size, no gap.
#[derive(Debug, Clone, Copy)]
pub struct Mono {
    /// Advance of one character per point of font size.
    pub width: f32,
}

impl Metrics for Mono {
    fn advance(&self, _: Face, size: f32, text: &str) -> f32 {
        text.chars().count() as f32 * size * self.width
    }
    fn ascent(&self, _: Face, size: f32) -> f32 {
        size * 0.8
    }
    fn descent(&self, _: Face, size: f32) -> f32 {
        size * 0.2
    }
    fn line_gap(&self, _: Face, _: f32) -> f32 {
        0.0
    }
}

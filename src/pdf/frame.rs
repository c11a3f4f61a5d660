//! Laid-out pages: what the layout step produces and the emitter prints. Nothing here knows
//! about paragraphs or tables, only about positioned glyph runs and lines.
//!
//! Coordinates are in points, measured from the page's top-left corner, y growing downwards.

use crate::model::Image;
use std::sync::Arc;

/// Slack for float noise when comparing positions (what fits, what is at the top).
pub const EPS: f32 = 0.01;

/// One of the four faces of the body font.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Face {
    /// Upright.
    Regular,
    /// Bold.
    Bold,
    /// Italic.
    Italic,
    /// Bold italic.
    BoldItalic,
}

impl Face {
    /// The face for the given bold/italic flags.
    pub fn new(bold: bool, italic: bool) -> Face {
        match (bold, italic) {
            (false, false) => Face::Regular,
            (true, false) => Face::Bold,
            (false, true) => Face::Italic,
            (true, true) => Face::BoldItalic,
        }
    }
}

/// A positioned item on a page.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    /// A run of text set in one face and size, starting at `x` on the baseline `y`.
    Text {
        /// Left edge of the run.
        x: f32,
        /// Baseline.
        y: f32,
        /// The characters (no soft hyphens; a hyphen at a break is part of the text).
        text: String,
        /// Face.
        face: Face,
        /// Size in points.
        size: f32,
        /// Width of the run as laid out (for checks that text stays inside its box).
        width: f32,
    },
    /// A straight stroked line (table borders, the footnote rule).
    Line {
        /// Start x.
        x1: f32,
        /// Start y.
        y1: f32,
        /// End x.
        x2: f32,
        /// End y.
        y2: f32,
        /// Stroke width.
        width: f32,
    },
    /// A picture filling the box whose top-left corner is (`x`, `y`).
    Image {
        /// Left edge.
        x: f32,
        /// Top edge.
        y: f32,
        /// Width.
        width: f32,
        /// Height.
        height: f32,
        /// The image; one image shown on several pages is one object in the PDF.
        image: Arc<Image>,
    },
    /// A QR symbol, its top-left corner at (`x`, `y`), painted as black squares.
    Qr {
        /// Left edge.
        x: f32,
        /// Top edge.
        y: f32,
        /// The symbol and its size.
        qr: crate::model::Qr,
    },
}

/// One laid-out page.
#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    /// Page width.
    pub width: f32,
    /// Page height.
    pub height: f32,
    /// Items in painting order.
    pub items: Vec<Item>,
}

/// Document properties the emitter writes into the PDF.
#[derive(Debug, Clone, PartialEq)]
pub struct PdfMeta {
    /// Title.
    pub title: String,
    /// Author.
    pub author: String,
    /// Language tag, e.g. `ru-RU`.
    pub language: String,
}

impl Item {
    /// Moves the item by (`dx`, `dy`).
    pub fn shift(&mut self, dx: f32, dy: f32) {
        match self {
            Item::Text { x, y, .. } => {
                *x += dx;
                *y += dy;
            }
            Item::Line { x1, y1, x2, y2, .. } => {
                *x1 += dx;
                *x2 += dx;
                *y1 += dy;
                *y2 += dy;
            }
            Item::Image { x, y, .. } | Item::Qr { x, y, .. } => {
                *x += dx;
                *y += dy;
            }
        }
    }
}

//! Change bars: a vertical rule in the left margin beside each line that holds a tracked
//! change (text inserted, or the place of deleted text), as `prikaz diff --pdf` shows the
//! new version. Lines of documents built from data never carry one.

use crate::model::mm;
use crate::pdf::frame::Item;
use crate::pdf::text::LineBox;

/// How far left of the text area the bar stands: inside the 30 mm left margin, clear of
/// the text.
const BAR_GAP: f32 = 5.0;

/// Stroke width of the bar, in points.
const BAR_WIDTH: f32 = 1.2;

/// The bar beside `line` set with its top at `top`, when the line holds a change; the text
/// area's left edge is at `left`.
pub(crate) fn bar(line: &LineBox, left: f32, top: f32) -> Option<Item> {
    let x = left - mm(BAR_GAP);
    line.changed.then_some(Item::Line {
        x1: x,
        y1: top,
        x2: x,
        y2: top + line.height,
        width: BAR_WIDTH,
    })
}

//! The QR code (requisite 31) in the lower right corner of the page it starts, the first
//! one: the symbol's right edge on the right margin, its bottom edge on the bottom margin, and
//! the page's text and footnotes kept above it by its height and a quiet zone of four
//! modules. The quiet zone to its right and below lies in the margins, which stay blank.
//! In the upper right corner (`place = "top-right"`) its top edge is on the top margin and
//! the page's text starts under it and its quiet zone.
//!
//! The whole width of that band is kept free of the text, not only the corner: the DOCX
//! writer's picture wraps text above and below it (Word and LibreOffice set no text beside
//! it), and both writers must break pages alike. The executor mark, a frame on the bottom
//! margin in the DOCX, stands beside the code as it does there, when its lines clear it.

use super::flow::Flow;
use crate::model::{Corner, Qr};
use crate::pdf::frame::Item;

/// Paints `qr` in its corner of the flow's current page and keeps the text clear of it.
pub(crate) fn place_qr(flow: &mut Flow, qr: &Qr) {
    let page = *flow.page();
    let x = page.width - page.margin_right - qr.size();
    let y = match qr.corner() {
        Corner::BottomRight => page.height - page.margin_bottom - qr.size(),
        Corner::TopRight => page.margin_top,
    };
    flow.paint(Item::Qr {
        x,
        y,
        qr: qr.clone(),
    });
    let band = qr.size() + qr.quiet();
    match qr.corner() {
        Corner::BottomRight => {
            let beside = page.text_width() - band;
            flow.reserve_foot(band, beside);
        }
        // The page's text starts under the code, as under the DOCX's picture.
        Corner::TopRight => flow.y += band,
    }
}

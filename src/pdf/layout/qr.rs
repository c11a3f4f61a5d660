//! The QR code (requisite 31) in the lower right corner of the page it starts, the first
//! one: the symbol's right edge on the right margin, its bottom edge on the bottom margin, and
//! the page's text and footnotes kept above it by its height and a quiet zone of four
//! modules. The quiet zone to its right and below lies in the margins, which stay blank.
//!
//! The whole width of that band is kept free of the text, not only the corner: the DOCX
//! writer's picture wraps text above and below it (Word and LibreOffice set no text beside
//! it), and both writers must break pages alike. The executor mark, a frame on the bottom
//! margin in the DOCX, stands beside the code as it does there, when its lines clear it.

use super::flow::Flow;
use crate::model::Qr;
use crate::pdf::frame::Item;

/// Paints `qr` at the foot of the flow's current page and keeps the band above it free.
pub(crate) fn place_qr(flow: &mut Flow, qr: &Qr) {
    let page = *flow.page();
    let x = page.width - page.margin_right - qr.size();
    let y = page.height - page.margin_bottom - qr.size();
    flow.paint(Item::Qr {
        x,
        y,
        qr: qr.clone(),
    });
    let beside = page.text_width() - qr.size() - qr.quiet();
    flow.reserve_foot(qr.size() + qr.quiet(), beside);
}

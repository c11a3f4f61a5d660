//! The numbers of a laid-out page, checked before anything is written.

use crate::pdf::frame::{Item, Page};

/// Rejects numbers a PDF cannot hold: a NaN or infinite coordinate would be written as text
/// that no reader parses, and a size of zero or less draws nothing.
pub(super) fn check(page: &Page, number: usize) -> Result<(), String> {
    let bad = |what: &str| Err(format!("PDF page {number}: {what}"));
    if !(page.width.is_finite() && page.height.is_finite() && page.width > 0.0 && page.height > 0.0)
    {
        return bad(&format!("page size {} × {}", page.width, page.height));
    }
    for item in &page.items {
        match item {
            Item::Text {
                x, y, size, text, ..
            } => {
                if !(x.is_finite() && y.is_finite() && size.is_finite() && *size > 0.0) {
                    return bad(&format!("text «{text}» at ({x}, {y}), size {size}"));
                }
            }
            Item::Line {
                x1,
                y1,
                x2,
                y2,
                width,
            } => {
                if ![x1, y1, x2, y2, width].iter().all(|v| v.is_finite()) || *width < 0.0 {
                    return bad(&format!("line ({x1}, {y1})–({x2}, {y2}), width {width}"));
                }
            }
            Item::Image {
                x,
                y,
                width,
                height,
                ..
            } => {
                let finite = [x, y, width, height].iter().all(|v| v.is_finite());
                if !finite || *width <= 0.0 || *height <= 0.0 {
                    return bad(&format!("image at ({x}, {y}), {width} × {height}"));
                }
            }
            Item::Qr { x, y, .. } => {
                if !(x.is_finite() && y.is_finite()) {
                    return bad(&format!("QR code at ({x}, {y})"));
                }
            }
        }
    }
    Ok(())
}

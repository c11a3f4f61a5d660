//! One laid-out page as printpdf drawing operations.

use std::collections::BTreeMap;

use printpdf::{
    Line, LineCapStyle, LinePoint, Op, PdfFontHandle, PdfPage, Point, Pt, Rect, TextItem,
    TextMatrix,
};

use crate::pdf::frame::{Face, Item, Page};

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
        }
    }
    Ok(())
}

/// Translates `page` into printpdf operations, selecting faces through `fonts`.
pub(super) fn page(page: &Page, fonts: &BTreeMap<Face, printpdf::FontId>) -> PdfPage {
    let mut ops = vec![
        // Table borders meet at corners; projecting caps close the notch butt caps leave
        // where a horizontal and a vertical rule end at the same point.
        Op::SetLineCapStyle {
            cap: LineCapStyle::ProjectingSquare,
        },
    ];
    let mut state = State::default();
    for item in &page.items {
        match item {
            Item::Text {
                x,
                y,
                text,
                face,
                size,
                ..
            } if !text.is_empty() => {
                if !state.in_text {
                    ops.push(Op::StartTextSection);
                    state.in_text = true;
                }
                if state.font != Some((*face, size.to_bits())) {
                    ops.push(Op::SetFont {
                        font: PdfFontHandle::External(fonts[face].clone()),
                        size: Pt(*size),
                    });
                    state.font = Some((*face, size.to_bits()));
                }
                ops.push(Op::SetTextMatrix {
                    matrix: TextMatrix::Translate(Pt(*x), Pt(page.height - y)),
                });
                ops.push(Op::ShowText {
                    items: vec![TextItem::Text(text.clone())],
                });
            }
            Item::Text { .. } => {}
            Item::Line {
                x1,
                y1,
                x2,
                y2,
                width,
            } => {
                if state.in_text {
                    ops.push(Op::EndTextSection);
                    state.in_text = false;
                }
                if state.line_width != Some(width.to_bits()) {
                    ops.push(Op::SetOutlineThickness { pt: Pt(*width) });
                    state.line_width = Some(width.to_bits());
                }
                ops.push(Op::DrawLine {
                    line: Line {
                        points: vec![point(*x1, page.height - y1), point(*x2, page.height - y2)],
                        is_closed: false,
                    },
                });
            }
        }
    }
    if state.in_text {
        ops.push(Op::EndTextSection);
    }
    let media = Rect::from_wh(Pt(page.width), Pt(page.height));
    PdfPage {
        media_box: media.clone(),
        trim_box: media.clone(),
        crop_box: media,
        ops,
    }
}

/// What the content stream has set so far, so unchanged settings are not repeated. Font
/// state lives in the text object's graphics state, which `BT`/`ET` do not reset, but tracking
/// it per page is enough: each page's stream starts from the defaults.
#[derive(Default)]
struct State {
    in_text: bool,
    font: Option<(Face, u32)>,
    line_width: Option<u32>,
}

/// A path point in PDF space (origin bottom left).
fn point(x: f32, y: f32) -> LinePoint {
    LinePoint {
        p: Point { x: Pt(x), y: Pt(y) },
        bezier: false,
    }
}

//! The QR code (requisite 31) in the DOCX: a PNG of its modules, anchored to the page in the
//! lower (or upper) right corner of the first page, exactly where the PDF paints it (right
//! edge on the right margin, bottom edge on the bottom margin, or top edge on the top one).
//! Text wraps above and below it, never beside it, and keeps a quiet zone of four modules
//! from it, as the PDF layout does.
//!
//! The anchor stands in a 1 pt paragraph of its own at the head of the first section, so no
//! paragraph of the document changes. The picture is a one-bit grey PNG, `SCALE` pixels a
//! module: a reader stretching it draws hard edges, not a blur.

use super::ctx::Ctx;
use super::figure::{emu, picture};
use super::paragraph::{empty_props, write_para};
use super::xml::Xml;
use crate::model::{Corner, Image, ImageFormat, PageSetup, Qr};
use std::sync::Arc;

/// Pixels per module in the picture.
const SCALE: usize = 8;

/// Writes the paragraph that holds `qr`, anchored on a page of setup `page`.
pub(crate) fn qr(ctx: &mut Ctx, x: &mut Xml, qr: &Qr, page: &PageSetup) {
    let image = Arc::new(png(qr));
    let rel = ctx.image_rel(&image);
    let shape = ctx.next_drawing();
    write_para(ctx, x, &empty_props(1.0), |_, x| {
        anchor(x, qr, page, &rel, shape)
    });
}

/// The run with the anchored drawing.
fn anchor(x: &mut Xml, qr: &Qr, page: &PageSetup, rel: &str, shape: u32) {
    let size = emu(qr.size());
    let left = emu(page.width - page.margin_right - qr.size());
    let (top, dist_t, dist_b) = match qr.corner() {
        Corner::BottomRight => (
            page.height - page.margin_bottom - qr.size(),
            qr.quiet(),
            0.0,
        ),
        Corner::TopRight => (page.margin_top, 0.0, qr.quiet()),
    };
    let top = emu(top);
    x.open("w:r");
    x.open("w:drawing");
    x.tag("wp:anchor")
        .num("distT", emu(dist_t))
        .num("distB", emu(dist_b))
        .attr("distL", "0")
        .attr("distR", "0")
        .attr("simplePos", "0")
        .attr("relativeHeight", "251659264")
        .attr("behindDoc", "0")
        .attr("locked", "0")
        .attr("layoutInCell", "1")
        .attr("allowOverlap", "0")
        .open();
    x.tag("wp:simplePos").attr("x", "0").attr("y", "0").empty();
    for (axis, offset) in [("wp:positionH", left), ("wp:positionV", top)] {
        x.tag(axis).attr("relativeFrom", "page").open();
        x.open("wp:posOffset");
        x.text(&offset.to_string());
        x.end("wp:posOffset");
        x.end(axis);
    }
    x.tag("wp:extent").num("cx", size).num("cy", size).empty();
    x.tag("wp:effectExtent")
        .attr("l", "0")
        .attr("t", "0")
        .attr("r", "0")
        .attr("b", "0")
        .empty();
    x.empty("wp:wrapTopAndBottom");
    picture(x, rel, shape, (size, size));
    x.end("wp:anchor");
    x.end("w:drawing");
    x.end("w:r");
}

/// The symbol as a one-bit grey PNG, `SCALE` pixels a module, black on white.
fn png(qr: &Qr) -> Image {
    let side = qr.width() * SCALE;
    let row_bytes = side.div_ceil(8);
    let mut pixels = vec![0u8; row_bytes * side];
    for (y, row) in pixels.chunks_mut(row_bytes).enumerate() {
        for px in 0..side {
            // Grey 0 is black: a light module sets its bit.
            if !qr.dark(y / SCALE, px / SCALE) {
                row[px / 8] |= 0x80 >> (px % 8);
            }
        }
    }
    let mut bytes = Vec::new();
    let mut encoder = ::png::Encoder::new(&mut bytes, side as u32, side as u32);
    encoder.set_color(::png::ColorType::Grayscale);
    encoder.set_depth(::png::BitDepth::One);
    // Writing into memory cannot fail; a failure would leave an empty picture, not a panic.
    let written = encoder
        .write_header()
        .and_then(|mut w| w.write_image_data(&pixels));
    if written.is_err() {
        bytes.clear();
    }
    let side = side as u32;
    Image::new(bytes, ImageFormat::Png, side, side).expect("a QR symbol is never empty")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_picture_is_the_symbol_scaled() {
        let m = [true, false, false, true];
        let qr = Qr::new(m.to_vec(), 2, 20.0).unwrap();
        let image = png(&qr);
        let decoder = ::png::Decoder::new(std::io::Cursor::new(image.bytes().to_vec()));
        let mut reader = decoder.read_info().unwrap();
        let mut buf = vec![0; reader.output_buffer_size().unwrap()];
        let info = reader.next_frame(&mut buf).unwrap();
        assert_eq!((info.width, info.height), (16, 16));
        // First row: 8 black pixels, 8 white ones.
        assert_eq!(&buf[..2], &[0x00, 0xFF]);
        // Last row: white, then black.
        assert_eq!(
            &buf[info.line_size * 15..info.line_size * 16],
            &[0xFF, 0x00]
        );
    }
}

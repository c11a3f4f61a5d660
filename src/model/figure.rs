//! Pictures: an image file's bytes as the data layer read and checked them, and a figure —
//! one image at a size, with its caption — as both writers place it.

use super::Paragraph;
use std::collections::BTreeMap;
use std::sync::Arc;

/// Images by the id the markup's `<figure ref="…">` names them with: one object however often
/// it is used.
pub type Images = BTreeMap<String, Arc<Image>>;

/// The formats an image may be in; both writers embed the file's bytes as they are (the PDF
/// writer decodes a PNG into its pixels).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ImageFormat {
    /// PNG.
    Png,
    /// JPEG (baseline or progressive).
    Jpeg,
}

impl ImageFormat {
    /// The file extension Word and LibreOffice expect for a media part.
    pub fn extension(self) -> &'static str {
        match self {
            ImageFormat::Png => "png",
            ImageFormat::Jpeg => "jpeg",
        }
    }
}

/// An image file: its bytes and what its header says. Made only through [`Image::new`], so
/// its pixel size is never zero.
#[derive(Debug, PartialEq, Eq)]
pub struct Image {
    bytes: Vec<u8>,
    format: ImageFormat,
    width: u32,
    height: u32,
}

/// Why an image could not be made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageError {
    /// The width or height in pixels is zero.
    Empty,
}

impl Image {
    /// An image of `bytes` in `format`, `width` × `height` pixels (both above zero).
    pub fn new(
        bytes: Vec<u8>,
        format: ImageFormat,
        width: u32,
        height: u32,
    ) -> Result<Image, ImageError> {
        if width == 0 || height == 0 {
            return Err(ImageError::Empty);
        }
        Ok(Image {
            bytes,
            format,
            width,
            height,
        })
    }

    /// The file's bytes.
    pub fn bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// The format.
    pub fn format(&self) -> ImageFormat {
        self.format
    }

    /// Width in pixels.
    pub fn width(&self) -> u32 {
        self.width
    }

    /// Height in pixels.
    pub fn height(&self) -> u32 {
        self.height
    }
}

/// A picture centred on the text width, with the caption under it; the two are never parted
/// by a page break. Made only through [`Figure::new`], which sizes the picture.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    image: Arc<Image>,
    width: f32,
    height: f32,
    caption: Option<Paragraph>,
}

impl Figure {
    /// `image` shown `width` points wide (at most `max_width`, the text width; absent, the
    /// text width) keeping its proportions, and then, if it would be taller than
    /// `max_height`, scaled down to that height.
    pub fn new(
        image: Arc<Image>,
        width: Option<f32>,
        max_width: f32,
        max_height: f32,
        caption: Option<Paragraph>,
    ) -> Figure {
        let max_width = max_width.max(1.0);
        let w = width
            .filter(|w| w.is_finite() && *w > 0.0)
            .map_or(max_width, |w| w.min(max_width));
        let ratio = image.height as f32 / image.width as f32;
        let (mut width, mut height) = (w, w * ratio);
        let max_height = max_height.max(1.0);
        if height > max_height {
            height = max_height;
            width = height / ratio;
        }
        Figure {
            image,
            width,
            height,
            caption,
        }
    }

    /// The image.
    pub fn image(&self) -> &Arc<Image> {
        &self.image
    }

    /// Width on the page, points.
    pub fn width(&self) -> f32 {
        self.width
    }

    /// Height on the page, points.
    pub fn height(&self) -> f32 {
        self.height
    }

    /// The caption under the picture.
    pub fn caption(&self) -> Option<&Paragraph> {
        self.caption.as_ref()
    }
}

/// What a JPEG's frame header (SOF) says: what a PDF needs to show the file's bytes as
/// they are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct JpegFrame {
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// Colour components: 1 (grey), 3 (YCbCr/RGB) or 4 (CMYK).
    pub components: u8,
    /// An Adobe marker (APP14) is present: Adobe writes CMYK inverted.
    pub adobe: bool,
}

/// The frame header of a JPEG, found by walking its markers; `None` unless it is a
/// Huffman-coded baseline, extended or progressive frame of 8-bit samples with 1, 3 or 4
/// components and a size above zero (what PDF readers decode).
pub fn jpeg_frame(bytes: &[u8]) -> Option<JpegFrame> {
    let mut at = 2;
    let mut adobe = false;
    loop {
        if *bytes.get(at)? != 0xFF {
            return None;
        }
        // Any number of 0xFF fill bytes may stand before a marker.
        while *bytes.get(at + 1)? == 0xFF {
            at += 1;
        }
        let marker = bytes[at + 1];
        at += 2;
        if marker == 0x01 || (0xD0..=0xD7).contains(&marker) {
            continue;
        }
        let len = usize::from(u16::from_be_bytes([*bytes.get(at)?, *bytes.get(at + 1)?]));
        let segment = bytes.get(at + 2..at + len.max(2))?;
        match marker {
            0xC0..=0xC2 => return sof(segment, adobe),
            0xC3 | 0xC5..=0xC7 | 0xC9..=0xCB | 0xCD..=0xCF | 0xD9 | 0xDA => return None,
            0xEE => adobe |= segment.starts_with(b"Adobe"),
            _ => {}
        }
        at += len;
    }
}

/// The frame of a SOF segment (after its length).
fn sof(s: &[u8], adobe: bool) -> Option<JpegFrame> {
    let [precision, h1, h0, w1, w0, components, ..] = *s else {
        return None;
    };
    let frame = JpegFrame {
        width: u32::from(u16::from_be_bytes([w1, w0])),
        height: u32::from(u16::from_be_bytes([h1, h0])),
        components,
        adobe,
    };
    let ok =
        precision == 8 && matches!(components, 1 | 3 | 4) && frame.width > 0 && frame.height > 0;
    ok.then_some(frame)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn image(w: u32, h: u32) -> Arc<Image> {
        Arc::new(Image::new(vec![], ImageFormat::Png, w, h).unwrap())
    }

    #[test]
    fn a_figure_is_never_wider_than_the_text_nor_taller_than_the_page() {
        let f = Figure::new(image(200, 100), Some(500.0), 400.0, 600.0, None);
        assert_eq!((f.width(), f.height()), (400.0, 200.0));
        let f = Figure::new(image(200, 100), None, 400.0, 600.0, None);
        assert_eq!(f.width(), 400.0);
        let f = Figure::new(image(100, 400), Some(300.0), 400.0, 600.0, None);
        assert_eq!((f.width(), f.height()), (150.0, 600.0));
        assert_eq!(
            Image::new(vec![], ImageFormat::Jpeg, 0, 3),
            Err(ImageError::Empty)
        );
    }

    #[test]
    fn a_jpeg_frame_header_is_found_behind_its_markers() {
        let photo = include_bytes!("../../tests/fixtures/figures/photo.jpg");
        let frame = jpeg_frame(photo).unwrap();
        assert_eq!((frame.width, frame.height, frame.components), (240, 160, 3));
        let cmyk = jpeg_frame(include_bytes!("../../tests/fixtures/figures/cmyk.jpg")).unwrap();
        assert_eq!((cmyk.components, cmyk.adobe), (4, true));
        // Cut short before the frame header, or no JPEG at all.
        assert_eq!(jpeg_frame(&photo[..30]), None);
        assert_eq!(jpeg_frame(b"\xFF\xD8\xFF"), None);
        // A progressive frame (SOF2) is read the same way.
        let mut progressive = photo[..photo.len()].to_vec();
        let sof0 = progressive
            .windows(2)
            .position(|w| w == [0xFF, 0xC0])
            .unwrap();
        progressive[sof0 + 1] = 0xC2;
        assert_eq!(jpeg_frame(&progressive).unwrap().width, 240);
        // Arithmetic coding (SOF9), which PDF readers need not decode, is refused.
        progressive[sof0 + 1] = 0xC9;
        assert_eq!(jpeg_frame(&progressive), None);
    }
}

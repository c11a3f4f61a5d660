//! Pictures as Image XObjects: one per distinct image (by a hash of its bytes), however many
//! pages show it and however often. A JPEG goes in as its own bytes (`/DCTDecode`, nothing
//! re-encoded). So does the compressed data of a PNG of 8-bit grey or RGB samples,
//! non-interlaced and without transparency (most diagrams): PDF's Flate filter with the PNG
//! predictors reads it as it is. Any other PNG is decoded — palette expanded, 16-bit samples
//! cut to 8 — into grey or RGB samples, its alpha channel, if any, a soft mask of its own,
//! both Flate-compressed.

use std::collections::HashMap;
use std::sync::Arc;

use lopdf::{Dictionary, Object, ObjectId};
use sha2::{Digest, Sha256};

use super::deflate::{Packed, Zlib};
use super::objects::Builder;
use crate::model::{jpeg_frame, Image, ImageFormat};
use crate::pdf::frame::{Item, Page};

/// The distinct images the pages show, in order of first use.
#[derive(Default)]
pub(super) struct Images {
    /// The images.
    pub(super) list: Vec<Arc<Image>>,
    /// Index in `list` by the address of an image object.
    by_object: HashMap<usize, usize>,
}

impl Images {
    /// The images of `pages`: the same bytes read twice are one image.
    pub(super) fn collect(pages: &[Page]) -> Images {
        let mut images = Images::default();
        let mut by_hash: HashMap<[u8; 32], usize> = HashMap::new();
        for item in pages.iter().flat_map(|p| &p.items) {
            let Item::Image { image, .. } = item else {
                continue;
            };
            let address = Arc::as_ptr(image) as usize;
            if images.by_object.contains_key(&address) {
                continue;
            }
            let hash: [u8; 32] = Sha256::digest(image.bytes()).into();
            let next = images.list.len();
            let i = *by_hash.entry(hash).or_insert(next);
            if i == next {
                images.list.push(image.clone());
            }
            images.by_object.insert(address, i);
        }
        images
    }

    /// The resource name `image` is drawn by.
    pub(super) fn name(&self, image: &Arc<Image>) -> String {
        let i = self.by_object.get(&(Arc::as_ptr(image) as usize));
        resource(i.copied().unwrap_or_default())
    }
}

/// The resource name of image `i` (from 0).
pub(super) fn resource(i: usize) -> String {
    format!("Im{}", i + 1)
}

/// An image's streams, made: the picture and, for a PNG with alpha, its soft mask.
pub(super) struct ImageStreams {
    dict: Dictionary,
    data: Packed,
    mask: Option<(Dictionary, Packed)>,
}

/// Object ids of an image and of its soft mask.
pub(super) struct ImageIds {
    /// The Image XObject.
    pub(super) image: ObjectId,
    mask: Option<ObjectId>,
}

impl ImageIds {
    /// Ids for the image of `streams`.
    pub(super) fn reserve(out: &mut Builder, streams: &ImageStreams) -> ImageIds {
        ImageIds {
            image: out.reserve(),
            mask: streams.mask.as_ref().map(|_| out.reserve()),
        }
    }
}

impl ImageStreams {
    /// The streams of `image`.
    pub(super) fn make(image: &Image, zlib: &mut Zlib) -> Result<ImageStreams, String> {
        match image.format() {
            ImageFormat::Jpeg => jpeg(image),
            ImageFormat::Png => match png_as_is(image.bytes()) {
                Some(streams) => Ok(streams),
                None => png(image, zlib),
            },
        }
    }

    /// Puts the streams in under `ids`.
    pub(super) fn write(self, out: &mut Builder, ids: &ImageIds) {
        let mut dict = self.dict;
        if let (Some((mask_dict, mask)), Some(id)) = (self.mask, ids.mask) {
            dict.set("SMask", id);
            out.stream(id, mask_dict, mask);
        }
        out.stream(ids.image, dict, self.data);
    }
}

/// The dictionary of an image `w` × `h` of 8-bit samples in `space`.
fn image_dict(w: u32, h: u32, space: &str) -> Dictionary {
    Dictionary::from_iter([
        ("Type", Object::from("XObject")),
        ("Subtype", Object::from("Image")),
        ("Width", Object::Integer(i64::from(w))),
        ("Height", Object::Integer(i64::from(h))),
        ("ColorSpace", Object::from(space)),
        ("BitsPerComponent", Object::Integer(8)),
    ])
}

/// A JPEG as it is: what its frame header says, its bytes untouched.
fn jpeg(image: &Image) -> Result<ImageStreams, String> {
    let frame = jpeg_frame(image.bytes()).ok_or("a JPEG without a usable frame header")?;
    let space = match frame.components {
        1 => "DeviceGray",
        3 => "DeviceRGB",
        _ => "DeviceCMYK",
    };
    let mut dict = image_dict(frame.width, frame.height, space);
    dict.set("Filter", "DCTDecode");
    if frame.components == 4 && frame.adobe {
        // Adobe's CMYK JPEGs store the inks inverted.
        let decode = [1, 0, 1, 0, 1, 0, 1, 0].map(Object::Integer);
        dict.set("Decode", Object::Array(decode.to_vec()));
    }
    let data = Packed {
        bytes: image.bytes().to_vec(),
        deflated: false,
    };
    Ok(ImageStreams {
        dict,
        data,
        mask: None,
    })
}

/// A PNG whose compressed data a PDF reader can take as it is, with its data; `None` for
/// any other.
fn png_as_is(bytes: &[u8]) -> Option<ImageStreams> {
    let decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    let reader = decoder.read_info().ok()?;
    let info = reader.info();
    let colours = match info.color_type {
        png::ColorType::Grayscale => 1,
        png::ColorType::Rgb => 3,
        _ => return None,
    };
    let plain = info.bit_depth == png::BitDepth::Eight && !info.interlaced;
    if !plain || info.trns.is_some() {
        return None;
    }
    let (w, h) = (info.width, info.height);
    let data = idat(bytes)?;
    let space = if colours == 1 {
        "DeviceGray"
    } else {
        "DeviceRGB"
    };
    let mut dict = image_dict(w, h, space);
    // Predictor 15: each row starts with its own PNG filter byte.
    let parms = Dictionary::from_iter([
        ("Predictor", Object::Integer(15)),
        ("Colors", Object::Integer(colours)),
        ("BitsPerComponent", Object::Integer(8)),
        ("Columns", Object::Integer(i64::from(w))),
    ]);
    dict.set("DecodeParms", parms);
    let data = Packed {
        bytes: data,
        deflated: true,
    };
    Some(ImageStreams {
        dict,
        data,
        mask: None,
    })
}

/// The image data of a PNG: its IDAT chunks' contents joined, one zlib stream.
fn idat(bytes: &[u8]) -> Option<Vec<u8>> {
    let mut data = Vec::new();
    let mut at = 8;
    while let Some(head) = bytes.get(at..at + 8) {
        let len = u32::from_be_bytes([head[0], head[1], head[2], head[3]]) as usize;
        let body = bytes.get(at + 8..(at + 8).checked_add(len)?)?;
        match &head[4..8] {
            b"IDAT" => data.extend_from_slice(body),
            b"IEND" => break,
            _ => {}
        }
        at += 12 + len;
    }
    (!data.is_empty()).then_some(data)
}

/// A PNG decoded to 8-bit grey or RGB samples and, when it has one, an alpha mask.
fn png(image: &Image, zlib: &mut Zlib) -> Result<ImageStreams, String> {
    let fail = |e: png::DecodingError| format!("PNG: {e}");
    let mut decoder = png::Decoder::new(std::io::Cursor::new(image.bytes()));
    decoder.set_transformations(png::Transformations::EXPAND | png::Transformations::STRIP_16);
    let mut reader = decoder.read_info().map_err(fail)?;
    // The data layer refuses larger pictures; a model made in code is held to the same.
    let size = (reader.output_buffer_size())
        .filter(|&s| s <= 64 << 20)
        .ok_or("PNG too large")?;
    let mut pixels = vec![0; size];
    let frame = reader.next_frame(&mut pixels).map_err(fail)?;
    pixels.truncate(frame.buffer_size());
    let (w, h) = (frame.width, frame.height);
    let (colours, alpha) = match frame.color_type {
        png::ColorType::Grayscale => (1, false),
        png::ColorType::GrayscaleAlpha => (1, true),
        png::ColorType::Rgb => (3, false),
        png::ColorType::Rgba => (3, true),
        png::ColorType::Indexed => return Err("PNG palette not expanded".into()),
    };
    let space = if colours == 1 {
        "DeviceGray"
    } else {
        "DeviceRGB"
    };
    let (colour, mask) = if alpha {
        let (c, a) = split_alpha(&pixels, colours);
        (c, Some(a))
    } else {
        (pixels, None)
    };
    let mask = match mask {
        Some(a) => Some((image_dict(w, h, "DeviceGray"), zlib.pack(a)?)),
        None => None,
    };
    Ok(ImageStreams {
        dict: image_dict(w, h, space),
        data: zlib.pack(colour)?,
        mask,
    })
}

/// Samples of `colours` channels followed by one alpha, split into colour and alpha.
fn split_alpha(pixels: &[u8], colours: usize) -> (Vec<u8>, Vec<u8>) {
    let n = pixels.len() / (colours + 1);
    let mut colour = Vec::with_capacity(n * colours);
    let mut alpha = Vec::with_capacity(n);
    for px in pixels.chunks_exact(colours + 1) {
        colour.extend_from_slice(&px[..colours]);
        alpha.push(px[colours]);
    }
    (colour, alpha)
}

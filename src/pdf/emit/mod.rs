//! PDF emitter: prints laid-out pages ([`Page`]) as the bytes of a PDF file, in one pass in
//! which every object is written once. It knows nothing of paragraphs or tables.
//!
//! 1. Each page's numbers are checked (`page`).
//! 2. For each face the pages use, the subset is planned (`subset`): the characters it sets,
//!    the new glyph id of each and the `/W` width of each id, all the content streams need.
//! 3. The streams are made, and compressed as they are made, on two threads (`deflate`):
//!    each face's font program is cut and its ToUnicode map written (`font`, `cmap`), each
//!    page's content stream written (`content`: one `TJ` per line, glyph ids as codes).
//! 4. The objects go into a lopdf document once each, in a fixed order (`document`): catalog
//!    with `/Lang`, document properties, page tree, shared resources, then per face a Type0
//!    font over a CIDFontType2 (Identity-H) with its descriptor, program and ToUnicode map,
//!    then each page with its content stream. lopdf serializes it with object and
//!    cross-reference streams; the trailer `/ID` is a hash of the content.
//!
//! The output depends only on the arguments: no clock, no random ids, a fixed object order.

mod cmap;
mod content;
mod deflate;
pub use deflate::alone;
mod document;
mod font;
mod image;
mod objects;
mod page;
mod subset;
#[cfg(test)]
mod tests;

use std::collections::{BTreeMap, BTreeSet};

use crate::pdf::fonts::FontSet;
use crate::pdf::frame::{Face, Item, Page, PdfMeta};
use deflate::Packed;
use font::FontStreams;
use image::ImageStreams;
use subset::Subset;

/// Prints `pages` as the bytes of a PDF file with the document properties `meta`.
///
/// Text is set in the faces of `fonts`, each embedded as a subset with a ToUnicode map, so
/// copying and `pdftotext` give back the text. The output depends only on the arguments: the
/// same pages give the same bytes. Fails on coordinates or sizes a PDF cannot hold (NaN,
/// infinite, a font size of zero), naming the page.
pub fn emit(pages: &[Page], meta: &PdfMeta, fonts: &FontSet) -> Result<Vec<u8>, String> {
    for (i, p) in pages.iter().enumerate() {
        page::check(p, i + 1)?;
    }
    let subsets: Vec<Subset> = used_chars(pages)
        .iter()
        .map(|(&face, chars)| Subset::plan(face, fonts.get(face), chars))
        .collect();
    let glyphs: BTreeMap<Face, content::Glyphs> =
        subsets.iter().map(|s| (s.face, glyph_map(s))).collect();
    let images = image::Images::collect(pages);
    let jobs: Vec<Job> = (subsets.iter().map(Job::Font))
        .chain(pages.iter().map(Job::Page))
        .chain(images.list.iter().map(|i| Job::Image(i)))
        .collect();
    let made = deflate::par_map(&jobs, Job::weight, |zlib, job| match job {
        Job::Font(subset) => FontStreams::make(subset, zlib).map(Made::Font),
        Job::Page(page) => zlib
            .pack(content::content(page, &glyphs, &images))
            .map(Made::Page),
        Job::Image(i) => ImageStreams::make(i, zlib).map(Made::Image),
    })?;
    let mut font_streams = Vec::with_capacity(subsets.len());
    let mut contents = Vec::with_capacity(pages.len());
    let mut image_streams = Vec::with_capacity(images.list.len());
    for m in made {
        match m {
            Made::Font(streams) => font_streams.push(streams),
            Made::Page(content) => contents.push(content),
            Made::Image(streams) => image_streams.push(streams),
        }
    }
    document::write(document::Parts {
        pages,
        contents,
        fonts: subsets.iter().zip(font_streams).collect(),
        images: image_streams,
        meta,
    })
}

/// Making a stream: the larger half of the work, shared by two threads.
enum Job<'a, 'f> {
    /// A face's font program and ToUnicode map.
    Font(&'a Subset<'f>),
    /// A page's content stream.
    Page(&'a Page),
    /// An image's streams.
    Image(&'a crate::model::Image),
}

impl Job<'_, '_> {
    /// About how many bytes the job writes and compresses, to split the jobs evenly: a
    /// subset program takes a few hundred bytes a glyph besides its fixed tables, a page
    /// about thirty an item.
    fn weight(&self) -> usize {
        match self {
            Job::Font(subset) => 4096 + 256 * subset.glyphs.len(),
            Job::Page(page) => 32 * page.items.len(),
            // A PNG is decoded and compressed again; a JPEG is only copied.
            Job::Image(image) => match image.format() {
                crate::model::ImageFormat::Png => 4 * image.bytes().len(),
                crate::model::ImageFormat::Jpeg => image.bytes().len() / 16,
            },
        }
    }
}

/// A job's result.
enum Made {
    Font(FontStreams),
    Page(Packed),
    Image(ImageStreams),
}

/// The glyph id and `/W` width of each character `subset` maps, as the content streams need
/// them.
fn glyph_map(subset: &Subset) -> content::Glyphs {
    let width = |gid: u16| {
        subset
            .widths
            .get(usize::from(gid))
            .copied()
            .unwrap_or_default()
    };
    let map = subset.glyphs.iter().map(|&(c, gid)| (c, (gid, width(gid))));
    content::Glyphs::new(map, width(0))
}

/// The characters each face sets, over all pages.
fn used_chars(pages: &[Page]) -> BTreeMap<Face, BTreeSet<char>> {
    // A bit per character of the Basic Multilingual Plane (8 KiB a face) instead of a set
    // insertion per character: a long order sets tens of thousands of them.
    const WORDS: usize = 0x10000 / 64;
    let mut bits: BTreeMap<Face, (Vec<u64>, BTreeSet<char>)> = BTreeMap::new();
    for item in pages.iter().flat_map(|p| &p.items) {
        if let Item::Text { text, face, .. } = item {
            if text.is_empty() {
                continue;
            }
            let (bmp, beyond) = bits
                .entry(*face)
                .or_insert_with(|| (vec![0; WORDS], BTreeSet::new()));
            for c in text.chars() {
                let cp = c as usize;
                match bmp.get_mut(cp / 64) {
                    Some(word) => *word |= 1 << (cp % 64),
                    None => {
                        beyond.insert(c);
                    }
                }
            }
        }
    }
    bits.into_iter()
        .map(|(face, (bmp, mut chars))| {
            for (i, &word) in bmp.iter().enumerate().filter(|(_, w)| **w != 0) {
                let set = (0..64).filter(|b| word & (1 << b) != 0);
                chars.extend(set.filter_map(|b| char::from_u32((i * 64 + b) as u32)));
            }
            (face, chars)
        })
        .collect()
}

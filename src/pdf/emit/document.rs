//! The document around the pages and fonts: catalog, page tree, shared resources, document
//! properties and trailer.
//!
//! Every object id is reserved first, in a fixed order (catalog, properties, page tree,
//! resources, each face's four objects, each page and its content stream), then each object
//! is put in once under its id, in the same order; nothing is changed after it is put in. The
//! trailer's `/ID` is a hash of what the objects are made of, taken as they are put in. lopdf
//! then serializes the document with object and cross-reference streams.

use lopdf::{Dictionary, Object, ObjectId, StringFormat};

use super::content::font_resource;
use super::deflate::Packed;
use super::font::{self, FontIds, FontStreams};
use super::image::{resource as image_resource, ImageIds, ImageStreams};
use super::objects::Builder;
use super::subset::Subset;
use crate::pdf::frame::{Page, PdfMeta};

/// What the document is made of, its streams already made and compressed.
pub(super) struct Parts<'a, 'f> {
    /// The pages, in order.
    pub pages: &'a [Page],
    /// The content stream of each page.
    pub contents: Vec<Packed>,
    /// Each face the pages use, with its streams.
    pub fonts: Vec<(&'a Subset<'f>, FontStreams)>,
    /// Each distinct image the pages show, with its streams, in the order of its resource
    /// names.
    pub images: Vec<ImageStreams>,
    /// Document properties.
    pub meta: &'a PdfMeta,
}

/// Ids of every object, reserved before any is put in.
struct Ids {
    catalog: ObjectId,
    info: ObjectId,
    tree: ObjectId,
    resources: ObjectId,
    fonts: Vec<FontIds>,
    /// Each page and its content stream.
    pages: Vec<(ObjectId, ObjectId)>,
    /// Each image, after everything else (a document without images keeps its numbers).
    images: Vec<ImageIds>,
}

impl Ids {
    fn reserve(out: &mut Builder, fonts: usize, pages: usize, images: &[ImageStreams]) -> Ids {
        Ids {
            catalog: out.reserve(),
            info: out.reserve(),
            tree: out.reserve(),
            resources: out.reserve(),
            fonts: (0..fonts).map(|_| FontIds::reserve(out)).collect(),
            pages: (0..pages).map(|_| (out.reserve(), out.reserve())).collect(),
            images: images.iter().map(|i| ImageIds::reserve(out, i)).collect(),
        }
    }
}

/// The bytes of the PDF file made of `parts`.
pub(super) fn write(parts: Parts) -> Result<Vec<u8>, String> {
    let Parts {
        pages,
        contents,
        fonts,
        images,
        meta,
    } = parts;
    let mut out = Builder::new();
    let ids = Ids::reserve(&mut out, fonts.len(), pages.len(), &images);
    out.object(ids.catalog, catalog(meta, ids.tree));
    for field in [&meta.title, &meta.author, &meta.language] {
        out.note(field.as_bytes());
    }
    out.object(ids.info, info(meta));
    let kids = ids.pages.iter().map(|&(page, _)| page.into()).collect();
    let tree = Dictionary::from_iter([
        ("Type", Object::from("Pages")),
        ("Kids", Object::Array(kids)),
        ("Count", Object::Integer(pages.len() as i64)),
    ]);
    out.object(ids.tree, tree);
    let names = fonts.iter().map(|(subset, _)| font_resource(subset.face));
    let font_dict = names
        .zip(&ids.fonts)
        .map(|(name, font)| (name, font.font.into()));
    let mut resources = Dictionary::from_iter([("Font", Dictionary::from_iter(font_dict).into())]);
    if !ids.images.is_empty() {
        let named = ids.images.iter().enumerate();
        let xobjects = named.map(|(i, img)| (image_resource(i), img.image.into()));
        resources.set("XObject", Dictionary::from_iter(xobjects));
    }
    out.object(ids.resources, resources);
    for ((subset, streams), font_ids) in fonts.into_iter().zip(&ids.fonts) {
        font::write(&mut out, font_ids, subset, streams);
    }
    for ((page, content), &(page_id, content_id)) in pages.iter().zip(contents).zip(&ids.pages) {
        out.note(&page.width.to_bits().to_be_bytes());
        out.note(&page.height.to_bits().to_be_bytes());
        let media_box = vec![
            Object::Integer(0),
            Object::Integer(0),
            page.width.into(),
            page.height.into(),
        ];
        let page = Dictionary::from_iter([
            ("Type", Object::from("Page")),
            ("Parent", ids.tree.into()),
            ("MediaBox", Object::Array(media_box)),
            ("Resources", ids.resources.into()),
            ("Contents", content_id.into()),
        ]);
        out.object(page_id, page);
        out.stream(content_id, Dictionary::new(), content);
    }
    for (streams, image_ids) in images.into_iter().zip(&ids.images) {
        streams.write(&mut out, image_ids);
    }
    out.finish(ids.catalog, ids.info)
}

/// The catalog: the page tree, the language (screen readers, hyphenation on reflow), and
/// viewer preferences: pages in one scrolling column, the title rather than the file name in
/// the window's title bar.
fn catalog(meta: &PdfMeta, tree: ObjectId) -> Dictionary {
    Dictionary::from_iter([
        ("Type", Object::from("Catalog")),
        ("Pages", tree.into()),
        ("Lang", text_string(&meta.language)),
        ("PageLayout", "OneColumn".into()),
        (
            "ViewerPreferences",
            Dictionary::from_iter([("DisplayDocTitle", Object::Boolean(true))]).into(),
        ),
    ])
}

/// Document properties: title, author and producer. No dates: they are optional, and any
/// real date would make the same pages give different bytes.
fn info(meta: &PdfMeta) -> Dictionary {
    Dictionary::from_iter([
        ("Title", text_string(&meta.title)),
        ("Author", text_string(&meta.author)),
        ("Producer", text_string("prikaz")),
    ])
}

/// A PDF text string: UTF-16BE with a byte order mark, which holds Cyrillic (PDFDocEncoding
/// does not).
fn text_string(s: &str) -> Object {
    let mut bytes = vec![0xFE, 0xFF];
    bytes.extend(s.encode_utf16().flat_map(u16::to_be_bytes));
    Object::String(bytes, StringFormat::Hexadecimal)
}

//! PDF writer: the document model laid out into pages of positioned items (`layout`), then
//! printed as PDF objects with embedded font subsets (`emit`).

pub mod emit;
pub mod fonts;
pub mod frame;
pub mod layout;
pub mod text;

use crate::model::Document;

/// Renders `doc` as the bytes of a `.pdf` file: layout with the metrics of the embedded
/// fonts, then the emitter with the same fonts, so what was measured is what is printed.
pub fn write(doc: &Document) -> Result<Vec<u8>, String> {
    use frame::Face;
    let fonts = fonts::FontSet::embedded();
    let faces = [Face::Regular, Face::Bold, Face::Italic, Face::BoldItalic];
    let metrics = text::TtfMetrics::from_bytes(faces.map(|f| fonts.bytes(f)))?;
    let pages = layout::layout(doc, &metrics);
    let meta = frame::PdfMeta {
        title: doc.meta.title.clone(),
        author: doc.meta.author.clone(),
        language: doc.meta.language.clone(),
    };
    emit::emit(&pages, &meta, fonts)
}

//! PDF writer: the document model laid out into pages of positioned items (`layout`), then
//! printed with printpdf (`emit`).

pub mod emit;
pub mod fonts;
pub mod frame;
pub mod layout;
pub mod text;

use crate::model::Document;

/// Renders `doc` as the bytes of a `.pdf` file.
pub fn write(doc: &Document) -> Result<Vec<u8>, String> {
    let _ = doc;
    Err("PDF writer not implemented yet".into())
}

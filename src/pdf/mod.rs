//! PDF writer: the document model laid out into pages of positioned items (`layout`), then
//! printed as PDF objects with embedded font subsets (`emit`).

pub mod emit;
pub mod fonts;
pub mod frame;
pub mod layout;
pub mod text;

use std::fmt;

use crate::model::Document;

/// Why the PDF writer failed on a document the model accepted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Error {
    /// The document's fonts could not be read for their metrics.
    Fonts(String),
    /// The laid-out pages could not be printed (a number a PDF cannot hold, a font subset
    /// that could not be cut).
    Emit(String),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Fonts(e) => write!(f, "PDF: не удалось прочитать шрифты документа: {e}"),
            Error::Emit(e) => write!(f, "PDF: не удалось напечатать страницы: {e}"),
        }
    }
}

impl std::error::Error for Error {}

/// Renders `doc` as the bytes of a `.pdf` file: layout with the metrics of the document's
/// typeface (the organisation's own, else the embedded one), then the emitter with the same
/// fonts, so what was measured is what is printed.
pub fn write(doc: &Document) -> Result<Vec<u8>, Error> {
    let fonts = match &doc.meta.font_files {
        Some(files) => fonts::FontSet::of(files).map_err(Error::Fonts)?,
        None => fonts::FontSet::embedded(),
    };
    let pages = layout::layout(doc, fonts.metrics());
    let meta = frame::PdfMeta {
        title: doc.meta.title.clone(),
        author: doc.meta.author.clone(),
        language: doc.meta.language.clone(),
    };
    emit::emit(&pages, &meta, fonts).map_err(Error::Emit)
}

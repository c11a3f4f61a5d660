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
    /// The embedded fonts could not be read for their metrics.
    Fonts(String),
    /// The laid-out pages could not be printed (a number a PDF cannot hold, a font subset
    /// that could not be cut).
    Emit(String),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Fonts(e) => write!(f, "PDF: не удалось прочитать встроенные шрифты: {e}"),
            Error::Emit(e) => write!(f, "PDF: не удалось напечатать страницы: {e}"),
        }
    }
}

impl std::error::Error for Error {}

/// Renders `doc` as the bytes of a `.pdf` file: layout with the metrics of the embedded
/// fonts, then the emitter with the same fonts, so what was measured is what is printed.
pub fn write(doc: &Document) -> Result<Vec<u8>, Error> {
    let fonts = fonts::FontSet::embedded();
    let metrics = embedded_metrics().map_err(|e| Error::Fonts(e.clone()))?;
    let pages = layout::layout(doc, metrics);
    let meta = frame::PdfMeta {
        title: doc.meta.title.clone(),
        author: doc.meta.author.clone(),
        language: doc.meta.language.clone(),
    };
    emit::emit(&pages, &meta, fonts).map_err(Error::Emit)
}

/// The metrics of the embedded fonts, read once per process: reading them walks every
/// glyph of four faces, which cost a one-page order more than laying it out.
fn embedded_metrics() -> Result<&'static text::TtfMetrics, &'static String> {
    use frame::Face;
    static METRICS: std::sync::OnceLock<Result<text::TtfMetrics, String>> =
        std::sync::OnceLock::new();
    METRICS
        .get_or_init(|| {
            let fonts = fonts::FontSet::embedded();
            let faces = [Face::Regular, Face::Bold, Face::Italic, Face::BoldItalic];
            text::TtfMetrics::from_bytes(faces.map(|f| fonts.bytes(f)))
        })
        .as_ref()
}

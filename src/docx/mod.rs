//! DOCX writer: the document model to a Word file in one forward pass.
//!
//! # Who writes what
//! docx-rs is the DOCX library, and it writes the package as it is: content types,
//! relationships, application and custom properties, font table and comments (`package`).
//! It cannot write the content parts as Word wants them: its property elements (`w:rPr`,
//! `w:pPr`, `w:tblPr`, `w:tcPr`, `w:sectPr`, `w:style`, `w:settings`) put their children
//! in its own order (`w:sz` before `w:b`, `w:rStyle` last), where the schema defines
//! sequences that Word enforces, and it has no `w:tblHeader`, `w:suppressAutoHyphens`,
//! `w:footnoteRef`, `w:lang` or footnote separators. Repairing its output afterwards took
//! marker text, string surgery and a re-parse of every part, 7% of a build's time.
//!
//! So the parts with content — `document.xml`, `footnotes.xml`, the headers, `styles.xml`,
//! `settings.xml`, `numbering.xml` and `docProps/core.xml` — are written here, straight
//! from the model: properties are typed values (`props`, `section`, `table`) that write
//! their children in schema order, through one small XML writer that escapes text in one
//! place (`xml`). Every element is written once, where it belongs; nothing is patched or
//! read back.
//!
//! # Steps
//! `headers`, then `document` (with `paragraph`, `table`, `section`), which sends each
//! footnote to the footnotes part as its mark is written (`footnotes`); `styles`,
//! `settings`, `numbering` and `core`; `package` adds docx-rs's parts and zips them all
//! deterministically.

mod core;
mod ctx;
mod document;
mod figure;
mod fonts;
mod footnotes;
mod headers;
mod numbering;
mod package;
mod paragraph;
mod props;
mod qr;
mod revision;
mod section;
mod settings;
mod styles;
mod table;
mod units;
mod xml;

use std::fmt;

use crate::model::Document;

/// Why a `.docx` could not be made.
#[derive(Debug)]
pub enum Error {
    /// docx-rs wrote a package part that is not UTF-8 text.
    Encoding {
        /// Name of the part in the archive.
        part: String,
    },
    /// The zip archive could not be written.
    Archive(zip::result::ZipError),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Encoding { part } => write!(f, "DOCX: часть {part} не в UTF-8"),
            Error::Archive(e) => write!(f, "DOCX: не удалось упаковать файл: {e}"),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Encoding { .. } => None,
            Error::Archive(e) => Some(e),
        }
    }
}

impl From<zip::result::ZipError> for Error {
    fn from(e: zip::result::ZipError) -> Self {
        Error::Archive(e)
    }
}

/// Renders `doc` as the bytes of a `.docx` file. The same document always gives the same
/// bytes: no clock is read and every id comes from the document itself.
pub fn write(doc: &Document) -> Result<Vec<u8>, Error> {
    let (parts, media, fonts) = build(doc)?;
    package::zip(&parts, &media, &fonts)
}

/// The XML parts of the `.docx` for `doc`, as (name in the archive, XML text), in archive
/// order. `write` zips exactly these and the pictures' media parts; tests and debugging
/// read them directly.
pub fn parts(doc: &Document) -> Result<Vec<(String, String)>, Error> {
    Ok(build(doc)?.0)
}

/// The XML parts, the media parts (name, image) and the embedded font faces of the `.docx`
/// for `doc`.
fn build(
    doc: &Document,
) -> Result<(package::Parts, package::Media, Vec<fonts::EmbeddedFace>), Error> {
    let meta = &doc.meta;
    let mut ctx = ctx::Ctx::new(meta.font_size, meta.footnote_size);
    // Paragraph ids count in this order: the headers, then the body and its notes.
    let headers = [
        headers::numbered(&mut ctx, meta),
        headers::empty(&mut ctx, meta),
    ];
    let document = document::document(&mut ctx, doc);
    let has_footnotes = ctx.footnotes() > 0;
    let media: package::Media = (ctx.media.iter().enumerate())
        .map(|(i, image)| (ctx::media_name(i, image), image.clone()))
        .collect();
    let rels = (0..media.len()).map(ctx::media_rel);
    let rels = rels
        .zip(media.iter().map(|(name, _)| name.clone()))
        .collect();
    let fonts = fonts::embedded(doc);
    let parts = package::parts(package::Content {
        core: core::core_xml(meta),
        document,
        styles: styles::styles(meta),
        settings: settings::settings(has_footnotes, meta.font_files.is_some()),
        numbering: numbering::numbering(),
        footnotes: footnotes::footnotes(ctx.notes),
        headers,
        has_footnotes,
        images: rels,
        font_family: meta.font_family.clone(),
        fonts: &fonts,
    })?;
    Ok((parts, media, fonts))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_say_what_failed_in_russian_and_keep_their_cause() {
        use std::error::Error as _;
        let e = Error::Archive(zip::result::ZipError::FileNotFound);
        assert!(e
            .to_string()
            .starts_with("DOCX: не удалось упаковать файл: "));
        assert!(e.source().is_some());
        let e = Error::Encoding {
            part: "word/fontTable.xml".into(),
        };
        assert_eq!(e.to_string(), "DOCX: часть word/fontTable.xml не в UTF-8");
    }
}

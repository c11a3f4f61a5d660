//! The package: which parts the `.docx` holds, how they relate, and the zip around them.
//!
//! docx-rs writes the package parts — content types, relationships, the application and
//! custom properties, font table, comments — for a document with our two headers and,
//! when there are notes, footnotes. Its renderings of the other parts are those of an
//! empty document and go unused: ours take their place under the names its content types
//! and relationships give them.
//!
//! docx-rs zips its parts uncompressed with the clock's time on every entry; we zip with
//! fixed timestamps so the same document always gives the same bytes.

use std::io::{Cursor, Write};

use docx_rs::{Docx, Header};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

use super::Error;

/// Parts by name (as in the archive) with their XML text, in archive order.
pub(crate) type Parts = Vec<(String, String)>;

/// Media parts by name (under `word/`) with their image, zipped after the XML parts.
pub(crate) type Media = Vec<(String, std::sync::Arc<crate::model::Image>)>;

/// The parts we write ourselves.
pub(crate) struct Content<'f> {
    pub(crate) core: String,
    pub(crate) document: String,
    pub(crate) styles: String,
    pub(crate) settings: String,
    pub(crate) numbering: String,
    pub(crate) footnotes: String,
    /// The numbered header, then the empty one (see `section`).
    pub(crate) headers: [String; 2],
    /// Whether `footnotes` holds any notes.
    pub(crate) has_footnotes: bool,
    /// The pictures' relationships: id and media part name (under `word/`). PNG and JPEG
    /// need no content types of their own: docx-rs lists both as defaults.
    pub(crate) images: Vec<(String, String)>,
    /// The body typeface, listed in the font table when docx-rs does not list it.
    pub(crate) font_family: String,
    /// The faces of the organisation's typeface embedded in the package.
    pub(crate) fonts: &'f [super::fonts::EmbeddedFace],
}

/// All parts of the package, `[Content_Types].xml` first as readers that stream the
/// archive prefer.
pub(crate) fn parts(content: Content) -> Result<Parts, Error> {
    // The headers' relationship ids follow the order they are added: numbered first,
    // empty second (see `section`).
    let mut docx = Docx::new()
        .header(Header::new())
        .first_header(Header::new());
    if content.has_footnotes {
        docx.content_type = docx.content_type.add_footnotes();
        docx.document_rels.has_footnotes = true;
    }
    let built = docx.build();
    let text = |name: &str, bytes: Vec<u8>| match String::from_utf8(bytes) {
        Ok(xml) => Ok((name.to_string(), xml)),
        Err(_) => Err(Error::Encoding { part: name.into() }),
    };
    let mut parts = vec![
        with_font_type(
            text("[Content_Types].xml", built.content_type)?,
            !content.fonts.is_empty(),
        ),
        text("_rels/.rels", built.rels)?,
        text("docProps/app.xml", built.doc_props.app)?,
        ("docProps/core.xml".into(), content.core),
        text("docProps/custom.xml", built.doc_props.custom)?,
        with_images(
            text("word/_rels/document.xml.rels", built.document_rels)?,
            &content.images,
        ),
        ("word/document.xml".into(), content.document),
        ("word/styles.xml".into(), content.styles),
        ("word/settings.xml".into(), content.settings),
        super::styles::with_font(
            text("word/fontTable.xml", built.font_table)?,
            &content.font_family,
            &super::fonts::table_entries(content.fonts),
        ),
        text("word/comments.xml", built.comments)?,
        ("word/numbering.xml".into(), content.numbering),
        text("word/commentsExtended.xml", built.comments_extended)?,
        ("word/footnotes.xml".into(), content.footnotes),
    ];
    if !content.fonts.is_empty() {
        parts.push((
            "word/_rels/fontTable.xml.rels".into(),
            super::fonts::rels(content.fonts),
        ));
    }
    // Each header with its (empty) relationships, which docx-rs writes for every header.
    let mut rels = built.header_rels.into_iter();
    for (i, header) in content.headers.into_iter().enumerate() {
        parts.push((format!("word/header{}.xml", i + 1), header));
        if let Some(r) = rels.next() {
            parts.push(text(&format!("word/_rels/header{}.xml.rels", i + 1), r)?);
        }
    }
    Ok(parts)
}

/// The document's relationships with the pictures' added: docx-rs lists only the images
/// of its own document model, which holds none of ours.
fn with_images(rels: (String, String), images: &[(String, String)]) -> (String, String) {
    let (name, mut xml) = rels;
    let Some(end) = xml.rfind("</Relationships>") else {
        return (name, xml);
    };
    let mut added = String::new();
    for (id, target) in images {
        added.push_str(&format!(
            "<Relationship Id=\"{id}\" Type=\"{IMAGE_REL}\" Target=\"{target}\" />"
        ));
    }
    xml.insert_str(end, &added);
    (name, xml)
}

/// The content types with the obfuscated fonts' extension added when the package has any.
fn with_font_type(types: (String, String), fonts: bool) -> (String, String) {
    let (name, mut xml) = types;
    if let (true, Some(end)) = (fonts, xml.rfind("</Types>")) {
        let default = format!(
            "<Default Extension=\"odttf\" ContentType=\"{}\" />",
            super::fonts::OBFUSCATED
        );
        xml.insert_str(end, &default);
    }
    (name, xml)
}

/// The relationship type of a picture.
const IMAGE_REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image";

/// Zips `parts` in order with deflate and the zip format's earliest timestamp. Level 2:
/// order 368's DOCX is 37 KB instead of 29 KB at the default level 6, for 1.4 ms less of
/// the DOCX writer's time.
pub(crate) fn zip(
    parts: &Parts,
    media: &Media,
    fonts: &[super::fonts::EmbeddedFace],
) -> Result<Vec<u8>, Error> {
    let options = SimpleFileOptions::DEFAULT
        .compression_method(CompressionMethod::Deflated)
        .compression_level(Some(2))
        .last_modified_time(DateTime::DEFAULT);
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    for (name, text) in parts {
        zip.start_file(name.as_str(), options)?;
        zip.write_all(text.as_bytes())
            .map_err(|e| Error::Archive(e.into()))?;
    }
    // PNG and JPEG are compressed already: stored as they are.
    let stored = options
        .compression_method(CompressionMethod::Stored)
        .compression_level(None);
    for (name, image) in media {
        zip.start_file(format!("word/{name}"), stored)?;
        zip.write_all(image.bytes())
            .map_err(|e| Error::Archive(e.into()))?;
    }
    // Font files compress to about half.
    for face in fonts {
        zip.start_file(format!("word/{}", face.part), options)?;
        zip.write_all(&face.bytes)
            .map_err(|e| Error::Archive(e.into()))?;
    }
    Ok(zip.finish()?.into_inner())
}

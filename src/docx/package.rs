//! The package: docx-rs's built parts, named, in a fixed order, and zipped with deflate.
//!
//! docx-rs zips its parts uncompressed with the clock's time on every entry; we repack
//! with fixed timestamps so the same document always gives the same bytes.

use std::io::{Cursor, Write};

use docx_rs::XMLDocx;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

/// Parts by name (as in the archive) with their XML text, in archive order.
pub(crate) type Parts = Vec<(String, String)>;

/// Names the parts of `xml` the way docx-rs's own relationships and content types expect,
/// `[Content_Types].xml` first as readers that stream the archive prefer.
pub(crate) fn parts_of(xml: XMLDocx) -> Result<Parts, String> {
    let mut raw: Vec<(String, Vec<u8>)> = vec![
        ("[Content_Types].xml".into(), xml.content_type),
        ("_rels/.rels".into(), xml.rels),
        ("docProps/app.xml".into(), xml.doc_props.app),
        ("docProps/core.xml".into(), xml.doc_props.core),
        ("docProps/custom.xml".into(), xml.doc_props.custom),
        ("word/_rels/document.xml.rels".into(), xml.document_rels),
        ("word/document.xml".into(), xml.document),
        ("word/styles.xml".into(), xml.styles),
        ("word/settings.xml".into(), xml.settings),
        ("word/fontTable.xml".into(), xml.font_table),
        ("word/comments.xml".into(), xml.comments),
        ("word/numbering.xml".into(), xml.numberings),
        ("word/commentsExtended.xml".into(), xml.comments_extended),
        ("word/footnotes.xml".into(), xml.footnotes),
    ];
    for (i, header) in xml.headers.into_iter().enumerate() {
        raw.push((format!("word/header{}.xml", i + 1), header));
        if let Some(rels) = xml.header_rels.get(i) {
            raw.push((format!("word/_rels/header{}.xml.rels", i + 1), rels.clone()));
        }
    }
    raw.into_iter()
        .map(|(name, bytes)| {
            String::from_utf8(bytes)
                .map(|text| (name.clone(), text))
                .map_err(|_| format!("DOCX: часть {name} не в UTF-8"))
        })
        .collect()
}

/// Zips `parts` in order with deflate and the zip format's earliest timestamp. Level 2:
/// order 368's DOCX is 37 KB instead of 29 KB at the default level 6, for 1.4 ms less of
/// the DOCX writer's 12.7 ms.
pub(crate) fn zip(parts: &Parts) -> Result<Vec<u8>, String> {
    let err = |e: zip::result::ZipError| format!("DOCX: не удалось упаковать файл: {e}");
    let options = SimpleFileOptions::DEFAULT
        .compression_method(CompressionMethod::Deflated)
        .compression_level(Some(2))
        .last_modified_time(DateTime::DEFAULT);
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    for (name, text) in parts {
        zip.start_file(name.as_str(), options).map_err(err)?;
        zip.write_all(text.as_bytes())
            .map_err(|e| err(zip::result::ZipError::Io(e)))?;
    }
    Ok(zip.finish().map_err(err)?.into_inner())
}

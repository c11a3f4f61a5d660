//! DOCX writer: the document model to a Word file through docx-rs.
//!
//! Steps: `build` turns the model into a docx-rs document (with `paragraph`, `table`,
//! `styles`), docx-rs renders the XML parts, `patch` fixes what docx-rs cannot express
//! (repeated header rows, section properties from `section`, footnote separators,
//! language), `core` writes the document properties, `order` puts property elements into
//! schema order for Word, and `package` zips the parts deterministically.

mod build;
mod core;
mod ctx;
mod order;
mod package;
mod paragraph;
mod patch;
mod section;
mod styles;
mod table;
mod units;

use crate::model::Document;

/// Renders `doc` as the bytes of a `.docx` file. The same document always gives the same
/// bytes: no clock is read and every id comes from the document itself.
pub fn write(doc: &Document) -> Result<Vec<u8>, String> {
    package::zip(&parts(doc)?)
}

/// The XML parts of the `.docx` for `doc`, as (name in the archive, XML text), in archive
/// order. `write` zips exactly these; tests and debugging read them directly.
pub fn parts(doc: &Document) -> Result<Vec<(String, String)>, String> {
    let built = build::docx(doc)?;
    let mut parts = package::parts_of(built.docx.build())?;
    let sect_prs: Vec<String> = doc
        .sections
        .iter()
        .enumerate()
        .map(|(i, s)| section::sect_pr(&s.page, s.page_numbers, i == 0))
        .collect();
    patch::apply(
        &mut parts,
        &patch::Expected {
            sect_prs: &sect_prs,
            header_rows: built.header_rows,
            footnotes: built.footnotes,
            language: &doc.meta.language,
        },
    )?;
    for (name, xml) in parts.iter_mut() {
        if name == "docProps/core.xml" {
            *xml = core::core_xml(&doc.meta);
        } else if name.starts_with("word/") && name.ends_with(".xml") {
            *xml = order::canonical(xml)?;
        }
    }
    Ok(parts)
}

//! DOCX writer: the document model to a Word file through docx-rs.

use crate::model::Document;

/// Renders `doc` as the bytes of a `.docx` file.
pub fn write(doc: &Document) -> Result<Vec<u8>, String> {
    let _ = doc;
    Err("DOCX writer not implemented yet".into())
}

//! The organisation's own typeface embedded in the DOCX as Word embeds fonts (ECMA-376
//! Part 1, 17.8.1 and 17.8.3.3): each face the document uses as an obfuscated part
//! `word/fonts/fontN.odttf`, named in the font table by `w:embedRegular`… with its key, so
//! Word and LibreOffice set the text in the typeface the PDF embeds even where it is not
//! installed. The key comes from the face's bytes: the same document gives the same bytes.

use sha2::{Digest, Sha256};

use crate::model::{Block, Document, FontFiles, Inline, Paragraph};

/// The relationship type of an embedded font.
pub(crate) const FONT_REL: &str =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/font";

/// The content type of an obfuscated font part.
pub(crate) const OBFUSCATED: &str = "application/vnd.openxmlformats-officedocument.obfuscatedFont";

/// One embedded face.
pub(crate) struct EmbeddedFace {
    /// The font table's element: `w:embedRegular`, `w:embedBold`…
    pub element: &'static str,
    /// Its relationship id in `fontTable.xml.rels`.
    pub rel_id: String,
    /// The key, a GUID in braces (`w:fontKey`).
    pub key: String,
    /// The part's name under `word/`: `fonts/font1.odttf`.
    pub part: String,
    /// The obfuscated font file.
    pub bytes: Vec<u8>,
}

/// The font table's elements for the faces Regular, Bold, Italic, BoldItalic, in the order
/// CT_Font lists them.
const ELEMENTS: [&str; 4] = [
    "w:embedRegular",
    "w:embedBold",
    "w:embedItalic",
    "w:embedBoldItalic",
];

/// The faces of `files` that `doc` uses, embedded (none when the document has no typeface
/// of its own).
pub(crate) fn embedded(doc: &Document) -> Vec<EmbeddedFace> {
    let Some(files) = doc.meta.font_files.as_deref() else {
        return Vec::new();
    };
    let used = faces_used(doc);
    embed(files, used)
}

fn embed(files: &FontFiles, used: [bool; 4]) -> Vec<EmbeddedFace> {
    let mut out = Vec::new();
    for (i, face) in files.faces.iter().enumerate() {
        // Word embeds TrueType outlines only: a face with PostScript (CFF) outlines is named.
        if !used[i] || face.starts_with(b"OTTO") {
            continue;
        }
        let n = out.len() + 1;
        let (key, guid) = key_of(face);
        out.push(EmbeddedFace {
            element: ELEMENTS[i],
            rel_id: format!("rIdFont{n}"),
            key,
            part: format!("fonts/font{n}.odttf"),
            bytes: obfuscate(face, &guid),
        });
    }
    out
}

/// A GUID made from the face's SHA-256, as text in braces and as its 16 bytes.
fn key_of(face: &[u8]) -> (String, [u8; 16]) {
    let hash = Sha256::digest(face);
    let mut guid = [0u8; 16];
    guid.copy_from_slice(&hash[..16]);
    let hex: String = guid.iter().map(|b| format!("{b:02X}")).collect();
    let text = format!(
        "{{{}-{}-{}-{}-{}}}",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    );
    (text, guid)
}

/// The font file with its first 32 bytes XORed with the key's bytes taken from the last to
/// the first (the bytes as the GUID's text spells them), as 17.8.1 describes.
fn obfuscate(face: &[u8], guid: &[u8; 16]) -> Vec<u8> {
    let mut bytes = face.to_vec();
    for (i, b) in bytes.iter_mut().take(32).enumerate() {
        *b ^= guid[15 - (i % 16)];
    }
    bytes
}

/// Which of Regular, Bold, Italic, BoldItalic the document's text is set in (the page
/// numbers in the headers are regular).
fn faces_used(doc: &Document) -> [bool; 4] {
    let mut used = [true, false, false, false];
    let blocks = doc.sections.iter().flat_map(|s| &s.blocks);
    for p in blocks.flat_map(Block::paragraphs) {
        paragraph_faces(p, &mut used);
    }
    used
}

fn paragraph_faces(p: &Paragraph, used: &mut [bool; 4]) {
    let face = |bold: bool, italic: bool| usize::from(bold) + 2 * usize::from(italic);
    for inline in &p.inlines {
        match inline {
            Inline::Text { style, .. } => {
                used[face(p.style.bold || style.bold, p.style.italic || style.italic)] = true
            }
            Inline::Footnote(f) => f
                .paragraphs()
                .iter()
                .for_each(|fp| paragraph_faces(fp, used)),
            _ => used[face(p.style.bold, p.style.italic)] = true,
        }
    }
}

/// The font table's children for `faces`, to go inside the family's `w:font`.
pub(crate) fn table_entries(faces: &[EmbeddedFace]) -> String {
    faces
        .iter()
        .map(|f| {
            format!(
                "<{} r:id=\"{}\" w:fontKey=\"{}\"/>",
                f.element, f.rel_id, f.key
            )
        })
        .collect()
}

/// `word/_rels/fontTable.xml.rels` for `faces`.
pub(crate) fn rels(faces: &[EmbeddedFace]) -> String {
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\
         <Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">",
    );
    for f in faces {
        xml.push_str(&format!(
            "<Relationship Id=\"{}\" Type=\"{FONT_REL}\" Target=\"{}\"/>",
            f.rel_id, f.part
        ));
    }
    xml.push_str("</Relationships>");
    xml
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn obfuscation_undoes_itself_and_touches_only_the_head() {
        let face: Vec<u8> = (0..100u8).collect();
        let (key, guid) = key_of(&face);
        assert_eq!(key.len(), 38);
        let hidden = obfuscate(&face, &guid);
        assert_ne!(hidden[..32], face[..32]);
        assert_eq!(hidden[32..], face[32..]);
        assert_eq!(obfuscate(&hidden, &guid), face);
    }

    #[test]
    fn the_key_reads_as_its_bytes_from_the_last() {
        // The first byte of the file is XORed with the GUID text's last byte.
        let face = vec![0u8; 40];
        let (key, guid) = key_of(&face);
        let hidden = obfuscate(&face, &guid);
        let last = u8::from_str_radix(&key[key.len() - 3..key.len() - 1], 16).unwrap();
        assert_eq!(hidden[0], last);
        assert_eq!(hidden[16], last);
    }
}

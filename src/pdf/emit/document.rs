//! The finishing touches printpdf does not make: document properties, language, fixed dates
//! and a trailer `/ID` from a content hash, so the same pages always give the same bytes.

use lopdf::{Dictionary, Document, Object, StringFormat};
use sha2::{Digest, Sha256};

use crate::pdf::frame::PdfMeta;

/// Stands in for the trailer `/ID` until the hash of the finished file is known.
const ID_PLACEHOLDER: [u8; 16] = [0; 16];

/// Writes `meta` into `doc`, compresses its streams and serializes it with a
/// content-derived `/ID`.
pub(super) fn finish(mut doc: Document, meta: &PdfMeta) -> Result<Vec<u8>, String> {
    // Object and cross-reference streams (about a sixth smaller than a classic table with
    // uncompressed page objects) are PDF 1.5; `/Lang` is 1.4.
    doc.version = "1.5".into();
    set_info(&mut doc, meta)?;
    set_catalog(&mut doc, meta)?;
    let id = Object::String(ID_PLACEHOLDER.to_vec(), StringFormat::Hexadecimal);
    doc.trailer.set("ID", Object::Array(vec![id.clone(), id]));
    doc.compress();
    let mut bytes = Vec::new();
    doc.save_modern(&mut bytes)
        .map_err(|e| format!("cannot write the PDF: {e}"))?;
    stamp_id(&mut bytes)?;
    Ok(bytes)
}

/// Replaces printpdf's Info dictionary, which carries 1970 dates and empty fields, with title,
/// author and producer only: dates are optional, and any real date would break determinism.
fn set_info(doc: &mut Document, meta: &PdfMeta) -> Result<(), String> {
    let info = Dictionary::from_iter([
        ("Title", text_string(&meta.title)),
        ("Author", text_string(&meta.author)),
        ("Producer", text_string("prikaz")),
    ]);
    let id = doc
        .trailer
        .get(b"Info")
        .and_then(Object::as_reference)
        .map_err(|e| format!("PDF without an Info dictionary: {e}"))?;
    doc.objects.insert(id, Object::Dictionary(info));
    Ok(())
}

/// Adds the language (screen readers, hyphenation on reflow) and asks viewers to show the
/// title rather than the file name.
fn set_catalog(doc: &mut Document, meta: &PdfMeta) -> Result<(), String> {
    let catalog = doc
        .catalog_mut()
        .map_err(|e| format!("PDF without a catalog: {e}"))?;
    catalog.set("Lang", text_string(&meta.language));
    catalog.set(
        "ViewerPreferences",
        Dictionary::from_iter([("DisplayDocTitle", Object::Boolean(true))]),
    );
    Ok(())
}

/// A PDF text string: UTF-16BE with a byte order mark, which holds Cyrillic (PDFDocEncoding
/// does not).
fn text_string(s: &str) -> Object {
    let mut bytes = vec![0xFE, 0xFF];
    bytes.extend(s.encode_utf16().flat_map(u16::to_be_bytes));
    Object::String(bytes, StringFormat::Hexadecimal)
}

/// Overwrites the placeholder `/ID` with the first 16 bytes of the file's SHA-256. Both
/// strings have the same length, so the cross-reference offsets stay valid.
fn stamp_id(bytes: &mut [u8]) -> Result<(), String> {
    // Everything but the cross-reference stream's dictionary is compressed or free of long
    // zero strings, so the placeholder occurs exactly twice, both times in that dictionary.
    let placeholder = format!("<{}>", hex(&ID_PLACEHOLDER));
    let spots: Vec<usize> = bytes
        .windows(placeholder.len())
        .enumerate()
        .filter(|(_, w)| *w == placeholder.as_bytes())
        .map(|(i, _)| i)
        .collect();
    if spots.len() != 2 {
        return Err(format!(
            "PDF trailer /ID placeholder found {} times instead of twice",
            spots.len()
        ));
    }
    let digest = Sha256::digest(&*bytes);
    let id = format!("<{}>", hex(&digest[..16]));
    for at in spots {
        bytes[at..at + id.len()].copy_from_slice(id.as_bytes());
    }
    Ok(())
}

/// Upper-case hex digits of `bytes`, as lopdf writes hexadecimal strings.
fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02X}")).collect()
}

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
    // `/Lang` and `/DisplayDocTitle` are PDF 1.4 features.
    doc.version = "1.4".into();
    set_info(&mut doc, meta)?;
    set_catalog(&mut doc, meta)?;
    let id = Object::String(ID_PLACEHOLDER.to_vec(), StringFormat::Hexadecimal);
    doc.trailer.set("ID", Object::Array(vec![id.clone(), id]));
    doc.compress();
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes)
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

/// Overwrites the placeholder `/ID` in the trailer with the first 16 bytes of the file's
/// SHA-256. Both strings have the same length, so the cross-reference offsets stay valid.
fn stamp_id(bytes: &mut [u8]) -> Result<(), String> {
    let placeholder = hex(&ID_PLACEHOLDER);
    let trailer = find_last(bytes, b"trailer").ok_or("PDF written without a trailer")?;
    let digest = Sha256::digest(&*bytes);
    let id = hex(&digest[..16]);
    let mut from = trailer;
    for _ in 0..2 {
        let at = find_from(bytes, placeholder.as_bytes(), from)
            .ok_or("PDF trailer without the placeholder /ID")?;
        bytes[at..at + id.len()].copy_from_slice(id.as_bytes());
        from = at + id.len();
    }
    Ok(())
}

/// Upper-case hex digits of `bytes`, as lopdf writes hexadecimal strings.
fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02X}")).collect()
}

fn find_last(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).rposition(|w| w == needle)
}

fn find_from(haystack: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    haystack
        .get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|i| i + from)
}

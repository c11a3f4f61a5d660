//! The finishing touches printpdf does not make: document properties, language, fixed dates
//! and a trailer `/ID` from a content hash, so the same pages always give the same bytes.

use lopdf::{Dictionary, Document, Object, StringFormat};
use sha2::{Digest, Sha256};

use super::deflate::Packed;
use crate::pdf::frame::PdfMeta;

/// Stands in for the trailer `/ID` until the hash of the finished file is known.
const ID_PLACEHOLDER: [u8; 16] = [0; 16];

/// Puts `contents` (one content stream per page, in page order) into `doc`, writes `meta`,
/// compresses the other streams and serializes the document with a content-derived `/ID`.
pub(super) fn finish(
    mut doc: Document,
    contents: Vec<Packed>,
    meta: &PdfMeta,
) -> Result<Vec<u8>, String> {
    // Object and cross-reference streams (about a sixth smaller than a classic table with
    // uncompressed page objects) are PDF 1.5; `/Lang` is 1.4.
    doc.version = "1.5".into();
    set_contents(&mut doc, contents)?;
    set_info(&mut doc, meta)?;
    set_catalog(&mut doc, meta)?;
    let id = Object::String(ID_PLACEHOLDER.to_vec(), StringFormat::Hexadecimal);
    doc.trailer.set("ID", Object::Array(vec![id.clone(), id]));
    super::deflate::compress_streams(&mut doc)?;
    let mut bytes = Vec::new();
    doc.save_modern(&mut bytes)
        .map_err(|e| format!("cannot write the PDF: {e}"))?;
    stamp_id(&mut bytes)?;
    Ok(bytes)
}

/// Replaces each page's content stream with ours.
fn set_contents(doc: &mut Document, contents: Vec<Packed>) -> Result<(), String> {
    let pages = doc.get_pages();
    if pages.len() != contents.len() {
        return Err(format!(
            "PDF with {} pages for {} laid-out pages",
            pages.len(),
            contents.len()
        ));
    }
    for (page_id, content) in pages.into_values().zip(contents) {
        let stream_id = doc
            .get_dictionary(page_id)
            .and_then(|page| page.get(b"Contents"))
            .and_then(Object::as_reference)
            .map_err(|e| format!("PDF page without a content stream: {e}"))?;
        let stream = doc
            .get_object_mut(stream_id)
            .and_then(Object::as_stream_mut)
            .map_err(|e| format!("PDF page content is not a stream: {e}"))?;
        stream.set_plain_content(content.bytes);
        if content.deflated {
            stream.dict.set("Filter", "FlateDecode");
        }
    }
    Ok(())
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
    let needle = placeholder.as_bytes();
    // Compare only where a `<` stands: comparing a window at every byte cost more than
    // hashing the whole file.
    let spots: Vec<usize> = bytes
        .iter()
        .enumerate()
        .filter(|&(i, &b)| b == b'<' && bytes[i..].starts_with(needle))
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

//! The PDF objects being written: each goes in once under an id reserved for it, and what
//! they are made of goes into the file identifier. The document and the fonts both write
//! through it; it knows nothing of either.

use lopdf::{Dictionary, Document, Object, ObjectId, StringFormat};
use sha2::{Digest, Sha256};

use super::deflate::Packed;

/// A document being written: objects go in once each, and what they are made of goes into
/// the file identifier.
pub(super) struct Builder {
    doc: Document,
    id: Sha256,
}

impl Builder {
    pub(super) fn new() -> Builder {
        // Object and cross-reference streams (about a sixth smaller than a classic table with
        // uncompressed page objects) are PDF 1.5; `/Lang` is 1.4.
        Builder {
            doc: Document::with_version("1.5"),
            id: Sha256::new(),
        }
    }

    /// The id of an object put in later.
    pub(super) fn reserve(&mut self) -> ObjectId {
        self.doc.new_object_id()
    }

    /// Puts `object` in under `id`.
    pub(super) fn object(&mut self, id: ObjectId, object: impl Into<Object>) {
        let previous = self.doc.objects.insert(id, object.into());
        debug_assert!(previous.is_none(), "PDF object {id:?} put in twice");
    }

    /// Puts in a stream of `bytes` with the entries `dict` under `id`.
    pub(super) fn stream(&mut self, id: ObjectId, dict: Dictionary, bytes: Packed) {
        self.note(&bytes.bytes);
        self.object(id, bytes.into_stream(dict));
    }

    /// Adds `bytes` to what the file identifier is a hash of. Each piece is preceded by its
    /// length, so that moving bytes from one piece to the next changes the hash.
    pub(super) fn note(&mut self, bytes: &[u8]) {
        self.id.update((bytes.len() as u64).to_be_bytes());
        self.id.update(bytes);
    }

    /// Sets the trailer and serializes the document.
    pub(super) fn finish(mut self, catalog: ObjectId, info: ObjectId) -> Result<Vec<u8>, String> {
        // The first 16 bytes of the hash: the length of an MD5 identifier, which is what
        // readers expect. Both entries are the same, as for a file that was never updated.
        let id = Object::String(self.id.finalize()[..16].to_vec(), StringFormat::Hexadecimal);
        self.doc.trailer.set("Root", catalog);
        self.doc.trailer.set("Info", info);
        self.doc.trailer.set("ID", vec![id.clone(), id]);
        let mut bytes = Vec::new();
        self.doc
            .save_modern(&mut bytes)
            .map_err(|e| format!("cannot write the PDF: {e}"))?;
        Ok(bytes)
    }
}

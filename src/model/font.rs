//! The organisation's own typeface: the files of its four faces as read from its folder, for
//! the PDF writer to measure with and embed a subset of, and the DOCX writer to embed.

use std::sync::Arc;

/// The bytes of one face's font file (TrueType outlines, checked when read).
pub type FaceFile = Arc<[u8]>;

/// A typeface in four faces, in the order Regular, Bold, Italic, BoldItalic.
///
/// Two typefaces are equal when their files are: `key` is a hash of all four, by which the
/// PDF writer keeps one parsed copy per process however many documents use it.
#[derive(Clone)]
pub struct FontFiles {
    /// The family name the documents give (`PT Serif`).
    pub family: String,
    /// Regular, Bold, Italic, BoldItalic.
    pub faces: [FaceFile; 4],
    /// SHA-256 of the four files, each preceded by its length.
    pub key: [u8; 32],
}

impl FontFiles {
    /// The typeface `family` of the files `faces` (Regular, Bold, Italic, BoldItalic).
    pub fn new(family: String, faces: [FaceFile; 4]) -> FontFiles {
        use sha2::{Digest, Sha256};
        let mut hash = Sha256::new();
        for face in &faces {
            hash.update((face.len() as u64).to_le_bytes());
            hash.update(face);
        }
        FontFiles {
            family,
            faces,
            key: hash.finalize().into(),
        }
    }
}

impl PartialEq for FontFiles {
    fn eq(&self, other: &Self) -> bool {
        self.key == other.key && self.family == other.family
    }
}

impl std::fmt::Debug for FontFiles {
    /// The family and the sizes of the files: their bytes would bury a failing test's message.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let sizes: Vec<usize> = self.faces.iter().map(|b| b.len()).collect();
        f.debug_struct("FontFiles")
            .field("family", &self.family)
            .field("sizes", &sizes)
            .finish()
    }
}

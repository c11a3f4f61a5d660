//! The typefaces the PDF is set in: Liberation Serif in four faces, compiled into the binary,
//! or an organisation's own typeface handed in with the document (`model::FontFiles`). Each
//! is parsed, and its metrics read, once per process.
//!
//! Compiling the default faces in keeps the binary self-contained: a PDF comes out the same on
//! a machine without the fonts installed, and layout measures with exactly the font the PDF
//! embeds.

mod embedded;

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

use crate::model::FontFiles;
use crate::pdf::frame::Face;
use crate::pdf::text::TtfMetrics;

/// One face: its file and the parsed tables.
pub struct FontFace {
    /// The font file.
    pub bytes: &'static [u8],
    /// The face parsed by ttf-parser (cmap, advances, metrics).
    pub ttf: ttf_parser::Face<'static>,
    /// The PostScript name (`LiberationSerif-Bold`), used as the PDF base font name.
    pub postscript_name: String,
    /// The key of the typeface it belongs to: subsets of different typefaces never mix.
    pub typeface: [u8; 32],
}

/// The four faces of a typeface and their metrics.
pub struct FontSet {
    faces: [FontFace; 4],
    metrics: TtfMetrics,
}

impl FontSet {
    /// The faces compiled into the binary, parsed on first use.
    pub fn embedded() -> &'static FontSet {
        static SET: OnceLock<FontSet> = OnceLock::new();
        SET.get_or_init(|| {
            let files = embedded::FACES.map(|(name, bytes)| (name.to_string(), bytes));
            FontSet::parse(files, [0; 32])
                .unwrap_or_else(|e| panic!("a font compiled into the binary is broken: {e}"))
        })
    }

    /// The typeface of `files`, parsed on its first use in the process and kept: a batch of
    /// orders in the organisation's typeface reads its files once. Its files were checked
    /// when the data was read; a failure here is a fault, told as a message.
    pub fn of(files: &FontFiles) -> Result<&'static FontSet, String> {
        static SETS: OnceLock<Mutex<HashMap<[u8; 32], &'static FontSet>>> = OnceLock::new();
        let sets = SETS.get_or_init(Mutex::default);
        let mut sets = sets
            .lock()
            .map_err(|_| "кэш шрифтов недоступен".to_string())?;
        if let Some(set) = sets.get(&files.key) {
            return Ok(set);
        }
        // Kept for the life of the process (one copy per distinct typeface), so the parsed
        // tables can borrow the bytes as the embedded faces' do.
        let faces = files.faces.clone().map(|bytes| {
            let bytes: &'static [u8] = Box::leak(bytes.to_vec().into_boxed_slice());
            (String::new(), bytes)
        });
        let set: &'static FontSet = Box::leak(Box::new(FontSet::parse(faces, files.key)?));
        sets.insert(files.key, set);
        Ok(set)
    }

    /// Parses one file per face, in the order Regular, Bold, Italic, BoldItalic; a face
    /// without a given PostScript name takes the one in its `name` table.
    fn parse(files: [(String, &'static [u8]); 4], key: [u8; 32]) -> Result<FontSet, String> {
        let mut faces = Vec::with_capacity(4);
        for (i, (name, bytes)) in files.into_iter().enumerate() {
            let ttf = ttf_parser::Face::parse(bytes, 0).map_err(|e| format!("{name}: {e}"))?;
            let postscript_name = match name.is_empty() {
                true => postscript_name(&ttf).unwrap_or_else(|| format!("Typeface-{i}")),
                false => name,
            };
            faces.push(FontFace {
                bytes,
                ttf,
                postscript_name,
                typeface: key,
            });
        }
        let faces: [FontFace; 4] = faces
            .try_into()
            .map_err(|_| "expected four faces".to_string())?;
        let metrics = TtfMetrics::from_bytes(faces.each_ref().map(|f| f.bytes))?;
        Ok(FontSet { faces, metrics })
    }

    /// The face for `face`.
    pub fn get(&self, face: Face) -> &FontFace {
        &self.faces[index(face)]
    }

    /// The font file of `face`.
    pub fn bytes(&self, face: Face) -> &'static [u8] {
        self.get(face).bytes
    }

    /// The parsed tables of `face`.
    pub fn ttf(&self, face: Face) -> &ttf_parser::Face<'static> {
        &self.get(face).ttf
    }

    /// The metrics layout measures with, read from these same files.
    pub fn metrics(&self) -> &TtfMetrics {
        &self.metrics
    }
}

/// The face's PostScript name (`name` id 6), kept to the characters a PDF name may hold
/// without escapes.
fn postscript_name(ttf: &ttf_parser::Face) -> Option<String> {
    let name = ttf
        .names()
        .into_iter()
        .filter(|n| n.name_id == ttf_parser::name_id::POST_SCRIPT_NAME)
        .find_map(|n| n.to_string())?;
    let name: String = name
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect();
    (!name.is_empty()).then_some(name)
}

/// Position of `face` in [`embedded::FACES`].
fn index(face: Face) -> usize {
    match face {
        Face::Regular => 0,
        Face::Bold => 1,
        Face::Italic => 2,
        Face::BoldItalic => 3,
    }
}

/// The code points the default font has glyphs for, in its upright face (the others match
/// it).
pub fn covered_code_points() -> Vec<u32> {
    let face = FontSet::embedded().ttf(Face::Regular);
    let mut points = Vec::new();
    if let Some(cmap) = face.tables().cmap {
        for sub in cmap.subtables.into_iter().filter(|s| s.is_unicode()) {
            sub.codepoints(|cp| {
                if sub.glyph_index(cp).is_some_and(|g| g.0 != 0) {
                    points.push(cp);
                }
            });
        }
    }
    points
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_face_maps_cyrillic() {
        let set = FontSet::embedded();
        for face in [Face::Regular, Face::Bold, Face::Italic, Face::BoldItalic] {
            let ttf = set.ttf(face);
            for c in "Приказ №368 «О концепции» ёЁ".chars() {
                assert!(ttf.glyph_index(c).is_some(), "{face:?} lacks {c:?}");
            }
        }
    }

    #[test]
    fn faces_are_distinct() {
        let set = FontSet::embedded();
        assert_eq!(set.get(Face::Bold).postscript_name, "LiberationSerif-Bold");
        assert_ne!(set.bytes(Face::Regular), set.bytes(Face::Italic));
    }

    #[test]
    fn a_typeface_is_parsed_once_and_named_from_its_files() {
        let bytes = |f: Face| std::sync::Arc::from(FontSet::embedded().bytes(f));
        let faces = [Face::Regular, Face::Bold, Face::Italic, Face::BoldItalic].map(bytes);
        let files = FontFiles::new("Liberation Serif".into(), faces);
        let set = FontSet::of(&files).unwrap();
        assert!(std::ptr::eq(set, FontSet::of(&files).unwrap()));
        assert_eq!(
            set.get(Face::Italic).postscript_name,
            "LiberationSerif-Italic"
        );
        assert_eq!(set.get(Face::Regular).typeface, files.key);
    }
}

//! The body font, Liberation Serif in four faces, compiled into the binary and parsed once.
//!
//! Compiling the faces in keeps the binary self-contained: a PDF comes out the same on a machine
//! without the fonts installed, and layout measures with exactly the font the PDF embeds.

mod embedded;

use std::sync::OnceLock;

use crate::pdf::frame::Face;

/// One face: its file and the parsed tables.
pub struct FontFace {
    /// The TrueType file as shipped in `fonts/`.
    pub bytes: &'static [u8],
    /// The face parsed by ttf-parser (cmap, advances, metrics).
    pub ttf: ttf_parser::Face<'static>,
    /// The PostScript name (`LiberationSerif-Bold`), used as the PDF base font name.
    pub postscript_name: &'static str,
}

/// The four faces of the body font.
pub struct FontSet {
    faces: [FontFace; 4],
}

impl FontSet {
    /// The faces compiled into the binary, parsed on first use.
    pub fn embedded() -> &'static FontSet {
        static SET: OnceLock<FontSet> = OnceLock::new();
        SET.get_or_init(|| {
            FontSet::parse(embedded::FACES)
                .unwrap_or_else(|e| panic!("a font compiled into the binary is broken: {e}"))
        })
    }

    /// Parses one file per face, in the order Regular, Bold, Italic, BoldItalic.
    fn parse(files: [(&'static str, &'static [u8]); 4]) -> Result<FontSet, String> {
        let mut faces = Vec::with_capacity(4);
        for (postscript_name, bytes) in files {
            let ttf =
                ttf_parser::Face::parse(bytes, 0).map_err(|e| format!("{postscript_name}: {e}"))?;
            faces.push(FontFace {
                bytes,
                ttf,
                postscript_name,
            });
        }
        let faces: [FontFace; 4] = faces
            .try_into()
            .map_err(|_| "expected four faces".to_string())?;
        Ok(FontSet { faces })
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

/// The code points the body font has glyphs for, in its upright face (the others match it).
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
}

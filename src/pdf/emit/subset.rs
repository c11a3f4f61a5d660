//! Font subsets: only the glyphs a document sets, renumbered, cut from the face with
//! `subsetter`.
//!
//! The renumbering is settled before the cut: `.notdef` keeps id 0, then each glyph gets the
//! next id in the order of the characters that use it. The content streams, the `/W` widths
//! and the ToUnicode map are all keyed by these ids, so they can be written from the plan
//! while the program itself is cut, on either thread.

use std::collections::BTreeSet;

use sha2::{Digest, Sha256};
use subsetter::GlyphRemapper;
use ttf_parser::GlyphId;

use crate::pdf::fonts::FontFace;
use crate::pdf::frame::Face;

/// One face's subset as planned: which glyphs, under which ids, how wide.
pub(super) struct Subset<'f> {
    /// The face it is cut from.
    pub face: Face,
    /// The font file and its parsed tables.
    pub font: &'f FontFace,
    remapper: GlyphRemapper,
    /// The new glyph id of each character the face maps, in character order. Characters
    /// the face lacks are left out: they are drawn as `.notdef`.
    pub glyphs: Vec<(char, u16)>,
    /// The `/W` width of each new glyph id, `.notdef` first (see [`pdf_width`]).
    pub widths: Vec<f32>,
}

impl<'f> Subset<'f> {
    /// Plans the subset of `font` for the characters `chars`.
    pub(super) fn plan(face: Face, font: &'f FontFace, chars: &BTreeSet<char>) -> Subset<'f> {
        let ttf = &font.ttf;
        let mut remapper = GlyphRemapper::new();
        let glyphs = chars
            .iter()
            .filter_map(|&c| Some((c, remapper.remap(ttf.glyph_index(c)?.0))))
            .collect();
        let widths = remapper
            .remapped_gids()
            .map(|gid| pdf_width(ttf, ttf.glyph_hor_advance(GlyphId(gid)).unwrap_or(0)))
            .collect();
        Subset {
            face,
            font,
            remapper,
            glyphs,
            widths,
        }
    }

    /// Cuts the font program: the planned glyphs under their new ids, plus any glyphs
    /// their outlines are composed of.
    pub(super) fn program(&self) -> Result<Vec<u8>, String> {
        subsetter::subset(self.font.bytes, 0, &self.remapper)
            .map_err(|e| format!("cannot subset {}: {e}", self.font.postscript_name))
    }
}

/// The `/W` width of a glyph whose advance is `advance` font units: thousandths of an em,
/// to three decimals. Whole thousandths would move each glyph of a 14 pt run up to 0.014 pt
/// off where layout measured it, adding up along the run; the content stream computes pen
/// positions from these same numbers.
pub(super) fn pdf_width(ttf: &ttf_parser::Face, advance: u16) -> f32 {
    let scale = 1000.0 / f32::from(ttf.units_per_em().max(1));
    (f32::from(advance) * scale * 1000.0).round() / 1000.0
}

/// The name of a subset whose program is `program`: six capital letters, `+`, the face's
/// PostScript name. The tag marks the program as a subset (ISO 32000-1, 9.6.4); deriving it
/// from the program keeps it stable for the same glyphs and distinct for different ones.
pub(super) fn subset_name(postscript_name: &str, program: &[u8]) -> String {
    let tag: String = Sha256::digest(program)
        .iter()
        .take(6)
        .map(|b| char::from(b'A' + b % 26))
        .collect();
    format!("{tag}+{postscript_name}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pdf::fonts::FontSet;

    #[test]
    fn ids_follow_the_characters_and_widths_the_font() {
        let font = FontSet::embedded().get(Face::Regular);
        let chars: BTreeSet<char> = "ба☃а".chars().collect();
        let subset = Subset::plan(Face::Regular, font, &chars);
        // «☃» is not in the font; «а» and «б» get ids 1 and 2 in character order.
        assert_eq!(subset.glyphs, [('а', 1), ('б', 2)]);
        assert_eq!(subset.widths.len(), 3);
        let advance = font
            .ttf
            .glyph_hor_advance(font.ttf.glyph_index('б').unwrap());
        let upem = f32::from(font.ttf.units_per_em());
        let exact = f32::from(advance.unwrap()) * 1000.0 / upem;
        assert!((subset.widths[2] - exact).abs() <= 0.0005, "{subset:?}");
        let program = subset.program().unwrap();
        let cut = ttf_parser::Face::parse(&program, 0).unwrap();
        // The planned glyphs, and any their outlines are composed of.
        assert!(
            (3..10).contains(&cut.number_of_glyphs()),
            "{}",
            cut.number_of_glyphs()
        );
        assert_eq!(cut.glyph_hor_advance(GlyphId(2)), advance);
    }

    #[test]
    fn names_carry_a_tag_of_six_capitals() {
        let name = subset_name("LiberationSerif", b"program");
        let (tag, rest) = name.split_once('+').unwrap();
        assert_eq!(rest, "LiberationSerif");
        assert!(tag.len() == 6 && tag.chars().all(|c| c.is_ascii_uppercase()));
        assert_eq!(name, subset_name("LiberationSerif", b"program"));
        assert_ne!(name, subset_name("LiberationSerif", b"other"));
    }

    impl std::fmt::Debug for Subset<'_> {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.debug_struct("Subset")
                .field("glyphs", &self.glyphs)
                .field("widths", &self.widths)
                .finish()
        }
    }
}

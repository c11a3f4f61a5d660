//! Font subsets: only the glyphs a document uses, renumbered, handed to printpdf as fonts it
//! embeds whole.
//!
//! printpdf subsets only with its HTML layout feature, which we leave off; without it, it
//! embeds the bytes it is given. So we cut the subset with `subsetter` and give printpdf a
//! font whose character map already points at the renumbered glyphs: the content stream, the
//! `/W` widths and the ToUnicode CMap printpdf writes are then all keyed by the subset's ids.

use std::collections::{BTreeMap, BTreeSet};

use printpdf::{FontMetrics, FontType, ParsedFont, PdfFontMetricsStub};
use sha2::{Digest, Sha256};
use subsetter::GlyphRemapper;

use crate::pdf::fonts::FontFace;

/// Builds the subset of `face` holding the glyphs of `chars` (plus `.notdef`, which a
/// character the font lacks falls back to).
pub(super) fn subset(face: &FontFace, chars: &BTreeSet<char>) -> Result<ParsedFont, String> {
    let ttf = &face.ttf;
    let mut remapper = GlyphRemapper::new();
    let mut codepoint_to_glyph = BTreeMap::new();
    // `.notdef` keeps id 0 and is drawn for characters the font lacks: give it its width.
    let mut glyph_widths = BTreeMap::from([(
        0,
        ttf.glyph_hor_advance(ttf_parser::GlyphId(0)).unwrap_or(0),
    )]);
    for &c in chars {
        let Some(gid) = ttf.glyph_index(c) else {
            continue;
        };
        let new = remapper.remap(gid.0);
        codepoint_to_glyph.insert(u32::from(c), new);
        glyph_widths.insert(new, ttf.glyph_hor_advance(gid).unwrap_or(0));
    }
    let bytes = subsetter::subset(face.bytes, 0, &remapper)
        .map_err(|e| format!("cannot subset {}: {e}", face.postscript_name))?;
    let bbox = ttf.global_bounding_box();
    let (caret_slope_rise, caret_slope_run) = caret_slope(ttf);
    Ok(ParsedFont {
        // The tag marks the program as a subset (ISO 32000-1, 9.6.4); deriving it from the
        // subset's bytes keeps it stable for the same glyphs and distinct for different ones.
        font_name: Some(format!("{}+{}", tag(&bytes), face.postscript_name)),
        original_bytes: bytes,
        font_index: 0,
        codepoint_to_glyph,
        glyph_widths,
        units_per_em: ttf.units_per_em(),
        font_metrics: FontMetrics {
            ascent: ttf.ascender(),
            descent: ttf.descender(),
        },
        font_type: FontType::TrueType,
        pdf_font_metrics: PdfFontMetricsStub {
            units_per_em: ttf.units_per_em(),
            x_min: bbox.x_min,
            y_min: bbox.y_min,
            x_max: bbox.x_max,
            y_max: bbox.y_max,
            caret_slope_rise,
            caret_slope_run,
            us_weight_class: ttf.weight().to_number(),
        },
    })
}

/// Six capital letters from a hash of the subset program.
fn tag(program: &[u8]) -> String {
    Sha256::digest(program)
        .iter()
        .take(6)
        .map(|b| char::from(b'A' + b % 26))
        .collect()
}

/// The `hhea` caret slope (rise, run), from which printpdf derives `/ItalicAngle`; ttf-parser
/// does not expose it, so it is read from the table's fixed layout (offsets 18 and 20).
fn caret_slope(ttf: &ttf_parser::Face) -> (i16, i16) {
    let read = |data: &[u8], at: usize| {
        data.get(at..at + 2)
            .map(|b| i16::from_be_bytes([b[0], b[1]]))
    };
    ttf.raw_face()
        .table(ttf_parser::Tag::from_bytes(b"hhea"))
        .and_then(|hhea| Some((read(hhea, 18)?, read(hhea, 20)?)))
        .unwrap_or((1, 0))
}

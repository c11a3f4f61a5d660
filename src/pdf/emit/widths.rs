//! Exact glyph widths for the embedded fonts.
//!
//! printpdf writes each `/W` width as a whole number of thousandths of an em, truncated; at
//! 14 pt that moves every glyph after the first up to 0.014 pt left of where layout measured
//! it, and the error adds up along a run. Widths with three decimals keep a run's glyphs
//! where layout put them.

use std::collections::BTreeMap;

use lopdf::{Document, Object};
use printpdf::ParsedFont;

/// Rewrites `/W` of every Type0 font in `doc` whose `/BaseFont` names one of `fonts`.
pub(super) fn set_exact(doc: &mut Document, fonts: &[ParsedFont]) {
    let by_name: BTreeMap<&[u8], &ParsedFont> = fonts
        .iter()
        .filter_map(|f| Some((f.font_name.as_deref()?.as_bytes(), f)))
        .collect();
    for object in doc.objects.values_mut() {
        let Ok(dict) = object.as_dict_mut() else {
            continue;
        };
        if !dict.has_type(b"Font")
            || dict.get(b"Subtype").and_then(Object::as_name).ok() != Some(b"Type0")
        {
            continue;
        }
        let Some(font) = dict
            .get(b"BaseFont")
            .and_then(Object::as_name)
            .ok()
            .and_then(|name| by_name.get(name))
        else {
            continue;
        };
        let w = widths(font);
        if let Ok(Object::Array(descendants)) = dict.get_mut(b"DescendantFonts") {
            if let Some(Object::Dictionary(cid_font)) = descendants.first_mut() {
                cid_font.set("W", w);
            }
        }
    }
}

/// The `/W` width of a glyph whose advance is `advance` font units: thousandths of an em,
/// to three decimals. The content stream computes pen positions from the same numbers.
pub(super) fn pdf_width(font: &ParsedFont, advance: u16) -> f32 {
    let scale = 1000.0 / f32::from(font.pdf_font_metrics.units_per_em.max(1));
    (f32::from(advance) * scale * 1000.0).round() / 1000.0
}

/// The `/W` array of `font`: one run per stretch of consecutive glyph ids.
fn widths(font: &ParsedFont) -> Object {
    let mut array = Vec::new();
    let mut run: Vec<Object> = Vec::new();
    let mut start = 0u16;
    let mut next = None;
    for (&gid, &advance) in &font.glyph_widths {
        if next != Some(gid) && !run.is_empty() {
            array.push(Object::Integer(i64::from(start)));
            array.push(Object::Array(std::mem::take(&mut run)));
        }
        if run.is_empty() {
            start = gid;
        }
        run.push(Object::Real(pdf_width(font, advance)));
        next = gid.checked_add(1);
    }
    if !run.is_empty() {
        array.push(Object::Integer(i64::from(start)));
        array.push(Object::Array(run));
    }
    Object::Array(array)
}

//! The style sheet: document defaults (font, size) and the footnote reference style.
//!
//! Paragraphs carry their formatting directly, so the style sheet stays small. The language
//! of the defaults is added by the patch step; docx-rs has no element for it.

use docx_rs::{RunFonts, RunProperty, Style, StyleType, Styles, VertAlignType};

use super::units::half_points;
use crate::model::Meta;

/// Style id of the superscript footnote marks, in the text and in front of the notes.
pub(crate) const FOOTNOTE_REFERENCE: &str = "FootnoteReference";

/// The styles of a document set in `meta.font_family` at `meta.font_size`.
pub(crate) fn styles(meta: &Meta) -> Styles {
    let font = meta.font_family.as_str();
    let fonts = RunFonts::new()
        .ascii(font)
        .hi_ansi(font)
        .cs(font)
        .east_asia(font);
    let mut reference = Style::new(FOOTNOTE_REFERENCE, StyleType::Character)
        .name("footnote reference")
        .ui_priority(99);
    reference.run_property = RunProperty::new().vert_align(VertAlignType::SuperScript);
    Styles::new()
        .default_fonts(fonts)
        .default_size(half_points(meta.font_size))
        .add_style(reference)
}

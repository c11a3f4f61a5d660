//! State shared while one document is written: paragraph and footnote counters and the
//! footnotes part, which fills up as the body's footnote marks are written.
//!
//! Every id comes from here, counted in reading order, which makes the output a function of
//! the document alone.

use super::xml::Xml;

/// Counters, the footnotes written so far, and document-wide settings for one build.
pub(crate) struct Ctx {
    next_para: u32,
    footnotes: u32,
    /// The bodies of the footnotes (`w:footnote` elements) in reading order.
    pub(crate) notes: Xml,
    /// Default body font size in points (empty filler paragraphs).
    pub(crate) body_size: f32,
    /// Font size of footnote text in points.
    pub(crate) footnote_size: f32,
}

impl Ctx {
    /// A fresh build state.
    pub(crate) fn new(body_size: f32, footnote_size: f32) -> Self {
        Ctx {
            next_para: 0,
            footnotes: 0,
            notes: Xml::with_capacity(0),
            body_size,
            footnote_size,
        }
    }

    /// Opens a `w:p` with the next `w14:paraId`: eight hex digits, below 0x80000000 as
    /// Word requires.
    pub(crate) fn open_paragraph(&mut self, x: &mut Xml) {
        self.next_para += 1;
        let id = format!("{:08X}", self.next_para);
        x.tag("w:p").attr("w14:paraId", &id).open();
    }

    /// Number of footnotes made so far.
    pub(crate) fn footnotes(&self) -> u32 {
        self.footnotes
    }

    /// The next footnote id. Word reserves -1 and 0 for the separators, so ours start at 1
    /// and follow reading order.
    pub(crate) fn footnote_id(&mut self) -> u32 {
        self.footnotes += 1;
        self.footnotes
    }
}

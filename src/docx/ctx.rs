//! State shared while one document is built: our own paragraph and footnote counters.
//!
//! docx-rs numbers paragraphs and footnotes with process-wide counters, so its ids depend on
//! whatever was built before. Every id we emit comes from here instead, which makes the
//! output a function of the document alone.

/// Counters and document-wide settings for one build.
pub(crate) struct Ctx {
    next_para: u32,
    next_footnote: usize,
    /// Table rows marked as repeated headers so far (the patch step checks its count).
    pub(crate) header_rows: usize,
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
            next_footnote: 0,
            header_rows: 0,
            body_size,
            footnote_size,
        }
    }

    /// The next `w14:paraId`: eight hex digits, below 0x80000000 as Word requires.
    pub(crate) fn para_id(&mut self) -> String {
        self.next_para += 1;
        format!("{:08X}", self.next_para)
    }

    /// Number of footnotes made so far.
    pub(crate) fn footnotes(&self) -> usize {
        self.next_footnote
    }

    /// The next footnote id. Word reserves -1 and 0 for the separators, so ours start at 1
    /// and follow reading order.
    pub(crate) fn footnote_id(&mut self) -> usize {
        self.next_footnote += 1;
        self.next_footnote
    }
}

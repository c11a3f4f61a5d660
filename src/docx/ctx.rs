//! State shared while one document is written: paragraph and footnote counters and the
//! footnotes part, which fills up as the body's footnote marks are written.
//!
//! Every id comes from here, counted in reading order, which makes the output a function of
//! the document alone.

use super::xml::Xml;
use crate::model::Image;
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::sync::Arc;

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
    /// The distinct images shown, in order of first use: `word/media/image{i+1}`.
    pub(crate) media: Vec<Arc<Image>>,
    /// Index in `media` by a hash of the image's bytes: the same picture read twice is
    /// one part.
    media_index: HashMap<[u8; 32], usize>,
    /// Drawings written so far (their `wp:docPr` ids).
    drawings: u32,
    /// Tracked changes written so far (their `w:id`s).
    revisions: u32,
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
            media: Vec::new(),
            media_index: HashMap::new(),
            drawings: 0,
            revisions: 0,
        }
    }

    /// The relationship id of `image`'s media part, added on its first use.
    pub(crate) fn image_rel(&mut self, image: &Arc<Image>) -> String {
        let key: [u8; 32] = Sha256::digest(image.bytes()).into();
        let next = self.media.len();
        let i = *self.media_index.entry(key).or_insert(next);
        if i == next {
            self.media.push(image.clone());
        }
        media_rel(i)
    }

    /// The next drawing's id, from 1.
    pub(crate) fn next_drawing(&mut self) -> u32 {
        self.drawings += 1;
        self.drawings
    }

    /// The next tracked change's id, from 1, in reading order (the footnotes' changes
    /// count where their marks are).
    pub(crate) fn revision_id(&mut self) -> u32 {
        self.revisions += 1;
        self.revisions
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

/// The relationship id of the media part `i` (from 0).
pub(crate) fn media_rel(i: usize) -> String {
    format!("rIdImage{}", i + 1)
}

/// The name of the media part `i` (from 0) of `image`, under `word/`.
pub(crate) fn media_name(i: usize, image: &Image) -> String {
    format!("media/image{}.{}", i + 1, image.format().extension())
}

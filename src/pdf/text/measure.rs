//! Width measuring with a cache per (face, size, text): a document repeats the same words
//! and sizes thousands of times, and the layout asks for each word more than once.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::rc::Rc;

use super::hyphen::hyphen_points;

use super::Metrics;
use crate::pdf::frame::Face;

/// FNV-1a: short keys, no need for DoS resistance, and cheaper than SipHash here.
#[derive(Default)]
struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for b in bytes {
            h ^= *b as u64;
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

type FnvMap<K, V> = HashMap<K, V, BuildHasherDefault<Fnv>>;

/// Measures text through `Metrics`, remembering every width it has computed, and the
/// hyphenation points of every word it was asked to break.
pub struct Measure<'m> {
    metrics: &'m dyn Metrics,
    /// Width of each text, and whether the font has every glyph it needs.
    widths: FnvMap<(Face, u32), FnvMap<String, (f32, bool)>>,
    hyphens: FnvMap<String, Rc<[usize]>>,
}

impl<'m> Measure<'m> {
    /// A measurer with an empty cache.
    pub fn new(metrics: &'m dyn Metrics) -> Self {
        Measure {
            metrics,
            widths: FnvMap::default(),
            hyphens: FnvMap::default(),
        }
    }

    /// The metrics behind the cache.
    pub fn metrics(&self) -> &'m dyn Metrics {
        self.metrics
    }

    /// Width of `text` in `face` at `size`, cached.
    pub fn width(&mut self, face: Face, size: f32, text: &str) -> f32 {
        self.width_and_cover(face, size, text).0
    }

    /// Width of `text`, and whether the font has a glyph for every character of it that is
    /// drawn: both found on the first request and cached together, so the common case costs
    /// one lookup.
    pub fn width_and_cover(&mut self, face: Face, size: f32, text: &str) -> (f32, bool) {
        let metrics = self.metrics;
        let per_font = self.widths.entry((face, size.to_bits())).or_default();
        if let Some(found) = per_font.get(text) {
            return *found;
        }
        let covered = text
            .chars()
            .all(|c| super::shown_anyway(c) || metrics.covers(face, c));
        let found = (metrics.advance(face, size, text), covered);
        per_font.insert(text.to_string(), found);
        found
    }

    /// Width of `text` without caching it: for one-off strings such as the left part of a
    /// hyphenated word, which would only bloat the cache.
    pub fn width_once(&self, face: Face, size: f32, text: &str) -> f32 {
        self.metrics.advance(face, size, text)
    }

    /// Hyphenation points of `text` (see `hyphen_points`), cached: the same long words end
    /// lines again and again.
    pub fn hyphen_points(&mut self, text: &str) -> Rc<[usize]> {
        if let Some(p) = self.hyphens.get(text) {
            return p.clone();
        }
        let p: Rc<[usize]> = hyphen_points(text).into();
        self.hyphens.insert(text.to_string(), p.clone());
        p
    }
}

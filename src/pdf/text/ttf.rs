//! `Metrics` over TrueType files: advances and vertical metrics read once with ttf-parser and
//! kept in plain tables, so measuring never re-parses the font.

use std::collections::HashMap;
use std::path::Path;

use super::Metrics;
use crate::pdf::frame::Face;

/// Code points below this get a dense advance table; it covers Latin, Cyrillic and the
/// general punctuation block (dashes, quotes, «№» is looked up in the sparse map).
const DENSE: usize = 0x2100;

/// File names of the four faces, in `Face` order.
const FILES: [&str; 4] = [
    "LiberationSerif-Regular.ttf",
    "LiberationSerif-Bold.ttf",
    "LiberationSerif-Italic.ttf",
    "LiberationSerif-BoldItalic.ttf",
];

/// Metrics of one face in font units.
#[derive(Debug, Clone)]
struct FaceMetrics {
    units_per_em: f32,
    ascender: f32,
    descender: f32,
    line_gap: f32,
    /// Advance of the missing glyph, used for characters the font lacks.
    missing: u16,
    dense: Vec<u16>,
    sparse: HashMap<u32, u16>,
    /// Which of the dense code points the font has a glyph for, 64 to a word.
    dense_covered: Vec<u64>,
}

impl FaceMetrics {
    fn parse(data: &[u8]) -> Result<FaceMetrics, String> {
        let face = ttf_parser::Face::parse(data, 0).map_err(|e| e.to_string())?;
        let hhea = face.tables().hhea;
        let advance = |g: ttf_parser::GlyphId| face.glyph_hor_advance(g).unwrap_or(0);
        let missing = advance(ttf_parser::GlyphId(0));
        let mut dense = vec![missing; DENSE];
        let mut dense_covered = vec![0u64; DENSE / 64];
        let mut sparse = HashMap::new();
        if let Some(cmap) = face.tables().cmap {
            for sub in cmap.subtables.into_iter().filter(|s| s.is_unicode()) {
                sub.codepoints(|cp| {
                    if let Some(g) = sub.glyph_index(cp) {
                        let a = advance(g);
                        match dense.get_mut(cp as usize) {
                            Some(slot) => {
                                *slot = a;
                                dense_covered[cp as usize / 64] |= 1 << (cp % 64);
                            }
                            None => {
                                sparse.insert(cp, a);
                            }
                        }
                    }
                });
            }
        }
        Ok(FaceMetrics {
            units_per_em: face.units_per_em() as f32,
            ascender: hhea.ascender as f32,
            descender: -(hhea.descender as f32),
            line_gap: hhea.line_gap as f32,
            missing,
            dense,
            sparse,
            dense_covered,
        })
    }

    fn covers(&self, c: char) -> bool {
        let cp = c as u32;
        match self.dense_covered.get(cp as usize / 64) {
            Some(bits) => bits & (1 << (cp % 64)) != 0,
            None => self.sparse.contains_key(&cp),
        }
    }

    fn units(&self, c: char) -> u16 {
        let cp = c as u32;
        match self.dense.get(cp as usize) {
            Some(a) => *a,
            None => self.sparse.get(&cp).copied().unwrap_or(self.missing),
        }
    }
}

/// Metrics of the four faces of Liberation Serif (or any four TrueType faces).
#[derive(Debug, Clone)]
pub struct TtfMetrics {
    faces: [FaceMetrics; 4],
}

impl TtfMetrics {
    /// Reads the faces from the bytes of their files, in the order Regular, Bold, Italic,
    /// BoldItalic.
    pub fn from_bytes(files: [&[u8]; 4]) -> Result<TtfMetrics, String> {
        let mut faces = Vec::with_capacity(4);
        for (i, data) in files.into_iter().enumerate() {
            faces.push(FaceMetrics::parse(data).map_err(|e| format!("{}: {e}", FILES[i]))?);
        }
        let faces: [FaceMetrics; 4] = faces.try_into().map_err(|_| "four faces expected")?;
        Ok(TtfMetrics { faces })
    }

    /// Reads `LiberationSerif-{Regular,Bold,Italic,BoldItalic}.ttf` from `dir`.
    pub fn from_dir(dir: &Path) -> Result<TtfMetrics, String> {
        let mut data = Vec::with_capacity(4);
        for name in FILES {
            let path = dir.join(name);
            data.push(std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?);
        }
        TtfMetrics::from_bytes([&data[0], &data[1], &data[2], &data[3]])
    }

    fn face(&self, face: Face) -> &FaceMetrics {
        &self.faces[match face {
            Face::Regular => 0,
            Face::Bold => 1,
            Face::Italic => 2,
            Face::BoldItalic => 3,
        }]
    }
}

impl Metrics for TtfMetrics {
    fn advance(&self, face: Face, size: f32, text: &str) -> f32 {
        let f = self.face(face);
        let units: u32 = text.chars().map(|c| f.units(c) as u32).sum();
        units as f32 * size / f.units_per_em
    }

    fn ascent(&self, face: Face, size: f32) -> f32 {
        let f = self.face(face);
        f.ascender * size / f.units_per_em
    }

    fn descent(&self, face: Face, size: f32) -> f32 {
        let f = self.face(face);
        f.descender * size / f.units_per_em
    }

    fn line_gap(&self, face: Face, size: f32) -> f32 {
        let f = self.face(face);
        f.line_gap * size / f.units_per_em
    }

    fn covers(&self, face: Face, c: char) -> bool {
        self.face(face).covers(c)
    }
}

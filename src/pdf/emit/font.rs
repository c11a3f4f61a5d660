//! One subset face as PDF objects: a Type0 font with the Identity-H encoding (the codes in the
//! content streams are the subset's glyph ids) over a CIDFontType2 with its `/W` widths, the
//! font descriptor, the embedded program (`/FontFile2`) and the ToUnicode map.

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

use lopdf::{Dictionary, Object, ObjectId, StringFormat};

use crate::pdf::frame::Face;

use super::cmap;
use super::deflate::{Packed, Zlib};
use super::objects::Builder;
use super::subset::{subset_name, Subset};

/// Font descriptor flags (ISO 32000-1, table 123).
const FIXED_PITCH: i64 = 1;
const NONSYMBOLIC: i64 = 1 << 5;
const ITALIC: i64 = 1 << 6;

/// The streams of one face, made (and compressed) on a worker thread.
#[derive(Clone)]
pub(super) struct FontStreams {
    /// The subset's name, tag included.
    name: String,
    program: Packed,
    /// The program's length before compression (`/Length1`).
    program_len: usize,
    to_unicode: Packed,
}

impl FontStreams {
    /// Cuts the program of `subset` and writes its ToUnicode map, compressing both; a
    /// subset of the same face for the same characters made before in this process is
    /// taken as it is, as its bytes would be the same.
    pub(super) fn make(subset: &Subset, zlib: &mut Zlib) -> Result<FontStreams, String> {
        let key = (subset.font.typeface, subset.face, subset.glyphs.clone());
        if let Some(made) = made_before().lock().ok().and_then(|m| m.get(&key).cloned()) {
            return Ok(made);
        }
        let made = FontStreams::cut(subset, zlib)?;
        if let Ok(mut cache) = made_before().lock() {
            // Bounded: a batch of very different documents must not pile up subsets.
            if cache.len() >= MADE_BEFORE_LIMIT {
                cache.clear();
            }
            cache.insert(key, made.clone());
        }
        Ok(made)
    }

    fn cut(subset: &Subset, zlib: &mut Zlib) -> Result<FontStreams, String> {
        let program = subset.program()?;
        let program = match is_cff(subset) {
            true => cff_table(&program)?,
            false => program,
        };
        Ok(FontStreams {
            name: subset_name(&subset.font.postscript_name, &program),
            program_len: program.len(),
            program: zlib.pack(program)?,
            to_unicode: zlib.pack(cmap::to_unicode(&subset.glyphs))?,
        })
    }
}

/// The subsets already made, by typeface, face and characters (with their subset glyph ids).
/// In a batch, orders set in the same letters share their fonts' cutting and compressing,
/// which is most of a one-page PDF's cost.
type MadeBefore = HashMap<([u8; 32], Face, Vec<(char, u16)>), FontStreams>;

/// How many subsets [`made_before`] keeps (each a few tens of kilobytes).
const MADE_BEFORE_LIMIT: usize = 256;

fn made_before() -> &'static Mutex<MadeBefore> {
    static MADE: OnceLock<Mutex<MadeBefore>> = OnceLock::new();
    MADE.get_or_init(Mutex::default)
}

/// The objects of one face: the font the resources name, and the three it refers to.
pub(super) struct FontIds {
    /// The Type0 font.
    pub font: ObjectId,
    descriptor: ObjectId,
    program: ObjectId,
    to_unicode: ObjectId,
}

impl FontIds {
    /// Reserves the ids of one face's objects, in the order they are written.
    pub(super) fn reserve(out: &mut Builder) -> FontIds {
        FontIds {
            font: out.reserve(),
            descriptor: out.reserve(),
            program: out.reserve(),
            to_unicode: out.reserve(),
        }
    }
}

/// Whether the face has PostScript (CFF) outlines rather than TrueType ones.
fn is_cff(subset: &Subset) -> bool {
    subset.font.ttf.tables().cff.is_some()
}

/// The bare `CFF ` table of a subset: the subsetter hands back an OpenType file whose CFF is
/// CID-keyed with CIDs equal to the new glyph ids, which PDF 1.5 embeds as `CIDFontType0C`.
fn cff_table(program: &[u8]) -> Result<Vec<u8>, String> {
    let raw = ttf_parser::RawFace::parse(program, 0).map_err(|e| format!("CFF subset: {e}"))?;
    raw.table(ttf_parser::Tag::from_bytes(b"CFF "))
        .map(<[u8]>::to_vec)
        .ok_or_else(|| "CFF subset without its CFF table".to_string())
}

/// Writes the face of `subset` as the objects `ids`.
pub(super) fn write(out: &mut Builder, ids: &FontIds, subset: &Subset, streams: FontStreams) {
    let name = || Object::Name(streams.name.clone().into_bytes());
    let cff = is_cff(subset);
    let mut cid_font = Dictionary::from_iter([
        ("Type", Object::from("Font")),
        (
            "Subtype",
            if cff { "CIDFontType0" } else { "CIDFontType2" }.into(),
        ),
        ("BaseFont", name()),
        (
            "CIDSystemInfo",
            Dictionary::from_iter([
                ("Registry", literal("Adobe")),
                ("Ordering", literal("Identity")),
                ("Supplement", Object::Integer(0)),
            ])
            .into(),
        ),
        ("FontDescriptor", ids.descriptor.into()),
        ("W", widths(&subset.widths)),
    ]);
    if !cff {
        cid_font.set("CIDToGIDMap", "Identity");
    }
    let font = Dictionary::from_iter([
        ("Type", Object::from("Font")),
        ("Subtype", "Type0".into()),
        ("BaseFont", name()),
        ("Encoding", "Identity-H".into()),
        ("DescendantFonts", vec![cid_font.into()].into()),
        ("ToUnicode", ids.to_unicode.into()),
    ]);
    out.object(ids.font, font);
    out.object(ids.descriptor, descriptor(subset, name(), ids.program));
    let program = match cff {
        true => Dictionary::from_iter([("Subtype", Object::from("CIDFontType0C"))]),
        false => Dictionary::from_iter([("Length1", Object::Integer(streams.program_len as i64))]),
    };
    out.stream(ids.program, program, streams.program);
    out.stream(ids.to_unicode, Dictionary::new(), streams.to_unicode);
}

/// The `/W` array: one run from glyph 0, as subset ids have no gaps.
fn widths(widths: &[f32]) -> Object {
    let run = widths.iter().map(|&w| Object::Real(w)).collect();
    Object::Array(vec![Object::Integer(0), Object::Array(run)])
}

/// The font descriptor of `subset`'s face, named `name`, its program the object `program`:
/// metrics in thousandths of an em, which viewers use to size selections and to stand in for
/// a font they cannot load.
fn descriptor(subset: &Subset, name: Object, program: ObjectId) -> Dictionary {
    let ttf = &subset.font.ttf;
    let upem = f32::from(ttf.units_per_em().max(1));
    let scale = |v: i16| Object::Integer((f32::from(v) * 1000.0 / upem).round() as i64);
    let bbox = ttf.global_bounding_box();
    // `post` holds the angle as a 16.16 fraction: -16.333008 for -16°20′.
    let italic_angle = (ttf.italic_angle() * 1000.0).round() / 1000.0;
    let mut flags = NONSYMBOLIC;
    if italic_angle != 0.0 {
        flags |= ITALIC;
    }
    if ttf.is_monospaced() {
        flags |= FIXED_PITCH;
    }
    // No font table holds the stem width; this is the usual estimate from the weight class
    // (88 at 400, 166 at 700).
    let weight = f32::from(ttf.weight().to_number());
    let stem_v = 50 + (weight / 65.0).powi(2).round() as i64;
    let ascent = scale(ttf.ascender());
    Dictionary::from_iter([
        ("Type", Object::from("FontDescriptor")),
        ("FontName", name),
        ("Flags", flags.into()),
        (
            "FontBBox",
            vec![
                scale(bbox.x_min),
                scale(bbox.y_min),
                scale(bbox.x_max),
                scale(bbox.y_max),
            ]
            .into(),
        ),
        ("ItalicAngle", Object::Real(italic_angle)),
        ("Ascent", ascent.clone()),
        ("Descent", scale(ttf.descender())),
        ("CapHeight", ttf.capital_height().map_or(ascent, scale)),
        ("StemV", stem_v.into()),
        (
            if is_cff(subset) {
                "FontFile3"
            } else {
                "FontFile2"
            },
            program.into(),
        ),
    ])
}

/// A literal PDF string of ASCII text.
fn literal(s: &str) -> Object {
    Object::String(s.as_bytes().to_vec(), StringFormat::Literal)
}

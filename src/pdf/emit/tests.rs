//! The emitter's objects as a reader finds them: fonts that are tagged subsets with `/W`
//! widths that match the glyphs and a ToUnicode map for every character set, no object left
//! unreferenced, one resource dictionary for every page.

use std::collections::BTreeSet;

use super::content::font_resource;
use super::emit;
use crate::pdf::fonts::FontSet;
use crate::pdf::frame::{Face, Item, Page, PdfMeta};

const FACES: [Face; 4] = [Face::Regular, Face::Bold, Face::Italic, Face::BoldItalic];

/// The line page `n` sets in `face`.
fn sentence(n: usize, face: Face) -> String {
    format!("Приказ №{n}: «{face:?}» — съешь же ещё этих мягких французских булок")
}

/// `count` pages with a line in every face and a rule, as a PDF read back by lopdf.
fn document(count: usize) -> lopdf::Document {
    let page = |n: usize| {
        let line = |(i, face): (usize, Face)| Item::Text {
            x: 85.0,
            y: 100.0 + 24.0 * i as f32,
            text: sentence(n, face),
            face,
            size: 14.0,
            width: 0.0,
        };
        let mut items: Vec<Item> = FACES.into_iter().enumerate().map(line).collect();
        items.push(Item::Line {
            x1: 85.0,
            y1: 200.0,
            x2: 552.0,
            y2: 200.0,
            width: 0.5,
        });
        Page {
            width: 595.28,
            height: 841.89,
            items,
        }
    };
    let meta = PdfMeta {
        title: "Приказ".into(),
        author: "ЧИППКРО".into(),
        language: "ru-RU".into(),
    };
    let pages: Vec<Page> = (1..=count).map(page).collect();
    lopdf::Document::load_mem(&emit(&pages, &meta, FontSet::embedded()).unwrap()).unwrap()
}

/// The dictionary and plain bytes of the stream `reference` points to.
fn stream<'a>(
    doc: &'a lopdf::Document,
    reference: &lopdf::Object,
) -> (&'a lopdf::Dictionary, Vec<u8>) {
    let id = reference.as_reference().unwrap();
    let stream = doc.get_object(id).unwrap().as_stream().unwrap();
    (&stream.dict, stream.get_plain_content().unwrap())
}

/// `(code, width)` for every code of a `/W` array.
fn widths(w: &[lopdf::Object]) -> Vec<(u32, f32)> {
    let mut out = Vec::new();
    for pair in w.chunks(2) {
        let start = pair[0].as_i64().unwrap() as u32;
        let run = pair[1].as_array().expect("runs of widths, not ranges");
        for (i, width) in run.iter().enumerate() {
            out.push((start + i as u32, width.as_float().unwrap()));
        }
    }
    out
}

/// The name under `key` in `dict`.
fn name<'a>(dict: &'a lopdf::Dictionary, key: &[u8]) -> &'a [u8] {
    dict.get(key).unwrap().as_name().unwrap()
}

/// `advance` font units of `ttf` in thousandths of an em.
fn per_mille(ttf: &ttf_parser::Face, advance: Option<u16>) -> f32 {
    f32::from(advance.unwrap()) * 1000.0 / f32::from(ttf.units_per_em())
}

#[test]
fn fonts_are_tagged_subsets_with_exact_widths_and_a_tounicode_map() {
    let doc = document(2);
    let fonts = doc.get_page_fonts(doc.get_pages()[&1]).unwrap();
    assert_eq!(fonts.len(), 4);
    for (resource, font) in fonts {
        let face = (FACES.into_iter())
            .find(|&f| font_resource(f).as_bytes() == resource)
            .unwrap();
        let full = FontSet::embedded().get(face);
        let base = std::str::from_utf8(name(font, b"BaseFont")).unwrap();
        let (tag, postscript) = base.split_once('+').unwrap();
        assert!(tag.len() == 6 && tag.chars().all(|c| c.is_ascii_uppercase()));
        assert_eq!(postscript, full.postscript_name);
        assert_eq!(name(font, b"Subtype"), b"Type0");
        assert_eq!(name(font, b"Encoding"), b"Identity-H");
        let descendants = font.get(b"DescendantFonts").unwrap().as_array().unwrap();
        let cid = descendants[0].as_dict().unwrap();
        assert_eq!(name(cid, b"Subtype"), b"CIDFontType2");
        assert_eq!(name(cid, b"CIDToGIDMap"), b"Identity");
        let descriptor = cid.get(b"FontDescriptor").unwrap().as_reference().unwrap();
        let descriptor = doc.get_dictionary(descriptor).unwrap();
        assert_eq!(name(descriptor, b"FontName"), base.as_bytes());

        // The program: a small part of the face, its length declared.
        let (file, program) = stream(&doc, descriptor.get(b"FontFile2").unwrap());
        let length1 = file.get(b"Length1").unwrap().as_i64().unwrap();
        assert_eq!(length1, program.len() as i64);
        let cut = ttf_parser::Face::parse(&program, 0).unwrap();
        assert!(cut.number_of_glyphs() < full.ttf.number_of_glyphs() / 10);

        // Every code's width is the advance of its glyph, in the program and, through the
        // ToUnicode map, in the full face; every character set in the face is mapped.
        let lopdf::Encoding::UnicodeMapEncoding(cmap) = font.get_font_encoding(&doc).unwrap()
        else {
            panic!("{base}: no ToUnicode map");
        };
        let mut mapped = String::new();
        for (code, width) in widths(cid.get(b"W").unwrap().as_array().unwrap()) {
            let gid = ttf_parser::GlyphId(code as u16);
            let exact = per_mille(&cut, cut.glyph_hor_advance(gid));
            assert!(
                (width - exact).abs() < 6e-4,
                "{base} {code}: {width}, {exact}"
            );
            let Some(units) = cmap.get(code, 2) else {
                assert_eq!(code, 0, "{base}: code {code} maps to no character");
                continue;
            };
            let c = String::from_utf16(&units).unwrap();
            let glyph = full.ttf.glyph_index(c.chars().next().unwrap()).unwrap();
            assert!((width - per_mille(&full.ttf, full.ttf.glyph_hor_advance(glyph))).abs() < 6e-4);
            mapped.push_str(&c);
        }
        for c in sentence(1, face)
            .chars()
            .filter(|&c| full.ttf.glyph_index(c).is_some())
        {
            assert!(mapped.contains(c), "{base}: {c:?} not in the ToUnicode map");
        }
    }
}

#[test]
fn every_object_is_reachable_and_pages_share_their_resources() {
    // Nothing is left over from an object written and then replaced.
    let doc = document(3);
    let mut seen = BTreeSet::new();
    let mut todo: Vec<&lopdf::Object> = doc.trailer.iter().map(|(_, v)| v).collect();
    while let Some(object) = todo.pop() {
        match object {
            lopdf::Object::Reference(id) if seen.insert(*id) => {
                todo.push(doc.get_object(*id).unwrap());
            }
            lopdf::Object::Array(items) => todo.extend(items),
            lopdf::Object::Dictionary(dict) => todo.extend(dict.iter().map(|(_, v)| v)),
            lopdf::Object::Stream(s) => todo.extend(s.dict.iter().map(|(_, v)| v)),
            _ => {}
        }
    }
    // lopdf keeps the object and cross-reference streams it read, which nothing refers to.
    let container = |o: &lopdf::Object| {
        let kind = o.as_stream().ok().and_then(|s| s.dict.get(b"Type").ok());
        matches!(
            kind.and_then(|k| k.as_name().ok()),
            Some(b"ObjStm" | b"XRef")
        )
    };
    let objects = doc.objects.iter().filter(|(_, o)| !container(o));
    assert_eq!(objects.map(|(&id, _)| id).collect::<BTreeSet<_>>(), seen);
    // One resource dictionary, fonts only, for every page.
    let resources: BTreeSet<_> = (doc.get_pages().values())
        .map(|&page| doc.get_dictionary(page).unwrap().get(b"Resources").unwrap())
        .map(|r| r.as_reference().unwrap())
        .collect();
    assert_eq!(resources.len(), 1, "{resources:?}");
    let id = *resources.first().unwrap();
    let keys: Vec<&[u8]> = doc
        .get_dictionary(id)
        .unwrap()
        .iter()
        .map(|(k, _)| &k[..])
        .collect();
    assert_eq!(keys, [b"Font"]);
}

//! PDF emitter: prints laid-out pages with printpdf, embedding subsets of the body font. The
//! only module that knows printpdf; it knows nothing of paragraphs or tables.

mod content;
mod deflate;
mod document;
mod page;
mod subset;
mod widths;

use std::collections::{BTreeMap, BTreeSet};

use printpdf::{
    FontId, Op, ParsedFont, PdfDocument, PdfFont, PdfFontHandle, PdfSaveOptions, PdfWarnMsg, Pt,
    TextItem,
};

use crate::pdf::fonts::FontSet;
use crate::pdf::frame::{Face, Item, Page, PdfMeta};

/// Prints `pages` as the bytes of a PDF file with the document properties `meta`.
///
/// Text is set in the faces of `fonts`, each embedded as a subset with a ToUnicode map, so
/// copying and `pdftotext` give back the text. The output depends only on the arguments: the
/// same pages give the same bytes. Fails on coordinates or sizes a PDF cannot hold (NaN,
/// infinite, a font size of zero), naming the page.
pub fn emit(pages: &[Page], meta: &PdfMeta, fonts: &FontSet) -> Result<Vec<u8>, String> {
    for (i, p) in pages.iter().enumerate() {
        page::check(p, i + 1)?;
    }
    let mut doc = PdfDocument::new(&meta.title);
    let mut glyphs = BTreeMap::new();
    let mut subsets = Vec::new();
    // printpdf embeds a font, with its ToUnicode map, only for the glyphs some page shows
    // through its own operations. Our content streams are written apart (see `content`), so
    // the first page carries one text object per face showing every character that face sets;
    // its stream is replaced afterwards like every other page's.
    let mut register = vec![Op::StartTextSection];
    for (face, chars) in used_chars(pages) {
        let parsed = subset::subset(fonts.get(face), &chars)?;
        glyphs.insert(face, glyph_map(&parsed));
        subsets.push(parsed.clone());
        // Fixed resource names instead of printpdf's random ones keep the output stable.
        let id = FontId(format!("F{face:?}"));
        doc.resources
            .fonts
            .map
            .insert(id.clone(), PdfFont::new(parsed));
        register.push(Op::SetFont {
            font: PdfFontHandle::External(id),
            size: Pt(1.0),
        });
        register.push(Op::ShowText {
            items: vec![TextItem::Text(chars.into_iter().collect())],
        });
    }
    register.push(Op::EndTextSection);
    let mut register = Some(register);
    doc.pages = pages
        .iter()
        .map(|p| page::page(p, register.take().unwrap_or_default()))
        .collect();
    let opts = PdfSaveOptions {
        // Compression happens once, after our own changes (see `document::finish`).
        optimize: false,
        subset_fonts: false,
        secure: true,
        image_optimization: None,
    };
    let mut warnings: Vec<PdfWarnMsg> = Vec::new();
    let mut lo = doc.to_lopdf_document(&opts, &mut warnings);
    if let Some(w) = warnings
        .iter()
        .find(|w| w.severity == printpdf::PdfParseErrorSeverity::Error)
    {
        return Err(format!("PDF page {}: {}", w.page + 1, w.msg));
    }
    widths::set_exact(&mut lo, &subsets);
    // Writing and compressing the pages is the larger half of the work: two threads share it.
    let contents = deflate::par_map(
        pages,
        |p| p.items.len(),
        |zlib, p| zlib.pack(content::content(p, &glyphs)),
    )?;
    document::finish(lo, contents, meta)
}

/// The subset's glyph id and `/W` width for each character it maps.
fn glyph_map(font: &ParsedFont) -> content::Glyphs {
    let width =
        |gid: u16| widths::pdf_width(font, font.glyph_widths.get(&gid).copied().unwrap_or(0));
    let map = font
        .codepoint_to_glyph
        .iter()
        .filter_map(|(&cp, &gid)| Some((char::from_u32(cp)?, (gid, width(gid)))));
    content::Glyphs::new(map, width(0))
}

/// The characters each face sets, over all pages.
fn used_chars(pages: &[Page]) -> BTreeMap<Face, BTreeSet<char>> {
    // A bit per character of the Basic Multilingual Plane (8 KiB a face) instead of a set
    // insertion per character: a long order sets tens of thousands of them.
    const WORDS: usize = 0x10000 / 64;
    let mut bits: BTreeMap<Face, (Vec<u64>, BTreeSet<char>)> = BTreeMap::new();
    for item in pages.iter().flat_map(|p| &p.items) {
        if let Item::Text { text, face, .. } = item {
            if text.is_empty() {
                continue;
            }
            let (bmp, beyond) = bits
                .entry(*face)
                .or_insert_with(|| (vec![0; WORDS], BTreeSet::new()));
            for c in text.chars() {
                let cp = c as usize;
                match bmp.get_mut(cp / 64) {
                    Some(word) => *word |= 1 << (cp % 64),
                    None => {
                        beyond.insert(c);
                    }
                }
            }
        }
    }
    bits.into_iter()
        .map(|(face, (bmp, mut chars))| {
            for (i, &word) in bmp.iter().enumerate().filter(|(_, w)| **w != 0) {
                let set = (0..64).filter(|b| word & (1 << b) != 0);
                chars.extend(set.filter_map(|b| char::from_u32((i * 64 + b) as u32)));
            }
            (face, chars)
        })
        .collect()
}

//! PDF emitter: prints laid-out pages with printpdf, embedding subsets of the body font. The
//! only module that knows printpdf; it knows nothing of paragraphs or tables.

mod document;
mod page;
mod subset;
mod widths;

use std::collections::{BTreeMap, BTreeSet};

use printpdf::{FontId, PdfDocument, PdfFont, PdfSaveOptions, PdfWarnMsg};

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
    let mut ids = BTreeMap::new();
    let mut subsets = Vec::new();
    for (face, chars) in used_chars(pages) {
        let parsed = subset::subset(fonts.get(face), &chars)?;
        subsets.push(parsed.clone());
        // Fixed resource names instead of printpdf's random ones keep the output stable.
        let id = FontId(format!("F{face:?}"));
        doc.resources
            .fonts
            .map
            .insert(id.clone(), PdfFont::new(parsed));
        ids.insert(face, id);
    }
    doc.pages = pages.iter().map(|p| page::page(p, &ids)).collect();
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
    document::finish(lo, meta)
}

/// The characters each face sets, over all pages.
fn used_chars(pages: &[Page]) -> BTreeMap<Face, BTreeSet<char>> {
    let mut used: BTreeMap<Face, BTreeSet<char>> = BTreeMap::new();
    for item in pages.iter().flat_map(|p| &p.items) {
        if let Item::Text { text, face, .. } = item {
            if text.is_empty() {
                continue;
            }
            used.entry(*face).or_default().extend(text.chars());
        }
    }
    used
}

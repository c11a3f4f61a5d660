//! Writes a sample PDF from hand-built pages, to look at with a viewer, `pdftoppm`, `pdffonts`
//! or `qpdf --qdf`: `cargo run --example dump_sample -- out.pdf [pages]` (40 pages by default),
//! each with a line in every face, a table-like frame and a footnote rule.

use prikaz::pdf::emit::emit;
use prikaz::pdf::fonts::FontSet;
use prikaz::pdf::frame::{Face, Item, Page, PdfMeta};

const A4: (f32, f32) = (595.28, 841.89);
const FACES: [Face; 4] = [Face::Regular, Face::Bold, Face::Italic, Face::BoldItalic];

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(out) = args.next() else {
        eprintln!("использование: dump_sample ФАЙЛ.pdf [СТРАНИЦ]");
        std::process::exit(2);
    };
    let count = args.next().and_then(|n| n.parse().ok()).unwrap_or(40);
    let meta = PdfMeta {
        title: "О концепции сетевой школы".into(),
        author: "ЧИППКРО".into(),
        language: "ru-RU".into(),
    };
    let pages: Vec<Page> = (1..=count).map(page).collect();
    let bytes = emit(&pages, &meta, FontSet::embedded()).unwrap_or_else(|e| {
        eprintln!("ошибка: {e}");
        std::process::exit(1);
    });
    if let Err(e) = std::fs::write(&out, bytes) {
        eprintln!("ошибка: не удалось записать {out}: {e}");
        std::process::exit(1);
    }
}

/// Page `n`: a line in each face, a frame of rules with a line of text inside, a thicker rule.
fn page(n: usize) -> Page {
    let text = |x: f32, y: f32, text: String, face: Face| Item::Text {
        x,
        y,
        text,
        face,
        size: 14.0,
        width: 0.0,
    };
    let rule = |(x1, y1): (f32, f32), (x2, y2): (f32, f32), width: f32| Item::Line {
        x1,
        y1,
        x2,
        y2,
        width,
    };
    let mut items: Vec<Item> = FACES
        .iter()
        .enumerate()
        .map(|(i, &face)| {
            let line =
                format!("Приказ №{n}: «{face:?}» — съешь же ещё этих мягких французских булок");
            text(85.0, 100.0 + 24.0 * i as f32, line, face)
        })
        .collect();
    for (y, width) in [(200.0, 0.5), (260.0, 0.5), (320.0, 1.0)] {
        items.push(rule((85.0, y), (552.0, y), width));
    }
    items.push(rule((85.0, 200.0), (85.0, 320.0), 0.5));
    items.push(text(
        90.0,
        230.0,
        format!("Ячейка таблицы {n}"),
        Face::Regular,
    ));
    Page {
        width: A4.0,
        height: A4.1,
        items,
    }
}

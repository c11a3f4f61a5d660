//! A table with `frame="N"`: no grid, only a frame round the cells of column N — the mark of
//! an electronic signature between the position and the name — in both writers.

use prikaz::model::{Block, Rules};
use prikaz::pdf::frame::Item;
use prikaz::pdf::layout::layout;
use prikaz::pdf::text::TtfMetrics;
use std::path::Path;

/// Liberation Serif from `fonts/`, or from the system (fonts-liberation2).
fn metrics() -> TtfMetrics {
    let local = Path::new(env!("CARGO_MANIFEST_DIR")).join("fonts");
    let system = Path::new("/usr/share/fonts/truetype/liberation2");
    TtfMetrics::from_dir(&local)
        .or_else(|_| TtfMetrics::from_dir(system))
        .expect("Liberation Serif in fonts/ or /usr/share/fonts/truetype/liberation2")
}

fn markup(frame: &str) -> String {
    format!(
        "<document title=\"t\" author=\"a\" lang=\"ru-RU\" font=\"Times New Roman\" size=\"14\" \
         footnote-size=\"10\">\n<section orientation=\"portrait\" top=\"20\" right=\"10\" \
         bottom=\"20\" left=\"30\" header=\"12.5\">\n<table widths=\"50 80 40\"{frame}><tr>\
         <td><p>Директор</p></td><td><p>ДОКУМЕНТ ПОДПИСАН</p><p>Сертификат: 01AB</p></td>\
         <td><p align=\"right\">И.И. Иванов</p></td></tr></table>\n</section>\n</document>\n"
    )
}

fn lines(items: &[Item]) -> Vec<(f32, f32, f32, f32)> {
    items
        .iter()
        .filter_map(|i| match *i {
            Item::Line { x1, y1, x2, y2, .. } => Some((x1, y1, x2, y2)),
            _ => None,
        })
        .collect()
}

#[test]
fn only_the_framed_column_has_lines_in_the_pdf_and_the_docx() {
    let doc = prikaz::markup::parse(&markup(" frame=\"2\""), Path::new("t")).unwrap();
    let Block::Table(t) = &doc.sections[0].blocks[0] else {
        panic!("a table")
    };
    assert_eq!(t.rules(), Rules::FrameColumn(1));
    let pages = layout(&doc, &metrics());
    let framed = lines(&pages[0].items);
    assert_eq!(framed.len(), 4, "{framed:?}");
    // All four sides lie within the middle column: 50 to 130 mm from the text's left edge.
    let mm = |v: f32| v * 72.0 / 25.4;
    let left = mm(30.0);
    for (x1, _, x2, _) in &framed {
        for x in [x1, x2] {
            assert!(*x > left + mm(49.9) && *x < left + mm(130.1), "{framed:?}");
        }
    }
    let grid = prikaz::markup::parse(&markup(""), Path::new("t")).unwrap();
    assert!(lines(&layout(&grid, &metrics())[0].items).len() > 4);

    let parts = prikaz::docx::parts(&doc).unwrap();
    let xml = &parts
        .iter()
        .find(|(n, _)| n == "word/document.xml")
        .unwrap()
        .1;
    assert_eq!(xml.matches("<w:tcBorders>").count(), 1, "{xml}");
    assert!(xml.contains("<w:insideV w:val=\"nil\" />"), "{xml}");
}

#[test]
fn a_frame_outside_the_table_is_refused_at_the_table() {
    for bad in ["0", "4", "два"] {
        let e = prikaz::markup::parse(&markup(&format!(" frame=\"{bad}\"")), Path::new("t"))
            .unwrap_err()
            .to_string();
        assert!(e.contains(&format!("frame=\"{bad}\"")), "{e}");
        assert!(e.contains("от 1 до 3"), "{e}");
    }
}

#[test]
fn a_framed_mark_is_never_cut_by_a_page_break() {
    let lines_in_mark = "<p>ДОКУМЕНТ ПОДПИСАН</p><p>Сертификат: 01AB</p><p>Владелец: И.И. Иванов</p>\
                         <p>Действителен: с 01.01.2026 по 01.01.2027</p><p>Подписан: 02.03.2026</p>";
    for filler in 35..50 {
        let text = markup(" frame=\"2\"").replace(
            "<table",
            &format!("{}<table", "<p>Строка текста приказа.</p>".repeat(filler)),
        );
        let text = text.replace(
            "<p>ДОКУМЕНТ ПОДПИСАН</p><p>Сертификат: 01AB</p>",
            lines_in_mark,
        );
        let doc = prikaz::markup::parse(&text, Path::new("t")).unwrap();
        let pages = layout(&doc, &metrics());
        let with_lines: Vec<usize> = (0..pages.len())
            .filter(|&p| !lines(&pages[p].items).is_empty())
            .collect();
        assert_eq!(
            with_lines.len(),
            1,
            "{filler} lines of filler: frame on {with_lines:?}"
        );
        let page = &pages[with_lines[0]];
        let texts: String = page
            .items
            .iter()
            .filter_map(|i| match i {
                Item::Text { text, .. } => Some(text.as_str()),
                _ => None,
            })
            .collect();
        for want in ["ДОКУМЕНТ", "Подписан:"] {
            assert!(
                texts.contains(want),
                "{filler}: {want} not beside its frame"
            );
        }
    }
    let parts = prikaz::docx::parts(
        &prikaz::markup::parse(&markup(" frame=\"2\""), Path::new("t")).unwrap(),
    )
    .unwrap();
    let xml = &parts
        .iter()
        .find(|(n, _)| n == "word/document.xml")
        .unwrap()
        .1;
    assert!(xml.contains("<w:trPr><w:cantSplit />"), "{xml}");
}

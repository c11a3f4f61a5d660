//! Random table grids through the markup, the model and both writers: every grid that
//! `Table::new` accepts lays out in the DOCX and in the PDF with the same cells in the same
//! columns; every grid it refuses is a diagnostic at the offending `<td>`, never a panic.

use prikaz::model::{Block, Document};
use prikaz::pdf::frame::Item;
use prikaz::pdf::text::TtfMetrics;
use proptest::prelude::*;
use roxmltree::Document as Xml;
use std::collections::BTreeMap;
use std::path::Path;

const COLUMN_MM: f32 = 25.0;
const LEFT_MM: f32 = 30.0;

/// A random table: column count, head row count, and each row's cells as (colspan, rowspan).
#[derive(Debug, Clone)]
struct Spec {
    cols: usize,
    head: usize,
    rows: Vec<Vec<(usize, usize)>>,
}

fn spec() -> impl Strategy<Value = Spec> {
    // Spans that may or may not fit, and in one table of eight a zero span somewhere: about
    // half the tables are accepted.
    let colspan = prop_oneof![4 => Just(1usize), 1 => 2usize..4];
    let rowspan = prop_oneof![6 => Just(1usize), 1 => 2usize..4];
    let row = prop::collection::vec((colspan, rowspan), 0..4);
    let zero = prop::option::weighted(0.125, (0usize..7, 0usize..5, any::<bool>()));
    let rows = prop::collection::vec(row, 1..7);
    (3usize..7, rows, 0usize..3, zero).prop_map(|(cols, mut rows, head, zero)| {
        if let Some((r, i, col)) = zero {
            if let Some(cell) = rows.get_mut(r).and_then(|row| row.get_mut(i)) {
                *(if col { &mut cell.0 } else { &mut cell.1 }) = 0;
            }
        }
        Spec {
            cols,
            head: head.min(rows.len()),
            rows,
        }
    })
}

/// The text of the cell `i` of row `r`.
fn label(r: usize, i: usize) -> String {
    format!("r{r}c{i}")
}

fn markup(s: &Spec) -> String {
    let widths = vec![COLUMN_MM.to_string(); s.cols].join(" ");
    let mut m = format!(
        "<document title=\"t\" author=\"a\" lang=\"ru-RU\" font=\"Times New Roman\" size=\"14\" \
         footnote-size=\"10\">\n<section orientation=\"portrait\" top=\"20\" right=\"10\" \
         bottom=\"20\" left=\"{LEFT_MM}\" header=\"12.5\">\n<table widths=\"{widths}\">\n"
    );
    for (r, row) in s.rows.iter().enumerate() {
        m += if r < s.head {
            "<tr header=\"true\">"
        } else {
            "<tr>"
        };
        for (i, (c, rs)) in row.iter().enumerate() {
            let text = label(r, i);
            m += &format!("\n<td colspan=\"{c}\" rowspan=\"{rs}\"><p>{text}</p></td>");
        }
        m += "</tr>\n";
    }
    m + "</table>\n</section>\n</document>\n"
}

/// Every cell label in the DOCX, with the grid column its `w:tc` starts in.
fn docx_cells(doc: &Document) -> BTreeMap<String, usize> {
    let parts = prikaz::docx::parts(doc).unwrap();
    let xml = &parts
        .iter()
        .find(|(n, _)| n == "word/document.xml")
        .unwrap()
        .1;
    let xml = Xml::parse(xml).unwrap();
    let mut out = BTreeMap::new();
    for tr in xml.descendants().filter(|n| n.has_tag_name("tr")) {
        let mut col = 0;
        for tc in tr.children().filter(|n| n.has_tag_name("tc")) {
            let text: String = tc
                .descendants()
                .filter(|n| n.has_tag_name("t"))
                .filter_map(|n| n.text())
                .collect();
            if !text.is_empty() {
                assert!(out.insert(text, col).is_none(), "a cell written twice");
            }
            let span = tc
                .descendants()
                .find(|n| n.has_tag_name("gridSpan"))
                .and_then(|n| n.attributes().find(|a| a.name() == "val"))
                .map_or(1, |a| a.value().parse::<usize>().unwrap());
            col += span;
        }
    }
    out
}

fn metrics() -> TtfMetrics {
    TtfMetrics::from_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("fonts")).unwrap()
}

/// Every cell label on the PDF pages, with the column its text starts in (head cells repeat
/// on every page, in the same column).
fn pdf_cells(doc: &Document) -> BTreeMap<String, usize> {
    let pages = prikaz::pdf::layout::layout(doc, &metrics());
    let column = prikaz::model::mm(COLUMN_MM);
    let left = prikaz::model::mm(LEFT_MM);
    let mut out = BTreeMap::new();
    for item in pages.iter().flat_map(|p| &p.items) {
        if let Item::Text { x, text, .. } = item {
            if text.starts_with('r') {
                let col = ((x - left) / column).floor() as usize;
                let before = out.insert(text.clone(), col);
                assert!(before.is_none_or(|b| b == col), "{text} in two columns");
            }
        }
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn accepted_grids_give_the_same_cells_in_both_writers_and_refused_ones_a_diagnostic(s in spec()) {
        let text = markup(&s);
        match prikaz::markup::parse(&text, Path::new("grid.xml")) {
            Ok(doc) => {
                let Block::Table(table) = &doc.sections[0].blocks[0] else { panic!("no table") };
                let expected: Vec<String> = table
                    .rows()
                    .enumerate()
                    .flat_map(|(r, row)| (0..row.cells.len()).map(move |i| label(r, i)))
                    .collect();
                let docx = docx_cells(&doc);
                prop_assert_eq!(docx.keys().cloned().collect::<Vec<_>>().len(), expected.len());
                prop_assert_eq!(&docx, &pdf_cells(&doc));
            }
            Err(d) => {
                let about_spans = d.message.starts_with("таблица")
                    || d.message.contains("span=");
                prop_assert!(about_spans, "{}", d.message);
                let line = text.lines().nth(d.line - 1).unwrap_or_default();
                prop_assert!(line.starts_with("<td") || line.starts_with("<table"), "{d}");
            }
        }
    }
}

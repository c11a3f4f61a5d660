//! Geometry checks on laid-out pages of an order with a landscape roadmap appendix.

mod pdf_layout_doc;

use pdf_layout_doc::*;
use prikaz::model::{Block, Document, Inline, Meta, ParaStyle, Paragraph, RunStyle, Section};
use prikaz::pdf::frame::{Face, Item, Page};
use prikaz::pdf::layout::layout;

const TOL: f32 = 0.05;

/// Text runs of a page: (x, y, text, size, width, face).
fn texts(p: &Page) -> Vec<(f32, f32, &str, f32, f32, Face)> {
    p.items
        .iter()
        .filter_map(|i| match i {
            Item::Text {
                x,
                y,
                text,
                face,
                size,
                width,
            } => Some((*x, *y, text.as_str(), *size, *width, *face)),
            _ => None,
        })
        .collect()
}

fn pages() -> Vec<Page> {
    layout(&order(), &metrics())
}

fn is_landscape(p: &Page) -> bool {
    p.width > p.height
}

#[test]
fn page_numbers_are_centred_in_the_top_margin_from_page_two() {
    let pages = pages();
    assert!(pages.len() >= 6, "only {} pages", pages.len());
    for (i, p) in pages.iter().enumerate() {
        let setup = page(is_landscape(p));
        let in_margin: Vec<_> = texts(p)
            .into_iter()
            .filter(|t| t.1 < setup.margin_top)
            .collect();
        if i == 0 {
            assert!(in_margin.is_empty(), "page 1 shows {in_margin:?}");
            continue;
        }
        assert_eq!(in_margin.len(), 1, "page {}: {in_margin:?}", i + 1);
        let (x, y, text, _, w, _) = in_margin[0];
        assert_eq!(text, (i + 1).to_string());
        let centre = setup.margin_left + setup.text_width() / 2.0;
        assert!(
            (x + w / 2.0 - centre).abs() < TOL,
            "page {}: not centred",
            i + 1
        );
        assert!(y > setup.header_distance && y < setup.margin_top);
    }
}

#[test]
fn header_row_repeats_at_the_top_of_every_table_page() {
    let pages = pages();
    let table_pages: Vec<&Page> = pages.iter().filter(|p| is_landscape(p)).collect();
    assert!(
        table_pages.len() >= 3,
        "table covers {} pages",
        table_pages.len()
    );
    for (i, p) in table_pages.iter().enumerate() {
        let t = texts(p);
        let head = t
            .iter()
            .find(|t| t.2 == "Мероприятие")
            .expect("header on every page");
        // Nothing of the table's body stands above the header.
        let body_above = t
            .iter()
            .any(|x| x.3 == 12.0 && x.5 == Face::Regular && x.1 < head.1);
        assert!(
            !body_above,
            "table page {}: body text above the header",
            i + 1
        );
    }
}

/// Page index and y of every run equal to `word` at `size`.
fn find(pages: &[Page], word: &str, size: f32) -> Vec<(usize, f32)> {
    let mut out = Vec::new();
    for (i, p) in pages.iter().enumerate() {
        for t in texts(p) {
            if t.2 == word && (t.3 - size).abs() < 0.01 {
                out.push((i, t.1));
            }
        }
    }
    out
}

#[test]
fn footnotes_stand_on_the_page_of_their_mark() {
    let pages = pages();
    // Note 1 is in the order's text (14 pt), note 2 in the table header (12 pt).
    let mark1 = find(&pages, "1", 14.0 * 0.6);
    let body1 = find(&pages, "Министерства", 10.0);
    assert_eq!(mark1.len(), 1);
    assert_eq!(body1.len(), 1);
    assert_eq!(mark1[0].0, body1[0].0);
    assert!(mark1[0].1 < body1[0].1);
    let mark2 = find(&pages, "2", 12.0 * 0.6);
    let body2 = find(&pages, "разделам", 10.0);
    let table_pages = pages.iter().filter(|p| is_landscape(p)).count();
    assert_eq!(
        mark2.len(),
        table_pages,
        "the repeated header shows the mark again"
    );
    assert_eq!(body2.len(), 1, "the footnote text appears once");
    assert_eq!(mark2[0].0, body2[0].0);
    // The rule above the notes, two inches long as Word draws it.
    let rule = pages[body2[0].0].items.iter().any(|i| match i {
        Item::Line { x1, x2, y1, y2, .. } => {
            y1 == y2 && (x2 - x1 - 144.0).abs() < TOL && *y1 < body2[0].1
        }
        _ => false,
    });
    assert!(rule);
}

/// Vertical borders crossing height `y`, as x positions.
fn borders_at(p: &Page, y: f32) -> Vec<f32> {
    p.items
        .iter()
        .filter_map(|i| match i {
            Item::Line { x1, x2, y1, y2, .. } if x1 == x2 && *y1 <= y && y <= *y2 => Some(*x1),
            _ => None,
        })
        .collect()
}

#[test]
fn no_text_run_leaves_its_cell_or_the_text_area() {
    let pages = pages();
    let mut in_cells = 0;
    for (i, p) in pages.iter().enumerate() {
        let setup = page(is_landscape(p));
        for (x, y, text, _, w, _) in texts(p) {
            assert!(
                x >= setup.margin_left - TOL,
                "page {}: {text:?} at {x}",
                i + 1
            );
            assert!(
                x + w <= setup.width - setup.margin_right + TOL,
                "page {}: {text:?} ends at {}",
                i + 1,
                x + w
            );
            let borders = borders_at(p, y);
            let left = borders
                .iter()
                .copied()
                .filter(|b| *b <= x)
                .fold(f32::MIN, f32::max);
            let right = borders
                .iter()
                .copied()
                .filter(|b| *b > x)
                .fold(f32::MAX, f32::min);
            if left > f32::MIN && right < f32::MAX {
                in_cells += 1;
                assert!(
                    x >= left + 2.0,
                    "page {}: {text:?} touches the left border",
                    i + 1
                );
                assert!(
                    x + w <= right - 2.0 + TOL,
                    "page {}: {text:?} crosses the border at {right}",
                    i + 1
                );
            }
        }
    }
    assert!(in_cells > 1000, "{in_cells} runs in cells");
}

#[test]
fn justified_lines_end_flush_at_the_right_margin() {
    let style = body_style();
    let para = para(style, vec![text(&"В целях совершенствования системы научно-методического сопровождения педагогических работников ".repeat(12))]);
    let doc = Document {
        meta: meta(),
        sections: vec![Section {
            page: page(false),
            page_numbers: false,
            blocks: vec![Block::Paragraph(para)],
        }],
    };
    let pages = layout(&doc, &metrics());
    let setup = page(false);
    let right = setup.width - setup.margin_right;
    let mut lines: Vec<(f32, f32, f32)> = Vec::new(); // y, left, right
    for (x, y, _, _, w, _) in texts(&pages[0]) {
        match lines.iter_mut().find(|l| (l.0 - y).abs() < 0.01) {
            Some(l) => {
                l.1 = l.1.min(x);
                l.2 = l.2.max(x + w);
            }
            None => lines.push((y, x, x + w)),
        }
    }
    assert!(lines.len() > 10);
    assert!(
        (lines[0].1 - setup.margin_left - INDENT).abs() < TOL,
        "first-line indent"
    );
    for l in &lines[..lines.len() - 1] {
        assert!(
            (l.2 - right).abs() < TOL,
            "line at {} ends at {}, margin {right}",
            l.0,
            l.2
        );
    }
    assert!(
        lines.last().unwrap().2 < right - 1.0,
        "the last line is not stretched"
    );
}

#[test]
fn words_are_hyphenated_at_line_ends() {
    let pages = pages();
    let mut hyphenated = Vec::new();
    for p in &pages {
        for t in texts(p) {
            let s = t.2;
            if s.ends_with('-') && s.chars().rev().nth(1).is_some_and(char::is_alphabetic) {
                hyphenated.push(s.to_string());
            }
        }
    }
    // «научно-» ends a line at its own hyphen; the others were split by the patterns.
    let split: Vec<_> = hyphenated
        .iter()
        .filter(|s| !s.starts_with("научно"))
        .collect();
    assert!(!split.is_empty(), "no hyphenated word among {hyphenated:?}");
}

#[test]
fn a_group_row_never_ends_a_page() {
    let pages = pages();
    let mut groups = 0;
    for (i, p) in pages.iter().enumerate().filter(|(_, p)| is_landscape(p)) {
        let t = texts(p);
        for g in t.iter().filter(|t| t.2 == GROUP) {
            groups += 1;
            let below = t
                .iter()
                .any(|x| x.1 > g.1 && x.3 == 12.0 && x.5 == Face::Regular);
            assert!(below, "page {}: group row at {} ends the page", i + 1, g.1);
        }
    }
    assert!(groups >= 9);
}

#[test]
fn long_rows_split_across_pages_and_spanned_text_is_whole() {
    let pages = pages();
    // The long activity cells repeat a paragraph 14 times: more than one landscape page.
    let with_long: Vec<usize> = pages
        .iter()
        .enumerate()
        .filter(|(_, p)| {
            texts(p)
                .iter()
                .any(|t| t.2 == "образованием" && t.3 == 12.0)
        })
        .map(|(i, _)| i)
        .collect();
    assert!(with_long.len() >= 3, "{with_long:?}");
    // Every word of the rowspan cell is placed once.
    for w in ["Центр", "отдел", "института"] {
        assert_eq!(find(&pages, w, 12.0).len(), 1, "{w}");
    }
}

#[test]
fn layout_is_deterministic() {
    // Speed is measured in benches/, not here.
    let m = metrics();
    let doc = order();
    assert_eq!(layout(&doc, &m), layout(&doc, &m));
}

#[test]
fn characters_the_font_lacks_show_as_a_square_instead_of_vanishing() {
    let para = Paragraph::new(
        ParaStyle::plain(14.0),
        vec![Inline::Text {
            text: "знак 漢 и 😀".into(),
            style: RunStyle::default(),
        }],
    );
    let doc = Document {
        meta: Meta::default(),
        sections: vec![Section {
            page: page(false),
            page_numbers: false,
            blocks: vec![Block::Paragraph(para)],
        }],
    };
    let pages = layout(&doc, &metrics());
    let text: Vec<&str> = texts(&pages[0]).iter().map(|t| t.2).collect();
    assert_eq!(text, ["знак", "\u{25A1}", "и", "\u{25A1}"]);
}

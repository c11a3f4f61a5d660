//! Page flow on small pages with simple metrics: widows and orphans, keep-with-next, page
//! breaks, the footnote area, and tables that must not leave a header or a group alone.

use prikaz::model::*;
use prikaz::pdf::frame::{Item, Page};
use prikaz::pdf::layout::layout;
use prikaz::pdf::text::Mono;
use std::num::NonZeroUsize;

const MONO: Mono = Mono { width: 0.5 };

/// A page with a text area 160 wide and 100 high: ten lines of 10 pt.
fn small_page() -> PageSetup {
    PageSetup {
        width: 200.0,
        height: 140.0,
        orientation: Orientation::Portrait,
        margin_top: 20.0,
        margin_right: 20.0,
        margin_bottom: 20.0,
        margin_left: 20.0,
        header_distance: 5.0,
    }
}

fn doc(blocks: Vec<Block>, numbers: bool) -> Document {
    Document {
        meta: Meta {
            font_size: 10.0,
            ..Meta::default()
        },
        sections: vec![Section {
            page: small_page(),
            page_numbers: numbers,
            blocks,
        }],
    }
}

/// A paragraph of `n` lines: each line is one 32-character word (160 pt).
fn lines(tag: &str, n: usize) -> Block {
    let words: Vec<String> = (0..n).map(|i| format!("{tag}{i:0>31}")).collect();
    para(&words.join(" "))
}

fn para(s: &str) -> Block {
    Block::Paragraph(Paragraph {
        style_name: None,
        style: ParaStyle::plain(10.0),
        inlines: vec![Inline::Text {
            text: s.into(),
            style: RunStyle::default(),
        }],
    })
}

/// Texts of a page's runs in the text area, top to bottom, left to right.
fn body(p: &Page) -> Vec<String> {
    let mut t: Vec<(f32, f32, String)> = p
        .items
        .iter()
        .filter_map(|i| match i {
            Item::Text { x, y, text, .. } if *y > 20.0 => Some((*y, *x, text.clone())),
            _ => None,
        })
        .collect();
    t.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.total_cmp(&b.1)));
    t.into_iter().map(|x| x.2).collect()
}

fn run(blocks: Vec<Block>) -> Vec<Page> {
    layout(&doc(blocks, false), &MONO)
}

#[test]
fn a_first_line_never_stands_alone_at_the_foot() {
    let pages = run(vec![lines("a", 9), lines("b", 4)]);
    assert_eq!(body(&pages[0]).len(), 9);
    assert_eq!(body(&pages[1]).len(), 4);
}

#[test]
fn a_last_line_never_stands_alone_at_the_head() {
    // Room for three of four lines: two go here, two to the next page.
    let pages = run(vec![lines("a", 7), lines("b", 4)]);
    assert_eq!(body(&pages[0]).len(), 9);
    assert_eq!(body(&pages[1]).len(), 2);
}

#[test]
fn keep_with_next_moves_a_heading_to_the_next_page() {
    let mut heading = Paragraph {
        style_name: None,
        style: ParaStyle {
            keep_with_next: true,
            ..ParaStyle::plain(10.0)
        },
        inlines: vec![Inline::Text {
            text: "Заголовок".into(),
            style: RunStyle::default(),
        }],
    };
    heading.style.keep_with_next = true;
    let pages = run(vec![
        lines("a", 8),
        Block::Paragraph(heading),
        lines("b", 3),
    ]);
    assert_eq!(body(&pages[0]).len(), 8);
    assert_eq!(body(&pages[1])[0], "Заголовок");
}

#[test]
fn a_page_break_starts_a_new_page_and_numbers_start_on_page_two() {
    let pages = layout(
        &doc(vec![para("один"), Block::PageBreak, para("два")], true),
        &MONO,
    );
    assert_eq!(pages.len(), 2);
    let numbers: Vec<Vec<String>> = pages
        .iter()
        .map(|p| {
            p.items
                .iter()
                .filter_map(|i| match i {
                    Item::Text { y, text, .. } if *y < 20.0 => Some(text.clone()),
                    _ => None,
                })
                .collect()
        })
        .collect();
    assert_eq!(numbers, vec![vec![], vec!["2".to_string()]]);
}

fn footnote(text: &str) -> Inline {
    Inline::Footnote(
        Footnote::new(vec![Paragraph {
            style_name: None,
            style: ParaStyle::plain(10.0),
            inlines: vec![Inline::Text {
                text: text.into(),
                style: RunStyle::default(),
            }],
        }])
        .unwrap(),
    )
}

#[test]
fn a_footnote_takes_room_from_the_text_on_its_page() {
    // Seven lines and the note with its separator (two lines and the raised mark) fill
    // the page: the two lines after the marked one move on.
    let mut blocks: Vec<Block> = (0..6).map(|i| lines(&format!("{i}"), 1)).collect();
    blocks.push(Block::Paragraph(Paragraph {
        style_name: None,
        style: ParaStyle::plain(10.0),
        inlines: vec![
            Inline::Text {
                text: "отмечено".into(),
                style: RunStyle::default(),
            },
            footnote("сноска"),
        ],
    }));
    blocks.push(lines("x", 1));
    blocks.push(lines("y", 1));
    let pages = run(blocks);
    let first = body(&pages[0]);
    assert!(first.contains(&"сноска".to_string()));
    assert!(first.contains(&"отмечено".to_string()));
    assert!(!first.iter().any(|t| t.starts_with('x')));
    assert!(body(&pages[1])[0].starts_with('x'));
}

fn cell(s: &str) -> Cell {
    Cell {
        colspan: NonZeroUsize::MIN,
        rowspan: NonZeroUsize::MIN,
        valign: VAlign::Top,
        paragraphs: vec![Paragraph {
            style_name: None,
            style: ParaStyle::plain(10.0),
            inlines: vec![Inline::Text {
                text: s.into(),
                style: RunStyle::default(),
            }],
        }],
    }
}

/// A row and whether it belongs to the table's head.
fn row(cells: Vec<Cell>, header: bool, keep: bool) -> (bool, Row) {
    let row = Row {
        keep_with_next: keep,
        cells,
    };
    (header, row)
}

fn table(columns: Vec<f32>, rows: Vec<(bool, Row)>) -> Table {
    let (head, body): (Vec<_>, Vec<_>) = rows.into_iter().partition(|(header, _)| *header);
    let strip = |rows: Vec<(bool, Row)>| rows.into_iter().map(|(_, r)| r).collect();
    Table::new(columns, strip(head), strip(body)).unwrap()
}

#[test]
fn a_table_header_never_stands_alone_at_the_foot() {
    let table = table(
        vec![80.0, 80.0],
        vec![
            row(vec![cell("А"), cell("Б")], true, false),
            row(vec![cell("в"), cell("г")], false, false),
        ],
    );
    let pages = run(vec![lines("a", 9), Block::Table(table)]);
    assert_eq!(body(&pages[0]).len(), 9);
    assert_eq!(body(&pages[1]), vec!["А", "Б", "в", "г"]);
}

#[test]
fn a_rowspan_block_splits_and_its_spanning_cell_continues_on_the_next_page() {
    // As in Word and LibreOffice: the rows go to the page they fit on, the spanning cell's
    // border is closed at the page foot and opened again on the next page.
    let mut span = cell("общая");
    span.rowspan = NonZeroUsize::new(3).unwrap();
    let table = table(
        vec![80.0, 80.0],
        vec![
            row(vec![span, cell("1")], false, false),
            row(vec![cell("2")], false, false),
            row(vec![cell("3")], false, false),
        ],
    );
    let pages = run(vec![lines("a", 8), Block::Table(table)]);
    assert_eq!(pages.len(), 2);
    assert_eq!(body(&pages[0])[8..], ["общая", "1", "2"]);
    assert_eq!(body(&pages[1]), vec!["3"]);
    let left_border = pages[1].items.iter().any(
        |i| matches!(i, Item::Line { x1, x2, y1, .. } if *x1 == 20.0 && *x2 == 20.0 && *y1 == 20.0),
    );
    assert!(
        left_border,
        "the spanning cell goes on at the top of page 2"
    );
}

#[test]
fn a_footnote_in_a_body_cell_goes_to_the_page_of_its_row() {
    let mut marked = cell("с меткой");
    marked.paragraphs[0].inlines.push(footnote("текст сноски"));
    let mut rows = vec![row(vec![cell("Шапка"), cell("таблицы")], true, false)];
    for i in 0..12 {
        rows.push(row(
            vec![cell(&format!("{i}")), cell("строка")],
            false,
            false,
        ));
    }
    rows.push(row(vec![cell("13"), marked], false, false));
    let table = table(vec![80.0, 80.0], rows);
    let pages = run(vec![Block::Table(table)]);
    let page_of = |word: &str| pages.iter().position(|p| body(p).iter().any(|t| t == word));
    assert_eq!(page_of("сноски"), page_of("меткой"));
    assert!(page_of("меткой").unwrap() > 0);
}

#[test]
fn a_title_header_and_group_row_move_together_with_the_first_activity() {
    let mut title = Paragraph {
        style_name: None,
        style: ParaStyle {
            keep_with_next: true,
            ..ParaStyle::plain(10.0)
        },
        inlines: vec![Inline::Text {
            text: "Дорожная".into(),
            style: RunStyle::default(),
        }],
    };
    title.style.keep_with_next = true;
    let mut group = cell("2023");
    group.colspan = NonZeroUsize::new(2).unwrap();
    let table = table(
        vec![80.0, 80.0],
        vec![
            row(vec![cell("А"), cell("Б")], true, false),
            row(vec![group], false, true),
            row(vec![cell("1."), cell("дело")], false, false),
        ],
    );
    let pages = run(vec![
        lines("a", 7),
        Block::Paragraph(title),
        Block::Table(table),
    ]);
    assert_eq!(body(&pages[0]).len(), 7);
    assert_eq!(
        body(&pages[1]),
        vec!["Дорожная", "А", "Б", "2023", "1.", "дело"]
    );
}

#[test]
fn a_long_footnote_continues_on_the_next_page() {
    let words: Vec<String> = (0..6).map(|i| format!("f{i:0>29}")).collect();
    let mut blocks: Vec<Block> = (0..5).map(|i| lines(&format!("{i}"), 1)).collect();
    blocks.push(Block::Paragraph(Paragraph {
        style_name: None,
        style: ParaStyle::plain(10.0),
        inlines: vec![
            Inline::Text {
                text: "отмечено".into(),
                style: RunStyle::default(),
            },
            footnote(&words.join(" ")),
        ],
    }));
    blocks.push(lines("z", 3));
    let pages = run(blocks);
    let first = body(&pages[0]);
    assert!(first.contains(&"отмечено".to_string()));
    assert!(
        !first.iter().any(|t| t.starts_with('z')),
        "the page ends with the mark"
    );
    let notes =
        |p: &Page| -> Vec<String> { body(p).into_iter().filter(|t| t.starts_with('f')).collect() };
    assert_eq!(notes(&pages[0]), words[..2].to_vec());
    assert_eq!(notes(&pages[1]), words[2..].to_vec());
    // The continuation sits under a full-width rule, above the page's own text's end.
    let full_rule = pages[1]
        .items
        .iter()
        .any(|i| matches!(i, Item::Line { x1, x2, y1, y2, .. } if y1 == y2 && x2 - x1 > 159.0));
    assert!(full_rule);
    assert_eq!(
        body(&pages[1])
            .iter()
            .filter(|t| t.starts_with('z'))
            .count(),
        3
    );
}

fn foot_para(s: &str) -> Block {
    let mut block = para(s);
    if let Block::Paragraph(p) = &mut block {
        p.style.at_page_foot = true;
        p.style.space_before = 30.0;
    }
    block
}

/// Baseline of the run `text` on `page`.
fn baseline_of(page: &Page, text: &str) -> Option<f32> {
    page.items.iter().find_map(|i| match i {
        Item::Text { y, text: t, .. } if t == text => Some(*y),
        _ => None,
    })
}

#[test]
fn a_foot_paragraph_stands_on_the_bottom_of_the_text_area_and_ends_the_page() {
    let pages = run(vec![lines("a", 3), foot_para("Исполнитель"), lines("b", 1)]);
    assert_eq!(pages.len(), 2);
    // The text area ends at 120; the 10 pt line's baseline sits just above.
    let y = baseline_of(&pages[0], "Исполнитель").unwrap();
    assert!(y > 110.0 && y < 120.0, "baseline at {y}");
    assert!(body(&pages[1])[0].starts_with('b'));
}

#[test]
fn a_foot_paragraph_without_room_under_the_text_goes_to_the_next_page() {
    // Nine lines leave ten points, less than the paragraph's space before and its line.
    let pages = run(vec![lines("a", 9), foot_para("Исполнитель")]);
    assert_eq!(pages.len(), 2);
    assert!(baseline_of(&pages[0], "Исполнитель").is_none());
    let y = baseline_of(&pages[1], "Исполнитель").unwrap();
    assert!(y > 110.0 && y < 120.0, "baseline at {y}");
}

#[test]
fn a_row_whose_long_cell_cannot_start_on_the_page_moves_whole() {
    // Two lines are left under row 1. Row 2's three-line cell could only leave one line
    // here (widow and orphan control forbid that), so «2» must not stay behind on its own.
    let table = table(
        vec![80.0, 80.0],
        vec![
            row(vec![cell("1"), cell("12345")], false, false),
            row(
                vec![cell("2"), cell("12345 12345 12345 12345 12345 12345")],
                false,
                false,
            ),
        ],
    );
    let pages = run(vec![lines("a", 7), Block::Table(table)]);
    assert_eq!(pages.len(), 2);
    assert!(
        !body(&pages[0]).contains(&"2".to_string()),
        "{:?}",
        body(&pages[0])
    );
    assert_eq!(body(&pages[1])[0], "2");
    assert_eq!(
        body(&pages[1])
            .iter()
            .filter(|t| t.contains("12345"))
            .count(),
        6
    );
}

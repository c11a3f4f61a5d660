//! Setting single paragraphs: alignment, indents, tabs, letter spacing, no-break spaces,
//! footnote marks and forced line breaks, checked on the positioned runs.

use prikaz::model::{Align, Footnote, Inline, ParaStyle, Paragraph, RunStyle};
use prikaz::pdf::frame::Item;
use prikaz::pdf::text::{LineBox, Mono, SetOptions, Typesetter};

const MONO: Mono = Mono { width: 0.5 };

fn text(s: &str) -> Inline {
    Inline::Text {
        text: s.into(),
        style: RunStyle::default(),
    }
}

fn style(align: Align) -> ParaStyle {
    ParaStyle {
        align,
        ..ParaStyle::plain(10.0)
    }
}

fn set(style: ParaStyle, inlines: Vec<Inline>, width: f32) -> Vec<LineBox> {
    let mut ts = Typesetter::new(&MONO);
    let para = Paragraph::new(style, inlines);
    ts.set(&para, width, SetOptions::default(), &mut |_| 7)
}

/// (x, text, width) of every run of a line.
fn runs(line: &LineBox) -> Vec<(f32, &str, f32)> {
    line.items
        .iter()
        .filter_map(|i| match i {
            Item::Text { x, text, width, .. } => Some((*x, text.as_str(), *width)),
            _ => None,
        })
        .collect()
}

fn right_end(line: &LineBox) -> f32 {
    runs(line).iter().map(|r| r.0 + r.2).fold(0.0, f32::max)
}

#[test]
fn justified_lines_fill_the_width_except_the_last() {
    let lines = set(
        style(Align::Justify),
        vec![text(&"аа бб вв ".repeat(10))],
        100.0,
    );
    assert!(lines.len() > 2);
    for l in &lines[..lines.len() - 1] {
        assert!((right_end(l) - 100.0).abs() < 0.01);
    }
    assert!(right_end(lines.last().unwrap()) < 100.0);
}

#[test]
fn a_manual_line_break_ends_a_line_without_stretching_it() {
    let inlines = vec![text("аа бб"), Inline::LineBreak, text("вв")];
    let lines = set(style(Align::Justify), inlines, 100.0);
    assert_eq!(lines.len(), 2);
    assert_eq!(right_end(&lines[0]), 25.0);
}

#[test]
fn centre_and_right_alignment() {
    let c = set(style(Align::Center), vec![text("аааа")], 100.0);
    assert_eq!(runs(&c[0])[0].0, 40.0);
    let r = set(style(Align::Right), vec![text("аааа")], 100.0);
    assert_eq!(runs(&r[0])[0].0, 80.0);
}

#[test]
fn indents_and_a_hanging_first_line() {
    let st = ParaStyle {
        indent_left: 20.0,
        indent_right: 10.0,
        first_line_indent: -15.0,
        ..style(Align::Left)
    };
    let lines = set(st, vec![text(&"аа ".repeat(30))], 100.0);
    assert_eq!(runs(&lines[0])[0].0, 5.0);
    assert_eq!(runs(&lines[1])[0].0, 20.0);
    assert!(lines.iter().all(|l| right_end(l) <= 90.0));
}

#[test]
fn text_after_a_right_tab_ends_at_the_right_edge() {
    let st = ParaStyle {
        right_tab: true,
        ..style(Align::Left)
    };
    let lines = set(
        st,
        vec![text("27.06.2023"), Inline::Tab, text("№\u{a0}368")],
        200.0,
    );
    let r = runs(&lines[0]);
    assert_eq!(r[0].0, 0.0);
    assert_eq!(
        r.last().unwrap().1,
        "№ 368",
        "a no-break space is drawn as a space"
    );
    assert!((right_end(&lines[0]) - 200.0).abs() < 0.01);
}

#[test]
fn no_break_spaces_never_break() {
    let lines = set(
        style(Align::Left),
        vec![text(&"А.Г.\u{a0}Обоскалов ".repeat(6))],
        80.0,
    );
    for l in &lines {
        assert!(runs(l).iter().all(|r| r.1 != "Обоскалов"), "{:?}", runs(l));
    }
}

#[test]
fn letter_spaced_runs_put_room_after_each_letter() {
    let spaced = Inline::Text {
        text: "ПРИКАЗ".into(),
        style: RunStyle {
            spaced: true,
            ..RunStyle::default()
        },
    };
    let lines = set(style(Align::Left), vec![spaced], 200.0);
    let r = runs(&lines[0]);
    assert_eq!(r.len(), 6);
    assert_eq!(r[1].0 - r[0].0, 5.0 + 3.0);
}

#[test]
fn footnote_marks_are_small_raised_and_numbered() {
    let body = Paragraph::new(ParaStyle::plain(10.0), vec![text("сноска")]);
    let note = Inline::Footnote(Footnote::new(vec![body]).unwrap());
    let lines = set(
        style(Align::Left),
        vec![text("слово"), note, text(",")],
        200.0,
    );
    let l = &lines[0];
    assert_eq!(l.notes, vec![7]);
    let mark = l
        .items
        .iter()
        .find_map(|i| match i {
            Item::Text {
                text, size, y, x, ..
            } if text == "7" => Some((*x, *size, *y)),
            _ => None,
        })
        .unwrap();
    assert_eq!(mark.0, 25.0, "the mark follows its word without a space");
    assert!((mark.1 - 6.0).abs() < 0.01);
    assert!(mark.2 < 0.0, "raised above the baseline");
}

#[test]
fn a_word_too_wide_for_a_narrow_column_is_split_between_letters() {
    let lines = set(style(Align::Left), vec![text("01/1311-2023/456")], 30.0);
    assert!(lines.len() > 1);
    assert!(lines.iter().all(|l| right_end(l) <= 30.0 + 0.01));
}

#[test]
fn line_height_is_ascent_descent_and_gap_times_spacing() {
    let st = ParaStyle {
        line_spacing: 1.5,
        ..style(Align::Left)
    };
    let lines = set(st, vec![], 100.0);
    assert_eq!(lines.len(), 1, "an empty paragraph still takes a line");
    assert!((lines[0].height - 15.0).abs() < 0.01);
    assert!((lines[0].baseline - 8.0).abs() < 0.01);
}

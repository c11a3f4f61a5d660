//! A document shaped like a real order with a landscape roadmap appendix, built by hand for
//! the layout tests, and the metrics of the body font.

use std::num::NonZeroUsize;
use std::path::Path;

use prikaz::model::*;
use prikaz::pdf::text::TtfMetrics;

/// Liberation Serif from `fonts/`, or from the system (fonts-liberation2).
pub fn metrics() -> TtfMetrics {
    let local = Path::new(env!("CARGO_MANIFEST_DIR")).join("fonts");
    let system = Path::new("/usr/share/fonts/truetype/liberation2");
    TtfMetrics::from_dir(&local)
        .or_else(|_| TtfMetrics::from_dir(system))
        .expect("Liberation Serif in fonts/ or /usr/share/fonts/truetype/liberation2")
}

/// Text of the footnote in the table header.
pub const HEAD_NOTE: &str = "Результаты указаны по разделам Концепции развития системы.";
/// Text of the footnote in the order's text.
pub const BODY_NOTE: &str = "Приказ Министерства просвещения Российской Федерации.";
/// Group rows start with this.
pub const GROUP: &str = "Раздел";
/// First-line indent of body paragraphs (1.25 cm).
pub const INDENT: f32 = 35.4;

pub fn text(s: &str) -> Inline {
    Inline::Text {
        text: s.into(),
        style: RunStyle::default(),
    }
}

pub fn para(style: ParaStyle, inlines: Vec<Inline>) -> Paragraph {
    Paragraph::new(style, inlines)
}

pub fn styled(size: f32, align: Align) -> ParaStyle {
    ParaStyle {
        align,
        ..ParaStyle::plain(size)
    }
}

pub fn body_style() -> ParaStyle {
    ParaStyle {
        align: Align::Justify,
        first_line_indent: INDENT,
        ..ParaStyle::plain(14.0)
    }
}

pub fn page(landscape: bool) -> PageSetup {
    let orientation = if landscape {
        Orientation::Landscape
    } else {
        Orientation::Portrait
    };
    PageSetup::a4(orientation, [20.0, 10.0, 20.0, 30.0], 10.0)
}

pub fn meta() -> Meta {
    Meta {
        title: "Об утверждении Концепции".into(),
        author: "ГБУ ДПО ЧИППКРО".into(),
        ..Meta::default()
    }
}

const PREAMBLE: &str = "В рамках реализации государственной программы Челябинской области \
«Развитие образования в Челябинской области», в целях совершенствования системы научно-\
методического сопровождения педагогических работников и управленческих кадров, \
обеспечения непрерывного профессионального развития и повышения квалификации \
специалистов муниципальных органов управления образованием";

fn order_blocks() -> Vec<Block> {
    let center = |s: &str| Block::Paragraph(para(styled(14.0, Align::Center), vec![text(s)]));
    let mut blocks = vec![
        center("Министерство образования и науки Челябинской области"),
        center("государственное бюджетное учреждение дополнительного профессионального образования «Челябинский институт переподготовки и повышения квалификации работников образования»"),
        center("(ГБУ ДПО ЧИППКРО)"),
        Block::Paragraph(para(
            ParaStyle { bold: true, space_before: 12.0, space_after: 12.0, ..styled(14.0, Align::Center) },
            vec![Inline::Text { text: "ПРИКАЗ".into(), style: RunStyle { spaced: true, ..RunStyle::default() } }],
        )),
        Block::Paragraph(para(
            ParaStyle { right_tab: true, ..ParaStyle::plain(14.0) },
            vec![text("27.06.2023"), Inline::Tab, text("№\u{a0}368")],
        )),
        center("Челябинск"),
        Block::Paragraph(para(
            ParaStyle { bold: true, keep_with_next: true, space_before: 12.0, space_after: 12.0, ..ParaStyle::plain(14.0) },
            vec![text("Об утверждении Концепции развития системы научно-методического сопровождения")],
        )),
    ];
    for i in 0..14 {
        let mut inlines = vec![text(PREAMBLE)];
        if i == 2 {
            inlines.push(Inline::Footnote(
                Footnote::new(vec![para(body_style(), vec![text(BODY_NOTE)])]).unwrap(),
            ));
        }
        inlines.push(text(&format!(", пункт {}.", i + 1)));
        blocks.push(Block::Paragraph(para(body_style(), inlines)));
    }
    blocks.push(Block::Paragraph(para(
        ParaStyle::plain(14.0),
        vec![text("ПРИКАЗЫВАЮ:")],
    )));
    blocks.push(Block::Paragraph(para(
        ParaStyle {
            right_tab: true,
            space_before: 24.0,
            ..ParaStyle::plain(14.0)
        },
        vec![text("Ректор"), Inline::Tab, text("А.Г.\u{a0}Обоскалов")],
    )));
    blocks
}

fn cell(paragraphs: Vec<Paragraph>) -> Cell {
    Cell {
        colspan: NonZeroUsize::MIN,
        rowspan: NonZeroUsize::MIN,
        valign: VAlign::Top,
        paragraphs,
    }
}

fn cell_text(s: &str) -> Cell {
    cell(vec![para(styled(12.0, Align::Left), vec![text(s)])])
}

fn row(cells: Vec<Cell>) -> Row {
    Row {
        keep_with_next: false,
        cells,
    }
}

fn group(s: &str) -> Row {
    let mut c = cell(vec![para(
        ParaStyle {
            bold: true,
            ..styled(12.0, Align::Center)
        },
        vec![text(s)],
    )]);
    c.colspan = NonZeroUsize::new(5).unwrap();
    Row {
        keep_with_next: true,
        cells: vec![c],
    }
}

/// The roadmap table: a header row with a footnote, groups, a rowspan-3 cell, long cells.
pub fn roadmap() -> Table {
    let width = page(true).text_width();
    let columns = vec![40.0, 250.0, 140.0, 130.0, width - 560.0];
    let head = |s: &str| {
        cell(vec![para(
            ParaStyle {
                bold: true,
                ..styled(12.0, Align::Center)
            },
            vec![text(s)],
        )])
    };
    let mut result = head("Результаты Концепции");
    result.paragraphs[0].inlines.push(Inline::Footnote(
        Footnote::new(vec![para(ParaStyle::plain(10.0), vec![text(HEAD_NOTE)])]).unwrap(),
    ));
    let head_rows = vec![Row {
        keep_with_next: false,
        cells: vec![
            head("№ п/п"),
            head("Мероприятие"),
            head("Сроки"),
            head("Ответственные"),
            result,
        ],
    }];
    let mut rows = vec![];
    let mut n = 0;
    for g in 0..6 {
        rows.push(group(&format!(
            "{GROUP} {}. Управление системой научно-методического сопровождения",
            g + 1
        )));
        if g % 2 == 1 {
            rows.push(group(&format!(
                "{GROUP} {}.1. Повышение квалификации",
                g + 1
            )));
        }
        for k in 0..11 {
            n += 1;
            let long = (g == 2 && k == 4) || (g == 4 && k == 7);
            let activity = if long {
                cell(
                    (0..14)
                        .map(|_| para(styled(12.0, Align::Justify), vec![text(PREAMBLE)]))
                        .collect(),
                )
            } else {
                cell_text("Организация и проведение мониторинга профессиональных дефицитов педагогических работников")
            };
            let mut cells = vec![
                cell_text(&format!("{n}.")),
                activity,
                cell_text("2023–2025 гг."),
            ];
            if g == 1 && k == 3 {
                let mut span = cell_text("Центр непрерывного повышения профессионального мастерства педагогических работников, отдел сопровождения и все кафедры института");
                span.rowspan = NonZeroUsize::new(3).unwrap();
                cells.push(span);
            } else if !(g == 1 && (k == 4 || k == 5)) {
                cells.push(cell_text("Кафедра управления"));
            }
            cells.push(cell_text(
                "Доля педагогов, прошедших диагностику, не менее 60 %",
            ));
            rows.push(row(cells));
        }
    }
    Table::new(columns, head_rows, rows).unwrap()
}

/// The whole document: the order (portrait) and the roadmap appendix (landscape).
pub fn order() -> Document {
    let appendix = vec![
        Block::Paragraph(para(
            ParaStyle {
                indent_left: 450.0,
                ..ParaStyle::plain(14.0)
            },
            vec![
                text("Приложение"),
                Inline::LineBreak,
                text("к приказу ГБУ ДПО ЧИППКРО"),
                Inline::LineBreak,
                text("от 27.06.2023 №\u{a0}368"),
            ],
        )),
        Block::Paragraph(para(
            ParaStyle {
                bold: true,
                keep_with_next: true,
                space_before: 12.0,
                space_after: 12.0,
                ..styled(14.0, Align::Center)
            },
            vec![text("Дорожная карта реализации Концепции")],
        )),
        Block::Table(roadmap()),
    ];
    Document {
        meta: meta(),
        sections: vec![
            Section {
                page: page(false),
                page_numbers: true,
                blocks: order_blocks(),
            },
            Section {
                page: page(true),
                page_numbers: true,
                blocks: appendix,
            },
        ],
    }
}

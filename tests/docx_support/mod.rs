//! Hand-built documents for the DOCX writer tests: an order with a landscape roadmap
//! appendix, and a small document for snapshots.
#![allow(dead_code)]

use std::io::Read;
use std::num::NonZeroUsize;

use prikaz::model::*;

/// Body text size of orders.
pub const BODY: f32 = 14.0;
/// Table text size.
pub const TABLE: f32 = 12.0;

/// A4 with the practice margins (left 30 mm, right 10 mm, top and bottom 20 mm).
pub fn a4(orientation: Orientation) -> PageSetup {
    PageSetup::a4(orientation, [20.0, 10.0, 20.0, 30.0], 10.0)
}

pub fn meta() -> Meta {
    Meta {
        title: "Об утверждении дорожной карты".into(),
        author: "ГБУ ДПО ЧИППКРО".into(),
        font_size: BODY,
        ..Meta::default()
    }
}

pub fn text(s: &str) -> Inline {
    Inline::Text {
        text: s.into(),
        style: RunStyle::default(),
    }
}

pub fn styled(s: &str, style: RunStyle) -> Inline {
    Inline::Text {
        text: s.into(),
        style,
    }
}

pub fn note(s: &str) -> Inline {
    let style = ParaStyle {
        align: Align::Justify,
        ..ParaStyle::plain(10.0)
    };
    Inline::Footnote(Footnote::new(vec![Paragraph::new(style, vec![text(s)])]).unwrap())
}

pub fn para(style: ParaStyle, inlines: Vec<Inline>) -> Block {
    Block::Paragraph(Paragraph::new(style, inlines))
}

pub fn centred(size: f32) -> ParaStyle {
    ParaStyle {
        align: Align::Center,
        ..ParaStyle::plain(size)
    }
}

/// Justified 14 pt body text with the 1.25 cm first-line indent.
pub fn body() -> ParaStyle {
    ParaStyle {
        align: Align::Justify,
        first_line_indent: 35.4,
        ..ParaStyle::plain(BODY)
    }
}

pub fn cell(paragraphs: Vec<Paragraph>) -> Cell {
    Cell {
        colspan: NonZeroUsize::MIN,
        rowspan: NonZeroUsize::MIN,
        valign: VAlign::Top,
        paragraphs,
    }
}

pub fn cell_text(s: &str, align: Align) -> Cell {
    cell(vec![Paragraph {
        style_name: None,
        style: ParaStyle {
            align,
            ..ParaStyle::plain(TABLE)
        },
        inlines: vec![text(s)],
    }])
}

fn row(cells: Vec<Cell>) -> Row {
    Row {
        keep_with_next: false,
        cells,
    }
}

fn group(title: &str) -> Row {
    let mut c = cell_text(title, Align::Left);
    c.colspan = NonZeroUsize::new(5).unwrap();
    c.paragraphs[0].style.bold = true;
    Row {
        keep_with_next: true,
        cells: vec![c],
    }
}

/// The order part: organisation block, «ПРИКАЗ», date and number, text, signature.
fn order_section() -> Section {
    let mut blocks = vec![
        para(
            centred(BODY),
            vec![text("Министерство образования и науки Челябинской области")],
        ),
        para(
            centred(BODY),
            vec![text(
                "Государственное бюджетное учреждение дополнительного профессионального \
                 образования «Челябинский институт переподготовки и повышения квалификации \
                 работников образования»",
            )],
        ),
        para(centred(BODY), vec![text("(ГБУ ДПО ЧИППКРО)")]),
        para(
            ParaStyle {
                bold: true,
                space_before: 12.0,
                space_after: 12.0,
                ..centred(16.0)
            },
            vec![styled(
                "ПРИКАЗ",
                RunStyle {
                    spaced: true,
                    ..RunStyle::default()
                },
            )],
        ),
        para(
            ParaStyle {
                right_tab: true,
                ..ParaStyle::plain(BODY)
            },
            vec![text("27.06.2023"), Inline::Tab, text("№\u{a0}368")],
        ),
        para(centred(BODY), vec![text("Челябинск")]),
        para(
            ParaStyle {
                bold: true,
                space_before: 12.0,
                space_after: 12.0,
                ..ParaStyle::plain(BODY)
            },
            vec![text("Об утверждении дорожной карты")],
        ),
        para(
            body(),
            vec![
                text(
                    "В рамках реализации Концепции развития системы дополнительного \
                     профессионального педагогического образования",
                ),
                note(
                    "Утверждена приказом Министерства образования и науки от 01.02.2023 № 01/100.",
                ),
                text(" и в целях обеспечения согласованной работы структурных подразделений"),
            ],
        ),
        para(ParaStyle::plain(BODY), vec![text("ПРИКАЗЫВАЮ:")]),
    ];
    for i in 1..=4 {
        blocks.push(para(
            body(),
            vec![text(&format!(
                "{i}. Утвердить прилагаемую дорожную карту реализации Концепции на 2023–2025\u{a0}гг. \
                 и обеспечить её выполнение в установленные сроки всеми ответственными \
                 исполнителями, указанными в приложении к настоящему приказу."
            ))],
        ));
    }
    blocks.push(para(
        body(),
        vec![text(
            "5. Контроль за исполнением приказа оставляю за собой.",
        )],
    ));
    blocks.push(para(
        ParaStyle {
            right_tab: true,
            space_before: 36.0,
            ..ParaStyle::plain(BODY)
        },
        vec![text("Ректор"), Inline::Tab, text("А.Г.\u{a0}Обоскалов")],
    ));
    Section {
        page: a4(Orientation::Portrait),
        page_numbers: true,
        blocks,
    }
}

/// The roadmap table: a header row with a footnote, group rows over all five columns, a
/// rowspan of three, and enough rows for several landscape pages.
pub fn roadmap() -> Table {
    let head = |s: &str| {
        let mut c = cell_text(s, Align::Center);
        c.valign = VAlign::Center;
        c
    };
    let mut results = head("Результаты Концепции");
    results.paragraphs[0]
        .inlines
        .push(note("Пункты Концепции, на которые работает мероприятие."));
    let head_rows = vec![Row {
        keep_with_next: false,
        cells: vec![
            head("№ п/п"),
            head("Мероприятие"),
            head("Срок"),
            head("Ответственный"),
            results,
        ],
    }];
    let mut rows = vec![];
    for year in 2023..=2025 {
        rows.push(group(&year.to_string()));
        for g in 1..=2 {
            rows.push(group(&format!("{g}. Управление системой, {year}")));
            for n in 1..=12 {
                let mut cells = vec![
                    cell_text(&format!("{g}.{n}"), Align::Center),
                    cell_text(
                        &format!(
                            "Мероприятие {year}/{g}/{n}: проведение семинара для руководителей \
                             образовательных организаций"
                        ),
                        Align::Left,
                    ),
                    cell_text(&format!("{n:02}.{year}"), Align::Center),
                ];
                // The first activity of each group shares its executor with the next two.
                if n % 12 == 1 {
                    let mut c = cell_text("Кафедра управления (три мероприятия)", Align::Left);
                    c.rowspan = NonZeroUsize::new(3).unwrap();
                    cells.push(c);
                } else if n % 12 > 3 || n % 12 == 0 {
                    cells.push(cell_text("Отдел методического сопровождения", Align::Left));
                }
                cells.push(cell_text("п. 3.1", Align::Center));
                rows.push(row(cells));
            }
        }
    }
    Table::new(vec![40.0, 300.0, 70.0, 160.0, 158.0], head_rows, rows).unwrap()
}

fn appendix_section() -> Section {
    let right = ParaStyle {
        indent_left: 500.0,
        ..ParaStyle::plain(BODY)
    };
    Section {
        page: a4(Orientation::Landscape),
        page_numbers: true,
        blocks: vec![
            para(
                right,
                vec![
                    text("УТВЕРЖДЕНА"),
                    Inline::LineBreak,
                    text("приказом ГБУ ДПО ЧИППКРО"),
                    Inline::LineBreak,
                    text("от 27.06.2023 № 368"),
                ],
            ),
            para(
                ParaStyle {
                    bold: true,
                    space_before: 12.0,
                    space_after: 12.0,
                    ..centred(BODY)
                },
                vec![text("Дорожная карта реализации Концепции")],
            ),
            Block::Table(roadmap()),
        ],
    }
}

fn approval_section() -> Section {
    Section {
        page: a4(Orientation::Portrait),
        page_numbers: false,
        blocks: vec![
            para(
                ParaStyle {
                    bold: true,
                    ..centred(BODY)
                },
                vec![text("ЛИСТ СОГЛАСОВАНИЯ")],
            ),
            para(
                body(),
                vec![text("Проректор по учебной работе — согласовано.")],
            ),
        ],
    }
}

/// An order with a landscape roadmap appendix and an unnumbered approval sheet.
pub fn order() -> Document {
    Document {
        meta: meta(),
        sections: vec![order_section(), appendix_section(), approval_section()],
    }
}

/// A small document: one paragraph with a footnote, a 2×2 table with a header row and a
/// rowspan, in a portrait and a landscape section.
pub fn small() -> Document {
    let mut origin = cell_text("A", Align::Left);
    origin.rowspan = NonZeroUsize::new(2).unwrap();
    let head = Row {
        keep_with_next: false,
        cells: vec![cell_text("Заголовок", Align::Center), {
            let mut c = cell_text("Итог", Align::Center);
            c.paragraphs[0].inlines.push(note("Сноска в шапке."));
            c
        }],
    };
    let body_rows = vec![
        row(vec![origin, cell_text("B", Align::Left)]),
        row(vec![cell_text("C", Align::Left)]),
    ];
    let table = Table::new(vec![100.0, 200.0], vec![head], body_rows).unwrap();
    Document {
        meta: meta(),
        sections: vec![
            Section {
                page: a4(Orientation::Portrait),
                page_numbers: true,
                blocks: vec![para(
                    body(),
                    vec![text("Текст"), note("Первая сноска."), text(".")],
                )],
            },
            Section {
                page: a4(Orientation::Landscape),
                page_numbers: true,
                blocks: vec![Block::Table(table)],
            },
        ],
    }
}

/// The named part of a written `.docx`, read back from the archive.
pub fn part(docx: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).expect("a zip archive");
    let mut s = String::new();
    zip.by_name(name)
        .unwrap_or_else(|_| panic!("no part {name}"))
        .read_to_string(&mut s)
        .expect("UTF-8 part");
    s
}

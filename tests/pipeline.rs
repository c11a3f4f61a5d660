//! The data → templates → markup → model pipeline on the sample data and a small fixture.

use prikaz::model::{Block, Document, Inline};
use prikaz::template::Templates;
use std::path::Path;

fn prepare(path: &str) -> prikaz::Prepared {
    let templates = Templates::built_in().expect("built-in templates compile");
    prikaz::prepare(Path::new(path), &templates).unwrap_or_else(|d| panic!("{path}:\n{d}"))
}

fn paragraph_texts(doc: &Document) -> Vec<String> {
    let mut out = Vec::new();
    for s in &doc.sections {
        for b in &s.blocks {
            if let Block::Paragraph(p) = b {
                let mut t = String::new();
                for i in &p.inlines {
                    if let Inline::Text { text, .. } = i {
                        t.push_str(text);
                    }
                }
                out.push(t);
            }
        }
    }
    out
}

#[test]
fn order_368_points_are_numbered_without_gaps() {
    let p = prepare("data/chippkro-368.toml");
    let texts = paragraph_texts(&p.document);
    let numbers: Vec<&str> = texts
        .iter()
        .filter_map(|t| t.split(' ').next())
        .filter(|w| ["1.", "2.", "2.1", "2.2", "3.", "5."].contains(w))
        .take(5)
        .collect();
    assert_eq!(numbers, ["1.", "2.", "2.1", "2.2", "3."]);
    assert!(texts
        .iter()
        .any(|t| t.starts_with("3. Контроль за исполнением")));
}

#[test]
fn order_368_warns_about_the_contest_listed_twice_in_each_year() {
    let p = prepare("data/chippkro-368.toml");
    // Once in 2023 and once in 2024, each time in group 3.2, on the repeated row's line.
    let lines: Vec<usize> = p.warnings.iter().map(|w| w.line).collect();
    assert_eq!(lines.len(), 2, "{:?}", p.warnings);
    assert_ne!(lines[0], lines[1]);
    assert!(p.warnings.iter().all(|w| w.message.contains("повтор")));
    assert!(p.warnings[0].file.ends_with("chippkro-368-roadmap.toml"));
}

#[test]
fn sample_documents_have_the_expected_sections() {
    let order = prepare("data/chippkro-368.toml").document;
    assert_eq!(order.sections.len(), 2, "the order, then the concept");
    assert_eq!(order.meta.author, "ГБУ ДПО ЧИППКРО");
    let school = prepare("data/network-school-2023.toml").document;
    assert_eq!(
        school.sections.len(),
        2,
        "the note (portrait), then the roadmap (landscape)"
    );
    assert_eq!(
        school.sections[1].page.orientation,
        prikaz::model::Orientation::Landscape
    );
    let municipal = prepare("data/zarechny-uo-214.toml").document;
    assert_eq!(
        municipal.sections.len(),
        3,
        "the order, the положение, the model (all portrait)"
    );
}

#[test]
fn roadmap_tables_have_one_header_row_and_group_rows_span_all_columns() {
    let doc = prepare("data/chippkro-368.toml").document;
    let tables: Vec<_> = doc
        .sections
        .iter()
        .flat_map(|s| &s.blocks)
        .filter_map(|b| match b {
            Block::Table(t) => Some(t),
            _ => None,
        })
        .collect();
    let roadmap = tables.last().expect("the roadmap is the last table");
    assert_eq!(roadmap.header_rows(), 1);
    let groups: Vec<_> = roadmap.rows().filter(|r| r.keep_with_next).collect();
    assert_eq!(groups.len(), 26);
    assert!(groups
        .iter()
        .all(|r| r.cells.len() == 1 && r.cells[0].colspan.get() == roadmap.columns().len()));
}

#[test]
fn small_order_markup_snapshot() {
    let p = prepare("tests/fixtures/small-order.toml");
    insta::assert_snapshot!("small_order_markup", p.markup);
}

#[test]
fn small_order_model_snapshot() {
    let p = prepare("tests/fixtures/small-order.toml");
    insta::assert_debug_snapshot!("small_order_model", p.document);
}

#[test]
fn a_draft_has_blank_requisites_and_an_approval_sheet() {
    let p = prepare("tests/fixtures/draft-order.toml");
    let texts = paragraph_texts(&p.document);
    assert_eq!(texts.first().map(String::as_str), Some("ПРОЕКТ"));
    assert!(texts
        .iter()
        .any(|t| t.starts_with("____________") && t.contains("№\u{a0}______")));
    assert_eq!(
        p.document.sections.len(),
        2,
        "the order, then the approval sheet"
    );
    let sheet = &p.document.sections[1];
    let rows = sheet.blocks.iter().find_map(|b| match b {
        Block::Table(t) => Some(t.row_count()),
        _ => None,
    });
    assert_eq!(rows, Some(3), "a header row and one row per approver");
    let docx = prikaz::render(
        &p.document,
        prikaz::Formats {
            docx: true,
            pdf: true,
        },
    )
    .unwrap();
    assert!(docx.docx.is_some() && docx.pdf.is_some());
}

#[test]
fn an_organisation_may_letter_space_the_document_kind() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("org")).unwrap();
    let org = std::fs::read_to_string("data/org/chippkro.toml").unwrap() + "spaced_kind = true\n";
    std::fs::write(dir.path().join("org/chippkro.toml"), org).unwrap();
    let order = std::fs::read_to_string("tests/fixtures/draft-order.toml")
        .unwrap()
        .replace("../../data/org/chippkro.toml", "org/chippkro.toml");
    let path = dir.path().join("order.toml");
    std::fs::write(&path, order).unwrap();
    let p = prepare(path.to_str().unwrap());
    assert!(p.markup.contains("<sp>ПРИКАЗ</sp>"), "{}", p.markup);
}

#[test]
fn a_field_the_template_asks_for_but_the_data_lacks_is_reported_at_its_table() {
    let dir = tempfile::tempdir().unwrap();
    let order = std::fs::read_to_string("templates/order.xml")
        .unwrap()
        .replace(
            "{{ line | inline }}{% endfor %}</p>",
            "{{ order.foo }}{% endfor %}</p>",
        );
    std::fs::write(dir.path().join("order.xml"), order).unwrap();
    let templates = Templates::with_dir(dir.path()).unwrap();
    let path = Path::new("tests/fixtures/small-order.toml");
    let diags = prikaz::prepare(path, &templates).unwrap_err();
    let first = &diags.0[0];
    assert!(first.message.contains("«order.foo»"), "{}", first.message);
    assert_eq!((first.file.as_path(), first.line, first.col), (path, 4, 1));
}

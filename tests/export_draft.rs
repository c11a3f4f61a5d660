//! A draft — an order with neither number nor date — prints «ПРОЕКТ», keeps blank lines for
//! the date and the number as organisations' blanks do, and prints the approval sheet from its
//! approvers, whether or not its file says `draft = true`.

use prikaz::model::{Block, Document, Inline};
use prikaz::template::Templates;
use std::path::Path;

fn texts(doc: &Document) -> Vec<String> {
    doc.sections
        .iter()
        .flat_map(|s| &s.blocks)
        .filter_map(|b| match b {
            Block::Paragraph(p) => Some(
                p.inlines
                    .iter()
                    .map(|i| match i {
                        Inline::Text { text, .. } => text.as_str(),
                        Inline::Tab => "\t",
                        _ => "",
                    })
                    .collect(),
            ),
            _ => None,
        })
        .collect()
}

fn prepare(toml: &str) -> Document {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("order.toml");
    let org = std::fs::canonicalize("data/org/chippkro.toml").unwrap();
    let toml = toml.replace("../../data/org/chippkro.toml", &org.display().to_string());
    std::fs::write(&path, toml).unwrap();
    let options = prikaz::data::LoadOptions {
        allow_outside: vec![org.parent().unwrap().to_path_buf()],
        ..Default::default()
    };
    prikaz::prepare_with(&path, &Templates::built_in().unwrap(), &options)
        .unwrap_or_else(|d| panic!("{d}"))
        .document
}

fn draft_fixture() -> String {
    std::fs::read_to_string(Path::new("tests/fixtures/draft-order.toml")).unwrap()
}

fn assert_a_draft(doc: &Document) {
    let texts = texts(doc);
    assert_eq!(texts[0], "ПРОЕКТ", "{texts:?}");
    assert!(
        texts.contains(&"____________\t№\u{a0}______".to_string()),
        "blank date and number: {texts:?}"
    );
    assert!(texts.iter().any(|t| t == "ЛИСТ СОГЛАСОВАНИЯ"), "{texts:?}");
    let sheet = doc.sections.last().unwrap();
    let approvers = sheet.blocks.iter().find_map(|b| match b {
        Block::Table(t) => Some(t.body().len()),
        _ => None,
    });
    assert_eq!(approvers, Some(2), "one row per approver");
}

#[test]
fn a_draft_prints_project_blanks_and_the_approval_sheet() {
    assert_a_draft(&prepare(&draft_fixture()));
}

#[test]
fn an_order_with_neither_number_nor_date_is_a_draft_without_saying_so() {
    let unmarked = draft_fixture().replace("draft = true\n", "");
    assert!(!unmarked.contains("draft ="));
    assert_a_draft(&prepare(&unmarked));
}

#[test]
fn a_registered_order_is_no_draft() {
    let registered =
        draft_fixture().replace("draft = true\n", "date = 2026-03-02\nnumber = \"17\"\n");
    let texts = texts(&prepare(&registered));
    assert!(!texts.iter().any(|t| t == "ПРОЕКТ"), "{texts:?}");
    assert!(
        texts.contains(&"02.03.2026\t№\u{a0}17".to_string()),
        "{texts:?}"
    );
}

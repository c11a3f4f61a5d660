//! One appendix alone (`prikaz build --appendix N`): the real binary writes
//! `<order>-appendix-N.docx/.pdf` (and `.xlsx` with `--xlsx`), the appendix carries its mark
//! as in the full document, its pages are numbered anew, and wrong numbers, tables that are
//! not there and clashing names are clear errors that write nothing.

use prikaz::data::LoadOptions;
use prikaz::export::{prepare_appendix, AppendixError};
use prikaz::model::{Block, Inline};
use prikaz::template::Templates;
use std::path::Path;
use std::process::{Command, Output};

fn prikaz(args: &[&str], out: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_prikaz"))
        .args(args)
        .arg("-o")
        .arg(out)
        .output()
        .unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|d| {
            d.flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

fn first_text(doc: &prikaz::model::Document) -> String {
    let Some(Block::Paragraph(p)) = doc.sections[0].blocks.first() else {
        panic!("the appendix starts with no paragraph");
    };
    p.inlines
        .iter()
        .map(|i| match i {
            Inline::Text { text, .. } => text.as_str(),
            Inline::LineBreak => "\n",
            _ => "",
        })
        .collect()
}

fn appendix(path: &str, n: usize) -> Result<prikaz::Prepared, AppendixError> {
    let templates = Templates::built_in().unwrap();
    prepare_appendix(Path::new(path), &templates, &LoadOptions::default(), n)
}

#[test]
fn the_appendix_alone_starts_with_its_mark_as_in_the_full_document() {
    let p = appendix("data/zarechny-uo-214.toml", 2).unwrap();
    let mark = first_text(&p.document);
    assert!(mark.starts_with("Приложение 2\nк приказу"), "{mark}");
    assert!(mark.contains("от 28.08.2024 №\u{a0}214"), "{mark}");
    let full = prikaz::prepare(
        Path::new("data/zarechny-uo-214.toml"),
        &Templates::built_in().unwrap(),
    )
    .unwrap();
    let tail = &full.document.sections[full.document.sections.len() - p.document.sections.len()..];
    assert_eq!(
        tail,
        &p.document.sections[..],
        "the same sections as in the full document"
    );

    let approved = appendix("data/chippkro-368.toml", 1).unwrap();
    assert!(first_text(&approved.document).starts_with("УТВЕРЖДЕНА\nприказом"));
}

#[test]
fn an_appendix_past_the_last_says_how_many_there_are() {
    let e = appendix("data/zarechny-uo-214.toml", 3).unwrap_err();
    assert!(matches!(e, AppendixError::Missing { asked: 3, count: 2 }));

    let dir = tempfile::tempdir().unwrap();
    let o = prikaz(
        &["build", "data/zarechny-uo-214.toml", "--appendix", "3"],
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("приложения 3 нет: у документа 2 приложения"),
        "{}",
        stderr(&o)
    );
    assert!(names(dir.path()).is_empty(), "{:?}", names(dir.path()));

    let o = prikaz(
        &["build", "data/zarechny-uo-214.toml", "--appendix", "0"],
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));

    let json = [
        "build",
        "data/zarechny-uo-214.toml",
        "--appendix",
        "5",
        "--format",
        "json",
    ];
    let o = prikaz(&json, dir.path());
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let line: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(line["severity"], "error");
    assert!(
        line["message"].as_str().unwrap().contains("от 1 до 2"),
        "{line}"
    );
}

#[test]
fn the_binary_writes_the_appendix_under_its_own_names_with_pages_numbered_anew() {
    let dir = tempfile::tempdir().unwrap();
    let o = prikaz(
        &["build", "data/zarechny-uo-214.toml", "--appendix", "2"],
        dir.path(),
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        names(dir.path()),
        [
            "zarechny-uo-214-appendix-2.docx",
            "zarechny-uo-214-appendix-2.pdf"
        ]
    );
    let pdf = std::fs::read(dir.path().join("zarechny-uo-214-appendix-2.pdf")).unwrap();
    let doc = lopdf::Document::load_mem(&pdf).unwrap();
    let pages = doc.get_pages().len();
    assert!(
        (2..9).contains(&pages),
        "{pages} pages: the appendix, not the order"
    );
    // The first page carries no number; the second is «2», as in a document of its own.
    let second = doc.extract_text(&[2]).unwrap_or_default();
    assert!(second.trim_start().starts_with('2'), "{second}");
}

#[test]
fn xlsx_needs_an_appendix_and_an_appendix_with_tables() {
    let dir = tempfile::tempdir().unwrap();
    let o = prikaz(&["build", "data/chippkro-368.toml", "--xlsx"], dir.path());
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let o = prikaz(
        &[
            "build",
            "data/zarechny-uo-214.toml",
            "--appendix",
            "1",
            "--xlsx",
        ],
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("в приложении нет таблиц"),
        "{}",
        stderr(&o)
    );
    assert!(names(dir.path()).is_empty(), "{:?}", names(dir.path()));
}

#[test]
fn xlsx_alone_is_written_and_is_the_same_each_time() {
    let dir = tempfile::tempdir().unwrap();
    let args = [
        "build",
        "data/network-school-2023.toml",
        "--appendix",
        "1",
        "--xlsx",
    ];
    let o = prikaz(&args, dir.path());
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(names(dir.path()), ["network-school-2023-appendix-1.xlsx"]);
    let path = dir.path().join("network-school-2023-appendix-1.xlsx");
    let first = std::fs::read(&path).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(1100));
    assert!(prikaz(&args, dir.path()).status.success());
    assert_eq!(
        first,
        std::fs::read(&path).unwrap(),
        "same input, same bytes"
    );
}

#[test]
fn two_orders_exporting_to_one_name_are_refused_before_anything_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let other = tempfile::tempdir().unwrap();
    let copy = other.path().join("network-school-2023.toml");
    std::fs::copy("data/network-school-2023.toml", &copy).unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_prikaz"))
        .args(["build", "data/network-school-2023.toml"])
        .arg(&copy)
        .args(["--appendix", "1", "-o"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("network-school-2023-appendix-1.docx"),
        "{}",
        stderr(&o)
    );
    assert!(names(dir.path()).is_empty());
}

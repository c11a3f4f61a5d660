//! `prikaz amend` on pairs made from order 368: each corrected version is a copy of the
//! sample with a few edits; the test reads the sub-points of the amendment order the real
//! binary writes and builds that order.

mod pairs;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The sample's files copied into a fresh folder, each `(file, from, to)` edit made
/// (`from` exactly once), and the copy's order file.
fn edited(edits: &[(&str, &str, &str)]) -> (tempfile::TempDir, PathBuf) {
    pairs::edited("amend-", edits)
}

fn prikaz(args: &[&std::ffi::OsStr]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_prikaz"))
        .args(args)
        .output()
        .unwrap()
}

/// Runs `prikaz amend` of the sample against `new` into `out`.
fn amend(new: &Path, out: &Path) -> Output {
    prikaz(&[
        "amend".as_ref(),
        "data/chippkro-368.toml".as_ref(),
        new.as_os_str(),
        "-o".as_ref(),
        out.as_os_str(),
    ])
}

/// The amendment order for `edits`, written into a subfolder (so its paths are made
/// relative), checked to build; its sub-points and its appendices' files.
fn amended(edits: &[(&str, &str, &str)]) -> (Vec<String>, Vec<String>) {
    amended_in("amend", edits)
}

/// [`amended`] with the order written into `sub` of the copy's folder.
fn amended_in(sub: &str, edits: &[(&str, &str, &str)]) -> (Vec<String>, Vec<String>) {
    let (dir, new) = edited(edits);
    std::fs::create_dir_all(dir.path().join(sub)).unwrap();
    let out = dir.path().join(sub).join("369.toml");
    let run = amend(&new, &out);
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(0), "{stderr}");
    let built = prikaz(&[
        "build".as_ref(),
        "-o".as_ref(),
        dir.path().join("out").as_os_str(),
        out.as_os_str(),
    ]);
    let stderr = String::from_utf8_lossy(&built.stderr);
    assert_eq!(built.status.code(), Some(0), "{stderr}");
    assert!(dir.path().join("out/369.docx").is_file());
    assert!(dir.path().join("out/369.pdf").is_file());
    let data: toml::Table = std::fs::read_to_string(&out).unwrap().parse().unwrap();
    let order = data["order"].as_table().unwrap();
    assert_eq!(
        order["title"].as_str().unwrap(),
        "О внесении изменений в приказ ГБУ ДПО ЧИППКРО от 27.06.2023 № 368"
    );
    assert_eq!(order["draft"].as_bool(), Some(true));
    assert!(order.get("number").is_none() && order.get("date").is_none());
    assert_eq!(order["signatory"]["name"].as_str(), Some("А.Г. Обоскалов"));
    assert_eq!(order["executor"]["name"].as_str(), Some("Маковецкая Ю.Г."));
    let points = order["points"].as_array().unwrap();
    assert_eq!(points.len(), 1);
    let first = points[0]["text"].as_str().unwrap();
    assert!(first.starts_with(
        "Внести в приказ ГБУ ДПО ЧИППКРО от 27.06.2023 № 368 «Об утверждении Концепции"
    ));
    assert!(first.ends_with("» следующие изменения:"));
    let subs = points[0]["points"].as_array().unwrap();
    let subs = subs.iter().map(|p| p["text"].as_str().unwrap().to_string());
    let files = data.get("appendix").and_then(|a| a.as_array()).map(|a| {
        a.iter()
            .map(|p| {
                assert_eq!(p["mark"].as_str(), Some("appendix"));
                p["file"].as_str().unwrap().to_string()
            })
            .collect()
    });
    (subs.collect(), files.unwrap_or_default())
}

#[test]
fn a_rewritten_point() {
    let (subs, files) = amended(&[("chippkro-368.toml", "(Маковецкая Ю.Г.):", "(Иванова А.А.):")]);
    assert_eq!(
        subs,
        ["пункт 2 изложить в следующей редакции: «Руководителю проекта «Методический ресурс» (Иванова А.А.):»."]
    );
    assert!(files.is_empty());
}

#[test]
fn an_added_sub_point() {
    let (subs, _) = amended(&[(
        "chippkro-368.toml",
        "[order.signatory]",
        "[[order.points.points]]\ntext = \"провести семинар\"\n\n[order.signatory]",
    )]);
    assert_eq!(
        subs,
        ["дополнить пунктом 2.3 следующего содержания: «провести семинар»."]
    );
}

#[test]
fn a_removed_point() {
    // Point 2.2 is its table and its text line: both go.
    let text = std::fs::read_to_string("data/chippkro-368.toml").unwrap();
    let start = text.find("[[order.points.points]]          # 2.2").unwrap();
    let end = start + text[start..].find("\n\n").unwrap();
    let (subs, _) = amended(&[("chippkro-368.toml", &text[start..end], "")]);
    assert_eq!(subs, ["пункт 2.2 признать утратившим силу."]);
}

#[test]
fn a_moved_deadline() {
    let (subs, _) = amended(&[(
        "chippkro-368-roadmap.toml",
        "deadline = \"Август\"",
        "deadline = \"Сентябрь\"",
    )]);
    assert_eq!(subs.len(), 1, "{subs:?}");
    assert!(
        subs[0]
            .starts_with("в приложении к приказу, в разделе «2023 год», в разделе 2.1 в строке 2 ")
            && subs[0].ends_with(
                "графу «Срок реализации мероприятия» изложить в следующей редакции: «Сентябрь»."
            ),
        "{subs:?}"
    );
}

#[test]
fn past_the_threshold_the_appendix_in_a_new_edition() {
    // Written beside the corrected order: an appendix is read only from the order's folder.
    let (subs, files) = amended_in(
        ".",
        &[
            (
                "org/chippkro.toml",
                "in_marks = \"ГБУ ДПО ЧИППКРО\"",
                "in_marks = \"ГБУ ДПО ЧИППКРО\"\namend_threshold = 1",
            ),
            (
                "chippkro-368-roadmap.toml",
                "deadline = \"Август\"",
                "deadline = \"Сентябрь\"",
            ),
            (
                "chippkro-368-roadmap.toml",
                "responsible = \"Команды проектных групп проектного офиса\"",
                "responsible = \"Проектный офис\"",
            ),
            ("chippkro-368.toml", "(Маковецкая Ю.Г.):", "(Иванова А.А.):"),
        ],
    );
    assert_eq!(
        subs,
        [
            "пункт 2 изложить в следующей редакции: «Руководителю проекта «Методический ресурс» (Иванова А.А.):»;",
            "приложение к приказу изложить в новой редакции (прилагается).",
        ]
    );
    assert_eq!(files, ["chippkro-368-concept.toml"]);
}

#[test]
fn no_changes_writes_nothing() {
    let (dir, new) = edited(&[]);
    let out = dir.path().join("369.toml");
    let run = amend(&new, &out);
    assert_eq!(run.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&run.stderr).contains("изменений нет"));
    assert!(!out.exists());
}

#[test]
fn an_existing_file_is_not_overwritten() {
    let (dir, new) = edited(&[("chippkro-368.toml", "(Маковецкая Ю.Г.):", "(Иванова А.А.):")]);
    let out = dir.path().join("369.toml");
    std::fs::write(&out, "прежнее").unwrap();
    let run = amend(&new, &out);
    assert_eq!(run.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&run.stderr).contains("уже существует"));
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "прежнее");
}

#[test]
fn every_pair_of_the_issue_makes_an_order_that_builds() {
    for (name, edit) in pairs::ALL {
        let (subs, files) = amended(&[edit]);
        assert_eq!(subs.len(), 1, "{name}: {subs:?}");
        assert!(files.is_empty(), "{name}: {files:?}");
    }
}

#[test]
fn an_added_and_a_removed_roadmap_row() {
    let (subs, _) = amended(&[pairs::ADDED_ROADMAP_ROW]);
    assert_eq!(
        subs,
        [
            "в приложении к приказу, в разделе «2023 год», в разделе 2.1 дополнить строкой 3 \
          следующего содержания: графа «Наименование мероприятия» – «Мониторинг \
          профессиональных дефицитов педагогических работников», графа «Срок реализации \
          мероприятия» – «Ноябрь», графа «Ответственный исполнитель / соисполнители» – \
          «Лаборатория мониторинга», графа «Результаты Концепции, которые обеспечиваются \
          реализацией мероприятий дорожной карты» – «4»."
        ]
    );
    let (subs, _) = amended(&[pairs::REMOVED_ROADMAP_ROW]);
    assert_eq!(
        subs,
        ["в приложении к приказу, в разделе «2023 год», в разделе 2.2 строку 1 исключить."]
    );
}

#[test]
fn a_changed_footnote_and_a_changed_cell() {
    let (subs, _) = amended(&[pairs::CHANGED_FOOTNOTE]);
    assert!(
        subs[0].starts_with("сноску 5 изложить в следующей редакции: «Результаты Концепции"),
        "{subs:?}"
    );
    let (subs, _) = amended(&[pairs::CHANGED_CELL]);
    assert_eq!(
        subs,
        [
            "в приложении к приказу, в таблице 1 в строке 1 графу «2023» изложить в следующей \
          редакции: «15%»."
        ]
    );
}

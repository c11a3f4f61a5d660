//! `prikaz diff` on pairs made from order 368: each pair is a copy of the sample with one
//! edit, and the test checks the exact Russian lines and the JSON the real binary prints.

mod pairs;

use pairs::{ADDED_ROW, AUGUST_ROW, CONTEST_ROW, ROADMAP};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The sample's files, copied into a fresh folder with `from` replaced by `to` in `file`
/// (exactly once), and the order's path in the copy.
fn edited(file: &str, from: &str, to: &str) -> (tempfile::TempDir, PathBuf) {
    pairs::edited("diff-", &[(file, from, to)])
}

fn diff(new: &Path, json: bool) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_prikaz"));
    cmd.args(["diff", "data/chippkro-368.toml"]).arg(new);
    if json {
        cmd.args(["--format", "json"]);
    }
    cmd.output().unwrap()
}

/// The text lines `prikaz diff` prints for the sample against `new`; it must succeed.
fn lines(new: &Path) -> Vec<String> {
    let out = diff(new, false);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    text.lines().map(str::to_string).collect()
}

/// The JSON list `prikaz diff --format json` prints.
fn json(new: &Path) -> serde_json::Value {
    let out = diff(new, true);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// The path of the only change in `list`, as `kind label` steps.
fn only_path(list: &serde_json::Value) -> Vec<String> {
    let list = list.as_array().unwrap();
    assert_eq!(list.len(), 1, "{list:#?}");
    let path = list[0]["path"].as_array().unwrap();
    path.iter()
        .map(|s| {
            format!(
                "{} {}",
                s["kind"].as_str().unwrap(),
                s["label"].as_str().unwrap()
            )
        })
        .collect()
}

#[test]
fn unchanged_document_has_no_changes() {
    // Lines of TOML change, the document does not.
    let (_dir, new) = edited("chippkro-368.toml", "# Order № 368", "# Копия: order № 368");
    assert!(lines(&new).is_empty());
    assert_eq!(json(&new), serde_json::json!([]));
    let out = diff(&new, true);
    assert_eq!(String::from_utf8(out.stdout).unwrap(), "[]\n");
}

#[test]
fn moved_deadline_names_the_activity_and_the_column() {
    let (_dir, new) = edited(ROADMAP, "deadline = \"Август\"", "deadline = \"Сентябрь\"");
    let line = "приложение, 2023 год, раздел 2.1, мероприятие 2: \
                срок реализации мероприятия «Август» → «Сентябрь»";
    assert_eq!(lines(&new), [line]);
    let path = [
        ("appendix", ""),
        ("year", "2023"),
        ("section", "2.1"),
        ("activity", "2"),
    ];
    let path: Vec<_> = path
        .iter()
        .map(|(k, l)| serde_json::json!({"kind": k, "label": l}))
        .collect();
    let expected = serde_json::json!([{
        "change": "value",
        "line": line,
        "path": path,
        "what": "срок реализации мероприятия",
        "old": "Август",
        "new": "Сентябрь",
    }]);
    assert_eq!(json(&new), expected);
}

#[test]
fn added_roadmap_row_is_one_addition() {
    let (_dir, new) = edited(ROADMAP, AUGUST_ROW, ADDED_ROW);
    // The activities after it are renumbered, and not reported.
    assert_eq!(
        lines(&new),
        [
            "приложение, 2023 год, раздел 2.1: добавлено мероприятие 3: «Мониторинг \
          профессиональных дефицитов педагогических работников | Ноябрь | …»"
        ]
    );
    let list = json(&new);
    assert_eq!(
        only_path(&list),
        ["appendix ", "year 2023", "section 2.1", "activity 3"]
    );
    assert_eq!(list[0]["change"], "added");
    assert_eq!(
        list[0]["text"],
        "Мониторинг профессиональных дефицитов педагогических работников | Ноябрь | \
         Лаборатория мониторинга | 4"
    );
}

#[test]
fn removed_roadmap_row_is_one_removal() {
    let (_dir, new) = edited(ROADMAP, CONTEST_ROW, "");
    assert_eq!(
        lines(&new),
        [
            "приложение, 2023 год, раздел 2.2: удалено мероприятие 1: «Организация и проведение \
          конкурса на лучшую методическую разработку учебного …»"
        ]
    );
    let list = json(&new);
    assert_eq!(
        only_path(&list),
        ["appendix ", "year 2023", "section 2.2", "activity 1"]
    );
    assert_eq!(list[0]["change"], "removed");
}

#[test]
fn rewritten_point_shows_its_words() {
    let (_dir, new) = edited(
        "chippkro-368.toml",
        "\"Контроль за исполнением приказа оставляю за собой.\"",
        "\"Контроль за исполнением настоящего приказа возложить на проректора Обоскалова А.Г.\"",
    );
    assert_eq!(
        lines(&new),
        [
            "пункт 3: изменён текст: Контроль за исполнением {+настоящего+} приказа \
          [-оставляю за собой.-] {+возложить на проректора Обоскалова А.Г.+}"
        ]
    );
    let list = json(&new);
    assert_eq!(only_path(&list), ["point 3"]);
    assert_eq!(list[0]["change"], "text");
    assert_eq!(
        list[0]["old"],
        "Контроль за исполнением приказа оставляю за собой."
    );
    assert_eq!(
        list[0]["words"],
        serde_json::json!([
            {"op": "equal", "text": "Контроль за исполнением"},
            {"op": "insert", "text": "настоящего"},
            {"op": "equal", "text": "приказа"},
            {"op": "delete", "text": "оставляю за собой."},
            {"op": "insert", "text": "возложить на проректора Обоскалова А.Г."},
        ])
    );
}

#[test]
fn edit_inside_a_long_point_is_shown_with_a_few_words_around() {
    let (_dir, new) = edited(
        "chippkro-368.toml",
        "настоящего приказа, в рамках",
        "настоящего приказа, в срок до 01.10.2023 и в рамках",
    );
    assert_eq!(
        lines(&new),
        [
            "пункт 2.1: изменён текст: … настоящего приказа, в {+срок до 01.10.2023 и в+} \
          рамках организации методической …"
        ]
    );
}

#[test]
fn new_sub_point_is_one_addition() {
    let (_dir, new) = edited(
        "chippkro-368.toml",
        "\n[order.signatory]",
        "\n[[order.points.points]]\ntext = \"представить отчет в срок до 20.12.2023.\"\n\n\
         [order.signatory]",
    );
    assert_eq!(
        lines(&new),
        ["добавлен пункт 2.3: «представить отчет в срок до 20.12.2023.»"]
    );
    assert_eq!(only_path(&json(&new)), ["point 2.3"]);
}

#[test]
fn changed_footnote_is_named_by_its_number() {
    let (_dir, new) = edited(
        "chippkro-368-concept.toml",
        "\"5\" = \"Ожидаемые результаты Концепции",
        "\"5\" = \"Результаты Концепции",
    );
    assert_eq!(
        lines(&new),
        [
            "сноска 5: изменён текст: [-Ожидаемые результаты-] {+Результаты+} Концепции \
          методического и …"
        ]
    );
    assert_eq!(only_path(&json(&new)), ["footnote 5"]);
}

#[test]
fn changed_table_cell_names_the_table_row_and_column() {
    let (_dir, new) = edited(
        "chippkro-368-concept.toml",
        "targets = [\"10%\", \"25%\", \"50%\", \"75%\"]\n\n[[content.indicators.rows]]\ntask = { text",
        "targets = [\"15%\", \"25%\", \"50%\", \"75%\"]\n\n[[content.indicators.rows]]\ntask = { text",
    );
    assert_eq!(
        lines(&new),
        ["приложение, таблица 1, строка 1: 2023 «10%» → «15%»"]
    );
    let list = json(&new);
    assert_eq!(only_path(&list), ["appendix ", "table 1", "row 1"]);
    assert_eq!(list[0]["what"], "2023");
}

#[test]
fn changed_requisite_is_named() {
    let (_dir, new) = edited(
        "chippkro-368.toml",
        "date = 2023-06-27",
        "date = 2023-07-03",
    );
    assert_eq!(lines(&new), ["реквизиты: дата «27.06.2023» → «03.07.2023»"]);
}

#[test]
fn unreadable_version_is_a_document_problem() {
    let (dir, new) = edited(ROADMAP, "deadline = \"Август\"", "deadline = ");
    let out = diff(&new, false);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("chippkro-368-roadmap.toml:63:"), "{err}");
    let missing = dir.path().join("нет.toml");
    let out = diff(&missing, true);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    assert!(!out.stderr.is_empty());
}

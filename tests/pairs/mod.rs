//! The pairs of versions the change tests share: copies of order 368 (with its concept,
//! roadmap and organisation file) with a few edits each — the cases a methodist meets after
//! signing: a moved deadline, an added and a removed roadmap row, a rewritten point, a new
//! sub-point, a changed footnote, a changed table cell.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// The sample's files a pair copies.
pub const FILES: [&str; 4] = [
    "chippkro-368.toml",
    "chippkro-368-concept.toml",
    "chippkro-368-roadmap.toml",
    "org/chippkro.toml",
];

pub const ORDER: &str = "chippkro-368.toml";
pub const CONCEPT: &str = "chippkro-368-concept.toml";
pub const ROADMAP: &str = "chippkro-368-roadmap.toml";

/// One edit: in `file`, `from` (found exactly once) becomes `to`.
pub type Edit<'a> = (&'a str, &'a str, &'a str);

/// The roadmap row whose deadline is «Август».
pub const AUGUST_ROW: &str = "deadline = \"Август\"\nresponsible = \"Команды проектных групп проектного офиса\"\nresults = [3]\n";

/// A new activity after the row of [`AUGUST_ROW`].
pub const ADDED_ROW: &str = "deadline = \"Август\"\nresponsible = \"Команды проектных групп проектного офиса\"\nresults = [3]\n\n[[content.roadmap.rows]]\nactivity = \"Мониторинг профессиональных дефицитов педагогических работников\"\ndeadline = \"Ноябрь\"\nresponsible = \"Лаборатория мониторинга\"\nresults = [4]\n";

/// The roadmap row of the contest, with its header line.
pub const CONTEST_ROW: &str = "[[content.roadmap.rows]]\nactivity = \"Организация и проведение конкурса на лучшую методическую разработку учебного занятия педагогических работников и управленческих кадров Института\"\ndeadline = \"II полугодие\"\nresponsible = \"Ректорат, заведующие кафедрами, руководители и структурных подразделений\"\nresults = [4]\n";

pub const MOVED_DEADLINE: Edit = (ROADMAP, "deadline = \"Август\"", "deadline = \"Сентябрь\"");
pub const ADDED_ROADMAP_ROW: Edit = (ROADMAP, AUGUST_ROW, ADDED_ROW);
pub const REMOVED_ROADMAP_ROW: Edit = (ROADMAP, CONTEST_ROW, "");
pub const REWRITTEN_POINT: Edit = (ORDER, "(Маковецкая Ю.Г.):", "(Иванова А.А.):");
pub const NEW_SUB_POINT: Edit = (
    ORDER,
    "[order.signatory]",
    "[[order.points.points]]\ntext = \"провести семинар\"\n\n[order.signatory]",
);
pub const CHANGED_FOOTNOTE: Edit = (
    CONCEPT,
    "\"5\" = \"Ожидаемые результаты Концепции",
    "\"5\" = \"Результаты Концепции",
);
pub const CHANGED_CELL: Edit = (
    CONCEPT,
    "targets = [\"10%\", \"25%\", \"50%\", \"75%\"]\n\n[[content.indicators.rows]]\ntask = { text",
    "targets = [\"15%\", \"25%\", \"50%\", \"75%\"]\n\n[[content.indicators.rows]]\ntask = { text",
);

/// Every pair the issue of corrections names, by a name for messages.
pub const ALL: [(&str, Edit); 7] = [
    ("moved deadline", MOVED_DEADLINE),
    ("added roadmap row", ADDED_ROADMAP_ROW),
    ("removed roadmap row", REMOVED_ROADMAP_ROW),
    ("rewritten point", REWRITTEN_POINT),
    ("new sub-point", NEW_SUB_POINT),
    ("changed footnote", CHANGED_FOOTNOTE),
    ("changed table cell", CHANGED_CELL),
];

/// The sample's files copied into a fresh folder under the test target's temporary folder
/// (named from `prefix`), each edit made; the copy's order file.
pub fn edited(prefix: &str, edits: &[Edit]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::Builder::new()
        .prefix(prefix)
        .tempdir_in(env!("CARGO_TARGET_TMPDIR"))
        .unwrap();
    std::fs::create_dir(dir.path().join("org")).unwrap();
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    for name in FILES {
        let mut text = std::fs::read_to_string(data.join(name)).unwrap();
        for (_, from, to) in edits.iter().filter(|e| e.0 == name) {
            assert_eq!(text.matches(from).count(), 1, "«{from}» once in {name}");
            text = text.replacen(from, to, 1);
        }
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    let order = dir.path().join(ORDER);
    (dir, order)
}

//! What the journal tests share: a small order, running the real binary, reading the
//! journal file directly.
#![allow(dead_code)]

use std::path::Path;
use std::process::{Command, Output};

/// A small order that builds without errors or warnings, unnumbered.
pub const ORDER: &str = "# a small order\n[order]\nkind = \"приказ\"\n\
title = \"О тестовом приказе\"  # the title\ndirective = \"ПРИКАЗЫВАЮ:\"\n\n\
[[order.points]]\ntext = \"Сделать.\"\n\n[order.signatory]\nposition = [\"Директор\"]\n\
name = \"И.И. Иванов\"\n\n[order.executor]\nname = \"Петров П.П.\"\n";

/// `prikaz` with `args`, run in `dir`.
pub fn prikaz(dir: &Path, args: &[&str]) -> Output {
    prikaz_cmd(dir, args).output().expect("prikaz runs")
}

/// The command `prikaz` with `args` in `dir`, not started.
pub fn prikaz_cmd(dir: &Path, args: &[&str]) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_prikaz"));
    c.args(args).current_dir(dir);
    c
}

/// What a run printed on stderr.
pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// What a run printed on stdout.
pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// The confirmed entries of the journal at `path`: (series, year, seq, number, file).
pub fn entries(path: &Path) -> Vec<(String, i32, u32, String, String)> {
    let conn = rusqlite::Connection::open(path).expect("journal opens");
    let mut stmt = conn
        .prepare(
            "SELECT series, year, seq, number, file FROM entries WHERE pending = 0 \
             ORDER BY series, year, seq",
        )
        .expect("query");
    stmt.query_map([], |r| {
        Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
    })
    .expect("rows")
    .collect::<Result<_, _>>()
    .expect("rows")
}

/// The number `[order]` of the TOML file at `path` carries; panics on a file that is not
/// TOML (a half-written file).
pub fn number_of(path: &Path) -> Option<String> {
    let text = std::fs::read_to_string(path).expect("order readable");
    let value: toml::Table = toml::from_str(&text)
        .unwrap_or_else(|e| panic!("{} is not TOML any more: {e}", path.display()));
    let order = value.get("order")?.as_table()?;
    order.get("number")?.as_str().map(String::from)
}

/// The sample order № 368 (with its concept, roadmap and organisation file) copied into a
/// temporary folder, its number and date taken out so that it can be registered.
pub fn unnumbered_samples() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temporary folder");
    let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    copy_tree(&from, dir.path());
    let order = dir.path().join("chippkro-368.toml");
    let text = std::fs::read_to_string(&order).expect("sample readable");
    let text = text
        .replace("number = \"368\"\n", "")
        .replace("date = 2023-06-27\n", "");
    std::fs::write(&order, text).expect("sample written");
    dir
}

/// Copies the folder `from` into `to`, subfolders too.
pub fn copy_tree(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).expect("folder readable").flatten() {
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            std::fs::create_dir_all(&target).expect("folder made");
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).expect("file copied");
        }
    }
}

/// A journal at `path` as an older prikaz left it: the first `steps` schema steps, with order
/// № 5 of 29.11.2026 (`o.toml`) registered.
pub fn old_journal(path: &Path, steps: usize) {
    let c = rusqlite::Connection::open(path).expect("journal opens");
    for step in &prikaz::journal::sqlite::MIGRATIONS[..steps] {
        c.execute_batch(step).expect("schema step");
    }
    c.execute_batch(&format!(
        "PRAGMA user_version = {steps};
         INSERT INTO entries (series, period, year, seq, number, date, kind, title, \
         signatory, executor, file, status) VALUES ('main', 2026, 2026, 5, '5', \
         '2026-11-29', 'приказ', 'О тестовом приказе', 'И.И. Иванов', '', 'o.toml', \
         'registered');
         INSERT INTO events (entry, at, status) VALUES (1, '2026-11-29 10:00:00', \
         'registered');"
    ))
    .expect("order registered");
}

/// The schema version of the journal at `path`.
pub fn journal_version(path: &Path) -> i64 {
    let c = rusqlite::Connection::open(path).expect("journal opens");
    c.query_row("PRAGMA user_version", [], |r| r.get(0))
        .expect("user_version")
}

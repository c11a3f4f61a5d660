//! `prikaz register`, `prikaz journal` and `journal cancel` run as the user runs them, with
//! every bad input of the registration journal: each a clear Russian message, a non-zero
//! exit, and nothing changed.

mod journal_common;

use journal_common::*;
use std::fs;
use std::path::Path;

fn order_in(dir: &Path, name: &str) {
    fs::write(dir.join(name), ORDER).unwrap();
}

#[test]
fn registering_numbers_the_file_and_records_it() {
    let dir = tempfile::tempdir().unwrap();
    order_in(dir.path(), "a.toml");
    order_in(dir.path(), "b.toml");
    let o = prikaz(dir.path(), &["register", "a.toml", "--date", "29.11.2026"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(stdout(&o), "Зарегистрирован приказ № 1 от 29.11.2026\n");
    let text = fs::read_to_string(dir.path().join("a.toml")).unwrap();
    // Comments and layout stay; the number and date join [order].
    assert!(text.starts_with("# a small order\n[order]\n"), "{text}");
    assert!(text.contains("title = \"О тестовом приказе\"  # the title\n"));
    assert!(
        text.contains("number = \"1\"\ndate = 2026-11-29\n"),
        "{text}"
    );
    let o = prikaz(dir.path(), &["register", "b.toml", "--date", "2026-11-30"]);
    assert_eq!(stdout(&o), "Зарегистрирован приказ № 2 от 30.11.2026\n");
    let all = entries(&dir.path().join("journal.sqlite"));
    assert_eq!(all.len(), 2);
    assert_eq!(all[0].3, "1");
    assert_eq!(all[0].4, "a.toml");
    let o = prikaz(dir.path(), &["journal"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let listing = stdout(&o);
    assert!(listing.contains("1 | 29.11.2026 | приказ | О тестовом приказе | И.И. Иванов | Петров П.П. | зарегистрирован"), "{listing}");
    assert!(listing.contains("2 | 30.11.2026"), "{listing}");
    // The year filter, and a listing written to a file.
    let o = prikaz(dir.path(), &["journal", "--year", "2025", "-o", "j.txt"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let written = fs::read_to_string(dir.path().join("j.txt")).unwrap();
    assert_eq!(written, "в журнале нет приказов\n");
}

#[test]
fn numbers_restart_each_year_and_follow_the_series_format() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("org.toml"),
        "name = [\"Школа\"]\n\n[[series]]\nid = \"main\"\nname = \"основная деятельность\"\n\
         format = \"{n}\"\ndefault = true\n\n[[series]]\nid = \"k\"\n\
         name = \"по личному составу\"\nformat = \"{n}-к\"\n\n[[series]]\nid = \"all\"\n\
         format = \"01/{n}\"\nrestart = \"never\"\n",
    )
    .unwrap();
    let with_org = format!("organization = \"org.toml\"\n{ORDER}");
    let register = |name: &str, args: &[&str]| {
        fs::write(dir.path().join(name), &with_org).unwrap();
        let mut all = vec!["register", name];
        all.extend_from_slice(args);
        let o = prikaz(dir.path(), &all);
        assert!(o.status.success(), "{}", stderr(&o));
        number_of(&dir.path().join(name)).unwrap()
    };
    assert_eq!(register("a.toml", &["--date", "2025-12-31"]), "1");
    assert_eq!(register("b.toml", &["--date", "2026-01-01"]), "1");
    assert_eq!(register("c.toml", &["--date", "2026-01-02"]), "2");
    assert_eq!(
        register("d.toml", &["--series", "k", "--date", "2026-01-02"]),
        "1-к"
    );
    assert_eq!(
        register("e.toml", &["--series", "all", "--date", "2025-05-05"]),
        "01/1"
    );
    assert_eq!(
        register("f.toml", &["--series", "all", "--date", "2026-05-05"]),
        "01/2"
    );
    let o = prikaz(dir.path(), &["journal", "--series", "k"]);
    let listing = stdout(&o);
    assert_eq!(listing.lines().count(), 3, "{listing}");
    assert!(listing.contains("1-к | 02.01.2026"), "{listing}");
}

#[test]
fn an_order_with_errors_is_not_registered() {
    let dir = tempfile::tempdir().unwrap();
    let bad = ORDER.replace("[order.signatory]", "[order.signatory]\nsurname = \"x\"");
    fs::write(dir.path().join("a.toml"), &bad).unwrap();
    let o = prikaz(dir.path(), &["register", "a.toml"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("a.toml: приказ не зарегистрирован"),
        "{}",
        stderr(&o)
    );
    assert_eq!(fs::read_to_string(dir.path().join("a.toml")).unwrap(), bad);
    assert!(!dir.path().join("journal.sqlite").exists());
}

#[test]
fn registering_twice_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    order_in(dir.path(), "a.toml");
    assert!(prikaz(dir.path(), &["register", "a.toml"]).status.success());
    let before = fs::read(dir.path().join("a.toml")).unwrap();
    let o = prikaz(dir.path(), &["register", "a.toml"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("уже зарегистрирован"), "{}", stderr(&o));
    assert_eq!(fs::read(dir.path().join("a.toml")).unwrap(), before);
    // The number removed by hand: the journal still knows the file.
    let text = String::from_utf8(before).unwrap();
    let unnumbered: String = text
        .lines()
        .filter(|l| !l.starts_with("number ="))
        .map(|l| format!("{l}\n"))
        .collect();
    fs::write(dir.path().join("a.toml"), &unnumbered).unwrap();
    let o = prikaz(dir.path(), &["register", "a.toml"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("уже зарегистрирован в журнале: № 1"),
        "{}",
        stderr(&o)
    );
    assert_eq!(entries(&dir.path().join("journal.sqlite")).len(), 1);
}

#[test]
fn a_series_that_does_not_exist_is_wrong_usage() {
    let dir = tempfile::tempdir().unwrap();
    order_in(dir.path(), "a.toml");
    let o = prikaz(dir.path(), &["register", "a.toml", "--series", "к"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("серии нумерации «к» нет"),
        "{}",
        stderr(&o)
    );
    assert_eq!(
        fs::read_to_string(dir.path().join("a.toml")).unwrap(),
        ORDER
    );
    assert!(!dir.path().join("journal.sqlite").exists());
}

#[test]
fn bad_series_are_reported_at_their_places() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("org.toml"),
        "name = [\"Школа\"]\n\n[[series]]\nid = \"main\"\nformat = \"01/\"\ndefault = true\n\n\
         [[series]]\nid = \"main\"\nformat = \"{n}-{x}\"\ndefault = true\nrestart = \"month\"\n",
    )
    .unwrap();
    fs::write(
        dir.path().join("a.toml"),
        format!("organization = \"org.toml\"\n{ORDER}"),
    )
    .unwrap();
    let o = prikaz(dir.path(), &["register", "a.toml"]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains("org.toml:5:11: ошибка: форма номера «01/» не даёт номера"),
        "{err}"
    );
    assert!(
        err.contains("org.toml:9:6: ошибка: серия «main» уже описана (строка 4)"),
        "{err}"
    );
    assert!(
        err.contains("org.toml:10:15: ошибка: подстановка «{x}» неизвестна"),
        "{err}"
    );
    assert!(
        err.contains("org.toml:11:11: ошибка: серия по умолчанию уже есть"),
        "{err}"
    );
    assert!(
        err.contains("org.toml:12:11: ошибка: restart = \"month\" неизвестно"),
        "{err}"
    );
    assert!(!dir.path().join("journal.sqlite").exists());
}

/// Registers `a.toml` against a prepared journal and checks that it is refused with exit 3,
/// `message` in its text, and neither the order nor the journal changed.
fn refused_by_journal(prepare: impl FnOnce(&Path), message: &str) {
    let dir = tempfile::tempdir().unwrap();
    order_in(dir.path(), "a.toml");
    let journal = dir.path().join("journal.sqlite");
    prepare(&journal);
    let before = fs::read(&journal).unwrap();
    let o = prikaz_cmd(dir.path(), &["register", "a.toml"])
        .env("PRIKAZ_JOURNAL_TIMEOUT_MS", "300")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    assert!(stderr(&o).contains(message), "{}", stderr(&o));
    assert_eq!(
        fs::read_to_string(dir.path().join("a.toml")).unwrap(),
        ORDER
    );
    assert_eq!(fs::read(&journal).unwrap(), before);
}

/// A journal with one order registered.
fn one_registered(journal: &Path) {
    let dir = journal.parent().unwrap();
    order_in(dir, "first.toml");
    assert!(prikaz(dir, &["register", "first.toml"]).status.success());
}

#[test]
fn a_corrupt_journal_is_refused_untouched() {
    refused_by_journal(
        |j| fs::write(j, "это не база данных, а текст".repeat(100)).unwrap(),
        "это не журнал prikaz",
    );
}

#[test]
fn a_journal_of_a_newer_schema_is_refused_untouched() {
    refused_by_journal(
        |j| {
            let c = rusqlite::Connection::open(j).unwrap();
            c.execute_batch("CREATE TABLE future (x); PRAGMA user_version = 99;")
                .unwrap();
        },
        "журнал версии 99",
    );
}

#[test]
fn a_read_only_journal_is_refused_untouched() {
    use std::os::unix::fs::PermissionsExt;
    refused_by_journal(
        |j| {
            one_registered(j);
            fs::set_permissions(j, fs::Permissions::from_mode(0o444)).unwrap();
        },
        "только для чтения",
    );
}

#[test]
fn a_locked_journal_is_waited_for_then_refused() {
    let dir = tempfile::tempdir().unwrap();
    let journal = dir.path().join("journal.sqlite");
    one_registered(&journal);
    order_in(dir.path(), "a.toml");
    let holder = rusqlite::Connection::open(&journal).unwrap();
    holder.execute_batch("BEGIN EXCLUSIVE").unwrap();
    let o = prikaz_cmd(dir.path(), &["register", "a.toml"])
        .env("PRIKAZ_JOURNAL_TIMEOUT_MS", "300")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("журнал занят другим процессом"),
        "{}",
        stderr(&o)
    );
    assert_eq!(
        fs::read_to_string(dir.path().join("a.toml")).unwrap(),
        ORDER
    );
    holder.execute_batch("ROLLBACK").unwrap();
    drop(holder);
    assert_eq!(entries(&journal).len(), 1);
    // Free again, the order gets the next number.
    let o = prikaz(dir.path(), &["register", "a.toml"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(number_of(&dir.path().join("a.toml")).as_deref(), Some("2"));
}

#[test]
fn cancelling_keeps_the_number_used() {
    let dir = tempfile::tempdir().unwrap();
    let journal = dir.path().join("journal.sqlite");
    one_registered(&journal);
    let cancel = |args: &[&str]| {
        let mut all = vec!["journal", "cancel"];
        all.extend_from_slice(args);
        prikaz(dir.path(), &all)
    };
    let o = cancel(&["1", "--reason", "издан ошибочно"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("отменён: издан ошибочно"),
        "{}",
        stdout(&o)
    );
    let o = cancel(&["1", "--reason", "ещё раз"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("уже отменён"), "{}", stderr(&o));
    let o = cancel(&["7", "--reason", "нет такого"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("в журнале нет приказа № 7"),
        "{}",
        stderr(&o)
    );
    let listing = stdout(&prikaz(dir.path(), &["journal"]));
    assert!(listing.contains("| отменён"), "{listing}");
    // The cancelled number stays used.
    order_in(dir.path(), "a.toml");
    assert!(prikaz(dir.path(), &["register", "a.toml"]).status.success());
    assert_eq!(number_of(&dir.path().join("a.toml")).as_deref(), Some("2"));
    // The reason is the cancellation's note.
    let c = rusqlite::Connection::open(&journal).unwrap();
    let note: String = c
        .query_row(
            "SELECT note FROM events WHERE status = 'cancelled'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(note, "издан ошибочно");
}

#[test]
fn a_missing_journal_is_not_created_by_listing_or_cancel() {
    let dir = tempfile::tempdir().unwrap();
    let o = prikaz(dir.path(), &["journal"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("журнала нет"), "{}", stderr(&o));
    let o = prikaz(dir.path(), &["journal", "cancel", "1", "--reason", "x"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(!dir.path().join("journal.sqlite").exists());
}

#[test]
fn a_listing_puts_right_what_a_killed_run_left() {
    let dir = tempfile::tempdir().unwrap();
    let journal = dir.path().join("journal.sqlite");
    one_registered(&journal);
    // As a run killed after writing its order and before confirming would leave them.
    let numbered = ORDER.replace("[order]\n", "[order]\nnumber = \"2\"\n");
    fs::write(dir.path().join("b.toml"), numbered).unwrap();
    order_in(dir.path(), "c.toml");
    let c = rusqlite::Connection::open(&journal).unwrap();
    for (seq, file) in [(2, "b.toml"), (3, "c.toml")] {
        c.execute(
            "INSERT INTO entries (series, period, year, seq, number, date, kind, title, \
             signatory, executor, file, status, pending) VALUES ('main', 2026, 2026, ?1, ?1, \
             '2026-11-29', 'приказ', 'О', '', '', ?2, 'registered', 1)",
            rusqlite::params![seq, file],
        )
        .unwrap();
    }
    drop(c);
    let o = prikaz(dir.path(), &["journal"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let all = entries(&journal);
    let files: Vec<&str> = all.iter().map(|e| e.4.as_str()).collect();
    assert_eq!(files, ["first.toml", "b.toml"], "{}", stdout(&o));
    assert!(stdout(&o).contains("2 | 29.11.2026"), "{}", stdout(&o));
}

#[test]
fn the_journal_is_listed_as_csv_xlsx_pdf_and_docx() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    fs::create_dir(&data).unwrap();
    order_in(&data, "a.toml");
    let o = prikaz(
        dir.path(),
        &["register", "data/a.toml", "--date", "29.11.2026"],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    // Run from the folder above data/: the journal beside the order is found.
    let o = prikaz(dir.path(), &["journal", "--format", "csv"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("1;29.11.2026;приказ;О тестовом приказе"));
    let o = prikaz(dir.path(), &["journal", "--format", "pdf"]);
    assert_eq!(
        o.status.code(),
        Some(2),
        "a PDF is not printed to the screen"
    );
    for (format, magic) in [("pdf", &b"%PDF"[..]), ("docx", b"PK"), ("xlsx", b"PK")] {
        let name = format!("j.{format}");
        let o = prikaz(dir.path(), &["journal", "--format", format, "-o", &name]);
        assert!(o.status.success(), "{}", stderr(&o));
        let bytes = fs::read(dir.path().join(&name)).unwrap();
        assert!(bytes.starts_with(magic), "{format}");
    }
}

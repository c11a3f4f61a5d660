//! `prikaz diff` and `prikaz amend` against a signed order of the journal: the old version is
//! what was signed, even after its files were edited; the amendment order names the order it
//! amends and the journal links the two when it is registered.

mod journal_common;

use journal_common::*;
use std::fs;
use std::path::Path;

const ORDER: &str = "chippkro-368.toml";
const ROADMAP: &str = "chippkro-368-roadmap.toml";

/// The sample order registered on 27.06.2023 as № 1 and signed.
fn signed_samples() -> tempfile::TempDir {
    let dir = unnumbered_samples();
    let o = prikaz(dir.path(), &["register", ORDER, "--date", "2023-06-27"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = prikaz(dir.path(), &["sign", ORDER]);
    assert!(o.status.success(), "{}", stderr(&o));
    dir
}

/// Moves the deadline «Август» of the roadmap to «Сентябрь» in `dir`.
fn move_deadline(dir: &Path) {
    let path = dir.join(ROADMAP);
    let text = fs::read_to_string(&path).unwrap();
    let moved = text.replacen("deadline = \"Август\"", "deadline = \"Сентябрь\"", 1);
    assert_ne!(text, moved);
    fs::write(&path, moved).unwrap();
}

#[test]
fn one_file_compares_the_signed_version_with_its_edited_data() {
    let dir = signed_samples();
    move_deadline(dir.path());
    let o = prikaz(dir.path(), &["diff", ORDER]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("подписанный приказ № 1 от 27.06.2023"),
        "{}",
        stderr(&o)
    );
    let out = stdout(&o);
    assert_eq!(out.lines().count(), 1, "{out}");
    assert!(out.contains("«Август» → «Сентябрь»"), "{out}");
}

#[test]
fn a_signed_old_version_comes_from_the_journal_not_from_the_disk() {
    let dir = signed_samples();
    // The corrected copy beside it, and the signed files edited too (as a clerk might).
    fs::copy(dir.path().join(ORDER), dir.path().join("new.toml")).unwrap();
    move_deadline(dir.path());
    let o = prikaz(dir.path(), &["diff", ORDER, "new.toml"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("«Август» → «Сентябрь»"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn a_missing_archive_is_a_clear_error() {
    let dir = signed_samples();
    move_deadline(dir.path());
    fs::remove_file(dir.path().join("archive/main/2023/1.pdf")).unwrap();
    for args in [vec!["diff", ORDER], vec!["amend", ORDER, "-o", "izm.toml"]] {
        let o = prikaz(dir.path(), &args);
        assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
        assert!(stderr(&o).contains("архив"), "{}", stderr(&o));
        assert!(stderr(&o).contains("1.pdf"), "{}", stderr(&o));
        assert!(stdout(&o).is_empty());
    }
    assert!(!dir.path().join("izm.toml").exists());
}

#[test]
fn one_file_that_is_not_signed_asks_for_the_second_version() {
    let dir = unnumbered_samples();
    let o = prikaz(dir.path(), &["diff", ORDER]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("не подписан"), "{}", stderr(&o));
}

#[test]
fn versions_of_two_different_documents_are_refused() {
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    let run = |a: &str, b: &str| {
        prikaz(
            &data,
            &["diff", a, b, "--journal", "/nonexistent/journal.sqlite"],
        )
    };
    for (a, b) in [
        ("chippkro-368.toml", "zarechny-uo-214.toml"),
        ("chippkro-368.toml", "network-school-2023.toml"),
        ("chippkro-368.toml", "chippkro-368-concept.toml"),
    ] {
        let o = run(a, b);
        assert_eq!(o.status.code(), Some(1), "{a} {b}: {}", stderr(&o));
        assert!(
            stderr(&o).contains("не редакции одного документа"),
            "{a} {b}: {}",
            stderr(&o)
        );
        assert!(stdout(&o).is_empty());
    }
}

#[test]
fn the_amendment_names_the_signed_order_and_the_journal_links_them() {
    let dir = signed_samples();
    move_deadline(dir.path());
    let o = prikaz(dir.path(), &["amend", ORDER, "-o", "izm.toml"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = fs::read_to_string(dir.path().join("izm.toml")).unwrap();
    let data: toml::Table = toml::from_str(&text).unwrap();
    let amends = &data["order"]["amends"];
    assert_eq!(amends["number"].as_str(), Some("1"));
    assert_eq!(amends["date"].to_string(), "2023-06-27");
    assert!(
        text.contains("изложить в следующей редакции: «Сентябрь»"),
        "{text}"
    );

    let o = prikaz(dir.path(), &["check", "izm.toml"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = prikaz(
        dir.path(),
        &["register", "izm.toml", "--date", "2023-09-01"],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let o = prikaz(dir.path(), &["journal"]);
    let listing = stdout(&o);
    let line = |n: &str| {
        listing
            .lines()
            .find(|l| l.starts_with(&format!("{n} ")))
            .unwrap_or_default()
            .to_string()
    };
    assert!(
        line("1").contains("подписан; изменён приказом № 2 от 01.09.2023"),
        "{listing}"
    );
    assert!(
        line("2").contains("зарегистрирован; изменяет № 1 от 27.06.2023"),
        "{listing}"
    );
}

#[test]
fn an_amendment_of_an_order_not_yet_signed_is_not_registered() {
    let dir = unnumbered_samples();
    let o = prikaz(dir.path(), &["register", ORDER, "--date", "2023-06-27"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let amendment = format!(
        "{}\n[order.amends]\nnumber = \"1\"\ndate = 2023-06-27\n",
        ORDER_TEXT
    );
    fs::write(dir.path().join("izm.toml"), amendment).unwrap();
    let before = fs::read(dir.path().join("izm.toml")).unwrap();
    let o = prikaz(
        dir.path(),
        &["register", "izm.toml", "--date", "2023-07-01"],
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("изменяют только подписанный приказ"),
        "{}",
        stderr(&o)
    );
    assert_eq!(fs::read(dir.path().join("izm.toml")).unwrap(), before);
}

#[test]
fn an_impossible_amended_date_is_an_error_at_its_place() {
    let dir = tempfile::tempdir().unwrap();
    let text = format!("{ORDER_TEXT}\n[order.amends]\nnumber = \"1\"\ndate = 2023-02-30\n");
    fs::write(dir.path().join("o.toml"), &text).unwrap();
    let o = prikaz(dir.path(), &["check", "o.toml"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let line = text
        .lines()
        .position(|l| l.starts_with("date = 2023-02-30"))
        .unwrap()
        + 1;
    assert!(
        stderr(&o).contains(&format!("o.toml:{line}:8")),
        "{}",
        stderr(&o)
    );
}

/// A small order of another subject.
const ORDER_TEXT: &str = "[order]\nkind = \"приказ\"\ntitle = \"О внесении изменений\"\n\
directive = \"ПРИКАЗЫВАЮ:\"\n\n[[order.points]]\ntext = \"Внести изменения.\"\n\n\
[order.signatory]\nposition = [\"Директор\"]\nname = \"И.И. Иванов\"\n";

#[test]
fn a_journal_from_before_the_links_is_read_as_it_is_and_upgraded_by_register() {
    let dir = tempfile::tempdir().unwrap();
    let o_toml = ORDER_TEXT.replace("[order]\n", "[order]\nnumber = \"5\"\ndate = 2026-11-29\n");
    fs::write(dir.path().join("o.toml"), o_toml).unwrap();
    let journal = dir.path().join("journal.sqlite");
    old_journal(&journal, 3);
    // Building reads the journal (is the order signed?) and leaves it as it is.
    let o = prikaz(dir.path(), &["build", "o.toml", "-o", "out"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(journal_version(&journal), 3);
    // Then signed on paper (what the journal records of the signing does not matter here).
    let c = rusqlite::Connection::open(&journal).unwrap();
    c.execute("UPDATE entries SET status = 'signed'", [])
        .unwrap();
    drop(c);
    let amendment = format!("{ORDER_TEXT}\n[order.amends]\nnumber = \"5\"\ndate = 2026-11-29\n");
    fs::write(dir.path().join("izm.toml"), amendment).unwrap();
    let o = prikaz(
        dir.path(),
        &["register", "izm.toml", "--date", "2026-12-01"],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let latest = prikaz::journal::sqlite::MIGRATIONS.len() as i64;
    assert_eq!(journal_version(&journal), latest);
    let listing = stdout(&prikaz(dir.path(), &["journal"]));
    assert!(
        listing.contains("подписан; изменён приказом № 6 от 01.12.2026"),
        "{listing}"
    );
}

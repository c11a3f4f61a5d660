//! `prikaz sign`, the frozen signed order and `prikaz journal verify`, run as the user runs
//! them on a temporary copy of the sample order № 368 (with its concept, roadmap and
//! organisation file), its number and date taken out so that it can be registered.

mod journal_common;

use journal_common::*;
use std::fs;
use std::path::{Path, PathBuf};

const ORDER: &str = "chippkro-368.toml";
const ROADMAP: &str = "chippkro-368-roadmap.toml";

/// A copy of the samples in a temporary folder, the order unnumbered.
fn samples() -> tempfile::TempDir {
    unnumbered_samples()
}

/// The sample order registered and signed; returns the archive's DOCX and PDF.
fn signed(dir: &Path) -> [PathBuf; 2] {
    let o = prikaz(dir, &["register", ORDER, "--date", "2023-06-27"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = prikaz(dir, &["sign", ORDER]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("Подписан приказ № 1 от 27.06.2023"),
        "{}",
        stdout(&o)
    );
    let archive = dir.join("archive/main/2023");
    [archive.join("1.docx"), archive.join("1.pdf")]
}

#[test]
fn a_signed_order_builds_into_the_same_bytes_as_its_archive() {
    let dir = samples();
    let [docx, pdf] = signed(dir.path());
    let o = prikaz(dir.path(), &["build", ORDER, "-o", "out"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = dir.path().join("out");
    assert_eq!(
        fs::read(out.join("chippkro-368.docx")).unwrap(),
        fs::read(docx).unwrap()
    );
    assert_eq!(
        fs::read(out.join("chippkro-368.pdf")).unwrap(),
        fs::read(pdf).unwrap()
    );
    let listing = stdout(&prikaz(dir.path(), &["journal"]));
    assert!(listing.contains("подписан"), "{listing}");
}

#[test]
fn a_changed_deadline_is_refused_at_its_place_and_nothing_is_written() {
    let dir = samples();
    signed(dir.path());
    let roadmap = dir.path().join(ROADMAP);
    let text = fs::read_to_string(&roadmap).unwrap();
    let at = text
        .find("deadline = \"Август\"")
        .expect("a deadline in August");
    let line = text[..at].matches('\n').count() + 1;
    let col = "deadline = \"".chars().count() + 1;
    fs::write(
        &roadmap,
        text.replacen("deadline = \"Август\"", "deadline = \"Июль\"", 1),
    )
    .unwrap();

    let o = prikaz(dir.path(), &["build", ORDER, "-o", "out"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains(&format!("{ROADMAP}:{line}:{col}: изменён")),
        "{err}"
    );
    assert!(err.contains("О внесении изменений"), "{err}");
    assert!(err.contains("Ничего не записано"), "{err}");
    assert!(!dir.path().join("out").join("chippkro-368.pdf").exists());

    // Registering it again is refused too.
    let o = prikaz(dir.path(), &["register", ORDER]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("подписан"), "{}", stderr(&o));
}

#[test]
fn a_file_gone_since_signing_is_named() {
    let dir = samples();
    signed(dir.path());
    fs::remove_file(dir.path().join(ROADMAP)).unwrap();
    let o = prikaz(dir.path(), &["build", ORDER, "-o", "out"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(
        stderr(&o).contains(&format!("{ROADMAP}: был при подписании")),
        "{}",
        stderr(&o)
    );
}

#[test]
fn the_archive_is_never_overwritten() {
    let dir = samples();
    let [docx, pdf] = signed(dir.path());
    let before = (fs::read(&docx).unwrap(), fs::read(&pdf).unwrap());
    let o = prikaz(dir.path(), &["sign", ORDER]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("уже подписан"), "{}", stderr(&o));
    assert_eq!((fs::read(&docx).unwrap(), fs::read(&pdf).unwrap()), before);
}

#[test]
fn a_different_file_in_the_archive_stops_signing() {
    let dir = samples();
    let o = prikaz(dir.path(), &["register", ORDER, "--date", "2023-06-27"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let archive = dir.path().join("archive/main/2023");
    fs::create_dir_all(&archive).unwrap();
    fs::write(archive.join("1.pdf"), "someone else's").unwrap();
    let o = prikaz(dir.path(), &["sign", ORDER]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("архив не перезаписывается"),
        "{}",
        stderr(&o)
    );
    assert_eq!(fs::read(archive.join("1.pdf")).unwrap(), b"someone else's");
    assert!(!archive.join("1.docx").exists());
    // Still registered, not signed: once the stray file is gone it signs.
    fs::remove_file(archive.join("1.pdf")).unwrap();
    let o = prikaz(dir.path(), &["sign", ORDER]);
    assert!(o.status.success(), "{}", stderr(&o));
}

#[test]
fn an_order_not_registered_is_not_signed() {
    let dir = samples();
    let o = prikaz(dir.path(), &["sign", ORDER]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("не зарегистрирован"), "{}", stderr(&o));
    assert!(!dir.path().join("archive").exists());
}

#[test]
fn verify_passes_untouched_and_names_a_changed_archive_file() {
    let dir = samples();
    let [_, pdf] = signed(dir.path());
    let o = prikaz(dir.path(), &["journal", "verify"]);
    assert!(o.status.success(), "{}{}", stdout(&o), stderr(&o));
    assert!(
        stdout(&o).contains("Подписанных приказов: 1"),
        "{}",
        stdout(&o)
    );
    // Not a terminal: one plain line per order.
    assert!(
        stderr(&o).contains("№ 1 (chippkro-368.toml)"),
        "{}",
        stderr(&o)
    );

    let mut bytes = fs::read(&pdf).unwrap();
    bytes.push(b'\n');
    fs::write(&pdf, bytes).unwrap();
    let o = prikaz(dir.path(), &["journal", "verify"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("archive/main/2023/1.pdf: архивный файл изменён"),
        "{}",
        stdout(&o)
    );

    fs::remove_file(&pdf).unwrap();
    let o = prikaz(dir.path(), &["journal", "verify"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stdout(&o).contains("архивного файла нет"), "{}", stdout(&o));
}

#[test]
fn a_journal_of_the_previous_schema_is_migrated_by_signing() {
    let dir = tempfile::tempdir().unwrap();
    let order = "[order]\nkind = \"приказ\"\nnumber = \"5\"\ndate = 2026-11-29\n\
                 title = \"О тестовом приказе\"\ndirective = \"ПРИКАЗЫВАЮ:\"\n\n\
                 [[order.points]]\ntext = \"Сделать.\"\n\n[order.signatory]\n\
                 position = [\"Директор\"]\nname = \"И.И. Иванов\"\n";
    fs::write(dir.path().join("o.toml"), order).unwrap();
    let journal = dir.path().join("journal.sqlite");
    // The journal as the first schema left it, with the order registered.
    old_journal(&journal, 1);
    // Building and verifying beside it neither need nor make the upgrade.
    let o = prikaz(dir.path(), &["build", "o.toml", "-o", "out"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = prikaz(dir.path(), &["journal", "verify"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(journal_version(&journal), 1);

    let o = prikaz(dir.path(), &["sign", "o.toml"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let latest = prikaz::journal::sqlite::MIGRATIONS.len() as i64;
    assert_eq!(journal_version(&journal), latest);
    let c = rusqlite::Connection::open(&journal).unwrap();
    let (status, files): (String, i64) = c
        .query_row(
            "SELECT status, (SELECT COUNT(*) FROM signed_files) FROM entries",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(status, "signed");
    // The order, the built-in templates, the DOCX and the PDF.
    assert_eq!(files, 4);
    let o = prikaz(dir.path(), &["journal", "verify"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(dir.path().join("archive/main/2026/5.pdf").exists());
}

#[test]
fn unchanged_inputs_that_build_other_bytes_are_an_internal_error() {
    let dir = samples();
    signed(dir.path());
    // As if this prikaz wrote the PDF differently from the one that signed it.
    let c = rusqlite::Connection::open(dir.path().join("journal.sqlite")).unwrap();
    c.execute(
        "UPDATE signed_files SET sha256 = 'ab' WHERE role = 'pdf'",
        [],
    )
    .unwrap();
    let o = prikaz(dir.path(), &["build", ORDER, "-o", "out"]);
    assert_eq!(o.status.code(), Some(4), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("внутренняя ошибка prikaz"),
        "{}",
        stderr(&o)
    );
    assert!(stderr(&o).contains("PDF"), "{}", stderr(&o));
    assert!(!dir.path().join("out").join("chippkro-368.docx").exists());
}

#[test]
fn the_loader_reports_every_file_it_read_in_reading_order() {
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    let templates = prikaz::template::Templates::built_in().unwrap();
    let prepared = prikaz::prepare(&data.join("zarechny-uo-214.toml"), &templates).unwrap();
    let names: Vec<String> = prepared
        .inputs
        .iter()
        .map(|p| {
            assert!(p.is_absolute(), "{}", p.display());
            p.strip_prefix(data.canonicalize().unwrap())
                .unwrap()
                .display()
                .to_string()
        })
        .collect();
    assert_eq!(
        names,
        [
            "zarechny-uo-214.toml",
            "org/zarechny-uo.toml",
            "zarechny-uo-214-polozhenie.toml",
            "zarechny-uo-214-model.toml",
            "zarechny-uo-214-model.png",
        ]
    );
}

/// The journal as if another version of prikaz, with other built-in templates, had signed.
fn signed_by_another_prikaz(dir: &Path) {
    let c = rusqlite::Connection::open(dir.join("journal.sqlite")).unwrap();
    let n = c
        .execute(
            "UPDATE signed_files SET sha256 = ?1 WHERE role = 'template'",
            [&"0".repeat(64)],
        )
        .unwrap();
    assert_eq!(n, 1);
}

#[test]
fn an_order_signed_by_another_prikaz_verifies_by_its_archive_and_is_not_rebuilt() {
    let dir = samples();
    let [_, pdf] = signed(dir.path());
    signed_by_another_prikaz(dir.path());
    let o = prikaz(dir.path(), &["journal", "verify"]);
    assert!(o.status.success(), "{}{}", stdout(&o), stderr(&o));

    let o = prikaz(dir.path(), &["build", ORDER, "-o", "out"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("прежней версии prikaz"), "{err}");
    assert!(err.contains("archive/main/2023/1.pdf"), "{err}");
    assert!(!dir.path().join("out").exists());

    // The archive is still checked.
    fs::write(&pdf, b"%PDF-1.7 not the signed one").unwrap();
    let o = prikaz(dir.path(), &["journal", "verify"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("архивный файл изменён"),
        "{}",
        stdout(&o)
    );
}

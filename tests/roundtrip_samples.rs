//! The sample documents through the whole pipeline and LibreOffice: the DOCX opens, the
//! roadmap's header row starts every page the table covers, the executor mark stands at the
//! foot of the order's page, the seed's words are there in order, and building twice gives
//! the same bytes. Skips with a reason when LibreOffice or
//! poppler is absent, unless PRIKAZ_REQUIRE_TOOLS is set (as in CI).

use prikaz::template::Templates;
use prikaz::Formats;
use std::path::{Path, PathBuf};
use std::process::Command;

mod tools;

fn tools_present() -> bool {
    tools::present(
        &[("soffice", "--version"), ("pdftotext", "-v")],
        "apt-get install libreoffice-writer-nogui poppler-utils",
    )
}

fn docx_of(path: &str) -> Vec<u8> {
    let templates = Templates::built_in().unwrap();
    let prepared = prikaz::prepare(Path::new(path), &templates).unwrap_or_else(|d| panic!("{d}"));
    let formats = Formats {
        docx: true,
        pdf: false,
    };
    prikaz::render(&prepared.document, formats)
        .unwrap()
        .docx
        .unwrap()
}

/// Writes the DOCX of `data` into a temp dir, converts it with LibreOffice, returns the text
/// of every page.
fn libreoffice_pages(data: &str) -> (tempfile::TempDir, Vec<String>) {
    let dir = tempfile::tempdir().unwrap();
    let stem = Path::new(data)
        .file_stem()
        .unwrap()
        .to_string_lossy()
        .to_string();
    let docx: PathBuf = dir.path().join(format!("{stem}.docx"));
    std::fs::write(&docx, docx_of(data)).unwrap();
    let profile = dir.path().join("profile");
    let out = Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(dir.path())
        .arg(&docx)
        .output()
        .unwrap();
    let pdf = docx.with_extension("pdf");
    assert!(
        pdf.is_file(),
        "LibreOffice made no PDF: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = Command::new("pdftotext")
        .arg("-layout")
        .arg(&pdf)
        .arg("-")
        .output()
        .unwrap();
    let text = String::from_utf8(text.stdout).unwrap();
    let pages = text
        .split('\u{c}')
        .filter(|p| !p.trim().is_empty())
        .map(str::to_string)
        .collect();
    (dir, pages)
}

/// The first line of a page that is not just its number.
fn first_line(page: &str) -> &str {
    page.lines()
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.chars().all(|c| c.is_ascii_digit()))
        .unwrap_or("")
}

fn assert_header_on_every_table_page(
    data: &str,
    header_start: &str,
    expected_pages: std::ops::RangeInclusive<usize>,
) {
    let (_dir, pages) = libreoffice_pages(data);
    assert!(
        expected_pages.contains(&pages.len()),
        "{data}: {} pages",
        pages.len()
    );
    let first = pages
        .iter()
        .position(|p| p.contains(header_start))
        .expect("the table is there");
    // The table runs to the end of the document: every page from its first on starts with
    // the header row (the first page may have the section title above it).
    for (i, page) in pages.iter().enumerate().skip(first + 1) {
        assert!(
            first_line(page).starts_with(header_start),
            "{data}: page {} starts with {:?}, not with the table header",
            i + 1,
            first_line(page)
        );
    }
}

#[test]
fn order_368_roadmap_header_starts_every_page_in_libreoffice() {
    if tools_present() {
        assert_header_on_every_table_page("data/chippkro-368.toml", "№ п/", 20..=32);
    }
}

#[test]
fn network_school_roadmap_header_starts_every_page_in_libreoffice() {
    if tools_present() {
        assert_header_on_every_table_page("data/network-school-2023.toml", "№ п/", 6..=12);
    }
}

/// Top of the first word `word` on page `page` of `pdf`, as a share of the page height
/// (`pdftotext -bbox` gives every word's box).
fn word_top(pdf: &Path, page: usize, word: &str) -> Option<f64> {
    let n = page.to_string();
    let out = Command::new("pdftotext")
        .args(["-bbox", "-f", &n, "-l", &n])
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap();
    let html = String::from_utf8(out.stdout).unwrap();
    let attr = |tag: &str, name: &str| -> Option<f64> {
        let start = tag.find(&format!("{name}=\""))? + name.len() + 2;
        tag[start..].split('"').next()?.parse().ok()
    };
    let page_tag = html.lines().find(|l| l.contains("<page "))?;
    let height = attr(page_tag, "height")?;
    let line = html
        .lines()
        .find(|l| l.contains("<word ") && l.contains(&format!(">{word}<")))?;
    Some(attr(line, "yMin")? / height)
}

#[test]
fn executor_mark_stands_at_the_foot_of_the_orders_last_page_in_libreoffice() {
    if !tools_present() {
        return;
    }
    let (dir, pages) = libreoffice_pages("tests/fixtures/small-order.toml");
    let pdf = dir.path().join("small-order.pdf");
    // The order fills the top half of its page; the bottom frame stands at the foot.
    let signature = word_top(&pdf, 1, "Иванов").expect("the signature on page 1");
    let executor = word_top(&pdf, 1, "Петрова").expect("the executor mark on page 1");
    let distribution = word_top(&pdf, 1, "Рассылка:").expect("the distribution list on page 1");
    assert!(signature < 0.6, "signature at {signature:.2} of the page");
    assert!(
        executor > 0.8,
        "executor mark at {executor:.2} of the page:\n{}",
        pages[0]
    );
    assert!(distribution > executor);
}

/// Share of `reference` words found in order in `rendered` (longest common subsequence).
fn in_order_recall(reference: &[String], rendered: &[String]) -> f64 {
    let mut prev = vec![0u32; rendered.len() + 1];
    for r in reference {
        let mut cur = vec![0u32; rendered.len() + 1];
        for (j, w) in rendered.iter().enumerate() {
            cur[j + 1] = if r == w {
                prev[j] + 1
            } else {
                cur[j].max(prev[j + 1])
            };
        }
        prev = cur;
    }
    f64::from(prev[rendered.len()]) / reference.len().max(1) as f64
}

fn words(text: &str) -> Vec<String> {
    // A word hyphenated at a line end («тео-\n   ретических») is one word again, as in
    // ../shared/tools/textsim.py; LibreOffice hyphenates where a Russian dictionary is installed.
    let mut joined = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find("-\n") {
        let before = rest[..i].chars().next_back();
        let after = rest[i + 2..].trim_start_matches(' ');
        joined.push_str(&rest[..i]);
        if before.is_some_and(char::is_alphabetic) && after.starts_with(char::is_alphabetic) {
            rest = after;
        } else {
            joined.push_str("-\n");
            rest = &rest[i + 2..];
        }
    }
    joined.push_str(rest);
    joined
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

#[test]
fn network_school_text_follows_the_seed_in_order() {
    if !tools_present() {
        return;
    }
    // The text of the real roadmap, as extracted from its pages.
    let seed = std::fs::read_to_string("tests/fixtures/seeds/network-school-2023.txt").unwrap();
    // The note, before the table: pdftotext interleaves table columns, so the table's words
    // are checked only as a set.
    let note_end = seed.find("№ п/п").unwrap();
    let (_dir, pages) = libreoffice_pages("data/network-school-2023.toml");
    let rendered = words(&pages.join("\n"));
    let recall = in_order_recall(&words(&seed[..note_end]), &rendered);
    assert!(
        recall > 0.97,
        "in-order recall of the explanatory note: {recall:.3}"
    );
    let all: std::collections::HashSet<&String> = rendered.iter().collect();
    let table = words(&seed[note_end..]);
    let found = table.iter().filter(|w| all.contains(w)).count() as f64 / table.len() as f64;
    // Words hyphenated inside narrow cells come out of pdftotext as two fragments with other
    // columns' text between them, so a few percent of table words cannot be found whole.
    assert!(found > 0.95, "table words found: {found:.3}");
}

#[test]
fn building_twice_gives_the_same_docx() {
    assert_eq!(
        docx_of("data/chippkro-368.toml"),
        docx_of("data/chippkro-368.toml")
    );
}

#[test]
fn titles_and_headings_are_not_hyphenated_in_the_docx() {
    let templates = Templates::built_in().unwrap();
    let prepared = prikaz::prepare(Path::new("data/chippkro-368.toml"), &templates).unwrap();
    let unhyphenated = prepared
        .document
        .sections
        .iter()
        .flat_map(|s| &s.blocks)
        .filter(|b| matches!(b, prikaz::model::Block::Paragraph(p) if !p.style.hyphenate))
        .count();
    assert!(unhyphenated > 10, "header block, title, section headings");
    let parts = prikaz::docx::parts(&prepared.document).unwrap();
    let document = &parts
        .iter()
        .find(|(n, _)| n == "word/document.xml")
        .unwrap()
        .1;
    assert_eq!(
        document.matches("<w:suppressAutoHyphens").count(),
        unhyphenated
    );
    assert!(
        !document.contains("w:snapToGrid"),
        "the marker is always replaced"
    );
}

#[test]
fn regulation_subheaders_are_not_repeated_in_libreoffice() {
    if !tools_present() {
        return;
    }
    let (_dir, pages) = libreoffice_pages("tests/fixtures/regulation.toml");
    assert!(pages.len() >= 2, "{} pages", pages.len());
    let all = pages.join("\n");
    for once in ["Содержательный компонент", "Организационный компонент"]
    {
        assert_eq!(all.matches(once).count(), 1, "{once} printed once");
    }
    assert!(
        first_line(&pages[1]).contains("Мероприятие"),
        "the header repeats"
    );
    for text in [
        "Таблица 1",
        "Таблица 2",
        "1.2.2. планирование",
        "1. Анализ результатов",
    ] {
        assert!(all.contains(text), "{text} in the LibreOffice text");
    }
}

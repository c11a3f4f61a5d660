//! A round trip through LibreOffice: the written `.docx` converts to PDF without complaint,
//! and the PDF shows what only a word processor can prove — header rows repeated on every
//! page of the table, page numbers from page 2, footnotes at the foot of their pages.
//! Skips with a printed reason when LibreOffice or poppler is not installed.
//! Set `PRIKAZ_DOCX_KEEP=<dir>` to keep the `.docx` and `.pdf` for a look.

mod docx_support;

use std::path::{Path, PathBuf};
use std::process::Command;

mod tools;

/// Converts `docx` to PDF next to it with a private LibreOffice profile.
fn to_pdf(docx: &Path) -> PathBuf {
    tools::libreoffice_pdf(docx, docx.parent().unwrap())
}

fn page_count(pdf: &Path) -> usize {
    let out = Command::new("pdfinfo").arg(pdf).output().unwrap();
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .map(|n| n.trim().parse().unwrap())
        .expect("pdfinfo reports pages")
}

fn page_text(pdf: &Path, page: usize) -> String {
    let n = page.to_string();
    let out = Command::new("pdftotext")
        .args(["-f", &n, "-l", &n, "-layout"])
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap();
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn first_line(text: &str) -> &str {
    text.lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("")
}

#[test]
fn order_with_roadmap_through_libreoffice() {
    let needed = [
        ("soffice", "--version"),
        ("pdftotext", "-v"),
        ("pdfinfo", "-v"),
    ];
    if !tools::present(
        &needed,
        "apt-get install libreoffice-writer-nogui poppler-utils",
    ) {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let dir = std::env::var_os("PRIKAZ_DOCX_KEEP")
        .map(PathBuf::from)
        .unwrap_or_else(|| tmp.path().to_path_buf());
    std::fs::create_dir_all(&dir).unwrap();
    let docx = dir.join("order.docx");
    std::fs::write(&docx, prikaz::docx::write(&docx_support::order()).unwrap()).unwrap();
    let pdf = to_pdf(&docx);

    let pages = page_count(&pdf);
    let texts: Vec<String> = (1..=pages).map(|p| page_text(&pdf, p)).collect();
    for (i, t) in texts.iter().enumerate() {
        eprintln!("--- page {} ---\n{}", i + 1, t);
    }
    assert!(
        pages >= 4,
        "order, several table pages, approval sheet: {pages}"
    );

    // Page 1: no number, the order's own footnote at its foot.
    assert!(texts[0].contains("ПРИКАЗ") || texts[0].contains("П Р И К А З"));
    assert!(first_line(&texts[0]).starts_with("Министерство"));
    assert!(texts[0].contains("Утверждена приказом"));

    // The roadmap: every page it covers starts with the header row, shows its number,
    // and the header's footnote sits at the foot of the first of them.
    let table_pages: Vec<usize> = (0..pages)
        .filter(|&i| texts[i].contains("Мероприятие 20"))
        .collect();
    assert!(table_pages.len() >= 3, "table pages: {table_pages:?}");
    for &i in &table_pages {
        assert_eq!(first_line(&texts[i]), (i + 1).to_string(), "page {}", i + 1);
        assert!(
            texts[i].contains("Ответственный"),
            "page {} lacks the header row",
            i + 1
        );
        assert!(texts[i].contains("Результаты Концепции"), "page {}", i + 1);
    }
    assert!(texts[table_pages[0]].contains("Пункты Концепции"));
    // The approval sheet is unnumbered.
    let last = &texts[pages - 1];
    assert!(last.contains("ЛИСТ СОГЛАСОВАНИЯ"));
    assert!(first_line(last).starts_with("ЛИСТ"));
}

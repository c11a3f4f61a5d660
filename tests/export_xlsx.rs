//! The XLSX of an appendix's tables, read back by LibreOffice: every sheet converted to CSV
//! holds exactly the text of the model's table cells, slot by slot (merged slots empty), so
//! the numbering is the document's own. Skips with a printed reason when LibreOffice Calc is
//! not installed (fails instead under PRIKAZ_REQUIRE_TOOLS).

mod tools;

use prikaz::data::LoadOptions;
use prikaz::export::{prepare_appendix, xlsx};
use prikaz::model::{Block, Document, Table};
use prikaz::template::Templates;
use std::path::Path;
use std::process::Command;

/// The tables of `doc` in reading order.
fn tables(doc: &Document) -> Vec<&Table> {
    doc.sections
        .iter()
        .flat_map(|s| &s.blocks)
        .filter_map(|b| match b {
            Block::Table(t) => Some(t),
            _ => None,
        })
        .collect()
}

/// The grid of `t` as text: each origin slot its cell's text, covered slots empty.
fn expected(t: &Table) -> Vec<Vec<String>> {
    (0..t.row_count())
        .map(|r| {
            (0..t.columns().len())
                .map(|c| {
                    t.origin(r, c)
                        .map(|cell| xlsx::cell_text(&cell.paragraphs))
                        .unwrap_or_default()
                })
                .collect()
        })
        .collect()
}

/// RFC 4180 records of `text` (LibreOffice's CSV: `,`, `"` quoting, line breaks in quotes).
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let (mut rows, mut row, mut field) = (Vec::new(), Vec::new(), String::new());
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(ch) = chars.next() {
        match (quoted, ch) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut field)),
            (false, '\r') => {}
            (false, '\n') => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => field.push(c),
        }
    }
    if !field.is_empty() || !row.is_empty() {
        row.push(field);
        rows.push(row);
    }
    rows
}

/// Converts every sheet of `book` to `<stem>-<sheet>.csv` in its folder, in UTF-8.
fn to_csv(book: &Path) {
    let dir = book.parent().unwrap();
    let out = Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            dir.join("lo-profile").display()
        ))
        .args(["--headless", "--convert-to"])
        // Comma, double quote, UTF-8, from row 1 … and the last token -1: every sheet.
        .arg("csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1")
        .arg("--outdir")
        .arg(dir)
        .arg(book)
        .output()
        .expect("soffice runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn round_trip(path: &str, n: usize) {
    let templates = Templates::built_in().unwrap();
    let p = prepare_appendix(Path::new(path), &templates, &LoadOptions::default(), n).unwrap();
    let tables = tables(&p.document);
    assert!(!tables.is_empty());
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path().join("book.xlsx");
    std::fs::write(&book, xlsx::workbook(&p.document).unwrap()).unwrap();
    to_csv(&book);
    for (i, table) in tables.iter().enumerate() {
        let csv = dir.path().join(format!("book-Таблица {}.csv", i + 1));
        let text =
            std::fs::read_to_string(&csv).unwrap_or_else(|e| panic!("{}: {e}", csv.display()));
        let got = parse_csv(&text);
        let want = expected(table);
        assert_eq!(got.len(), want.len(), "{path}, table {}: rows", i + 1);
        for (r, (g, w)) in got.iter().zip(&want).enumerate() {
            assert_eq!(g, w, "{path}, table {}, row {}", i + 1, r + 1);
        }
    }
}

fn calc_present() -> bool {
    tools::present(
        &[("soffice", "--version")],
        "apt-get install libreoffice-calc-nogui",
    ) && Command::new("sh")
        .args(["-c", "ls /usr/lib/libreoffice/program/libsclo.so"])
        .output()
        .is_ok_and(|o| o.status.success())
        || {
            assert!(
                std::env::var_os("PRIKAZ_REQUIRE_TOOLS").is_none(),
                "LibreOffice Calc is required here (apt-get install libreoffice-calc-nogui)"
            );
            eprintln!("skipped: LibreOffice Calc not installed");
            false
        }
}

#[test]
fn libreoffice_reads_back_the_cells_of_a_roadmap_and_its_indicators() {
    if calc_present() {
        round_trip("data/chippkro-368.toml", 1);
    }
}

#[test]
fn libreoffice_reads_back_the_cells_of_a_general_table() {
    if calc_present() {
        round_trip("data/network-school-2023.toml", 1);
    }
}

#[test]
fn csv_records_are_parsed_as_rfc_4180_says() {
    let rows = parse_csv("a,\"b,\"\"c\"\"\nd\",\r\n,x\n");
    assert_eq!(rows, [vec!["a", "b,\"c\"\nd", ""], vec!["", "x"]]);
}

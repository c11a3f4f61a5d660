//! The PDF emitter on hand-built pages: structure, embedded subset fonts with exact widths and
//! ToUnicode maps, text round trip, determinism and size. Checks that need poppler or qpdf
//! skip with a message when the tool is absent, unless PRIKAZ_REQUIRE_TOOLS is set (as in CI).

use std::path::Path;
use std::process::Command;

use prikaz::pdf::emit::emit;
use prikaz::pdf::fonts::FontSet;
use prikaz::pdf::frame::{Face, Item, Page, PdfMeta};

const A4: (f32, f32) = (595.28, 841.89);
const FACES: [Face; 4] = [Face::Regular, Face::Bold, Face::Italic, Face::BoldItalic];

/// The sentence page `n` sets in `face`; distinct per page so a round trip proves the text
/// landed on the right page.
fn sentence(n: usize, face: Face) -> String {
    format!("Приказ №{n}: «{face:?}» — съешь же ещё этих мягких французских булок")
}

fn meta() -> PdfMeta {
    PdfMeta {
        title: "О концепции сетевой школы".into(),
        author: "ЧИППКРО".into(),
        language: "ru-RU".into(),
    }
}

fn text(x: f32, y: f32, text: String, face: Face) -> Item {
    Item::Text {
        x,
        y,
        text,
        face,
        size: 14.0,
        width: 0.0,
    }
}

fn rule(x1: f32, y1: f32, x2: f32, y2: f32, width: f32) -> Item {
    Item::Line {
        x1,
        y1,
        x2,
        y2,
        width,
    }
}

/// A page with one line of text per face in `faces`, a table-like frame and a footnote rule.
fn page(n: usize, faces: &[Face]) -> Page {
    let mut items = Vec::new();
    for (i, &face) in faces.iter().enumerate() {
        items.push(text(85.0, 100.0 + 24.0 * i as f32, sentence(n, face), face));
    }
    for (y, w) in [(200.0, 0.5), (260.0, 0.5), (320.0, 1.0)] {
        items.push(rule(85.0, y, 552.0, y, w));
    }
    items.push(rule(85.0, 200.0, 85.0, 320.0, 0.5));
    items.push(text(90.0, 230.0, format!("Ячейка таблицы {n}"), faces[0]));
    Page {
        width: A4.0,
        height: A4.1,
        items,
    }
}

fn pages(count: usize, faces: &[Face]) -> Vec<Page> {
    (1..=count).map(|n| page(n, faces)).collect()
}

fn emit_pages(pages: &[Page]) -> Vec<u8> {
    emit(pages, &meta(), FontSet::embedded()).expect("emit")
}

/// Writes `bytes` to a fresh file and returns its directory guard and path.
fn write_pdf(bytes: &[u8]) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("out.pdf");
    std::fs::write(&path, bytes).unwrap();
    (dir, path)
}

/// Runs `tool args… path tail…`; `None` (with a printed reason) when the tool is not
/// installed.
fn run(tool: &str, args: &[&str], path: &Path, tail: &[&str]) -> Option<String> {
    match Command::new(tool).args(args).arg(path).args(tail).output() {
        Ok(out) => {
            assert!(
                out.status.success() || tool == "qpdf",
                "{tool} failed: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            let mut s = String::from_utf8_lossy(&out.stdout).into_owned();
            s.push_str(&String::from_utf8_lossy(&out.stderr));
            Some(s)
        }
        Err(e) => {
            let reason = format!("`{tool}` cannot run ({e}): apt-get install poppler-utils qpdf");
            assert!(
                std::env::var_os("PRIKAZ_REQUIRE_TOOLS").is_none(),
                "{reason}"
            );
            eprintln!("skipped: {reason}");
            None
        }
    }
}

#[test]
fn page_count_matches() {
    let bytes = emit_pages(&pages(3, &FACES));
    let doc = lopdf::Document::load_mem(&bytes).unwrap();
    assert_eq!(doc.get_pages().len(), 3);
    let (_dir, path) = write_pdf(&bytes);
    if let Some(info) = run("pdfinfo", &[], &path, &[]) {
        assert!(info.lines().any(|l| l == "Pages:           3"), "{info}");
    }
}

#[test]
fn metadata_title_author_language() {
    let bytes = emit_pages(&pages(1, &FACES));
    let doc = lopdf::Document::load_mem(&bytes).unwrap();
    let lang = doc.catalog().unwrap().get(b"Lang").unwrap();
    let lang = lopdf::decode_text_string(lang).unwrap();
    assert_eq!(lang, "ru-RU");
    let info = doc.trailer.get(b"Info").unwrap().as_reference().unwrap();
    let info = doc.get_dictionary(info).unwrap();
    let keys: Vec<&[u8]> = info.iter().map(|(k, _)| &k[..]).collect();
    assert_eq!(keys, [&b"Title"[..], b"Author", b"Producer"], "no dates");
    let producer = lopdf::decode_text_string(info.get(b"Producer").unwrap());
    assert_eq!(producer.unwrap(), "prikaz");
    let (_dir, path) = write_pdf(&bytes);
    if let Some(info) = run("pdfinfo", &[], &path, &[]) {
        assert!(
            info.contains("Title:           О концепции сетевой школы"),
            "{info}"
        );
        assert!(info.contains("Author:          ЧИППКРО"), "{info}");
        assert!(!info.contains("CreationDate"), "{info}");
    }
}

#[test]
fn every_face_embedded_as_subset() {
    let bytes = emit_pages(&pages(2, &FACES));
    let (_dir, path) = write_pdf(&bytes);
    let Some(out) = run("pdffonts", &[], &path, &[]) else {
        return;
    };
    // Two header lines, then one row per font: name, type (two words), encoding, emb, sub,
    // uni, object, id.
    let rows: Vec<Vec<&str>> = out
        .lines()
        .skip(2)
        .map(|r| r.split_whitespace().collect())
        .collect();
    assert_eq!(rows.len(), 4, "{out}");
    for face in FACES {
        let postscript = &FontSet::embedded().get(face).postscript_name;
        let row = rows
            .iter()
            .find(|r| r[0].ends_with(&format!("+{postscript}")));
        let row = row.unwrap_or_else(|| panic!("no {postscript} in\n{out}"));
        let tag = row[0].split_once('+').unwrap().0;
        assert!(
            tag.len() == 6 && tag.chars().all(|c| c.is_ascii_uppercase()),
            "{row:?}"
        );
        let columns = ["CID", "TrueType", "Identity-H", "yes", "yes", "yes"];
        assert_eq!(&row[1..7], columns, "{row:?}");
    }
}

#[test]
fn cyrillic_text_round_trips_per_page() {
    let bytes = emit_pages(&pages(3, &FACES));
    // Without poppler: lopdf decodes the codes through each font's ToUnicode map.
    let doc = lopdf::Document::load_mem(&bytes).unwrap();
    for n in 1..=3 {
        let text = doc.extract_text(&[n as u32]).unwrap();
        for face in FACES {
            assert!(text.contains(&sentence(n, face)), "page {n}:\n{text}");
        }
    }
    let (_dir, path) = write_pdf(&bytes);
    for n in 1..=3 {
        let p = n.to_string();
        let Some(out) = run("pdftotext", &["-f", &p, "-l", &p], &path, &["-"]) else {
            return;
        };
        for face in FACES {
            assert!(
                out.contains(&sentence(n, face)),
                "page {n}, {face:?}:\n{out}"
            );
        }
        assert!(out.contains(&format!("Ячейка таблицы {n}")), "{out}");
    }
}

#[test]
fn qpdf_finds_no_problems() {
    let bytes = emit_pages(&pages(2, &FACES));
    let (_dir, path) = write_pdf(&bytes);
    if let Some(out) = run("qpdf", &["--check"], &path, &[]) {
        assert!(
            out.contains("No syntax or stream encoding errors found"),
            "{out}"
        );
        assert!(!out.to_lowercase().contains("warning"), "{out}");
    }
}

#[test]
fn same_pages_same_bytes() {
    let a = emit_pages(&pages(2, &FACES));
    let b = emit_pages(&pages(2, &FACES));
    assert!(a == b, "two emits of the same pages differ");
    let c = emit_pages(&pages(3, &FACES));
    assert_ne!(
        trailer_id(&a),
        trailer_id(&c),
        "the /ID follows the content"
    );
}

fn trailer_id(pdf: &[u8]) -> Vec<u8> {
    let doc = lopdf::Document::load_mem(pdf).unwrap();
    let id = doc.trailer.get(b"ID").unwrap().as_array().unwrap();
    id[0].as_str().unwrap().to_vec()
}

#[test]
fn forty_pages_in_two_faces_stay_small() {
    let bytes = emit_pages(&pages(40, &[Face::Regular, Face::Bold]));
    assert!(bytes.len() < 300_000, "{} bytes", bytes.len());
}

#[test]
fn empty_document_and_empty_page() {
    let blank = Page {
        width: A4.0,
        height: A4.1,
        items: vec![],
    };
    let bytes = emit_pages(&[blank]);
    let doc = lopdf::Document::load_mem(&bytes).unwrap();
    assert_eq!(doc.get_pages().len(), 1);
}

/// The operations of page `index` (0-based) as (operator, numeric operands).
fn page_ops(pdf: &[u8], index: usize) -> Vec<(String, Vec<f32>)> {
    let doc = lopdf::Document::load_mem(pdf).unwrap();
    let page_id = doc.get_pages()[&(index as u32 + 1)];
    let content = lopdf::content::Content::decode(&doc.get_page_content(page_id)).unwrap();
    content
        .operations
        .into_iter()
        .map(|op| {
            let nums = op
                .operands
                .iter()
                .filter_map(|o| o.as_float().ok())
                .collect();
            (op.operator, nums)
        })
        .collect()
}

#[test]
fn coordinates_flip_to_pdf_space() {
    let page = Page {
        width: A4.0,
        height: A4.1,
        items: vec![
            text(85.0, 100.0, "Текст".into(), Face::Italic),
            rule(85.0, 200.0, 552.0, 210.0, 0.75),
        ],
    };
    let ops = page_ops(&emit_pages(&[page]), 0);
    let find = |name: &str| {
        ops.iter()
            .find(|(op, _)| op == name)
            .unwrap_or_else(|| panic!("no {name} in {ops:?}"))
            .1
            .clone()
    };
    let close = |a: &[f32], b: &[f32]| {
        a.len() == b.len() && a.iter().zip(b).all(|(x, y)| (x - y).abs() < 0.01)
    };
    assert!(
        close(&find("Tm"), &[1.0, 0.0, 0.0, 1.0, 85.0, A4.1 - 100.0]),
        "{ops:?}"
    );
    assert!(close(&find("Tf"), &[14.0]), "{ops:?}");
    assert!(close(&find("w"), &[0.75]), "{ops:?}");
    assert!(close(&find("m"), &[85.0, A4.1 - 200.0]), "{ops:?}");
    assert!(close(&find("l"), &[552.0, A4.1 - 210.0]), "{ops:?}");
    assert!(
        ops.iter().any(|(op, _)| op == "S"),
        "the line is stroked: {ops:?}"
    );
}

#[test]
fn character_missing_from_font_is_no_error() {
    let page = Page {
        width: A4.0,
        height: A4.1,
        items: vec![text(85.0, 100.0, "Знак ☃ вне шрифта".into(), Face::Regular)],
    };
    let bytes = emit_pages(&[page]);
    let (_dir, path) = write_pdf(&bytes);
    if let Some(out) = run("pdftotext", &[], &path, &["-"]) {
        assert!(out.contains("Знак") && out.contains("вне шрифта"), "{out}");
    }
}

#[test]
fn nan_coordinate_is_an_error_naming_the_page() {
    let mut pages = pages(2, &[Face::Regular]);
    pages[1].items.push(rule(f32::NAN, 0.0, 10.0, 0.0, 0.5));
    let err = emit(&pages, &meta(), FontSet::embedded()).unwrap_err();
    assert!(err.starts_with("PDF page 2:"), "{err}");
}

#[test]
fn empty_text_run_draws_nothing() {
    let page = Page {
        width: A4.0,
        height: A4.1,
        items: vec![text(85.0, 100.0, String::new(), Face::Bold)],
    };
    let ops = page_ops(&emit_pages(&[page]), 0);
    assert!(
        !ops.iter().any(|(op, _)| op == "Tj" || op == "BT"),
        "{ops:?}"
    );
}

//! The QR code of an order (requisite 31) end to end: `tests/fixtures/qr/` holds one order
//! of `data/org/zarechny-uo.toml` (which sets `[qr]`) three ways — registered in 2026 (the
//! 2025 edition: the code is printed), a draft and an order of 2024 (the 2016 edition: no
//! code). The code is read back off the rendered first page, of the PDF and of the DOCX as LibreOffice lays
//! it out, with the `rqrr` decoder: its text, its size, its corner and the blank band above
//! it. Needs poppler (and LibreOffice for the DOCX); skips without them unless
//! PRIKAZ_REQUIRE_TOOLS is set.

use prikaz::model::{Block, Corner, Document, PageSetup, Qr};
use prikaz::template::Templates;
use prikaz::Formats;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;

mod tools;

const ORDER: &str = "tests/fixtures/qr/order.toml";
const DRAFT: &str = "tests/fixtures/qr/draft.toml";
const ORDER_2016: &str = "tests/fixtures/qr/order-2016.toml";
const SHORT: &str = "tests/fixtures/qr/short.toml";
const TOP_RIGHT: &str = "tests/fixtures/qr/top-right.toml";

/// What the organisation's `[qr]` makes of order № 12 of 20.01.2026.
const EXPECTED: &str = "УПРАВЛЕНИЕ ОБРАЗОВАНИЯ\nприказ от 20.01.2026 № 12\n\
                        https://uo-zarechny.example.ru/docs/2026/12";

/// The resolution pages are rendered at, dots per inch.
const DPI: f32 = 300.0;

fn prepared(path: &str) -> prikaz::Prepared {
    let templates = Templates::built_in().unwrap();
    prikaz::prepare(Path::new(path), &templates).unwrap_or_else(|d| panic!("{d}"))
}

fn rendered(doc: &Document) -> prikaz::Rendered {
    let both = Formats {
        docx: true,
        pdf: true,
    };
    prikaz::render(doc, both).unwrap()
}

/// The QR codes of the model, wherever they stand.
fn codes(doc: &Document) -> Vec<&Qr> {
    let blocks = doc.sections.iter().flat_map(|s| &s.blocks);
    blocks
        .filter_map(|b| match b {
            Block::Qr(q) => Some(q),
            _ => None,
        })
        .collect()
}

/// The names of the DOCX's parts.
fn docx_parts(bytes: &[u8]) -> Vec<String> {
    let zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    zip.file_names().map(str::to_string).collect()
}

/// A part of the DOCX as text.
fn docx_part(bytes: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut out = String::new();
    zip.by_name(name).unwrap().read_to_string(&mut out).unwrap();
    out
}

/// A page rendered in grey, one byte a pixel.
struct Gray {
    width: usize,
    height: usize,
    pixels: Vec<u8>,
}

impl Gray {
    fn dark(&self, x: usize, y: usize) -> bool {
        self.pixels[y * self.width + x] < 128
    }
}

/// The first page of `pdf` rendered at [`DPI`] in grey by pdftoppm (a PGM: a short text
/// header, then a byte a pixel).
fn first_page(pdf: &Path) -> Gray {
    let prefix = pdf.with_file_name("first-page");
    let out = Command::new("pdftoppm")
        .args(["-r", "300", "-gray", "-singlefile", "-f", "1", "-l", "1"])
        .arg(pdf)
        .arg(&prefix)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let bytes = std::fs::read(pdf.with_file_name("first-page.pgm")).unwrap();
    // «P5», width, height, maximum value, each followed by one blank.
    let mut fields = Vec::new();
    let mut at = 0;
    while fields.len() < 4 {
        let end = at
            + bytes[at..]
                .iter()
                .position(u8::is_ascii_whitespace)
                .unwrap();
        fields.push(String::from_utf8_lossy(&bytes[at..end]).to_string());
        at = end + 1;
    }
    assert_eq!((fields[0].as_str(), fields[3].as_str()), ("P5", "255"));
    let width: usize = fields[1].parse().unwrap();
    let height: usize = fields[2].parse().unwrap();
    let pixels = bytes[at..].to_vec();
    assert_eq!(pixels.len(), width * height);
    Gray {
        width,
        height,
        pixels,
    }
}

/// A code found on a page: its text and its box in pixels (left, top, right, bottom).
struct Found {
    text: String,
    bounds: [f32; 4],
}

/// Every QR code rqrr finds on `page`.
fn decode(page: &Gray) -> Vec<Found> {
    let mut img = rqrr::PreparedImage::prepare_from_greyscale(page.width, page.height, |x, y| {
        page.pixels[y * page.width + x]
    });
    img.detect_grids()
        .into_iter()
        .map(|grid| {
            // An unreadable code (text over it, say) is a code that fails the comparison.
            let text = match grid.decode() {
                Ok((_, text)) => text,
                Err(e) => format!("(unreadable: {e:?})"),
            };
            let xs = grid.bounds.map(|p| p.x as f32);
            let ys = grid.bounds.map(|p| p.y as f32);
            let min = |v: [f32; 4]| v.into_iter().fold(f32::INFINITY, f32::min);
            let max = |v: [f32; 4]| v.into_iter().fold(f32::NEG_INFINITY, f32::max);
            Found {
                text,
                bounds: [min(xs), min(ys), max(xs), max(ys)],
            }
        })
        .collect()
}

/// Points to pixels at [`DPI`].
fn px(pt: f32) -> f32 {
    pt / 72.0 * DPI
}

/// Pixels to millimetres at [`DPI`].
fn mm(px: f32) -> f32 {
    px / DPI * 25.4
}

/// Checks the code on `page` (of setup `setup`): it reads as `text`, is at least 20 mm
/// square, stands in its corner of the margins, and no ink lies in the band of the text area
/// beside it and its quiet zone (above it in the lower corner, below it in the upper one).
fn assert_code_on(page: &Gray, setup: &PageSetup, qr: &Qr, text: &str, what: &str) {
    let found = decode(page);
    assert_eq!(
        found.len(),
        1,
        "{what}: {} codes on the first page",
        found.len()
    );
    let code = &found[0];
    assert_eq!(code.text, text, "{what}");
    let [left, top, right, bottom] = code.bounds;
    let (w, h) = (mm(right - left), mm(bottom - top));
    assert!(
        w >= 19.5 && h >= 19.5,
        "{what}: the code is {w:.1} × {h:.1} mm"
    );
    // The decoder's corners lie within a module of the symbol's edges.
    let slack = px(qr.module()) + 2.0;
    let want_right = px(setup.width - setup.margin_right);
    let (edge, want_edge, band) = match qr.corner() {
        Corner::BottomRight => {
            let want = px(setup.height - setup.margin_bottom);
            (bottom, want, (top - px(qr.quiet()), bottom))
        }
        Corner::TopRight => (top, px(setup.margin_top), (top, bottom + px(qr.quiet()))),
    };
    assert!(
        (right - want_right).abs() <= slack && (edge - want_edge).abs() <= slack,
        "{what}: the code's corner at ({right}, {edge}) px, the margins' at \
         ({want_right}, {want_edge})"
    );
    let text_left = px(setup.margin_left) as usize;
    let (symbol_left, symbol_top, symbol_bottom) = (left - slack, top - slack, bottom + slack);
    for y in (band.0 as usize)..=(band.1 as usize) {
        let ink = (text_left..page.width).find(|&x| {
            let (xf, yf) = (x as f32, y as f32);
            let in_symbol = xf >= symbol_left && yf >= symbol_top && yf <= symbol_bottom;
            !in_symbol && page.dark(x, y)
        });
        assert!(
            ink.is_none(),
            "{what}: ink at ({ink:?}, {y}) px beside the code"
        );
    }
}

/// The order's code: its text, its place, the DOCX picture and the PDF's squares.
#[test]
fn the_order_carries_one_code_of_its_text_on_the_first_page() {
    let p = prepared(ORDER);
    let all = codes(&p.document);
    assert_eq!(all.len(), 1);
    assert!(matches!(p.document.sections[0].blocks[0], Block::Qr(_)));
    let qr = all[0];
    assert!((qr.size() - 20.0 * 72.0 / 25.4).abs() < 1e-3);
    let out = rendered(&p.document);
    let docx = out.docx.unwrap();
    let media: Vec<String> = docx_parts(&docx)
        .into_iter()
        .filter(|n| n.starts_with("word/media/"))
        .collect();
    assert_eq!(media, ["word/media/image1.png"]);
    let body = docx_part(&docx, "word/document.xml");
    assert_eq!(body.matches("<wp:anchor ").count(), 1);
    assert!(body.contains("<wp:wrapTopAndBottom />"));
}

#[test]
fn a_draft_and_an_order_of_the_2016_edition_carry_no_code() {
    for path in [DRAFT, ORDER_2016] {
        let p = prepared(path);
        assert!(codes(&p.document).is_empty(), "{path}");
        let docx = rendered(&p.document).docx.unwrap();
        let media = docx_parts(&docx);
        assert!(
            !media.iter().any(|n| n.starts_with("word/media/")),
            "{path}: {media:?}"
        );
    }
}

#[test]
fn the_code_is_the_same_every_time() {
    let one = rendered(&prepared(ORDER).document);
    let two = rendered(&prepared(ORDER).document);
    assert!(one.docx == two.docx, "the DOCX differs between two builds");
    assert!(one.pdf == two.pdf, "the PDF differs between two builds");
}

/// The PDF of `data` as `prikaz build` writes it into `dir`.
fn write_pdf(dir: &Path, data: &str) -> PathBuf {
    let out = Command::new(env!("CARGO_BIN_EXE_prikaz"))
        .args(["build", data, "-o"])
        .arg(dir)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stem = Path::new(data).file_stem().unwrap();
    dir.join(stem).with_extension("pdf")
}

#[test]
fn the_pdf_code_reads_back_off_the_rendered_page() {
    if !tools::present(&[("pdftoppm", "-v")], "apt-get install poppler-utils") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let p = prepared(ORDER);
    let page = first_page(&write_pdf(dir.path(), ORDER));
    let setup = p.document.sections[0].page;
    assert_code_on(&page, &setup, codes(&p.document)[0], EXPECTED, "PDF");
    // The draft's first page has no code.
    let draft = first_page(&write_pdf(dir.path(), DRAFT));
    assert!(
        decode(&draft).is_empty(),
        "a code on the draft's first page"
    );
}

/// The DOCX of `prepared` written into `dir` and converted to PDF by LibreOffice.
fn libreoffice_pdf(dir: &Path, prepared: &prikaz::Prepared) -> PathBuf {
    let docx = dir.join("order.docx");
    std::fs::write(&docx, rendered(&prepared.document).docx.unwrap()).unwrap();
    tools::libreoffice_pdf(&docx, dir)
}

fn libreoffice_present() -> bool {
    let tools = [
        ("soffice", "--version"),
        ("pdftoppm", "-v"),
        ("pdftotext", "-v"),
    ];
    tools::present(
        &tools,
        "apt-get install libreoffice-writer-nogui poppler-utils",
    )
}

#[test]
fn the_docx_code_reads_back_off_the_page_libreoffice_lays_out() {
    if !libreoffice_present() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let p = prepared(ORDER);
    let pdf = libreoffice_pdf(dir.path(), &p);
    let setup = p.document.sections[0].page;
    assert_code_on(
        &first_page(&pdf),
        &setup,
        codes(&p.document)[0],
        EXPECTED,
        "DOCX",
    );
    // Both writers break the pages alike.
    let pages = |bytes: &[u8]| lopdf::Document::load_mem(bytes).unwrap().get_pages().len();
    let ours = pages(&rendered(&p.document).pdf.unwrap());
    assert_eq!(pages(&std::fs::read(&pdf).unwrap()), ours);
}

/// The box of the first word `word` on page 1 of `pdf`, in points: `pdftotext -bbox`.
fn word_box(pdf: &Path, word: &str) -> [f32; 4] {
    let out = Command::new("pdftotext")
        .args(["-bbox", "-f", "1", "-l", "1"])
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap();
    let html = String::from_utf8(out.stdout).unwrap();
    let line = html
        .lines()
        .find(|l| l.contains("<word ") && l.contains(&format!(">{word}<")))
        .unwrap_or_else(|| panic!("no «{word}» on the first page of {}", pdf.display()));
    let attr = |name: &str| -> f32 {
        let start = line.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
        line[start..].split('"').next().unwrap().parse().unwrap()
    };
    [attr("xMin"), attr("yMin"), attr("xMax"), attr("yMax")]
}

#[test]
fn the_executor_mark_stands_beside_the_code_in_both_writers() {
    if !libreoffice_present() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let p = prepared(SHORT);
    let ours = dir.path().join("ours.pdf");
    std::fs::write(&ours, rendered(&p.document).pdf.unwrap()).unwrap();
    let theirs = libreoffice_pdf(dir.path(), &p);
    let setup = p.document.sections[0].page;
    let qr = codes(&p.document)[0];
    let qr_left = setup.width - setup.margin_right - qr.size();
    let qr_top = setup.height - setup.margin_bottom - qr.size();
    for pdf in [&ours, &theirs] {
        let [_, _, right, bottom] = word_box(pdf, "000-00-00");
        let what = pdf.display();
        assert!(
            bottom > qr_top,
            "{what}: the mark ends at {bottom} pt, above the code"
        );
        assert!(
            right < qr_left,
            "{what}: the mark reaches {right} pt, into the code"
        );
        let found = decode(&first_page(pdf));
        assert_eq!(found.len(), 1, "{what}");
        assert_eq!(
            found[0].text.lines().nth(1),
            Some("приказ от 02.02.2026 № 7")
        );
    }
    let a = word_box(&ours, "000-00-00")[3];
    let b = word_box(&theirs, "000-00-00")[3];
    assert!(
        (a - b).abs() < 3.0,
        "the mark's foot: {a} pt in ours, {b} pt in LibreOffice's"
    );
}

#[test]
fn a_code_in_the_upper_corner_reads_back_with_the_text_under_it_in_both_writers() {
    if !libreoffice_present() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let p = prepared(TOP_RIGHT);
    let qr = codes(&p.document)[0];
    assert_eq!(qr.corner(), Corner::TopRight);
    assert!((qr.size() - 25.0 * 72.0 / 25.4).abs() < 1e-3);
    let text = "УО приказ № 7 от 02.02.2026: О проведении семинара";
    let setup = p.document.sections[0].page;
    let ours = write_pdf(dir.path(), TOP_RIGHT);
    assert_code_on(&first_page(&ours), &setup, qr, text, "PDF");
    let theirs = libreoffice_pdf(dir.path(), &p);
    assert_code_on(&first_page(&theirs), &setup, qr, text, "DOCX");
    // The header block starts under the code in both.
    let a = word_box(&ours, "УПРАВЛЕНИЕ")[1];
    let b = word_box(&theirs, "УПРАВЛЕНИЕ")[1];
    let under = setup.margin_top + qr.size() + qr.quiet();
    assert!(
        a >= under && b >= under,
        "the header at {a} and {b} pt, the code ends at {under}"
    );
    assert!(
        (a - b).abs() < 3.0,
        "the header's top: {a} pt in ours, {b} pt in LibreOffice's"
    );
}

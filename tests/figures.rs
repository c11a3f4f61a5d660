//! Figures end to end: the fixture `tests/fixtures/figures/figures.toml` (PNG in RGB, with
//! alpha, with a palette, 16-bit grey; JPEG in RGB and CMYK; one PNG shown twice) through
//! both writers — the DOCX's media parts, relationships, content types and drawings, the
//! PDF's image objects — and through LibreOffice, which must show the pictures.

use prikaz::template::Templates;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;

mod tools;

const FIXTURE: &str = "tests/fixtures/figures/figures.toml";

/// The distinct images of the fixture, in order of first use.
const IMAGES: [&str; 6] = [
    "scheme.png",
    "photo.jpg",
    "alpha.png",
    "palette.png",
    "gray16.png",
    "cmyk.jpg",
];

fn prepared() -> prikaz::Prepared {
    let templates = Templates::built_in().unwrap();
    prikaz::prepare(Path::new(FIXTURE), &templates).unwrap()
}

fn fixture_bytes(name: &str) -> Vec<u8> {
    std::fs::read(Path::new("tests/fixtures/figures").join(name)).unwrap()
}

/// The named entries of a zip archive.
fn unzip(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    (0..zip.len())
        .map(|i| {
            let mut f = zip.by_index(i).unwrap();
            let mut data = Vec::new();
            f.read_to_end(&mut data).unwrap();
            (f.name().to_string(), data)
        })
        .collect()
}

#[test]
fn captions_are_numbered_in_the_organisations_form() {
    let p = prepared();
    let captions: Vec<&str> = p
        .markup
        .lines()
        .filter(|l| l.contains("Рис.\u{a0}"))
        .collect();
    assert_eq!(captions.len(), 7, "{captions:#?}");
    assert!(captions[0].contains("Рис.\u{a0}1. Модель методической работы"));
    assert!(captions[1].contains("Рис.\u{a0}2. Семинар"));
    // Without a caption text the form stops before it.
    assert!(captions[2].contains(">Рис.\u{a0}3.</p>"), "{}", captions[2]);
}

#[test]
fn the_docx_holds_each_distinct_image_once_with_a_drawing_per_use() {
    let bytes = prikaz::docx::write(&prepared().document).unwrap();
    let entries = unzip(&bytes);
    let media: Vec<&(String, Vec<u8>)> = entries
        .iter()
        .filter(|(n, _)| n.starts_with("word/media/"))
        .collect();
    assert_eq!(media.len(), IMAGES.len());
    for (i, name) in IMAGES.iter().enumerate() {
        let ext = if name.ends_with(".jpg") {
            "jpeg"
        } else {
            "png"
        };
        assert_eq!(media[i].0, format!("word/media/image{}.{ext}", i + 1));
        assert_eq!(media[i].1, fixture_bytes(name), "{name} embedded as it is");
    }
    let text = |part: &str| {
        let (_, data) = entries.iter().find(|(n, _)| n == part).unwrap();
        String::from_utf8(data.clone()).unwrap()
    };
    let types = text("[Content_Types].xml");
    assert!(types.contains(r#"ContentType="image/png" Extension="png""#));
    assert!(types.contains(r#"ContentType="image/jpeg" Extension="jpeg""#));
    let rels = text("word/_rels/document.xml.rels");
    for i in 1..=IMAGES.len() {
        assert!(rels.contains(&format!(r#"Id="rIdImage{i}""#)), "{rels}");
    }
    let doc = text("word/document.xml");
    assert_eq!(doc.matches("<wp:inline ").count(), 7);
    assert_eq!(doc.matches(r#"r:embed="rIdImage1""#).count(), 2);
    // Unique drawing ids, 1 to 7.
    for id in 1..=7 {
        assert_eq!(doc.matches(&format!(r#"<wp:docPr id="{id}" "#)).count(), 1);
    }
    // The first picture fills the text width (170 mm) keeping its 2:1 proportions; the photo
    // is 80 mm wide as asked.
    let emu = |mm: f64| mm * 72.0 / 25.4 * 12700.0;
    let extents: Vec<(f64, f64)> = doc
        .split("<wp:extent cx=\"")
        .skip(1)
        .map(|rest| {
            let (cx, rest) = rest.split_once("\" cy=\"").unwrap();
            let (cy, _) = rest.split_once('"').unwrap();
            (cx.parse().unwrap(), cy.parse().unwrap())
        })
        .collect();
    let near = |a: f64, b: f64| (a - b).abs() < 5.0;
    assert!(near(extents[0].0, emu(170.0)) && near(extents[0].1, emu(85.0)));
    assert!(near(extents[1].0, emu(80.0)), "{extents:?}");
    // A width above the text width is the text width.
    assert!(near(extents[2].0, emu(170.0)), "{extents:?}");
    // The picture's paragraph is kept with its caption.
    let first = doc.find("<wp:inline ").unwrap();
    let para = doc[..first].rfind("<w:p ").unwrap();
    assert!(doc[para..first].contains("<w:keepNext />"));
}

#[test]
fn the_docx_is_the_same_every_time() {
    let doc = prepared().document;
    assert_eq!(
        prikaz::docx::write(&doc).unwrap(),
        prikaz::docx::write(&doc).unwrap()
    );
    assert_eq!(
        prikaz::pdf::write(&doc).unwrap(),
        prikaz::pdf::write(&doc).unwrap()
    );
}

#[test]
fn the_pdf_has_one_image_object_per_distinct_image_and_jpeg_bytes_as_they_are() {
    let bytes = prikaz::pdf::write(&prepared().document).unwrap();
    let pdf = lopdf::Document::load_mem(&bytes).unwrap();
    let images: Vec<&lopdf::Stream> = pdf
        .objects
        .values()
        .filter_map(|o| o.as_stream().ok())
        .filter(|s| s.dict.get(b"Subtype").ok().and_then(|v| v.as_name().ok()) == Some(b"Image"))
        .collect();
    // Six pictures and the alpha channel of one.
    assert_eq!(images.len(), IMAGES.len() + 1);
    let masks = images.iter().filter(|s| s.dict.has(b"SMask")).count();
    assert_eq!(masks, 1);
    for name in ["photo.jpg", "cmyk.jpg"] {
        let file = fixture_bytes(name);
        let found = images.iter().any(|s| {
            s.dict.get(b"Filter").ok().and_then(|v| v.as_name().ok()) == Some(b"DCTDecode")
                && s.content == file
        });
        assert!(found, "{name} passed through");
    }
    // An 8-bit RGB PNG without transparency goes in as its own compressed data.
    let predicted = images.iter().filter(|s| {
        s.dict
            .get(b"DecodeParms")
            .ok()
            .and_then(|p| p.as_dict().ok())
            .and_then(|p| p.get(b"Predictor").ok())
            .and_then(|p| p.as_i64().ok())
            == Some(15)
    });
    assert_eq!(predicted.count(), 1, "scheme.png as it is");
    // The PNG shown twice is drawn twice from one object.
    let contents: String = pdf
        .get_pages()
        .values()
        .map(|&id| String::from_utf8_lossy(&pdf.get_page_content(id)).into_owned())
        .collect();
    assert_eq!(contents.matches("/Im1 Do").count(), 2);
    assert_eq!(contents.matches(" Do").count(), 7);
}

#[test]
fn an_unknown_placeholder_in_the_caption_form_is_an_error_in_the_org_file() {
    let dir = tempfile::tempdir().unwrap();
    let org = dir.path().join("org.toml");
    let form = std::fs::read_to_string("tests/fixtures/figures/org-bad-form.toml").unwrap();
    std::fs::write(&org, form).unwrap();
    std::fs::copy(
        "tests/fixtures/figures/scheme.png",
        dir.path().join("scheme.png"),
    )
    .unwrap();
    let doc = dir.path().join("doc.toml");
    let text = "organization = \"org.toml\"\ntitle = \"Положение\"\n\n[[content]]\n\
                figure = \"scheme.png\"\n";
    std::fs::write(&doc, text).unwrap();
    let templates = Templates::built_in().unwrap();
    let err = prikaz::prepare(&doc, &templates).unwrap_err();
    let d = err
        .0
        .iter()
        .find(|d| d.message.contains("неизвестная подстановка «{name}»"))
        .unwrap_or_else(|| panic!("{err:?}"));
    assert_eq!((d.file.as_path(), d.line, d.col), (org.as_path(), 12, 33));
}

/// Image lines of `pdfimages -list` for `pdf`.
fn pdf_images(pdf: &Path) -> Vec<String> {
    let out = Command::new("pdfimages")
        .arg("-list")
        .arg(pdf)
        .output()
        .unwrap();
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .skip(2)
        .map(str::to_string)
        .collect()
}

#[test]
fn libreoffice_shows_the_pictures_of_the_docx() {
    let needed = [("soffice", "--version"), ("pdfimages", "-v")];
    if !tools::present(
        &needed,
        "apt-get install libreoffice-writer-nogui poppler-utils",
    ) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let docx = dir.path().join("figures.docx");
    std::fs::write(&docx, prikaz::docx::write(&prepared().document).unwrap()).unwrap();
    let profile = dir.path().join("lo-profile");
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
    assert!(out.status.success());
    let pdf: PathBuf = docx.with_extension("pdf");
    let images = pdf_images(&pdf);
    // Seven pictures shown (one of them twice) and the one alpha mask.
    let shown = images.iter().filter(|l| !l.contains("smask")).count();
    assert_eq!(shown, 7, "{images:#?}");
    // Our own PDF shows the same.
    let ours = dir.path().join("ours.pdf");
    std::fs::write(&ours, prikaz::pdf::write(&prepared().document).unwrap()).unwrap();
    let ours = pdf_images(&ours);
    assert_eq!(ours.iter().filter(|l| !l.contains("smask")).count(), 7);
}

#[test]
fn a_picture_and_its_caption_share_a_page() {
    if !tools::present(&[("pdftotext", "-v")], "apt-get install poppler-utils") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ours.pdf");
    let bytes = prikaz::pdf::write(&prepared().document).unwrap();
    std::fs::write(&path, &bytes).unwrap();
    let pdf = lopdf::Document::load_mem(&bytes).unwrap();
    for (n, id) in pdf.get_pages() {
        let drawn = String::from_utf8_lossy(&pdf.get_page_content(id))
            .matches(" Do")
            .count();
        let out = Command::new("pdftotext")
            .args(["-f", &n.to_string(), "-l", &n.to_string()])
            .arg(&path)
            .arg("-")
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&out.stdout);
        assert_eq!(text.matches("Рис.").count(), drawn, "page {n}: {text}");
    }
}

//! Pagination of whole documents: tables break like Word's and LibreOffice's (a rowspan block
//! split with its spanning cell continued rather than moved to leave a page mostly blank, no
//! group row alone at a page foot), and the signature never stands alone on a page. The
//! roadmap sample is laid out with narrower and wider columns and with long rowspan cells;
//! the PDF's page counts are compared with LibreOffice's rendering of our DOCX.

// Only the font metrics are used here.
#[allow(dead_code)]
mod pdf_layout_doc;
mod tools;

use prikaz::model::{Document, Meta};
use prikaz::pdf::frame::{Item, Page};
use prikaz::pdf::layout::layout;
use prikaz::template::Templates;
use prikaz::Formats;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Column widths of the roadmap sample: number, activity, deadline, responsible, results.
const WIDTHS: [u32; 5] = [12, 58, 28, 38, 34];

/// The roadmap sample with its widths replaced and, with `span`, the responsible cell of
/// each run of activity rows spanning the run with a long text «AA{k}A … ZZ{k}Z».
/// Returns the file text and the texts of its group rows.
fn roadmap_variant(widths: [u32; 5], span: bool) -> (String, Vec<String>) {
    let src = std::fs::read_to_string("data/chippkro-368-roadmap.toml").unwrap();
    let mut src = src;
    for (old, new) in WIDTHS.iter().zip(widths) {
        let (a, b) = (format!("width = {old} }}"), format!("width = {new} }}"));
        src = src.replacen(&a, &b, 1);
    }
    const SEP: &str = "[[content.roadmap.rows]]\n";
    let mut chunks: Vec<String> = src.split(SEP).map(str::to_string).collect();
    let groups = chunks[1..]
        .iter()
        .filter_map(|c| value_of(c, "group"))
        .collect();
    if span {
        spread_responsible(&mut chunks[1..]);
    }
    (chunks.join(SEP), groups)
}

/// The string value of `key` in a row written one key a line.
fn value_of(chunk: &str, key: &str) -> Option<String> {
    let line = chunk
        .lines()
        .find(|l| l.starts_with(&format!("{key} = \"")))?;
    let v = line.split_once(" = ")?.1;
    Some(v.trim_matches('"').to_string())
}

/// Makes the first responsible cell of each run of rows span the run, with a long text.
fn spread_responsible(rows: &mut [String]) {
    let mut k = 0;
    let mut i = 0;
    while i < rows.len() {
        let run = rows[i..]
            .iter()
            .take_while(|c| value_of(c, "responsible").is_some())
            .count();
        if run >= 2 {
            k += 1;
            let text = value_of(&rows[i], "responsible").unwrap();
            let long = format!("AA{k}A {} ZZ{k}Z", [text.as_str(); 5].join(". "));
            let old = format!("responsible = \"{text}\"");
            let new = format!("responsible = {{ text = \"{long}\", rowspan = {run} }}");
            rows[i] = rows[i].replacen(&old, &new, 1);
            for row in &mut rows[i + 1..i + run] {
                let t = value_of(row, "responsible").unwrap();
                *row = row.replacen(&format!("responsible = \"{t}\"\n"), "", 1);
            }
        }
        i += run.max(1);
    }
}

/// The order 368 with its concept and the roadmap variant, in a temp dir; the order's path.
fn sample_with(roadmap: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("org")).unwrap();
    for f in [
        "chippkro-368.toml",
        "chippkro-368-concept.toml",
        "org/chippkro.toml",
    ] {
        std::fs::copy(Path::new("data").join(f), dir.path().join(f)).unwrap();
    }
    std::fs::write(dir.path().join("chippkro-368-roadmap.toml"), roadmap).unwrap();
    let order = dir.path().join("chippkro-368.toml");
    (dir, order)
}

fn document(path: &Path) -> Document {
    let templates = Templates::built_in().unwrap();
    prikaz::prepare(path, &templates)
        .unwrap_or_else(|d| panic!("{}: {d}", path.display()))
        .document
}

/// The pages of each section laid out on its own (a part of the document).
fn parts(doc: &Document) -> Vec<Vec<Page>> {
    let metrics = pdf_layout_doc::metrics();
    doc.sections
        .iter()
        .map(|s| {
            let one = Document {
                meta: doc.meta.clone(),
                sections: vec![s.clone()],
            };
            layout(&one, &metrics)
        })
        .collect()
}

/// Body text of a page (no page number, no footnotes): (baseline, x, text).
fn body_runs(page: &Page, meta: &Meta, top: f32) -> Vec<(f32, f32, String)> {
    page.items
        .iter()
        .filter_map(|i| match i {
            Item::Text {
                x, y, text, size, ..
            } if *y > top && *size > meta.footnote_size + 0.01 => Some((*y, *x, text.clone())),
            _ => None,
        })
        .collect()
}

/// How much of the text area is filled: the body down to its lowest baseline or table
/// border, and the footnote area from its first line down.
fn fill(page: &Page, meta: &Meta, top: f32, bottom: f32) -> f32 {
    let texts = body_runs(page, meta, top).into_iter().map(|r| r.0);
    let borders = page.items.iter().filter_map(|i| match i {
        Item::Line { x1, x2, y2, .. } if (x1 - x2).abs() < 0.01 => Some(*y2),
        _ => None,
    });
    let low = texts.chain(borders).fold(top, f32::max);
    let notes = page.items.iter().filter_map(|i| match i {
        Item::Text { y, size, .. } if *y > low && *size <= meta.footnote_size + 0.01 => {
            Some(*y - *size)
        }
        _ => None,
    });
    let foot = bottom - notes.fold(bottom, f32::min);
    (low - top + foot) / (bottom - top)
}

/// The text of the lowest body line of a page and the x it starts at.
fn last_line(page: &Page, meta: &Meta, top: f32) -> (String, f32) {
    let runs = body_runs(page, meta, top);
    let low = runs.iter().map(|r| r.0).fold(top, f32::max);
    let mut line: Vec<&(f32, f32, String)> =
        runs.iter().filter(|r| (r.0 - low).abs() < 0.5).collect();
    line.sort_by(|a, b| a.1.total_cmp(&b.1));
    let x = line.first().map_or(0.0, |r| r.1);
    let text: String = line.iter().map(|r| r.2.as_str()).collect();
    (text, x)
}

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Checks the pages of every part of `doc`: none but a part's last is less than half full,
/// and none ends with a group row (a full-width line from `groups`). Returns the pages.
fn check_parts(doc: &Document, groups: &[String], name: &str) -> Vec<Page> {
    let groups: Vec<String> = groups.iter().map(|g| squeeze(g)).collect();
    let mut all = Vec::new();
    for (s, pages) in doc.sections.iter().zip(parts(doc)) {
        let top = s.page.margin_top;
        let bottom = s.page.height - s.page.margin_bottom;
        let last = pages.len() - 1;
        for (i, page) in pages.iter().enumerate().take(last) {
            let f = fill(page, &doc.meta, top, bottom);
            assert!(
                f >= 0.5,
                "{name}: a page of a part is {:.0} % full",
                f * 100.0
            );
            let (text, x) = last_line(page, &doc.meta, top);
            let text = squeeze(text.trim_end_matches('-'));
            let group = x < s.page.margin_left + 10.0
                && text.chars().count() > 3
                && groups.iter().any(|g| g.contains(&text));
            assert!(
                !group,
                "{name}: page {} of a part ends with a group row «{text}»",
                i + 1
            );
        }
        all.extend(pages);
    }
    all
}

/// Index of the first page whose body holds `word`.
fn page_of(pages: &[Page], word: &str) -> Option<usize> {
    pages.iter().position(|p| {
        p.items
            .iter()
            .any(|i| matches!(i, Item::Text { text, .. } if text.contains(word)))
    })
}

fn variants() -> Vec<(&'static str, [u32; 5], bool)> {
    vec![
        ("roadmap", WIDTHS, false),
        ("narrow-first", [9, 61, 28, 38, 34], false),
        ("narrow-activity", [12, 46, 28, 50, 34], false),
        ("wide-activity", [12, 72, 24, 28, 34], false),
        ("spans", WIDTHS, true),
        ("spans-narrow", [9, 55, 26, 30, 50], true),
        ("spans-wide", [12, 72, 24, 28, 34], true),
    ]
}

#[test]
fn no_page_of_a_part_is_left_half_empty_and_no_group_row_ends_a_page() {
    for (name, widths, span) in variants() {
        let (roadmap, groups) = roadmap_variant(widths, span);
        let (_dir, order) = sample_with(&roadmap);
        check_parts(&document(&order), &groups, name);
    }
}

/// The texts of the rows across a whole table in the data files of `order`: group rows and
/// sub-header rows (`group = "…"`, `subheader = "…"`).
fn full_width_rows(order: &Path) -> Vec<String> {
    let dir = order.parent().unwrap();
    let stem = order.file_stem().unwrap().to_string_lossy().to_string();
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        if !(name.starts_with(&stem) && name.ends_with(".toml")) {
            continue;
        }
        for line in std::fs::read_to_string(&path).unwrap().lines() {
            let line = line.trim();
            for key in ["group = \"", "subheader = \""] {
                if let Some(rest) = line.strip_prefix(key) {
                    out.push(rest.split('"').next().unwrap().to_string());
                }
            }
        }
    }
    out
}

#[test]
fn samples_have_no_half_empty_page_and_no_group_row_at_a_page_foot() {
    for sample in [
        "data/chippkro-368.toml",
        "data/network-school-2023.toml",
        "data/zarechny-uo-214.toml",
    ] {
        let path = Path::new(sample);
        check_parts(&document(path), &full_width_rows(path), sample);
    }
}

#[test]
fn long_spanning_cells_continue_on_the_next_page() {
    let (roadmap, _) = roadmap_variant([9, 55, 26, 30, 50], true);
    let (_dir, order) = sample_with(&roadmap);
    let doc = document(&order);
    let pages: Vec<Page> = parts(&doc).into_iter().flatten().collect();
    let mut continued = 0;
    for k in 1.. {
        let (Some(a), Some(b)) = (
            page_of(&pages, &format!("AA{k}A")),
            page_of(&pages, &format!("ZZ{k}Z")),
        ) else {
            assert!(k > 5, "the spanning cells are there");
            break;
        };
        assert!(b <= a + 1, "cell {k} runs over {} pages", b - a + 1);
        continued += usize::from(b > a);
    }
    assert!(continued > 0, "no spanning cell continued on the next page");
}

/// Fixtures of orders whose text ends near a page foot.
const SIGNATURE: [&str; 2] = [
    "tests/fixtures/signature-foot.toml",
    "tests/fixtures/signature-over.toml",
];

/// Whether the page holding the signatory's name holds text above it (not only the page
/// number): the last point, kept with the signature whole, as LibreOffice keeps it.
fn signature_with_text(pages: &[Vec<String>], name: &str) -> bool {
    let Some(page) = pages.iter().find(|p| p.iter().any(|l| l.contains(name))) else {
        return false;
    };
    let at = page.iter().position(|l| l.contains(name)).unwrap();
    page[..at]
        .iter()
        .any(|l| !l.trim().is_empty() && l.trim().parse::<usize>().is_err())
}

/// Lines of text of each page of a PDF frame list.
fn page_lines(pages: &[Page]) -> Vec<Vec<String>> {
    pages
        .iter()
        .map(|p| {
            let mut runs: Vec<(f32, f32, String)> = p
                .items
                .iter()
                .filter_map(|i| match i {
                    Item::Text { x, y, text, .. } => Some((*y, *x, text.clone())),
                    _ => None,
                })
                .collect();
            runs.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.total_cmp(&b.1)));
            let mut lines: Vec<(f32, String)> = Vec::new();
            for (y, _, t) in runs {
                match lines.last_mut() {
                    Some((ly, l)) if (*ly - y).abs() < 0.5 => {
                        l.push(' ');
                        l.push_str(&t);
                    }
                    _ => lines.push((y, t)),
                }
            }
            lines.into_iter().map(|l| l.1).collect()
        })
        .collect()
}

#[test]
fn the_signature_shares_its_page_with_the_text_in_the_pdf() {
    let metrics = pdf_layout_doc::metrics();
    for (path, count) in SIGNATURE.iter().zip([1, 2]) {
        let pages = layout(&document(Path::new(path)), &metrics);
        assert_eq!(pages.len(), count, "{path}");
        let lines = page_lines(&pages);
        assert!(
            signature_with_text(&lines, "И.И. Иванов"),
            "{path}: {lines:?}"
        );
        let (sig, mark) = (page_of(&pages, "Иванов"), page_of(&pages, "Петрова"));
        assert_eq!(sig, mark, "{path}: the executor mark leaves the signature");
    }
}

// ---- LibreOffice round trip -------------------------------------------------------------

fn tools_present() -> bool {
    tools::present(
        &[("soffice", "--version"), ("pdfinfo", "-v")],
        "apt-get install libreoffice-writer-nogui poppler-utils",
    )
}

/// Our PDF page count and LibreOffice's for the DOCX of `path`, and LibreOffice's PDF.
fn both_counts(path: &Path, dir: &Path) -> (usize, usize, PathBuf) {
    let doc = document(path);
    let out = prikaz::render(
        &doc,
        Formats {
            docx: true,
            pdf: true,
        },
    )
    .unwrap();
    let stem = path.file_stem().unwrap().to_string_lossy();
    let docx = dir.join(format!("{stem}.docx"));
    std::fs::write(&docx, out.docx.unwrap()).unwrap();
    let ours = dir.join(format!("{stem}-ours.pdf"));
    std::fs::write(&ours, out.pdf.unwrap()).unwrap();
    let status = Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            dir.join("lo-profile").display()
        ))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(dir)
        .arg(&docx)
        .output()
        .expect("soffice runs");
    assert!(status.status.success());
    let lo = docx.with_extension("pdf");
    (pages_of(&ours), pages_of(&lo), lo)
}

fn pages_of(pdf: &Path) -> usize {
    let out = Command::new("pdfinfo").arg(pdf).output().unwrap();
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .map(|n| n.trim().parse().unwrap())
        .expect("pdfinfo reports pages")
}

fn pdf_pages_text(pdf: &Path) -> Vec<Vec<String>> {
    let out = Command::new("pdftotext")
        .args(["-layout"])
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap();
    String::from_utf8_lossy(&out.stdout)
        .split('\u{c}')
        .map(|p| p.lines().map(str::to_string).collect())
        .collect()
}

/// Page counts agree: equal up to 20 pages, within 5 % beyond.
fn agree(ours: usize, lo: usize) -> bool {
    let diff = ours.abs_diff(lo) as f32;
    if ours.max(lo) <= 20 {
        diff == 0.0
    } else {
        diff <= 0.05 * lo as f32
    }
}

#[test]
fn page_counts_match_libreoffice_for_samples_fixtures_and_variants() {
    if !tools_present() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let mut files: Vec<PathBuf> = [
        "data/chippkro-368.toml",
        "data/chippkro-368-concept.toml",
        "data/network-school-2023.toml",
        "data/zarechny-uo-214.toml",
        "tests/fixtures/small-order.toml",
        "tests/fixtures/draft-order.toml",
    ]
    .iter()
    .map(PathBuf::from)
    .chain(SIGNATURE.iter().map(PathBuf::from))
    .collect();
    let mut keep = Vec::new();
    for (name, widths, span) in variants().into_iter().skip(4) {
        let (roadmap, _) = roadmap_variant(widths, span);
        let (d, order) = sample_with(&roadmap);
        let renamed = order.with_file_name(format!("{name}.toml"));
        std::fs::rename(&order, &renamed).unwrap();
        files.push(renamed);
        keep.push(d);
    }
    let mut report = Vec::new();
    for path in &files {
        let (ours, lo, lo_pdf) = both_counts(path, dir.path());
        report.push(format!("{}: ours {ours}, LibreOffice {lo}", path.display()));
        assert!(agree(ours, lo), "{}", report.join("\n"));
        if SIGNATURE.iter().any(|s| path.ends_with(s)) {
            let pages = pdf_pages_text(&lo_pdf);
            assert!(
                signature_with_text(&pages, "И.И. Иванов"),
                "{}: the signature alone in LibreOffice: {pages:?}",
                path.display()
            );
        }
    }
    eprintln!("{}", report.join("\n"));
}

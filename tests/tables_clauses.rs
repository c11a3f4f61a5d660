//! Clauses with references, numbered table captions, sub-header rows and lists in cells, from
//! the data through both writers: the model, the DOCX parts and the PDF frames of
//! `tests/fixtures/regulation.toml`, and the organisation's own caption form.

use prikaz::model::{Block, Document, Inline};
use prikaz::pdf::frame::{Item, Page};
use prikaz::template::Templates;
use roxmltree::{Document as Xml, Node};
use std::path::Path;

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const FIXTURE: &str = "tests/fixtures/regulation.toml";

fn prepare(path: &Path) -> Result<prikaz::Prepared, prikaz::diag::Diagnostics> {
    prikaz::prepare(path, &Templates::built_in().unwrap())
}

fn document() -> Document {
    prepare(Path::new(FIXTURE)).unwrap().document
}

fn plain(inlines: &[Inline]) -> String {
    inlines
        .iter()
        .filter_map(|i| match i {
            Inline::Text { text, .. } => Some(text.as_str()),
            _ => None,
        })
        .collect()
}

/// Texts of the body paragraphs (outside tables), in order.
fn paragraphs(doc: &Document) -> Vec<String> {
    let blocks = doc.sections.iter().flat_map(|s| &s.blocks);
    blocks
        .filter_map(|b| match b {
            Block::Paragraph(p) => Some(plain(&p.inlines)),
            _ => None,
        })
        .collect()
}

#[test]
fn clauses_are_numbered_under_their_sections_and_references_resolved() {
    let texts = paragraphs(&document());
    let numbered: Vec<&str> = texts
        .iter()
        .filter(|t| t.starts_with(|c: char| c.is_ascii_digit()))
        .map(|t| t.split(' ').next().unwrap())
        .collect();
    assert_eq!(
        numbered,
        ["1.", "1.1.", "1.2.", "1.2.1.", "1.2.2.", "2.", "2.1."]
    );
    assert!(texts.contains(&"1.2.2. планирование работы в порядке пункта 1.1.".to_string()));
    assert!(texts
        .iter()
        .any(|t| t.contains("(подпункт 1.2.2 настоящего")));
}

#[test]
fn a_clause_ending_in_a_colon_keeps_with_the_next() {
    let doc = document();
    let clause = doc.sections[0].blocks.iter().find_map(|b| match b {
        Block::Paragraph(p) if plain(&p.inlines).starts_with("1.2. ") => Some(p),
        _ => None,
    });
    assert!(clause.unwrap().style.keep_with_next);
}

fn tbl_rows<'a, 'i>(table: Node<'a, 'i>) -> Vec<Node<'a, 'i>> {
    table
        .children()
        .filter(|c| c.has_tag_name((W, "tr")))
        .collect()
}

fn text_of(node: Node) -> String {
    let runs = node.descendants().filter(|n| n.has_tag_name((W, "t")));
    runs.filter_map(|t| t.text()).collect()
}

fn has(node: Node, name: &str) -> bool {
    node.descendants().any(|n| n.has_tag_name((W, name)))
}

#[test]
fn docx_captions_stand_right_above_the_title_kept_with_the_table() {
    let parts = prikaz::docx::parts(&document()).unwrap();
    let xml = &parts
        .iter()
        .find(|(n, _)| n == "word/document.xml")
        .unwrap()
        .1;
    let xml = Xml::parse(xml).unwrap();
    let body = xml
        .descendants()
        .find(|n| n.has_tag_name((W, "body")))
        .unwrap();
    let blocks: Vec<Node> = body.children().filter(Node::is_element).collect();
    for (n, title) in [(1, "Компоненты модели"), (2, "Показатели")] {
        let at = blocks
            .iter()
            .position(|b| text_of(*b) == format!("Таблица {n}"))
            .unwrap_or_else(|| panic!("no caption {n}"));
        let caption = blocks[at];
        let jc = caption
            .descendants()
            .find(|n| n.has_tag_name((W, "jc")))
            .unwrap();
        assert_eq!(jc.attribute((W, "val")), Some("right"));
        assert!(has(caption, "keepNext"), "caption {n} kept with its title");
        assert!(text_of(blocks[at + 1]).starts_with(title));
        assert!(blocks[at + 2].has_tag_name((W, "tbl")));
    }
}

#[test]
fn docx_subheader_rows_are_not_repeated_and_keep_with_the_next_row() {
    let parts = prikaz::docx::parts(&document()).unwrap();
    let xml = &parts
        .iter()
        .find(|(n, _)| n == "word/document.xml")
        .unwrap()
        .1;
    let xml = Xml::parse(xml).unwrap();
    let table = xml
        .descendants()
        .find(|n| n.has_tag_name((W, "tbl")))
        .unwrap();
    let rows = tbl_rows(table);
    assert!(has(rows[0], "tblHeader"));
    let sub = rows[1];
    assert_eq!(text_of(sub), "Содержательный компонент");
    assert!(
        !has(sub, "tblHeader"),
        "a sub-header is not a repeated header"
    );
    let p = sub
        .descendants()
        .find(|n| n.has_tag_name((W, "p")))
        .unwrap();
    assert!(has(p, "keepNext"));
    let jc = p.descendants().find(|n| n.has_tag_name((W, "jc"))).unwrap();
    assert_eq!(jc.attribute((W, "val")), Some("center"));
    // The row after it: a numbered list and an intro with bullets, one paragraph per item.
    let cells: Vec<Node> = rows[2]
        .children()
        .filter(|c| c.has_tag_name((W, "tc")))
        .collect();
    let paras = |tc: Node| -> Vec<String> {
        tc.children()
            .filter(|c| c.has_tag_name((W, "p")))
            .map(text_of)
            .collect()
    };
    assert_eq!(
        paras(cells[1]),
        ["1. Анализ результатов", "2. Планирование работы"]
    );
    assert_eq!(
        paras(cells[2]),
        ["Методисты:", "– Иванова\u{a0}И.И.", "– Петрова\u{a0}П.П."]
    );
    // Items hang their markers.
    let item = cells[1]
        .children()
        .find(|c| c.has_tag_name((W, "p")))
        .unwrap();
    let ind = item
        .descendants()
        .find(|n| n.has_tag_name((W, "ind")))
        .unwrap();
    assert!(ind.attribute((W, "hanging")).is_some(), "{ind:?}");
}

fn metrics() -> prikaz::pdf::text::TtfMetrics {
    let local = Path::new(env!("CARGO_MANIFEST_DIR")).join("fonts");
    let system = Path::new("/usr/share/fonts/truetype/liberation2");
    prikaz::pdf::text::TtfMetrics::from_dir(&local)
        .or_else(|_| prikaz::pdf::text::TtfMetrics::from_dir(system))
        .expect("Liberation Serif")
}

/// Text runs of a page: (x, y, text, width).
fn runs(p: &Page) -> Vec<(f32, f32, &str, f32)> {
    p.items
        .iter()
        .filter_map(|i| match i {
            Item::Text {
                x, y, text, width, ..
            } => Some((*x, *y, text.as_str(), *width)),
            _ => None,
        })
        .collect()
}

/// The page's text, line by line (runs of one baseline joined).
fn lines(p: &Page) -> Vec<String> {
    let mut runs = runs(p);
    runs.sort_by(|a, b| a.1.total_cmp(&b.1).then(a.0.total_cmp(&b.0)));
    let mut out: Vec<(f32, String)> = Vec::new();
    for (_, y, text, _) in runs {
        match out.last_mut() {
            Some((ly, line)) if (*ly - y).abs() < 0.5 => {
                line.push(' ');
                line.push_str(text);
            }
            _ => out.push((y, text.to_string())),
        }
    }
    out.into_iter().map(|(_, l)| l).collect()
}

#[test]
fn pdf_caption_right_aligned_above_the_title_and_subheader_not_repeated() {
    let doc = document();
    let pages = prikaz::pdf::layout::layout(&doc, &metrics());
    assert!(pages.len() >= 2, "the roadmap runs onto a second page");
    let first = runs(&pages[0]);
    let caption = first.iter().find(|r| r.2.contains("Таблица")).unwrap();
    let title = first.iter().find(|r| r.2.contains("Компоненты")).unwrap();
    assert!(caption.1 < title.1, "the caption stands above the title");
    // Right-aligned: it ends at the right margin (A4 width less the 10 mm margin).
    let right = pages[0].width - 10.0 * 72.0 / 25.4;
    let end = first
        .iter()
        .filter(|r| (r.1 - caption.1).abs() < 0.5)
        .map(|r| r.0 + r.3)
        .fold(0.0, f32::max);
    assert!(
        (end - right).abs() < 1.0,
        "caption ends at {end}, margin at {right}"
    );
    let text1 = lines(&pages[0]).join("\n");
    assert!(text1.contains("Содержательный компонент"));
    assert!(text1.contains("1. Анализ результатов"), "{text1}");
    assert!(text1.contains("– Иванова"), "{text1}");
    assert!(text1.contains("1.2.1. анализ результатов;"), "{text1}");
    let text2 = lines(&pages[1]).join("\n");
    assert!(text2.contains("Мероприятие"), "the header repeats");
    assert!(
        !text2.contains("Содержательный") && !text2.contains("Организационный"),
        "sub-header rows do not repeat: {text2}"
    );
    let all: String = pages.iter().flat_map(lines).collect::<Vec<_>>().join("\n");
    assert!(all.contains("Таблица 2"));
    assert!(
        all.contains("1.1."),
        "indicators rows numbered on two levels"
    );
}

#[test]
fn the_organisation_sets_the_form_and_place_of_table_captions() {
    let dir = tempfile::tempdir().unwrap();
    let org = "name = [\"Управление образования\"]\ntable_caption = \"Табл. {n}.\"\n\
               table_caption_align = \"left\"\n";
    std::fs::write(dir.path().join("org.toml"), org).unwrap();
    let doc = "organization = \"org.toml\"\ntitle = \"Положение\"\n[[content]]\n\
               table = { caption = true, widths = [40], rows = [[\"a\"]] }\n\
               [[content]]\ntable = { caption = \"Таблица 7\", widths = [40], rows = [[\"b\"]] }\n";
    let path = dir.path().join("doc.toml");
    std::fs::write(&path, doc).unwrap();
    let doc = prepare(&path).unwrap().document;
    let captions: Vec<_> = doc.sections[0]
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Paragraph(p) if plain(&p.inlines).starts_with("Табл") => Some(p),
            _ => None,
        })
        .collect();
    assert_eq!(plain(&captions[0].inlines), "Табл. 1.");
    assert_eq!(
        plain(&captions[1].inlines),
        "Таблица 7",
        "a written caption stays"
    );
    assert_eq!(captions[0].style.align, prikaz::model::Align::Left);
}

#[test]
fn an_unknown_placeholder_in_the_caption_form_is_an_error_at_its_brace() {
    let dir = tempfile::tempdir().unwrap();
    let org = "name = [\"Управление\"]\ntable_caption = \"Таблица {n} из {всего}\"\n\
               table_caption_align = \"middle\"\n";
    std::fs::write(dir.path().join("org.toml"), org).unwrap();
    let path = dir.path().join("doc.toml");
    std::fs::write(
        &path,
        "organization = \"org.toml\"\ntitle = \"Положение\"\n",
    )
    .unwrap();
    let errors = prepare(&path).err().unwrap().0;
    let at = |words: &str| {
        let d = errors.iter().find(|d| d.message.contains(words)).unwrap();
        assert!(d.file.ends_with("org.toml"));
        (d.line, d.col)
    };
    assert_eq!(at("подстановка «{всего}» неизвестна"), (2, 33));
    assert_eq!(at("выравнивание подписи таблицы «middle»"), (3, 23));
}

//! The DOCX writer's XML parts, checked element by element.

mod docx_support;

use docx_support::{order, part, small};
use prikaz::docx::{parts, write};
use roxmltree::{Document as Xml, Node};

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const R: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

fn get(parts: &[(String, String)], name: &str) -> String {
    parts
        .iter()
        .find(|(n, _)| n == name)
        .unwrap_or_else(|| panic!("no part {name}"))
        .1
        .clone()
}

fn is(node: &Node, name: &str) -> bool {
    node.is_element() && node.tag_name().namespace() == Some(W) && node.tag_name().name() == name
}

fn children<'a, 'i>(node: Node<'a, 'i>, name: &'a str) -> impl Iterator<Item = Node<'a, 'i>> {
    node.children().filter(move |c| is(c, name))
}

fn child<'a, 'i>(node: Node<'a, 'i>, name: &str) -> Option<Node<'a, 'i>> {
    node.children().find(|c| is(c, name))
}

fn descendants<'a, 'i>(node: Node<'a, 'i>, name: &'a str) -> impl Iterator<Item = Node<'a, 'i>> {
    node.descendants().filter(move |c| is(c, name))
}

fn pprop<'a, 'i>(p: Node<'a, 'i>, name: &str) -> Option<Node<'a, 'i>> {
    child(p, "pPr").and_then(|pp| child(pp, name))
}

fn val(node: Node, attr: &str) -> Option<String> {
    node.attribute((W, attr)).map(str::to_string)
}

#[test]
fn tbl_header_marks_header_rows_and_only_them() {
    let doc = order();
    let xml = get(&parts(&doc).unwrap(), "word/document.xml");
    let xml = Xml::parse(&xml).unwrap();
    let tables: Vec<_> = descendants(xml.root(), "tbl").collect();
    assert_eq!(tables.len(), 1);
    let rows: Vec<_> = children(tables[0], "tr").collect();
    let model = docx_support::roadmap();
    assert_eq!(rows.len(), model.row_count());
    for (r, tr) in rows.iter().enumerate() {
        let marked = child(*tr, "trPr")
            .and_then(|p| child(p, "tblHeader"))
            .is_some();
        assert_eq!(marked, r < model.header_rows());
    }
    // Long rows may break across pages: only header rows refuse to split.
    let cant_split = descendants(tables[0], "cantSplit").count();
    assert_eq!(cant_split, model.header_rows());
}

#[test]
fn spans_become_grid_span_and_vertical_merges() {
    let xml = get(&parts(&order()).unwrap(), "word/document.xml");
    let xml = Xml::parse(&xml).unwrap();
    let table = descendants(xml.root(), "tbl").next().unwrap();
    let span = |tc: Node| {
        child(tc, "tcPr")
            .and_then(|p| child(p, "gridSpan"))
            .and_then(|g| val(g, "val"))
            .map_or(1, |v| v.parse::<usize>().unwrap())
    };
    let vmerge = |tc: Node| {
        child(tc, "tcPr")
            .and_then(|p| child(p, "vMerge"))
            .map(|m| val(m, "val").unwrap_or_else(|| "continue".into()))
    };
    let rows: Vec<_> = children(table, "tr").collect();
    // Every row fills the five grid columns exactly.
    for tr in &rows {
        assert_eq!(children(*tr, "tc").map(span).sum::<usize>(), 5);
    }
    // Row 1 is the group «2023» over all columns, row 2 its sub-group.
    let group: Vec<_> = children(rows[1], "tc").collect();
    assert_eq!((group.len(), span(group[0])), (1, 5));
    // Rows 3..5 share the executor: restart, then two continues in the same column.
    let fourth = |r: usize| children(rows[r], "tc").nth(3).unwrap();
    assert_eq!(vmerge(fourth(3)).as_deref(), Some("restart"));
    assert_eq!(vmerge(fourth(4)).as_deref(), Some("continue"));
    assert_eq!(vmerge(fourth(5)).as_deref(), Some("continue"));
    assert_eq!(vmerge(fourth(6)), None);
}

#[test]
fn group_rows_keep_with_the_next_row() {
    let xml = get(&parts(&order()).unwrap(), "word/document.xml");
    let xml = Xml::parse(&xml).unwrap();
    let table = descendants(xml.root(), "tbl").next().unwrap();
    let keeps = |tr: Node| {
        descendants(tr, "p").all(|p| {
            child(p, "pPr")
                .and_then(|pp| child(pp, "keepNext"))
                .is_some()
        })
    };
    let rows: Vec<_> = children(table, "tr").collect();
    assert!(keeps(rows[1]) && keeps(rows[2]));
    assert!(!keeps(rows[3]));
}

#[test]
fn every_footnote_reference_has_its_footnote() {
    let parts = parts(&order()).unwrap();
    let doc = get(&parts, "word/document.xml");
    let notes = get(&parts, "word/footnotes.xml");
    let doc = Xml::parse(&doc).unwrap();
    let notes = Xml::parse(&notes).unwrap();
    let refs: Vec<String> = descendants(doc.root(), "footnoteReference")
        .map(|r| val(r, "id").unwrap())
        .collect();
    // One in the order's text, one in the table's header row, numbered in reading order.
    assert_eq!(refs, ["1", "2"]);
    let footnotes: Vec<_> = descendants(notes.root(), "footnote").collect();
    let ids: Vec<String> = footnotes.iter().map(|f| val(*f, "id").unwrap()).collect();
    assert_eq!(ids, ["-1", "0", "1", "2"]);
    assert_eq!(val(footnotes[0], "type").as_deref(), Some("separator"));
    assert_eq!(
        val(footnotes[1], "type").as_deref(),
        Some("continuationSeparator")
    );
    // Each note opens with its own number, in the footnote size (10 pt = 20 half-points).
    for f in &footnotes[2..] {
        let first_run = descendants(*f, "r").next().unwrap();
        assert!(child(first_run, "footnoteRef").is_some());
        let sz = descendants(first_run, "sz").next().unwrap();
        assert_eq!(val(sz, "val").as_deref(), Some("20"));
    }
    let settings = get(&parts, "word/settings.xml");
    assert!(settings.contains(r#"<w:footnote w:id="-1" />"#));
}

#[test]
fn a_document_without_notes_names_no_footnotes() {
    use prikaz::model::{Block, Inline};
    let noted = |b: &Block| match b {
        Block::Paragraph(p) => p.inlines.iter().any(|i| matches!(i, Inline::Footnote(_))),
        _ => false,
    };
    // The order's first section without the paragraph that has a footnote.
    let mut doc = order();
    doc.sections.truncate(1);
    doc.sections[0].blocks.retain(|b| !noted(b));
    let parts = parts(&doc).unwrap();
    let notes = get(&parts, "word/footnotes.xml");
    let notes = Xml::parse(&notes).unwrap();
    assert_eq!(descendants(notes.root(), "footnote").count(), 0);
    assert!(!get(&parts, "word/_rels/document.xml.rels").contains("footnotes.xml"));
    assert!(!get(&parts, "[Content_Types].xml").contains("footnotes"));
    assert!(!get(&parts, "word/settings.xml").contains("footnotePr"));
}

#[test]
fn page_numbers_start_on_page_two() {
    let parts = parts(&order()).unwrap();
    let header = get(&parts, "word/header1.xml");
    assert!(header.contains("<w:instrText>PAGE</w:instrText>"));
    assert!(header.contains(r#"<w:jc w:val="center" />"#));
    assert!(!get(&parts, "word/header2.xml").contains("<w:r>"));
    let rels = get(&parts, "word/_rels/document.xml.rels");
    assert!(rels.contains(r#"Id="rIdHeader1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml""#));
    assert!(rels.contains(r#"Id="rIdHeader2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header2.xml""#));

    let doc = get(&parts, "word/document.xml");
    let doc = Xml::parse(&doc).unwrap();
    let sects: Vec<_> = descendants(doc.root(), "sectPr").collect();
    assert_eq!(sects.len(), 3);
    let refs = |s: Node| -> Vec<(String, String)> {
        children(s, "headerReference")
            .map(|h| {
                (
                    val(h, "type").unwrap(),
                    h.attribute((R, "id")).unwrap().to_string(),
                )
            })
            .collect()
    };
    let pair = |a: &str, b: &str| (a.to_string(), b.to_string());
    // The first page shows the empty header; the order's other pages the number.
    assert_eq!(
        refs(sects[0]),
        [pair("default", "rIdHeader1"), pair("first", "rIdHeader2")]
    );
    assert!(child(sects[0], "titlePg").is_some());
    assert_eq!(refs(sects[1]), [pair("default", "rIdHeader1")]);
    assert!(child(sects[1], "titlePg").is_none());
    // The approval sheet is unnumbered.
    assert_eq!(refs(sects[2]), [pair("default", "rIdHeader2")]);
    // The body-level sectPr is the last section's.
    assert_eq!(sects[2].parent().map(|p| is(&p, "body")), Some(true));
}

#[test]
fn sections_carry_their_page_setup() {
    let doc = get(&parts(&order()).unwrap(), "word/document.xml");
    let doc = Xml::parse(&doc).unwrap();
    let sects: Vec<_> = descendants(doc.root(), "sectPr").collect();
    let size = |s: Node| {
        let sz = child(s, "pgSz").unwrap();
        (
            val(sz, "w").unwrap(),
            val(sz, "h").unwrap(),
            val(sz, "orient"),
        )
    };
    assert_eq!(size(sects[0]), ("11906".into(), "16838".into(), None));
    assert_eq!(
        size(sects[1]),
        ("16838".into(), "11906".into(), Some("landscape".into()))
    );
    let mar = child(sects[0], "pgMar").unwrap();
    assert_eq!(val(mar, "left").as_deref(), Some("1701"));
    assert_eq!(val(mar, "right").as_deref(), Some("567"));
    assert_eq!(val(mar, "header").as_deref(), Some("567"));
    for s in &sects[1..] {
        let t = child(*s, "type").unwrap();
        assert_eq!(val(t, "val").as_deref(), Some("nextPage"));
    }
}

#[test]
fn paragraph_formatting_reaches_the_xml() {
    let text = get(&parts(&order()).unwrap(), "word/document.xml");
    let xml = Xml::parse(&text).unwrap();
    let paragraphs: Vec<_> = descendants(xml.root(), "p").collect();
    // Justified body text with a 1.25 cm first-line indent.
    let body = paragraphs
        .iter()
        .find(|p| pprop(**p, "jc").and_then(|j| val(j, "val")).as_deref() == Some("both"))
        .unwrap();
    assert_eq!(
        val(pprop(*body, "ind").unwrap(), "firstLine").as_deref(),
        Some("708")
    );
    // The «date … number» line: a right tab at the text width (210 − 30 − 10 mm).
    let tab = descendants(xml.root(), "tab")
        .find(|t| val(*t, "pos").is_some())
        .unwrap();
    assert_eq!(val(tab, "val").as_deref(), Some("right"));
    assert_eq!(val(tab, "pos").as_deref(), Some("9638"));
    // «ПРИКАЗ»: bold, letter-spaced by 3 pt.
    let t = descendants(xml.root(), "t")
        .find(|t| t.text() == Some("ПРИКАЗ"))
        .unwrap();
    let rpr = child(t.parent().unwrap(), "rPr").unwrap();
    assert!(child(rpr, "b").is_some());
    assert_eq!(
        val(child(rpr, "spacing").unwrap(), "val").as_deref(),
        Some("60")
    );
    // No-break spaces stay as they are; line breaks are text-wrapping breaks.
    assert!(text.contains("№\u{a0}368"));
    assert!(text.contains(r#"<w:br w:type="textWrapping" />"#));
}

/// Word reads property elements as sequences; docx-rs writes them in its own order.
#[test]
fn property_children_are_in_schema_order() {
    let parts = parts(&order()).unwrap();
    let text = get(&parts, "word/document.xml");
    let xml = Xml::parse(&text).unwrap();
    let names = |n: Node| -> Vec<String> {
        n.children()
            .filter(|c| c.is_element())
            .map(|c| c.tag_name().name().to_string())
            .collect()
    };
    let before = |list: &[String], a: &str, b: &str| {
        let pos = |x: &str| list.iter().position(|n| n == x);
        if let (Some(i), Some(j)) = (pos(a), pos(b)) {
            assert!(i < j, "{a} after {b} in {list:?}");
        }
    };
    for ppr in descendants(xml.root(), "pPr") {
        let list = names(ppr);
        for (a, b) in [
            ("keepNext", "tabs"),
            ("tabs", "spacing"),
            ("spacing", "ind"),
            ("ind", "jc"),
            ("jc", "rPr"),
            ("rPr", "sectPr"),
        ] {
            before(&list, a, b);
        }
    }
    for rpr in descendants(xml.root(), "rPr") {
        let list = names(rpr);
        for (a, b) in [
            ("rStyle", "b"),
            ("b", "i"),
            ("i", "spacing"),
            ("spacing", "sz"),
        ] {
            before(&list, a, b);
        }
    }
    for tblpr in descendants(xml.root(), "tblPr") {
        before(&names(tblpr), "tblLayout", "tblCellMar");
    }
    for tcpr in descendants(xml.root(), "tcPr") {
        let list = names(tcpr);
        before(&list, "tcW", "gridSpan");
        before(&list, "vMerge", "vAlign");
    }
    let mark = descendants(xml.root(), "footnoteReference").next().unwrap();
    let rpr = child(mark.parent().unwrap(), "rPr").unwrap();
    assert_eq!(names(rpr)[0], "rStyle");
    let styles = get(&parts, "word/styles.xml");
    let styles = Xml::parse(&styles).unwrap();
    for style in descendants(styles.root(), "style") {
        assert_eq!(names(style)[0], "name");
    }
}

#[test]
fn styles_set_font_size_and_language() {
    let styles = get(&parts(&order()).unwrap(), "word/styles.xml");
    assert!(styles.contains(r#"w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:cs="Times New Roman" w:eastAsia="Times New Roman""#));
    assert!(styles.contains(r#"<w:sz w:val="28" />"#));
    assert!(styles.contains(r#"<w:lang w:val="ru-RU" w:eastAsia="ru-RU" />"#));
    assert!(styles.contains(r#"w:styleId="FootnoteReference""#));
}

#[test]
fn settings_hyphenate_without_east_asian_layout() {
    let settings = get(&parts(&small()).unwrap(), "word/settings.xml");
    assert!(settings.contains("<w:autoHyphenation />"));
    assert!(!settings.contains("useFELayout") && !settings.contains("balanceSingleByte"));
    assert!(settings.contains(r#"<w:defaultTabStop w:val="708" />"#));
}

#[test]
fn empty_sections_still_make_a_valid_body() {
    let mut doc = small();
    doc.sections[0].blocks.clear();
    doc.sections[1].blocks.clear();
    let parts = parts(&doc).unwrap();
    let xml = get(&parts, "word/document.xml");
    let xml = Xml::parse(&xml).unwrap();
    let body = descendants(xml.root(), "body").next().unwrap();
    assert_eq!(children(body, "p").count(), 2);
    assert_eq!(descendants(body, "sectPr").count(), 2);
}

#[test]
fn core_properties_name_title_and_creator_without_dates() {
    let core = part(&write(&order()).unwrap(), "docProps/core.xml");
    assert!(core.contains("<dc:title>Об утверждении дорожной карты</dc:title>"));
    assert!(core.contains("<dc:creator>ГБУ ДПО ЧИППКРО</dc:creator>"));
    assert!(!core.contains("dcterms:created") && !core.contains("dcterms:modified"));
}

#[test]
fn every_part_is_well_formed_xml() {
    for (name, xml) in parts(&order()).unwrap() {
        if let Err(e) = Xml::parse(&xml) {
            panic!("{name}: {e}");
        }
    }
}

#[test]
fn two_writes_in_one_process_give_the_same_bytes() {
    let first = write(&small()).unwrap();
    // Building something else in between must not shift any id.
    let _ = write(&order()).unwrap();
    let second = write(&small()).unwrap();
    assert_eq!(first, second);
    // Threads keep their own docx-rs counters; the output must not care.
    let third = std::thread::spawn(|| write(&small()).unwrap())
        .join()
        .unwrap();
    assert_eq!(first, third);
}

#[test]
fn two_processes_give_the_same_bytes() {
    const OUT: &str = "PRIKAZ_DOCX_CHILD_OUT";
    let bytes = write(&order()).unwrap();
    if let Ok(path) = std::env::var(OUT) {
        std::fs::write(path, bytes).unwrap();
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("child.docx");
    let status = std::process::Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "two_processes_give_the_same_bytes",
            "--test-threads=1",
        ])
        .env(OUT, &path)
        .output()
        .unwrap();
    assert!(status.status.success());
    assert_eq!(std::fs::read(&path).unwrap(), bytes);
}

#[test]
fn parts_are_deflated() {
    let bytes = write(&order()).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&bytes)).unwrap();
    let names: Vec<String> = zip.file_names().map(str::to_string).collect();
    assert_eq!(names[0], "[Content_Types].xml");
    for i in 0..zip.len() {
        let f = zip.by_index(i).unwrap();
        assert_eq!(
            f.compression(),
            zip::CompressionMethod::Deflated,
            "{}",
            f.name()
        );
    }
}

#[test]
fn a_foot_paragraph_is_a_bottom_frame_and_another_paragraph_carries_the_section_break() {
    use docx_support::{a4, meta, para, text};
    use prikaz::model::{Document, Orientation, ParaStyle, Section};
    let foot = ParaStyle {
        at_page_foot: true,
        ..ParaStyle::plain(11.0)
    };
    let section = |blocks| Section {
        page: a4(Orientation::Portrait),
        page_numbers: true,
        blocks,
    };
    let doc = Document {
        meta: meta(),
        sections: vec![
            section(vec![
                para(ParaStyle::plain(14.0), vec![text("Текст")]),
                para(foot, vec![text("Исполнитель")]),
            ]),
            section(vec![para(ParaStyle::plain(14.0), vec![text("Приложение")])]),
        ],
    };
    let xml = get(&parts(&doc).unwrap(), "word/document.xml");
    let xml = Xml::parse(&xml).unwrap();
    let framed: Vec<Node> = descendants(xml.root(), "p")
        .filter(|p| pprop(*p, "framePr").is_some())
        .collect();
    assert_eq!(framed.len(), 1);
    let frame = pprop(framed[0], "framePr").unwrap();
    assert_eq!(val(frame, "yAlign").as_deref(), Some("bottom"));
    assert_eq!(val(frame, "vAnchor").as_deref(), Some("margin"));
    assert!(pprop(framed[0], "sectPr").is_none());
    let next = framed[0].next_sibling_element().unwrap();
    assert!(pprop(next, "sectPr").is_some());
}

#[test]
fn tables_that_follow_each_other_are_kept_apart_by_a_paragraph() {
    use docx_support::{a4, cell_text, meta};
    use prikaz::model::{Align, Block, Document, Orientation, Row, Section, Table};
    let table = || {
        let row = Row {
            keep_with_next: false,
            cells: vec![cell_text("а", Align::Left), cell_text("б", Align::Left)],
        };
        Block::Table(Table::new(vec![50.0, 50.0], vec![], vec![row]).unwrap())
    };
    let doc = Document {
        meta: meta(),
        sections: vec![Section {
            page: a4(Orientation::Portrait),
            page_numbers: true,
            blocks: vec![table(), table()],
        }],
    };
    let xml = get(&parts(&doc).unwrap(), "word/document.xml");
    let xml = Xml::parse(&xml).unwrap();
    let body = descendants(xml.root(), "body").next().unwrap();
    let kinds: Vec<&str> = body
        .children()
        .filter(|n| n.is_element())
        .map(|n| n.tag_name().name())
        .collect();
    assert_eq!(kinds, ["tbl", "p", "tbl", "sectPr"]);
}

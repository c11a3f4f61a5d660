//! The main part, `word/document.xml`: every section's blocks in reading order, each
//! section ended by its properties.
//!
//! A section that is not the last one ends in a paragraph whose `w:pPr` holds the section's
//! `w:sectPr`; the last section's properties close the body.

use super::ctx::Ctx;
use super::figure::figure;
use super::paragraph::{empty_props, paragraph, props, write_para};
use super::props::ParaProps;
use super::section::SectPr;
use super::table::table;
use super::xml::Xml;
use crate::model::revision::paragraph_revised;
use crate::model::{Block, Document, Section};

/// The start of the part: declaration and root element with the namespaces Word writes.
const ROOT: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    r#"<w:document xmlns:o="urn:schemas-microsoft-com:office:office" "#,
    r#"xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" "#,
    r#"xmlns:v="urn:schemas-microsoft-com:vml" "#,
    r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" "#,
    r#"xmlns:w10="urn:schemas-microsoft-com:office:word" "#,
    r#"xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" "#,
    r#"xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" "#,
    r#"xmlns:wpg="http://schemas.microsoft.com/office/word/2010/wordprocessingGroup" "#,
    r#"xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" "#,
    r#"xmlns:wp14="http://schemas.microsoft.com/office/word/2010/wordprocessingDrawing" "#,
    r#"xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" "#,
    r#"xmlns:w15="http://schemas.microsoft.com/office/word/2012/wordml" "#,
    r#"mc:Ignorable="w14 wp14">"#,
);

/// Writes the main part of `doc`.
pub(crate) fn document(ctx: &mut Ctx, doc: &Document) -> String {
    // Order 368, 25 pages, fills 260 KB: room for most orders without regrowing.
    let mut x = Xml::with_capacity(256 * 1024);
    x.raw(ROOT);
    x.open("w:body");
    let count = doc.sections.len();
    for (i, section) in doc.sections.iter().enumerate() {
        let sect = SectPr::new(&section.page, section.page_numbers, i == 0);
        if i + 1 < count {
            blocks(ctx, &mut x, section, Some(&sect));
        } else {
            blocks(ctx, &mut x, section, None);
            sect.write(&mut x);
        }
    }
    if count == 0 {
        // A document without sections is an empty page in the reader's default setup.
        write_para(ctx, &mut x, &empty_props(ctx.body_size), |_, _| {});
    }
    x.end("w:body");
    x.end("w:document");
    x.finish()
}

/// Writes the blocks of `section`; `ends` is the section break to write after them, `None`
/// for the last section, whose properties belong to the body.
fn blocks(ctx: &mut Ctx, x: &mut Xml, section: &Section, ends: Option<&SectPr>) {
    let width = section.page.text_width();
    let carrier = ends.and_then(|_| break_carrier(section));
    let mut page_break = false;
    let mut after_table = false;
    for i in write_order(&section.blocks) {
        match &section.blocks[i] {
            Block::Paragraph(p) => {
                let mut pp = props(&p.style, width);
                pp.page_break_before = std::mem::take(&mut page_break);
                if carrier == Some(i) {
                    pp.sect = ends;
                }
                paragraph(ctx, x, &pp, p, width);
                after_table = false;
            }
            Block::Table(t) => {
                if std::mem::take(&mut page_break) {
                    break_paragraph(ctx, x);
                } else if after_table {
                    // Word and LibreOffice join tables that touch into one, with the first
                    // one's columns bent to the second's; a 1 pt paragraph keeps them apart.
                    write_para(ctx, x, &empty_props(1.0), |_, _| {});
                }
                table(ctx, x, t);
                after_table = true;
            }
            Block::Figure(f) => {
                figure(ctx, x, f, width, std::mem::take(&mut page_break));
                after_table = false;
            }
            Block::PageBreak => page_break = true,
            Block::Qr(q) => super::qr::qr(ctx, x, q, &section.page),
        }
    }
    match ends {
        // A break at the end of a section is already implied by the next section's new
        // page; at the end of the document it makes an empty last page.
        None if page_break => break_paragraph(ctx, x),
        // The body needs a paragraph to hold the final section's page.
        None if section.blocks.is_empty() => {
            write_para(ctx, x, &empty_props(ctx.body_size), |_, _| {})
        }
        // After a table or a frame (or in an empty section) the break needs a paragraph
        // of its own; a 1 pt one takes no visible room.
        Some(sect) if carrier.is_none() => {
            let pp = ParaProps {
                sect: Some(sect),
                ..empty_props(1.0)
            };
            write_para(ctx, x, &pp, |_, _| {});
        }
        _ => {}
    }
}

/// The blocks' indices in the order they are written: a run of foot paragraphs (the
/// executor mark's frame) goes before the chain of keep-with-next paragraphs that leads to
/// it (the last point and the signature). LibreOffice anchors the frame to the paragraph
/// after it and keeps the two on one page; anchored to the signature, a frame without room
/// under it took the signature alone to the next page, as keep-with-next does not pull the
/// text above along. Anchored to the chain's first paragraph, the chain moves with it.
///
/// LibreOffice does not accept or reject the tracked changes of the paragraph a frame is
/// anchored to, so the frame goes before the chain's first paragraph without any.
fn write_order(blocks: &[Block]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..blocks.len()).collect();
    let is_foot = |b: &Block| matches!(b, Block::Paragraph(p) if p.style.at_page_foot);
    let keeps = |b: &Block| matches!(b, Block::Paragraph(p) if p.style.keep_with_next && !p.style.at_page_foot);
    let mut i = 0;
    while i < blocks.len() {
        if !is_foot(&blocks[i]) {
            i += 1;
            continue;
        }
        let end = i + blocks[i..].iter().take_while(|b| is_foot(b)).count();
        let mut start = i - blocks[..i].iter().rev().take_while(|b| keeps(b)).count();
        while start < i && matches!(&blocks[start], Block::Paragraph(p) if paragraph_revised(p)) {
            start += 1;
        }
        // After a page break the first paragraph written carries the break: keep the order.
        let broken = start > 0 && matches!(blocks[start - 1], Block::PageBreak);
        if start < i && !broken {
            order[start..end].rotate_right(end - i);
        }
        i = end;
    }
    order
}

/// Index of the block that carries the section break: the last paragraph, unless a table
/// follows it, it is a frame at the page foot (LibreOffice would then move the frame to the
/// next section's first page), or a tracked change inserted or deleted its end. Page breaks
/// at the end count for nothing: the next section starts on a new page anyway.
fn break_carrier(section: &Section) -> Option<usize> {
    let last = section
        .blocks
        .iter()
        .rposition(|b| !matches!(b, Block::PageBreak))?;
    // A tracked change of the paragraph's end would take the section break with it.
    let carries = |p: &crate::model::Paragraph| {
        !p.style.at_page_foot && crate::model::revision::paragraph_end(p).is_none()
    };
    matches!(&section.blocks[last], Block::Paragraph(p) if carries(p)).then_some(last)
}

/// A paragraph that only breaks the page, for a page break right before a table.
fn break_paragraph(ctx: &mut Ctx, x: &mut Xml) {
    write_para(ctx, x, &empty_props(1.0), |_, x| {
        x.open("w:r");
        x.empty("w:rPr");
        x.tag("w:br").attr("w:type", "page").empty();
        x.end("w:r");
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Cell, Inline, Orientation, PageSetup, ParaStyle, Paragraph, Row, Table};

    fn page() -> PageSetup {
        PageSetup::a4(Orientation::Portrait, [20.0, 10.0, 20.0, 30.0], 10.0)
    }

    fn section(blocks: Vec<Block>) -> Section {
        Section {
            page: page(),
            page_numbers: true,
            blocks,
        }
    }

    fn para(text: &str, at_page_foot: bool) -> Block {
        let style = ParaStyle {
            at_page_foot,
            ..ParaStyle::plain(14.0)
        };
        let text = Inline::Text {
            text: text.into(),
            style: Default::default(),
        };
        Block::Paragraph(Paragraph::new(style, vec![text]))
    }

    fn table() -> Block {
        let row = Row {
            keep_with_next: false,
            cells: vec![Cell::new(vec![])],
        };
        Block::Table(Table::new(vec![100.0], vec![], vec![row]).unwrap())
    }

    fn xml(sections: Vec<Section>) -> String {
        let doc = Document {
            meta: Default::default(),
            sections,
        };
        document(&mut Ctx::new(14.0, 10.0), &doc)
    }

    /// The body's children: `tbl`, `sectPr`, or `p` with labels for what it holds (text,
    /// the section break, a foot frame, a page break, a break before).
    fn body(sections: Vec<Section>) -> Vec<String> {
        let xml = xml(sections);
        let body = &xml[xml.find("<w:body>").unwrap() + 8..xml.find("</w:body>").unwrap()];
        let mut out = Vec::new();
        let mut rest = body;
        while !rest.is_empty() {
            let (tag, end) = match rest {
                r if r.starts_with("<w:p ") => ("</w:p>", "p"),
                r if r.starts_with("<w:tbl>") => ("</w:tbl>", "tbl"),
                _ => ("</w:sectPr>", "sectPr"),
            };
            let len = rest.find(tag).unwrap() + tag.len();
            let child = &rest[..len];
            let mut name = end.to_string();
            for (mark, label) in [
                ("<w:t xml:space=\"preserve\">", ":text"),
                ("<w:sectPr>", "+sect"),
                ("<w:framePr", "+frame"),
                ("w:type=\"page\"", "+break"),
                ("<w:pageBreakBefore />", "+before"),
            ] {
                if end == "p" && child.contains(mark) {
                    name.push_str(label);
                }
            }
            out.push(name);
            rest = &rest[len..];
        }
        out
    }

    #[test]
    fn each_section_ends_with_its_properties() {
        let got = body(vec![
            section(vec![para("a", false)]),
            section(vec![table()]),
            section(vec![para("b", false)]),
        ]);
        assert_eq!(got, ["p:text+sect", "tbl", "p+sect", "p:text", "sectPr"]);
        // Only the document's first page goes without a number.
        let xml = xml(vec![section(vec![]), section(vec![]), section(vec![])]);
        assert_eq!(xml.matches("<w:sectPr>").count(), 3);
        assert_eq!(xml.matches("<w:titlePg/>").count(), 1);
        assert!(xml.find("<w:titlePg/>") < xml.find("</w:sectPr>"));
    }

    #[test]
    fn a_frame_at_the_page_foot_never_carries_the_break() {
        let foot = || section(vec![para("a", false), para("f", true), Block::PageBreak]);
        let got = body(vec![foot(), section(vec![])]);
        assert_eq!(got, ["p:text", "p:text+frame", "p+sect", "p", "sectPr"]);
    }

    #[test]
    fn page_breaks_become_a_property_or_a_paragraph_of_their_own() {
        let got = body(vec![
            section(vec![para("a", false), Block::PageBreak]),
            section(vec![
                Block::PageBreak,
                para("b", false),
                Block::PageBreak,
                table(),
                table(),
                Block::PageBreak,
            ]),
        ]);
        assert_eq!(
            got,
            [
                "p:text+sect",
                "p:text+before",
                "p+break",
                "tbl",
                "p",
                "tbl",
                "p+break",
                "sectPr"
            ]
        );
    }

    #[test]
    fn a_document_without_sections_has_one_empty_paragraph() {
        assert_eq!(body(vec![]), ["p"]);
    }

    fn kept(text: &str) -> Block {
        let Block::Paragraph(mut p) = para(text, false) else {
            unreachable!()
        };
        p.style.keep_with_next = true;
        Block::Paragraph(p)
    }

    #[test]
    fn a_foot_frame_is_written_before_the_keep_chain_that_leads_to_it() {
        let blocks = vec![
            para("a", false),
            kept("b"),
            kept("c"),
            para("f", true),
            para("g", true),
        ];
        assert_eq!(write_order(&blocks), [0, 3, 4, 1, 2]);
        // Without a chain, or after a page break, the order stays.
        assert_eq!(write_order(&blocks[..1]), [0]);
        let broken = vec![Block::PageBreak, kept("b"), para("f", true)];
        assert_eq!(write_order(&broken), [0, 1, 2]);
        let plain = vec![para("a", false), para("f", true)];
        assert_eq!(write_order(&plain), [0, 1]);
    }
}

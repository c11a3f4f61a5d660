//! The model to a docx-rs `Docx`: headers, styles, and each section's blocks in order.

use docx_rs::{
    BreakType, Docx, Header, Paragraph as DocxParagraph, Run, SectionProperty, Table as DocxTable,
};

use super::ctx::Ctx;
use super::paragraph::{empty, formatted, page_field, paragraph};
use super::styles::styles;
use super::table::table;
use super::units::{half_points, twips_u};
use crate::model::{house, Align, Block, Document, Meta, ParaStyle, Section};

/// One body element, kept apart until the section's end is known.
enum Child {
    Paragraph(Box<DocxParagraph>),
    Table(Box<DocxTable>),
}

/// The built document and what the patch step needs to check its work.
pub(crate) struct Built {
    /// The docx-rs document.
    pub(crate) docx: Docx,
    /// Table rows marked as repeated headers.
    pub(crate) header_rows: usize,
    /// Footnotes made.
    pub(crate) footnotes: usize,
}

/// Builds the docx-rs document. Non-final sections end in a paragraph with a placeholder
/// `w:sectPr` that the patch step replaces (see `section`).
pub(crate) fn docx(doc: &Document) -> Result<Built, String> {
    if doc.sections.is_empty() {
        return Err("в документе нет ни одного раздела".into());
    }
    let mut ctx = Ctx::new(doc.meta.font_size, doc.meta.footnote_size);
    // Header order fixes the relationship ids: numbered first, empty second (see `section`).
    let mut out = Docx::new()
        .styles(styles(&doc.meta))
        // 1.25 cm, the paragraph indent of orders, instead of docx-rs's 840 twips.
        .default_tab_stop(twips_u(house::DEFAULT_TAB) as usize)
        .header(numbered_header(&mut ctx, &doc.meta))
        .first_header(Header::new().add_paragraph(empty(&mut ctx, doc.meta.font_size)));
    for (i, section) in doc.sections.iter().enumerate() {
        let last = i + 1 == doc.sections.len();
        for child in section_children(&mut ctx, section, last)? {
            out = match child {
                Child::Paragraph(p) => out.add_paragraph(*p),
                Child::Table(t) => out.add_table(*t),
            };
        }
    }
    Ok(Built {
        docx: out,
        header_rows: ctx.header_rows,
        footnotes: ctx.footnotes(),
    })
}

/// The header of numbered pages: the page number, centred.
fn numbered_header(ctx: &mut Ctx, meta: &Meta) -> Header {
    let style = ParaStyle {
        align: Align::Center,
        ..ParaStyle::plain(meta.font_size)
    };
    let number = page_field(Run::new().size(half_points(meta.font_size)));
    Header::new().add_paragraph(formatted(ctx, &style, 0.0).add_run(number))
}

fn section_children(ctx: &mut Ctx, section: &Section, last: bool) -> Result<Vec<Child>, String> {
    let width = section.page.text_width();
    let mut children = Vec::new();
    let mut page_break = false;
    for block in &section.blocks {
        match block {
            Block::Paragraph(p) => {
                let mut dp = paragraph(ctx, p, width)?;
                if std::mem::take(&mut page_break) {
                    dp = dp.page_break_before(true);
                }
                children.push(Child::Paragraph(Box::new(dp)));
            }
            Block::Table(t) => {
                if std::mem::take(&mut page_break) {
                    children.push(Child::Paragraph(Box::new(break_paragraph(ctx))));
                } else if matches!(children.last(), Some(Child::Table(_))) {
                    // Word and LibreOffice join tables that touch into one, with the first
                    // one's columns bent to the second's; a 1 pt paragraph keeps them apart.
                    children.push(Child::Paragraph(Box::new(empty(ctx, 1.0))));
                }
                children.push(Child::Table(Box::new(table(ctx, t)?)));
            }
            Block::PageBreak => page_break = true,
        }
    }
    // A break at the end of a section is already implied by the next section's new page.
    if page_break && last {
        children.push(Child::Paragraph(Box::new(break_paragraph(ctx))));
    }
    if last && children.is_empty() {
        // The body needs a paragraph to hold the final section's page.
        children.push(Child::Paragraph(Box::new(empty(ctx, ctx.body_size))));
    }
    if !last {
        let placeholder = SectionProperty::new();
        // A framed paragraph cannot carry the section break: LibreOffice then moves the frame
        // to the next section's first page.
        let framed =
            matches!(section.blocks.last(), Some(Block::Paragraph(p)) if p.style.at_page_foot);
        match children.pop() {
            Some(Child::Paragraph(p)) if !framed => {
                children.push(Child::Paragraph(Box::new(p.section_property(placeholder))))
            }
            other => {
                children.extend(other);
                // After a table or a frame (or in an empty section) the break needs a
                // paragraph of its own; a 1 pt one takes no visible room.
                let p = empty(ctx, 1.0).section_property(placeholder);
                children.push(Child::Paragraph(Box::new(p)));
            }
        }
    }
    Ok(children)
}

/// A paragraph that only breaks the page, for a page break right before a table.
fn break_paragraph(ctx: &mut Ctx) -> DocxParagraph {
    empty(ctx, 1.0).add_run(Run::new().add_break(BreakType::Page))
}

//! Model paragraphs and their inlines to docx-rs paragraphs and runs.

use docx_rs::{
    AlignmentType, BreakType, FieldCharType, Footnote as DocxFootnote, InstrPAGE, InstrText,
    LineSpacing, LineSpacingType, Paragraph as DocxParagraph, Run, SpecialIndentType, Tab,
    TabValueType,
};

use super::ctx::Ctx;
use super::patch::FOOTNOTE_MARK;
use super::units::{half_points, twips, twips_u};
use crate::model::{house, Align, Footnote, Inline, ParaStyle, Paragraph, RunStyle};

/// Converts `p`; `width` is the text width (points) the paragraph is set in, where its
/// right tab stop goes.
pub(crate) fn paragraph(ctx: &mut Ctx, p: &Paragraph, width: f32) -> Result<DocxParagraph, String> {
    let mut out = formatted(ctx, &p.style, width);
    for inline in &p.inlines {
        out = out.add_run(inline_run(ctx, &p.style, inline, width)?);
    }
    Ok(out)
}

/// An empty paragraph whose mark has the given size: fills table slots covered by a
/// rowspan and carries section breaks after tables without making lines taller than needed.
pub(crate) fn empty(ctx: &mut Ctx, font_size: f32) -> DocxParagraph {
    let style = ParaStyle::plain(font_size);
    formatted(ctx, &style, 0.0)
}

/// A paragraph with the formatting of `style` and no content yet.
pub(crate) fn formatted(ctx: &mut Ctx, style: &ParaStyle, width: f32) -> DocxParagraph {
    let first = twips(style.first_line_indent);
    let special = match first {
        0 => None,
        v if v > 0 => Some(SpecialIndentType::FirstLine(v)),
        v => Some(SpecialIndentType::Hanging(-v)),
    };
    let spacing = LineSpacing::new()
        .before(twips_u(style.space_before))
        .after(twips_u(style.space_after))
        .line((240.0 * style.line_spacing).round() as i32)
        .line_rule(LineSpacingType::Auto);
    let mut out = DocxParagraph::new()
        .id(ctx.para_id())
        .align(alignment(style.align))
        .indent(
            Some(twips(style.indent_left)),
            special,
            Some(twips(style.indent_right)),
            None,
        )
        .line_spacing(spacing)
        .size(half_points(style.font_size));
    if style.keep_with_next {
        out = out.keep_next(true);
    }
    if !style.hyphenate {
        // Stands for `w:suppressAutoHyphens`, which docx-rs lacks; see `patch`.
        out = out.snap_to_grid(false);
    }
    if style.at_page_foot {
        // A frame at the bottom of the text area, as wide as the text; Word and LibreOffice
        // join consecutive paragraphs with the same frame into one.
        out = out
            .wrap("around")
            .h_anchor("margin")
            .v_anchor("margin")
            .x_align("left")
            .y_align("bottom")
            .frame_width(twips_u(width));
    }
    if style.right_tab {
        // Tab positions count from the left text margin, so the right edge of the text,
        // less the right indent, is where «№ 368» or the signatory's name ends.
        let pos = twips_u(width - style.indent_right) as usize;
        out = out.add_tab(Tab::new().val(TabValueType::Right).pos(pos));
    }
    out
}

fn alignment(align: Align) -> AlignmentType {
    match align {
        Align::Left => AlignmentType::Left,
        Align::Center => AlignmentType::Center,
        Align::Right => AlignmentType::Right,
        Align::Justify => AlignmentType::Both,
    }
}

/// A run carrying the paragraph's size and the union of paragraph and run emphasis.
fn styled_run(style: &ParaStyle, run: RunStyle) -> Run {
    let mut r = Run::new().size(half_points(style.font_size));
    if style.bold || run.bold {
        r = r.bold();
    }
    if style.italic || run.italic {
        r = r.italic();
    }
    if run.spaced {
        r = r.character_spacing(twips(house::LETTER_SPACING));
    }
    r
}

fn inline_run(
    ctx: &mut Ctx,
    style: &ParaStyle,
    inline: &Inline,
    width: f32,
) -> Result<Run, String> {
    let plain = RunStyle::default();
    Ok(match inline {
        Inline::Text { text, style: rs } => styled_run(style, *rs).add_text(text.as_str()),
        Inline::LineBreak => styled_run(style, plain).add_break(BreakType::TextWrapping),
        Inline::Tab => styled_run(style, plain).add_tab(),
        Inline::PageNumber => page_field(styled_run(style, plain)),
        Inline::Footnote(f) => {
            let note = footnote(ctx, f, width)?;
            // add_footnote_reference replaces the run properties with the reference style,
            // so the size (the mark follows the paragraph's size) is set afterwards.
            Run::new()
                .add_footnote_reference(note)
                .size(half_points(style.font_size))
        }
    })
}

/// A PAGE field: Word and LibreOffice fill in the number of the page it lands on.
pub(crate) fn page_field(run: Run) -> Run {
    run.add_field_char(FieldCharType::Begin, false)
        .add_instr_text(InstrText::PAGE(InstrPAGE::new()))
        .add_field_char(FieldCharType::Separate, false)
        .add_text("1")
        .add_field_char(FieldCharType::End, false)
}

/// The footnote's body. Its first paragraph opens with the footnote's own number: a marker
/// run that the patch step turns into `<w:footnoteRef/>`, which docx-rs cannot write.
fn footnote(ctx: &mut Ctx, f: &Footnote, width: f32) -> Result<DocxFootnote, String> {
    let id = ctx.footnote_id();
    let size = ctx.footnote_size;
    let mut content = Vec::new();
    for (i, p) in f.paragraphs().iter().enumerate() {
        let style = ParaStyle {
            font_size: size,
            ..p.style.clone()
        };
        let mut out = formatted(ctx, &style, width);
        if i == 0 {
            let mark = Run::new()
                .style("FootnoteReference")
                .size(half_points(size))
                .add_text(FOOTNOTE_MARK);
            out = out
                .add_run(mark)
                .add_run(styled_run(&style, RunStyle::default()).add_text(" "));
        }
        for inline in &p.inlines {
            out = out.add_run(inline_run(ctx, &style, inline, width)?);
        }
        content.push(out);
    }
    Ok(DocxFootnote { id, content })
}

//! Model paragraphs and their inlines to `w:p` and `w:r`; footnotes go to the footnotes
//! part as their marks are written.

use super::ctx::Ctx;
use super::props::{Indent, Jc, ParaProps, RunProps, Spacing};
use super::revision::RevTag;
use super::styles::FOOTNOTE_REFERENCE;
use super::units::{half_points, twips, twips_u};
use super::xml::Xml;
use crate::model::revision::{paragraph_end, Change, Revised};
use crate::model::{house, Align, Footnote, Inline, ParaStyle, Paragraph, RunStyle};

/// The properties of a paragraph formatted as `style` and set in `width` points of text
/// width (where its right tab stop and its foot frame end).
pub(crate) fn props(style: &ParaStyle, width: f32) -> ParaProps<'static> {
    ParaProps {
        keep_next: style.keep_with_next,
        foot_frame: style.at_page_foot.then(|| twips_u(width)),
        // Tab positions count from the left text margin, so the right edge of the text,
        // less the right indent, is where «№ 368» or the signatory's name ends.
        right_tab: style.right_tab.then(|| twips_u(width - style.indent_right)),
        no_hyphens: !style.hyphenate,
        spacing: Some(Spacing {
            before: Some(twips_u(style.space_before)),
            after: twips_u(style.space_after),
            line: (240.0 * style.line_spacing).round() as i32,
        }),
        indent: Some(Indent {
            left: twips(style.indent_left),
            right: twips(style.indent_right),
            first_line: twips(style.first_line_indent),
        }),
        jc: Some(match style.align {
            Align::Left => Jc::Left,
            Align::Center => Jc::Center,
            Align::Right => Jc::Right,
            Align::Justify => Jc::Both,
        }),
        mark: Some(RunProps {
            size: Some(half_points(style.font_size)),
            ..RunProps::default()
        }),
        ..ParaProps::default()
    }
}

/// The properties of an empty paragraph whose mark has the given size: it fills table
/// slots covered by a rowspan and carries section breaks after tables without making lines
/// taller than needed.
pub(crate) fn empty_props(font_size: f32) -> ParaProps<'static> {
    props(&ParaStyle::plain(font_size), 0.0)
}

/// Writes a `w:p` with the next paragraph id, `props`, and the runs `runs` writes.
pub(crate) fn write_para(
    ctx: &mut Ctx,
    x: &mut Xml,
    props: &ParaProps,
    runs: impl FnOnce(&mut Ctx, &mut Xml),
) {
    ctx.open_paragraph(x);
    props.write(x);
    runs(ctx, x);
    x.end("w:p");
}

/// Writes the model paragraph `p` with `props` (made by [`props`], perhaps adjusted);
/// `width` is the text width it is set in, which its footnotes share.
pub(crate) fn paragraph(ctx: &mut Ctx, x: &mut Xml, props: &ParaProps, p: &Paragraph, width: f32) {
    let props = with_end_change(ctx, props, p);
    write_para(ctx, x, &props, |ctx, x| {
        for inline in &p.inlines {
            inline_run(ctx, x, &p.style, inline, width);
        }
    });
}

/// `props` with the tracked change of `p`'s end, if it has one, in its mark: rejecting an
/// inserted paragraph (or accepting a deleted one) joins it with the next.
fn with_end_change<'a>(ctx: &mut Ctx, props: &ParaProps<'a>, p: &'a Paragraph) -> ParaProps<'a> {
    let mut props = *props;
    if let Some(revision) = paragraph_end(p) {
        let mark = props.mark.get_or_insert_with(RunProps::default);
        mark.change = Some(RevTag::new(ctx, revision));
    }
    props
}

/// The properties of a run: the paragraph's size and the union of paragraph and run
/// emphasis.
fn run_props(style: &ParaStyle, run: RunStyle) -> RunProps<'static> {
    RunProps {
        bold: style.bold || run.bold,
        italic: style.italic || run.italic,
        spacing: run.spaced.then(|| twips(house::LETTER_SPACING)),
        size: Some(half_points(style.font_size)),
        ..RunProps::default()
    }
}

/// Writes `<w:t>` with `text`, spaces kept as they are. A line feed there would be no line
/// break in Word (that is `w:br`, from [`Inline::LineBreak`]), so stray ones are dropped.
fn text(x: &mut Xml, text: &str) {
    text_as(x, "w:t", text);
}

/// Writes `text` as [`text`] does, in the element `tag` (`w:delText` for deleted text).
fn text_as(x: &mut Xml, tag: &str, text: &str) {
    x.tag(tag).attr("xml:space", "preserve").open();
    if text.contains('\n') {
        x.text(&text.replace('\n', ""));
    } else {
        x.text(text);
    }
    x.end(tag);
}

/// Writes one inline of a paragraph formatted as `style`: a run, or the runs of a tracked
/// change inside its `w:ins`/`w:del`.
fn inline_run(ctx: &mut Ctx, x: &mut Xml, style: &ParaStyle, inline: &Inline, width: f32) {
    match inline {
        Inline::Revised(r) => revised(ctx, x, style, r, width),
        // The end's change is in the paragraph mark, written with the properties.
        Inline::RevisedEnd(_) => {}
        inline => run(ctx, x, style, inline, width, false),
    }
}

/// Writes the inlines of a tracked change inside its `w:ins` or `w:del`.
fn revised(ctx: &mut Ctx, x: &mut Xml, style: &ParaStyle, r: &Revised, width: f32) {
    let tag = RevTag::new(ctx, &r.revision);
    tag.open(x);
    let deleted = r.revision.change == Change::Deleted;
    for inline in &r.inlines {
        run(ctx, x, style, inline, width, deleted);
    }
    x.end(tag.element);
}

/// Writes one inline as a run; the text of a `deleted` one is `w:delText`.
fn run(ctx: &mut Ctx, x: &mut Xml, style: &ParaStyle, inline: &Inline, width: f32, deleted: bool) {
    let plain = run_props(style, RunStyle::default());
    x.open("w:r");
    match inline {
        Inline::Text { text: t, style: rs } => {
            run_props(style, *rs).write(x);
            text_as(x, if deleted { "w:delText" } else { "w:t" }, t);
        }
        Inline::LineBreak => {
            plain.write(x);
            x.tag("w:br").attr("w:type", "textWrapping").empty();
        }
        Inline::Tab => {
            plain.write(x);
            x.empty("w:tab");
        }
        Inline::PageNumber => {
            plain.write(x);
            page_field(x);
        }
        Inline::Footnote(f) => {
            let id = ctx.footnote_id();
            // The mark is the footnote reference style at the paragraph's size, without
            // the paragraph's emphasis.
            reference_props(style.font_size).write(x);
            x.tag("w:footnoteReference").num("w:id", id).empty();
            footnote(ctx, id, f, width);
        }
        // A change is never inside another (the merge makes sure).
        Inline::Revised(_) | Inline::RevisedEnd(_) => {}
    }
    x.end("w:r");
}

/// The properties of a footnote's number, in the text or in front of the note.
fn reference_props(font_size: f32) -> RunProps<'static> {
    RunProps {
        style: Some(FOOTNOTE_REFERENCE),
        size: Some(half_points(font_size)),
        ..RunProps::default()
    }
}

/// A PAGE field: Word and LibreOffice fill in the number of the page it lands on.
pub(crate) fn page_field(x: &mut Xml) {
    let field_char = |x: &mut Xml, kind: &str| {
        x.tag("w:fldChar")
            .attr("w:fldCharType", kind)
            .attr("w:dirty", "false")
            .empty();
    };
    field_char(x, "begin");
    x.open("w:instrText");
    x.raw("PAGE");
    x.end("w:instrText");
    field_char(x, "separate");
    text(x, "1");
    field_char(x, "end");
}

/// Writes the footnote `id` into the footnotes part. Its first paragraph opens with the
/// footnote's own number (`w:footnoteRef`) and a space.
fn footnote(ctx: &mut Ctx, id: u32, f: &Footnote, width: f32) {
    // A footnote holds no footnotes (the model makes sure), so the part is taken out
    // while its paragraphs are written and put back whole.
    let mut notes = std::mem::replace(&mut ctx.notes, Xml::with_capacity(0));
    notes.tag("w:footnote").num("w:id", id).open();
    let size = ctx.footnote_size;
    for (i, p) in f.paragraphs().iter().enumerate() {
        let style = ParaStyle {
            font_size: size,
            ..p.style.clone()
        };
        let props = with_end_change(ctx, &props(&style, width), p);
        write_para(ctx, &mut notes, &props, |ctx, x| {
            if i == 0 {
                x.open("w:r");
                reference_props(size).write(x);
                x.empty("w:footnoteRef");
                x.end("w:r");
                x.open("w:r");
                run_props(&style, RunStyle::default()).write(x);
                text(x, " ");
                x.end("w:r");
            }
            for inline in &p.inlines {
                inline_run(ctx, x, &style, inline, width);
            }
        });
    }
    notes.end("w:footnote");
    ctx.notes = notes;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str, style: RunStyle) -> Inline {
        Inline::Text {
            text: s.into(),
            style,
        }
    }

    /// The body XML of `p` and the footnotes it sent to the notes.
    fn write(p: &Paragraph) -> (String, String) {
        let mut ctx = Ctx::new(14.0, 10.0);
        let mut x = Xml::with_capacity(1024);
        paragraph(&mut ctx, &mut x, &props(&p.style, 481.9), p, 481.9);
        (x.finish(), ctx.notes.finish())
    }

    #[test]
    fn a_footnote_mark_in_the_text_and_its_number_in_the_note() {
        let note = Paragraph::new(
            ParaStyle::plain(10.0),
            vec![text("Сноска.", RunStyle::default())],
        );
        let bold = ParaStyle {
            bold: true,
            ..ParaStyle::plain(14.0)
        };
        let inlines = vec![Inline::Footnote(Footnote::new(vec![note]).unwrap())];
        let (body, notes) = write(&Paragraph::new(bold, inlines));
        // The mark has the reference style and the text's size, not its bold.
        assert!(body.contains(concat!(
            r#"<w:r><w:rPr><w:rStyle w:val="FootnoteReference" /><w:sz w:val="28" />"#,
            r#"<w:szCs w:val="28" /></w:rPr><w:footnoteReference w:id="1" /></w:r>"#
        )));
        // The note opens with its own number in the footnote size, then a space.
        assert!(notes.starts_with(r#"<w:footnote w:id="1"><w:p w14:paraId="00000002">"#));
        assert!(notes.contains(concat!(
            r#"</w:pPr><w:r><w:rPr><w:rStyle w:val="FootnoteReference" /><w:sz w:val="20" />"#,
            r#"<w:szCs w:val="20" /></w:rPr><w:footnoteRef /></w:r><w:r><w:rPr>"#,
            r#"<w:sz w:val="20" /><w:szCs w:val="20" /></w:rPr><w:t xml:space="preserve"> </w:t>"#
        )));
        assert!(notes.ends_with("</w:footnote>"));
    }

    #[test]
    fn hyphenation_is_suppressed_only_where_the_style_says() {
        for hyphenate in [true, false] {
            let style = ParaStyle {
                hyphenate,
                ..ParaStyle::plain(14.0)
            };
            let (body, _) = write(&Paragraph::new(style, vec![]));
            assert_eq!(body.contains("<w:suppressAutoHyphens />"), !hyphenate);
        }
    }

    #[test]
    fn runs_join_paragraph_and_run_emphasis_and_escape_their_text() {
        let italic = ParaStyle {
            italic: true,
            ..ParaStyle::plain(12.0)
        };
        let spaced = RunStyle {
            bold: true,
            spaced: true,
            ..RunStyle::default()
        };
        let (body, _) = write(&Paragraph::new(italic, vec![text("a < b\n&", spaced)]));
        assert!(body.contains(concat!(
            r#"<w:r><w:rPr><w:b /><w:bCs /><w:i /><w:iCs /><w:spacing w:val="60" />"#,
            r#"<w:sz w:val="24" /><w:szCs w:val="24" /></w:rPr>"#,
            r#"<w:t xml:space="preserve">a &lt; b&amp;</w:t></w:r>"#
        )));
    }

    #[test]
    fn tracked_runs_and_ends_are_wrapped_and_numbered_in_reading_order() {
        use crate::model::revision::{Change, Revised, Revision};
        let rev = |change| Revision::new(change, "Иванова А.А.", "2023-06-27");
        let inlines = vec![
            text("Срок ", RunStyle::default()),
            Inline::Revised(Revised {
                revision: rev(Change::Deleted),
                inlines: vec![text("август", RunStyle::default())],
            }),
            Inline::Revised(Revised {
                revision: rev(Change::Inserted),
                inlines: vec![text("сентябрь", RunStyle::default())],
            }),
            Inline::RevisedEnd(rev(Change::Inserted)),
        ];
        let (body, _) = write(&Paragraph::new(ParaStyle::plain(14.0), inlines));
        // The end's change comes first in the mark's properties and takes the first id.
        assert!(body.contains(concat!(
            r#"<w:rPr><w:ins w:id="1" w:author="Иванова А.А." w:date="2023-06-27T00:00:00Z" />"#,
            r#"<w:sz w:val="28" />"#
        )));
        assert!(body.contains(concat!(
            r#"<w:del w:id="2" w:author="Иванова А.А." w:date="2023-06-27T00:00:00Z"><w:r>"#,
            r#"<w:rPr><w:sz w:val="28" /><w:szCs w:val="28" /></w:rPr>"#,
            r#"<w:delText xml:space="preserve">август</w:delText></w:r></w:del>"#,
            r#"<w:ins w:id="3" w:author="Иванова А.А." w:date="2023-06-27T00:00:00Z"><w:r>"#
        )));
        assert!(body.contains(r#"<w:t xml:space="preserve">сентябрь</w:t></w:r></w:ins></w:p>"#));
    }
}

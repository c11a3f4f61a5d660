//! Run and paragraph properties (`w:rPr`, `w:pPr`) as typed values, each written once with
//! its children in the order of the WordprocessingML schema.
//!
//! Word reads these elements as sequences (CT_RPr, CT_PPr): a child out of order is
//! repaired or silently dropped (a bold run may lose its bold), and Word for the web opens
//! such a file read-only. Holding the properties in fields and writing the fields in schema
//! order makes a wrong order impossible to write.

use super::section::SectPr;
use super::xml::Xml;

/// Run properties; `None`/`false` leaves a property out.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct RunProps<'a> {
    /// A tracked change of a paragraph mark (`w:ins`, `w:del`), first in the mark's `w:rPr`.
    pub(crate) change: Option<super::revision::RevTag<'a>>,
    /// Character style id (`w:rStyle`).
    pub(crate) style: Option<&'a str>,
    /// Font family for every script (`w:rFonts`).
    pub(crate) font: Option<&'a str>,
    /// Bold (`w:b`, `w:bCs`).
    pub(crate) bold: bool,
    /// Italic (`w:i`, `w:iCs`).
    pub(crate) italic: bool,
    /// Extra space between letters, in twips (`w:spacing`).
    pub(crate) spacing: Option<i32>,
    /// Font size in half-points (`w:sz`, `w:szCs`).
    pub(crate) size: Option<u32>,
    /// Raised as a superscript (`w:vertAlign`).
    pub(crate) superscript: bool,
    /// Language tag of the text (`w:lang`).
    pub(crate) lang: Option<&'a str>,
}

impl RunProps<'_> {
    /// Writes `w:rPr`, as `<w:rPr />` when no property is set.
    pub(crate) fn write(&self, x: &mut Xml) {
        let RunProps {
            change,
            style,
            font,
            bold,
            italic,
            spacing,
            size,
            superscript,
            lang,
        } = *self;
        let none = style.is_none() && font.is_none() && spacing.is_none() && size.is_none();
        if none && change.is_none() && lang.is_none() && !(bold || italic || superscript) {
            x.empty("w:rPr");
            return;
        }
        x.open("w:rPr");
        if let Some(change) = change {
            change.empty(x);
        }
        if let Some(id) = style {
            x.tag("w:rStyle").attr("w:val", id).empty();
        }
        if let Some(font) = font {
            x.tag("w:rFonts")
                .attr("w:ascii", font)
                .attr("w:hAnsi", font)
                .attr("w:cs", font)
                .attr("w:eastAsia", font)
                .empty();
        }
        if bold {
            x.empty("w:b");
            x.empty("w:bCs");
        }
        if italic {
            x.empty("w:i");
            x.empty("w:iCs");
        }
        if let Some(twips) = spacing {
            x.tag("w:spacing").num("w:val", twips).empty();
        }
        if let Some(size) = size {
            x.tag("w:sz").num("w:val", size).empty();
            x.tag("w:szCs").num("w:val", size).empty();
        }
        if superscript {
            x.tag("w:vertAlign").attr("w:val", "superscript").empty();
        }
        if let Some(tag) = lang {
            x.tag("w:lang")
                .attr("w:val", tag)
                .attr("w:eastAsia", tag)
                .empty();
        }
        x.end("w:rPr");
    }
}

/// Horizontal alignment of a paragraph (`w:jc`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Jc {
    /// Ragged right.
    Left,
    /// Centred.
    Center,
    /// Ragged left.
    Right,
    /// Justified.
    Both,
}

impl Jc {
    fn write(self, x: &mut Xml) {
        let val = match self {
            Jc::Left => "left",
            Jc::Center => "center",
            Jc::Right => "right",
            Jc::Both => "both",
        };
        x.tag("w:jc").attr("w:val", val).empty();
    }
}

/// Space around and between the lines of a paragraph (`w:spacing`).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Spacing {
    /// Space above, in twips; `None` leaves it to the style.
    pub(crate) before: Option<u32>,
    /// Space below, in twips.
    pub(crate) after: u32,
    /// Line height in 240ths of single spacing.
    pub(crate) line: i32,
}

impl Spacing {
    fn write(self, x: &mut Xml) {
        let mut tag = x.tag("w:spacing");
        if let Some(before) = self.before {
            tag = tag.num("w:before", before);
        }
        tag.num("w:after", self.after)
            .num("w:line", self.line)
            .attr("w:lineRule", "auto")
            .empty();
    }
}

/// Indents in twips (`w:ind`).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Indent {
    /// Left indent of all lines.
    pub(crate) left: i32,
    /// Right indent of all lines.
    pub(crate) right: i32,
    /// Indent of the first line from `left`; negative hangs.
    pub(crate) first_line: i32,
}

impl Indent {
    fn write(self, x: &mut Xml) {
        let tag = x
            .tag("w:ind")
            .num("w:left", self.left)
            .num("w:right", self.right);
        match self.first_line {
            0 => tag,
            v if v > 0 => tag.num("w:firstLine", v),
            v => tag.num("w:hanging", -i64::from(v)),
        }
        .empty();
    }
}

/// Paragraph properties; `None`/`false` leaves a property out.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct ParaProps<'a> {
    /// Keep on the page of the next paragraph (`w:keepNext`).
    pub(crate) keep_next: bool,
    /// Start on a new page (`w:pageBreakBefore`).
    pub(crate) page_break_before: bool,
    /// Set in a frame this wide (twips) at the foot of the text area (`w:framePr`).
    pub(crate) foot_frame: Option<u32>,
    /// A right-aligned tab stop at this position in twips (`w:tabs`).
    pub(crate) right_tab: Option<u32>,
    /// No automatic hyphenation (`w:suppressAutoHyphens`).
    pub(crate) no_hyphens: bool,
    /// Space around and between lines (`w:spacing`).
    pub(crate) spacing: Option<Spacing>,
    /// Indents (`w:ind`).
    pub(crate) indent: Option<Indent>,
    /// Alignment (`w:jc`).
    pub(crate) jc: Option<Jc>,
    /// Properties of the paragraph mark (`w:rPr`).
    pub(crate) mark: Option<RunProps<'a>>,
    /// The section that ends with this paragraph (`w:sectPr`).
    pub(crate) sect: Option<&'a SectPr>,
}

impl ParaProps<'_> {
    /// Writes `w:pPr`.
    pub(crate) fn write(&self, x: &mut Xml) {
        x.open("w:pPr");
        if self.keep_next {
            x.empty("w:keepNext");
        }
        if self.page_break_before {
            x.empty("w:pageBreakBefore");
        }
        if let Some(width) = self.foot_frame {
            // Anchored to the margins, at the bottom, as wide as the text: Word and
            // LibreOffice join consecutive paragraphs with the same frame into one.
            x.tag("w:framePr")
                .attr("w:wrap", "around")
                .attr("w:hAnchor", "margin")
                .attr("w:vAnchor", "margin")
                .attr("w:xAlign", "left")
                .attr("w:yAlign", "bottom")
                .num("w:w", width)
                .empty();
        }
        if let Some(pos) = self.right_tab {
            x.open("w:tabs");
            x.tag("w:tab")
                .attr("w:val", "right")
                .num("w:pos", pos)
                .empty();
            x.end("w:tabs");
        }
        if self.no_hyphens {
            x.empty("w:suppressAutoHyphens");
        }
        if let Some(spacing) = self.spacing {
            spacing.write(x);
        }
        if let Some(indent) = self.indent {
            indent.write(x);
        }
        if let Some(jc) = self.jc {
            jc.write(x);
        }
        if let Some(mark) = &self.mark {
            mark.write(x);
        }
        if let Some(sect) = self.sect {
            sect.write(x);
        }
        x.end("w:pPr");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn written(f: impl FnOnce(&mut Xml)) -> String {
        let mut x = Xml::with_capacity(256);
        f(&mut x);
        x.finish()
    }

    #[test]
    fn run_properties_follow_the_schema() {
        let rpr = RunProps {
            style: Some("FootnoteReference"),
            font: Some("Times New Roman"),
            bold: true,
            italic: true,
            spacing: Some(60),
            size: Some(28),
            superscript: true,
            lang: Some("ru-RU"),
            change: None,
        };
        let xml = written(|x| rpr.write(x));
        let names: Vec<&str> = xml
            .split('<')
            .filter_map(|t| t.split([' ', '>', '/']).next())
            .filter(|n| !n.is_empty())
            .collect();
        assert_eq!(
            names,
            [
                "w:rPr",
                "w:rStyle",
                "w:rFonts",
                "w:b",
                "w:bCs",
                "w:i",
                "w:iCs",
                "w:spacing",
                "w:sz",
                "w:szCs",
                "w:vertAlign",
                "w:lang",
            ]
        );
        assert_eq!(written(|x| RunProps::default().write(x)), "<w:rPr />");
    }

    #[test]
    fn paragraph_properties_follow_the_schema() {
        let ppr = ParaProps {
            keep_next: true,
            page_break_before: true,
            foot_frame: Some(9638),
            right_tab: Some(9638),
            no_hyphens: true,
            spacing: Some(Spacing {
                before: Some(0),
                after: 120,
                line: 240,
            }),
            indent: Some(Indent {
                left: 0,
                right: 0,
                first_line: -360,
            }),
            jc: Some(Jc::Both),
            mark: Some(RunProps {
                size: Some(28),
                ..RunProps::default()
            }),
            sect: None,
        };
        let xml = written(|x| ppr.write(x));
        let order = [
            "<w:keepNext />",
            "<w:pageBreakBefore />",
            "<w:framePr ",
            "<w:tabs>",
            "<w:suppressAutoHyphens />",
            "<w:spacing w:before=\"0\" w:after=\"120\" w:line=\"240\" w:lineRule=\"auto\" />",
            "<w:ind w:left=\"0\" w:right=\"0\" w:hanging=\"360\" />",
            "<w:jc w:val=\"both\" />",
            "<w:rPr><w:sz w:val=\"28\" />",
        ];
        let at: Vec<usize> = order.iter().map(|s| xml.find(s).unwrap()).collect();
        assert!(at.windows(2).all(|w| w[0] < w[1]), "{xml}");
    }

    #[test]
    fn no_first_line_indent_writes_none() {
        let ppr = ParaProps {
            indent: Some(Indent {
                left: 10,
                right: 0,
                first_line: 0,
            }),
            ..ParaProps::default()
        };
        assert_eq!(
            written(|x| ppr.write(x)),
            r#"<w:pPr><w:ind w:left="10" w:right="0" /></w:pPr>"#
        );
    }
}

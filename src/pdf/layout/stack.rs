//! Paragraphs stacked into a column of lines and spacers: the content of a table cell or a
//! footnote, which the layout cuts between lines.

use crate::model::{Footnote, ParaStyle, Paragraph};
use crate::pdf::text::{LineBox, SetOptions, Typesetter};

/// One slice of a column: a line of text, or the space before or after a paragraph.
#[derive(Debug, Clone)]
pub(crate) struct VLine {
    /// Height taken.
    pub height: f32,
    /// The line, or `None` for paragraph spacing.
    pub line: Option<LineBox>,
}

/// Sets `paragraphs` in a box `width` wide, one under the other. An empty list gives one
/// empty line of `empty_size`, like the empty paragraph Word keeps in every cell.
pub(crate) fn stack(
    ts: &mut Typesetter,
    paragraphs: &[Paragraph],
    width: f32,
    opts: SetOptions,
    empty_size: f32,
    notes: &mut dyn FnMut(&Footnote) -> usize,
) -> Vec<VLine> {
    let fallback;
    let paragraphs = if paragraphs.is_empty() {
        fallback = [Paragraph {
            style: ParaStyle::plain(empty_size),
            inlines: vec![],
        }];
        &fallback[..]
    } else {
        paragraphs
    };
    let mut out = Vec::new();
    for (i, p) in paragraphs.iter().enumerate() {
        let opts = SetOptions {
            lead_mark: if i == 0 { opts.lead_mark } else { None },
            ..opts
        };
        if p.style.space_before > 0.0 {
            out.push(VLine {
                height: p.style.space_before,
                line: None,
            });
        }
        for line in ts.set(p, width, opts, notes) {
            out.push(VLine {
                height: line.height,
                line: Some(line),
            });
        }
        if p.style.space_after > 0.0 {
            out.push(VLine {
                height: p.style.space_after,
                line: None,
            });
        }
    }
    out
}

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
    /// Index of the paragraph the line or spacing belongs to.
    pub paragraph: usize,
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
        fallback = [Paragraph::new(ParaStyle::plain(empty_size), vec![])];
        &fallback[..]
    } else {
        paragraphs
    };
    let mut out = Vec::new();
    // Between paragraphs the larger of space after and space before counts (see
    // `Flow::space_above`).
    let mut above: f32 = 0.0;
    for (i, p) in paragraphs.iter().enumerate() {
        let opts = SetOptions {
            lead_mark: if i == 0 { opts.lead_mark } else { None },
            ..opts
        };
        let before = p.style.space_before - above;
        if before > 0.0 {
            out.push(VLine {
                height: before,
                line: None,
                paragraph: i,
            });
        }
        for line in ts.set(p, width, opts, notes) {
            out.push(VLine {
                height: line.height,
                line: Some(line),
                paragraph: i,
            });
        }
        if p.style.space_after > 0.0 {
            out.push(VLine {
                height: p.style.space_after,
                line: None,
                paragraph: i,
            });
        }
        above = p.style.space_after.max(0.0);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Inline, RunStyle};
    use crate::pdf::text::Mono;

    #[test]
    fn paragraphs_in_a_cell_are_separated_by_the_larger_spacing() {
        let p = |before: f32, after: f32| Paragraph {
            style_name: None,
            style: ParaStyle {
                space_before: before,
                space_after: after,
                ..ParaStyle::plain(10.0)
            },
            inlines: vec![Inline::Text {
                text: "а".into(),
                style: RunStyle::default(),
            }],
        };
        let metrics = Mono { width: 0.5 };
        let mut ts = Typesetter::new(&metrics);
        let column = stack(
            &mut ts,
            &[p(3.0, 12.0), p(6.0, 0.0), p(8.0, 0.0)],
            100.0,
            SetOptions::default(),
            10.0,
            &mut |_| 0,
        );
        let heights: Vec<(f32, bool)> = column
            .iter()
            .map(|v| (v.height, v.line.is_some()))
            .collect();
        assert_eq!(
            heights,
            [
                (3.0, false),
                (10.0, true),
                (12.0, false),
                (10.0, true),
                (8.0, false),
                (10.0, true)
            ]
        );
    }
}

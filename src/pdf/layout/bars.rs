//! Change bars: a vertical rule in the left margin beside each line that holds a tracked
//! change (text inserted, or the place of deleted text), as `prikaz diff --pdf` shows the
//! new version. Lines of documents built from data never carry one.

use crate::model::mm;
use crate::pdf::frame::Item;
use crate::pdf::text::LineBox;

/// How far left of the text area the bar stands: inside the 30 mm left margin, clear of
/// the text.
const BAR_GAP: f32 = 5.0;

/// Stroke width of the bar, in points.
const BAR_WIDTH: f32 = 1.2;

/// The bar beside `line` set with its top at `top`, when the line holds a change; the text
/// area's left edge is at `left`.
pub(crate) fn bar(line: &LineBox, left: f32, top: f32) -> Option<Item> {
    let x = left - mm(BAR_GAP);
    line.changed.then_some(Item::Line {
        x1: x,
        y1: top,
        x2: x,
        y2: top + line.height,
        width: BAR_WIDTH,
    })
}

#[cfg(test)]
mod tests {
    use crate::model::revision::{Change, Revised, Revision};
    use crate::model::*;
    use crate::pdf::frame::Item;
    use crate::pdf::layout::layout;
    use crate::pdf::text::Mono;

    fn text(s: &str) -> Inline {
        Inline::Text {
            text: s.into(),
            style: RunStyle::default(),
        }
    }

    /// The vertical rules left of the text area of a one-page layout of `inlines` in one
    /// paragraph: (top, bottom).
    fn bars(inlines: Vec<Inline>) -> Vec<(f32, f32)> {
        let doc = Document {
            meta: Meta::default(),
            sections: vec![Section {
                page: PageSetup::a4(Orientation::Portrait, [20.0, 85.0, 20.0, 30.0], 10.0),
                page_numbers: false,
                blocks: vec![Block::Paragraph(Paragraph::new(
                    ParaStyle::plain(10.0),
                    inlines,
                ))],
            }],
        };
        let pages = layout(&doc, &Mono { width: 0.5 });
        (pages[0].items.iter())
            .filter_map(|i| match *i {
                Item::Line { x1, y1, x2, y2, .. } if x1 == x2 && x1 < mm(30.0) => Some((y1, y2)),
                _ => None,
            })
            .collect()
    }

    fn revised(change: Change, inlines: Vec<Inline>) -> Inline {
        Inline::Revised(Revised {
            revision: Revision::new(change, "А.", "2023-06-27"),
            inlines,
        })
    }

    #[test]
    fn only_lines_holding_a_change_get_a_bar() {
        // 95 mm of text at 5 pt a character: some 50 characters a line, three lines.
        let words = "слово ".repeat(12);
        assert!(bars(vec![text(&words)]).is_empty());
        let inserted = bars(vec![
            text(&words),
            revised(Change::Inserted, vec![text("новое ")]),
            text(&words),
        ]);
        assert_eq!(inserted.len(), 1, "{inserted:?}");
        // Deleted text is not set, but the line where it was is marked.
        let deleted = bars(vec![
            text("начало "),
            revised(Change::Deleted, vec![text("старое ")]),
            text(&words),
        ]);
        assert_eq!(deleted.len(), 1);
        assert!(
            deleted[0].0 < inserted[0].0,
            "the first line, not a later one"
        );
    }
}

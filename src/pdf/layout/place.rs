//! Placing a section's blocks: paragraphs line by line with widow and orphan control,
//! keep-with-next chains moved to the next page together (whole paragraphs, as LibreOffice
//! moves them), forced page breaks.

use super::flow::Flow;
use super::prepare::{PFigure, PPara, Prepared};
use super::table::place_table;
use crate::pdf::frame::EPS;
use crate::pdf::text::{LineBox, Measure};

/// Places `blocks` into the flow.
pub(crate) fn place_blocks(flow: &mut Flow, blocks: &mut [Prepared], m: &mut Measure) {
    let mut i = 0;
    while i < blocks.len() {
        let foot = blocks[i..]
            .iter()
            .take_while(|b| matches!(b, Prepared::Para(p) if p.foot))
            .count();
        if foot > 0 {
            place_at_foot(flow, &mut blocks[i..i + foot], m);
            i += foot;
            continue;
        }
        if matches!(&blocks[i], Prepared::Para(p) if p.keep) {
            keep_chain(flow, &blocks[i..], m);
        }
        let block = &mut blocks[i];
        i += 1;
        match block {
            Prepared::PageBreak => {
                if !flow.fresh {
                    flow.new_page(false, m);
                }
            }
            Prepared::Para(p) => place_para(flow, p, m),
            Prepared::Table(t) => place_table(flow, t, m),
            Prepared::Figure(f) => place_figure(flow, f, m),
            Prepared::Qr(q) => super::qr::place_qr(flow, q),
        }
    }
}

/// Places a run of foot paragraphs so that the last line of the last one stands on the
/// bottom of the text area (above the page's footnotes), on this page if it has room under
/// the text, else on the next; the page ends with them, as under Word's bottom-aligned frame.
fn place_at_foot(flow: &mut Flow, paras: &mut [Prepared], m: &mut Measure) {
    let paras: Vec<&mut PPara> = paras
        .iter_mut()
        .filter_map(|b| match b {
            Prepared::Para(p) => Some(p),
            _ => None,
        })
        .collect();
    let (Some(first), Some(last)) = (paras.first(), paras.last()) else {
        return;
    };
    flow.foot_beside(reach(&paras));
    let height = paras.iter().map(|p| p.height()).sum::<f32>() - first.before - last.after;
    // Above the block at least the first paragraph's own space before stays free.
    if !flow.fits(first.before + height, &[]) && !flow.fresh {
        flow.new_page(false, m);
    }
    flow.y = flow.y.max(flow.limit() - height);
    flow.set_space_above(f32::INFINITY);
    for p in paras {
        place_para(flow, p, m);
    }
    flow.y = flow.y.max(flow.limit());
}

/// How far into the text area the lines of `paras` reach, from its left edge.
fn reach(paras: &[&mut PPara]) -> f32 {
    let items = paras.iter().flat_map(|p| &p.lines).flat_map(|l| &l.items);
    items
        .filter_map(|i| match i {
            crate::pdf::frame::Item::Text { x, width, .. } => Some(x + width),
            _ => None,
        })
        .fold(0.0, f32::max)
}

/// Starts a new page when a chain of keep-with-next paragraphs and the start of the block
/// after it do not fit here but would fit on an empty page.
fn keep_chain(flow: &mut Flow, blocks: &[Prepared], m: &mut Measure) {
    if flow.fresh {
        return;
    }
    let h = chain_need(blocks);
    if !flow.fits(h, &[]) && h <= flow.text_height() {
        flow.new_page(true, m);
    }
}

/// Places a figure: the picture centred on the text width with its caption under it, both
/// moved to the next page when they do not fit here together.
fn place_figure(flow: &mut Flow, f: &mut PFigure, m: &mut Measure) {
    if !flow.fresh && !flow.fits(f.height(), &[]) {
        flow.new_page(true, m);
    }
    if !(flow.fresh && flow.soft_top) {
        let before = crate::model::house::FIGURE_SPACE_BEFORE;
        flow.y += (before - flow.space_above()).max(0.0);
    }
    let x = flow.left() + (flow.text_width() - f.width) / 2.0;
    flow.picture(x, f.width, f.height, f.image.clone());
    if let Some(caption) = &mut f.caption {
        place_para(flow, caption, m);
    }
}

/// Height of a chain of keep-with-next paragraphs and the start of the block after it. A
/// run of foot paragraphs (the executor mark) ends the chain whole: where its frame has no
/// room under the chain, the chain goes to the next page with it, as in LibreOffice, which
/// keeps a frame on the page of the paragraph it is anchored to (the DOCX writer anchors it
/// to the chain's first paragraph).
fn chain_need(blocks: &[Prepared]) -> f32 {
    let mut h = 0.0;
    for (i, block) in blocks.iter().enumerate() {
        match block {
            Prepared::Para(p) if p.foot => return h + foot_height(&blocks[i..]),
            Prepared::Para(p) if p.keep => h += p.height(),
            Prepared::Para(p) => return h + p.before + head_lines(&p.lines),
            Prepared::Table(t) => return h + t.first_part(),
            Prepared::Figure(f) => return h + f.height(),
            Prepared::PageBreak => return h,
            // Painted apart from the text: it takes no height in the flow.
            Prepared::Qr(_) => {}
        }
    }
    h
}

/// Height a run of foot paragraphs at the start of `blocks` needs under the text: all of
/// it but the last one's space after (see `place_at_foot`).
fn foot_height(blocks: &[Prepared]) -> f32 {
    let mut h = 0.0;
    let mut after = 0.0;
    for block in blocks {
        match block {
            Prepared::Para(p) if p.foot => {
                h += p.height();
                after = p.after;
            }
            _ => break,
        }
    }
    h - after
}

/// Height of the lines a paragraph must start a page with: widow and orphan control never
/// leave one line of it alone, so paragraphs of up to three lines move whole.
fn head_lines(lines: &[LineBox]) -> f32 {
    let n = if lines.len() <= 3 { lines.len() } else { 2 };
    lines[..n].iter().map(|l| l.height).sum()
}

/// Places a paragraph, breaking it across pages where needed; its lines move to the pages.
pub(crate) fn place_para(flow: &mut Flow, p: &mut PPara, m: &mut Measure) {
    if !(flow.fresh && flow.soft_top) {
        // The previous paragraph's space after is already below the cursor.
        flow.y += (p.before - flow.space_above()).max(0.0);
    }
    let left = flow.left();
    let mut lines = std::mem::take(&mut p.lines);
    let n = lines.len();
    let mut i = 0;
    while i < n {
        let fit = fitting_lines(flow, &lines);
        let rest = n - i;
        let take = if fit >= rest {
            rest
        } else {
            let mut take = fit;
            // Widow: the last line alone at the head of the next page.
            if rest - take == 1 && take > 0 {
                take -= 1;
            }
            // Orphan: the first line alone at the foot of this page.
            if i == 0 && take == 1 {
                take = 0;
            }
            if take == 0 && at_top(flow) {
                take = fit.max(1);
            }
            take
        };
        for line in lines.drain(..take) {
            flow.push_line(line, left, m);
        }
        i += take;
        if i < n {
            flow.new_page(true, m);
        }
    }
    flow.y += p.after;
    flow.set_space_above(p.after);
}

/// Whether the cursor stands at the top of the text area (nothing to gain from a new page).
fn at_top(flow: &Flow) -> bool {
    flow.fresh || flow.y <= flow.top() + EPS
}

/// How many of `lines` fit on the page from the cursor, footnotes included. A line whose
/// long note must continue on the next page ends the page.
fn fitting_lines(flow: &Flow, lines: &[LineBox]) -> usize {
    let mut y = flow.y;
    let mut refs: Vec<usize> = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        refs.extend_from_slice(&line.notes);
        y += line.height;
        if y <= flow.limit() - flow.notes_extra(&refs) + EPS {
            continue;
        }
        return if !line.notes.is_empty() && flow.line_fits(y, &refs) {
            i + 1
        } else {
            i
        };
    }
    lines.len()
}

#[cfg(test)]
mod tests {
    use crate::model::*;
    use crate::pdf::frame::Item;
    use crate::pdf::layout::layout;
    use crate::pdf::text::Mono;

    fn para(text: &str, before: f32, after: f32) -> Block {
        Block::Paragraph(Paragraph {
            style_name: None,
            style: ParaStyle {
                space_before: before,
                space_after: after,
                ..ParaStyle::plain(10.0)
            },
            inlines: vec![Inline::Text {
                text: text.into(),
                style: RunStyle::default(),
            }],
        })
    }

    /// Baselines of the runs on the first page, top to bottom.
    fn baselines(blocks: Vec<Block>) -> Vec<f32> {
        let doc = Document {
            meta: Meta {
                font_size: 10.0,
                ..Meta::default()
            },
            sections: vec![Section {
                page: PageSetup {
                    width: 200.0,
                    height: 300.0,
                    orientation: Orientation::Portrait,
                    margin_top: 20.0,
                    margin_right: 20.0,
                    margin_bottom: 20.0,
                    margin_left: 20.0,
                    header_distance: 5.0,
                },
                page_numbers: false,
                blocks,
            }],
        };
        let pages = layout(&doc, &Mono { width: 0.5 });
        pages[0]
            .items
            .iter()
            .filter_map(|i| match i {
                Item::Text { y, .. } => Some(*y),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn the_larger_of_space_after_and_space_before_separates_paragraphs() {
        // Lines are 10 high with the baseline 8 below their top; the text starts at 20.
        let ys = baselines(vec![
            para("a", 0.0, 12.0),
            // 12 after «a» covers 6 before: the line starts at 20 + 10 + 12.
            para("b", 6.0, 0.0),
            // Nothing after «b»: all 20 before count.
            para("c", 20.0, 4.0),
            // 9 before exceeds the 4 after «c».
            para("d", 9.0, 0.0),
        ]);
        assert_eq!(ys, [28.0, 50.0, 80.0, 99.0]);
    }
}

//! Paginating a table: rows placed whole where they fit, split between lines where they do
//! not, the header rows drawn again at the top of every page, group rows kept with the row
//! after them. A rowspan block is never moved whole: its rows go to the page they fit on and
//! its spanning cells continue on the next page, closed at the page foot and reopened under
//! the repeated header, as in Word and LibreOffice (moving it left pages mostly blank).
//!
//! Every cell remembers how many of its lines are already placed and where its piece on the
//! current page began, so a rowspan cell flows through the rows it covers and across pages.

use super::draw::{draw_header, draw_piece, Piece};
use super::{PCell, PTable};
use crate::model::house::CELL_PADDING_Y as PAD_Y;
use crate::pdf::frame::EPS;
use crate::pdf::layout::flow::Flow;
use crate::pdf::layout::stack::VLine;
use crate::pdf::text::Measure;

/// Per-cell progress through a table being placed.
struct State {
    /// Lines of each cell already placed.
    progress: Vec<usize>,
    /// Where each cell's piece on the current page began, if it has begun.
    seg_top: Vec<Option<f32>>,
    /// Top of the body on the current page (below the repeated header).
    top: f32,
    /// The table's part on this page starts at the top of the text area: moving a row to
    /// the next page gains no room.
    page_top: bool,
    /// Left edge of the table.
    x0: f32,
}

/// Places `t` into the flow.
pub(crate) fn place_table(flow: &mut Flow, t: &mut PTable, m: &mut Measure) {
    let n = t.len();
    if n == 0 {
        return;
    }
    let head_refs = notes_of(t, (0..t.cells.len()).filter(|&c| t.cells[c].row < t.header));
    // A header never stands alone at a page foot: it needs the first body row's start.
    if !flow.fresh && !flow.fits(t.first_part(), &head_refs) {
        flow.new_page(true, m);
    }
    let mut st = State {
        progress: vec![0; t.cells.len()],
        seg_top: vec![None; t.cells.len()],
        top: 0.0,
        page_top: false,
        x0: flow.left(),
    };
    start_page(flow, t, &mut st, m);
    let room = flow.text_height() - t.rows_h(0, t.header);
    let mut r = t.header;
    while r < n {
        if unit_start(t, &st, r) && !at_fresh_top(flow, &st) && move_on(flow, t, r, room) {
            next_page(flow, t, &mut st, m);
            continue;
        }
        r = place_row(flow, t, &mut st, r, m);
    }
}

/// Whether a chain of group rows starting at row `r` goes to the next page: it does not fit
/// here with the first lines of the row after it, and would on a page of its own (`room`:
/// the body height under the repeated header).
fn move_on(flow: &Flow, t: &PTable, r: usize, room: f32) -> bool {
    let (_, q) = t.keep_chain(r);
    if q == r {
        return false;
    }
    let need = t.start_need(r);
    !flow.fits(need, &[]) && need <= room
}

fn start_page(flow: &mut Flow, t: &mut PTable, st: &mut State, m: &mut Measure) {
    st.page_top = flow.y <= flow.top() + EPS;
    draw_header(flow, t, st.x0, m);
    st.top = flow.y;
}

/// The cursor stands at the first body row of a page that the table began at the top of.
fn at_fresh_top(flow: &Flow, st: &State) -> bool {
    st.page_top && flow.y <= st.top + EPS
}

fn next_page(flow: &mut Flow, t: &mut PTable, st: &mut State, m: &mut Measure) {
    flow.new_page(true, m);
    start_page(flow, t, st, m);
}

/// No cell from an earlier row reaches into row `r` and none of its cells has begun.
fn unit_start(t: &PTable, st: &State, r: usize) -> bool {
    t.covering[r]
        .iter()
        .all(|&c| t.cells[c].row == r && st.progress[c] == 0)
}

/// Places row `r` (or what is left of it); returns the next row to place.
fn place_row(flow: &mut Flow, t: &mut PTable, st: &mut State, r: usize, m: &mut Measure) -> usize {
    let y = flow.y;
    for &c in &t.covering[r] {
        st.seg_top[c].get_or_insert(y);
    }
    let ending: Vec<usize> = ending_cells(t, r).collect();
    let need = ending
        .iter()
        .map(|&c| top_of(st, c) + 2.0 * PAD_Y + t.cells[c].rest_h(st.progress[c]) - y)
        .fold(0.0, f32::max);
    let refs = notes_of_rest(t, st, &ending);
    if flow.fits(need, &refs) {
        place_whole(flow, t, st, r, y + need, m);
        return r + 1;
    }
    split_row(flow, t, st, r, m)
}

fn ending_cells(t: &PTable, r: usize) -> impl Iterator<Item = usize> + '_ {
    t.covering[r]
        .iter()
        .copied()
        .filter(move |&c| t.cells[c].last_row() == r)
}

fn top_of(st: &State, c: usize) -> f32 {
    st.seg_top[c].unwrap_or(0.0)
}

/// Ends row `r` at `bottom` with all the remaining lines of the cells ending in it.
fn place_whole(
    flow: &mut Flow,
    t: &mut PTable,
    st: &mut State,
    r: usize,
    bottom: f32,
    m: &mut Measure,
) {
    let ending: Vec<usize> = ending_cells(t, r).collect();
    for c in ending {
        let from = st.progress[c];
        let piece = Piece {
            cell: c,
            top: top_of(st, c),
            bottom,
            from,
            count: t.cells[c].lines.len() - from,
            align: from == 0,
            take: true,
        };
        draw_piece(flow, t, st.x0, &piece, m);
        st.progress[c] = t.cells[c].lines.len();
        st.seg_top[c] = None;
    }
    flow.y = bottom;
    flow.fresh = false;
}

/// Row `r` does not fit: place the lines of its cells that do, continue on the next page.
fn split_row(flow: &mut Flow, t: &mut PTable, st: &mut State, r: usize, m: &mut Measure) -> usize {
    let y = flow.y;
    let cover = &t.covering[r].clone();
    let mut limit = flow.limit();
    let mut counts = fit_counts(t, st, cover, limit);
    let refs = notes_of_taken(t, st, cover, &counts);
    let extra = flow.notes_extra(&refs);
    if extra > 0.0 {
        limit -= extra;
        counts = fit_counts(t, st, cover, limit);
    }
    // Keep no line of a cell's paragraph alone on either side of the page break, unless
    // on an empty page that leaves nothing to place.
    let kept: Vec<usize> = cover
        .iter()
        .zip(&counts)
        .map(|(&c, &k)| keep_lines_together(&t.cells[c], st.progress[c], k))
        .collect();
    if !at_fresh_top(flow, st) || kept.iter().any(|&k| k > 0) {
        counts = kept;
    }
    // A row that begins here shows the first lines of all its cells, or moves on whole: a
    // piece with an empty cell beside filled ones («1», a date, a result, but no activity)
    // reads as a broken row.
    let own = |c: usize| t.cells[c].row == r;
    let begins_here = cover.iter().all(|&c| !own(c) || st.progress[c] == 0);
    let starved = cover
        .iter()
        .zip(&counts)
        .any(|(&c, &k)| own(c) && k == 0 && !t.cells[c].lines.is_empty());
    if begins_here && starved && !at_fresh_top(flow, st) {
        counts.iter_mut().for_each(|k| *k = 0);
    }
    let mut bottom = piece_bottom(t, st, cover, &counts, y);
    if bottom <= y + EPS && at_fresh_top(flow, st) {
        // Not one line fits even on a page of its own: force a line of every cell.
        for (k, &c) in counts.iter_mut().zip(cover) {
            if st.progress[c] < t.cells[c].lines.len() {
                *k = (*k).max(1);
            }
        }
        bottom = piece_bottom(t, st, cover, &counts, y);
        if bottom <= y + EPS {
            place_whole(flow, t, st, r, y, m);
            return r + 1;
        }
    }
    if bottom > y + EPS {
        for (&c, &count) in cover.iter().zip(&counts) {
            put_piece(flow, t, st, c, bottom, count, m);
        }
    } else {
        // No piece of row r here; cells reaching down from rows above end at the cursor.
        for &c in cover {
            if top_of(st, c) < y - EPS {
                let count = fit_count(t, st, c, y);
                put_piece(flow, t, st, c, y, count, m);
            }
            st.seg_top[c] = None;
        }
    }
    next_page(flow, t, st, m);
    let done = ending_cells(t, r).all(|c| st.progress[c] == t.cells[c].lines.len());
    if done {
        r + 1
    } else {
        r
    }
}

fn put_piece(
    flow: &mut Flow,
    t: &mut PTable,
    st: &mut State,
    c: usize,
    bottom: f32,
    count: usize,
    m: &mut Measure,
) {
    let piece = Piece {
        cell: c,
        top: top_of(st, c),
        bottom,
        from: st.progress[c],
        count,
        align: false,
        take: true,
    };
    draw_piece(flow, t, st.x0, &piece, m);
    st.progress[c] += count;
    st.seg_top[c] = None;
}

/// `count` lines of `cell` from line `from` on this page, fewer where the page break would
/// leave a paragraph's first line alone at the foot of the page (orphan) or its last line
/// alone at the head of the next (widow), as Word's widow control does inside cells.
fn keep_lines_together(cell: &PCell, from: usize, count: usize) -> usize {
    let lines = &cell.lines;
    let split = from + count;
    if count == 0 || split >= lines.len() || lines[split - 1].paragraph != lines[split].paragraph {
        return count;
    }
    let para = lines[split].paragraph;
    let is_text = |l: &VLine| l.line.is_some();
    // The paragraph's entries on this page start at `first`; any before `from` are on
    // earlier pages.
    let first = (from..split)
        .rev()
        .take_while(|&i| lines[i].paragraph == para)
        .last()
        .unwrap_or(split);
    let started_earlier = first == from && from > 0 && lines[from - 1].paragraph == para;
    let after = lines[split..]
        .iter()
        .take_while(|l| l.paragraph == para)
        .filter(|l| is_text(l))
        .count();
    let mut here = lines[first..split].iter().filter(|l| is_text(l)).count();
    let mut take = count;
    if after == 1 && here >= 2 {
        // Widow: bring a second line over to the next page.
        take -= 1;
        here -= 1;
    }
    if here == 1 && !started_earlier {
        // Orphan: the paragraph's first line alone at the foot goes over too (with a
        // two- or three-line paragraph, the whole of it).
        return first - from;
    }
    take
}

/// How many more lines of each cell in `cover` fit above `limit`.
fn fit_counts(t: &PTable, st: &State, cover: &[usize], limit: f32) -> Vec<usize> {
    cover.iter().map(|&c| fit_count(t, st, c, limit)).collect()
}

fn fit_count(t: &PTable, st: &State, c: usize, limit: f32) -> usize {
    let cell = &t.cells[c];
    let from = st.progress[c];
    let avail = limit - top_of(st, c) - 2.0 * PAD_Y + EPS;
    let mut k = 0;
    while from + k < cell.lines.len() && cell.cum[from + k + 1] - cell.cum[from] <= avail {
        k += 1;
    }
    k
}

/// Bottom of the row piece holding `counts` more lines of each cell (at least `y`).
fn piece_bottom(t: &PTable, st: &State, cover: &[usize], counts: &[usize], y: f32) -> f32 {
    let mut bottom = y;
    for (&c, &k) in cover.iter().zip(counts) {
        if k > 0 {
            let cell = &t.cells[c];
            let from = st.progress[c];
            let h = cell.cum[from + k] - cell.cum[from];
            bottom = bottom.max(top_of(st, c) + 2.0 * PAD_Y + h);
        }
    }
    bottom
}

/// Footnotes in all lines of `cells`.
fn notes_of(t: &PTable, cells: impl Iterator<Item = usize>) -> Vec<usize> {
    let mut out = Vec::new();
    for c in cells {
        for vl in &t.cells[c].lines {
            if let Some(l) = &vl.line {
                out.extend_from_slice(&l.notes);
            }
        }
    }
    out
}

/// Footnotes in the lines of `cells` not yet placed.
fn notes_of_rest(t: &PTable, st: &State, cells: &[usize]) -> Vec<usize> {
    let mut out = Vec::new();
    for &c in cells {
        for vl in &t.cells[c].lines[st.progress[c]..] {
            if let Some(l) = &vl.line {
                out.extend_from_slice(&l.notes);
            }
        }
    }
    out
}

/// Footnotes in the next `counts` lines of each cell of `cover`.
fn notes_of_taken(t: &PTable, st: &State, cover: &[usize], counts: &[usize]) -> Vec<usize> {
    let mut out = Vec::new();
    for (&c, &k) in cover.iter().zip(counts) {
        let from = st.progress[c];
        for vl in &t.cells[c].lines[from..from + k] {
            if let Some(l) = &vl.line {
                out.extend_from_slice(&l.notes);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::VAlign;
    use crate::pdf::text::LineBox;

    /// A cell whose paragraphs have the given numbers of 10 pt lines.
    fn cell(paragraphs: &[usize]) -> PCell {
        let mut lines = Vec::new();
        for (paragraph, &n) in paragraphs.iter().enumerate() {
            for _ in 0..n {
                let line = LineBox {
                    items: Vec::new(),
                    baseline: 8.0,
                    height: 10.0,
                    notes: Vec::new(),
                    page_numbers: Vec::new(),
                    changed: false,
                };
                lines.push(VLine {
                    height: 10.0,
                    line: Some(line),
                    paragraph,
                });
            }
        }
        let cum = (0..=lines.len()).map(|i| i as f32 * 10.0).collect();
        PCell {
            row: 0,
            col: 0,
            rows: 1,
            cols: 1,
            valign: VAlign::Top,
            lines,
            cum,
            start_h: 10.0,
        }
    }

    #[test]
    fn no_last_line_alone_at_the_head_of_the_next_page() {
        assert_eq!(keep_lines_together(&cell(&[5]), 0, 4), 3);
    }

    #[test]
    fn no_first_line_alone_at_the_foot_of_the_page() {
        assert_eq!(keep_lines_together(&cell(&[5]), 0, 1), 0);
        // A three-line paragraph cannot be split without one or the other: it goes whole.
        assert_eq!(keep_lines_together(&cell(&[3]), 0, 2), 0);
        // Only the broken paragraph moves; the one above stays.
        assert_eq!(keep_lines_together(&cell(&[2, 3]), 0, 3), 2);
    }

    #[test]
    fn splits_between_paragraphs_and_inside_long_ones_stay() {
        assert_eq!(keep_lines_together(&cell(&[2, 3]), 0, 2), 2);
        assert_eq!(keep_lines_together(&cell(&[6]), 0, 3), 3);
        assert_eq!(keep_lines_together(&cell(&[6]), 0, 6), 6);
        // A paragraph begun on an earlier page may continue with a single line here.
        assert_eq!(keep_lines_together(&cell(&[6]), 2, 1), 1);
    }
}

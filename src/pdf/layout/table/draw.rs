//! Drawing cells: the border of a cell's piece on a page and the lines of text inside it.

use super::PTable;
use crate::model::house::{CELL_PADDING_X as PAD_X, CELL_PADDING_Y as PAD_Y};
use crate::model::{Rules, VAlign};
use crate::pdf::layout::flow::Flow;
use crate::pdf::text::Measure;

/// A piece of a cell on one page.
pub(super) struct Piece {
    /// The cell.
    pub cell: usize,
    /// Top of the piece's border.
    pub top: f32,
    /// Bottom of the piece's border.
    pub bottom: f32,
    /// First line of content shown.
    pub from: usize,
    /// Number of lines (and spacers) shown.
    pub count: usize,
    /// Apply the cell's vertical alignment (the whole content is in this piece).
    pub align: bool,
    /// Move the lines to the page (they are shown once) instead of copying them (a header
    /// row, shown on every page).
    pub take: bool,
}

/// Draws `piece` of a cell of `t`, whose left edge is at `x0`.
pub(super) fn draw_piece(flow: &mut Flow, t: &mut PTable, x0: f32, piece: &Piece, m: &mut Measure) {
    let col_x = &t.col_x;
    let cell = &mut t.cells[piece.cell];
    let x = x0 + col_x[cell.col];
    let w = col_x[cell.col + cell.cols] - col_x[cell.col];
    let framed = match t.rules {
        Rules::Grid => true,
        Rules::FrameColumn(c) => c == cell.col,
    };
    if framed {
        border(flow, x, piece.top, x + w, piece.bottom);
    }
    let end = piece.from + piece.count;
    let h = cell.cum[end] - cell.cum[piece.from];
    let room = piece.bottom - piece.top - 2.0 * PAD_Y - h;
    let offset = match (piece.align, cell.valign) {
        (true, VAlign::Center) => room / 2.0,
        (true, VAlign::Bottom) => room,
        _ => 0.0,
    };
    let mut y = piece.top + PAD_Y + offset.max(0.0);
    for vl in &mut cell.lines[piece.from..end] {
        match (piece.take, &mut vl.line) {
            (true, line) => {
                if let Some(line) = line.take() {
                    flow.put_owned(line, x + PAD_X, y, m);
                }
            }
            (false, Some(line)) => flow.put_line(line, x + PAD_X, y, m),
            (false, None) => {}
        }
        y += vl.height;
    }
}

/// Draws the header rows whole, starting at the cursor, and moves the cursor below them.
pub(super) fn draw_header(flow: &mut Flow, t: &mut PTable, x0: f32, m: &mut Measure) {
    if t.header == 0 {
        return;
    }
    let y0 = flow.y;
    for i in 0..t.cells.len() {
        let cell = &t.cells[i];
        if cell.row >= t.header {
            break;
        }
        let piece = Piece {
            cell: i,
            top: y0 + t.row_y[cell.row],
            bottom: y0 + t.row_y[cell.row + cell.rows],
            from: 0,
            count: cell.lines.len(),
            align: true,
            take: false,
        };
        draw_piece(flow, t, x0, &piece, m);
    }
    flow.y = y0 + t.rows_h(0, t.header);
    flow.fresh = false;
}

/// A cell border: 0.5 pt lines on all four sides.
fn border(flow: &mut Flow, x1: f32, y1: f32, x2: f32, y2: f32) {
    flow.rule(x1, y1, x2, y1);
    flow.rule(x1, y2, x2, y2);
    flow.rule(x1, y1, x1, y2);
    flow.rule(x2, y1, x2, y2);
}

//! Tables: cells set once through the resolved grid, row heights from their content (a
//! rowspan cell's excess goes to its last row, as in Word), then paginated row by row.

mod draw;
mod paginate;

pub(crate) use paginate::place_table;

use super::stack::{stack, VLine};
use crate::model::house::{CELL_PADDING_X as PAD_X, CELL_PADDING_Y as PAD_Y};
use crate::model::{Footnote, Meta, Rules, Slot, Table, VAlign};
use crate::pdf::text::{SetOptions, Typesetter};

/// A cell (or an empty grid slot) with its text set.
pub(crate) struct PCell {
    /// Origin row.
    pub row: usize,
    /// Origin column.
    pub col: usize,
    /// Rows covered.
    pub rows: usize,
    /// Columns covered.
    pub cols: usize,
    /// Vertical alignment.
    pub valign: VAlign,
    /// The content, top to bottom.
    pub lines: Vec<VLine>,
    /// `cum[i]`: height of `lines[..i]`.
    pub cum: Vec<f32>,
    /// Height of what the cell must place on the page its row begins on: its first
    /// paragraph whole when it has up to three lines, else its first two (widow and orphan
    /// control split nothing shorter).
    pub start_h: f32,
}

impl PCell {
    /// Last row the cell covers.
    pub(crate) fn last_row(&self) -> usize {
        self.row + self.rows - 1
    }

    /// Height of the content from line `from` to the end.
    pub(crate) fn rest_h(&self, from: usize) -> f32 {
        self.cum[self.lines.len()] - self.cum[from]
    }
}

/// A table ready to be paginated.
pub(crate) struct PTable {
    /// Left edge of each column from the table's left edge, plus the right edge.
    pub col_x: Vec<f32>,
    /// Cells in reading order.
    pub cells: Vec<PCell>,
    /// Per row: the cells covering it.
    pub covering: Vec<Vec<usize>>,
    /// Per row: the cells starting in it.
    pub starting: Vec<Vec<usize>>,
    /// Row heights for rows placed whole.
    pub row_h: Vec<f32>,
    /// `row_y[r]`: height of rows `..r`.
    pub row_y: Vec<f32>,
    /// Per row: the end (exclusive) of the rows its rowspans tie it to.
    pub unit_end: Vec<usize>,
    /// Number of header rows.
    pub header: usize,
    /// Group rows that stay with the next row.
    pub keep: Vec<bool>,
    /// Which cells get a border.
    pub rules: Rules,
}

impl PTable {
    /// Number of rows.
    pub(crate) fn len(&self) -> usize {
        self.row_h.len()
    }

    /// Height of rows `a..b` placed whole.
    pub(crate) fn rows_h(&self, a: usize, b: usize) -> f32 {
        self.row_y[b] - self.row_y[a]
    }

    /// Height of the smallest piece of row `r` that may stand at a page foot: the start of
    /// each cell starting there, as widow and orphan control allow it (`PCell::start_h`).
    pub(crate) fn min_piece(&self, r: usize) -> f32 {
        let first = self.starting[r].iter().map(|&c| self.cells[c].start_h);
        2.0 * PAD_Y + first.fold(0.0, f32::max)
    }

    /// What must fit at a page foot for the table to start there: the header rows and what
    /// the first body row needs (see `start_need`).
    pub(crate) fn first_part(&self) -> f32 {
        let body = if self.header < self.len() {
            self.start_need(self.header)
        } else {
            0.0
        };
        self.rows_h(0, self.header) + body
    }

    /// The chain of group rows from row `r` on (kept with the row after them): its height
    /// and the first row after it (`r` itself when row `r` is no group row).
    pub(crate) fn keep_chain(&self, r: usize) -> (f32, usize) {
        let mut h = 0.0;
        let mut q = r;
        while q < self.len() && self.keep[q] {
            let e = self.unit_end[q];
            h += self.rows_h(q, e);
            q = e;
        }
        (h, q)
    }

    /// Height that must fit on a page for row `r` to start there: its chain of group rows
    /// with the first piece of the row after them. A rowspan block is not kept whole: Word
    /// and LibreOffice split it and continue its spanning cell.
    pub(crate) fn start_need(&self, r: usize) -> f32 {
        let (chain, q) = self.keep_chain(r);
        chain
            + if q < self.len() {
                self.min_piece(q)
            } else {
                0.0
            }
    }
}

/// Sets the cells of `table`; footnotes met are numbered by `notes`.
pub(crate) fn prepare_table(
    table: &Table,
    meta: &Meta,
    ts: &mut Typesetter,
    notes: &mut dyn FnMut(&Footnote) -> usize,
) -> PTable {
    let grid = table.grid();
    let n = table.row_count();
    let mut col_x = vec![0.0];
    for w in table.columns() {
        col_x.push(col_x.last().copied().unwrap_or(0.0) + w);
    }
    let mut cells = Vec::new();
    for (r, row) in table.rows().enumerate() {
        for (c, slot) in grid.row(r).iter().enumerate() {
            let (paragraphs, rows, cols, valign) = match *slot {
                Slot::Origin { index } => {
                    let cell = &row.cells[index];
                    let (rows, cols) = (cell.rowspan.get(), cell.colspan.get());
                    (&cell.paragraphs[..], rows, cols, cell.valign)
                }
                Slot::Empty => (&[][..], 1, 1, VAlign::Top),
                Slot::Covered { .. } => continue,
            };
            let width = col_x[c + cols] - col_x[c] - 2.0 * PAD_X;
            let opts = SetOptions::default();
            let lines = stack(ts, paragraphs, width, opts, meta.font_size, notes);
            cells.push(cell_from(r, c, rows, cols, valign, lines));
        }
    }
    let keep = table.rows().map(|r| r.keep_with_next).collect();
    let mut t = finish(col_x, cells, n, table.header_rows(), keep);
    t.rules = table.rules();
    if t.rules != Rules::Grid {
        // A framed mark is never cut by a page break: its row starts only where it fits whole.
        for cell in &mut t.cells {
            cell.start_h = cell.rest_h(0);
        }
    }
    t
}

/// How many entries of `lines` (spacing included) a cell must place on the page its row
/// begins on: through the last line of its first paragraph when that has up to three lines
/// of text, else through the second.
fn start_lines(lines: &[VLine]) -> usize {
    let Some(first) = lines.iter().position(|l| l.line.is_some()) else {
        return lines.len();
    };
    let para = lines[first].paragraph;
    let texts: Vec<usize> = (first..lines.len())
        .take_while(|&i| lines[i].paragraph == para)
        .filter(|&i| lines[i].line.is_some())
        .collect();
    let k = if texts.len() <= 3 { texts.len() } else { 2 };
    texts[k - 1] + 1
}

fn cell_from(
    row: usize,
    col: usize,
    rows: usize,
    cols: usize,
    valign: VAlign,
    lines: Vec<VLine>,
) -> PCell {
    let mut cum = Vec::with_capacity(lines.len() + 1);
    let mut h = 0.0;
    cum.push(h);
    for l in &lines {
        h += l.height;
        cum.push(h);
    }
    let start_h = cum[start_lines(&lines)];
    PCell {
        row,
        col,
        rows,
        cols,
        valign,
        start_h,
        lines,
        cum,
    }
}

/// Row heights, span bookkeeping and prefix sums.
fn finish(col_x: Vec<f32>, cells: Vec<PCell>, n: usize, header: usize, keep: Vec<bool>) -> PTable {
    let mut covering = vec![Vec::new(); n];
    let mut starting = vec![Vec::new(); n];
    for (i, cell) in cells.iter().enumerate() {
        starting[cell.row].push(i);
        for list in &mut covering[cell.row..=cell.last_row()] {
            list.push(i);
        }
    }
    let mut row_h = vec![0.0f32; n];
    // Single-row cells first, then spans from short to tall: a span's excess goes to its
    // last row, after the rows have their own heights.
    let mut order: Vec<usize> = (0..cells.len()).collect();
    order.sort_by_key(|&i| cells[i].rows);
    for i in order {
        let cell = &cells[i];
        let need = cell.rest_h(0) + 2.0 * PAD_Y;
        let have: f32 = row_h[cell.row..=cell.last_row()].iter().sum();
        if need > have {
            row_h[cell.last_row()] += need - have;
        }
    }
    let mut row_y = Vec::with_capacity(n + 1);
    row_y.push(0.0);
    for h in &row_h {
        row_y.push(row_y.last().copied().unwrap_or(0.0) + h);
    }
    let mut unit_end = vec![0; n];
    for (r, end) in unit_end.iter_mut().enumerate() {
        let mut e = r + 1;
        let mut q = r;
        while q < e {
            for &c in &starting[q] {
                e = e.max(cells[c].last_row() + 1);
            }
            q += 1;
        }
        *end = e;
    }
    PTable {
        col_x,
        cells,
        covering,
        starting,
        row_h,
        row_y,
        unit_end,
        header,
        keep,
        rules: Rules::Grid,
    }
}

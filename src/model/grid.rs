//! Span resolution: a table's cells placed on a rectangular grid where every slot knows which
//! cell occupies it. It runs once, when a [`Table`](super::Table) is made (and in the data
//! checks, on the spans as written), so both writers read one grid and never re-derive it.

/// What occupies one slot of the grid.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Slot {
    /// The top-left slot of a cell: the `index`-th cell of its row.
    Origin {
        /// Index of the cell within its row's cells.
        index: usize,
    },
    /// A slot covered by the cell whose origin is at (`row`, `col`).
    Covered {
        /// Row of the covering cell's origin.
        row: usize,
        /// Column of the covering cell's origin.
        col: usize,
    },
    /// Nothing occupies this slot (the row has fewer cells than the grid has columns).
    Empty,
}

/// A span that does not fit the table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpanError {
    /// Zero-based row index of the offending cell (head rows first, then body rows).
    pub row: usize,
    /// Zero-based index of the offending cell within its row.
    pub cell: usize,
    /// What went wrong, in Russian, for the user.
    pub message: String,
}

/// The resolved grid: `slots[row][col]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grid {
    cols: usize,
    slots: Vec<Vec<Slot>>,
}

impl Grid {
    /// Places cells given as `(colspan, rowspan)` row by row on a grid `cols` wide. A cell
    /// starts in the first free slot of its row. A span of zero, a cell that runs past the
    /// last column or row, or one that overlaps another is an error naming the row and cell.
    pub fn resolve<R, C>(cols: usize, rows: R) -> Result<Grid, SpanError>
    where
        R: IntoIterator<Item = C>,
        C: IntoIterator<Item = (usize, usize)>,
    {
        let rows: Vec<C> = rows.into_iter().collect();
        let nrows = rows.len();
        let mut slots = vec![vec![Slot::Empty; cols]; nrows];
        for (r, row) in rows.into_iter().enumerate() {
            let mut c = 0;
            for (i, (colspan, rowspan)) in row.into_iter().enumerate() {
                while c < cols && slots[r][c] != Slot::Empty {
                    c += 1;
                }
                let at = Origin { r, i, c };
                at.check(colspan, rowspan, cols, nrows)?;
                at.cover(&mut slots, colspan, rowspan)?;
                c += colspan;
            }
        }
        Ok(Grid { cols, slots })
    }

    /// Number of columns.
    pub fn cols(&self) -> usize {
        self.cols
    }

    /// Number of rows.
    pub fn rows(&self) -> usize {
        self.slots.len()
    }

    /// What occupies (`row`, `col`).
    pub fn slot(&self, row: usize, col: usize) -> Slot {
        self.slots[row][col]
    }

    /// The slots of one row, left to right.
    pub fn row(&self, row: usize) -> &[Slot] {
        &self.slots[row]
    }
}

/// Where a cell begins: row `r`, its `i`-th cell, in column `c`.
struct Origin {
    r: usize,
    i: usize,
    c: usize,
}

impl Origin {
    fn error(&self, message: String) -> SpanError {
        SpanError {
            row: self.r,
            cell: self.i,
            message,
        }
    }

    fn check(
        &self,
        colspan: usize,
        rowspan: usize,
        cols: usize,
        nrows: usize,
    ) -> Result<(), SpanError> {
        if colspan == 0 || rowspan == 0 {
            return Err(self.error("объединение ячеек должно быть не меньше 1".into()));
        }
        if self.c + colspan > cols {
            return Err(self.error(format!(
                "ячейка выходит за правый край таблицы: в таблице {cols} столбцов, а ячейка \
                 начинается в столбце {} и занимает {colspan}",
                self.c + 1,
            )));
        }
        if self.r + rowspan > nrows {
            return Err(self.error(format!(
                "ячейка выходит за нижний край таблицы: в таблице {nrows} строк, а ячейка \
                 начинается в строке {} и занимает {rowspan}",
                self.r + 1,
            )));
        }
        Ok(())
    }

    fn cover(
        &self,
        slots: &mut [Vec<Slot>],
        colspan: usize,
        rowspan: usize,
    ) -> Result<(), SpanError> {
        for (rr, slot_row) in slots.iter_mut().enumerate().skip(self.r).take(rowspan) {
            for (cc, slot) in slot_row.iter_mut().enumerate().skip(self.c).take(colspan) {
                if *slot != Slot::Empty {
                    return Err(self.error(format!(
                        "ячейка перекрывает другую ячейку в строке {}, столбце {}",
                        rr + 1,
                        cc + 1
                    )));
                }
                *slot = if rr == self.r && cc == self.c {
                    Slot::Origin { index: self.i }
                } else {
                    Slot::Covered {
                        row: self.r,
                        col: self.c,
                    }
                };
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grid(cols: usize, rows: &[&[(usize, usize)]]) -> Result<Grid, SpanError> {
        Grid::resolve(cols, rows.iter().map(|r| r.iter().copied()))
    }

    #[test]
    fn rowspan_covers_slots_below() {
        let g = grid(2, &[&[(1, 2), (1, 1)], &[(1, 1)]]).unwrap();
        assert_eq!(g.slot(1, 0), Slot::Covered { row: 0, col: 0 });
        assert_eq!(g.slot(1, 1), Slot::Origin { index: 0 });
    }

    #[test]
    fn colspan_past_the_edge_is_an_error() {
        let e = grid(2, &[&[(1, 1), (2, 1)]]).unwrap_err();
        assert_eq!((e.row, e.cell), (0, 1));
    }

    #[test]
    fn rowspan_past_the_bottom_is_an_error() {
        assert!(grid(1, &[&[(1, 3)], &[]]).is_err());
    }

    #[test]
    fn zero_span_is_an_error() {
        let e = grid(2, &[&[(1, 1), (0, 1)]]).unwrap_err();
        assert_eq!((e.row, e.cell), (0, 1));
    }

    #[test]
    fn short_rows_leave_empty_slots() {
        let g = grid(3, &[&[(1, 1)]]).unwrap();
        assert_eq!(g.row(0)[1..], [Slot::Empty, Slot::Empty]);
    }
}

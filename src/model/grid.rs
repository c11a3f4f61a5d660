//! A table resolved into a rectangular grid where every slot knows which cell occupies it.
//! Both writers read the grid instead of re-deriving spans.

use super::{Cell, Table};

/// What occupies one slot of the grid.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Slot {
    /// The top-left slot of a cell: `rows[row].cells[index]`.
    Origin {
        /// Index of the cell within its row's `cells`.
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
    /// Zero-based row index of the offending cell.
    pub row: usize,
    /// Zero-based index of the offending cell within its row.
    pub cell: usize,
    /// What went wrong, in Russian, for the user.
    pub message: String,
}

/// The resolved grid: `slots[row][col]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grid {
    /// Number of columns.
    pub cols: usize,
    /// Slots row by row.
    pub slots: Vec<Vec<Slot>>,
}

impl Grid {
    /// Resolves the spans of `table`. A cell whose colspan runs past the last column, or whose
    /// rowspan runs past the last row, is an error naming the row and the cell.
    pub fn resolve(table: &Table) -> Result<Grid, SpanError> {
        let cols = table.columns.len();
        let nrows = table.rows.len();
        let mut slots = vec![vec![Slot::Empty; cols]; nrows];
        for (r, row) in table.rows.iter().enumerate() {
            let mut c = 0;
            for (i, cell) in row.cells.iter().enumerate() {
                while c < cols && slots[r][c] != Slot::Empty {
                    c += 1;
                }
                check_span(cell, r, i, c, cols, nrows)?;
                for (rr, slot_row) in slots.iter_mut().enumerate().skip(r).take(cell.rowspan) {
                    for (cc, slot) in slot_row.iter_mut().enumerate().skip(c).take(cell.colspan) {
                        if *slot != Slot::Empty {
                            return Err(SpanError {
                                row: r,
                                cell: i,
                                message: format!(
                                    "ячейка перекрывает другую ячейку в строке {}, столбце {}",
                                    rr + 1,
                                    cc + 1
                                ),
                            });
                        }
                        *slot = if rr == r && cc == c {
                            Slot::Origin { index: i }
                        } else {
                            Slot::Covered { row: r, col: c }
                        };
                    }
                }
                c += cell.colspan;
            }
        }
        Ok(Grid { cols, slots })
    }

    /// The cell at the origin slot (`row`, `col`), if that slot is an origin.
    pub fn cell<'t>(&self, table: &'t Table, row: usize, col: usize) -> Option<&'t Cell> {
        match self.slots[row][col] {
            Slot::Origin { index } => table.rows[row].cells.get(index),
            _ => None,
        }
    }
}

fn check_span(
    cell: &Cell,
    r: usize,
    i: usize,
    c: usize,
    cols: usize,
    nrows: usize,
) -> Result<(), SpanError> {
    let err = |message: String| SpanError {
        row: r,
        cell: i,
        message,
    };
    if cell.colspan == 0 || cell.rowspan == 0 {
        return Err(err("объединение ячеек должно быть не меньше 1".into()));
    }
    if c + cell.colspan > cols {
        return Err(err(format!(
            "ячейка выходит за правый край таблицы: в таблице {cols} столбцов, а ячейка \
             начинается в столбце {} и занимает {}",
            c + 1,
            cell.colspan
        )));
    }
    if r + cell.rowspan > nrows {
        return Err(err(format!(
            "ячейка выходит за нижний край таблицы: в таблице {nrows} строк, а ячейка \
             начинается в строке {} и занимает {}",
            r + 1,
            cell.rowspan
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Row, VAlign};

    fn cell(colspan: usize, rowspan: usize) -> Cell {
        Cell {
            colspan,
            rowspan,
            valign: VAlign::Top,
            paragraphs: vec![],
        }
    }

    fn table(cols: usize, rows: Vec<Vec<Cell>>) -> Table {
        Table {
            columns: vec![10.0; cols],
            rows: rows
                .into_iter()
                .map(|cells| Row {
                    header: false,
                    keep_with_next: false,
                    cells,
                })
                .collect(),
        }
    }

    #[test]
    fn rowspan_covers_slots_below() {
        let t = table(2, vec![vec![cell(1, 2), cell(1, 1)], vec![cell(1, 1)]]);
        let g = Grid::resolve(&t).unwrap();
        assert_eq!(g.slots[1][0], Slot::Covered { row: 0, col: 0 });
        assert_eq!(g.slots[1][1], Slot::Origin { index: 0 });
    }

    #[test]
    fn colspan_past_the_edge_is_an_error() {
        let t = table(2, vec![vec![cell(1, 1), cell(2, 1)]]);
        let e = Grid::resolve(&t).unwrap_err();
        assert_eq!((e.row, e.cell), (0, 1));
    }

    #[test]
    fn rowspan_past_the_bottom_is_an_error() {
        let t = table(1, vec![vec![cell(1, 3)], vec![]]);
        assert!(Grid::resolve(&t).is_err());
    }
}

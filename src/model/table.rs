//! Bordered tables: columns, head rows that repeat on every page, body rows, and the grid
//! their spans resolve to. A table is made only through [`Table::new`], which resolves the
//! grid once, so a table whose spans do not fit cannot exist and no writer re-checks it.

use std::fmt;
use std::num::NonZeroUsize;

use super::grid::{Grid, Slot, SpanError};
use super::Paragraph;

/// Vertical alignment of a table cell's content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VAlign {
    /// At the top.
    Top,
    /// Centred.
    Center,
    /// At the bottom.
    Bottom,
}

/// A table cell.
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    /// Number of grid columns this cell covers.
    pub colspan: NonZeroUsize,
    /// Number of rows this cell covers.
    pub rowspan: NonZeroUsize,
    /// Vertical alignment.
    pub valign: VAlign,
    /// Content paragraphs.
    pub paragraphs: Vec<Paragraph>,
}

impl Cell {
    /// A one-slot, top-aligned cell holding `paragraphs`.
    pub fn new(paragraphs: Vec<Paragraph>) -> Cell {
        Cell {
            colspan: NonZeroUsize::MIN,
            rowspan: NonZeroUsize::MIN,
            valign: VAlign::Top,
            paragraphs,
        }
    }
}

/// A table row.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// A group row («2023», «1. Управление …»): never left alone at the foot of a page.
    pub keep_with_next: bool,
    /// Cells that start in this row, left to right; slots covered by spans from the left or
    /// from above are not listed.
    pub cells: Vec<Cell>,
}

/// Why a table could not be made.
#[derive(Debug, Clone, PartialEq)]
pub enum TableError {
    /// The table has no columns.
    NoColumns,
    /// A column width is not a positive finite length.
    BadWidth {
        /// Zero-based column index.
        column: usize,
    },
    /// A cell's span does not fit the grid.
    Span(SpanError),
}

impl fmt::Display for TableError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TableError::NoColumns => write!(f, "у таблицы нет ни одного столбца"),
            TableError::BadWidth { column } => write!(
                f,
                "ширина столбца {} должна быть положительным числом",
                column + 1
            ),
            TableError::Span(e) => write!(
                f,
                "строка {}, ячейка {}: {}",
                e.row + 1,
                e.cell + 1,
                e.message
            ),
        }
    }
}

/// Which lines a table draws.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Rules {
    /// Every cell framed: the usual grid.
    #[default]
    Grid,
    /// No lines but a frame round each cell whose origin is in this grid column (0-based):
    /// the mark of an electronic signature between the signatory's position and name.
    FrameColumn(usize),
}

/// A bordered table whose spans are known to fit.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    columns: Vec<f32>,
    head: Vec<Row>,
    body: Vec<Row>,
    grid: Grid,
    rules: Rules,
}

impl Table {
    /// Makes a table with column widths `columns` (points), `head` rows that repeat at the top
    /// of every page and `body` rows, resolving the spans of all rows (head first) into one
    /// grid.
    pub fn new(columns: Vec<f32>, head: Vec<Row>, body: Vec<Row>) -> Result<Table, TableError> {
        if columns.is_empty() {
            return Err(TableError::NoColumns);
        }
        if let Some(column) = columns.iter().position(|w| !(w.is_finite() && *w > 0.0)) {
            return Err(TableError::BadWidth { column });
        }
        let spans = head
            .iter()
            .chain(&body)
            .map(|row| row.cells.iter().map(|c| (c.colspan.get(), c.rowspan.get())));
        let grid = Grid::resolve(columns.len(), spans).map_err(TableError::Span)?;
        head_stays_in_head(&grid, head.len()).map_err(TableError::Span)?;
        Ok(Table {
            columns,
            head,
            body,
            grid,
            rules: Rules::Grid,
        })
    }

    /// The table with `rules` in place of the grid of lines.
    pub fn with_rules(self, rules: Rules) -> Table {
        Table { rules, ..self }
    }

    /// Which lines the table draws.
    pub fn rules(&self) -> Rules {
        self.rules
    }

    /// Whether the cell whose origin is in grid column `col` is framed.
    pub fn framed(&self, col: usize) -> bool {
        match self.rules {
            Rules::Grid => true,
            Rules::FrameColumn(c) => c == col,
        }
    }

    /// Column widths in points; their sum is the table width.
    pub fn columns(&self) -> &[f32] {
        &self.columns
    }

    /// The head rows, repeated on every page the table covers.
    pub fn head(&self) -> &[Row] {
        &self.head
    }

    /// The body rows.
    pub fn body(&self) -> &[Row] {
        &self.body
    }

    /// Number of head rows; rows `0..header_rows()` of the grid are the head.
    pub fn header_rows(&self) -> usize {
        self.head.len()
    }

    /// All rows in grid order: the head, then the body.
    pub fn rows(&self) -> impl DoubleEndedIterator<Item = &Row> + Clone {
        self.head.iter().chain(&self.body)
    }

    /// The row at grid index `r` (head rows first).
    pub fn row(&self, r: usize) -> &Row {
        match r.checked_sub(self.head.len()) {
            None => &self.head[r],
            Some(b) => &self.body[b],
        }
    }

    /// Number of rows, head and body.
    pub fn row_count(&self) -> usize {
        self.head.len() + self.body.len()
    }

    /// The resolved grid.
    pub fn grid(&self) -> &Grid {
        &self.grid
    }

    /// The cell whose origin is the slot (`row`, `col`), if that slot is an origin.
    pub fn origin(&self, row: usize, col: usize) -> Option<&Cell> {
        match self.grid.slot(row, col) {
            Slot::Origin { index } => self.row(row).cells.get(index),
            _ => None,
        }
    }
}

/// A head cell may span head rows only: the head repeats alone at the top of every page, so
/// a cell reaching into the body would be cut there.
fn head_stays_in_head(grid: &Grid, head: usize) -> Result<(), SpanError> {
    if head == 0 || head >= grid.rows() {
        return Ok(());
    }
    for slot in grid.row(head) {
        if let Slot::Covered { row, col } = *slot {
            if let (true, Slot::Origin { index }) = (row < head, grid.slot(row, col)) {
                return Err(SpanError {
                    row,
                    cell: index,
                    message: "ячейка шапки таблицы заходит в строки под шапкой: шапка \
                              повторяется на каждой странице и должна кончаться целиком"
                        .into(),
                });
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(spans: &[(usize, usize)]) -> Row {
        let cells = spans
            .iter()
            .map(|&(c, r)| Cell {
                colspan: NonZeroUsize::new(c).unwrap(),
                rowspan: NonZeroUsize::new(r).unwrap(),
                ..Cell::new(vec![])
            })
            .collect();
        Row {
            keep_with_next: false,
            cells,
        }
    }

    #[test]
    fn head_and_body_share_one_grid() {
        let head = vec![row(&[(2, 1)]), row(&[(1, 1), (1, 1)])];
        let body = vec![row(&[(1, 2), (1, 1)]), row(&[(1, 1)])];
        let t = Table::new(vec![10.0, 10.0], head, body).unwrap();
        assert_eq!(t.grid().slot(3, 0), Slot::Covered { row: 2, col: 0 });
        assert_eq!(t.rows().count(), 4);
        assert!(std::ptr::eq(t.row(3), &t.body()[1]));
    }

    #[test]
    fn a_span_past_the_edge_is_refused() {
        let e = Table::new(vec![10.0], vec![], vec![row(&[(2, 1)])]).unwrap_err();
        assert!(matches!(
            e,
            TableError::Span(SpanError {
                row: 0,
                cell: 0,
                ..
            })
        ));
    }

    #[test]
    fn a_head_cell_cannot_reach_into_the_body() {
        let e = Table::new(vec![10.0], vec![row(&[(1, 2)])], vec![row(&[])]).unwrap_err();
        assert!(matches!(
            e,
            TableError::Span(SpanError {
                row: 0,
                cell: 0,
                ..
            })
        ));
    }

    #[test]
    fn widths_must_be_positive() {
        assert_eq!(
            Table::new(vec![10.0, f32::NAN], vec![], vec![]),
            Err(TableError::BadWidth { column: 1 })
        );
        assert_eq!(
            Table::new(vec![], vec![], vec![]),
            Err(TableError::NoColumns)
        );
    }
}

//! Tables of the two versions merged: head rows and body rows aligned by their text apart,
//! a row that changed paired with an old one of the same cell layout and merged cell by
//! cell; rows of one version only inserted or deleted whole.

use super::{align, inline, merge_paragraphs, Stamp, Step};
use crate::model::revision::Change;
use crate::model::{Cell, Row, Table};

/// A row's cells' texts, joined.
fn row_text(r: &Row) -> String {
    let cells = r.cells.iter().map(|c| {
        let texts: Vec<String> = c.paragraphs.iter().map(inline::text_of).collect();
        texts.join("\n")
    });
    cells.collect::<Vec<_>>().join(" | ")
}

/// Whether two rows have the same cells, span for span: only then are they merged cell by
/// cell.
fn same_layout(a: &Row, b: &Row) -> bool {
    a.cells.len() == b.cells.len()
        && (a.cells.iter().zip(&b.cells))
            .all(|(x, y)| x.colspan == y.colspan && x.rowspan == y.rowspan)
}

/// `new` with the changes of its rows from `old` tracked, head and body apart; `None` when
/// the column widths differ, or when the merged rows' spans do not make one grid (a deleted
/// row whose cell spanned kept rows).
pub(super) fn merge(old: &Table, new: &Table, stamp: &Stamp) -> Option<Table> {
    if old == new {
        return Some(new.clone());
    }
    // Changed column widths are not tracked: the old table goes, the new one comes.
    if old.columns() != new.columns() {
        return None;
    }
    let head = merge_rows(old.head(), new.head(), stamp);
    let body = merge_rows(old.body(), new.body(), stamp);
    Table::new(new.columns().to_vec(), head, body).ok()
}

/// Rows of the two versions aligned by their text and merged.
fn merge_rows(a: &[Row], b: &[Row], stamp: &Stamp) -> Vec<Row> {
    align(a, b, row_text, same_layout, same_layout)
        .into_iter()
        .map(|step| match step {
            Step::Old(i) => whole_row(&a[i], Change::Deleted, stamp),
            Step::New(j) => whole_row(&b[j], Change::Inserted, stamp),
            Step::Pair(i, j) if a[i] == b[j] => b[j].clone(),
            Step::Pair(i, j) => merge_row(&a[i], &b[j], stamp),
        })
        .collect()
}

/// Two rows of the same layout merged cell by cell.
fn merge_row(old: &Row, new: &Row, stamp: &Stamp) -> Row {
    let cells = (old.cells.iter().zip(&new.cells))
        .map(|(a, b)| Cell {
            paragraphs: merge_paragraphs(&a.paragraphs, &b.paragraphs, stamp),
            ..b.clone()
        })
        .collect();
    Row {
        cells,
        ..new.clone()
    }
}

/// `row` inserted or deleted whole: every paragraph of every cell marked.
fn whole_row(row: &Row, change: Change, stamp: &Stamp) -> Row {
    let cells = (row.cells.iter())
        .map(|c| Cell {
            paragraphs: (c.paragraphs.iter())
                .map(|p| inline::whole(p, change, stamp))
                .collect(),
            ..c.clone()
        })
        .collect();
    Row {
        cells,
        ..row.clone()
    }
}

/// `t` inserted or deleted whole, head rows too.
pub(super) fn whole(t: &Table, change: Change, stamp: &Stamp) -> Table {
    let rows = |rows: &[Row]| rows.iter().map(|r| whole_row(r, change, stamp)).collect();
    let marked = Table::new(t.columns().to_vec(), rows(t.head()), rows(t.body()));
    // The same spans as `t`, which is a table: the grid resolves again.
    marked.unwrap_or_else(|_| t.clone())
}

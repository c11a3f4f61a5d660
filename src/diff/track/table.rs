//! Tables of the two versions merged: head rows and body rows aligned by their text apart,
//! a row that changed paired with an old one of the same cell layout and merged cell by
//! cell; rows of one version only inserted or deleted whole.

use super::{align, inline, merge_paragraphs, texts_alike, Stamp, Step};
use crate::model::revision::Change;
use crate::model::{Cell, Row, Table};

/// A row's cells' texts, joined.
fn row_text(r: &Row) -> String {
    let cells = r.cells.iter().map(|c| {
        let texts: Vec<String> = c.paragraphs.iter().map(inline::text_of).collect();
        texts.join("\n")
    });
    // Joined with spaces only: a separator would count as a word both rows share.
    cells.collect::<Vec<_>>().join(" ")
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
    // A changed row pairs with an old one of its layout whose text is alike: a row removed
    // before it is then a removed row, not the next row rewritten into it.
    let alike = |x: &Row, y: &Row| same_layout(x, y) && texts_alike(&row_text(x), &row_text(y));
    align(a, b, row_text, same_layout, alike)
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::revision::whole_row as whole;
    use crate::model::{Inline, ParaStyle, Paragraph, RunStyle};

    fn row(cells: &[&str]) -> Row {
        let cell = |t: &str| {
            Cell::new(vec![Paragraph::new(
                ParaStyle::plain(12.0),
                vec![Inline::Text {
                    text: t.into(),
                    style: RunStyle::default(),
                }],
            )])
        };
        Row {
            keep_with_next: false,
            cells: cells.iter().map(|t| cell(t)).collect(),
        }
    }

    #[test]
    fn a_removed_row_is_one_deleted_row_and_the_next_keeps_its_place() {
        let stamp = Stamp {
            author: "А.".into(),
            date: "2023-06-27".into(),
        };
        let old = [
            row(&[
                "1",
                "Конкурс на лучшую методическую разработку занятия",
                "II полугодие",
            ]),
            row(&["2", "Стажировки и индивидуальные маршруты", "II полугодие"]),
        ];
        let new = [row(&[
            "1",
            "Стажировки и индивидуальные маршруты",
            "II полугодие",
        ])];
        let merged = merge_rows(&old, &new, &stamp);
        assert_eq!(merged.len(), 2);
        assert_eq!(whole(&merged[0]), Some(Change::Deleted));
        // The renumbered row is the old second row edited in its number only.
        assert_eq!(whole(&merged[1]), None);
        assert_eq!(merged[1].cells[1], new[0].cells[1]);
    }
}

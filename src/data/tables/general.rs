//! General tables (`[content.table]`: explicit colspan and rowspan) to table views. Their
//! spans are checked by the model's own table, the one resolver there is, and a problem it
//! finds (`row`, `cell`) is reported at that cell of the data.

use super::{caption, cell, items, paragraphs};
use crate::data::build::{Builder, Notes};
use crate::data::raw::{CellData, GeneralRow, GeneralTable, Spanned};
use crate::data::view::{CellView, RowView, TableView};
use crate::model;
use std::num::NonZeroUsize;

/// A table with explicit spans, checked against its columns.
pub(crate) fn general(b: &mut Builder, t: &GeneralTable, src: usize, notes: &Notes) -> TableView {
    let header_rows = *t.header_rows.get_ref();
    if header_rows > t.rows.len() {
        b.error(
            src,
            t.header_rows.start(),
            format!(
                "header_rows = {header_rows}, а строк в таблице {}: шапка не может быть длиннее \
                 таблицы",
                t.rows.len()
            ),
        );
    }
    let mut rows = Vec::new();
    for (ri, r) in t.rows.iter().enumerate() {
        rows.push(match r {
            GeneralRow::Cells(cells) => RowView {
                header: ri < header_rows,
                group: None,
                subheader: false,
                cells: cells.iter().map(|c| cell_view(b, c, notes, src)).collect(),
            },
            GeneralRow::Subheader { subheader } => {
                if ri < header_rows {
                    let message = "строка-подзаголовок (subheader) стоит в шапке (header_rows): \
                                   шапка повторяется на каждой странице, а подзаголовок нет; \
                                   уменьшите header_rows или сделайте её строкой ячеек";
                    b.error(src, subheader.start(), message);
                }
                let mut c = cell(vec![b.md(subheader, notes, src)], "center");
                c.colspan = t.widths.len().max(1);
                RowView {
                    header: ri < header_rows,
                    group: None,
                    subheader: true,
                    cells: vec![c],
                }
            }
        });
    }
    check_grid(b, t, &rows, src);
    TableView {
        caption: caption(b, t.caption.as_ref()),
        caption_align: b.numbers.table_align.clone(),
        title: t.title.as_ref().map(|s| b.md(s, notes, src)),
        widths: t.widths.iter().map(|w| *w.get_ref()).collect(),
        rows,
    }
}

/// The view of one cell; a span of zero is reported at its value.
fn cell_view(b: &mut Builder, c: &Spanned<CellData>, notes: &Notes, src: usize) -> CellView {
    let lists = c.lists();
    let text = if c.text().is_empty() && lists.iter().any(Option::is_some) {
        Vec::new()
    } else {
        paragraphs(b, c.text(), notes, src)
    };
    let mut v = cell(text, "left");
    v.items = items(b, lists, notes, src);
    if let Some((colspan, rowspan)) = c.spans() {
        for (span, name) in [(colspan, "colspan"), (rowspan, "rowspan")] {
            if *span.get_ref() == 0 {
                b.error(
                    src,
                    span.start(),
                    format!(
                        "{name} = 0: ячейка занимает хотя бы один столбец и одну строку; \
                         уберите {name} или напишите {name} = 1"
                    ),
                );
            }
        }
        v.colspan = *colspan.get_ref();
        v.rowspan = *rowspan.get_ref();
    }
    v
}

/// Builds the model's table of the spans (cells without text) and reports what it rejects
/// at the cell, width or table concerned.
fn check_grid(b: &mut Builder, t: &GeneralTable, rows: &[RowView], src: usize) {
    let model_row = |r: &RowView| -> Option<model::Row> {
        let cells = r.cells.iter().map(|c| {
            Some(model::Cell {
                colspan: NonZeroUsize::new(c.colspan)?,
                rowspan: NonZeroUsize::new(c.rowspan)?,
                ..model::Cell::new(Vec::new())
            })
        });
        Some(model::Row {
            keep_with_next: false,
            cells: cells.collect::<Option<_>>()?,
        })
    };
    // A zero span is already reported at its value.
    let Some(all) = rows.iter().map(model_row).collect::<Option<Vec<_>>>() else {
        return;
    };
    let head = rows.iter().take_while(|r| r.header).count();
    let mut all = all;
    let body = all.split_off(head);
    let widths = t.widths.iter().map(|w| *w.get_ref()).collect();
    let Err(e) = model::Table::new(widths, all, body) else {
        return;
    };
    let at = match &e {
        model::TableError::NoColumns => t.widths.start(),
        model::TableError::BadWidth { column } => t.widths[*column].start(),
        model::TableError::Span(s) => match &t.rows[s.row] {
            GeneralRow::Cells(cells) => cells[s.cell].start(),
            GeneralRow::Subheader { subheader } => subheader.start(),
        },
    };
    b.error(src, at, format!("таблица: {e}"));
}

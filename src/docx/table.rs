//! Model tables to docx-rs tables, read through the resolved grid.
//!
//! Spans become `w:gridSpan` (columns) and `w:vMerge` (rows). Header rows are marked with
//! `w:cantSplit`, the only row property docx-rs writes that we use nowhere else; the patch
//! step adds `w:tblHeader` next to it (a repeated header row should not split anyway).

use docx_rs::{
    BorderType, Paragraph as DocxParagraph, Table as DocxTable, TableBorder, TableBorderPosition,
    TableBorders, TableCell, TableCellMargins, TableLayoutType, TableRow, VAlignType, VMergeType,
    WidthType,
};

use super::ctx::Ctx;
use super::paragraph::{empty, paragraph};
use super::units::{eighths, twips_u};
use crate::model::house::{CELL_PADDING_X, RULE_WIDTH};
use crate::model::{Cell, Row, Slot, Table, VAlign};

/// Converts a table.
pub(crate) fn table(ctx: &mut Ctx, t: &Table) -> Result<DocxTable, String> {
    let widths: Vec<usize> = t.columns().iter().map(|w| twips_u(*w) as usize).collect();
    let mut rows = Vec::with_capacity(t.row_count());
    for (r, row) in t.rows().enumerate() {
        rows.push(table_row(ctx, t, &widths, r, row)?);
    }
    let padding = twips_u(CELL_PADDING_X) as usize;
    Ok(DocxTable::new(rows)
        .set_grid(widths.clone())
        .layout(TableLayoutType::Fixed)
        .width(widths.iter().sum(), WidthType::Dxa)
        .margins(TableCellMargins::new().margin(0, padding, 0, padding))
        .set_borders(borders()))
}

fn borders() -> TableBorders {
    use TableBorderPosition::*;
    [Top, Left, Bottom, Right, InsideH, InsideV]
        .into_iter()
        .fold(TableBorders::new(), |b, pos| {
            b.set(
                TableBorder::new(pos)
                    .border_type(BorderType::Single)
                    .size(eighths(RULE_WIDTH))
                    .color("auto"),
            )
        })
}

fn table_row(
    ctx: &mut Ctx,
    t: &Table,
    widths: &[usize],
    r: usize,
    row: &Row,
) -> Result<TableRow, String> {
    let grid = t.grid();
    let mut cells = Vec::new();
    let mut c = 0;
    while c < grid.cols() {
        match grid.slot(r, c) {
            Slot::Origin { index } => {
                let cell = &row.cells[index];
                let width = span_width(widths, c, cell.colspan.get());
                cells.push(origin_cell(ctx, cell, width, row.keep_with_next)?);
                c += cell.colspan.get();
            }
            Slot::Covered { row: or, col: oc } if or != r && oc == c => {
                // The slot below a rowspan: Word wants a cell here that continues the merge
                // and spans the same columns as the cell above.
                let origin = t
                    .origin(or, oc)
                    .ok_or("внутренняя ошибка: объединённая ячейка без начала")?;
                let span = origin.colspan.get();
                let width = span_width(widths, c, span);
                let size = first_size(origin, ctx.body_size);
                let mut p = empty(ctx, size);
                if row.keep_with_next {
                    p = p.keep_next(true);
                }
                cells.push(
                    sized_cell(width, span)
                        .vertical_merge(VMergeType::Continue)
                        .vertical_align(valign(origin.valign))
                        .add_paragraph(p),
                );
                c += span;
            }
            Slot::Covered { .. } => c += 1,
            Slot::Empty => {
                let p = empty(ctx, ctx.body_size);
                cells.push(sized_cell(widths[c], 1).add_paragraph(p));
                c += 1;
            }
        }
    }
    let mut out = TableRow::new(cells);
    if r < t.header_rows() {
        ctx.header_rows += 1;
        out = out.cant_split();
    }
    Ok(out)
}

fn origin_cell(ctx: &mut Ctx, cell: &Cell, width: usize, keep: bool) -> Result<TableCell, String> {
    let mut out = sized_cell(width, cell.colspan.get()).vertical_align(valign(cell.valign));
    if cell.rowspan.get() > 1 {
        out = out.vertical_merge(VMergeType::Restart);
    }
    // Text inside a cell is set between the paddings; a right tab stops at the far one.
    let text_width = width.saturating_sub(2 * twips_u(CELL_PADDING_X) as usize) as f32 / 20.0;
    let mut paragraphs: Vec<DocxParagraph> = Vec::new();
    for p in &cell.paragraphs {
        paragraphs.push(paragraph(ctx, p, text_width)?);
    }
    if paragraphs.is_empty() {
        paragraphs.push(empty(ctx, ctx.body_size));
    }
    for p in paragraphs {
        // A group row keeps with the next row when every paragraph in it keeps with next.
        out = out.add_paragraph(if keep { p.keep_next(true) } else { p });
    }
    Ok(out)
}

fn sized_cell(width: usize, colspan: usize) -> TableCell {
    let cell = TableCell::new().width(width, WidthType::Dxa);
    if colspan > 1 {
        cell.grid_span(colspan)
    } else {
        cell
    }
}

fn span_width(widths: &[usize], col: usize, span: usize) -> usize {
    widths[col..col + span].iter().sum()
}

fn first_size(cell: &Cell, fallback: f32) -> f32 {
    cell.paragraphs
        .first()
        .map_or(fallback, |p| p.style.font_size)
}

fn valign(v: VAlign) -> VAlignType {
    match v {
        VAlign::Top => VAlignType::Top,
        VAlign::Center => VAlignType::Center,
        VAlign::Bottom => VAlignType::Bottom,
    }
}

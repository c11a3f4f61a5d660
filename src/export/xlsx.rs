//! The tables of a document model as an XLSX workbook, one sheet a table: the cells are taken
//! from the same [`model::Table`]s the DOCX and PDF writers read, so the numbering (activity
//! numbers, «Результат 1, 2», indicator numbers) is the document's own. Spans are merged, group
//! and head rows are bold, the head rows repeat on printed pages, column widths follow the
//! document's, and the page is A4 in the orientation of the section the table stands in.

use crate::model::{self, Block, Document, Inline, Orientation, Paragraph, Slot, Table};
use rust_xlsxwriter::{
    DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError,
};

/// Why a workbook could not be made.
#[derive(Debug)]
pub enum Error {
    /// The document has no tables to export.
    NoTables,
    /// rust_xlsxwriter refused the workbook (a fault in prikaz, or a table past Excel's limits).
    Xlsx(XlsxError),
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::NoTables => write!(f, "в приложении нет таблиц: для --xlsx нечего выгружать"),
            Error::Xlsx(e) => write!(f, "XLSX: {e}"),
        }
    }
}

impl std::error::Error for Error {}

impl From<XlsxError> for Error {
    fn from(e: XlsxError) -> Self {
        Error::Xlsx(e)
    }
}

/// Every table of `doc` as a sheet «Таблица 1», «Таблица 2» … of one workbook.
pub fn workbook(doc: &Document) -> Result<Vec<u8>, Error> {
    let tables: Vec<(&Table, Orientation)> = doc
        .sections
        .iter()
        .flat_map(|s| s.blocks.iter().map(move |b| (b, s.page.orientation)))
        .filter_map(|(b, o)| match b {
            Block::Table(t) => Some((t, o)),
            _ => None,
        })
        .collect();
    if tables.is_empty() {
        return Err(Error::NoTables);
    }
    let mut book = fixed_workbook(&doc.meta)?;
    for (i, (table, orientation)) in tables.into_iter().enumerate() {
        let sheet = book.add_worksheet();
        sheet.set_name(format!("Таблица {}", i + 1))?;
        write_table(sheet, table, orientation)?;
    }
    Ok(book.save_to_buffer()?)
}

/// A workbook whose properties carry no time of the run: the same document gives the same
/// bytes.
pub(crate) fn fixed_workbook(meta: &model::Meta) -> Result<Workbook, XlsxError> {
    let mut book = Workbook::new();
    let properties = DocProperties::new()
        .set_title(&meta.title)
        .set_author(&meta.author)
        .set_creation_datetime(&ExcelDateTime::from_ymd(2000, 1, 1)?);
    book.set_properties(&properties);
    Ok(book)
}

/// Writes `table` onto `sheet` from its first row.
fn write_table(
    sheet: &mut Worksheet,
    table: &Table,
    orientation: Orientation,
) -> Result<(), Error> {
    set_page(sheet, orientation, table.header_rows())?;
    for (c, width) in table.columns().iter().enumerate() {
        sheet.set_column_width_pixels(col(c), points_to_pixels(*width))?;
    }
    let grid = table.grid();
    for r in 0..grid.rows() {
        let row = table.row(r);
        let strong = r < table.header_rows() || row.keep_with_next;
        for (c, slot) in grid.row(r).iter().enumerate() {
            let Slot::Origin { index } = *slot else {
                continue;
            };
            let cell = &row.cells[index];
            let format = cell_format(cell, strong);
            let text = cell_text(&cell.paragraphs);
            let (rows, cols) = (cell.rowspan.get(), cell.colspan.get());
            if rows > 1 || cols > 1 {
                let (last_r, last_c) = (r + rows - 1, c + cols - 1);
                sheet.merge_range(
                    row_num(r),
                    col(c),
                    row_num(last_r),
                    col(last_c),
                    &text,
                    &format,
                )?;
            } else {
                sheet.write_string_with_format(row_num(r), col(c), &text, &format)?;
            }
        }
    }
    Ok(())
}

/// A4 in the section's orientation, one page wide, head rows repeated.
fn set_page(sheet: &mut Worksheet, orientation: Orientation, head: usize) -> Result<(), Error> {
    const A4: u8 = 9;
    sheet.set_paper_size(A4);
    if orientation == Orientation::Landscape {
        sheet.set_landscape();
    } else {
        sheet.set_portrait();
    }
    // The widths are the document's, which fit its text width; a printer's margins may differ.
    sheet.set_print_fit_to_pages(1, 0);
    if head > 0 {
        sheet.set_repeat_rows(0, row_num(head - 1))?;
    }
    Ok(())
}

/// The cell's look: bordered, wrapped, top-aligned as in the document; bold in head and group
/// rows and where the document sets the whole paragraph bold.
fn cell_format(cell: &model::Cell, strong: bool) -> Format {
    let first = cell.paragraphs.first().map(|p| &p.style);
    let mut format = Format::new()
        .set_text_wrap()
        .set_border(FormatBorder::Thin)
        .set_font_name("Times New Roman")
        .set_font_size(first.map_or(12.0, |s| s.font_size))
        .set_align(match cell.valign {
            model::VAlign::Top => FormatAlign::Top,
            model::VAlign::Center => FormatAlign::VerticalCenter,
            model::VAlign::Bottom => FormatAlign::Bottom,
        })
        .set_align(match first.map(|s| s.align) {
            Some(model::Align::Center) => FormatAlign::Center,
            Some(model::Align::Right) => FormatAlign::Right,
            _ => FormatAlign::Left,
        });
    if strong || first.is_some_and(|s| s.bold) {
        format = format.set_bold();
    }
    if first.is_some_and(|s| s.italic) {
        format = format.set_italic();
    }
    format
}

/// The plain text of a cell: paragraphs on lines of their own, footnote marks left out (a
/// spreadsheet has no foot of the page to put them at).
pub fn cell_text(paragraphs: &[Paragraph]) -> String {
    let lines: Vec<String> = paragraphs
        .iter()
        .map(|p| {
            p.inlines
                .iter()
                .map(|i| match i {
                    Inline::Text { text, .. } => text.as_str(),
                    Inline::LineBreak => "\n",
                    Inline::Tab => " ",
                    Inline::Footnote(_) | Inline::PageNumber => "",
                })
                .collect()
        })
        .collect();
    lines.join("\n")
}

/// Screen pixels (96 per inch) of a width in points (72 per inch), as Excel measures columns.
fn points_to_pixels(pt: f32) -> u32 {
    (pt * 96.0 / 72.0).round().max(1.0) as u32
}

/// A grid row as Excel's row number; the model's tables are far below Excel's million rows,
/// and a larger one is refused by rust_xlsxwriter with an error, not cut.
fn row_num(r: usize) -> u32 {
    u32::try_from(r).unwrap_or(u32::MAX)
}

/// A grid column as Excel's column number (see [`row_num`]).
fn col(c: usize) -> u16 {
    u16::try_from(c).unwrap_or(u16::MAX)
}

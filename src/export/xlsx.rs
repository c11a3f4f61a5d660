//! The tables of a document model as an XLSX workbook, one sheet a table: the cells are taken
//! from the same [`model::Table`]s the DOCX and PDF writers read, so the numbering (activity
//! numbers, «Результат 1, 2», indicator numbers) is the document's own. Spans are merged, group
//! and head rows are bold, the head rows repeat on printed pages, column widths follow the
//! document's, and the page is A4 in the orientation of the section the table stands in.

use crate::model::house::{CELL_PADDING_X, CELL_PADDING_Y};
use crate::model::{self, Block, Document, Inline, Orientation, Paragraph, Slot, Table};
use crate::pdf::frame::Face;
use crate::pdf::text::{SetOptions, TtfMetrics, Typesetter};
use rust_xlsxwriter::{
    DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError,
};

/// Height of a row with one line of 12 pt text, as spreadsheets make it.
const DEFAULT_ROW: f32 = 15.0;

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
    workbook_named(doc, |i| format!("Таблица {i}"))
}

/// [`workbook`] with the sheet of the `i`-th table (from 1) named `name(i)`.
pub fn workbook_named(doc: &Document, name: impl Fn(usize) -> String) -> Result<Vec<u8>, Error> {
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
        sheet.set_name(name(i + 1))?;
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
    for (r, height) in row_heights(table).into_iter().enumerate() {
        sheet.set_row_height(row_num(r), height)?;
    }
    for r in 0..grid.rows() {
        let row = table.row(r);
        let strong = strong_row(table, r);
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

/// Head rows and group or sub-header rows (those kept with the next) are bold.
fn strong_row(table: &Table, r: usize) -> bool {
    r < table.header_rows() || table.row(r).keep_with_next
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
                    // Tracked changes are only in `prikaz diff`'s documents, never exported.
                    Inline::Footnote(_)
                    | Inline::PageNumber
                    | Inline::Revised(_)
                    | Inline::RevisedEnd(_) => "",
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

/// Row heights in points, as prikaz's PDF sets the cells: a spreadsheet does not grow rows to
/// wrapped text by itself (LibreOffice and Excel both keep the 15 pt default of a row written
/// without a height), so each row is given the height of its tallest cell. A cell spanning
/// rows gets what it lacks added to its last row.
fn row_heights(table: &Table) -> Vec<f32> {
    let fonts = crate::pdf::fonts::FontSet::embedded();
    let faces = [Face::Regular, Face::Bold, Face::Italic, Face::BoldItalic];
    let Ok(metrics) = TtfMetrics::from_bytes(faces.map(|f| fonts.bytes(f))) else {
        return vec![DEFAULT_ROW; table.row_count()];
    };
    let mut setter = Typesetter::new(&metrics);
    let grid = table.grid();
    let mut heights = vec![DEFAULT_ROW; grid.rows()];
    let mut spanning = Vec::new();
    for (r, height) in heights.iter_mut().enumerate() {
        for (c, slot) in grid.row(r).iter().enumerate() {
            let Slot::Origin { index } = *slot else {
                continue;
            };
            let cell = &table.row(r).cells[index];
            let width: f32 = table.columns()[c..c + cell.colspan.get()].iter().sum();
            let width = width - 2.0 * CELL_PADDING_X;
            let need = cell_height(&mut setter, cell, width, strong_row(table, r));
            match cell.rowspan.get() {
                1 => *height = height.max(need),
                rows => spanning.push((r, rows, need)),
            }
        }
    }
    for (r, rows, need) in spanning {
        let last = (r + rows).min(heights.len()) - 1;
        let have: f32 = heights[r..=last].iter().sum();
        if need > have {
            heights[last] += need - have;
        }
    }
    heights
}

/// The height of a cell's paragraphs set `width` wide (in bold where the sheet sets them
/// bold), with a little air.
fn cell_height(setter: &mut Typesetter, cell: &model::Cell, width: f32, strong: bool) -> f32 {
    let lines: f32 = cell
        .paragraphs
        .iter()
        .map(|p| {
            let mut p = p.clone();
            p.style.bold |= strong;
            let set = setter.set(&p, width.max(1.0), SetOptions::default(), &mut |_| 0);
            let space = p.style.space_before + p.style.space_after;
            set.iter().map(|l| l.height).sum::<f32>() + space
        })
        .sum();
    lines + 2.0 * CELL_PADDING_Y + 3.0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Cell, ParaStyle, Row, RunStyle, Section};
    use std::io::Read;
    use std::num::NonZeroUsize;

    fn cell(text: &str, colspan: usize) -> Cell {
        let inline = Inline::Text {
            text: text.into(),
            style: RunStyle::default(),
        };
        Cell {
            colspan: NonZeroUsize::new(colspan).unwrap(),
            ..Cell::new(vec![Paragraph::new(ParaStyle::plain(12.0), vec![inline])])
        }
    }

    fn row(cells: Vec<Cell>, keep: bool) -> Row {
        Row {
            keep_with_next: keep,
            cells,
        }
    }

    fn table() -> Table {
        let head = vec![row(vec![cell("№", 1), cell("Мероприятие", 1)], false)];
        let body = vec![
            row(vec![cell("2023", 2)], true),
            row(
                vec![cell("1.", 1), cell(&"очень длинный текст ".repeat(20), 1)],
                false,
            ),
        ];
        Table::new(vec![model::mm(10.0), model::mm(60.0)], head, body).unwrap()
    }

    fn part(book: &[u8], name: &str) -> String {
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(book)).unwrap();
        let mut text = String::new();
        zip.by_name(name)
            .unwrap()
            .read_to_string(&mut text)
            .unwrap();
        text
    }

    fn document(blocks: Vec<Block>) -> Document {
        Document {
            meta: model::Meta::default(),
            sections: vec![Section {
                page: model::PageSetup::a4(Orientation::Landscape, [20.0, 10.0, 20.0, 30.0], 12.5),
                page_numbers: true,
                blocks,
            }],
        }
    }

    #[test]
    fn long_text_makes_a_tall_row() {
        let heights = row_heights(&table());
        assert_eq!(heights.len(), 3);
        assert!(heights[1] < 20.0, "{heights:?}");
        assert!(heights[2] > 4.0 * heights[1], "{heights:?}");
    }

    #[test]
    fn groups_merge_across_heads_repeat_and_the_page_is_the_sections() {
        let book = workbook(&document(vec![Block::Table(table())])).unwrap();
        let sheet = part(&book, "xl/worksheets/sheet1.xml");
        assert!(sheet.contains(r#"<mergeCell ref="A2:B2"/>"#), "{sheet}");
        assert!(sheet.contains(r#"orientation="landscape""#), "{sheet}");
        assert!(sheet.contains(r#"paperSize="9""#), "{sheet}");
        let book_xml = part(&book, "xl/workbook.xml");
        assert!(book_xml.contains("_xlnm.Print_Titles"), "{book_xml}");
        assert!(book_xml.contains("$1:$1"), "{book_xml}");
        assert!(part(&book, "xl/styles.xml").contains("<b/>"));
    }

    #[test]
    fn no_tables_is_an_error() {
        assert!(matches!(workbook(&document(vec![])), Err(Error::NoTables)));
    }
}

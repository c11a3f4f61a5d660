//! The journal's listings for people and other programs: CSV, an XLSX workbook, and a document
//! model of the journal (журнал регистрации приказов) that prikaz's own writers lay out as
//! DOCX and PDF — a landscape A4 table whose head row repeats on every page.
//!
//! Every listing has the same columns in the same order: №, дата, вид, заголовок, подписант,
//! исполнитель, статус.

use super::Entry;
use crate::model::{
    self, Align, Block, Cell, Document, Inline, Orientation, PageSetup, ParaStyle, Paragraph, Row,
    Section, Table,
};

/// The column names of every listing.
pub const COLUMNS: [&str; 7] = [
    "№",
    "Дата",
    "Вид",
    "Заголовок",
    "Подписант",
    "Исполнитель",
    "Статус",
];

/// Column widths of the printed journal, mm: they add up to the text width of a landscape A4
/// page with 20 mm margins left and 10 mm right, and «зарегистрирован» fits its column
/// unbroken at 12 pt.
const WIDTHS_MM: [f32; 7] = [15.0, 25.0, 25.0, 92.0, 35.0, 35.0, 40.0];

/// The cells of one entry, in [`COLUMNS`] order.
pub fn fields(e: &Entry) -> [String; 7] {
    [
        e.number.clone(),
        e.date.format("%d.%m.%Y").to_string(),
        e.kind.clone(),
        e.title.clone(),
        e.signatory.clone(),
        e.executor.clone(),
        super::text::status(e),
    ]
}

/// The journal as CSV for Excel and for programs: UTF-8 with a byte-order mark (without it
/// Excel reads the file as Windows-1251 and garbles the Cyrillic), fields separated by `;`
/// (the list separator of Excel in the Russian locale, so a double click opens the columns
/// apart), lines ended by CRLF, and fields quoted as RFC 4180 says: in double quotes, doubled
/// inside, whenever a field holds `;`, `"`, or a line break.
pub fn csv(entries: &[Entry]) -> String {
    let mut out = String::from("\u{feff}");
    let header = COLUMNS.map(String::from);
    for record in std::iter::once(header).chain(entries.iter().map(fields)) {
        let quoted: Vec<String> = record.iter().map(|f| csv_field(f)).collect();
        out.push_str(&quoted.join(";"));
        out.push_str("\r\n");
    }
    out
}

/// One CSV field, quoted where it must be.
fn csv_field(field: &str) -> String {
    if field.contains([';', '"', '\r', '\n']) {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field.to_string()
    }
}

/// The journal as an XLSX workbook of one sheet «Журнал»: head row bold and repeated on printed pages,
/// landscape A4, text wrapped in the document's column widths. The same entries give the same
/// bytes.
pub fn xlsx(entries: &[Entry]) -> Result<Vec<u8>, crate::export::xlsx::Error> {
    let doc = document(entries, "Журнал регистрации приказов");
    crate::export::xlsx::workbook_named(&doc, |_| "Журнал".into())
}

/// The journal as a document for prikaz's writers: the heading `title` and a table of the
/// entries on landscape A4 pages, numbered from the second.
pub fn document(entries: &[Entry], title: &str) -> Document {
    let heading = Paragraph::new(
        ParaStyle {
            align: Align::Center,
            bold: true,
            space_after: 12.0,
            keep_with_next: true,
            hyphenate: false,
            ..ParaStyle::plain(14.0)
        },
        vec![text(title)],
    );
    let head = vec![row(&COLUMNS.map(String::from), true)];
    let body = entries.iter().map(|e| row(&fields(e), false)).collect();
    let columns = WIDTHS_MM.iter().map(|w| model::mm(*w)).collect();
    let blocks = match Table::new(columns, head, body) {
        Ok(table) => vec![Block::Paragraph(heading), Block::Table(table)],
        // Every row has one plain cell a column, so the grid always fits.
        Err(_) => vec![Block::Paragraph(heading)],
    };
    Document {
        meta: model::Meta {
            title: title.to_string(),
            ..model::Meta::default()
        },
        sections: vec![Section {
            page: PageSetup::a4(Orientation::Landscape, [20.0, 10.0, 20.0, 20.0], 12.5),
            page_numbers: true,
            blocks,
        }],
    }
}

/// A table row of plain 12 pt cells; a head row is centred (bold comes with head rows in the
/// XLSX, and the printed head is centred as the orders' tables are).
fn row(cells: &[String], head: bool) -> Row {
    let style = ParaStyle {
        align: if head { Align::Center } else { Align::Left },
        ..ParaStyle::plain(12.0)
    };
    Row {
        keep_with_next: false,
        cells: cells
            .iter()
            .map(|c| Cell::new(vec![Paragraph::new(style.clone(), vec![text(c)])]))
            .collect(),
    }
}

fn text(s: &str) -> Inline {
    Inline::Text {
        text: s.to_string(),
        style: model::RunStyle::default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::journal::{Event, Status};
    use chrono::NaiveDate;

    fn entry(seq: u32, title: &str, status: Status) -> Entry {
        Entry {
            series: "main".into(),
            year: 2026,
            seq,
            number: format!("{seq}-к"),
            date: NaiveDate::from_ymd_opt(2026, 3, seq).unwrap(),
            kind: "приказ".into(),
            title: title.into(),
            signatory: "А.Г. Обоскалов".into(),
            executor: "Маковецкая Ю.Г.".into(),
            file: format!("order-{seq}.toml"),
            status,
            history: vec![Event {
                at: "2026-03-01 10:00:00".into(),
                status: Status::Registered,
                note: None,
            }],
            amends: None,
            amended_by: Vec::new(),
        }
    }

    fn entries() -> Vec<Entry> {
        vec![
            entry(1, "О приёме", Status::Registered),
            entry(2, "О «Дне науки»; план \"А\"", Status::Signed),
            entry(3, "Об отмене\nприказа", Status::Cancelled),
        ]
    }

    #[test]
    fn csv_has_a_bom_a_head_and_quotes_what_it_must() {
        let csv = csv(&entries());
        assert!(csv.starts_with("\u{feff}№;Дата;Вид;Заголовок;Подписант;Исполнитель;Статус\r\n"));
        assert!(csv.contains(
            "1-к;01.03.2026;приказ;О приёме;А.Г. Обоскалов;Маковецкая Ю.Г.;зарегистрирован\r\n"
        ));
        assert!(csv.contains(";\"О «Дне науки»; план \"\"А\"\"\";"));
        assert!(csv.contains(";\"Об отмене\nприказа\";"));
        assert!(csv.contains(";отменён\r\n"));
        assert_eq!(csv.matches("\r\n").count(), 4);
    }

    #[test]
    fn an_empty_journal_is_its_head_row() {
        assert_eq!(
            csv(&[]),
            "\u{feff}№;Дата;Вид;Заголовок;Подписант;Исполнитель;Статус\r\n"
        );
        let doc = document(&[], "Журнал");
        assert!(matches!(doc.sections[0].blocks[1], Block::Table(_)));
    }

    #[test]
    fn the_document_is_a_landscape_table_with_a_repeated_head() {
        let doc = document(&entries(), "Журнал регистрации приказов за 2026 год");
        let section = &doc.sections[0];
        assert_eq!(section.page.orientation, Orientation::Landscape);
        let Block::Table(t) = &section.blocks[1] else {
            panic!("no table");
        };
        assert_eq!(t.header_rows(), 1);
        assert_eq!(t.row_count(), 4);
        let width: f32 = t.columns().iter().sum();
        assert!(width <= section.page.text_width() + 0.5);
        let cell = t.origin(2, 6).unwrap();
        assert_eq!(crate::export::xlsx::cell_text(&cell.paragraphs), "подписан");
    }

    #[test]
    fn the_xlsx_is_a_zip_and_the_same_each_time() {
        let a = xlsx(&entries()).unwrap();
        let b = xlsx(&entries()).unwrap();
        assert!(a.starts_with(b"PK"));
        assert_eq!(a, b);
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&a)).unwrap();
        let mut strings = String::new();
        std::io::Read::read_to_string(
            &mut zip.by_name("xl/sharedStrings.xml").unwrap(),
            &mut strings,
        )
        .unwrap();
        assert!(strings.contains("О «Дне науки»; план \"А\""), "{strings}");
        assert!(strings.contains("Исполнитель"), "{strings}");
    }

    #[test]
    fn the_writers_lay_the_journal_out() {
        let doc = document(&entries(), "Журнал регистрации приказов");
        let formats = crate::Formats {
            docx: true,
            pdf: true,
        };
        let made = crate::render(&doc, formats).unwrap();
        assert!(made.pdf.unwrap().starts_with(b"%PDF"));
        assert!(made.docx.unwrap().starts_with(b"PK"));
    }
}

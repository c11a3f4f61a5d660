//! The document model: one small, closed description of a document that the markup parser
//! produces and both writers (DOCX and PDF) consume. No I/O; of the crates only sha2, for the
//! key of a typeface's files.
//!
//! All lengths are in typographic points (1 pt = 1/72 inch; 1 mm = 2.8346 pt).

mod figure;
mod font;
mod grid;
pub mod house;
mod qr;
pub mod revision;
mod table;

pub use figure::{jpeg_frame, Figure, Image, ImageError, ImageFormat, Images, JpegFrame};
pub use font::{FaceFile, FontFiles};
pub use grid::{Grid, Slot, SpanError};
pub use qr::{Corner, Qr, Run, QUIET_ZONE};
pub use table::{Cell, Row, Rules, Table, TableError, VAlign};

/// Points per millimetre.
pub const PT_PER_MM: f32 = 72.0 / 25.4;

/// Converts millimetres to points.
pub fn mm(v: f32) -> f32 {
    v * PT_PER_MM
}

/// A whole document: metadata and page sections in reading order.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    /// Title, author, language.
    pub meta: Meta,
    /// Sections; each starts on a new page and carries its own page setup.
    pub sections: Vec<Section>,
}

/// Document properties written into the DOCX core properties and the PDF info.
#[derive(Debug, Clone, PartialEq)]
pub struct Meta {
    /// Document title (the order's title).
    pub title: String,
    /// Author (the organisation or the signatory).
    pub author: String,
    /// BCP 47 language tag, e.g. `ru-RU`.
    pub language: String,
    /// Font family the text is set in (e.g. `Times New Roman`).
    pub font_family: String,
    /// Default body font size in points.
    pub font_size: f32,
    /// Font size of footnote text in points.
    pub footnote_size: f32,
    /// The files of `font_family` when the organisation gives its own typeface; `None`: the
    /// PDF is set in the bundled Liberation Serif (metric-compatible with Times New Roman).
    pub font_files: Option<std::sync::Arc<FontFiles>>,
}

impl Default for Meta {
    /// No title or author; Russian, Times New Roman 14 pt with 10 pt footnotes, as
    /// formatting.md sets an order. For documents made in code; the markup always takes these
    /// from the template's `<document>`.
    fn default() -> Self {
        Meta {
            title: String::new(),
            author: String::new(),
            language: "ru-RU".into(),
            font_family: "Times New Roman".into(),
            font_size: 14.0,
            footnote_size: 10.0,
            font_files: None,
        }
    }
}

/// Page orientation of a section.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Orientation {
    /// Taller than wide.
    Portrait,
    /// Wider than tall.
    Landscape,
}

/// Page size and margins of a section, in points.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PageSetup {
    /// Page width (already swapped for landscape).
    pub width: f32,
    /// Page height (already swapped for landscape).
    pub height: f32,
    /// Orientation, for writers that record it separately from the size.
    pub orientation: Orientation,
    /// Top margin.
    pub margin_top: f32,
    /// Right margin.
    pub margin_right: f32,
    /// Bottom margin.
    pub margin_bottom: f32,
    /// Left margin.
    pub margin_left: f32,
    /// Distance from the top edge of the page to the page-number line.
    pub header_distance: f32,
}

impl PageSetup {
    /// An A4 page (210 × 297 mm) in `orientation`, with margins `[top, right, bottom, left]`
    /// and the page-number line `header` from the top edge, all in millimetres.
    pub fn a4(orientation: Orientation, margins: [f32; 4], header: f32) -> PageSetup {
        let (width, height) = match orientation {
            Orientation::Portrait => (mm(210.0), mm(297.0)),
            Orientation::Landscape => (mm(297.0), mm(210.0)),
        };
        let [top, right, bottom, left] = margins;
        PageSetup {
            width,
            height,
            orientation,
            margin_top: mm(top),
            margin_right: mm(right),
            margin_bottom: mm(bottom),
            margin_left: mm(left),
            header_distance: mm(header),
        }
    }

    /// Width available for text between the left and right margins.
    pub fn text_width(&self) -> f32 {
        self.width - self.margin_left - self.margin_right
    }

    /// Height available for text between the top and bottom margins.
    pub fn text_height(&self) -> f32 {
        self.height - self.margin_top - self.margin_bottom
    }
}

/// A run of pages with one page setup. Page numbers run on through all sections.
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    /// Size, orientation and margins.
    pub page: PageSetup,
    /// Whether pages of this section show a page number in the top margin. The very first page
    /// of the document never does.
    pub page_numbers: bool,
    /// Content in reading order.
    pub blocks: Vec<Block>,
}

/// A block-level element.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// A paragraph of text.
    Paragraph(Paragraph),
    /// A bordered table.
    Table(Table),
    /// A picture with its caption, kept on one page.
    Figure(Figure),
    /// Forces the next block onto a new page.
    PageBreak,
    /// The document's QR code, in a corner of the page it starts (the first one): it takes
    /// no place in the flow, the text of that page stays clear of it.
    Qr(Qr),
}

impl Block {
    /// The block's paragraphs in reading order: its own, its table cells', its figure's
    /// caption (footnotes stand inside them).
    pub fn paragraphs(&self) -> Box<dyn Iterator<Item = &Paragraph> + '_> {
        match self {
            Block::Paragraph(p) => Box::new(std::iter::once(p)),
            Block::Table(t) => {
                Box::new(t.rows().flat_map(|r| &r.cells).flat_map(|c| &c.paragraphs))
            }
            Block::Figure(f) => Box::new(f.caption().into_iter()),
            Block::Qr(_) | Block::PageBreak => Box::new(std::iter::empty()),
        }
    }
}

/// Horizontal alignment of a paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    /// Ragged right.
    Left,
    /// Centred.
    Center,
    /// Ragged left.
    Right,
    /// Both edges flush; the last line is left-aligned.
    Justify,
}

/// Paragraph formatting.
#[derive(Debug, Clone, PartialEq)]
pub struct ParaStyle {
    /// Horizontal alignment.
    pub align: Align,
    /// Font size in points.
    pub font_size: f32,
    /// Whole paragraph bold.
    pub bold: bool,
    /// Whole paragraph italic.
    pub italic: bool,
    /// Indent of the first line relative to `indent_left`; negative for a hanging indent.
    pub first_line_indent: f32,
    /// Left indent of all lines.
    pub indent_left: f32,
    /// Right indent of all lines.
    pub indent_right: f32,
    /// Extra space above the paragraph.
    pub space_before: f32,
    /// Extra space below the paragraph.
    pub space_after: f32,
    /// Line spacing as a multiple of single spacing (1.0 = single).
    pub line_spacing: f32,
    /// Keep this paragraph on the same page as the next block.
    pub keep_with_next: bool,
    /// A tab in this paragraph jumps to a right-aligned stop at the right edge of the text
    /// (used for «date … № number» and the signature line).
    pub right_tab: bool,
    /// Words may be hyphenated at line ends (off for titles and headings).
    pub hyphenate: bool,
    /// Set at the foot of the page it falls on, under the text (the executor mark);
    /// consecutive such paragraphs make one block, and the page ends with it.
    pub at_page_foot: bool,
}

impl ParaStyle {
    /// Plain left-aligned text of the given size, no indents or spacing.
    pub fn plain(font_size: f32) -> Self {
        ParaStyle {
            align: Align::Left,
            font_size,
            bold: false,
            italic: false,
            first_line_indent: 0.0,
            indent_left: 0.0,
            indent_right: 0.0,
            space_before: 0.0,
            space_after: 0.0,
            line_spacing: 1.0,
            keep_with_next: false,
            right_tab: false,
            hyphenate: true,
            at_page_foot: false,
        }
    }
}

/// A paragraph: formatting and inline content.
#[derive(Debug, Clone, PartialEq)]
pub struct Paragraph {
    /// The name of the style the formatting came from (the markup's `class`), if any; the
    /// formatting itself is already resolved into `style`.
    pub style_name: Option<String>,
    /// Formatting.
    pub style: ParaStyle,
    /// Content.
    pub inlines: Vec<Inline>,
}

impl Paragraph {
    /// A paragraph of `inlines` formatted as `style`, with no style name.
    pub fn new(style: ParaStyle, inlines: Vec<Inline>) -> Paragraph {
        Paragraph {
            style_name: None,
            style,
            inlines,
        }
    }
}

/// Character formatting of a text run (on top of the paragraph's).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct RunStyle {
    /// Bold.
    pub bold: bool,
    /// Italic.
    pub italic: bool,
    /// Letter-spaced (as in «П Р И К А З»); writers widen the spacing between letters.
    pub spaced: bool,
}

/// Inline content of a paragraph.
#[derive(Debug, Clone, PartialEq)]
pub enum Inline {
    /// Text with formatting. May contain U+00A0 no-break spaces.
    Text {
        /// The characters.
        text: String,
        /// Formatting on top of the paragraph's.
        style: RunStyle,
    },
    /// A footnote: the writer places a superscript number here (numbered through the
    /// document in reading order) and the paragraphs at the foot of the page.
    Footnote(Footnote),
    /// A line break inside the paragraph.
    LineBreak,
    /// A tab to the paragraph's right tab stop.
    Tab,
    /// The current page number.
    PageNumber,
    /// Content a tracked change inserted or deleted (only in `prikaz diff`'s documents).
    Revised(revision::Revised),
    /// The last inline of a paragraph whose end a tracked change inserted or deleted (only
    /// in `prikaz diff`'s documents).
    RevisedEnd(revision::Revision),
}

/// The content of one footnote. Made only through [`Footnote::new`], so a footnote has text
/// and never holds another footnote.
#[derive(Debug, Clone, PartialEq)]
pub struct Footnote {
    paragraphs: Vec<Paragraph>,
}

/// Why a footnote could not be made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FootnoteError {
    /// No paragraphs were given.
    Empty,
    /// A paragraph holds a footnote of its own.
    Nested,
}

impl Footnote {
    /// A footnote of `paragraphs`: at least one, none of which may hold a footnote.
    pub fn new(paragraphs: Vec<Paragraph>) -> Result<Footnote, FootnoteError> {
        let nested = paragraphs.iter().flat_map(|p| &p.inlines).any(|i| match i {
            Inline::Footnote(_) => true,
            Inline::Revised(r) => r.inlines.iter().any(|i| matches!(i, Inline::Footnote(_))),
            _ => false,
        });
        match (paragraphs.is_empty(), nested) {
            (true, _) => Err(FootnoteError::Empty),
            (_, true) => Err(FootnoteError::Nested),
            _ => Ok(Footnote { paragraphs }),
        }
    }

    /// Footnote text, usually one paragraph.
    pub fn paragraphs(&self) -> &[Paragraph] {
        &self.paragraphs
    }
}

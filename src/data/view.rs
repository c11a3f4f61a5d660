//! The typed data turned into what the templates see: numbers assigned (points, sections,
//! list items, activities), dates formatted, inline text parsed into [`Inline`] — runs of
//! text with their emphasis, and footnotes — that the templates' `inline` filter turns into
//! markup.

use serde::Serialize;

/// Inline text: runs of text and footnotes, in reading order. Serialized as a list of
/// pieces, `{ text, b, i }` or `{ note, b, i }` (`b` and `i` left out when false), or, when
/// it is one run of plain text (most text is), as that string: the template's `inline`
/// filter takes both, and a string is far cheaper to hand over.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Inline(pub Vec<Piece>);

impl Serialize for Inline {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.0.as_slice() {
            [Piece::Text {
                text,
                b: false,
                i: false,
            }] => s.serialize_str(text),
            pieces => pieces.serialize(s),
        }
    }
}

/// A piece of inline text.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Piece {
    /// A run of text (typography applied, not escaped).
    Text {
        /// The text.
        text: String,
        /// Bold.
        #[serde(skip_serializing_if = "is_false")]
        b: bool,
        /// Italic.
        #[serde(skip_serializing_if = "is_false")]
        i: bool,
    },
    /// A footnote: its mark stands here, its text goes to the foot of the page.
    Note {
        /// The footnote's text.
        note: Inline,
        /// The mark stands in bold text.
        #[serde(skip_serializing_if = "is_false")]
        b: bool,
        /// The mark stands in italic text.
        #[serde(skip_serializing_if = "is_false")]
        i: bool,
    },
}

fn is_false(v: &bool) -> bool {
    !v
}

impl Inline {
    /// Text without emphasis.
    pub fn plain(text: impl Into<String>) -> Inline {
        let text = text.into();
        if text.is_empty() {
            return Inline::default();
        }
        Inline(vec![Piece::Text {
            text,
            b: false,
            i: false,
        }])
    }

    /// The text without emphasis and without footnotes: for document properties.
    pub fn plain_text(&self) -> String {
        self.0
            .iter()
            .filter_map(|p| match p {
                Piece::Text { text, .. } => Some(text.as_str()),
                Piece::Note { .. } => None,
            })
            .collect()
    }

    /// `self` followed by `other`.
    pub fn append(mut self, other: Inline) -> Inline {
        self.0.extend(other.0);
        self
    }
}

/// Everything a template can use.
#[derive(Debug, Clone, Serialize)]
pub struct View {
    /// Title and author for the document properties.
    pub meta: MetaView,
    /// Page margins from the data (absent values keep the template's defaults).
    pub page: super::raw::PageData,
    /// The organisation, when the document names one.
    pub org: Option<OrgView>,
    /// The order, when the document is one.
    pub order: Option<OrderView>,
    /// Appendices, or the body of a standalone document.
    pub parts: Vec<PartView>,
    /// The edition of ГОСТ Р 7.0.97 the document follows and its settings.
    pub profile: &'static super::profile::Profile,
    /// The body typeface and size.
    pub font: FontView,
    /// The left indent of the corner requisites (the appendix and approval marks) from the
    /// left margin, mm: the text width less the profile's corner width.
    #[serde(serialize_with = "whole_mm")]
    pub corner_indent_mm: f32,
    /// The QR code of the order's first page (requisite 31), when it is printed; the
    /// writers place it, the templates never see it.
    #[serde(skip)]
    pub qr: Option<crate::model::Qr>,
}

/// A length in mm as the templates print it: «95», not «95.0», when it is whole.
fn whole_mm<S: serde::Serializer>(mm: &f32, s: S) -> Result<S::Ok, S::Error> {
    if mm.fract() == 0.0 && mm.abs() < 1e6 {
        s.serialize_i64(*mm as i64)
    } else {
        s.serialize_f32(*mm)
    }
}

/// The typeface the document is set in.
#[derive(Debug, Clone, Serialize)]
pub struct FontView {
    /// The family name the DOCX gives (`Times New Roman`, `PT Serif`).
    pub family: String,
    /// The body size, pt.
    pub size: u32,
}

/// Document properties.
#[derive(Debug, Clone, Serialize)]
pub struct MetaView {
    /// Title (plain text).
    pub title: String,
    /// Author (plain text).
    pub author: String,
}

/// The organisation.
#[derive(Debug, Clone, Serialize)]
pub struct OrgView {
    /// Caption above the header block.
    pub logo_text: Option<Inline>,
    /// Parent body lines.
    pub parent: Vec<Inline>,
    /// Full name lines.
    pub name: Vec<Inline>,
    /// Short name.
    pub short_name: Option<Inline>,
    /// Contact lines.
    pub contacts: Vec<Inline>,
    /// Place of compilation.
    pub place: Option<Inline>,
    /// Name used in appendix marks.
    pub in_marks: Inline,
    /// The document kind is printed letter-spaced.
    pub spaced_kind: bool,
}

/// The order.
#[derive(Debug, Clone, Serialize)]
pub struct OrderView {
    /// «приказ» or «распоряжение».
    pub kind: String,
    /// «27.06.2023», absent in a draft.
    pub date: Option<String>,
    /// «27 июня 2023 г.», absent in a draft.
    pub date_long: Option<String>,
    /// Registration number, absent in a draft.
    pub number: Option<Inline>,
    /// Whether this is a draft.
    pub draft: bool,
    /// Place of compilation.
    pub place: Option<Inline>,
    /// Title, its lines joined with spaces (for the approval sheet and the properties).
    pub title: Inline,
    /// Title lines as the clerk broke them with `\n` (one line when not broken).
    pub title_lines: Vec<Inline>,
    /// Paragraphs before the directive word.
    pub preamble: Vec<Inline>,
    /// The directive word, if the data sets one.
    pub directive: Option<Inline>,
    /// Points in order, control point last, with their numbers.
    pub points: Vec<PointView>,
    /// Signature block.
    pub signatory: Option<SignatoryView>,
    /// Executor mark of a single executor: «Маковецкая Ю.Г., 8 (351) 263-43-71».
    pub executor: Option<Inline>,
    /// Every executor, each with a phone: two or more are printed each on their own lines.
    pub executors: Vec<ExecutorView>,
    /// Distribution label.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub distribution_label: Option<String>,
    /// Distribution list, joined with commas.
    pub distribution: Option<Inline>,
    /// Approval sheet lines: position and name.
    pub approvers: Vec<ApproverView>,
}

/// A person of the executor mark.
#[derive(Debug, Clone, Serialize)]
pub struct ExecutorView {
    /// Surname and initials.
    pub name: Inline,
    /// Phone.
    pub phone: Option<Inline>,
}

/// A line of the approval sheet.
#[derive(Debug, Clone, Serialize)]
pub struct ApproverView {
    /// Position.
    pub position: Inline,
    /// Initials and surname.
    pub name: Inline,
}

/// A numbered point of the order.
#[derive(Debug, Clone, Serialize)]
pub struct PointView {
    /// «1.» or «2.1».
    pub number: String,
    /// 1 for a point, 2 for a sub-point.
    pub level: usize,
    /// Text.
    pub text: Inline,
}

/// The signature block.
#[derive(Debug, Clone, Serialize)]
pub struct SignatoryView {
    /// Position lines.
    pub position: Vec<Inline>,
    /// Initials and surname.
    pub name: Inline,
}

/// An appendix or a standalone document's body.
#[derive(Debug, Clone, Serialize)]
pub struct PartView {
    /// "approval", "appendix" or "none".
    pub mark: String,
    /// Number in «Приложение N»; absent when there is only one appendix.
    pub number: Option<usize>,
    /// The approval word.
    pub approved: String,
    /// Lines of the mark, filled from the organisation's forms; empty without a mark or an
    /// order.
    pub mark_lines: Vec<Inline>,
    /// Title.
    pub title: Option<Inline>,
    /// Subtitle.
    pub subtitle: Option<Inline>,
    /// Runs of blocks, each starting a new page section with its orientation.
    pub sections: Vec<SegmentView>,
}

/// Blocks that share a page orientation.
#[derive(Debug, Clone, Serialize)]
pub struct SegmentView {
    /// "portrait" or "landscape".
    pub orientation: String,
    /// Blocks.
    pub blocks: Vec<BlockView>,
}

/// A block, tagged by `kind` for the templates.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum BlockView {
    /// A numbered section heading.
    Section {
        /// «1.»
        number: String,
        /// Heading text.
        text: Inline,
    },
    /// An unnumbered heading.
    Heading {
        /// The text.
        text: Inline,
    },
    /// A centred paragraph.
    Center {
        /// The text.
        text: Inline,
    },
    /// A body paragraph.
    Text {
        /// The text.
        text: Inline,
    },
    /// A paragraph without first-line indent.
    Plain {
        /// The text.
        text: Inline,
    },
    /// A numbered clause of a regulation.
    Clause {
        /// «1.1.»
        number: String,
        /// The text.
        text: Inline,
    },
    /// A bulleted list.
    List {
        /// The bullet.
        bullet: String,
        /// Items.
        items: Vec<Inline>,
    },
    /// A numbered list.
    Numbered {
        /// Items.
        items: Vec<NumberedView>,
    },
    /// A page break.
    Pagebreak,
    /// A table.
    Table(TableView),
    /// A picture with its numbered caption.
    Figure(FigureView),
}

/// A picture: the image's id in the store handed to the markup parser, and its caption.
#[derive(Debug, Clone, Serialize)]
pub struct FigureView {
    /// The image's id («img1»).
    pub image: String,
    /// Width in mm, when the data sets one.
    pub width: Option<f64>,
    /// The numbered caption: «Рисунок 1 – …».
    pub caption: Inline,
    /// The caption's own text, before the figure is numbered.
    #[serde(skip)]
    pub text: Option<Inline>,
}

/// An item of a numbered list.
#[derive(Debug, Clone, Serialize)]
pub struct NumberedView {
    /// «1.»
    pub number: String,
    /// The text.
    pub text: Inline,
    /// Nested bullets.
    pub list: Vec<Inline>,
}

/// A table ready to print: header rows first.
#[derive(Debug, Clone, Serialize)]
pub struct TableView {
    /// «Таблица 1».
    pub caption: Option<String>,
    /// Where the caption stands: "left", "center" or "right".
    pub caption_align: String,
    /// Title above the table.
    pub title: Option<Inline>,
    /// Column widths in mm.
    pub widths: Vec<f32>,
    /// Rows.
    pub rows: Vec<RowView>,
}

/// A table row.
#[derive(Debug, Clone, Serialize)]
pub struct RowView {
    /// Repeated on every page.
    pub header: bool,
    /// Style of a group row ("bold", "italic", "plain"); absent for ordinary rows.
    pub group: Option<String>,
    /// A sub-header row: across the table, styled like the header, kept with the next row,
    /// not repeated on every page.
    pub subheader: bool,
    /// Cells that start in this row.
    pub cells: Vec<CellView>,
}

/// A table cell.
#[derive(Debug, Clone, Serialize)]
pub struct CellView {
    /// Paragraphs.
    pub paragraphs: Vec<Inline>,
    /// Columns covered.
    pub colspan: usize,
    /// Rows covered.
    pub rowspan: usize,
    /// "left", "center", "right".
    pub align: String,
    /// Result numbers, for a results column; the template words them.
    pub results: Option<Vec<i64>>,
    /// List items after the paragraphs, each with its marker («1.», «–»).
    pub items: Vec<CellItem>,
}

/// An item of a list inside a table cell.
#[derive(Debug, Clone, Serialize)]
pub struct CellItem {
    /// «1.» or «–».
    pub marker: String,
    /// The item's text.
    pub text: Inline,
}

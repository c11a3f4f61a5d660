//! The typed data turned into what the templates see: numbers assigned (points, sections,
//! list items, activities), dates formatted, inline text converted to markup.

use serde::Serialize;

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
}

/// Document properties.
#[derive(Debug, Clone, Serialize)]
pub struct MetaView {
    /// Title (plain text).
    pub title: String,
    /// Author (plain text).
    pub author: String,
}

/// The organisation; text fields are markup.
#[derive(Debug, Clone, Serialize)]
pub struct OrgView {
    /// Caption above the header block.
    pub logo_text: Option<String>,
    /// Parent body lines.
    pub parent: Vec<String>,
    /// Full name lines.
    pub name: Vec<String>,
    /// Short name.
    pub short_name: Option<String>,
    /// Contact lines.
    pub contacts: Vec<String>,
    /// Place of compilation.
    pub place: Option<String>,
    /// Name used in appendix marks.
    pub in_marks: String,
    /// The document kind is printed letter-spaced.
    pub spaced_kind: bool,
}

/// The order; text fields are markup.
#[derive(Debug, Clone, Serialize)]
pub struct OrderView {
    /// «приказ» or «распоряжение».
    pub kind: String,
    /// «27.06.2023», absent in a draft.
    pub date: Option<String>,
    /// «27 июня 2023 г.», absent in a draft.
    pub date_long: Option<String>,
    /// Registration number, absent in a draft.
    pub number: Option<String>,
    /// Whether this is a draft.
    pub draft: bool,
    /// Place of compilation.
    pub place: Option<String>,
    /// Title.
    pub title: String,
    /// Paragraphs before the directive word.
    pub preamble: Vec<String>,
    /// The directive word, if the data sets one.
    pub directive: Option<String>,
    /// Points in order, control point last, with their numbers.
    pub points: Vec<PointView>,
    /// Signature block.
    pub signatory: Option<SignatoryView>,
    /// Executor mark: «Маковецкая Ю.Г., 8 (351) 263-43-71».
    pub executor: Option<String>,
    /// Distribution label.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub distribution_label: Option<String>,
    /// Distribution list, joined with commas.
    pub distribution: Option<String>,
    /// Approval sheet lines: position and name (markup).
    pub approvers: Vec<ApproverView>,
}

/// A line of the approval sheet.
#[derive(Debug, Clone, Serialize)]
pub struct ApproverView {
    /// Position (markup).
    pub position: String,
    /// Initials and surname (markup).
    pub name: String,
}

/// A numbered point of the order.
#[derive(Debug, Clone, Serialize)]
pub struct PointView {
    /// «1.» or «2.1».
    pub number: String,
    /// 1 for a point, 2 for a sub-point.
    pub level: usize,
    /// Text (markup).
    pub text: String,
}

/// The signature block.
#[derive(Debug, Clone, Serialize)]
pub struct SignatoryView {
    /// Position lines (markup).
    pub position: Vec<String>,
    /// Initials and surname (markup).
    pub name: String,
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
    /// Title (markup).
    pub title: Option<String>,
    /// Subtitle (markup).
    pub subtitle: Option<String>,
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
        /// Heading text (markup).
        text: String,
    },
    /// An unnumbered heading.
    Heading {
        /// Markup.
        text: String,
    },
    /// A centred paragraph.
    Center {
        /// Markup.
        text: String,
    },
    /// A body paragraph.
    Text {
        /// Markup.
        text: String,
    },
    /// A paragraph without first-line indent.
    Plain {
        /// Markup.
        text: String,
    },
    /// A bulleted list.
    List {
        /// The bullet.
        bullet: String,
        /// Items (markup).
        items: Vec<String>,
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
}

/// An item of a numbered list.
#[derive(Debug, Clone, Serialize)]
pub struct NumberedView {
    /// «1.»
    pub number: String,
    /// Markup.
    pub text: String,
    /// Nested bullets (markup).
    pub list: Vec<String>,
}

/// A table ready to print: header rows first.
#[derive(Debug, Clone, Serialize)]
pub struct TableView {
    /// «Таблица 1».
    pub caption: Option<String>,
    /// Title above the table (markup).
    pub title: Option<String>,
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
    /// Cells that start in this row.
    pub cells: Vec<CellView>,
}

/// A table cell.
#[derive(Debug, Clone, Serialize)]
pub struct CellView {
    /// Paragraphs (markup).
    pub paragraphs: Vec<String>,
    /// Columns covered.
    pub colspan: usize,
    /// Rows covered.
    pub rowspan: usize,
    /// "left", "center", "right".
    pub align: String,
    /// Result numbers, for a results column; the template words them.
    pub results: Option<Vec<i64>>,
}

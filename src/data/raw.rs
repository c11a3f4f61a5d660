//! Serde mirrors of the TOML files, field for field. Unknown keys are rejected so that a typo
//! is reported instead of silently ignored.

use schemars::JsonSchema;
use serde::Deserialize;
use std::collections::BTreeMap;

/// `data/org/<name>.toml`: the organisation whose header block tops its orders.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OrgFile {
    /// A short line above the header block (the emblem's caption).
    pub logo_text: Option<String>,
    /// Parent body lines («Министерство образования и науки Челябинской области»).
    #[serde(default)]
    pub parent: Vec<String>,
    /// Full name, one or more lines.
    pub name: Vec<String>,
    /// Short name, printed in brackets under the full name.
    pub short_name: Option<String>,
    /// Address, phone, e-mail lines under the name.
    #[serde(default)]
    pub contacts: Vec<String>,
    /// Place of compilation («Челябинск»).
    pub place: Option<String>,
    /// How appendix marks name the organisation («к приказу …», «приказом …»).
    pub in_marks: Option<String>,
    /// Print the document kind letter-spaced: «П Р И К А З».
    #[serde(default)]
    pub spaced_kind: bool,
}

/// Page margins in millimetres; absent values keep the template's defaults.
#[derive(Debug, Clone, Default, Deserialize, serde::Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PageData {
    /// Top margin, mm.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub top: Option<f32>,
    /// Right margin, mm.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub right: Option<f32>,
    /// Bottom margin, mm.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bottom: Option<f32>,
    /// Left margin, mm.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub left: Option<f32>,
}

/// The file given to `prikaz build`: an order with appendices, or a standalone document.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DocFile {
    /// Path of the organisation file, relative to this file.
    pub organization: Option<String>,
    /// Page margins.
    #[serde(default)]
    pub page: PageData,
    /// The order, when this file is one.
    pub order: Option<OrderData>,
    /// Appendices of the order, in order.
    #[serde(default)]
    pub appendix: Vec<PartData>,
    /// Mark of a standalone document.
    pub mark: Option<String>,
    /// Approval word of a standalone document.
    pub approved: Option<String>,
    /// Orientation of a standalone document.
    pub orientation: Option<String>,
    /// Title of a standalone document.
    pub title: Option<String>,
    /// Subtitle of a standalone document.
    pub subtitle: Option<String>,
    /// Footnotes of a standalone document.
    #[serde(default)]
    pub footnotes: BTreeMap<String, String>,
    /// Content of a standalone document.
    #[serde(default)]
    pub content: Vec<BlockData>,
}

impl DocFile {
    /// The standalone-document part of this file, if it has one.
    pub fn own_part(&self) -> Option<PartData> {
        if self.title.is_none() && self.content.is_empty() {
            return None;
        }
        Some(PartData {
            file: None,
            mark: self.mark.clone(),
            approved: self.approved.clone(),
            orientation: self.orientation.clone(),
            title: self.title.clone(),
            subtitle: self.subtitle.clone(),
            footnotes: self.footnotes.clone(),
            content: self.content.clone(),
            order_date: None,
            order_number: None,
        })
    }
}

/// The order itself.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OrderData {
    /// «приказ» or «распоряжение».
    pub kind: Option<String>,
    /// Date of signing; absent in a draft.
    #[schemars(with = "Option<TomlDate>")]
    pub date: Option<toml::value::Datetime>,
    /// Registration number; absent in a draft.
    pub number: Option<String>,
    /// A draft prints «ПРОЕКТ».
    #[serde(default)]
    pub draft: bool,
    /// Place of compilation; defaults to the organisation's.
    pub place: Option<String>,
    /// Title to the text: «Об утверждении …».
    pub title: String,
    /// Paragraphs before the directive word.
    #[serde(default)]
    pub preamble: Vec<String>,
    /// «ПРИКАЗЫВАЮ:»; the default follows the kind.
    pub directive: Option<String>,
    /// Points, numbered by the tool.
    #[serde(default)]
    pub points: Vec<PointData>,
    /// The control point, numbered after the others.
    pub control: Option<String>,
    /// Who signs.
    pub signatory: Option<SignatoryData>,
    /// Executor mark.
    pub executor: Option<ExecutorData>,
    /// Distribution list.
    pub distribution: Option<DistributionData>,
    /// Who approves a draft before signing: printed on an approval sheet (лист согласования)
    /// after the order.
    #[serde(default)]
    pub approvers: Vec<ApproverData>,
}

/// A line of the approval sheet.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ApproverData {
    /// Position.
    pub position: String,
    /// Initials and surname.
    pub name: String,
}

/// A point of the order with its sub-points.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PointData {
    /// Text of the point.
    pub text: String,
    /// Sub-points: 2.1, 2.2 …
    #[serde(default)]
    pub points: Vec<PointData>,
}

/// The signature block.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SignatoryData {
    /// Position lines.
    pub position: Vec<String>,
    /// Initials and surname.
    pub name: String,
}

/// The executor mark.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ExecutorData {
    /// Surname and initials.
    pub name: String,
    /// Phone.
    pub phone: Option<String>,
}

/// The distribution list.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DistributionData {
    /// «Рассылка» or «Разослать».
    pub label: Option<String>,
    /// Recipients.
    pub to: Vec<String>,
}

/// An appendix (inline or loaded from `file`), or a standalone document's body.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PartData {
    /// File holding the appendix, relative to the order's file.
    pub file: Option<String>,
    /// "approval", "appendix" or "none".
    pub mark: Option<String>,
    /// УТВЕРЖДЕН / УТВЕРЖДЕНА / УТВЕРЖДЕНО.
    pub approved: Option<String>,
    /// "portrait" or "landscape".
    pub orientation: Option<String>,
    /// Title, centred bold.
    pub title: Option<String>,
    /// Subtitle under the title.
    pub subtitle: Option<String>,
    /// Footnote texts by key.
    #[serde(default)]
    pub footnotes: BTreeMap<String, String>,
    /// Blocks in reading order.
    #[serde(default)]
    pub content: Vec<BlockData>,
    /// For an appendix kept in its own file: the date of the order it belongs to, checked
    /// against the order (the mark itself is always made from the order).
    #[schemars(with = "Option<TomlDate>")]
    pub order_date: Option<toml::value::Datetime>,
    /// For an appendix kept in its own file: the number of the order it belongs to.
    pub order_number: Option<String>,
}

/// A file included with `include = "…"`: more blocks and their footnotes.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct IncludeFile {
    /// Footnote texts by key, merged into the including part's.
    #[serde(default)]
    pub footnotes: BTreeMap<String, String>,
    /// Blocks spliced in place of the include.
    #[serde(default)]
    pub content: Vec<BlockData>,
}

/// One `[[content]]` block: exactly one of the kind keys is set.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BlockData {
    /// A numbered section heading.
    pub section: Option<String>,
    /// An unnumbered centred heading.
    pub heading: Option<String>,
    /// A centred paragraph that is not a heading (an italic subtitle, a note).
    pub center: Option<String>,
    /// A body paragraph.
    pub text: Option<String>,
    /// A paragraph without first-line indent.
    pub plain: Option<String>,
    /// A bulleted list.
    pub list: Option<Vec<String>>,
    /// The bullet of `list`.
    pub bullet: Option<String>,
    /// A numbered list.
    pub numbered: Option<Vec<NumberedItem>>,
    /// Name of a numbered list that tables refer to.
    pub id: Option<String>,
    /// "page", "landscape" or "portrait".
    #[serde(rename = "break")]
    pub brk: Option<String>,
    /// Another file whose blocks go here.
    pub include: Option<String>,
    /// A roadmap table.
    pub roadmap: Option<KeyedTable>,
    /// An indicators table.
    pub indicators: Option<KeyedTable>,
    /// A table with explicit spans.
    pub table: Option<GeneralTable>,
}

/// An item of a numbered list: text, or text with a nested bulleted list.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum NumberedItem {
    /// Just text.
    Text(String),
    /// Text followed by a bulleted list.
    WithList {
        /// The item's text.
        text: String,
        /// Nested bullets.
        #[serde(default)]
        list: Vec<String>,
    },
}

/// A table whose columns are named and whose rows give a value per column name.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct KeyedTable {
    /// «Таблица 1», at the right above the table.
    pub caption: Option<String>,
    /// Centred title above the table.
    pub title: Option<String>,
    /// "groups" (restart after every group row) or "through".
    pub numbering: Option<String>,
    /// Text after an activity number («1.» vs «1»).
    pub number_suffix: Option<String>,
    /// Columns, left to right.
    pub columns: Vec<ColumnData>,
    /// Years of the target columns (indicators tables).
    #[serde(default)]
    pub years: Vec<i64>,
    /// Width of each year column in mm.
    pub year_width: Option<f32>,
    /// Rows: group rows (`group = …`) or values keyed by column.
    #[serde(default)]
    #[schemars(with = "Vec<KeyedRow>")]
    pub rows: Vec<toml::Table>,
}

/// A column of a keyed table.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ColumnData {
    /// Name rows use for this column.
    pub key: String,
    /// Header text.
    pub title: String,
    /// Width in mm.
    pub width: f32,
    /// The tool writes activity numbers in this column.
    #[serde(default)]
    pub number: bool,
    /// "left", "center" or "right".
    pub align: Option<String>,
    /// Id of the numbered list whose items the values refer to.
    pub results: Option<String>,
}

/// A table with explicit colspan and rowspan.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GeneralTable {
    /// Column widths in mm.
    pub widths: Vec<f32>,
    /// Number of header rows.
    #[serde(default)]
    pub header_rows: usize,
    /// Rows of cells; covered slots are left out.
    pub rows: Vec<Vec<CellData>>,
}

/// A cell of a general table.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum CellData {
    /// Just text.
    Text(String),
    /// Text with spans.
    Spanned {
        /// The text.
        text: String,
        /// Columns covered.
        #[serde(default = "one")]
        colspan: usize,
        /// Rows covered.
        #[serde(default = "one")]
        rowspan: usize,
    },
}

fn one() -> usize {
    1
}

/// A TOML date (`2023-06-27`, no quotes), for the schema.
pub struct TomlDate;

impl JsonSchema for TomlDate {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "TomlDate".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "format": "date",
            "description": "Дата без кавычек: 2023-06-27"
        })
    }
}

/// A row of a keyed table, for the schema: `group` rows or values keyed by column.
pub struct KeyedRow;

impl JsonSchema for KeyedRow {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "KeyedRow".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "object",
            "description": "Строка таблицы: group = \"…\" для строки-группы или значения по ключам столбцов",
            "properties": {
                "group": { "type": "string" },
                "style": { "enum": ["bold", "italic", "plain"] },
                "targets": { "type": "array" }
            }
        })
    }
}

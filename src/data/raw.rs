//! Serde mirrors of the TOML files, field for field. Unknown keys are rejected so that a typo
//! is reported instead of silently ignored. Every value a semantic check may complain about
//! is [`Spanned`]: the check reports it where it was written.

use super::loose;
pub use super::spanned::Spanned;
use schemars::JsonSchema;
use serde::Deserialize;
use std::collections::BTreeMap;

/// Text as written in a data file, with its place.
pub type Text = Spanned<String>;
/// Footnote texts by key.
pub type Footnotes = BTreeMap<String, Text>;

/// `data/org/<name>.toml`: the organisation whose header block tops its orders.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OrgFile {
    /// A short line above the header block (the emblem's caption).
    pub logo_text: Option<Text>,
    /// Parent body lines («Министерство образования и науки Челябинской области»).
    #[serde(default)]
    pub parent: Vec<Text>,
    /// Full name, one or more lines: requisite 05, «наименование организации» (2016:
    /// «наименование организации – автора документа»).
    pub name: Vec<Text>,
    /// Short name, printed in brackets under the full name.
    pub short_name: Option<Text>,
    /// Address, phone, e-mail lines under the name.
    #[serde(default)]
    pub contacts: Vec<Text>,
    /// Place of compilation («Челябинск»).
    pub place: Option<Text>,
    /// How appendix marks name the organisation («к приказу …», «приказом …»).
    pub in_marks: Option<Text>,
    /// Print the document kind letter-spaced: «П Р И К А З».
    #[serde(default)]
    pub spaced_kind: bool,
    /// The form of a numbered table caption: «Таблица {n}» (the default).
    pub table_caption: Option<Text>,
    /// Where a numbered table caption stands above the title: "left", "center" or "right"
    /// (the default).
    pub table_caption_align: Option<Text>,
    /// The form of a figure caption: «Рисунок {n} – {caption}» unless set.
    pub figure_caption: Option<Text>,
    /// The organisation's own lines of the appendix and approval marks.
    pub marks: Option<MarksData>,
    /// Numbering series of the registration journal; none means one series `main` of plain
    /// running numbers restarting each year.
    #[serde(default)]
    pub series: Vec<SeriesData>,
    /// `prikaz amend`: changes in one appendix above which the amendment order puts the
    /// appendix in a new edition instead of listing them (5 unless set).
    pub amend_threshold: Option<u32>,
    /// The edition of ГОСТ Р 7.0.97 its documents follow: "gost-2016" or "gost-2025"; unless
    /// set, each document's date decides (see `profile.rs`).
    pub profile: Option<Text>,
    /// `[font]`: the organisation's own typeface, used by the documents of an edition that
    /// leaves the typeface to the organisation (gost-2025).
    pub font: Option<Spanned<FontData>>,
    /// The QR code on the first page of its orders (requisite 31, printed under the 2025
    /// edition only, and never on a draft).
    pub qr: Option<QrData>,
}

/// `[font]` of an organisation file: a typeface in four faces (TTF or OTF, TrueType or CFF
/// outlines), paths relative to the organisation file.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FontData {
    /// The family name as the font files and Word know it: «PT Serif».
    pub family: Option<Text>,
    /// The upright face's file.
    pub regular: Option<Text>,
    /// The bold face's file.
    pub bold: Option<Text>,
    /// The italic face's file.
    pub italic: Option<Text>,
    /// The bold italic face's file.
    pub bold_italic: Option<Text>,
    /// The body text's size, pt: 12, 13 or 14 (14 unless set).
    pub size: Option<Spanned<i64>>,
}

/// `[qr]` of an organisation file: what the QR code of an order encodes and how large it is.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct QrData {
    /// The encoded text, with `{placeholders}` from the order: `{org}`, `{kind}`, `{date}`,
    /// `{number}`, `{year}`, `{title}`.
    pub text: Text,
    /// The side of the symbol in millimetres, without its quiet zone: 20 (the least) unless
    /// set.
    pub size: Option<Spanned<f64>>,
    /// The corner of the first page: "bottom-right" (the default) or "top-right".
    pub place: Option<Text>,
}

/// `[[series]]` of an organisation file: one numbering series of the registration journal.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SeriesData {
    /// What `prikaz register --series` names: "main", "k".
    pub id: Text,
    /// What it is for: «основная деятельность», «по личному составу».
    pub name: Option<Text>,
    /// The printed number: "{n}" (the default), "{n}-к", "01/{n}", "{n}/{yyyy}".
    pub format: Option<Text>,
    /// When the running number starts again from 1: "year" (the default) or "never".
    pub restart: Option<Text>,
    /// The series used without `--series` (else the first).
    pub default: Option<Spanned<bool>>,
}

/// `[marks]` of an organisation file: the lines of the marks, with `{placeholders}`.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MarksData {
    /// Lines of «Приложение N» marks: `["Приложение {n}", "к {kind_dative} {org}", …]`.
    pub appendix: Option<Vec<Text>>,
    /// Lines of approval marks: `["{approved}", "{kind_instr} {org}", …]`.
    pub approval: Option<Vec<Text>>,
}

/// Page margins in millimetres; absent values keep the template's defaults.
#[derive(Debug, Clone, Default, Deserialize, serde::Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PageData {
    /// Top margin, mm.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 0, max = 60))]
    pub top: Option<f32>,
    /// Right margin, mm.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 0, max = 60))]
    pub right: Option<f32>,
    /// Bottom margin, mm.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 0, max = 60))]
    pub bottom: Option<f32>,
    /// Left margin, mm.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 0, max = 60))]
    pub left: Option<f32>,
}

/// The file given to `prikaz build`: an order with appendices, or a standalone document.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DocFile {
    /// Path of the organisation file, relative to this file.
    pub organization: Option<Text>,
    /// Page margins.
    #[serde(default)]
    pub page: PageData,
    /// The order, when this file is one.
    pub order: Option<Spanned<OrderData>>,
    /// Appendices of the order, in order.
    #[serde(default)]
    pub appendix: Vec<PartData>,
    /// Mark of a standalone document.
    pub mark: Option<Text>,
    /// Approval word of a standalone document.
    pub approved: Option<String>,
    /// Orientation of a standalone document.
    pub orientation: Option<Text>,
    /// Title of a standalone document.
    pub title: Option<Text>,
    /// Subtitle of a standalone document.
    pub subtitle: Option<Text>,
    /// Footnotes of a standalone document.
    #[serde(default)]
    pub footnotes: Footnotes,
    /// Content of a standalone document.
    #[serde(default)]
    pub content: Vec<Spanned<BlockData>>,
    /// The edition of ГОСТ Р 7.0.97 a standalone document follows ("gost-2016" or
    /// "gost-2025"), over the organisation's; an order writes it in `[order]`.
    pub profile: Option<Text>,
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
    pub kind: Option<Text>,
    /// Date of signing; absent in a draft.
    #[schemars(with = "Option<TomlDate>")]
    pub date: Option<Spanned<toml::value::Datetime>>,
    /// Registration number; absent in a draft.
    pub number: Option<Text>,
    /// A draft prints «ПРОЕКТ».
    #[serde(default)]
    pub draft: bool,
    /// Place of compilation; defaults to the organisation's.
    pub place: Option<Text>,
    /// Title to the text: «Об утверждении …».
    pub title: Text,
    /// Paragraphs before the directive word.
    #[serde(default)]
    pub preamble: Vec<Text>,
    /// «ПРИКАЗЫВАЮ:»; the default follows the kind.
    pub directive: Option<Text>,
    /// Points, numbered by the tool.
    #[serde(default)]
    pub points: Vec<PointData>,
    /// The control point, numbered after the others.
    pub control: Option<Text>,
    /// Who signs.
    pub signatory: Option<SignatoryData>,
    /// Executor mark: one `[order.executor]` or several `[[order.executor]]`.
    #[serde(default)]
    pub executor: Executors,
    /// Distribution list.
    pub distribution: Option<DistributionData>,
    /// Who approves a draft before signing: printed on an approval sheet (лист согласования)
    /// after the order.
    #[serde(default)]
    pub approvers: Vec<ApproverData>,
    /// The edition of ГОСТ Р 7.0.97 this order follows, over the organisation's and the date's.
    pub profile: Option<Text>,
    /// The signed order this one amends («О внесении изменений в приказ …»): the journal
    /// links the two when this one is registered.
    pub amends: Option<AmendsData>,
}

/// `[order.amends]`: the amended order by its number and date.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AmendsData {
    /// Its number as printed: "368".
    pub number: Text,
    /// Its date.
    #[schemars(with = "TomlDate")]
    pub date: Spanned<toml::value::Datetime>,
}

/// A line of the approval sheet.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ApproverData {
    /// Position.
    pub position: Text,
    /// Initials and surname.
    pub name: Text,
}

/// A point of the order with its sub-points.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PointData {
    /// Text of the point.
    pub text: Text,
    /// Sub-points: 2.1, 2.2 …
    #[serde(default)]
    pub points: Vec<PointData>,
}

/// The signature block.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SignatoryData {
    /// Position lines.
    pub position: Vec<Text>,
    /// Initials and surname.
    pub name: Text,
}

/// A person of the executor mark.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ExecutorData {
    /// Surname and initials (required; a missing name is reported at the table).
    pub name: Option<Text>,
    /// Phone.
    pub phone: Option<Text>,
}

// Read by hand (in `loose`) to keep the place of each table; the doc comment below is the
// schema's description.
/// The executors of the order: one table or an array of tables, each with its place.
#[derive(Debug, Clone, Default)]
pub struct Executors(pub Vec<Spanned<ExecutorData>>);

impl JsonSchema for Executors {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Executors".into()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let one = generator.subschema_for::<ExecutorData>();
        schemars::json_schema!({
            "description": "Исполнитель: [order.executor] или несколько [[order.executor]]",
            "anyOf": [one, { "type": "array", "items": one }]
        })
    }
}

impl<'de> Deserialize<'de> for Executors {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let shape = Spanned::<ExecutorShape>::deserialize(d)?;
        let span = shape.span();
        Ok(Executors(match shape.into_inner() {
            ExecutorShape::One(e) => vec![Spanned::new(e, span)],
            ExecutorShape::Many(all) => all,
        }))
    }
}

/// `[order.executor]` (one table, placed by the caller) or `[[order.executor]]` (placed tables).
enum ExecutorShape {
    One(ExecutorData),
    Many(Vec<Spanned<ExecutorData>>),
}

impl<'de> Deserialize<'de> for ExecutorShape {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use serde::de::{value::MapAccessDeserializer, MapAccess, SeqAccess, Visitor};
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = ExecutorShape;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("таблица [order.executor] или массив [[order.executor]]")
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
                let one = ExecutorData::deserialize(MapAccessDeserializer::new(map))?;
                Ok(ExecutorShape::One(one))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                let mut all = Vec::new();
                while let Some(e) = seq.next_element()? {
                    all.push(e);
                }
                Ok(ExecutorShape::Many(all))
            }
        }
        d.deserialize_any(V)
    }
}

/// The distribution list.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DistributionData {
    /// «Рассылка» or «Разослать».
    pub label: Option<String>,
    /// Recipients.
    pub to: Vec<Text>,
}

/// An appendix (inline or loaded from `file`), or a standalone document's body.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PartData {
    /// File holding the appendix, relative to the order's file.
    pub file: Option<Text>,
    /// "approval", "appendix" or "none".
    pub mark: Option<Text>,
    /// УТВЕРЖДЕН / УТВЕРЖДЕНА / УТВЕРЖДЕНО.
    pub approved: Option<String>,
    /// "portrait" or "landscape".
    pub orientation: Option<Text>,
    /// Title, centred bold.
    pub title: Option<Text>,
    /// Subtitle under the title.
    pub subtitle: Option<Text>,
    /// Footnote texts by key.
    #[serde(default)]
    pub footnotes: Footnotes,
    /// Blocks in reading order.
    #[serde(default)]
    pub content: Vec<Spanned<BlockData>>,
    /// For an appendix kept in its own file: the date of the order it belongs to, checked
    /// against the order (the mark itself is always made from the order).
    #[schemars(with = "Option<TomlDate>")]
    pub order_date: Option<Spanned<toml::value::Datetime>>,
    /// For an appendix kept in its own file: the number of the order it belongs to.
    pub order_number: Option<Text>,
}

/// A file included with `include = "…"`: more blocks and their footnotes.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct IncludeFile {
    /// Footnote texts by key, merged into the including part's.
    #[serde(default)]
    pub footnotes: Footnotes,
    /// Blocks spliced in place of the include.
    #[serde(default)]
    pub content: Vec<Spanned<BlockData>>,
}

/// One `[[content]]` block: exactly one of the kind keys is set.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BlockData {
    /// A numbered section heading.
    pub section: Option<Text>,
    /// An unnumbered centred heading.
    pub heading: Option<Text>,
    /// A centred paragraph that is not a heading (an italic subtitle, a note).
    pub center: Option<Text>,
    /// A body paragraph.
    pub text: Option<Text>,
    /// A paragraph without first-line indent.
    pub plain: Option<Text>,
    /// A numbered clause of a regulation (положение, порядок): «1.1.», numbered by the tool.
    pub clause: Option<Text>,
    /// The depth of a clause: 1 (the default), 2 or 3.
    pub level: Option<Spanned<i64>>,
    /// A bulleted list.
    pub list: Option<Spanned<Vec<Text>>>,
    /// The bullet of `list`.
    pub bullet: Option<String>,
    /// A numbered list.
    pub numbered: Option<Spanned<Vec<NumberedItem>>>,
    /// Name of a numbered list that tables refer to, or of a clause that texts refer to
    /// with `[#id]` (two separate sets of names).
    pub id: Option<Text>,
    /// "page", "landscape" or "portrait".
    #[serde(rename = "break")]
    pub brk: Option<Text>,
    /// Another file whose blocks go here.
    pub include: Option<Text>,
    /// A roadmap table.
    pub roadmap: Option<Spanned<KeyedTable>>,
    /// An indicators table.
    pub indicators: Option<Spanned<KeyedTable>>,
    /// A table with explicit spans.
    pub table: Option<Spanned<GeneralTable>>,
    /// A picture: the path of a PNG or JPEG file, relative to this file.
    pub figure: Option<Text>,
    /// The figure's caption, after «Рисунок N – ».
    pub caption: Option<Text>,
    /// The figure's width in millimetres; at most (and by default) the text width.
    pub width: Option<Spanned<f64>>,
}

// Read by hand (in `loose`) to keep the places of its parts; the doc comment below is the
// schema's description.
/// An item of a numbered list: text, or text with a nested bulleted list.
#[derive(Debug, Clone, JsonSchema)]
#[serde(untagged)]
pub enum NumberedItem {
    /// Just text.
    Text(Text),
    /// Text followed by a bulleted list.
    WithList {
        /// The item's text.
        text: Text,
        /// Nested bullets.
        #[serde(default)]
        list: Vec<Text>,
    },
}

impl NumberedItem {
    /// The item's text and its nested bullets.
    pub fn parts(&self) -> (&Text, &[Text]) {
        match self {
            NumberedItem::Text(text) => (text, &[]),
            NumberedItem::WithList { text, list } => (text, list),
        }
    }
}

/// A table whose columns are named and whose rows give a value per column name.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct KeyedTable {
    /// `true` for «Таблица N» numbered by the tool, or a caption written out («Таблица 1»).
    pub caption: Option<Caption>,
    /// Centred title above the table.
    pub title: Option<Text>,
    /// "groups" (restart after every group row) or "through".
    pub numbering: Option<Text>,
    /// Text after an activity number («1.» vs «1»).
    pub number_suffix: Option<String>,
    /// Columns, left to right.
    pub columns: Vec<ColumnData>,
    /// Years of the target columns (indicators tables).
    #[serde(default)]
    pub years: Vec<i64>,
    /// Width of each year column in mm.
    #[schemars(range(min = 1, max = 300))]
    pub year_width: Option<f32>,
    /// Rows: group rows (`group = …`) or values keyed by column.
    #[serde(default)]
    #[schemars(with = "Vec<KeyedRow>", extend("default" = []))]
    pub rows: Vec<Spanned<loose::Row>>,
}

/// A column of a keyed table.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ColumnData {
    /// Name rows use for this column.
    pub key: Text,
    /// Header text.
    pub title: Text,
    /// Width in mm.
    #[schemars(range(min = 1, max = 300))]
    pub width: f32,
    /// The tool writes activity numbers in this column.
    #[serde(default)]
    pub number: bool,
    /// "left", "center" or "right".
    pub align: Option<Text>,
    /// Id of the numbered list whose items the values refer to.
    pub results: Option<Text>,
}

/// A table with explicit colspan and rowspan.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GeneralTable {
    /// `true` for «Таблица N» numbered by the tool, or a caption written out.
    pub caption: Option<Caption>,
    /// Centred title above the table.
    pub title: Option<Text>,
    /// Column widths in mm.
    #[schemars(inner(range(min = 1, max = 300)))]
    pub widths: Spanned<Vec<Spanned<f32>>>,
    /// Number of header rows.
    #[serde(default)]
    pub header_rows: Spanned<usize>,
    /// Rows of cells (covered slots are left out), or sub-header rows.
    pub rows: Spanned<Vec<GeneralRow>>,
}

/// The caption of a table: numbered by the tool, or written out as it is printed.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum Caption {
    /// `true`: «Таблица N» in the organisation's form; `false`: none.
    Numbered(bool),
    /// Printed verbatim.
    Text(String),
}

// Read by hand (in `loose`) to keep the places of its parts; the doc comment below is the
// schema's description.
/// A row of a general table: its cells, or `{ subheader = "…" }` across the whole table.
#[derive(Debug, Clone, JsonSchema)]
#[serde(untagged, deny_unknown_fields)]
pub enum GeneralRow {
    /// Cells; covered slots are left out.
    Cells(Vec<Spanned<CellData>>),
    /// A sub-header row, styled like the header but not repeated on every page.
    Subheader {
        /// Its text.
        subheader: Text,
    },
}

impl GeneralRow {
    /// The row's cells; none for a sub-header row.
    pub fn cells(&self) -> &[Spanned<CellData>] {
        match self {
            GeneralRow::Cells(cells) => cells,
            GeneralRow::Subheader { .. } => &[],
        }
    }
}

// Read by hand (in `loose`) to keep the places of its parts; the doc comment below is the
// schema's description.
/// A cell of a general table.
#[derive(Debug, Clone, JsonSchema)]
#[serde(untagged)]
pub enum CellData {
    /// Just text.
    Text(Text),
    /// Text with spans, or lists.
    Spanned {
        /// The text (before the lists).
        #[serde(default)]
        text: Text,
        /// A numbered list in the cell: «1. …», «2. …».
        #[serde(default)]
        numbered: Option<Spanned<Vec<Text>>>,
        /// A bulleted list in the cell: «– …».
        #[serde(default)]
        list: Option<Spanned<Vec<Text>>>,
        /// Columns covered.
        #[serde(default = "one")]
        colspan: Spanned<usize>,
        /// Rows covered.
        #[serde(default = "one")]
        rowspan: Spanned<usize>,
    },
}

impl CellData {
    /// The cell's text.
    pub fn text(&self) -> &Text {
        match self {
            CellData::Text(text) | CellData::Spanned { text, .. } => text,
        }
    }

    /// The cell's numbered and bulleted lists, each when written.
    pub fn lists(&self) -> [Option<&Spanned<Vec<Text>>>; 2] {
        match self {
            CellData::Text(_) => [None, None],
            CellData::Spanned { numbered, list, .. } => [numbered.as_ref(), list.as_ref()],
        }
    }

    /// Columns and rows covered, each with its place when written.
    pub fn spans(&self) -> Option<(&Spanned<usize>, &Spanned<usize>)> {
        match self {
            CellData::Text(_) => None,
            CellData::Spanned {
                colspan, rowspan, ..
            } => Some((colspan, rowspan)),
        }
    }
}

/// A span left out: one column or row.
pub(super) fn one() -> Spanned<usize> {
    Spanned::new(1, 0..0)
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
            "description": "Строка таблицы: group = \"…\" для строки-группы, subheader = \"…\" для строки-подзаголовка или значения по ключам столбцов",
            "properties": {
                "group": { "type": "string" },
                "style": { "enum": ["bold", "italic", "plain"] },
                "targets": { "type": "array" },
                "subheader": { "type": "string" },
                "level": { "type": "integer", "minimum": 1, "maximum": 2 }
            }
        })
    }
}

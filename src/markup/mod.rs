//! prikaz markup (the text the templates make) to the document model. The vocabulary is small
//! and documented in `docs/markup.md`; anything else is an error with its line and column in
//! the markup, which `prikaz build --emit-markup` prints.

mod inlines;
mod style;

use crate::diag::Diagnostic;
use crate::model::{
    mm, Block, Cell, Document, Meta, Orientation, PageSetup, Row, Section, Table, VAlign,
};
use roxmltree::Node;
use std::num::NonZeroUsize;
use std::path::{Path, PathBuf};
use style::Styles;

/// Parser state: the markup text (for positions) and the named paragraph styles.
pub(crate) struct Parser<'a> {
    text: &'a str,
    name: PathBuf,
    pub(crate) styles: Styles,
    pub(crate) meta: Meta,
}

/// Parses markup into a document. `name` labels positions in errors.
pub fn parse(text: &str, name: &Path) -> Result<Document, Diagnostic> {
    let doc = roxmltree::Document::parse(text).map_err(|e| {
        let pos = e.pos();
        let offset = offset_of(text, pos.row as usize, pos.col as usize);
        Diagnostic::at(
            name,
            text,
            offset,
            format!("разметка шаблона испорчена: {e}"),
        )
    })?;
    let root = doc.root_element();
    let mut p = Parser {
        text,
        name: name.to_path_buf(),
        styles: Styles::default(),
        meta: Meta::default(),
    };
    p.expect_name(root, "document")?;
    p.meta.title = root.attribute("title").unwrap_or_default().to_string();
    p.meta.author = root.attribute("author").unwrap_or_default().to_string();
    if let Some(v) = root.attribute("lang") {
        p.meta.language = v.to_string();
    }
    if let Some(v) = root.attribute("font") {
        p.meta.font_family = v.to_string();
    }
    p.meta.font_size = p.num(root, "size", p.meta.font_size)?;
    p.meta.footnote_size = p.num(root, "footnote-size", p.meta.footnote_size)?;
    let mut sections = Vec::new();
    for child in root.children().filter(Node::is_element) {
        match child.tag_name().name() {
            "style" => {
                let mut styles = std::mem::take(&mut p.styles);
                let defined = styles.define(child, &p);
                p.styles = styles;
                defined?
            }
            "section" => sections.push(p.section(child)?),
            other => {
                return Err(p.error(child, format!("неизвестный элемент <{other}> в <document>")))
            }
        }
    }
    Ok(Document {
        meta: p.meta.clone(),
        sections,
    })
}

/// Byte offset of 1-based `row`/`col` in `text`.
fn offset_of(text: &str, row: usize, col: usize) -> usize {
    let line_start: usize = text
        .split_inclusive('\n')
        .take(row.saturating_sub(1))
        .map(str::len)
        .sum();
    let line = &text[line_start.min(text.len())..];
    line_start
        + line
            .chars()
            .take(col.saturating_sub(1))
            .map(char::len_utf8)
            .sum::<usize>()
}

impl<'a> Parser<'a> {
    /// An error at `node`.
    pub(crate) fn error(&self, node: Node, message: impl Into<String>) -> Diagnostic {
        Diagnostic::at(&self.name, self.text, node.range().start, message)
    }

    fn expect_name(&self, node: Node, name: &str) -> Result<(), Diagnostic> {
        if node.tag_name().name() == name {
            Ok(())
        } else {
            Err(self.error(
                node,
                format!(
                    "ожидался элемент <{name}>, а встретился <{}>",
                    node.tag_name().name()
                ),
            ))
        }
    }

    /// A numeric attribute, or `default` when absent.
    pub(crate) fn num(&self, node: Node, attr: &str, default: f32) -> Result<f32, Diagnostic> {
        match node.attribute(attr) {
            None => Ok(default),
            Some(v) => v.trim().parse::<f32>().map_err(|_| {
                self.error(node, format!("атрибут {attr}=\"{v}\" должен быть числом"))
            }),
        }
    }

    fn section(&self, node: Node) -> Result<Section, Diagnostic> {
        let orientation = match node.attribute("orientation").unwrap_or("portrait") {
            "portrait" => Orientation::Portrait,
            "landscape" => Orientation::Landscape,
            other => {
                return Err(self.error(
                    node,
                    format!("ориентация «{other}»: ожидается portrait или landscape"),
                ))
            }
        };
        let margins = [
            self.num(node, "top", 20.0)?,
            self.num(node, "right", 10.0)?,
            self.num(node, "bottom", 20.0)?,
            self.num(node, "left", 30.0)?,
        ];
        let page = PageSetup::a4(orientation, margins, self.num(node, "header", 12.5)?);
        let mut blocks = Vec::new();
        for child in node.children().filter(Node::is_element) {
            blocks.push(match child.tag_name().name() {
                "p" => Block::Paragraph(self.paragraph(child, None)?),
                "table" => Block::Table(self.table(child)?),
                "pagebreak" => Block::PageBreak,
                other => {
                    return Err(
                        self.error(child, format!("неизвестный элемент <{other}> в <section>"))
                    )
                }
            });
        }
        Ok(Section {
            page,
            page_numbers: node.attribute("numbers") != Some("false"),
            blocks,
        })
    }

    fn table(&self, node: Node) -> Result<Table, Diagnostic> {
        let widths = node.attribute("widths").unwrap_or_default();
        let columns = widths
            .split_whitespace()
            .map(|w| w.parse::<f32>().map(mm))
            .collect::<Result<Vec<_>, _>>()
            .map_err(|_| {
                self.error(
                    node,
                    format!("widths=\"{widths}\": ожидаются числа (мм) через пробел"),
                )
            })?;
        let (mut head, mut body) = (Vec::new(), Vec::new());
        for tr in node.children().filter(Node::is_element) {
            self.expect_name(tr, "tr")?;
            let mut cells = Vec::new();
            for td in tr.children().filter(Node::is_element) {
                self.expect_name(td, "td")?;
                cells.push(self.cell(td)?);
            }
            let row = Row {
                keep_with_next: tr.attribute("keep") == Some("true"),
                cells,
            };
            match (tr.attribute("header") == Some("true"), body.is_empty()) {
                (true, true) => head.push(row),
                (true, false) => return Err(self.error(
                    tr,
                    "строка шапки (header=\"true\") после строк тела таблицы: шапка стоит в начале",
                )),
                (false, _) => body.push(row),
            }
        }
        Table::new(columns, head, body).map_err(|e| self.error(node, format!("таблица: {e}")))
    }

    /// A span attribute (`colspan`, `rowspan`) of `td`: a whole number from 1, 1 when absent.
    fn span(&self, td: Node, attr: &str) -> Result<NonZeroUsize, Diagnostic> {
        match td.attribute(attr) {
            None => Ok(NonZeroUsize::MIN),
            Some(v) => v.trim().parse::<NonZeroUsize>().map_err(|_| {
                self.error(
                    td,
                    format!("атрибут {attr}=\"{v}\" должен быть целым числом не меньше 1"),
                )
            }),
        }
    }

    fn cell(&self, td: Node) -> Result<Cell, Diagnostic> {
        let valign = match td.attribute("valign").unwrap_or("top") {
            "top" => VAlign::Top,
            "center" => VAlign::Center,
            "bottom" => VAlign::Bottom,
            other => {
                return Err(self.error(
                    td,
                    format!("valign=\"{other}\": ожидается top, center или bottom"),
                ))
            }
        };
        let mut paragraphs = Vec::new();
        for p in td.children().filter(Node::is_element) {
            self.expect_name(p, "p")?;
            paragraphs.push(self.paragraph(p, Some("cell"))?);
        }
        Ok(Cell {
            colspan: self.span(td, "colspan")?,
            rowspan: self.span(td, "rowspan")?,
            valign,
            paragraphs,
        })
    }
}

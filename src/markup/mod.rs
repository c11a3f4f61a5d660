//! prikaz markup (the text the templates make) to the document model. The vocabulary is small
//! and documented in `docs/markup.md`; anything else is an error with its line and column in
//! the markup, which `prikaz build --emit-markup` prints.

mod inlines;
mod style;

use crate::diag::Diagnostic;
use crate::model::{
    mm, Block, Cell, Document, Figure, Images, Meta, Orientation, PageSetup, Row, Rules, Section,
    Table, TableError, VAlign,
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
    /// The images `<figure ref="…">` may name.
    images: &'a Images,
}

/// Parses markup into a document. `name` labels positions in errors.
pub fn parse(text: &str, name: &Path) -> Result<Document, Diagnostic> {
    parse_with_images(text, name, &Images::new())
}

/// Parses markup whose figures name the images of `images`.
pub fn parse_with_images(text: &str, name: &Path, images: &Images) -> Result<Document, Diagnostic> {
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
        images,
    };
    p.expect_name(root, "document")?;
    // The body font, its sizes and the language have one home: the template's <document>.
    p.meta = Meta {
        title: root.attribute("title").unwrap_or_default().to_string(),
        author: root.attribute("author").unwrap_or_default().to_string(),
        language: p.required(root, "lang")?.to_string(),
        font_family: p.required(root, "font")?.to_string(),
        font_size: p.size(root, "size")?,
        footnote_size: p.size(root, "footnote-size")?,
        // The typeface's files come from the data, not the markup (see `prepare_edited`).
        font_files: None,
    };
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

    /// A numeric attribute, or `default` when absent. NaN and infinities are not numbers here.
    pub(crate) fn num(&self, node: Node, attr: &str, default: f32) -> Result<f32, Diagnostic> {
        match node.attribute(attr) {
            None => Ok(default),
            Some(v) => match v.trim().parse::<f32>() {
                Ok(n) if n.is_finite() => Ok(n),
                _ => Err(self.error(node, format!("атрибут {attr}=\"{v}\" должен быть числом"))),
            },
        }
    }

    /// An attribute the element must carry.
    fn required<'n>(&self, node: Node<'n, '_>, attr: &str) -> Result<&'n str, Diagnostic> {
        node.attribute(attr).ok_or_else(|| {
            let name = node.tag_name().name();
            self.error(
                node,
                format!("у <{name}> нет обязательного атрибута {attr}"),
            )
        })
    }

    /// A required length in millimetres, not negative.
    fn length(&self, node: Node, attr: &str) -> Result<f32, Diagnostic> {
        self.required(node, attr)?;
        match self.num(node, attr, 0.0)? {
            v if v >= 0.0 => Ok(v),
            v => Err(self.error(
                node,
                format!("{attr}=\"{v}\": длина не может быть меньше нуля"),
            )),
        }
    }

    /// A required font size in points, above zero.
    fn size(&self, node: Node, attr: &str) -> Result<f32, Diagnostic> {
        self.required(node, attr)?;
        match self.num(node, attr, 0.0)? {
            v if v > 0.0 => Ok(v),
            v => Err(self.error(
                node,
                format!("{attr}=\"{v}\": размер шрифта должен быть больше нуля"),
            )),
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
        // Margins have one home too: the template's <section> (section-attrs.xml).
        let margins = [
            self.length(node, "top")?,
            self.length(node, "right")?,
            self.length(node, "bottom")?,
            self.length(node, "left")?,
        ];
        let page = PageSetup::a4(orientation, margins, self.length(node, "header")?);
        if page.text_width() <= 0.0 || page.text_height() <= 0.0 {
            return Err(self.error(node, "поля страницы не оставляют места для текста"));
        }
        let mut blocks = Vec::new();
        for child in node.children().filter(Node::is_element) {
            blocks.push(match child.tag_name().name() {
                "p" => Block::Paragraph(self.paragraph(child, None)?),
                "table" => Block::Table(self.table(child)?),
                "figure" => Block::Figure(self.figure(child, &page)?),
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
        // The <td> of every cell, head rows first as in the grid: span errors point at it.
        let mut tds: Vec<Vec<Node>> = Vec::new();
        for tr in node.children().filter(Node::is_element) {
            self.expect_name(tr, "tr")?;
            let mut cells = Vec::new();
            let mut row_tds = Vec::new();
            for td in tr.children().filter(Node::is_element) {
                self.expect_name(td, "td")?;
                cells.push(self.cell(td)?);
                row_tds.push(td);
            }
            tds.push(row_tds);
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
        let rules = self.rules(node, columns.len())?;
        let table = Table::new(columns, head, body).map_err(|e| {
            let at = match &e {
                TableError::Span(s) => tds.get(s.row).and_then(|r| r.get(s.cell)),
                _ => None,
            };
            self.error(*at.unwrap_or(&node), format!("таблица: {e}"))
        })?;
        Ok(table.with_rules(rules))
    }

    /// A table's `frame="N"`: no lines but a frame round the cells of column N (from 1), as
    /// the mark of an electronic signature stands between the position and the name.
    fn rules(&self, node: Node, columns: usize) -> Result<Rules, Diagnostic> {
        let Some(v) = node.attribute("frame") else {
            return Ok(Rules::Grid);
        };
        match v.parse::<usize>() {
            Ok(n) if (1..=columns).contains(&n) => Ok(Rules::FrameColumn(n - 1)),
            _ => Err(self.error(
                node,
                format!("frame=\"{v}\": ожидается номер столбца таблицы, от 1 до {columns}"),
            )),
        }
    }

    /// A `<figure ref="…" width="…">` with at most one `<p>`, its caption, sized for `page`.
    fn figure(&self, node: Node, page: &PageSetup) -> Result<Figure, Diagnostic> {
        let id = self.required(node, "ref")?;
        let image = self.images.get(id).ok_or_else(|| {
            self.error(
                node,
                format!("<figure ref=\"{id}\">: такого изображения нет"),
            )
        })?;
        let width = match node.attribute("width") {
            Some(_) => Some(mm(self.num(node, "width", 0.0)?)),
            None => None,
        };
        let mut caption = None;
        for p in node.children().filter(Node::is_element) {
            self.expect_name(p, "p")?;
            if caption.is_some() {
                return Err(self.error(p, "у <figure> может быть только одна подпись <p>"));
            }
            caption = Some(self.paragraph(p, Some("center"))?);
        }
        // The picture and its caption must fit on one page: room is kept for the caption's
        // spacing and three lines of it.
        let reserve = caption.as_ref().map_or(0.0, |c: &crate::model::Paragraph| {
            c.style.space_before + c.style.space_after + 3.0 * 1.2 * c.style.font_size
        });
        let max_height = page.text_height() - crate::model::house::FIGURE_SPACE_BEFORE - reserve;
        Ok(Figure::new(
            image.clone(),
            width,
            page.text_width(),
            max_height,
            caption,
        ))
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

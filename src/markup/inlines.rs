//! The content of a `<p>`: text with whitespace collapsed as in HTML, emphasis, letter-spacing,
//! footnotes, line breaks, tabs and the page number.

use super::Parser;
use crate::diag::Diagnostic;
use crate::model::{Align, Footnote, FootnoteError, Inline, ParaStyle, Paragraph, RunStyle};
use roxmltree::Node;

/// Collects inlines, collapsing runs of markup whitespace into one space.
struct Collector {
    inlines: Vec<Inline>,
    /// Whether the output so far ends in a collapsible space (or is empty).
    at_space: bool,
}

impl Collector {
    fn text(&mut self, text: &str, style: RunStyle) {
        let mut out = String::with_capacity(text.len());
        for c in text.chars() {
            if matches!(c, ' ' | '\n' | '\t' | '\r') {
                if !self.at_space {
                    out.push(' ');
                    self.at_space = true;
                }
            } else {
                out.push(c);
                self.at_space = false;
            }
        }
        if out.is_empty() {
            return;
        }
        if let Some(Inline::Text { text, style: s }) = self.inlines.last_mut() {
            if *s == style {
                text.push_str(&out);
                return;
            }
        }
        self.inlines.push(Inline::Text { text: out, style });
    }

    fn push(&mut self, inline: Inline, resets_space: bool) {
        if resets_space {
            self.trim_end();
            self.at_space = true;
        }
        self.inlines.push(inline);
    }

    fn trim_end(&mut self) {
        if let Some(Inline::Text { text, .. }) = self.inlines.last_mut() {
            let trimmed = text.trim_end_matches(' ').len();
            text.truncate(trimmed);
            if text.is_empty() {
                self.inlines.pop();
            }
        }
    }
}

impl Parser<'_> {
    /// A `<p>` element as a paragraph; `default_class` applies when it names no class.
    pub(crate) fn paragraph(
        &self,
        node: Node,
        default_class: Option<&str>,
    ) -> Result<Paragraph, Diagnostic> {
        let style = self.para_style(node, default_class)?;
        let mut c = Collector {
            inlines: Vec::new(),
            at_space: true,
        };
        self.inlines(node, RunStyle::default(), &mut c)?;
        c.trim_end();
        Ok(Paragraph {
            style_name: node
                .attribute("class")
                .or(default_class)
                .map(str::to_string),
            style,
            inlines: c.inlines,
        })
    }

    fn inlines(&self, node: Node, style: RunStyle, c: &mut Collector) -> Result<(), Diagnostic> {
        for child in node.children() {
            if child.is_text() {
                c.text(child.text().unwrap_or_default(), style);
                continue;
            }
            if !child.is_element() {
                continue;
            }
            match child.tag_name().name() {
                "b" => self.inlines(child, RunStyle { bold: true, ..style }, c)?,
                "i" => self.inlines(child, RunStyle { italic: true, ..style }, c)?,
                "sp" => self.inlines(child, RunStyle { spaced: true, ..style }, c)?,
                "br" => c.push(Inline::LineBreak, true),
                "tab" => c.push(Inline::Tab, true),
                "page-number" => c.push(Inline::PageNumber, false),
                "fn" => {
                    c.trim_end();
                    c.push(Inline::Footnote(self.footnote(child)?), false);
                    c.at_space = false;
                }
                other => {
                    return Err(self.error(child, format!(
                        "неизвестный элемент <{other}> в абзаце; бывают b, i, sp, br, tab, page-number, fn"
                    )))
                }
            }
        }
        Ok(())
    }

    fn footnote(&self, node: Node) -> Result<Footnote, Diagnostic> {
        let mut base = ParaStyle::plain(self.meta.footnote_size);
        base.align = Align::Justify;
        let has_paragraphs = node
            .children()
            .any(|n| n.is_element() && n.tag_name().name() == "p");
        let paragraphs = if has_paragraphs {
            node.children()
                .filter(Node::is_element)
                .map(|p| self.paragraph(p, Some("footnote")))
                .collect::<Result<Vec<_>, _>>()?
        } else {
            let mut c = Collector {
                inlines: Vec::new(),
                at_space: true,
            };
            self.inlines(node, RunStyle::default(), &mut c)?;
            c.trim_end();
            vec![Paragraph {
                style_name: None,
                style: base,
                inlines: c.inlines,
            }]
        };
        Footnote::new(paragraphs).map_err(|e| {
            self.error(
                node,
                match e {
                    FootnoteError::Empty => "в сноске нет ни одного абзаца <p>",
                    FootnoteError::Nested => {
                        "сноска внутри текста сноски: у сноски не бывает своих сносок"
                    }
                },
            )
        })
    }
}

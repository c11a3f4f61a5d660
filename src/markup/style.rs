//! Paragraph attributes of the markup: named styles (`<style name=…>`) that paragraphs pick
//! with `class`, and the attributes that override them.

use super::Parser;
use crate::diag::Diagnostic;
use crate::model::{mm, Align, ParaStyle};
use roxmltree::Node;
use std::collections::BTreeMap;

/// Attributes a `<p>` or `<style>` may carry.
const PARAGRAPH_ATTRS: [&str; 15] = [
    "class",
    "align",
    "indent",
    "left",
    "right",
    "before",
    "after",
    "size",
    "b",
    "i",
    "keep",
    "tab",
    "spacing",
    "hyphenate",
    "foot",
];

/// Named styles: attribute lists applied before a paragraph's own attributes.
#[derive(Default)]
pub(crate) struct Styles {
    named: BTreeMap<String, Vec<(String, String)>>,
}

impl Styles {
    /// Records a `<style name="…" …/>` element.
    pub(crate) fn define(&mut self, node: Node, p: &Parser) -> Result<(), Diagnostic> {
        let name = node
            .attribute("name")
            .ok_or_else(|| p.error(node, "у <style> нет атрибута name"))?;
        let attrs = node
            .attributes()
            .filter(|a| a.name() != "name")
            .map(|a| (a.name().to_string(), a.value().to_string()))
            .collect();
        self.named.insert(name.to_string(), attrs);
        Ok(())
    }
}

impl Parser<'_> {
    /// The style of `node`: defaults, then its class (or `default_class`), then its attributes.
    pub(crate) fn para_style(
        &self,
        node: Node,
        default_class: Option<&str>,
    ) -> Result<ParaStyle, Diagnostic> {
        let mut style = ParaStyle::plain(self.meta.font_size);
        let class = node.attribute("class").or(default_class);
        if let Some(class) = class {
            match self.styles.named.get(class) {
                Some(attrs) => {
                    for (k, v) in attrs {
                        self.apply(&mut style, node, k, v)?;
                    }
                }
                None if node.attribute("class").is_some() => {
                    return Err(self.error(
                        node,
                        format!("стиль «{class}» не определён (<style name=\"{class}\">)"),
                    ));
                }
                None => {}
            }
        }
        for a in node.attributes() {
            if a.name() != "class" {
                self.apply(&mut style, node, a.name(), a.value())?;
            }
        }
        Ok(style)
    }

    fn apply(
        &self,
        s: &mut ParaStyle,
        node: Node,
        key: &str,
        value: &str,
    ) -> Result<(), Diagnostic> {
        let number = || match value.trim().parse::<f32>() {
            Ok(n) if n.is_finite() => Ok(n),
            _ => Err(self.error(
                node,
                format!("атрибут {key}=\"{value}\" должен быть числом"),
            )),
        };
        // Sizes and line spacing scale every line: zero or less would make no line at all.
        let positive = || match number()? {
            n if n > 0.0 => Ok(n),
            _ => Err(self.error(
                node,
                format!("атрибут {key}=\"{value}\" должен быть больше нуля"),
            )),
        };
        let flag = value == "true";
        match key {
            "align" => {
                s.align = match value {
                    "left" => Align::Left,
                    "center" => Align::Center,
                    "right" => Align::Right,
                    "justify" => Align::Justify,
                    _ => {
                        return Err(self.error(
                            node,
                            format!("align=\"{value}\": ожидается left, center, right или justify"),
                        ))
                    }
                }
            }
            "indent" => s.first_line_indent = mm(number()?),
            "left" => s.indent_left = mm(number()?),
            "right" => s.indent_right = mm(number()?),
            "before" => s.space_before = number()?,
            "after" => s.space_after = number()?,
            "size" => s.font_size = positive()?,
            "spacing" => s.line_spacing = positive()?,
            "b" => s.bold = flag,
            "i" => s.italic = flag,
            "keep" => s.keep_with_next = flag,
            "tab" => s.right_tab = value == "right",
            "hyphenate" => s.hyphenate = flag,
            "foot" => s.at_page_foot = flag,
            _ => {
                return Err(self.error(
                    node,
                    format!(
                        "неизвестный атрибут {key}; у абзаца бывают: {}",
                        PARAGRAPH_ATTRS.join(", ")
                    ),
                ))
            }
        }
        Ok(())
    }
}

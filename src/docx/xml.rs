//! The XML writer of the parts we write ourselves: tags and attributes appended to one
//! string, text escaped here and nowhere else.
//!
//! Every part is written front to back in one pass, so the writer needs no tree: a tag is
//! opened, given its attributes and then either closed at once (`empty`) or left open for
//! children (`open`, later `end`).

use std::fmt::Write as _;

/// An XML text being written.
pub(crate) struct Xml {
    buf: String,
}

impl Xml {
    /// An empty text with room for `capacity` bytes.
    pub(crate) fn with_capacity(capacity: usize) -> Self {
        Xml {
            buf: String::with_capacity(capacity),
        }
    }

    /// Appends markup that is already correct XML, such as a fixed root element.
    pub(crate) fn raw(&mut self, markup: &str) {
        self.buf.push_str(markup);
    }

    /// Starts the tag `name`; its attributes follow on the returned [`Tag`].
    pub(crate) fn tag(&mut self, name: &str) -> Tag<'_> {
        self.buf.push('<');
        self.buf.push_str(name);
        Tag { buf: &mut self.buf }
    }

    /// `<name />`: an element with neither attributes nor children.
    pub(crate) fn empty(&mut self, name: &str) {
        self.tag(name).empty();
    }

    /// `<name>`: opens an element with no attributes.
    pub(crate) fn open(&mut self, name: &str) {
        self.tag(name).open();
    }

    /// `</name>`: closes the element opened last.
    pub(crate) fn end(&mut self, name: &str) {
        self.buf.push_str("</");
        self.buf.push_str(name);
        self.buf.push('>');
    }

    /// Character data, escaped.
    pub(crate) fn text(&mut self, text: &str) {
        escape_into(&mut self.buf, text);
    }

    /// Whether nothing has been written yet.
    pub(crate) fn is_empty(&self) -> bool {
        self.buf.is_empty()
    }

    /// The text written.
    pub(crate) fn finish(self) -> String {
        self.buf
    }
}

/// A start tag being written: attributes, then how it ends.
pub(crate) struct Tag<'a> {
    buf: &'a mut String,
}

impl Tag<'_> {
    /// A text attribute, escaped.
    pub(crate) fn attr(self, name: &str, value: &str) -> Self {
        self.buf.push(' ');
        self.buf.push_str(name);
        self.buf.push_str("=\"");
        escape_into(self.buf, value);
        self.buf.push('"');
        self
    }

    /// A number attribute: digits need no escaping.
    pub(crate) fn num(self, name: &str, value: impl Into<i64>) -> Self {
        // Writing into a String cannot fail.
        let _ = write!(self.buf, " {name}=\"{}\"", value.into());
        self
    }

    /// Ends the start tag; children follow, then [`Xml::end`].
    pub(crate) fn open(self) {
        self.buf.push('>');
    }

    /// Closes the element at once, as `<name … />`.
    pub(crate) fn empty(self) {
        self.buf.push_str(" />");
    }

    /// Closes the element at once without the space, as `<name …/>`. The same XML as
    /// [`Tag::empty`]; the section properties have always been written this way, and
    /// keeping it keeps the files byte for byte what they were.
    pub(crate) fn empty_compact(self) {
        self.buf.push_str("/>");
    }
}

/// Appends `text` escaped for both character data and attribute values: the five markup
/// characters become entities, a line feed a character reference (so attribute
/// normalisation cannot turn it into a space), and a carriage return is dropped (Word and
/// LibreOffice reject a referenced one).
pub(crate) fn escape_into(out: &mut String, text: &str) {
    let mut plain = 0;
    for (i, b) in text.bytes().enumerate() {
        let entity = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&apos;",
            b'\n' => "&#xA;",
            b'\r' => "",
            _ => continue,
        };
        // The bytes matched are ASCII, so `i` is always a character boundary.
        out.push_str(&text[plain..i]);
        out.push_str(entity);
        plain = i + 1;
    }
    out.push_str(&text[plain..]);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_once_and_keeps_the_rest() {
        let mut out = String::new();
        escape_into(&mut out, "a<b>&\"c\"'d'\r\n«№\u{a0}1»");
        assert_eq!(
            out,
            "a&lt;b&gt;&amp;&quot;c&quot;&apos;d&apos;&#xA;«№\u{a0}1»"
        );
    }

    #[test]
    fn writes_tags_attributes_and_text() {
        let mut x = Xml::with_capacity(64);
        x.tag("w:p").attr("w14:paraId", "0000000A").open();
        x.tag("w:jc").attr("w:val", "a&b").empty();
        x.tag("w:ind").num("w:left", -5).empty_compact();
        x.open("w:t");
        x.text("1 < 2");
        x.end("w:t");
        x.empty("w:tab");
        x.end("w:p");
        assert_eq!(
            x.finish(),
            r#"<w:p w14:paraId="0000000A"><w:jc w:val="a&amp;b" /><w:ind w:left="-5"/><w:t>1 &lt; 2</w:t><w:tab /></w:p>"#
        );
    }
}

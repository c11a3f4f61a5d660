//! The `inline` filter and the `introducing` test: the one place where inline text from the
//! data (runs of text with their emphasis, and footnotes) becomes prikaz markup. Text is
//! escaped here, so data can never inject markup.
//!
//! The view hands inline text over as a list of pieces: `{ text, b, i }` for a run of text
//! (`b` and `i` left out when false) and `{ note, b, i }` for a footnote, `note` being the
//! footnote's own pieces. A plain string is accepted too and printed escaped.

use tera::{Kwargs, State, TeraResult, Value};

/// Registers the filter and the test with `tera`.
pub fn register(tera: &mut tera::Tera) {
    tera.register_filter("inline", inline);
    tera.register_test("introducing", introducing);
}

/// `{{ text | inline }}`: the markup of inline text.
fn inline(value: &Value, _: Kwargs, _: &State) -> TeraResult<Value> {
    let mut out = String::new();
    render(value, &mut out);
    Ok(Value::safe_string(&out))
}

/// `{% if text is introducing %}`: the text, without its footnotes, ends with a colon — it
/// introduces what follows and is kept on the page of the next paragraph.
fn introducing(value: &Value, _: Kwargs, _: &State) -> bool {
    let mut plain = String::new();
    match value.as_array() {
        Some(pieces) => {
            for piece in pieces {
                plain.push_str(field(piece, "text").and_then(Value::as_str).unwrap_or(""));
            }
        }
        None => plain.push_str(value.as_str().unwrap_or("")),
    }
    plain.ends_with(':')
}

fn field<'v>(piece: &'v Value, name: &'static str) -> Option<&'v Value> {
    piece.as_map()?.get(&tera::value::Key::Str(name))
}

fn flag(piece: &Value, name: &'static str) -> bool {
    field(piece, name).and_then(Value::as_bool).unwrap_or(false)
}

/// Appends the markup of `value` to `out`.
fn render(value: &Value, out: &mut String) {
    let Some(pieces) = value.as_array() else {
        escape(value.as_str().unwrap_or(""), out);
        return;
    };
    let mut open = Open::default();
    for piece in pieces {
        open.set(flag(piece, "b"), flag(piece, "i"), out);
        if let Some(note) = field(piece, "note") {
            out.push_str("<fn>");
            render(note, out);
            out.push_str("</fn>");
        } else if let Some(text) = field(piece, "text").and_then(Value::as_str) {
            escape(text, out);
        }
    }
    open.set(false, false, out);
}

/// The emphasis elements open at this point of the markup, innermost last.
#[derive(Default)]
struct Open(Vec<&'static str>);

impl Open {
    /// Closes and opens elements so that exactly bold `b` and italic `i` are open, closing
    /// only what must close: the markup stays well nested.
    fn set(&mut self, b: bool, i: bool, out: &mut String) {
        let wanted = |tag: &str| if tag == "b" { b } else { i };
        let keep = self.0.iter().take_while(|t| wanted(t)).count();
        while self.0.len() > keep {
            let tag = self.0.pop().unwrap_or_default();
            out.push_str("</");
            out.push_str(tag);
            out.push('>');
        }
        for (tag, on) in [("b", b), ("i", i)] {
            if on && !self.0.contains(&tag) {
                out.push('<');
                out.push_str(tag);
                out.push('>');
                self.0.push(tag);
            }
        }
    }
}

/// Appends `text` with the characters that markup reserves escaped.
fn escape(text: &str, out: &mut String) {
    // Runs between special characters are copied whole.
    let mut rest = text;
    while let Some(at) = rest.find(['<', '>', '&', '"', '\'']) {
        out.push_str(&rest[..at]);
        out.push_str(match rest.as_bytes()[at] {
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'&' => "&amp;",
            b'"' => "&quot;",
            _ => "&apos;",
        });
        rest = &rest[at + 1..];
    }
    out.push_str(rest);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::view::{Inline, Piece};

    fn run(text: &str, b: bool, i: bool) -> Piece {
        Piece::Text {
            text: text.into(),
            b,
            i,
        }
    }

    fn markup(pieces: Vec<Piece>) -> String {
        let mut out = String::new();
        render(&Value::from_serializable(&Inline(pieces)), &mut out);
        out
    }

    #[test]
    fn runs_and_footnotes_become_markup() {
        let note = Piece::Note {
            note: Inline(vec![run("Сноска «1».", false, false)]),
            b: true,
            i: false,
        };
        let pieces = vec![
            run("a ", false, false),
            run("b", false, true),
            run(" ", false, false),
            run("c", true, false),
            note,
        ];
        assert_eq!(markup(pieces), "a <i>b</i> <b>c<fn>Сноска «1».</fn></b>");
    }

    #[test]
    fn emphasis_stays_well_nested() {
        let pieces = vec![
            run("a ", false, true),
            run("b", true, true),
            run(" c", false, true),
        ];
        assert_eq!(markup(pieces), "<i>a <b>b</b> c</i>");
        let pieces = vec![
            run("a", true, false),
            run("b", true, true),
            run("c", false, true),
        ];
        assert_eq!(markup(pieces), "<b>a<i>b</i></b><i>c</i>");
    }

    #[test]
    fn text_is_escaped_here() {
        let pieces = vec![run("<p>x & \"y\" 'z'</p>", false, false)];
        assert_eq!(
            markup(pieces),
            "&lt;p&gt;x &amp; &quot;y&quot; &apos;z&apos;&lt;/p&gt;"
        );
        let mut out = String::new();
        render(&Value::from("a<b"), &mut out);
        assert_eq!(out, "a&lt;b");
    }

    #[test]
    fn text_ending_with_a_colon_introduces_what_follows() {
        let note = Piece::Note {
            note: Inline(vec![run("x", false, false)]),
            b: false,
            i: false,
        };
        let is = |pieces: Vec<Piece>| {
            let value = Value::from_serializable(&Inline(pieces));
            introducing(&value, Kwargs::default(), &State::new(&Default::default()))
        };
        assert!(is(vec![run("Руководителям:", false, false), note.clone()]));
        assert!(is(vec![
            run("Руководителям", false, false),
            run(":", true, false)
        ]));
        assert!(!is(vec![run("Руководителям.", false, false)]));
    }
}

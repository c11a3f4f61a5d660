//! The lines of an appendix's mark («Приложение 2 / к приказу … / от … № …», «УТВЕРЖДЕНА /
//! приказом … / от … № …»): the organisation's own forms from its `[marks]` table, or today's
//! default lines, with `{placeholders}` filled from the order and the appendix.

use super::build::Builder;
use super::profile::Profile;
use super::raw::{MarksData, Text};
use super::view::{Inline, OrderView, OrgView, PartView};

/// The placeholders a mark line may use.
const PLACEHOLDERS: [&str; 7] = [
    "n",
    "approved",
    "kind_dative",
    "kind_instr",
    "org",
    "date",
    "number",
];

/// A piece of a line with placeholders: text as written, or a placeholder (one of
/// [`PLACEHOLDERS`] in a mark line; the QR code's text has its own).
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Token {
    Text(String),
    Slot(&'static str),
}

/// A mark line, parsed.
pub(super) type Line = Vec<Token>;

/// The forms of both marks an order's appendices use.
#[derive(Debug, Clone)]
pub(super) struct MarkForms {
    appendix: Vec<Line>,
    approval: Vec<Line>,
}

impl MarkForms {
    /// The profile's lines, the default when the organisation file has no `[marks]`.
    pub(super) fn of(profile: &Profile) -> Self {
        let parse = |lines: &[&str]| lines.iter().map(|l| tokens(l).0).collect();
        MarkForms {
            appendix: parse(profile.appendix_mark),
            approval: parse(profile.approval_mark),
        }
    }
}

/// `line` split into text and mark placeholders (see [`tokens_in`]).
fn tokens(line: &str) -> (Line, Vec<(usize, String)>) {
    tokens_in(line, &PLACEHOLDERS)
}

/// `line` split into text and the placeholders of `known`, and the byte offsets of `{…}`
/// that name none of them (or are never closed), with what was written there.
pub(super) fn tokens_in(line: &str, known: &[&'static str]) -> (Line, Vec<(usize, String)>) {
    let mut out = Vec::new();
    let mut bad = Vec::new();
    let mut rest = line;
    let mut at = 0;
    while let Some(open) = rest.find('{') {
        push_text(&mut out, &rest[..open]);
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else {
            bad.push((at + open, rest[open..].to_string()));
            push_text(&mut out, &rest[open..]);
            rest = "";
            break;
        };
        let name = &after[..close];
        match known.iter().find(|p| **p == name) {
            Some(p) => out.push(Token::Slot(p)),
            None => {
                bad.push((at + open, format!("{{{name}}}")));
                push_text(&mut out, &rest[open..open + close + 2]);
            }
        }
        at += open + close + 2;
        rest = &rest[open + close + 2..];
    }
    push_text(&mut out, rest);
    (out, bad)
}

fn push_text(out: &mut Line, text: &str) {
    if text.is_empty() {
        return;
    }
    match out.last_mut() {
        Some(Token::Text(t)) => t.push_str(text),
        _ => out.push(Token::Text(text.to_string())),
    }
}

/// What fills the placeholders of one appendix's mark.
pub(super) struct MarkValues<'a> {
    pub(super) order: &'a OrderView,
    pub(super) org: Option<&'a OrgView>,
}

impl Builder {
    /// The forms of the marks set in the organisation file (source `src`); a placeholder it
    /// does not know is an error at its `{`.
    pub(super) fn mark_forms(
        &mut self,
        marks: Option<&MarksData>,
        src: usize,
        profile: &Profile,
    ) -> MarkForms {
        let mut forms = MarkForms::of(profile);
        let Some(marks) = marks else {
            return forms;
        };
        if let Some(lines) = &marks.appendix {
            forms.appendix = self.mark_lines_of(lines, src);
        }
        if let Some(lines) = &marks.approval {
            forms.approval = self.mark_lines_of(lines, src);
        }
        forms
    }

    /// The lines of a mark as written in `[marks]`; `\n` inside an entry breaks it too.
    fn mark_lines_of(&mut self, lines: &[Text], src: usize) -> Vec<Line> {
        let mut out = Vec::new();
        for text in lines {
            let mut base = 0;
            for piece in text.split('\n') {
                let (line, bad) = tokens(piece);
                for (at, written) in bad {
                    self.unknown_placeholder(text, base + at, &written, src);
                }
                out.push(line);
                base += piece.len() + 1;
            }
        }
        out
    }

    /// An error at the `{` of an unknown placeholder, byte `at` of `text`.
    fn unknown_placeholder(&mut self, text: &Text, at: usize, written: &str, src: usize) {
        let place = (text, at, src);
        self.placeholder_error(place, written, "в строке отметки", &PLACEHOLDERS);
    }

    /// An error at the `{` of a placeholder not among `known`, byte `at` of `text` read from
    /// source `src`; `whose` says where it was written («в строке отметки»).
    pub(super) fn placeholder_error(
        &mut self,
        (text, at, src): (&Text, usize, usize),
        written: &str,
        whose: &str,
        known: &[&str],
    ) {
        let at = self.inside(src, text, at);
        let known: Vec<String> = known.iter().map(|p| format!("{{{p}}}")).collect();
        let known = known.join(", ");
        self.error(
            src,
            at,
            format!("неизвестная подстановка «{written}» {whose}; допустимы: {known}"),
        );
    }
}

impl MarkForms {
    /// The lines of `part`'s mark; none for a part without a mark.
    pub(super) fn lines(&self, part: &PartView, values: &MarkValues) -> Vec<Inline> {
        let form = match part.mark.as_str() {
            "appendix" => &self.appendix,
            "approval" => &self.approval,
            _ => return Vec::new(),
        };
        form.iter().map(|l| fill(l, part, values)).collect()
    }
}

/// A line with its placeholders filled. `{n}` of an unnumbered appendix is left out with the
/// space before it: «Приложение {n}» → «Приложение».
fn fill(line: &Line, part: &PartView, v: &MarkValues) -> Inline {
    let mut out = Inline::default();
    let mut text = String::new();
    for token in line {
        match token {
            Token::Text(t) => text.push_str(t),
            Token::Slot("n") if part.number.is_none() => {
                if text.ends_with(' ') {
                    text.pop();
                }
            }
            Token::Slot(slot) => {
                if *slot == "number" && text.ends_with("№ ") {
                    // As typography does everywhere: the number never leaves its «№».
                    text.pop();
                    text.push('\u{a0}');
                }
                let value = slot_value(slot, part, v);
                out = out
                    .append(Inline::plain(std::mem::take(&mut text)))
                    .append(value);
            }
        }
    }
    out.append(Inline::plain(text))
}

/// What placeholder `slot` stands for in `part`'s mark; a draft's date and number are blanks.
fn slot_value(slot: &str, part: &PartView, v: &MarkValues) -> Inline {
    let order = v.order;
    let instr = order.kind == "распоряжение";
    let text = match slot {
        "n" => part.number.map(|n| n.to_string()).unwrap_or_default(),
        "approved" => part.approved.clone(),
        "kind_dative" if instr => "распоряжению".into(),
        "kind_dative" => "приказу".into(),
        "kind_instr" if instr => "распоряжением".into(),
        "kind_instr" => "приказом".into(),
        "date" => order.date.clone().unwrap_or_else(|| "____________".into()),
        "number" => {
            return (order.number.clone()).unwrap_or_else(|| Inline::plain("______"));
        }
        // `{org}`, the one placeholder left.
        _ => return v.org.map(|o| o.in_marks.clone()).unwrap_or_default(),
    };
    Inline::plain(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_split_into_text_and_placeholders() {
        let (line, bad) = tokens("к {kind_dative} управления");
        assert!(bad.is_empty());
        assert_eq!(
            line,
            vec![
                Token::Text("к ".into()),
                Token::Slot("kind_dative"),
                Token::Text(" управления".into())
            ]
        );
    }

    #[test]
    fn unknown_and_unclosed_placeholders_are_found_at_their_brace() {
        let (_, bad) = tokens("от {dat} № {number} {x");
        assert_eq!(bad, vec![(5, "{dat}".into()), (24, "{x".into())]);
    }
}

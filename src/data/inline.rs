//! Inline text of the data files to markup: escapes XML, turns `*italic*`, `**bold**` and
//! `[^key]` footnote marks into markup elements, and puts in the no-break spaces Russian
//! typography wants (after «№», between initials and surname, before «г.»/«гг.»).

use std::collections::BTreeMap;

/// No-break space.
pub const NBSP: char = '\u{a0}';

/// A footnote mark that names no footnote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MissingFootnote {
    /// The key written in the mark.
    pub key: String,
}

/// Converts `text` to markup. Footnote marks are resolved in `notes`; a mark naming no
/// footnote is reported and left out of the output.
pub fn to_markup(
    text: &str,
    notes: &BTreeMap<String, String>,
    missing: &mut Vec<MissingFootnote>,
) -> String {
    let text = typography(text);
    let mut out = String::with_capacity(text.len() + 16);
    let mut rest = text.as_str();
    let mut open = Emphasis::default();
    while let Some(i) = rest.find(['*', '[', '<', '>', '&', '"', '\'']) {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        if let Some(after) = tail.strip_prefix("**") {
            out.push_str(if open.toggle_bold() { "<b>" } else { "</b>" });
            rest = after;
        } else if let Some(after) = tail.strip_prefix('*') {
            out.push_str(if open.toggle_italic() { "<i>" } else { "</i>" });
            rest = after;
        } else if let Some((key, after)) = footnote_mark(tail) {
            match notes.get(key) {
                Some(note) => {
                    out.push_str("<fn>");
                    out.push_str(&to_markup(note, &BTreeMap::new(), missing));
                    out.push_str("</fn>");
                }
                None => missing.push(MissingFootnote {
                    key: key.to_string(),
                }),
            }
            rest = after;
        } else {
            let c = tail.chars().next().unwrap_or('[');
            out.push_str(escape_char(c));
            rest = &tail[c.len_utf8()..];
        }
    }
    out.push_str(rest);
    open.close(&mut out);
    out
}

/// Which emphasis is open, to close it at the end and keep the markup well-formed.
#[derive(Default)]
struct Emphasis {
    bold: bool,
    italic: bool,
}

impl Emphasis {
    fn toggle_bold(&mut self) -> bool {
        self.bold = !self.bold;
        self.bold
    }
    fn toggle_italic(&mut self) -> bool {
        self.italic = !self.italic;
        self.italic
    }
    fn close(&self, out: &mut String) {
        if self.italic {
            out.push_str("</i>");
        }
        if self.bold {
            out.push_str("</b>");
        }
    }
}

/// `[^key]` at the start of `s`: the key and what follows the mark.
fn footnote_mark(s: &str) -> Option<(&str, &str)> {
    let body = s.strip_prefix("[^")?;
    let end = body.find(']')?;
    let key = &body[..end];
    if key.is_empty() || key.contains(char::is_whitespace) {
        return None;
    }
    Some((key, &body[end + 1..]))
}

fn escape_char(c: char) -> &'static str {
    match c {
        '<' => "&lt;",
        '>' => "&gt;",
        '&' => "&amp;",
        '"' => "&quot;",
        '\'' => "&apos;",
        _ => "[",
    }
}

/// Escapes text for use in markup without interpreting emphasis or footnotes.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' | '>' | '&' | '"' | '\'' => out.push_str(escape_char(c)),
            _ => out.push(c),
        }
    }
    out
}

/// Puts no-break spaces where Russian typography wants them.
pub fn typography(text: &str) -> String {
    let words: Vec<&str> = text.split(' ').collect();
    let mut out = String::with_capacity(text.len());
    for (i, w) in words.iter().enumerate() {
        out.push_str(w);
        if let Some(next) = words.get(i + 1) {
            let glue = *w == "№"
                || is_initials(w) && starts_upper(next)
                || starts_upper(w) && is_initials(trim_punct(next)) && w.chars().count() > 2
                || *next == "г."
                || next.starts_with("г.,")
                || next.starts_with("гг.")
                || is_initial(w) && is_initial(next);
            out.push(if glue { NBSP } else { ' ' });
        }
    }
    out
}

fn trim_punct(w: &str) -> &str {
    w.trim_end_matches([',', ';', ')', ':'])
}

fn starts_upper(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

/// «А.», a single capital initial with its full stop.
fn is_initial(w: &str) -> bool {
    let mut c = w.chars();
    matches!((c.next(), c.next(), c.next()), (Some(a), Some('.'), None) if a.is_uppercase())
}

/// «А.Г.» or «А.», capital letters each followed by a full stop.
fn is_initials(w: &str) -> bool {
    // Called for every word of every text: no allocation, at most four characters looked at.
    let mut chars = w.chars();
    let mut pairs = 0;
    loop {
        match (chars.next(), chars.next()) {
            (None, _) => return pairs > 0,
            (Some(c), Some('.')) if c.is_uppercase() && pairs < 2 => pairs += 1,
            _ => return false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn md(s: &str) -> String {
        let mut notes = BTreeMap::new();
        notes.insert("1".to_string(), "Сноска «1».".to_string());
        to_markup(s, &notes, &mut Vec::new())
    }

    #[test]
    fn emphasis_and_footnotes_become_markup() {
        assert_eq!(
            md("a *b* **c**[^1]"),
            "a <i>b</i> <b>c</b><fn>Сноска «1».</fn>"
        );
    }

    #[test]
    fn markup_in_data_is_escaped() {
        assert_eq!(md("<p>x & y</p>"), "&lt;p&gt;x &amp; y&lt;/p&gt;");
    }

    #[test]
    fn missing_footnote_is_reported() {
        let mut missing = Vec::new();
        to_markup("x[^9]", &BTreeMap::new(), &mut missing);
        assert_eq!(missing, vec![MissingFootnote { key: "9".into() }]);
    }

    #[test]
    fn no_break_spaces_where_russian_typography_wants_them() {
        assert_eq!(typography("№ 368"), "№\u{a0}368");
        assert_eq!(typography("А.Г. Обоскалов"), "А.Г.\u{a0}Обоскалов");
        assert_eq!(typography("Маковецкая Ю.Г., 8"), "Маковецкая\u{a0}Ю.Г., 8");
        assert_eq!(typography("Ю. В. Ребикова"), "Ю.\u{a0}В.\u{a0}Ребикова");
        assert_eq!(typography("2023 г. и"), "2023\u{a0}г. и");
    }

    #[test]
    fn initials_are_one_or_two_capitals_with_stops() {
        for yes in ["А.", "А.Г.", "W."] {
            assert!(is_initials(yes), "{yes}");
        }
        for no in ["", "а.", "А", "А.Г", "А.Г.В.", "АГ.", "г.", "No."] {
            assert!(!is_initials(no), "{no}");
        }
    }
}

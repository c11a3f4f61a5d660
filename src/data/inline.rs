//! Inline text of the data files, parsed: `*italic*` and `**bold**` become runs of text with
//! their emphasis, `[^key]` becomes a footnote mark and `[#id]` a reference to a clause that
//! the builder resolves, and the
//! no-break spaces Russian typography wants (after «№», between initials and surname, before
//! «г.»/«гг.») are put in. Nothing here writes markup: the templates' `inline` filter does.

/// No-break space.
pub const NBSP: char = '\u{a0}';

/// Emphasis of a run of text.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Style {
    /// Bold.
    pub b: bool,
    /// Italic.
    pub i: bool,
}

/// A piece of parsed inline text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Part<'t> {
    /// Text with its emphasis, typography applied.
    Text {
        /// The text.
        text: String,
        /// Its emphasis.
        style: Style,
    },
    /// A footnote mark `[^key]`.
    Mark {
        /// The key written in the mark.
        key: &'t str,
        /// Byte offset of the mark's `[` in the parsed text.
        at: usize,
        /// The emphasis around the mark.
        style: Style,
    },
    /// A reference `[#id]` to a clause: its number stands here.
    Ref {
        /// The id written in the reference.
        id: &'t str,
        /// Byte offset of the reference's `[` in the parsed text.
        at: usize,
        /// The emphasis around the reference.
        style: Style,
    },
}

/// Parses `text` into runs and footnote marks. Stars pair up as in Markdown: `*…*` is italic,
/// `**…**` bold; a star that finds no partner (or has spaces on both sides) stays a star, and
/// `\*` or `\[` writes the character itself («3\*4» is «3*4»).
pub fn parse(text: &str) -> Vec<Part<'_>> {
    let glue = glue_points(text);
    let toggles = paired_stars(text);
    let mut parts = Vec::new();
    let mut style = Style::default();
    let mut run = String::new();
    let mut i = 0;
    while let Some(j) = text[i..].find(['*', '[', '\\']).map(|j| i + j) {
        push_glued(&mut run, text, i..j, &glue);
        let tail = &text[j..];
        if let Some((key, len)) = footnote_mark(tail) {
            flush(&mut run, style, &mut parts);
            parts.push(Part::Mark { key, at: j, style });
            i = j + len;
        } else if let Some((id, len)) = clause_ref(tail) {
            flush(&mut run, style, &mut parts);
            parts.push(Part::Ref { id, at: j, style });
            i = j + len;
        } else if escaped(tail) {
            run.push_str(&tail[1..2]);
            i = j + 2;
        } else if tail.starts_with('*') {
            let len = star_len(tail);
            if toggles.binary_search(&j).is_ok() {
                flush(&mut run, style, &mut parts);
                match len {
                    2 => style.b = !style.b,
                    _ => style.i = !style.i,
                }
            } else {
                run.push_str(&tail[..len]);
            }
            i = j + len;
        } else {
            run.push_str(&tail[..1]);
            i = j + 1;
        }
    }
    push_glued(&mut run, text, i..text.len(), &glue);
    flush(&mut run, style, &mut parts);
    parts
}

/// `\*` or `\[` at the start of `s`.
fn escaped(s: &str) -> bool {
    s.starts_with("\\*") || s.starts_with("\\[")
}

/// Length of the star delimiter at the start of `s`: a double star is bold, a single one
/// italic (`***` is read as `**` then `*`).
fn star_len(s: &str) -> usize {
    if s.starts_with("**") {
        2
    } else {
        1
    }
}

/// Byte offsets of the star delimiters that open or close emphasis, sorted. One pass with a
/// stack per kind: a delimiter that can close (no space before it) closes the nearest open
/// one of its kind; otherwise one that can open (no space after it) opens. What is left
/// unpaired is literal text.
fn paired_stars(text: &str) -> Vec<usize> {
    let (mut open_b, mut open_i, mut pairs) = (Vec::new(), Vec::new(), Vec::new());
    let mut i = 0;
    while let Some(j) = text[i..].find(['*', '\\']).map(|j| i + j) {
        let tail = &text[j..];
        if escaped(tail) || !tail.starts_with('*') {
            i = j + if escaped(tail) { 2 } else { 1 };
            continue;
        }
        let len = star_len(tail);
        let before = text[..j]
            .chars()
            .next_back()
            .is_some_and(|c| !c.is_whitespace());
        let after = text[j + len..]
            .chars()
            .next()
            .is_some_and(|c| !c.is_whitespace());
        let stack = if len == 2 { &mut open_b } else { &mut open_i };
        match (before, stack.pop()) {
            (true, Some(opener)) => pairs.extend([opener, j]),
            (_, opener) => {
                stack.extend(opener);
                if after {
                    stack.push(j);
                }
            }
        }
        i = j + len;
    }
    pairs.sort_unstable();
    pairs
}

/// Ends the run of text collected so far, if there is one.
fn flush(run: &mut String, style: Style, parts: &mut Vec<Part>) {
    if !run.is_empty() {
        let text = std::mem::take(run);
        parts.push(Part::Text { text, style });
    }
}

/// `[^key]` at the start of `s`: the key and the length of the mark.
fn footnote_mark(s: &str) -> Option<(&str, usize)> {
    let body = s.strip_prefix("[^")?;
    let end = body.find(']')?;
    let key = &body[..end];
    if key.is_empty() || key.contains(char::is_whitespace) {
        return None;
    }
    Some((key, end + 3))
}

/// `[#id]` at the start of `s`: the id and the length of the reference.
fn clause_ref(s: &str) -> Option<(&str, usize)> {
    let body = s.strip_prefix("[#")?;
    let end = body.find(']')?;
    let id = &body[..end];
    if id.is_empty() || id.contains(char::is_whitespace) {
        return None;
    }
    Some((id, end + 3))
}

/// Appends `text[range]` to `out`, the spaces at `glue` turned into no-break spaces.
fn push_glued(out: &mut String, text: &str, range: std::ops::Range<usize>, glue: &[usize]) {
    let mut from = range.start;
    let first = glue.partition_point(|&g| g < range.start);
    for &g in glue[first..].iter().take_while(|&&g| g < range.end) {
        out.push_str(&text[from..g]);
        out.push(NBSP);
        from = g + 1;
    }
    out.push_str(&text[from..range.end]);
}

/// Puts no-break spaces where Russian typography wants them.
pub fn typography(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    push_glued(&mut out, text, 0..text.len(), &glue_points(text));
    out
}

/// Byte offsets of the spaces of `text` that Russian typography wants unbreakable.
fn glue_points(text: &str) -> Vec<usize> {
    let words: Vec<&str> = text.split(' ').collect();
    let mut points = Vec::new();
    let mut at = 0;
    for (i, w) in words.iter().enumerate() {
        at += w.len();
        if let Some(next) = words.get(i + 1) {
            let glue = *w == "№"
                || is_initials(w) && starts_upper(next)
                || starts_upper(w) && is_initials(trim_punct(next)) && w.chars().count() > 2
                || *next == "г."
                || next.starts_with("г.,")
                || next.starts_with("гг.")
                || is_initial(w) && is_initial(next);
            if glue {
                points.push(at);
            }
            at += 1;
        }
    }
    points
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

    fn text(s: &str, b: bool, i: bool) -> Part<'_> {
        Part::Text {
            text: s.to_string(),
            style: Style { b, i },
        }
    }

    #[test]
    fn emphasis_and_footnote_marks_are_parsed() {
        assert_eq!(
            parse("a *b* **c**[^1] [x]"),
            vec![
                text("a ", false, false),
                text("b", false, true),
                text(" ", false, false),
                text("c", true, false),
                Part::Mark {
                    key: "1",
                    at: 11,
                    style: Style::default()
                },
                text(" [x]", false, false),
            ]
        );
    }

    #[test]
    fn clause_references_are_parsed() {
        assert_eq!(
            parse("пунктом [#scope] и [# x]"),
            vec![
                text("пунктом ", false, false),
                Part::Ref {
                    id: "scope",
                    at: 15,
                    style: Style::default()
                },
                text(" и [# x]", false, false),
            ]
        );
    }

    #[test]
    fn a_mark_keeps_the_emphasis_around_it() {
        assert_eq!(
            parse("**x[^k]**")[1],
            Part::Mark {
                key: "k",
                at: 3,
                style: Style { b: true, i: false }
            }
        );
    }

    #[test]
    fn a_star_without_a_partner_or_escaped_stays_a_star() {
        assert_eq!(parse("3\\*4 и 3*4"), vec![text("3*4 и 3*4", false, false)]);
        assert_eq!(parse("2 * 3 = 6"), vec![text("2 * 3 = 6", false, false)]);
        assert_eq!(parse("\\[^1]"), vec![text("[^1]", false, false)]);
        assert_eq!(parse("\\[#a]"), vec![text("[#a]", false, false)]);
    }

    #[test]
    fn interleaved_emphasis_pairs_each_kind() {
        assert_eq!(
            parse("***x*** **a *b** c*"),
            vec![
                text("x", true, true),
                text(" ", false, false),
                text("a ", true, false),
                text("b", true, true),
                text(" c", false, true),
            ]
        );
    }

    #[test]
    fn markup_characters_stay_text() {
        assert_eq!(parse("<p>&"), vec![text("<p>&", false, false)]);
    }

    #[test]
    fn no_break_spaces_where_russian_typography_wants_them() {
        assert_eq!(typography("№ 368"), "№\u{a0}368");
        assert_eq!(typography("А.Г. Обоскалов"), "А.Г.\u{a0}Обоскалов");
        assert_eq!(typography("Маковецкая Ю.Г., 8"), "Маковецкая\u{a0}Ю.Г., 8");
        assert_eq!(typography("Ю. В. Ребикова"), "Ю.\u{a0}В.\u{a0}Ребикова");
        assert_eq!(typography("2023 г. и"), "2023\u{a0}г. и");
        assert_eq!(
            parse("**№ 5** г."),
            vec![text("№ 5", true, false), text("\u{a0}г.", false, false)]
        );
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

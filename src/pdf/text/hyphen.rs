//! Russian hyphenation points through `hypher`.
//!
//! Words are found as runs of letters inside a text segment, so quotes, punctuation and
//! no-break spaces around a word never hide it from the patterns.

use hypher::{hyphenate_bounded, Lang};

/// hypher works on a fixed buffer without its `alloc` feature and panics above this many
/// bytes; longer words are hyphenated in overlapping windows.
const MAX_BYTES: usize = hypher::MAX_INLINE_SIZE;

/// Letters kept between a break and the artificial edge of a window: Russian patterns are
/// short, so points this far inside a window agree with the whole word.
const WINDOW_MARGIN: usize = 4;

/// Fewest letters left on either side of a break.
const MIN_SIDE: usize = 2;

/// Shortest word that is hyphenated at all. LibreOffice's default (and Word's practice) for
/// Russian: «го-да» and «на-ук» stay whole, as they do when the DOCX is opened.
const MIN_WORD: usize = 5;

/// Byte offsets in `text` where a word may be broken with a hyphen, ascending.
pub fn hyphen_points(text: &str) -> Vec<usize> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    for (i, c) in text.char_indices() {
        match (is_letter(c), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                word_points(&text[s..i], s, &mut out);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        word_points(&text[s..], s, &mut out);
    }
    out
}

/// `char::is_alphabetic` with the common cases first: it is slow outside ASCII.
pub(crate) fn is_letter(c: char) -> bool {
    match c {
        'a'..='z' | 'A'..='Z' | 'а'..='я' | 'А'..='Я' | 'ё' | 'Ё' => true,
        _ if c.is_ascii() => false,
        _ => c.is_alphabetic(),
    }
}

/// Adds the break points of one word (all letters) that starts at byte `base`.
fn word_points(word: &str, base: usize, out: &mut Vec<usize>) {
    let offsets: Vec<usize> = word.char_indices().map(|(i, _)| i).collect();
    let n = offsets.len();
    if n < MIN_WORD.max(2 * MIN_SIDE) {
        return;
    }
    if word.len() <= MAX_BYTES {
        push_syllables(word, base, MIN_SIDE, MIN_SIDE, out);
        return;
    }
    let byte = |k: usize| if k == n { word.len() } else { offsets[k] };
    let mut s = 0;
    loop {
        let mut e = s;
        while e < n && byte(e + 1) - byte(s) <= MAX_BYTES {
            e += 1;
        }
        let mut found = Vec::new();
        let left = if s == 0 { MIN_SIDE } else { 1 };
        let right = if e == n { MIN_SIDE } else { 1 };
        push_syllables(&word[byte(s)..byte(e)], byte(s), left, right, &mut found);
        let lo = if s == 0 { 0 } else { byte(s + WINDOW_MARGIN) };
        let hi = if e == n {
            word.len()
        } else {
            byte(e - WINDOW_MARGIN)
        };
        out.extend(
            found
                .into_iter()
                .filter(|p| *p >= lo && *p < hi)
                .map(|p| p + base),
        );
        if e == n {
            break;
        }
        s = e - 2 * WINDOW_MARGIN;
    }
}

fn push_syllables(word: &str, base: usize, left: usize, right: usize, out: &mut Vec<usize>) {
    let mut at = base;
    let mut syllables = hyphenate_bounded(word, Lang::Russian, left, right).peekable();
    while let Some(s) = syllables.next() {
        at += s.len();
        if syllables.peek().is_some() {
            out.push(at);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        let mut parts = Vec::new();
        let mut last = 0;
        for p in hyphen_points(text) {
            parts.push(&text[last..p]);
            last = p;
        }
        parts.push(&text[last..]);
        parts
    }

    #[test]
    fn russian_words_break_into_syllables() {
        assert_eq!(split("образования"), ["об", "ра", "зо", "ва", "ния"]);
    }

    #[test]
    fn punctuation_around_a_word_is_kept_out() {
        let parts = split("«образования»,");
        assert_eq!(parts.first(), Some(&"«об"));
        assert_eq!(parts.last(), Some(&"ния»,"));
    }

    #[test]
    fn short_words_stay_whole() {
        assert!(hyphen_points("от").is_empty());
        assert!(hyphen_points("А.Г.").is_empty());
        assert!(hyphen_points("года").is_empty());
        assert!(hyphen_points("наук,").is_empty());
        assert!(!hyphen_points("науки").is_empty());
    }

    #[test]
    fn words_longer_than_the_hypher_buffer_still_break() {
        let word = "высококвалифицированныхпреподавателей";
        assert!(word.len() > MAX_BYTES);
        let points = hyphen_points(word);
        assert!(points.len() > 5, "{points:?}");
        assert!(points.windows(2).all(|w| w[0] < w[1]));
        assert!(points.iter().all(|p| word.is_char_boundary(*p)));
    }
}

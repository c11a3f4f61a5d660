//! Splitting a word that does not fit: at a hyphenation point (adding «-»), or, when even
//! its first syllable is too wide for an empty line, between any two letters.

use super::measure::Measure;
use super::tokens::{Seg, SegKind, Word};

/// Splits `word` at the last hyphenation point whose left part, hyphen included, is at most
/// `avail` wide.
pub(crate) fn hyphen_split(word: &Word, avail: f32, m: &mut Measure) -> Option<(Word, Word)> {
    // Two letters and a hyphen take more than an em: with less than half of one there is
    // no need to look for points.
    if word.segs.first().is_none_or(|s| avail < s.size / 2.0) {
        return None;
    }
    let mut before: f32 = 0.0;
    let starts: Vec<f32> = word
        .segs
        .iter()
        .map(|s| {
            let x = before;
            before += s.width;
            x
        })
        .collect();
    for (i, seg) in word.segs.iter().enumerate().rev() {
        if seg.kind != SegKind::Text || starts[i] >= avail {
            continue;
        }
        for &p in m.hyphen_points(&seg.text).iter().rev() {
            let mut left = seg.text[..p].to_string();
            left.push('-');
            let w = starts[i] + piece_width(m, seg, &left);
            if w <= avail {
                return Some(cut(word, i, left, p, m));
            }
        }
    }
    None
}

/// Splits `word` after as many characters as fit in `avail` (at least one). `None` when the
/// word cannot be split (a single character or a single mark).
pub(crate) fn char_split(word: &Word, avail: f32, m: &Measure) -> Option<(Word, Word)> {
    let mut x = 0.0;
    for (i, seg) in word.segs.iter().enumerate() {
        if x + seg.width <= avail {
            x += seg.width;
            continue;
        }
        let bounds: Vec<usize> = seg.text.char_indices().map(|(b, _)| b).skip(1).collect();
        // The longest prefix that fits: widths grow with the prefix, so bisect.
        let (mut lo, mut hi) = (0, bounds.len());
        while lo < hi {
            let mid = (lo + hi).div_ceil(2);
            if x + piece_width(m, seg, &seg.text[..bounds[mid - 1]]) <= avail {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        if lo == 0 && i > 0 {
            return Some(between(word, i));
        }
        let k = lo.max(1);
        if seg.kind != SegKind::Text || k > bounds.len() {
            return (i + 1 < word.segs.len()).then(|| between(word, i + 1));
        }
        let p = bounds[k - 1];
        return Some(cut(word, i, seg.text[..p].to_string(), p, m));
    }
    None
}

/// Cuts a word far wider than a line into words at most `limit` wide (a single character
/// may be wider), in one pass over its characters. Breaking then works on pieces of bounded
/// size, so a word of any length costs time in proportion to its length: splitting and
/// hyphenating the whole rest of a 60,000-character word at every line was quadratic.
/// Words up to `limit` come back whole.
pub(crate) fn chunks(word: Word, limit: f32, m: &mut Measure) -> Vec<Word> {
    if word.width <= limit {
        return vec![word];
    }
    let mut out = Vec::new();
    let mut current: Vec<Seg> = Vec::new();
    let mut current_w = 0.0;
    for seg in word.segs {
        for piece in seg_pieces(seg, limit, m) {
            if current_w + piece.width > limit && !current.is_empty() {
                out.push(Word::new(std::mem::take(&mut current)));
                current_w = 0.0;
            }
            current_w += piece.width;
            current.push(piece);
        }
    }
    if !current.is_empty() {
        out.push(Word::new(current));
    }
    out
}

/// `seg` cut between characters into pieces at most `limit` wide, by the characters' own
/// advances (kerning across a cut is lost, which a word this long does not miss).
fn seg_pieces(seg: Seg, limit: f32, m: &mut Measure) -> Vec<Seg> {
    if seg.width <= limit || seg.kind != SegKind::Text {
        return vec![seg];
    }
    let mut pieces = Vec::new();
    let (mut start, mut w) = (0, 0.0);
    let mut buf = [0u8; 4];
    for (i, c) in seg.text.char_indices() {
        let cw = m.width(seg.face, seg.size, c.encode_utf8(&mut buf)) + seg.spacing;
        if w + cw > limit && i > start {
            pieces.push(seg_part(&seg, start, i, m));
            (start, w) = (i, 0.0);
        }
        w += cw;
    }
    pieces.push(seg_part(&seg, start, seg.text.len(), m));
    pieces
}

fn seg_part(seg: &Seg, from: usize, to: usize, m: &Measure) -> Seg {
    let text = seg.text[from..to].to_string();
    Seg {
        width: piece_width(m, seg, &text),
        text,
        ..seg.clone()
    }
}

/// Width of `text` set like `seg`, not cached: split pieces rarely repeat.
fn piece_width(m: &Measure, seg: &Seg, text: &str) -> f32 {
    let w = m.width_once(seg.face, seg.size, text);
    if seg.spacing == 0.0 {
        w
    } else {
        w + seg.spacing * text.chars().count() as f32
    }
}

/// The word cut inside segment `i`: `left` ends the first part, `seg.text[p..]` starts the
/// second.
fn cut(word: &Word, i: usize, left: String, p: usize, m: &Measure) -> (Word, Word) {
    let seg = &word.segs[i];
    let piece = |text: String| Seg {
        width: piece_width(m, seg, &text),
        text,
        ..seg.clone()
    };
    let mut a: Vec<Seg> = word.segs[..i].to_vec();
    a.push(piece(left));
    let mut b = vec![piece(seg.text[p..].to_string())];
    b.extend_from_slice(&word.segs[i + 1..]);
    (Word::new(a), Word::new(b))
}

/// The word split between segments `i - 1` and `i`.
fn between(word: &Word, i: usize) -> (Word, Word) {
    (
        Word::new(word.segs[..i].to_vec()),
        Word::new(word.segs[i..].to_vec()),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pdf::frame::Face;
    use crate::pdf::text::Mono;

    const MONO: Mono = Mono { width: 0.1 };

    fn word(m: &mut Measure, text: &str) -> Word {
        let seg = Seg {
            text: text.into(),
            face: Face::Regular,
            size: 10.0,
            rise: 0.0,
            spacing: 0.0,
            width: m.width(Face::Regular, 10.0, text),
            kind: SegKind::Text,
        };
        Word::new(vec![seg])
    }

    #[test]
    fn hyphenation_takes_the_last_point_that_fits() {
        let mut m = Measure::new(&MONO);
        let w = word(&mut m, "образования");
        let (a, b) = hyphen_split(&w, 6.0, &mut m).unwrap();
        assert_eq!(a.segs[0].text, "обра-");
        assert_eq!(b.segs[0].text, "зования");
        assert_eq!(a.width, 5.0);
    }

    #[test]
    fn a_very_long_word_is_cut_into_pieces_that_join_back() {
        let mut m = Measure::new(&MONO);
        let text = "д".repeat(1000);
        let pieces = chunks(word(&mut m, &text), 7.0, &mut m);
        assert_eq!(pieces.len(), 1000usize.div_ceil(7));
        assert!(pieces.iter().all(|w| w.width <= 7.0 + 1e-3));
        let joined: String = pieces
            .iter()
            .flat_map(|w| &w.segs)
            .map(|s| s.text.as_str())
            .collect();
        assert_eq!(joined, text);
        assert_eq!(chunks(word(&mut m, "слово"), 7.0, &mut m).len(), 1);
    }

    #[test]
    fn letters_split_when_no_syllable_fits() {
        let mut m = Measure::new(&MONO);
        let w = word(&mut m, "1234567");
        let (a, b) = char_split(&w, 3.5, &m).unwrap();
        assert_eq!(
            (a.segs[0].text.as_str(), b.segs[0].text.as_str()),
            ("123", "4567")
        );
        let (a, _) = char_split(&w, 0.1, &m).unwrap();
        assert_eq!(a.segs[0].text, "1");
        assert!(char_split(&word(&mut m, "1"), 0.1, &m).is_none());
    }
}

//! Page content streams, written straight to bytes.
//!
//! printpdf turns each drawing operation into lopdf objects and formats every number through
//! `Display`; for a 25-page order that was a third of the PDF's time. A page here needs a few
//! operators (`Tf`, `Tm`, `TJ`, and `w`/`m`/`l`/`S` for rules), so they are written by hand,
//! glyph codes as bytes of literal strings (half the size of hex strings).
//!
//! Runs on one baseline in one face and size — the words of a justified line — become one
//! `TJ` whose numbers move the pen from where the previous word ended to where layout put the
//! next one. That is half the bytes of one `Tm` per word (less to compress), and viewers select
//! and extract the line as a line. The pen is tracked exactly as a viewer computes it, from the
//! same `/W` widths, so rounding does not drift along the line.

use std::collections::BTreeMap;

use crate::pdf::frame::{Face, Item, Page};

/// Characters below this are looked up in a table rather than a map: Latin, Cyrillic and
/// their punctuation, nearly every character of a Russian order.
const DENSE: usize = 0x500;

/// One face's subset as the content stream needs it: glyph id and `/W` width (thousandths of
/// an em) for each character; `.notdef` (glyph 0) for characters it lacks.
#[derive(Debug, Clone)]
pub(super) struct Glyphs {
    dense: Vec<(u16, f32)>,
    sparse: BTreeMap<char, (u16, f32)>,
    notdef: f32,
}

impl Glyphs {
    /// The glyphs `map` gives, with `.notdef` `notdef` thousandths of an em wide.
    pub(super) fn new(map: impl IntoIterator<Item = (char, (u16, f32))>, notdef: f32) -> Self {
        let mut dense = vec![(0, notdef); DENSE];
        let mut sparse = BTreeMap::new();
        for (c, glyph) in map {
            match dense.get_mut(c as usize) {
                Some(slot) => *slot = glyph,
                None => {
                    sparse.insert(c, glyph);
                }
            }
        }
        Glyphs {
            dense,
            sparse,
            notdef,
        }
    }

    fn get(&self, c: char) -> (u16, f32) {
        match self.dense.get(c as usize) {
            Some(&glyph) => glyph,
            None => self.sparse.get(&c).copied().unwrap_or((0, self.notdef)),
        }
    }
}

/// The name under which a page's resources hold the font of `face`: fixed names keep the
/// output stable.
pub(super) fn font_resource(face: Face) -> String {
    format!("F{face:?}")
}

/// The content stream of `page`, its text in the faces of `glyphs` (resource names from
/// [`font_resource`]).
pub(super) fn content(
    page: &Page,
    glyphs: &BTreeMap<Face, Glyphs>,
    images: &super::image::Images,
) -> Vec<u8> {
    let mut out = Vec::with_capacity(32 * page.items.len() + 16);
    // Table borders meet at corners; projecting caps close the notch butt caps leave where a
    // horizontal and a vertical rule end at the same point.
    out.extend_from_slice(b"2 J\n");
    let mut state = State::default();
    let empty = Glyphs::new([], 0.0);
    for item in &page.items {
        match item {
            Item::Text {
                x,
                y,
                text,
                face,
                size,
                ..
            } if !text.is_empty() => {
                let font = glyphs.get(face).unwrap_or(&empty);
                state.text(&mut out, (*face, *size), (*x, page.height - y), text, font);
            }
            Item::Text { .. } => {}
            Item::Line {
                x1,
                y1,
                x2,
                y2,
                width,
            } => {
                state.end_text(&mut out);
                if state.line_width != Some(width.to_bits()) {
                    number(&mut out, *width);
                    out.extend_from_slice(b" w\n");
                    state.line_width = Some(width.to_bits());
                }
                pair(&mut out, *x1, page.height - y1);
                out.extend_from_slice(b" m\n");
                pair(&mut out, *x2, page.height - y2);
                out.extend_from_slice(b" l\nS\n");
            }
            Item::Image {
                x,
                y,
                width,
                height,
                image,
            } => {
                state.end_text(&mut out);
                // The unit square scaled to the picture's box, its bottom-left corner at
                // the box's (PDF y grows upwards).
                out.extend_from_slice(b"q\n");
                pair(&mut out, *width, 0.0);
                out.extend_from_slice(b" 0 ");
                pair(&mut out, *height, *x);
                out.push(b' ');
                number(&mut out, page.height - y - height);
                out.extend_from_slice(format!(" cm\n/{} Do\nQ\n", images.name(image)).as_bytes());
            }
            Item::Qr { x, y, qr } => {
                state.end_text(&mut out);
                qr_symbol(&mut out, *x, page.height - y, qr);
            }
        }
    }
    state.end_text(&mut out);
    out
}

/// The QR symbol `qr` with its top-left corner at (`x`, `top`) in PDF coordinates: one path
/// of its runs of dark modules, filled black. The matrix makes a module the unit with y
/// growing downwards, so every rectangle is whole numbers and neighbours meet exactly, with
/// no hairline seams a scanner could stumble on.
fn qr_symbol(out: &mut Vec<u8>, x: f32, top: f32, qr: &crate::model::Qr) {
    let m = qr.module();
    out.extend_from_slice(b"q\n0 g\n");
    number(out, m);
    out.extend_from_slice(b" 0 0 ");
    number(out, -m);
    out.push(b' ');
    pair(out, x, top);
    out.extend_from_slice(b" cm\n");
    for run in qr.runs() {
        out.extend_from_slice(format!("{} {} {} 1 re\n", run.col, run.row, run.len).as_bytes());
    }
    out.extend_from_slice(b"f\nQ\n");
}

/// What the stream has set so far, so unchanged settings are not repeated. The font lives in
/// the graphics state, which `BT`/`ET` do not reset; each page's stream starts from defaults.
#[derive(Default)]
struct State {
    in_text: bool,
    font: Option<(Face, u32)>,
    line_width: Option<u32>,
    /// The open `TJ` array: its baseline (PDF y) and where the pen stands, in points from
    /// the page's left edge.
    run: Option<(f32, f64)>,
}

impl State {
    /// Shows `text` with its left end at `(x, y)` in PDF space.
    fn text(
        &mut self,
        out: &mut Vec<u8>,
        (face, size): (Face, f32),
        (x, y): (f32, f32),
        text: &str,
        glyphs: &Glyphs,
    ) {
        let font = Some((face, size.to_bits()));
        let continues = self.font == font && self.run.is_some_and(|(base, _)| base == y);
        if !continues {
            self.close_run(out);
            if !self.in_text {
                out.extend_from_slice(b"BT\n");
                self.in_text = true;
            }
            if self.font != font {
                out.push(b'/');
                out.extend_from_slice(font_resource(face).as_bytes());
                out.push(b' ');
                number(out, size);
                out.extend_from_slice(b" Tf\n");
                self.font = font;
            }
            out.extend_from_slice(b"1 0 0 1 ");
            pair(out, x, y);
            out.extend_from_slice(b" Tm\n[");
            self.run = Some((y, f64::from(x)));
        }
        let em = f64::from(size) / 1000.0;
        let Some((_, pen)) = self.run.as_mut() else {
            return;
        };
        // A TJ number n moves the pen n/1000 em to the left; round it as it is written, then
        // advance the pen by what a viewer will read.
        let kern = ((*pen - f64::from(x)) / em * 1000.0).round() / 1000.0;
        if kern != 0.0 {
            number(out, kern as f32);
            *pen -= kern * em;
        }
        out.push(b'(');
        for c in text.chars() {
            let (gid, width) = glyphs.get(c);
            code(out, gid);
            *pen += f64::from(width) * em;
        }
        out.push(b')');
    }

    /// Ends the open `TJ` array, if any.
    fn close_run(&mut self, out: &mut Vec<u8>) {
        if self.run.take().is_some() {
            out.extend_from_slice(b"] TJ\n");
        }
    }

    /// Ends the text object, if one is open.
    fn end_text(&mut self, out: &mut Vec<u8>) {
        self.close_run(out);
        if self.in_text {
            out.extend_from_slice(b"ET\n");
            self.in_text = false;
        }
    }
}

/// Writes `x y`.
fn pair(out: &mut Vec<u8>, x: f32, y: f32) {
    number(out, x);
    out.push(b' ');
    number(out, y);
}

/// Writes `v` rounded to three decimals without trailing zeros (`12`, `12.5`, `-0.125`): a
/// thousandth of a point is 0.35 µm, far below any device's dot. Callers have rejected
/// non-finite values (see `page::check`).
fn number(out: &mut Vec<u8>, v: f32) {
    let milli = (f64::from(v) * 1000.0).round() as i64;
    if milli < 0 {
        out.push(b'-');
    }
    let milli = milli.unsigned_abs();
    digits(out, milli / 1000, 1);
    let mut frac = milli % 1000;
    if frac != 0 {
        out.push(b'.');
        let mut width = 3;
        while frac.is_multiple_of(10) {
            frac /= 10;
            width -= 1;
        }
        digits(out, frac, width);
    }
}

/// Writes `n` in decimal, padded with zeros to at least `width` digits.
fn digits(out: &mut Vec<u8>, mut n: u64, width: usize) {
    let mut buf = [b'0'; 20];
    let mut at = buf.len();
    while n > 0 {
        at -= 1;
        buf[at] = b'0' + (n % 10) as u8;
        n /= 10;
    }
    let start = at.min(buf.len() - width);
    out.extend_from_slice(&buf[start..]);
}

/// The two bytes of a glyph id (an Identity-H code) inside a literal string: half the size
/// of hex digits, so half the text to compress. Parentheses and the backslash are escaped,
/// and so is a carriage return, which a reader would otherwise take for an end of line.
fn code(out: &mut Vec<u8>, gid: u16) {
    for b in gid.to_be_bytes() {
        match b {
            b'(' | b')' | b'\\' => out.extend_from_slice(&[b'\\', b]),
            b'\r' => out.extend_from_slice(b"\\r"),
            _ => out.push(b),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn num(v: f32) -> String {
        let mut out = Vec::new();
        number(&mut out, v);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn numbers_are_short_and_exact_to_a_thousandth() {
        assert_eq!(num(0.0), "0");
        assert_eq!(num(14.0), "14");
        assert_eq!(num(0.5), "0.5");
        assert_eq!(num(85.039375), "85.039");
        assert_eq!(num(750.6226), "750.623");
        assert_eq!(num(-0.125), "-0.125");
        assert_eq!(num(-0.0004), "0");
        assert_eq!(num(10.05), "10.05");
        assert_eq!(num(3.007), "3.007");
        assert_eq!(num(1234567.0), "1234567");
    }

    #[test]
    fn glyph_codes_escape_what_a_literal_string_cannot_hold() {
        let mut out = Vec::new();
        for gid in [0x0001, 0x2829, 0x5C0D, 0x0A41] {
            code(&mut out, gid);
        }
        assert_eq!(out, b"\x00\x01\\(\\)\\\\\\r\nA");
    }

    fn word(x: f32, y: f32, text: &str, face: Face) -> Item {
        Item::Text {
            x,
            y,
            text: text.into(),
            face,
            size: 10.0,
            width: 0.0,
        }
    }

    fn glyphs() -> BTreeMap<Face, Glyphs> {
        // Every glyph 500/1000 em wide: 5 pt at 10 pt.
        let face = Glyphs::new([('а', (1, 500.0)), ('б', (2, 500.0))], 250.0);
        BTreeMap::from([(Face::Regular, face.clone()), (Face::Bold, face)])
    }

    fn stream(items: Vec<Item>) -> String {
        let page = Page {
            width: 100.0,
            height: 200.0,
            items,
        };
        String::from_utf8(content(&page, &glyphs(), &Default::default())).unwrap()
    }

    #[test]
    fn words_of_a_line_share_one_tj_with_the_gaps_as_numbers() {
        // «аб» ends at 10 + 10 = 20 pt; the next word starts at 23 pt: 3 pt = 300/1000 em.
        // «☃» is not in the font: .notdef, 2.5 pt wide.
        let out = stream(vec![
            word(10.0, 20.0, "аб", Face::Regular),
            word(23.0, 20.0, "а☃", Face::Regular),
            word(40.0, 20.0, "б", Face::Regular),
        ]);
        assert_eq!(
            out,
            "2 J\nBT\n/FRegular 10 Tf\n1 0 0 1 10 180 Tm\n\
             [(\x00\x01\x00\x02)-300(\x00\x01\x00\x00)-950(\x00\x02)] TJ\nET\n"
        );
    }

    #[test]
    fn a_new_baseline_or_face_starts_a_new_run() {
        let out = stream(vec![
            word(10.0, 20.0, "а", Face::Regular),
            word(20.0, 20.0, "б", Face::Bold),
            word(10.0, 40.0, "а", Face::Bold),
            Item::Line {
                x1: 0.0,
                y1: 50.0,
                x2: 100.0,
                y2: 50.0,
                width: 0.5,
            },
        ]);
        assert_eq!(
            out,
            "2 J\nBT\n/FRegular 10 Tf\n1 0 0 1 10 180 Tm\n[(\x00\x01)] TJ\n\
             /FBold 10 Tf\n1 0 0 1 20 180 Tm\n[(\x00\x02)] TJ\n\
             1 0 0 1 10 160 Tm\n[(\x00\x01)] TJ\nET\n\
             0.5 w\n0 150 m\n100 150 l\nS\n"
        );
    }

    #[test]
    fn the_pen_does_not_drift_along_a_long_line() {
        // Gaps of 1/3 pt cannot be written exactly; the pen must still land on every word.
        let x = |i: usize| 10.0 + i as f32 * (5.0 + 1.0 / 3.0);
        let items: Vec<Item> = (0..200)
            .map(|i| word(x(i), 20.0, "а", Face::Regular))
            .collect();
        let page = Page {
            width: 100.0,
            height: 200.0,
            items,
        };
        let decoded =
            lopdf::content::Content::decode(&content(&page, &glyphs(), &Default::default()))
                .unwrap();
        let tj = decoded.operations.iter().find(|op| op.operator == "TJ");
        let array = tj.unwrap().operands[0].as_array().unwrap();
        // Tm put the pen at x(0); each glyph advances 5 pt, a number n moves it -n/100 pt.
        let mut pen = f64::from(x(0));
        let mut word = 0;
        for element in array {
            if let Ok(n) = element.as_float() {
                pen -= f64::from(n) / 100.0;
                continue;
            }
            let target = f64::from(x(word));
            assert!(
                (pen - target).abs() < 1e-3,
                "word {word}: pen {pen}, target {target}"
            );
            pen += 5.0;
            word += 1;
        }
        assert_eq!(word, 200);
    }
}

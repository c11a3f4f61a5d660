//! The QR code of an order (requisite 31 of ГОСТ Р 7.0.97-2025): the organisation's `[qr]`
//! form, checked where it is written, then filled from the order and encoded.
//!
//! An organisation file serves the orders of every year, so `[qr]` under the 2016 edition
//! (which has no requisite 31) is no error: those orders simply carry no code. Nor does a
//! draft, which has no date and number to encode yet.

use super::build::Builder;
use super::marks::{tokens_in, Line, Token};
use super::profile::Profile;
use super::raw::{QrData, Text};
use super::view::OrderView;
use crate::model::{mm, Corner, Qr};
use qrcode::bits::Bits;
use qrcode::{Color, EcLevel, QrCode, Version};

/// The placeholders the QR code's text may use.
const PLACEHOLDERS: [&str; 6] = ["org", "kind", "date", "number", "year", "title"];

/// The least side of the symbol, mm: smaller codes are not read reliably off paper.
pub const MIN_SIZE_MM: f64 = 20.0;

/// The largest side, mm: the code must leave the first page room for the text.
pub const MAX_SIZE_MM: f64 = 60.0;

/// Error correction: level M restores 15 % of the symbol (a stain, a fold, a staple).
const EC_LEVEL: EcLevel = EcLevel::M;

/// The `[qr]` table, checked: its text parsed, its size in mm.
#[derive(Debug, Clone)]
pub(super) struct QrForm {
    line: Line,
    size_mm: f64,
    corner: Corner,
    /// The `text` value and its source, where a text too long to encode is reported.
    text: Text,
    src: usize,
}

/// What the placeholders stand for in one order.
pub(super) struct QrValues<'a> {
    /// The order.
    pub(super) order: Option<&'a OrderView>,
    /// The organisation's short name, else its full name.
    pub(super) org: &'a str,
    /// The edition the document follows.
    pub(super) profile: &'static Profile,
}

impl Builder {
    /// The organisation's `[qr]` (source `src`); an unknown placeholder is an error at its
    /// `{`, a size out of range at the value.
    pub(super) fn qr_form(&mut self, data: Option<&QrData>, src: usize) -> Option<QrForm> {
        let data = data?;
        let (line, bad) = tokens_in(&data.text, &PLACEHOLDERS);
        for (at, written) in bad {
            let place = (&data.text, at, src);
            self.placeholder_error(place, &written, "в тексте QR-кода", &PLACEHOLDERS);
        }
        let size_mm = match &data.size {
            Some(size) => self.qr_size(**size, size.start(), src),
            None => MIN_SIZE_MM,
        };
        let corner = match &data.place {
            Some(place) => self.qr_corner(place, src),
            None => Corner::BottomRight,
        };
        Some(QrForm {
            line,
            size_mm,
            corner,
            text: data.text.clone(),
            src,
        })
    }

    /// The size `v` mm written at byte `at` of source `src`, reported when out of range.
    fn qr_size(&mut self, v: f64, at: usize, src: usize) -> f64 {
        if v.is_finite() && (MIN_SIZE_MM..=MAX_SIZE_MM).contains(&v) {
            return v;
        }
        let message = format!(
            "размер QR-кода {v} мм вне допустимого: от {MIN_SIZE_MM} мм (меньший код \
             ненадёжно читается с бумаги) до {MAX_SIZE_MM} мм"
        );
        self.error(src, at, message);
        MIN_SIZE_MM
    }

    /// The corner `place` names (source `src`), reported when it names none.
    fn qr_corner(&mut self, place: &Text, src: usize) -> Corner {
        match place.as_str() {
            "bottom-right" => Corner::BottomRight,
            "top-right" => Corner::TopRight,
            other => {
                let message = format!(
                    "место QR-кода «{other}» неизвестно: ожидается \"bottom-right\" (правый \
                     нижний угол первой страницы, по умолчанию) или \"top-right\" (правый \
                     верхний)"
                );
                self.error(src, place.start(), message);
                Corner::BottomRight
            }
        }
    }

    /// The QR code of the order `v` describes, when it is to be printed: the form is set,
    /// the edition has requisite 31 and the order is registered (not a draft). A text too
    /// long for any QR symbol is an error at the form's `text`.
    pub(super) fn qr(&mut self, form: Option<QrForm>, v: &QrValues) -> Option<Qr> {
        let (form, order) = (form?, v.order?);
        if !v.profile.qr_code || order.draft || order.date.is_none() || order.number.is_none() {
            return None;
        }
        let text = fill(&form.line, order, v.org);
        let symbol = encode(&text, mm(form.size_mm as f32)).map(|q| q.in_corner(form.corner));
        if symbol.is_none() {
            let message = format!(
                "текст QR-кода ({} байт в UTF-8) не помещается ни в один QR-код с уровнем \
                 коррекции M (не больше 2331 байта): сократите его",
                text.len()
            );
            self.error(form.src, form.text.start(), message);
        }
        symbol
    }
}

/// The text with its placeholders filled from `order`; `org` is the organisation's name.
fn fill(line: &Line, order: &OrderView, org: &str) -> String {
    let date = order.date.clone().unwrap_or_default();
    let mut out = String::new();
    for token in line {
        match token {
            Token::Text(t) => out.push_str(t),
            Token::Slot("org") => out.push_str(org),
            Token::Slot("kind") => out.push_str(&order.kind),
            Token::Slot("date") => out.push_str(&date),
            Token::Slot("number") => {
                let number = order.number.as_ref().map(|n| n.plain_text());
                out.push_str(&number.unwrap_or_default());
            }
            // «27.06.2023» ends with its year.
            Token::Slot("year") => out.push_str(date.rsplit('.').next().unwrap_or_default()),
            // `{title}`, the one placeholder left.
            Token::Slot(_) => out.push_str(&order.title.plain_text()),
        }
    }
    out
}

/// `text` encoded as one byte-mode segment of UTF-8 in the smallest symbol that holds it,
/// `size` points square; `None` when no symbol does.
pub fn encode(text: &str, size: f32) -> Option<Qr> {
    let code = (1..=40).find_map(|v| {
        let mut bits = Bits::new(Version::Normal(v));
        bits.push_byte_data(text.as_bytes()).ok()?;
        bits.push_terminator(EC_LEVEL).ok()?;
        QrCode::with_bits(bits, EC_LEVEL).ok()
    })?;
    let modules = code.to_colors().into_iter().map(|c| c == Color::Dark);
    Qr::new(modules.collect(), code.width(), size)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_short_text_makes_the_smallest_symbol() {
        // 14 bytes fill version 1 (21 modules) at level M; one more takes version 2.
        let qr = encode("приказ 5", 56.7).unwrap();
        assert_eq!(encode("приказ 15", 56.7).unwrap().width(), 25);
        assert_eq!(qr.width(), 21);
        let cyr = encode(&"я".repeat(600), 56.7).unwrap();
        assert!(cyr.width() > 21);
    }

    #[test]
    fn a_text_past_the_largest_symbol_is_refused() {
        assert!(encode(&"a".repeat(2331), 56.7).is_some());
        assert!(encode(&"a".repeat(2332), 56.7).is_none());
    }

    #[test]
    fn the_text_knows_its_own_placeholders() {
        let (_, bad) = tokens_in(
            "{org}\n{kind} от {date} № {number}/{year} {n}",
            &PLACEHOLDERS,
        );
        assert_eq!(bad, vec![(45, "{n}".to_string())]);
    }
}

//! ToUnicode CMaps: which characters each glyph code stands for, so that copying text and
//! `pdftotext` give back the text rather than glyph ids.
//!
//! Subset ids follow the characters (see `subset`), so a run of consecutive letters such as
//! «а»…«я» has consecutive codes and is written as one `bfrange` line; only the gaps take a
//! `bfchar` line each.

use std::fmt::Write;

/// A CMap block holds at most this many lines (Adobe Technical Note #5411).
const BLOCK: usize = 100;

/// The ToUnicode CMap for `glyphs`: (code, character) pairs in character order. A code listed
/// twice (two characters drawn with one glyph) maps to the first character.
pub(super) fn to_unicode(glyphs: &[(char, u16)]) -> Vec<u8> {
    let mut codes: Vec<(u16, char)> = glyphs.iter().map(|&(c, code)| (code, c)).collect();
    codes.sort_by_key(|&(code, _)| code);
    codes.dedup_by_key(|&mut (code, _)| code);
    let mut ranges = Vec::new();
    let mut singles = Vec::new();
    let mut i = 0;
    while i < codes.len() {
        let len = run_length(&codes[i..]);
        let (first, c) = codes[i];
        if len == 1 {
            singles.push(format!("<{first:04X}> <{}>", utf16_hex(c)));
        } else {
            let last = first + (len - 1) as u16;
            ranges.push(format!("<{first:04X}> <{last:04X}> <{:04X}>", u32::from(c)));
        }
        i += len;
    }
    let mut out = String::with_capacity(600 + 20 * (ranges.len() + singles.len()));
    out.push_str(
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n\
         /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n\
         /CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n\
         1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n",
    );
    blocks(&mut out, "bfrange", &ranges);
    blocks(&mut out, "bfchar", &singles);
    out.push_str("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
    out.into_bytes()
}

/// How many entries from the start of `codes` one `bfrange` line can cover: codes and
/// characters both rising by one, within one high byte of the code and of the character (a
/// range may only vary the last byte of each), characters in the Basic Multilingual Plane.
fn run_length(codes: &[(u16, char)]) -> usize {
    let (code, c) = codes[0];
    let c = u32::from(c);
    if c > 0xFFFF {
        return 1;
    }
    codes
        .iter()
        .enumerate()
        .skip(1)
        .take_while(|&(k, &(next_code, next))| {
            let k = k as u32;
            u32::from(next_code) == u32::from(code) + k
                && u32::from(next) == c + k
                && next_code >> 8 == code >> 8
                && u32::from(next) >> 8 == c >> 8
        })
        .count()
        + 1
}

/// `lines` in blocks of at most [`BLOCK`] between `N begin<kind>` and `end<kind>`.
fn blocks(out: &mut String, kind: &str, lines: &[String]) {
    for block in lines.chunks(BLOCK) {
        let _ = writeln!(out, "{} begin{kind}", block.len());
        for line in block {
            out.push_str(line);
            out.push('\n');
        }
        let _ = writeln!(out, "end{kind}");
    }
}

/// `c` as UTF-16BE hex digits: four, or eight for a surrogate pair.
fn utf16_hex(c: char) -> String {
    let mut units = [0u16; 2];
    c.encode_utf16(&mut units)
        .iter()
        .map(|u| format!("{u:04X}"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cmap(glyphs: &[(char, u16)]) -> String {
        let text = String::from_utf8(to_unicode(glyphs)).unwrap();
        // The body only: between the code space and `endcmap`.
        let start = text.find("endcodespacerange\n").unwrap() + "endcodespacerange\n".len();
        text[start..text.find("endcmap").unwrap()].to_string()
    }

    #[test]
    fn consecutive_letters_share_a_range_and_gaps_take_a_line_each() {
        let glyphs = [
            ('(', 1),
            (')', 2),
            ('а', 3),
            ('б', 4),
            ('в', 5),
            ('ё', 6),
            ('😀', 7),
        ];
        assert_eq!(
            cmap(&glyphs),
            "2 beginbfrange\n<0001> <0002> <0028>\n<0003> <0005> <0430>\nendbfrange\n\
             2 beginbfchar\n<0006> <0451>\n<0007> <D83DDE00>\nendbfchar\n"
        );
    }

    #[test]
    fn ranges_stop_at_a_high_byte() {
        // Codes 0x00FF and 0x0100 differ in their high byte, and so do U+04FF and U+0500.
        let glyphs = [
            ('a', 0xFF),
            ('b', 0x100),
            ('Ӿ', 0x101),
            ('ӿ', 0x102),
            ('Ԁ', 0x103),
        ];
        assert_eq!(
            cmap(&glyphs),
            "1 beginbfrange\n<0101> <0102> <04FE>\nendbfrange\n\
             3 beginbfchar\n<00FF> <0061>\n<0100> <0062>\n<0103> <0500>\nendbfchar\n"
        );
    }

    #[test]
    fn a_shared_glyph_maps_to_its_first_character() {
        assert_eq!(
            cmap(&[(' ', 1), ('\u{a0}', 1)]),
            "1 beginbfchar\n<0001> <0020>\nendbfchar\n"
        );
    }

    #[test]
    fn blocks_hold_a_hundred_lines_at_most() {
        // Every other character: no ranges, 150 single lines in two blocks.
        let glyphs: Vec<(char, u16)> = (0..150u16)
            .map(|i| (char::from_u32(0x400 + 2 * u32::from(i)).unwrap(), i + 1))
            .collect();
        let body = cmap(&glyphs);
        assert!(body.starts_with("100 beginbfchar\n"), "{body}");
        assert!(body.contains("endbfchar\n50 beginbfchar\n"), "{body}");
    }
}

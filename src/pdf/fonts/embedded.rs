//! The font files, included at compile time from `fonts/`.

/// Declares one face: its PostScript name (from the font's `name` table) and the bytes of
/// `fonts/<file>.ttf`.
macro_rules! face {
    ($postscript:literal, $file:literal) => {
        (
            $postscript,
            include_bytes!(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/fonts/",
                $file,
                ".ttf"
            )) as &[u8],
        )
    };
}

/// Regular, Bold, Italic, BoldItalic, in the order `FontSet` indexes them.
pub(super) const FACES: [(&str, &[u8]); 4] = [
    face!("LiberationSerif", "LiberationSerif-Regular"),
    face!("LiberationSerif-Bold", "LiberationSerif-Bold"),
    face!("LiberationSerif-Italic", "LiberationSerif-Italic"),
    face!("LiberationSerif-BoldItalic", "LiberationSerif-BoldItalic"),
];

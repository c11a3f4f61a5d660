//! Document settings, `word/settings.xml`: the default tab stop, automatic hyphenation,
//! the footnote separators, and the compatibility mode of Word 2013 and later.

use super::units::twips_u;
use super::xml::Xml;
use crate::model::house;

/// The start of the part.
const ROOT: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    r#"<w:settings xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" "#,
    r#"xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" "#,
    r#"xmlns:w15="http://schemas.microsoft.com/office/word/2012/wordml">"#,
);

/// Word's compatibility settings for documents of Word 2013 and later. No East Asian
/// layout flags: they change how Word spaces and breaks Latin and Cyrillic text, which the
/// PDF layout does not imitate.
const COMPAT: &[(&str, &str)] = &[
    ("compatibilityMode", "15"),
    ("overrideTableStyleFontSizeAndJustification", "1"),
    ("enableOpenTypeFeatures", "1"),
    ("doNotFlipMirrorIndents", "1"),
    ("differentiateMultirowTableHeaders", "1"),
    ("useWord2013TrackBottomHyphenation", "0"),
];

/// The settings part; `footnotes` tells whether the document has footnotes, whose
/// separators (ids -1 and 0, see `footnotes`) the settings then name as Word does;
/// `embedded_fonts`, whether the package carries the organisation's typeface (`fonts`).
pub(crate) fn settings(footnotes: bool, embedded_fonts: bool) -> String {
    let mut x = Xml::with_capacity(1536);
    x.raw(ROOT);
    x.tag("w:zoom").num("w:percent", 100).empty();
    if embedded_fonts {
        // Word keeps the embedded faces when it saves the file again.
        x.empty("w:embedTrueTypeFonts");
    }
    // 1.25 cm, the paragraph indent of orders.
    x.tag("w:defaultTabStop")
        .num("w:val", twips_u(house::DEFAULT_TAB))
        .empty();
    // The PDF hyphenates too.
    x.empty("w:autoHyphenation");
    if footnotes {
        x.open("w:footnotePr");
        x.tag("w:footnote").num("w:id", -1).empty();
        x.tag("w:footnote").num("w:id", 0).empty();
        x.end("w:footnotePr");
    }
    x.open("w:compat");
    for (name, val) in COMPAT {
        x.tag("w:compatSetting")
            .attr("w:name", name)
            .attr("w:uri", "http://schemas.microsoft.com/office/word")
            .attr("w:val", val)
            .empty();
    }
    x.end("w:compat");
    x.end("w:settings");
    x.finish()
}

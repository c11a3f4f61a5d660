//! The numbering part, `word/numbering.xml`.
//!
//! Orders use no Word lists, and no relationship points at this part; but docx-rs's
//! package always lists it (content types), with a default decimal list that docx-rs
//! renders with each level's `w:rPr` before its `w:ind`, out of schema order. The same
//! list is written here in order, so the part stays what it has always been.

use super::props::{Indent, ParaProps, RunProps};
use super::xml::Xml;

/// The start of the part.
const ROOT: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    r#"<w:numbering xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" "#,
    r#"xmlns:o="urn:schemas-microsoft-com:office:office" "#,
    r#"xmlns:v="urn:schemas-microsoft-com:vml" "#,
    r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">"#,
);

/// Number formats and texts of the levels, repeating every three levels; `%` stands for
/// the level's number.
const LEVELS: [(&str, &str); 3] = [
    ("decimal", "%."),
    ("decimal", "(%)"),
    ("decimalEnclosedCircle", "%"),
];

/// Indent of each level, in twips.
const STEP: i32 = 420;

/// The numbering part: list 1 with nine levels (CT_Lvl children in schema order).
pub(crate) fn numbering() -> String {
    let mut x = Xml::with_capacity(2560);
    x.raw(ROOT);
    x.tag("w:abstractNum").num("w:abstractNumId", 1).open();
    for level in 0..9 {
        let (format, text) = LEVELS[level as usize % LEVELS.len()];
        x.tag("w:lvl").num("w:ilvl", level).open();
        x.tag("w:start").num("w:val", 1).empty();
        x.tag("w:numFmt").attr("w:val", format).empty();
        let text = text.replace('%', &format!("%{}", level + 1));
        x.tag("w:lvlText").attr("w:val", &text).empty();
        x.tag("w:lvlJc").attr("w:val", "left").empty();
        ParaProps {
            indent: Some(Indent {
                left: STEP * (level + 1),
                right: 0,
                first_line: -STEP,
            }),
            mark: Some(RunProps::default()),
            ..ParaProps::default()
        }
        .write(&mut x);
        RunProps::default().write(&mut x);
        x.end("w:lvl");
    }
    x.end("w:abstractNum");
    x.tag("w:num").num("w:numId", 1).open();
    x.tag("w:abstractNumId").num("w:val", 1).empty();
    x.end("w:num");
    x.end("w:numbering");
    x.finish()
}

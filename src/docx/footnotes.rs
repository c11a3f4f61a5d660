//! The footnotes part, `word/footnotes.xml`: the two separators Word expects, then the
//! notes the body's marks collected (see `paragraph`).

use super::props::{ParaProps, Spacing};
use super::xml::Xml;

/// The start of the part.
const ROOT: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    r#"<w:footnotes xmlns:wpc="http://schemas.microsoft.com/office/word/2010/wordprocessingCanvas" "#,
    r#"xmlns:cx="http://schemas.microsoft.com/office/drawing/2014/chartex" "#,
    r#"xmlns:cx1="http://schemas.microsoft.com/office/drawing/2015/9/8/chartex" "#,
    r#"xmlns:cx2="http://schemas.microsoft.com/office/drawing/2015/10/21/chartex" "#,
    r#"xmlns:cx3="http://schemas.microsoft.com/office/drawing/2016/5/9/chartex" "#,
    r#"xmlns:cx4="http://schemas.microsoft.com/office/drawing/2016/5/10/chartex" "#,
    r#"xmlns:cx5="http://schemas.microsoft.com/office/drawing/2016/5/11/chartex" "#,
    r#"xmlns:cx6="http://schemas.microsoft.com/office/drawing/2016/5/12/chartex" "#,
    r#"xmlns:cx7="http://schemas.microsoft.com/office/drawing/2016/5/13/chartex" "#,
    r#"xmlns:cx8="http://schemas.microsoft.com/office/drawing/2016/5/14/chartex" "#,
    r#"xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" "#,
    r#"xmlns:aink="http://schemas.microsoft.com/office/drawing/2016/ink" "#,
    r#"xmlns:am3d="http://schemas.microsoft.com/office/drawing/2017/model3d" "#,
    r#"xmlns:o="urn:schemas-microsoft-com:office:office" "#,
    r#"xmlns:oel="http://schemas.microsoft.com/office/2019/extlst" "#,
    r#"xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" "#,
    r#"xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math" "#,
    r#"xmlns:v="urn:schemas-microsoft-com:vml" "#,
    r#"xmlns:wp14="http://schemas.microsoft.com/office/word/2010/wordprocessingDrawing" "#,
    r#"xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" "#,
    r#"xmlns:w10="urn:schemas-microsoft-com:office:word" "#,
    r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" "#,
    r#"xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" "#,
    r#"xmlns:w15="http://schemas.microsoft.com/office/word/2012/wordml" "#,
    r#"xmlns:w16cex="http://schemas.microsoft.com/office/word/2018/wordml/cex" "#,
    r#"xmlns:w16cid="http://schemas.microsoft.com/office/word/2016/wordml/cid" "#,
    r#"xmlns:w16="http://schemas.microsoft.com/office/word/2018/wordml" "#,
    r#"xmlns:w16du="http://schemas.microsoft.com/office/word/2023/wordml/word16du" "#,
    r#"xmlns:w16sdtdh="http://schemas.microsoft.com/office/word/2020/wordml/sdtdatahash" "#,
    r#"xmlns:w16se="http://schemas.microsoft.com/office/word/2015/wordml/symex" "#,
    r#"xmlns:wpg="http://schemas.microsoft.com/office/word/2010/wordprocessingGroup" "#,
    r#"xmlns:wpi="http://schemas.microsoft.com/office/word/2010/wordprocessingInk" "#,
    r#"xmlns:wne="http://schemas.microsoft.com/office/word/2006/wordml" "#,
    r#"xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" "#,
    r#"mc:Ignorable="w14 w15 w16se w16cid w16 w16cex w16sdtdh w16du wp14""#,
);

/// The footnotes part around `notes`, the `w:footnote` elements in reading order; with no
/// notes an empty root, which no relationship points at.
pub(crate) fn footnotes(notes: Xml) -> String {
    if notes.is_empty() {
        return format!("{ROOT} />");
    }
    let notes = notes.finish();
    let mut x = Xml::with_capacity(ROOT.len() + 1024 + notes.len());
    x.raw(ROOT);
    x.raw(">");
    separator(&mut x, "separator", -1);
    separator(&mut x, "continuationSeparator", 0);
    x.raw(&notes);
    x.end("w:footnotes");
    x.finish()
}

/// The footnote Word draws above the notes (`separator`) or above notes continued from the
/// page before (`continuationSeparator`): a single-spaced paragraph holding the rule.
fn separator(x: &mut Xml, kind: &str, id: i32) {
    x.tag("w:footnote")
        .attr("w:type", kind)
        .num("w:id", id)
        .open();
    x.open("w:p");
    ParaProps {
        spacing: Some(Spacing {
            before: None,
            after: 0,
            line: 240,
        }),
        ..ParaProps::default()
    }
    .write(x);
    x.open("w:r");
    x.empty(&format!("w:{kind}"));
    x.end("w:r");
    x.end("w:p");
    x.end("w:footnote");
}

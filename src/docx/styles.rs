//! The style sheet, `word/styles.xml`: document defaults (font, size, language) and the
//! footnote reference style.
//!
//! Paragraphs carry their formatting directly, so the style sheet stays small.

use super::props::{ParaProps, RunProps};
use super::units::half_points;
use super::xml::Xml;
use crate::model::Meta;

/// Style id of the superscript footnote marks, in the text and in front of the notes.
pub(crate) const FOOTNOTE_REFERENCE: &str = "FootnoteReference";

/// The start of the part. It has never had an XML declaration, which UTF-8 text may leave
/// out.
const ROOT: &str = concat!(
    r#"<w:styles xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" "#,
    r#"xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" "#,
    r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" "#,
    r#"xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" "#,
    r#"xmlns:w15="http://schemas.microsoft.com/office/word/2012/wordml" "#,
    r#"mc:Ignorable="w14 w15">"#,
);

/// The style sheet of a document set in `meta.font_family` at `meta.font_size`, in
/// `meta.language` (so spelling and hyphenation follow that language's rules).
pub(crate) fn styles(meta: &Meta) -> String {
    let mut x = Xml::with_capacity(1024);
    x.raw(ROOT);
    x.open("w:docDefaults");
    x.open("w:rPrDefault");
    RunProps {
        font: Some(&meta.font_family),
        size: Some(half_points(meta.font_size)),
        lang: Some(&meta.language),
        ..RunProps::default()
    }
    .write(&mut x);
    x.end("w:rPrDefault");
    x.open("w:pPrDefault");
    plain_paragraph().write(&mut x);
    x.end("w:pPrDefault");
    x.end("w:docDefaults");
    style(
        &mut x,
        "paragraph",
        "Normal",
        "Normal",
        None,
        RunProps::default(),
    );
    let superscript = RunProps {
        superscript: true,
        ..RunProps::default()
    };
    let name = "footnote reference";
    style(
        &mut x,
        "character",
        FOOTNOTE_REFERENCE,
        name,
        Some(99),
        superscript,
    );
    x.end("w:styles");
    x.finish()
}

/// The font table `part` (name, XML) with `family` added when it is not there: docx-rs lists
/// Times New Roman, Symbol and Arial; an organisation's own typeface is declared as a serif
/// of Cyrillic charset, so Word without it substitutes a serif rather than its default.
pub(crate) fn with_font(part: (String, String), family: &str, embedded: &str) -> (String, String) {
    let (name, xml) = part;
    let mut x = Xml::with_capacity(160);
    x.tag("w:font").attr("w:name", family).open();
    x.tag("w:charset").attr("w:val", "CC").empty();
    x.tag("w:family").attr("w:val", "roman").empty();
    x.tag("w:pitch").attr("w:val", "variable").empty();
    // CT_Font: the embedded faces close the entry.
    x.raw(embedded);
    x.end("w:font");
    let entry = x.finish();
    let mut listed = String::from("w:name=\"");
    super::xml::escape_into(&mut listed, family);
    listed.push('"');
    match xml.rfind("</w:fonts>") {
        Some(end) if !xml.contains(&listed) => {
            (name, format!("{}{entry}{}", &xml[..end], &xml[end..]))
        }
        _ => (name, xml),
    }
}

/// Paragraph properties that set nothing but an empty mark.
fn plain_paragraph() -> ParaProps<'static> {
    ParaProps {
        mark: Some(RunProps::default()),
        ..ParaProps::default()
    }
}

/// Writes a `w:style`, its children in schema order (CT_Style).
fn style(x: &mut Xml, kind: &str, id: &str, name: &str, priority: Option<u8>, run: RunProps) {
    x.tag("w:style")
        .attr("w:type", kind)
        .attr("w:styleId", id)
        .open();
    x.tag("w:name").attr("w:val", name).empty();
    if let Some(p) = priority {
        x.tag("w:uiPriority").num("w:val", p).empty();
    }
    x.empty("w:qFormat");
    plain_paragraph().write(x);
    run.write(x);
    x.end("w:style");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unlisted_family_is_added_once() {
        let table = |xml: &str| ("word/fontTable.xml".to_string(), xml.to_string());
        let xml = r#"<w:fonts><w:font w:name="Times New Roman"></w:font></w:fonts>"#;
        assert_eq!(with_font(table(xml), "Times New Roman", "").1, xml);
        let added = with_font(table(xml), "PT Serif", "").1;
        assert!(added.contains(r#"<w:font w:name="PT Serif">"#), "{added}");
        assert!(added.ends_with("</w:font></w:fonts>"), "{added}");
        assert_eq!(added.matches("PT Serif").count(), 1);
    }
}

//! `docProps/core.xml`, written here: docx-rs has no title, and we want no dates in it.
//!
//! The creation and modification dates are left out (both are optional in OPC), so the
//! file does not depend on when it was made.

use super::xml::Xml;
use crate::model::Meta;

/// The start of the part.
const ROOT: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    r#"<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" "#,
    r#"xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" "#,
    r#"xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">"#,
);

/// The core properties part for `meta`: title, creator, language.
pub(crate) fn core_xml(meta: &Meta) -> String {
    let mut x = Xml::with_capacity(1024);
    x.raw(ROOT);
    for (name, value) in [
        ("dc:title", &meta.title),
        ("dc:creator", &meta.author),
        ("cp:lastModifiedBy", &meta.author),
        ("dc:language", &meta.language),
    ] {
        x.open(name);
        x.text(value);
        x.end(name);
    }
    x.raw("<cp:revision>1</cp:revision></cp:coreProperties>");
    x.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_in_the_title() {
        let meta = Meta {
            title: "О «Школе» & <детях>".into(),
            author: "ГБУ ДПО ЧИППКРО".into(),
            ..Meta::default()
        };
        let xml = core_xml(&meta);
        assert!(xml.contains("<dc:title>О «Школе» &amp; &lt;детях&gt;</dc:title>"));
        assert!(xml.contains("<dc:creator>ГБУ ДПО ЧИППКРО</dc:creator>"));
        assert!(!xml.contains("dcterms:created"));
    }
}

//! Patches the XML parts docx-rs rendered, for what docx-rs cannot write: repeated table
//! header rows (`w:tblHeader`), our own section properties, footnote separators and the
//! footnotes' own numbers, the document language and hyphenation.
//!
//! Every patch works on text docx-rs is known to write and counts its replacements against
//! what the build step made, so a change in docx-rs's output fails loudly instead of
//! silently dropping, say, the repeated headers.

use super::package::Parts;

/// Text of the marker run that stands for `<w:footnoteRef/>` until the patch step. Private
/// use characters around it keep it from ever matching real text.
pub(crate) const FOOTNOTE_MARK: &str = "\u{E000}footnoteRef\u{E000}";

/// What the build step made, for the patches to apply and check.
pub(crate) struct Expected<'a> {
    /// The `w:sectPr` of every section, in order.
    pub(crate) sect_prs: &'a [String],
    /// Number of table rows marked as repeated headers.
    pub(crate) header_rows: usize,
    /// Number of footnotes.
    pub(crate) footnotes: usize,
    /// Language tag of the text, e.g. `ru-RU`.
    pub(crate) language: &'a str,
}

/// Applies every patch to `parts` in place.
pub(crate) fn apply(parts: &mut Parts, e: &Expected) -> Result<(), String> {
    for (name, xml) in parts.iter_mut() {
        match name.as_str() {
            "word/document.xml" => {
                *xml = section_properties(xml, e.sect_prs)?;
                *xml = header_rows(xml, e.header_rows)?;
                *xml = grid_columns(xml);
                *xml = no_hyphenation(xml);
            }
            "word/footnotes.xml" => *xml = footnotes(xml, e.footnotes)?,
            "word/styles.xml" => *xml = language(xml, e.language)?,
            "word/settings.xml" => *xml = settings(xml, e.footnotes > 0)?,
            _ => {}
        }
    }
    Ok(())
}

fn unexpected(what: &str) -> String {
    format!("DOCX: неожиданная разметка docx-rs ({what}); нужна правка модуля docx::patch")
}

/// Replaces the n-th `w:sectPr` docx-rs wrote with the n-th of ours.
fn section_properties(xml: &str, ours: &[String]) -> Result<String, String> {
    const OPEN: &str = "<w:sectPr>";
    const CLOSE: &str = "</w:sectPr>";
    let mut out = String::with_capacity(xml.len());
    let mut rest = xml;
    let mut n = 0;
    while let Some(start) = rest.find(OPEN) {
        let len = rest[start..]
            .find(CLOSE)
            .ok_or_else(|| unexpected("w:sectPr"))?;
        let ours = ours.get(n).ok_or_else(|| unexpected("лишний w:sectPr"))?;
        out.push_str(&rest[..start]);
        out.push_str(ours);
        rest = &rest[start + len + CLOSE.len()..];
        n += 1;
    }
    if n != ours.len() {
        return Err(unexpected("число w:sectPr"));
    }
    out.push_str(rest);
    Ok(out)
}

/// Header rows carry `w:cantSplit` (see `table`); they also get `w:tblHeader`.
fn header_rows(xml: &str, expected: usize) -> Result<String, String> {
    const MARK: &str = "<w:cantSplit />";
    if xml.matches(MARK).count() != expected {
        return Err(unexpected("w:cantSplit"));
    }
    Ok(xml.replace(MARK, "<w:cantSplit /><w:tblHeader />"))
}

/// `w:gridCol` has a width and nothing else; docx-rs adds a `w:type` the schema does not
/// allow there.
/// Text docx-rs writes for the marker of a paragraph that must not be hyphenated.
pub(crate) const NO_HYPHENATION_MARK: &str = r#"<w:snapToGrid w:val="false" />"#;

/// `w:suppressAutoHyphens` in place of its marker: docx-rs cannot write the element, so the
/// paragraph builder sets `snapToGrid = false` (used nowhere else) and this swaps it; the
/// canonical-order pass then moves it to its place in `w:pPr`.
fn no_hyphenation(xml: &str) -> String {
    xml.replace(NO_HYPHENATION_MARK, "<w:suppressAutoHyphens />")
}

fn grid_columns(xml: &str) -> String {
    const TAG: &str = "<w:gridCol ";
    let mut out = String::with_capacity(xml.len());
    let mut rest = xml;
    while let Some(at) = rest.find(TAG) {
        let end = at + rest[at..].find('>').map_or(rest.len() - at, |i| i + 1);
        out.push_str(&rest[..at]);
        out.push_str(&rest[at..end].replace(r#" w:type="dxa""#, ""));
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// Adds the separator footnotes Word expects and turns the marker runs into the
/// footnotes' own numbers.
fn footnotes(xml: &str, expected: usize) -> Result<String, String> {
    let mark = format!(r#"<w:t xml:space="preserve">{FOOTNOTE_MARK}</w:t>"#);
    if xml.matches(&mark).count() != expected {
        return Err(unexpected("номер сноски"));
    }
    let xml = xml.replace(&mark, "<w:footnoteRef />");
    let open = xml
        .find("<w:footnotes")
        .ok_or_else(|| unexpected("w:footnotes"))?;
    let end = open
        + xml[open..]
            .find('>')
            .ok_or_else(|| unexpected("w:footnotes"))?;
    if xml[..end].ends_with('/') {
        // No footnotes: docx-rs wrote an empty element, and no relationship points at it.
        return Ok(xml);
    }
    let separators = concat!(
        r#"<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto" /></w:pPr><w:r><w:separator /></w:r></w:p></w:footnote>"#,
        r#"<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto" /></w:pPr><w:r><w:continuationSeparator /></w:r></w:p></w:footnote>"#,
    );
    Ok(format!("{}{separators}{}", &xml[..=end], &xml[end + 1..]))
}

/// The default run properties get the text's language, so spelling and hyphenation follow
/// Russian rules.
fn language(xml: &str, tag: &str) -> Result<String, String> {
    const END: &str = "</w:rPr></w:rPrDefault>";
    if xml.matches(END).count() != 1 {
        return Err(unexpected("w:rPrDefault"));
    }
    let tag = super::core::escape(tag);
    Ok(xml.replace(
        END,
        &format!(r#"<w:lang w:val="{tag}" w:eastAsia="{tag}" />{END}"#),
    ))
}

/// Compatibility flags docx-rs always writes for East Asian layout; they change how Word
/// spaces and breaks Latin and Cyrillic text, which the PDF layout does not imitate.
const EAST_ASIAN_COMPAT: &[&str] = &[
    "<w:spaceForUL />",
    "<w:balanceSingleByteDoubleByteWidth />",
    "<w:doNotLeaveBackslashAlone />",
    "<w:ulTrailSpace />",
    "<w:doNotExpandShiftReturn />",
    "<w:useFELayout />",
];

/// Turns on automatic hyphenation (the PDF hyphenates too), drops docx-rs's East Asian
/// compatibility flags and, when there are footnotes, names the separator footnotes as
/// Word does.
fn settings(xml: &str, footnotes: bool) -> Result<String, String> {
    const COMPAT: &str = "<w:compat>";
    let xml = EAST_ASIAN_COMPAT
        .iter()
        .fold(xml.to_string(), |x, flag| x.replace(flag, ""));
    let xml = xml.as_str();
    let tab = xml
        .find("<w:defaultTabStop ")
        .ok_or_else(|| unexpected("w:defaultTabStop"))?;
    let after_tab = tab
        + xml[tab..]
            .find("/>")
            .ok_or_else(|| unexpected("w:defaultTabStop"))?
        + 2;
    let mut out = format!(
        "{}<w:autoHyphenation />{}",
        &xml[..after_tab],
        &xml[after_tab..]
    );
    if footnotes {
        let at = out.find(COMPAT).ok_or_else(|| unexpected("w:compat"))?;
        out.insert_str(
            at,
            r#"<w:footnotePr><w:footnote w:id="-1" /><w:footnote w:id="0" /></w:footnotePr>"#,
        );
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn section_count_must_match() {
        let xml = "<w:body><w:sectPr><a/></w:sectPr></w:body>";
        let ours = vec!["<S1/>".to_string()];
        assert_eq!(
            section_properties(xml, &ours).unwrap(),
            "<w:body><S1/></w:body>"
        );
        assert!(section_properties(xml, &[]).is_err());
        assert!(section_properties(xml, &[ours[0].clone(), ours[0].clone()]).is_err());
    }

    #[test]
    fn header_rows_are_counted() {
        let xml = "<w:trPr><w:cantSplit /></w:trPr><w:trPr />";
        assert_eq!(
            header_rows(xml, 1).unwrap(),
            "<w:trPr><w:cantSplit /><w:tblHeader /></w:trPr><w:trPr />"
        );
        assert!(header_rows(xml, 2).is_err());
    }

    #[test]
    fn grid_columns_lose_their_type() {
        let xml = r#"<w:tblGrid><w:gridCol w:w="2000" w:type="dxa" /></w:tblGrid><w:tcW w:w="1" w:type="dxa" />"#;
        assert_eq!(
            grid_columns(xml),
            r#"<w:tblGrid><w:gridCol w:w="2000" /></w:tblGrid><w:tcW w:w="1" w:type="dxa" />"#
        );
    }

    #[test]
    fn empty_footnotes_part_stays_empty() {
        let xml = r#"<?xml version="1.0"?><w:footnotes xmlns:w="x" />"#;
        assert_eq!(footnotes(xml, 0).unwrap(), xml);
    }
}

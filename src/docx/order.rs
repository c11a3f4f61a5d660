//! Puts the children of property elements into the order the WordprocessingML schema
//! prescribes.
//!
//! docx-rs writes, for example, `w:sz` before `w:b` and `w:rStyle` last in `w:rPr`, and
//! `w:tblLayout` after `w:tblCellMar`. LibreOffice does not mind, but Word reads these
//! elements as sequences: it repairs or silently drops children out of order (a bold run
//! may lose its bold, a footnote mark its superscript style), and Word for the web opens
//! such files read-only. So every part passes through here before it is zipped.
//!
//! The parser handles the XML docx-rs writes: elements, attributes, escaped text and the
//! declaration; no comments, CDATA or doctype.

/// `w:rPr` (CT_RPr, and CT_ParaRPr's leading revision marks).
const RPR: &[&str] = &[
    "w:ins",
    "w:del",
    "w:moveFrom",
    "w:moveTo",
    "w:rStyle",
    "w:rFonts",
    "w:b",
    "w:bCs",
    "w:i",
    "w:iCs",
    "w:caps",
    "w:smallCaps",
    "w:strike",
    "w:dstrike",
    "w:outline",
    "w:shadow",
    "w:emboss",
    "w:imprint",
    "w:noProof",
    "w:snapToGrid",
    "w:vanish",
    "w:webHidden",
    "w:color",
    "w:spacing",
    "w:w",
    "w:kern",
    "w:position",
    "w:sz",
    "w:szCs",
    "w:highlight",
    "w:u",
    "w:effect",
    "w:bdr",
    "w:shd",
    "w:fitText",
    "w:vertAlign",
    "w:rtl",
    "w:cs",
    "w:em",
    "w:lang",
    "w:eastAsianLayout",
    "w:specVanish",
    "w:oMath",
    "w:rPrChange",
];

/// `w:pPr` (CT_PPr).
const PPR: &[&str] = &[
    "w:pStyle",
    "w:keepNext",
    "w:keepLines",
    "w:pageBreakBefore",
    "w:framePr",
    "w:widowControl",
    "w:numPr",
    "w:suppressLineNumbers",
    "w:pBdr",
    "w:shd",
    "w:tabs",
    "w:suppressAutoHyphens",
    "w:kinsoku",
    "w:wordWrap",
    "w:overflowPunct",
    "w:topLinePunct",
    "w:autoSpaceDE",
    "w:autoSpaceDN",
    "w:bidi",
    "w:adjustRightInd",
    "w:snapToGrid",
    "w:spacing",
    "w:ind",
    "w:contextualSpacing",
    "w:mirrorIndents",
    "w:suppressOverlap",
    "w:jc",
    "w:textDirection",
    "w:textAlignment",
    "w:textboxTightWrap",
    "w:outlineLvl",
    "w:divId",
    "w:cnfStyle",
    "w:rPr",
    "w:sectPr",
    "w:pPrChange",
];

/// `w:tblPr` (CT_TblPr).
const TBLPR: &[&str] = &[
    "w:tblStyle",
    "w:tblpPr",
    "w:tblOverlap",
    "w:bidiVisual",
    "w:tblStyleRowBandSize",
    "w:tblStyleColBandSize",
    "w:tblW",
    "w:jc",
    "w:tblCellSpacing",
    "w:tblInd",
    "w:tblBorders",
    "w:shd",
    "w:tblLayout",
    "w:tblCellMar",
    "w:tblLook",
    "w:tblCaption",
    "w:tblDescription",
    "w:tblPrChange",
];

/// `w:tcPr` (CT_TcPr).
const TCPR: &[&str] = &[
    "w:cnfStyle",
    "w:tcW",
    "w:gridSpan",
    "w:hMerge",
    "w:vMerge",
    "w:tcBorders",
    "w:shd",
    "w:noWrap",
    "w:tcMar",
    "w:textDirection",
    "w:tcFitText",
    "w:vAlign",
    "w:hideMark",
    "w:headers",
    "w:cellIns",
    "w:cellDel",
    "w:cellMerge",
    "w:tcPrChange",
];

/// `w:style` (CT_Style).
const STYLE: &[&str] = &[
    "w:name",
    "w:aliases",
    "w:basedOn",
    "w:next",
    "w:link",
    "w:autoRedefine",
    "w:hidden",
    "w:uiPriority",
    "w:semiHidden",
    "w:unhideWhenUsed",
    "w:qFormat",
    "w:locked",
    "w:personal",
    "w:personalCompose",
    "w:personalReply",
    "w:rsid",
    "w:pPr",
    "w:rPr",
    "w:tblPr",
    "w:trPr",
    "w:tcPr",
    "w:tblStylePr",
];

/// `w:settings` (CT_Settings), the children docx-rs or the patch step write.
const SETTINGS: &[&str] = &[
    "w:writeProtection",
    "w:view",
    "w:zoom",
    "w:defaultTabStop",
    "w:autoHyphenation",
    "w:characterSpacingControl",
    "w:footnotePr",
    "w:endnotePr",
    "w:compat",
    "w:docVars",
    "w:rsids",
    "w:themeFontLang",
    "w15:docId",
];

/// `w:sectPr` (CT_SectPr); ours is already in order, this guards later edits.
const SECTPR: &[&str] = &[
    "w:headerReference",
    "w:footerReference",
    "w:footnotePr",
    "w:endnotePr",
    "w:type",
    "w:pgSz",
    "w:pgMar",
    "w:paperSrc",
    "w:pgBorders",
    "w:lnNumType",
    "w:pgNumType",
    "w:cols",
    "w:formProt",
    "w:vAlign",
    "w:noEndnote",
    "w:titlePg",
    "w:textDirection",
    "w:bidi",
    "w:rtlGutter",
    "w:docGrid",
    "w:printerSettings",
    "w:sectPrChange",
];

fn sequence(element: &str) -> Option<&'static [&'static str]> {
    Some(match element {
        "w:rPr" => RPR,
        "w:pPr" => PPR,
        "w:tblPr" => TBLPR,
        "w:tcPr" => TCPR,
        "w:style" => STYLE,
        "w:settings" => SETTINGS,
        "w:sectPr" => SECTPR,
        _ => return None,
    })
}

/// A parsed piece of XML, borrowing the source text.
enum Node<'a> {
    /// Text, the declaration, or anything else copied as is.
    Raw(&'a str),
    /// An element: its start tag, its name, its children and its end tag (empty when the
    /// start tag closes itself).
    Element {
        open: &'a str,
        name: &'a str,
        children: Vec<Node<'a>>,
        close: &'a str,
    },
}

/// Returns `xml` with the children of every property element in schema order. Children the
/// tables do not know keep their relative order after the known ones.
pub(crate) fn canonical(xml: &str) -> Result<String, String> {
    let mut pos = 0;
    let nodes = parse(xml, &mut pos, None)?;
    let mut out = String::with_capacity(xml.len());
    for node in &nodes {
        emit(node, &mut out);
    }
    Ok(out)
}

fn broken(at: usize) -> String {
    format!("DOCX: docx-rs выдал неразборчивый XML (позиция {at})")
}

/// End of the tag starting at `start` (index after `>`), skipping `>` inside quotes. The
/// delimiters are ASCII, so bytes are scanned: no UTF-8 decoding on the hot path.
fn tag_end(xml: &str, start: usize) -> Result<usize, String> {
    let mut quote = None;
    for (i, &b) in xml.as_bytes()[start..].iter().enumerate() {
        match (quote, b) {
            (None, b'"' | b'\'') => quote = Some(b),
            (Some(q), b) if b == q => quote = None,
            (None, b'>') => return Ok(start + i + 1),
            _ => {}
        }
    }
    Err(broken(start))
}

fn tag_name(tag: &str) -> &str {
    let inner = tag.trim_start_matches("</").trim_start_matches('<');
    let end = inner
        .find(|c: char| c.is_whitespace() || c == '/' || c == '>')
        .unwrap_or(inner.len());
    &inner[..end]
}

/// Parses nodes from `*pos` until the end tag of `parent` (or the end of input).
fn parse<'a>(xml: &'a str, pos: &mut usize, parent: Option<&str>) -> Result<Vec<Node<'a>>, String> {
    let mut nodes = Vec::new();
    while *pos < xml.len() {
        let start = *pos;
        if !xml[start..].starts_with('<') {
            let end = xml[start..].find('<').map_or(xml.len(), |i| start + i);
            nodes.push(Node::Raw(&xml[start..end]));
            *pos = end;
            continue;
        }
        let end = tag_end(xml, start)?;
        let tag = &xml[start..end];
        *pos = end;
        if tag.starts_with("<?") {
            nodes.push(Node::Raw(tag));
        } else if tag.starts_with("</") {
            return match parent {
                Some(p) if p == tag_name(tag) => {
                    *pos = start;
                    Ok(nodes)
                }
                _ => Err(broken(start)),
            };
        } else {
            let name = tag_name(tag);
            if tag.ends_with("/>") {
                nodes.push(Node::Element {
                    open: tag,
                    name,
                    children: Vec::new(),
                    close: "",
                });
            } else {
                let children = parse(xml, pos, Some(name))?;
                let close_start = *pos;
                let close_end = tag_end(xml, close_start)?;
                *pos = close_end;
                nodes.push(Node::Element {
                    open: tag,
                    name,
                    children,
                    close: &xml[close_start..close_end],
                });
            }
        }
    }
    match parent {
        None => Ok(nodes),
        Some(_) => Err(broken(*pos)),
    }
}

fn emit(node: &Node, out: &mut String) {
    match node {
        Node::Raw(s) => out.push_str(s),
        Node::Element {
            open,
            name,
            children,
            close,
        } => {
            out.push_str(open);
            let only_elements = children.iter().all(|c| matches!(c, Node::Element { .. }));
            match sequence(name).filter(|_| only_elements) {
                Some(seq) => {
                    let rank = |n: &&Node| match n {
                        Node::Element { name, .. } => {
                            seq.iter().position(|s| s == name).unwrap_or(seq.len())
                        }
                        Node::Raw(_) => seq.len(),
                    };
                    let mut order: Vec<&Node> = children.iter().collect();
                    // Stable: equal ranks (repeated or unknown children) keep their order.
                    order.sort_by_key(rank);
                    order.into_iter().for_each(|child| emit(child, out));
                }
                None => children.iter().for_each(|child| emit(child, out)),
            }
            out.push_str(close);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn run_properties_follow_the_schema() {
        let xml = r#"<w:r><w:rPr><w:sz w:val="28" /><w:b /><w:rStyle w:val="X" /></w:rPr><w:t>a &lt; b</w:t></w:r>"#;
        assert_eq!(
            canonical(xml).unwrap(),
            r#"<w:r><w:rPr><w:rStyle w:val="X" /><w:b /><w:sz w:val="28" /></w:rPr><w:t>a &lt; b</w:t></w:r>"#
        );
    }

    #[test]
    fn paragraph_properties_nest() {
        let xml = "<w:pPr><w:rPr><w:sz/><w:b/></w:rPr><w:jc/><w:ind/><w:keepNext/></w:pPr>";
        assert_eq!(
            canonical(xml).unwrap(),
            "<w:pPr><w:keepNext/><w:ind/><w:jc/><w:rPr><w:b/><w:sz/></w:rPr></w:pPr>"
        );
    }

    #[test]
    fn other_elements_and_unknown_children_keep_their_order() {
        let xml = r#"<?xml version="1.0"?><w:body><w:p/><w:tbl/><w:tcPr><w:x/><w:vAlign a=">"/><w:tcW/></w:tcPr></w:body>"#;
        assert_eq!(
            canonical(xml).unwrap(),
            r#"<?xml version="1.0"?><w:body><w:p/><w:tbl/><w:tcPr><w:tcW/><w:vAlign a=">"/><w:x/></w:tcPr></w:body>"#
        );
    }

    #[test]
    fn mismatched_tags_are_an_error() {
        assert!(canonical("<a><b></a>").is_err());
        assert!(canonical("<a>").is_err());
    }
}

//! Snapshots of the XML parts of a small document, pretty-printed one element a line with
//! paragraph ids normalised, so a change in the writer shows up as a readable diff.
//! Accept a changed snapshot only after opening the document it describes.

mod docx_support;

use prikaz::docx::parts;

enum Token<'a> {
    Open(&'a str),
    Close(&'a str),
    Empty(&'a str),
    Text(&'a str),
}

fn tokens(xml: &str) -> Vec<Token<'_>> {
    let mut out = Vec::new();
    let mut rest = xml;
    while !rest.is_empty() {
        if rest.starts_with('<') {
            let end = rest.find('>').expect("closed tag") + 1;
            let tag = &rest[..end];
            if tag.starts_with("<?") {
                // The declaration says nothing about the writer.
            } else if tag.starts_with("</") {
                out.push(Token::Close(tag));
            } else if tag.ends_with("/>") {
                out.push(Token::Empty(tag));
            } else {
                out.push(Token::Open(tag));
            }
            rest = &rest[end..];
        } else {
            let end = rest.find('<').unwrap_or(rest.len());
            out.push(Token::Text(&rest[..end]));
            rest = &rest[end..];
        }
    }
    out
}

/// One element a line, indented; an element holding only text stays on one line.
fn pretty(xml: &str) -> String {
    let toks = tokens(xml);
    let mut out = String::new();
    let mut depth = 0usize;
    let mut line = |depth: usize, s: &str| {
        out.push_str(&"  ".repeat(depth));
        out.push_str(s);
        out.push('\n');
    };
    let mut i = 0;
    while i < toks.len() {
        match (&toks[i], toks.get(i + 1), toks.get(i + 2)) {
            (Token::Open(o), Some(Token::Text(t)), Some(Token::Close(c))) => {
                line(depth, &format!("{o}{t}{c}"));
                i += 3;
                continue;
            }
            (Token::Open(o), ..) => {
                line(depth, o);
                depth += 1;
            }
            (Token::Close(c), ..) => {
                depth -= 1;
                line(depth, c);
            }
            (Token::Empty(e), ..) => line(depth, e),
            (Token::Text(t), ..) => line(depth, t),
        }
        i += 1;
    }
    out
}

/// Replaces every `w14:paraId` value: ids are stable, but one more paragraph anywhere
/// would otherwise shift every line after it.
fn normalise_ids(xml: &str) -> String {
    const ATTR: &str = "w14:paraId=\"";
    let mut out = String::with_capacity(xml.len());
    let mut rest = xml;
    while let Some(at) = rest.find(ATTR) {
        let start = at + ATTR.len();
        let end = start + rest[start..].find('"').unwrap();
        out.push_str(&rest[..start]);
        out.push_str("ID");
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

fn part(name: &str) -> String {
    let parts = parts(&docx_support::small()).unwrap();
    let xml = &parts.iter().find(|(n, _)| n == name).unwrap().1;
    pretty(&normalise_ids(xml))
}

#[test]
fn small_document_xml() {
    insta::assert_snapshot!(part("word/document.xml"));
}

#[test]
fn small_footnotes_xml() {
    insta::assert_snapshot!(part("word/footnotes.xml"));
}

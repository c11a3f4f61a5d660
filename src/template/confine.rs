//! Keeps a template folder closed: tera finds included, imported and extended templates by
//! name among those loaded from the folder, and a name that is a path (`../x.xml`,
//! `/etc/x.xml`, `sub/x.xml`) could only mean a file outside it. Such names are refused at the
//! place they are written, before tera reports them as merely missing.

use crate::diag::{Diagnostic, Diagnostics};
use std::path::Path;

/// The tags whose string argument names another template.
const KEYWORDS: [&str; 3] = ["include", "import", "extends"];

/// A problem for every template name in `text` (the template at `path`) that is a path.
pub fn check_references(path: &Path, text: &str) -> Diagnostics {
    let mut problems = Diagnostics::default();
    for (at, name) in references(text) {
        if let Some(why) = not_a_plain_name(name) {
            problems.0.push(Diagnostic::at(
                path,
                text,
                at,
                format!(
                    "шаблон «{name}» {why}: шаблон может подключать только шаблоны из своей \
                     папки, по имени файла (например, \"table.xml\")"
                ),
            ));
        }
    }
    problems
}

/// Every (offset, name) of a quoted name after `{% include`, `{% import` or `{% extends`.
fn references(text: &str) -> Vec<(usize, &str)> {
    let mut found = Vec::new();
    let mut rest = 0;
    while let Some(open) = text[rest..].find("{%") {
        let start = rest + open + 2;
        let tag = text[start..].trim_start_matches(['-', '+']).trim_start();
        let tag_at = text.len() - tag.len();
        rest = start;
        let Some(keyword) = KEYWORDS.iter().find(|k| tag.starts_with(*k)) else {
            continue;
        };
        let after = tag[keyword.len()..].trim_start();
        let Some(quote) = after
            .chars()
            .next()
            .filter(|c| matches!(c, '"' | '\'' | '`'))
        else {
            continue;
        };
        let body = &after[1..];
        if let Some(end) = body.find(quote) {
            let name_at = tag_at + (tag.len() - body.len());
            found.push((name_at, &body[..end]));
        }
    }
    found
}

/// Why `name` is not the plain file name of a template in the same folder, if it is not.
fn not_a_plain_name(name: &str) -> Option<&'static str> {
    if name.starts_with('/') || name.starts_with('\\') || name.get(1..2) == Some(":") {
        return Some("задан абсолютным путём");
    }
    if name.split(['/', '\\']).any(|part| part == "..") {
        return Some("ведёт за пределы папки шаблонов («..»)");
    }
    if name.contains(['/', '\\']) {
        return Some("лежит во вложенной папке");
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn messages(text: &str) -> Vec<String> {
        check_references(Path::new("t.xml"), text)
            .0
            .into_iter()
            .map(|d| format!("{}:{} {}", d.line, d.col, d.message))
            .collect()
    }

    #[test]
    fn plain_names_pass() {
        assert!(messages("{%- include \"table.xml\" %}{% import 'm.xml' as m %}").is_empty());
    }

    #[test]
    fn paths_are_refused_at_their_place() {
        let m = messages("a\n  {% include \"../secret.xml\" %}\n{%- extends \"/etc/x.xml\" %}");
        assert_eq!(m.len(), 2, "{m:?}");
        assert!(
            m[0].starts_with("2:15 ") && m[0].contains("за пределы"),
            "{m:?}"
        );
        assert!(
            m[1].starts_with("3:14 ") && m[1].contains("абсолютным"),
            "{m:?}"
        );
    }

    #[test]
    fn a_subfolder_is_refused() {
        assert_eq!(messages("{% include \"sub/x.xml\" %}").len(), 1);
    }
}

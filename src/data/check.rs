//! Checks a TOML text against the schema of its kind of file and reports every problem at once:
//! syntax errors (the parser recovers and goes on), unknown keys with the nearest known one,
//! missing fields, wrong types with an example, and characters that cannot go into a document.

use super::schema::{cached_schema, FileKind};
use super::toml_error::{closest, russian_syntax};
use crate::diag::Diagnostic;
use serde_json::Value;
use std::ops::Range;
use std::path::Path;
use toml::de::{DeTable, DeValue};
use toml::Spanned;

/// Every problem of `text` (the contents of `path`) as a file of kind `kind`; when there is
/// none, the parsed document too, so that the loader deserializes it without parsing again.
pub fn check<'t>(
    path: &Path,
    text: &'t str,
    kind: FileKind,
) -> Result<Spanned<DeTable<'t>>, Vec<Diagnostic>> {
    let (table, errors) = DeTable::parse_recoverable(text);
    let mut c = Checker {
        path,
        text,
        root: cached_schema(kind),
        diags: Vec::new(),
    };
    for e in &errors {
        let offset = e.span().map_or(0, |s| s.start);
        c.push(offset, russian_syntax(e.message()));
    }
    if !errors.is_empty() {
        c.diags.sort_by_key(|d| (d.line, d.col));
        return Err(c.diags);
    }
    // The root of every schema is a table of known fields.
    c.table(table.get_ref(), table.span().start, c.root, "");
    if !c.diags.is_empty() {
        c.diags.sort_by_key(|d| (d.line, d.col));
        return Err(c.diags);
    }
    Ok(table)
}

struct Checker<'a> {
    path: &'a Path,
    text: &'a str,
    /// The schema of the file's kind; `$ref`s point into its `$defs`.
    root: &'static Value,
    diags: Vec<Diagnostic>,
}

impl Checker<'_> {
    fn push(&mut self, offset: usize, message: String) {
        self.diags
            .push(Diagnostic::at(self.path, self.text, offset, message));
    }

    /// Follows `$ref` to the definition it names.
    fn resolve(&self, schema: &'static Value) -> &'static Value {
        match schema.get("$ref").and_then(Value::as_str) {
            Some(r) => r
                .strip_prefix("#/$defs/")
                .and_then(|name| self.root.get("$defs")?.get(name))
                .unwrap_or(schema),
            None => schema,
        }
    }

    fn walk(&mut self, value: &Spanned<DeValue>, schema: &'static Value, key: &str) {
        let schema = self.resolve(schema);
        if let Some(branches) = schema
            .get("anyOf")
            .or_else(|| schema.get("oneOf"))
            .and_then(Value::as_array)
        {
            return self.any_of(value, branches, key);
        }
        if !self.type_matches(value.get_ref(), schema) {
            let expected = describe(schema);
            let found = found_kind(value.get_ref());
            let example = example(key, schema);
            self.push(
                value.span().start,
                format!("поле «{key}»: ожидается {expected}, а здесь {found}; например: {example}"),
            );
            return;
        }
        if let Some(choices) = schema.get("enum").and_then(Value::as_array) {
            if let Some(s) = value.get_ref().as_str() {
                if !choices.iter().any(|c| c.as_str() == Some(s)) {
                    let list: Vec<String> = choices
                        .iter()
                        .filter_map(|c| c.as_str())
                        .map(|c| format!("\"{c}\""))
                        .collect();
                    self.push(
                        value.span().start,
                        format!(
                            "поле «{key}»: значение \"{s}\" не подходит; допустимы: {}",
                            list.join(", ")
                        ),
                    );
                }
            }
        }
        self.range_ok(value, schema, key);
        match value.get_ref() {
            DeValue::String(s) => self.text_ok(value.span(), key, s),
            DeValue::Array(items) => {
                if let Some(item_schema) = schema.get("items") {
                    for item in items.iter() {
                        self.walk(item, item_schema, key);
                    }
                }
            }
            DeValue::Table(table) => self.table(table, value.span().start, schema, key),
            _ => {}
        }
    }

    fn table(&mut self, table: &DeTable, start: usize, schema: &'static Value, key: &str) {
        let props = schema.get("properties").and_then(Value::as_object);
        let closed = schema.get("additionalProperties") == Some(&Value::Bool(false));
        let extra = schema.get("additionalProperties").filter(|v| v.is_object());
        let known: Vec<&str> = props
            .map(|p| p.keys().map(String::as_str).collect())
            .unwrap_or_default();
        let place = if key.is_empty() {
            "в файле".to_string()
        } else {
            format!("в [{key}]")
        };
        for (k, v) in table.iter() {
            let name = k.get_ref().as_ref();
            let path = if key.is_empty() {
                name.to_string()
            } else {
                format!("{key}.{name}")
            };
            match props.and_then(|p| p.get(name)) {
                Some(sub) => self.walk(v, sub, &path),
                None if closed => {
                    let hint = closest(name, &known)
                        .map(|s| format!("; возможно, имелось в виду «{s}»"))
                        .unwrap_or_default();
                    self.push(
                        k.span().start,
                        format!(
                            "неизвестное поле «{name}» {place}{hint}. Допустимые поля: {}",
                            known.join(", ")
                        ),
                    );
                }
                None => {
                    if let Some(sub) = extra {
                        self.walk(v, sub, &path);
                    } else if let DeValue::String(s) = v.get_ref() {
                        self.text_ok(v.span(), &path, s);
                    }
                }
            }
        }
        for req in schema
            .get("required")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let Some(req) = req.as_str() else { continue };
            if table.get(req).is_none() {
                self.push(
                    start,
                    format!("{place} нет обязательного поля «{req}»: добавьте строку {req} = …"),
                );
            }
        }
    }

    fn any_of(&mut self, value: &Spanned<DeValue>, branches: &'static [Value], key: &str) {
        let real: Vec<&Value> = branches
            .iter()
            .filter(|b| b.get("type") != Some(&Value::String("null".into())))
            .collect();
        let mut best: Option<Vec<Diagnostic>> = None;
        for b in &real {
            let saved = std::mem::take(&mut self.diags);
            self.walk(value, b, key);
            let found = std::mem::replace(&mut self.diags, saved);
            if found.is_empty() {
                return;
            }
            // Keep the problems of the branch whose type matched: they are the precise ones.
            let b = self.resolve(b);
            if self.type_matches(value.get_ref(), b) && best.is_none() {
                best = Some(found);
            }
        }
        match best {
            Some(found) => self.diags.extend(found),
            None => {
                let expected: Vec<String> =
                    real.iter().map(|b| describe(self.resolve(b))).collect();
                let found = found_kind(value.get_ref());
                self.push(
                    value.span().start,
                    format!(
                        "поле «{key}»: ожидается {}, а здесь {found}",
                        expected.join(" или ")
                    ),
                );
            }
        }
    }

    fn type_matches(&self, value: &DeValue, schema: &Value) -> bool {
        let types: Vec<&str> = match schema.get("type") {
            Some(Value::String(t)) => vec![t.as_str()],
            Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).collect(),
            _ => return true,
        };
        let date = schema.get("format").and_then(Value::as_str) == Some("date");
        types.iter().any(|t| match (*t, value) {
            ("string", DeValue::Datetime(_)) => date,
            ("string", DeValue::String(_)) => !date,
            ("integer", DeValue::Integer(_)) => true,
            ("number", DeValue::Integer(_) | DeValue::Float(_)) => true,
            ("boolean", DeValue::Boolean(_)) => true,
            ("array", DeValue::Array(_)) => true,
            ("object", DeValue::Table(_)) => true,
            _ => false,
        })
    }

    /// Text that cannot go into DOCX XML: control characters and non-characters, reported at
    /// the character (or its escape) in the string written at `span`.
    fn text_ok(&mut self, span: Range<usize>, key: &str, s: &str) {
        if let Some((at, c)) = s.char_indices().find(|(_, c)| !xml_char(*c)) {
            let offset = super::text::offset_in(self.text, &span, s, at);
            self.push(offset, format!(
                "поле «{key}»: в тексте управляющий символ U+{:04X}, он не может попасть в документ; \
                 удалите его (переносы строк в таблицах пишутся как \\n)",
                c as u32
            ));
        }
    }
}

impl Checker<'_> {
    /// A number outside the schema's `minimum`..`maximum` (NaN and infinities included) is
    /// reported at the number: every number the writers use has a range.
    fn range_ok(&mut self, value: &Spanned<DeValue>, schema: &Value, key: &str) {
        let (min, max) = (
            schema.get("minimum").and_then(Value::as_f64),
            schema.get("maximum").and_then(Value::as_f64),
        );
        if min.is_none() && max.is_none() {
            return;
        }
        let Some(n) = number(value.get_ref()) else {
            return;
        };
        let fits = n.is_finite() && min.is_none_or(|m| n >= m) && max.is_none_or(|m| n <= m);
        if !fits {
            let bounds = match (min, max) {
                (Some(a), Some(b)) => format!("от {a} до {b}"),
                (Some(a), None) => format!("не меньше {a}"),
                (None, Some(b)) => format!("не больше {b}"),
                (None, None) => return,
            };
            self.push(
                value.span().start,
                format!(
                    "поле «{key}»: число {} вне допустимого: {bounds}",
                    display(value.get_ref())
                ),
            );
        }
    }
}

/// The value of a TOML number (NaN for `nan`, ±∞ for `inf`).
fn number(v: &DeValue) -> Option<f64> {
    match v {
        DeValue::Integer(i) => i64::from_str_radix(&i.as_str().replace('_', ""), i.radix())
            .ok()
            .map(|n| n as f64),
        DeValue::Float(f) => f.as_str().replace('_', "").parse().ok(),
        _ => None,
    }
}

fn display(v: &DeValue) -> String {
    match v {
        DeValue::Integer(i) => i.as_str().to_string(),
        DeValue::Float(f) => f.as_str().to_string(),
        _ => String::new(),
    }
}

/// Characters XML 1.0 allows (tabs and line feeds included).
fn xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
        && !matches!(c, '\u{7F}'..='\u{9F}')
}

fn found_kind(v: &DeValue) -> &'static str {
    match v {
        DeValue::String(_) => "строка",
        DeValue::Integer(_) => "целое число",
        DeValue::Float(_) => "дробное число",
        DeValue::Boolean(_) => "true/false",
        DeValue::Datetime(_) => "дата",
        DeValue::Array(_) => "список [ … ]",
        DeValue::Table(_) => "таблица",
    }
}

fn describe(schema: &Value) -> String {
    if schema.get("format").and_then(Value::as_str) == Some("date") {
        return "дата без кавычек (ГГГГ-ММ-ДД)".into();
    }
    let t = match schema.get("type") {
        Some(Value::String(t)) => t.as_str(),
        Some(Value::Array(ts)) => ts
            .iter()
            .filter_map(Value::as_str)
            .find(|t| *t != "null")
            .unwrap_or(""),
        _ => "",
    };
    match t {
        "string" => "строка в кавычках".into(),
        "integer" => "целое число".into(),
        "number" => "число".into(),
        "boolean" => "true или false".into(),
        "array" => "список [ … ]".into(),
        "object" => "таблица { … }".into(),
        _ => "другое значение".into(),
    }
}

fn example(key: &str, schema: &Value) -> String {
    let name = key.rsplit('.').next().unwrap_or(key);
    let value = match describe(schema).as_str() {
        "строка в кавычках" => "\"…\"".to_string(),
        "целое число" => "1".into(),
        "число" => "25".into(),
        "true или false" => "true".into(),
        "список [ … ]" => "[\"…\", \"…\"]".into(),
        "дата без кавычек (ГГГГ-ММ-ДД)" => "2023-06-27".into(),
        _ => "{ … }".into(),
    };
    format!("{name} = {value}")
}

//! Values whose shape varies, read by hand: text or a table (a table cell, a numbered item),
//! and any value at all in a row of a keyed table. serde's untagged enums would buffer the
//! value first and lose the places the parser gave its parts; these readers keep them.

use super::raw::{one, CellData, GeneralRow, NumberedItem, Text};
use super::spanned::Spanned;
use serde::de::value::MapAccessDeserializer;
use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use std::fmt;
use std::marker::PhantomData;

/// Text, or a table read as `T`.
enum TextOr<T> {
    /// A string.
    Text(String),
    /// A table.
    Table(T),
}

impl<'de, T: Deserialize<'de>> TextOr<T> {
    /// Reads text or a table, with the place of the whole value.
    fn read<D: Deserializer<'de>>(d: D) -> Result<Spanned<TextOr<T>>, D::Error> {
        Spanned::<TextOr<T>>::deserialize(d)
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for TextOr<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<T>(PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for V<T> {
            type Value = TextOr<T>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("строка или таблица { … }")
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Self::Value, E> {
                Ok(TextOr::Text(s.to_string()))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
                T::deserialize(MapAccessDeserializer::new(map)).map(TextOr::Table)
            }
        }
        d.deserialize_any(V(PhantomData))
    }
}

/// The fields of [`NumberedItem::WithList`], read with their places.
#[derive(serde::Deserialize)]
struct WithList {
    text: Text,
    #[serde(default)]
    list: Vec<Text>,
}

impl<'de> Deserialize<'de> for NumberedItem {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let item = TextOr::<WithList>::read(d)?;
        let span = item.span();
        Ok(match item.into_inner() {
            TextOr::Text(text) => NumberedItem::Text(Spanned::new(text, span)),
            TextOr::Table(WithList { text, list }) => NumberedItem::WithList { text, list },
        })
    }
}

/// The fields of [`CellData::Spanned`], read with their places.
#[derive(serde::Deserialize)]
struct SpannedCell {
    #[serde(default)]
    text: Text,
    #[serde(default)]
    numbered: Option<Spanned<Vec<Text>>>,
    #[serde(default)]
    list: Option<Spanned<Vec<Text>>>,
    #[serde(default = "one")]
    colspan: Spanned<usize>,
    #[serde(default = "one")]
    rowspan: Spanned<usize>,
}

impl<'de> Deserialize<'de> for CellData {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let cell = TextOr::<SpannedCell>::read(d)?;
        let span = cell.span();
        Ok(match cell.into_inner() {
            TextOr::Text(text) => CellData::Text(Spanned::new(text, span)),
            TextOr::Table(c) => CellData::Spanned {
                // A cell of lists alone is marked at its braces.
                text: if c.text.is_empty() && c.text.span().is_empty() {
                    Spanned::new(String::new(), span)
                } else {
                    c.text
                },
                numbered: c.numbered,
                list: c.list,
                colspan: c.colspan,
                rowspan: c.rowspan,
            },
        })
    }
}

/// The field of a general table's sub-header row.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct SubheaderRow {
    subheader: Text,
}

impl<'de> Deserialize<'de> for GeneralRow {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = GeneralRow;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("строка таблицы: список ячеек [ … ] или { subheader = \"…\" }")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<GeneralRow, A::Error> {
                let mut cells = Vec::new();
                while let Some(c) = seq.next_element()? {
                    cells.push(c);
                }
                Ok(GeneralRow::Cells(cells))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<GeneralRow, A::Error> {
                let row = SubheaderRow::deserialize(MapAccessDeserializer::new(map))?;
                Ok(GeneralRow::Subheader {
                    subheader: row.subheader,
                })
            }
        }
        d.deserialize_any(V)
    }
}

/// A row of a keyed table: values by key, each key and value with its place.
#[derive(Debug, Clone, Default)]
pub struct Row(pub Vec<(Spanned<String>, Spanned<Value>)>);

impl Row {
    /// The value under `key`.
    pub fn get(&self, key: &str) -> Option<&Spanned<Value>> {
        self.0
            .iter()
            .find(|(k, _)| k.as_str() == key)
            .map(|(_, v)| v)
    }
}

impl<'de> Deserialize<'de> for Row {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Row;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("строка таблицы { ключ = значение, … }")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Row, A::Error> {
                let mut row = Vec::new();
                while let Some(key) = map.next_key::<Spanned<String>>()? {
                    row.push((key, map.next_value()?));
                }
                Ok(Row(row))
            }
        }
        d.deserialize_any(V)
    }
}

/// A value in a keyed table's row: the table's schema leaves it open, so its kind is checked
/// when the row is read against its columns.
#[derive(Debug, Clone)]
pub enum Value {
    /// Text.
    Text(String),
    /// A list (result numbers, targets), each item with its place.
    List(Vec<Spanned<toml::Value>>),
    /// A table (`{ text = "…", rowspan = 2 }`), each value with its place, in key order.
    Table(Vec<(String, Spanned<toml::Value>)>),
    /// Anything else, named in Russian for messages: «целое число», «дата» …
    Other(&'static str),
}

/// The key under which the TOML reader hands over a date as a one-entry table.
const DATETIME_KEY: &str = "$__toml_private_datetime";

impl<'de> Deserialize<'de> for Value {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(ValueVisitor)
    }
}

struct ValueVisitor;

impl<'de> Visitor<'de> for ValueVisitor {
    type Value = Value;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("значение TOML")
    }
    fn visit_str<E: de::Error>(self, s: &str) -> Result<Value, E> {
        Ok(Value::Text(s.to_string()))
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Value, E> {
        Ok(Value::Other("целое число"))
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Value, E> {
        Ok(Value::Other("целое число"))
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Value, E> {
        Ok(Value::Other("дробное число"))
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Value, E> {
        Ok(Value::Other("true/false"))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Value::List(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut entries = Vec::new();
        while let Some(key) = map.next_key::<String>()? {
            if key == DATETIME_KEY {
                map.next_value::<de::IgnoredAny>()?;
                return Ok(Value::Other("дата"));
            }
            entries.push((key, map.next_value()?));
        }
        Ok(Value::Table(entries))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(text: &str) -> Row {
        #[derive(serde::Deserialize)]
        struct File {
            row: Row,
        }
        let (table, errors) = toml::de::DeTable::parse_recoverable(text);
        assert!(errors.is_empty());
        File::deserialize(toml::de::Deserializer::from(table))
            .unwrap()
            .row
    }

    #[test]
    fn every_kind_of_value_keeps_its_place() {
        let text = "row = { a = \"x\", b = [1, 2], c = { text = \"y\", rowspan = 2 }, \
                    d = 2023-01-01, e = 1.5 }";
        let r = row(text);
        let at = |key: &str| &text[r.get(key).unwrap().span()];
        assert_eq!(at("a"), "\"x\"");
        assert_eq!(at("b"), "[1, 2]");
        let Value::List(items) = r.get("b").unwrap().get_ref() else {
            panic!()
        };
        assert_eq!(&text[items[1].span()], "2");
        let Value::Table(cell) = r.get("c").unwrap().get_ref() else {
            panic!()
        };
        let rowspan = cell.iter().find(|(k, _)| k == "rowspan").unwrap();
        assert_eq!(&text[rowspan.1.span()], "2");
        assert!(matches!(
            r.get("d").unwrap().get_ref(),
            Value::Other("дата")
        ));
        assert!(matches!(
            r.get("e").unwrap().get_ref(),
            Value::Other("дробное число")
        ));
        let (key, _) = &r.0[0];
        assert_eq!(&text[key.span()], "a");
    }
}

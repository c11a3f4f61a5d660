//! A value with the place it was written: the byte span the TOML parser gave it. The raw
//! types carry one on every value a semantic check may complain about, so that the problem is
//! reported at that value rather than found again by searching the file's text.

use schemars::{JsonSchema, Schema, SchemaGenerator};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::borrow::Cow;
use std::ops::{Deref, Range};

/// `value` and the byte range of the file it was read from.
///
/// Unlike `toml::Spanned` it also has a JSON Schema (that of `T`: the place is not part of
/// the data format) and a default (an empty span at the start of the file, for fields that
/// may be left out).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Spanned<T> {
    span: Range<usize>,
    value: T,
}

impl<T> Spanned<T> {
    /// `value` written at `span`.
    pub fn new(value: T, span: Range<usize>) -> Self {
        Spanned { span, value }
    }

    /// The byte range of the file.
    pub fn span(&self) -> Range<usize> {
        self.span.clone()
    }

    /// The first byte.
    pub fn start(&self) -> usize {
        self.span.start
    }

    /// The value.
    pub fn get_ref(&self) -> &T {
        &self.value
    }

    /// The value, without its place.
    pub fn into_inner(self) -> T {
        self.value
    }
}

impl<T> Deref for Spanned<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.value
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Spanned<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = toml::Spanned::<T>::deserialize(d)?;
        let span = s.span();
        Ok(Spanned::new(s.into_inner(), span))
    }
}

/// Only the value: a default written into a schema is a plain value.
impl<T: Serialize> Serialize for Spanned<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.value.serialize(s)
    }
}

/// The schema of `T` itself, under its own name: the schema does not know about places.
impl<T: JsonSchema> JsonSchema for Spanned<T> {
    fn inline_schema() -> bool {
        T::inline_schema()
    }

    fn schema_name() -> Cow<'static, str> {
        T::schema_name()
    }

    fn schema_id() -> Cow<'static, str> {
        T::schema_id()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        T::json_schema(generator)
    }
}

//! One way in for JSON, so WebAssembly carries one deserializer per type.
//!
//! serde instantiates every derived `Deserialize` once per deserializer it is used with: read
//! straight from text (`serde_json::from_str`, `from_slice`), from an owned `Value`
//! (`from_value`) or from a borrowed `&Value`, each a full copy of the type's visitor and of
//! serde_json's parser. Here text (or bytes) is always parsed by one reader into a
//! [`serde_json::Value`], and typed values are always read from a borrowed value by
//! [`reader`]. Syntax errors keep their line and column; type errors (a missing field, a string
//! where a number belongs) name what is wrong without a position. serde_json's limit of 128
//! nested levels applies as before.

mod reader;

use serde::de::DeserializeOwned;
use serde_json::{Error, Value};

/// Parse JSON text (UTF-8 bytes; `&str` via `as_bytes`) into a value.
pub fn parse(text: &[u8]) -> Result<Value, Error> {
    serde_json::from_slice(text)
}

/// Read a `T` from a parsed value.
pub fn from_value<T: DeserializeOwned>(value: &Value) -> Result<T, Error> {
    T::deserialize(reader::Reader(value))
}

/// Parse JSON text into a `T` (by way of a [`Value`]).
pub fn from_text<T: DeserializeOwned>(text: &[u8]) -> Result<T, Error> {
    from_value(&parse(text)?)
}

//! A borrowed [`Value`] as a serde `Deserializer`: serde_json's own `&Value` deserializer less
//! one thing, a struct written as a JSON array.
//!
//! serde_json reads a struct from an object or, positionally, from an array, so every derived
//! `Deserialize` carries a second visitor (`visit_seq`) for the array form. No input here is
//! written that way (CometBFT, the ledger and the verifiers' arguments all use objects), and
//! those visitors were about a tenth of the browser module (10.5 kB of 280 kB gzipped). Here a
//! struct is read from an object only; an array where a struct belongs is a type error
//! ("invalid type: sequence, expected struct Header"). Everything else, including each error
//! message, is serde_json's behaviour: the methods below follow `impl Deserializer for &Value`
//! in serde_json's `value/de.rs`.

use serde::de::value::BorrowedStrDeserializer;
use serde::de::{
    DeserializeSeed, Deserializer, EnumAccess, Error as _, MapAccess, SeqAccess, Unexpected,
    VariantAccess, Visitor,
};
use serde::Deserialize as _;
use serde_json::{Error, Map, Value};

/// A borrowed value to deserialize from.
#[derive(Clone, Copy)]
pub(super) struct Reader<'de>(pub(super) &'de Value);

/// What the value is, for "invalid type" errors.
fn unexpected(v: &Value) -> Unexpected<'_> {
    match v {
        Value::Null => Unexpected::Unit,
        Value::Bool(b) => Unexpected::Bool(*b),
        Value::Number(n) => match (n.as_u64(), n.as_i64()) {
            (Some(u), _) => Unexpected::Unsigned(u),
            (None, Some(i)) => Unexpected::Signed(i),
            // Neither fits a 64-bit integer: serde_json holds it as a float.
            (None, None) => Unexpected::Float(n.as_f64().unwrap_or(f64::NAN)),
        },
        Value::String(s) => Unexpected::Str(s),
        Value::Array(_) => Unexpected::Seq,
        Value::Object(_) => Unexpected::Map,
    }
}

impl<'de> Reader<'de> {
    fn invalid_type<V: Visitor<'de>>(self, visitor: &V) -> Error {
        Error::invalid_type(unexpected(self.0), visitor)
    }

    fn number<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.0 {
            Value::Number(n) => n.deserialize_any(visitor),
            _ => Err(self.invalid_type(&visitor)),
        }
    }
}

fn visit_array<'de, V: Visitor<'de>>(items: &'de [Value], visitor: V) -> Result<V::Value, Error> {
    let mut seq = Seq(items.iter());
    let out = visitor.visit_seq(&mut seq)?;
    match seq.0.len() {
        0 => Ok(out),
        _ => Err(Error::invalid_length(
            items.len(),
            &"fewer elements in array",
        )),
    }
}

/// serde_json then checks that the visitor read every entry ("fewer elements in map"); every
/// map visitor here (derived structs, maps, `Value`) reads to the end or fails, so the check
/// could never fire, and each copy of it was a copy of the type's drop code.
fn visit_object<'de, V: Visitor<'de>>(
    map: &'de Map<String, Value>,
    visitor: V,
) -> Result<V::Value, Error> {
    visitor.visit_map(&mut Entries {
        iter: map.iter(),
        value: None,
    })
}

/// Numbers: a JSON number as serde_json holds it (`u64`, `i64` or `f64`), else a type error.
macro_rules! numbers {
    ($($method:ident)*) => {$(
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
            self.number(visitor)
        }
    )*};
}

impl<'de> Deserializer<'de> for Reader<'de> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.0 {
            Value::Null => visitor.visit_unit(),
            Value::Bool(b) => visitor.visit_bool(*b),
            Value::Number(n) => n.deserialize_any(visitor),
            Value::String(s) => visitor.visit_borrowed_str(s),
            Value::Array(a) => visit_array(a, visitor),
            Value::Object(m) => visit_object(m, visitor),
        }
    }

    numbers! {
        deserialize_i8 deserialize_i16 deserialize_i32 deserialize_i64 deserialize_i128
        deserialize_u8 deserialize_u16 deserialize_u32 deserialize_u64 deserialize_u128
        deserialize_f32 deserialize_f64
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.0 {
            Value::Null => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        match self.0 {
            Value::String(name) => visitor.visit_enum(Variant { name, value: None }),
            // An enum with data is an object with a single key: the variant.
            Value::Object(map) => {
                let mut entries = map.iter();
                match (entries.next(), entries.next()) {
                    (Some((name, value)), None) => visitor.visit_enum(Variant {
                        name,
                        value: Some(value),
                    }),
                    _ => Err(Error::invalid_value(
                        Unexpected::Map,
                        &"map with a single key",
                    )),
                }
            }
            other => Err(Error::invalid_type(unexpected(other), &"string or map")),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.0 {
            Value::Bool(b) => visitor.visit_bool(*b),
            _ => Err(self.invalid_type(&visitor)),
        }
    }

    fn deserialize_char<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.0 {
            Value::String(s) => visitor.visit_borrowed_str(s),
            _ => Err(self.invalid_type(&visitor)),
        }
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    fn deserialize_bytes<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.0 {
            Value::String(s) => visitor.visit_borrowed_str(s),
            Value::Array(a) => visit_array(a, visitor),
            _ => Err(self.invalid_type(&visitor)),
        }
    }

    fn deserialize_byte_buf<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_bytes(visitor)
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.0 {
            Value::Null => visitor.visit_unit(),
            _ => Err(self.invalid_type(&visitor)),
        }
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_unit(visitor)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.0 {
            Value::Array(a) => visit_array(a, visitor),
            _ => Err(self.invalid_type(&visitor)),
        }
    }

    fn deserialize_tuple<V: Visitor<'de>>(
        self,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.0 {
            Value::Object(m) => visit_object(m, visitor),
            _ => Err(self.invalid_type(&visitor)),
        }
    }

    /// The one difference from serde_json: an object only, never an array.
    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_map(visitor)
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_unit()
    }
}

/// The elements of an array.
struct Seq<'de>(core::slice::Iter<'de, Value>);

impl<'de> SeqAccess<'de> for Seq<'de> {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Error> {
        self.0
            .next()
            .map(|v| seed.deserialize(Reader(v)))
            .transpose()
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.0.len())
    }
}

/// The entries of an object; `value` is the one whose key was read last.
struct Entries<'de> {
    iter: serde_json::map::Iter<'de>,
    value: Option<&'de Value>,
}

impl<'de> MapAccess<'de> for Entries<'de> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        match self.iter.next() {
            Some((key, value)) => {
                self.value = Some(value);
                seed.deserialize(BorrowedStrDeserializer::new(key))
                    .map(Some)
            }
            None => Ok(None),
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        match self.value.take() {
            Some(value) => seed.deserialize(Reader(value)),
            None => Err(Error::custom("value is missing")),
        }
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.iter.len())
    }
}

/// An enum's variant: its name, and its data when written as `{"name": data}`.
struct Variant<'de> {
    name: &'de str,
    value: Option<&'de Value>,
}

impl<'de> EnumAccess<'de> for Variant<'de> {
    type Error = Error;
    type Variant = Self;

    fn variant_seed<V: DeserializeSeed<'de>>(self, seed: V) -> Result<(V::Value, Self), Error> {
        let name = seed.deserialize(BorrowedStrDeserializer::<Error>::new(self.name))?;
        Ok((name, self))
    }
}

impl<'de> VariantAccess<'de> for Variant<'de> {
    type Error = Error;

    fn unit_variant(self) -> Result<(), Error> {
        match self.value {
            Some(value) => <()>::deserialize(Reader(value)),
            None => Ok(()),
        }
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, Error> {
        match self.value {
            Some(value) => seed.deserialize(Reader(value)),
            None => Err(Error::invalid_type(
                Unexpected::UnitVariant,
                &"newtype variant",
            )),
        }
    }

    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value, Error> {
        match self.value {
            Some(Value::Array(a)) if a.is_empty() => visitor.visit_unit(),
            Some(Value::Array(a)) => visit_array(a, visitor),
            Some(other) => Err(Error::invalid_type(unexpected(other), &"tuple variant")),
            None => Err(Error::invalid_type(
                Unexpected::UnitVariant,
                &"tuple variant",
            )),
        }
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        match self.value {
            Some(Value::Object(m)) => visit_object(m, visitor),
            Some(other) => Err(Error::invalid_type(unexpected(other), &"struct variant")),
            None => Err(Error::invalid_type(
                Unexpected::UnitVariant,
                &"struct variant",
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    //! The reader against serde_json's own `&Value` deserializer: the same values and the same
    //! error messages, except for a struct written as an array.

    use std::collections::BTreeMap;

    use serde::de::DeserializeOwned;
    use serde::Deserialize;
    use serde_json::{json, Value};

    #[derive(Debug, PartialEq, Deserialize)]
    #[serde(rename_all = "camelCase", deny_unknown_fields)]
    struct Strict {
        name: String,
        #[serde(default)]
        count: Option<u8>,
    }

    #[derive(Debug, PartialEq, Deserialize)]
    #[serde(rename_all = "snake_case")]
    enum Kind {
        Plain,
        Wrapped(i64),
        Pair(u8, u8),
        Shaped { x: bool },
    }

    #[derive(Debug, PartialEq, Deserialize)]
    struct Inner {
        tag: String,
    }

    #[derive(Debug, PartialEq, Deserialize)]
    struct Outer {
        #[serde(flatten)]
        inner: Inner,
        list: Vec<Kind>,
        map: BTreeMap<String, u64>,
        any: Value,
        unit: (),
        tuple: (char, f64),
        newtype: Newtype,
    }

    #[derive(Debug, PartialEq, Deserialize)]
    struct Newtype(Vec<u32>);

    /// Both deserializers give the same value, or errors with the same message.
    fn same<T: DeserializeOwned + PartialEq + core::fmt::Debug>(v: &Value) -> bool {
        let ours = super::super::from_value::<T>(v).map_err(|e| e.to_string());
        let theirs = T::deserialize(v).map_err(|e| e.to_string());
        assert_eq!(ours, theirs, "on {v}");
        ours.is_ok()
    }

    #[test]
    fn agrees_with_serde_json_except_for_structs_as_arrays() {
        let structs = [
            json!({"name": "a"}),
            json!({"name": "a", "count": 7}),
            json!({"name": "a", "count": null}),
            json!({"name": "a", "count": 300}),
            json!({"name": "a", "count": -1}),
            json!({"name": "a", "count": 1.5}),
            json!({"name": "a", "count": "7"}),
            json!({"name": "a", "other": 1}),
            json!({"name": 5}),
            json!({"name": "a", "name2": true}),
            json!({}),
            json!(null),
            json!("a"),
            json!(7),
        ];
        let kinds = [
            json!("plain"),
            json!("wrapped"),
            json!("nope"),
            json!({"wrapped": -5}),
            json!({"wrapped": "x"}),
            json!({"pair": [1, 2]}),
            json!({"pair": [1]}),
            json!({"pair": [1, 2, 3]}),
            json!({"pair": 1}),
            json!({"shaped": {"x": true}}),
            json!({"shaped": [true]}),
            json!({"shaped": 1}),
            json!({"plain": null}),
            json!({"plain": 1}),
            json!({"a": 1, "b": 2}),
            json!({}),
            json!(3),
        ];
        let outers = [
            json!({"tag": "t", "list": ["plain", {"wrapped": 1}], "map": {"a": 1},
                   "any": [1, {"b": null}], "unit": null, "tuple": ["c", 2.5],
                   "newtype": [1, 2]}),
            json!({"tag": "t", "list": [], "map": {"a": -1}, "any": 1, "unit": null,
                   "tuple": ["c", 2], "newtype": []}),
            json!({"tag": "t", "list": [], "map": {}, "any": 1, "unit": 0,
                   "tuple": ["c", 2], "newtype": []}),
            json!({"tag": "t", "list": [], "map": {}, "any": 1, "unit": null,
                   "tuple": ["cd", 2], "newtype": []}),
            json!({"tag": "t", "list": [], "map": {}, "any": 1, "unit": null,
                   "tuple": ["c", 2, 3], "newtype": []}),
            json!({"tag": "t", "list": {}, "map": [], "any": 1, "unit": null,
                   "tuple": ["c", 2], "newtype": {}}),
            json!({"list": [], "map": {}, "any": 1, "unit": null, "tuple": ["c", 2],
                   "newtype": [4294967296u64]}),
        ];
        let mut ok = 0;
        let total = structs.len() + kinds.len() + outers.len();
        for v in &structs {
            ok += usize::from(same::<Strict>(v));
        }
        for v in &kinds {
            ok += usize::from(same::<Kind>(v));
        }
        for v in &outers {
            ok += usize::from(same::<Outer>(v));
        }
        println!(
            "reader: {total} values compared with serde_json, {ok} read, the rest same errors"
        );
        assert!(ok >= 8 && ok < total, "both outcomes are exercised");

        // The one difference: serde_json also reads a struct positionally from an array.
        let array = json!(["a", 7]);
        assert!(Strict::deserialize(&array).is_ok());
        assert_eq!(
            super::super::from_value::<Strict>(&array)
                .unwrap_err()
                .to_string(),
            "invalid type: sequence, expected struct Strict"
        );
    }
}

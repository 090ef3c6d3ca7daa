//! Serde adapters for CometBFT's JSON conventions.
//!
//! CometBFT's JSON (Amino-compatible `libs/json`) writes 64-bit integers as decimal strings,
//! hashes and addresses as upper-case hex, and other bytes (signatures, keys, transactions) as
//! standard padded base64. These adapters read what CometBFT writes (and, leniently, plain JSON
//! numbers for integers) and write exactly what CometBFT writes, so types round-trip.

use serde::de::{self, Deserializer};
use serde::{Deserialize, Serializer};

use crate::crypto::encoding::{from_base64, from_hex, to_base64, to_hex_upper};

/// Reads an integer from a decimal string or (leniently) a JSON number. A hand-written visitor
/// rather than an untagged enum: it is much smaller in WebAssembly.
struct IntVisitor;

impl de::Visitor<'_> for IntVisitor {
    type Value = i128;
    fn expecting(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("an integer or a decimal string")
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<i128, E> {
        Ok(i128::from(v))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<i128, E> {
        Ok(i128::from(v))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<i128, E> {
        // A whole number written with a fraction or exponent (`1000.0`, `1e3`), as JavaScript
        // and some JSON writers do.
        if v.is_finite() && v.fract() == 0.0 && v.abs() < 9.2e18 {
            Ok(v as i128)
        } else {
            Err(E::custom("expected a whole number"))
        }
    }
    fn visit_str<E: de::Error>(self, s: &str) -> Result<i128, E> {
        let digits = s.strip_prefix('-').unwrap_or(s);
        if digits.is_empty() || digits.len() > 30 || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(E::custom("expected a decimal integer"));
        }
        s.parse::<i128>()
            .map_err(|_| E::custom("expected a decimal integer"))
    }
}

fn parse_int<'de, D: Deserializer<'de>, T: TryFrom<i128>>(d: D) -> Result<T, D::Error> {
    let v = d.deserialize_any(IntVisitor)?;
    T::try_from(v).map_err(|_| de::Error::custom("integer out of range"))
}

/// Parse JSON text into `T` by way of a [`serde_json::Value`] (see [`crate::json`]).
pub(crate) fn parse<T: serde::de::DeserializeOwned>(
    text: &str,
) -> Result<T, super::error::LightError> {
    Ok(crate::json::from_text(text.as_bytes())?)
}

/// Serialize to JSON text by way of a [`serde_json::Value`] (one serializer in WebAssembly).
pub(crate) fn to_text<T: serde::Serialize>(v: &T) -> String {
    // Serializing these types cannot fail: every map key is a string.
    serde_json::to_value(v)
        .map(|v| v.to_string())
        .unwrap_or_default()
}

/// `i64` as a decimal string.
pub mod i64_str {
    use super::*;
    /// Serialize.
    pub fn serialize<S: Serializer>(v: &i64, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(v)
    }
    /// Deserialize.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<i64, D::Error> {
        parse_int(d)
    }
}

/// `u64` as a decimal string.
pub mod u64_str {
    use super::*;
    /// Serialize.
    pub fn serialize<S: Serializer>(v: &u64, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(v)
    }
    /// Deserialize.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<u64, D::Error> {
        parse_int(d)
    }
}

/// An integer CometBFT writes as a JSON number (`int32`, `uint32`), read leniently from a string.
pub mod num {
    use super::*;
    /// Serialize.
    pub fn serialize<S: Serializer, T: serde::Serialize>(v: &T, s: S) -> Result<S::Ok, S::Error> {
        v.serialize(s)
    }
    /// Deserialize.
    pub fn deserialize<'de, D: Deserializer<'de>, T: TryFrom<i128>>(d: D) -> Result<T, D::Error> {
        parse_int(d)
    }
}

/// `Option<i64>` as a decimal string, absent or `null` for `None`.
pub mod opt_i64_str {
    use super::*;
    /// Serialize (use with `skip_serializing_if = "Option::is_none"`).
    pub fn serialize<S: Serializer>(v: &Option<i64>, s: S) -> Result<S::Ok, S::Error> {
        match v {
            Some(v) => s.collect_str(v),
            None => s.serialize_none(),
        }
    }
    /// Deserialize.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<i64>, D::Error> {
        #[derive(Deserialize)]
        struct Wrap(#[serde(with = "i64_str")] i64);
        Ok(Option::<Wrap>::deserialize(d)?.map(|w| w.0))
    }
}

/// `Option<u64>` from a decimal string or number, absent or `null` for `None` (read only).
pub mod opt_u64_str {
    use super::*;
    /// Deserialize.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u64>, D::Error> {
        #[derive(Deserialize)]
        struct Wrap(#[serde(with = "u64_str")] u64);
        Ok(Option::<Wrap>::deserialize(d)?.map(|w| w.0))
    }
}

/// Bytes as upper-case hex (hashes, addresses); `null` reads as empty.
pub mod hex {
    use super::*;
    /// Serialize.
    pub fn serialize<S: Serializer>(v: &[u8], s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&to_hex_upper(v))
    }
    /// Deserialize.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<u8>, D::Error> {
        let s = Option::<std::borrow::Cow<'de, str>>::deserialize(d)?;
        from_hex(s.as_deref().unwrap_or("")).map_err(de::Error::custom)
    }
}

/// Bytes as standard padded base64; `null` reads as empty.
pub mod base64 {
    use super::*;
    /// Serialize.
    pub fn serialize<S: Serializer>(v: &[u8], s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&to_base64(v))
    }
    /// Deserialize.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<u8>, D::Error> {
        let s = Option::<std::borrow::Cow<'de, str>>::deserialize(d)?;
        from_base64(s.as_deref().unwrap_or("")).map_err(de::Error::custom)
    }
}

/// `Option<Vec<u8>>` as base64, with `null` for `None` (Go's nil slice).
pub mod opt_base64 {
    use super::*;
    /// Serialize.
    pub fn serialize<S: Serializer>(v: &Option<Vec<u8>>, s: S) -> Result<S::Ok, S::Error> {
        match v {
            Some(b) => s.serialize_str(&to_base64(b)),
            None => s.serialize_none(),
        }
    }
    /// Deserialize.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Vec<u8>>, D::Error> {
        let s = Option::<std::borrow::Cow<'de, str>>::deserialize(d)?;
        s.map(|s| from_base64(&s).map_err(de::Error::custom))
            .transpose()
    }
}

/// A list of byte strings, each base64 (transactions, Merkle aunts); `null` reads as empty.
pub mod base64_list {
    use super::*;
    /// Serialize.
    pub fn serialize<S: Serializer>(v: &[Vec<u8>], s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(v.iter().map(|b| to_base64(b)))
    }
    /// Deserialize.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Vec<u8>>, D::Error> {
        let list = Option::<Vec<std::borrow::Cow<'de, str>>>::deserialize(d)?;
        list.unwrap_or_default()
            .iter()
            .map(|s| from_base64(s).map_err(de::Error::custom))
            .collect()
    }
}

/// `true` for zero (for `skip_serializing_if`, as Go's `omitempty`).
pub fn is_zero(v: &u64) -> bool {
    *v == 0
}

/// `null` (Go's nil slice) reads as the default (empty) value.
pub fn null_as_default<'de, D: Deserializer<'de>, T: Deserialize<'de> + Default>(
    d: D,
) -> Result<T, D::Error> {
    Ok(Option::<T>::deserialize(d)?.unwrap_or_default())
}

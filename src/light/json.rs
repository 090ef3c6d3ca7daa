//! Serde adapters for CometBFT's JSON conventions.
//!
//! CometBFT's JSON (Amino-compatible `libs/json`) writes 64-bit integers as decimal strings,
//! hashes and addresses as upper-case hex, and other bytes (signatures, keys, transactions) as
//! standard padded base64. These adapters read what CometBFT writes (and, leniently, plain JSON
//! numbers for integers) and write exactly what CometBFT writes, so types round-trip.

use serde::de::{self, Deserializer};
use serde::{Deserialize, Serializer};

use crate::crypto::encoding::{from_base64, from_hex, to_base64, to_hex_upper};

/// An integer written as a string (or, leniently, read from a JSON number).
#[derive(Deserialize)]
#[serde(untagged)]
enum IntOrString {
    Signed(i64),
    Unsigned(u64),
    Str(String),
}

fn parse_int<'de, D: Deserializer<'de>, T: TryFrom<i128>>(d: D) -> Result<T, D::Error> {
    let v = match IntOrString::deserialize(d)? {
        IntOrString::Signed(i) => i128::from(i),
        IntOrString::Unsigned(u) => i128::from(u),
        IntOrString::Str(s) => s
            .parse::<i128>()
            .map_err(|_| de::Error::custom(format!("expected an integer, got {s:?}")))?,
    };
    T::try_from(v).map_err(|_| de::Error::custom(format!("integer {v} out of range")))
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

//! RFC 8785 JSON Canonicalization Scheme: the bytes that ledger transactions and Data Integrity
//! (`eddsa-jcs-2022`) proofs sign.
//!
//! A small serializer over `serde_json::Value` (the `serde_jcs` crate did this before, at about
//! 10 KB of the gzipped browser module for its formatter; tests/jcs_differential.rs checks this
//! one still agrees with it byte for byte on generated JSON). It gets the two classic traps right:
//! object keys are ordered by their UTF-16 code units (not UTF-8 bytes or code points), and
//! numbers are printed as ECMAScript's `Number.prototype.toString` prints them (`1e+21`, `0` for
//! `-0`), by the `ryu-js` crate. Tests below pin both.
//!
//! Numbers must be parsed exactly (serde_json's `float_roundtrip`, on in Cargo.toml): with the
//! approximate parser canonical text is not always a fixed point (see the test below).

use crate::crypto::encoding::hex_pair;
use crate::error::Coded;
use serde_json::Value;

/// Errors from canonicalization.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum JcsError {
    /// The input is not JSON.
    #[error("not JSON: {0}")]
    NotJson(String),
    /// The value cannot be canonicalized (for example a number JSON cannot hold).
    #[error("cannot canonicalize: {0}")]
    Unrepresentable(String),
}

impl Coded for JcsError {
    fn code(&self) -> &'static str {
        match self {
            JcsError::NotJson(_) => "jcs.not_json",
            JcsError::Unrepresentable(_) => "jcs.unrepresentable",
        }
    }
}

/// The canonical form of `value`, as UTF-8 bytes.
pub fn canonicalize(value: &serde_json::Value) -> Result<Vec<u8>, JcsError> {
    let mut out = Vec::with_capacity(256);
    write_value(&mut out, value)?;
    Ok(out)
}

fn write_value(out: &mut Vec<u8>, value: &Value) -> Result<(), JcsError> {
    match value {
        Value::Null => out.extend_from_slice(b"null"),
        Value::Bool(true) => out.extend_from_slice(b"true"),
        Value::Bool(false) => out.extend_from_slice(b"false"),
        Value::Number(n) => write_number(out, n)?,
        Value::String(s) => write_string(out, s),
        Value::Array(items) => {
            out.push(b'[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                write_value(out, item)?;
            }
            out.push(b']');
        }
        Value::Object(map) => {
            // serde_json's map is ordered by UTF-8 bytes; JCS orders by UTF-16 code units. Keys are
            // unique, so an unstable sort gives the same order (and is smaller in WebAssembly).
            let mut entries: Vec<(&String, &Value)> = map.iter().collect();
            entries.sort_unstable_by(|a, b| a.0.encode_utf16().cmp(b.0.encode_utf16()));
            out.push(b'{');
            for (i, (key, item)) in entries.into_iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                write_string(out, key);
                out.push(b':');
                write_value(out, item)?;
            }
            out.push(b'}');
        }
    }
    Ok(())
}

/// JCS numbers are IEEE 754 doubles printed as ECMAScript prints them; integers beyond 2^53
/// become the nearest double, as a JavaScript signer sees them.
fn write_number(out: &mut Vec<u8>, n: &serde_json::Number) -> Result<(), JcsError> {
    let x = n
        .as_f64()
        .filter(|x| x.is_finite())
        .ok_or_else(|| JcsError::Unrepresentable(format!("number {n}")))?;
    out.extend_from_slice(ryu_js::Buffer::new().format_finite(x).as_bytes());
    Ok(())
}

/// A JSON string with RFC 8785's minimal escaping: `"`, `\\` and the C0 controls only.
fn write_string(out: &mut Vec<u8>, s: &str) {
    out.push(b'"');
    for &b in s.as_bytes() {
        match b {
            b'"' => out.extend_from_slice(b"\\\""),
            b'\\' => out.extend_from_slice(b"\\\\"),
            0x08 => out.extend_from_slice(b"\\b"),
            0x09 => out.extend_from_slice(b"\\t"),
            0x0a => out.extend_from_slice(b"\\n"),
            0x0c => out.extend_from_slice(b"\\f"),
            0x0d => out.extend_from_slice(b"\\r"),
            0x00..=0x1f => {
                out.extend_from_slice(b"\\u00");
                // ASCII hex digits: each `char` is one byte.
                out.extend(hex_pair(b).map(|c| c as u8));
            }
            _ => out.push(b),
        }
    }
    out.push(b'"');
}

/// Parse `json` and return its canonical form.
pub fn canonicalize_str(json: &str) -> Result<Vec<u8>, JcsError> {
    let value: serde_json::Value =
        crate::json::parse(json.as_bytes()).map_err(|e| JcsError::NotJson(e.to_string()))?;
    canonicalize(&value)
}

/// The canonical form of any serializable value.
pub fn canonicalize_serialize<T: serde::Serialize>(value: &T) -> Result<Vec<u8>, JcsError> {
    let value =
        serde_json::to_value(value).map_err(|e| JcsError::Unrepresentable(e.to_string()))?;
    canonicalize(&value)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn canon(s: &str) -> String {
        String::from_utf8(canonicalize_str(s).unwrap()).unwrap()
    }

    #[test]
    fn keys_sort_by_utf16_code_units() {
        // U+1F600 is the surrogate pair D83D DE00, which sorts before U+E000 in UTF-16 although
        // it sorts after it in UTF-8 and by code point.
        assert_eq!(
            canon(r#"{"\ue000":1,"\ud83d\ude00":2,"b":0,"a":0}"#),
            "{\"a\":0,\"b\":0,\"😀\":2,\"\u{e000}\":1}"
        );
    }

    #[test]
    fn numbers_print_as_ecmascript_does() {
        assert_eq!(
            canon(r#"[1e21,1.0,-0.0,0.000001,1e-7,100]"#),
            "[1e+21,1,0,0.000001,1e-7,100]"
        );
    }

    #[test]
    fn integers_beyond_2_pow_53_become_doubles() {
        // JCS numbers are IEEE 754 doubles: a signer in JavaScript sees these values.
        assert_eq!(canon("18446744073709551615"), "18446744073709552000");
        assert_eq!(canon("9007199254740993"), "9007199254740992");
        assert_eq!(canon("[1E2,123e-20,1.5e300]"), "[100,1.23e-18,1.5e+300]");
    }

    #[test]
    fn strings_escape_minimally() {
        assert_eq!(
            canon(r#"["\u000f","\u2028","\/","é"]"#),
            "[\"\\u000f\",\"\u{2028}\",\"/\",\"é\"]"
        );
    }

    #[test]
    fn canonical_text_is_a_fixed_point_for_long_numbers() {
        // Found by fuzzing (fuzz target `encodings`) when serde_json parsed approximately.
        for input in [
            "577288042820042820704288407288",
            "1.23e-18",
            "0.30000000000000004",
        ] {
            let once = canon(input);
            assert_eq!(canon(&once), once, "{input}");
        }
    }

    #[test]
    fn bad_json_is_a_typed_error() {
        assert_eq!(canonicalize_str("{").unwrap_err().code(), "jcs.not_json");
    }
}

//! RFC 8785 JSON Canonicalization Scheme: the bytes that ledger transactions and Data Integrity
//! (`eddsa-jcs-2022`) proofs sign.
//!
//! Canonicalization is done by the `serde_jcs` crate, which gets the two classic traps right:
//! object keys are ordered by their UTF-16 code units (not UTF-8 bytes or code points), and
//! numbers are printed as ECMAScript's `Number.prototype.toString` prints them (`1e+21`, `0` for
//! `-0`). Tests below pin both.

use crate::error::Coded;

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
    serde_jcs::to_vec(value).map_err(|e| JcsError::Unrepresentable(e.to_string()))
}

/// Parse `json` and return its canonical form.
pub fn canonicalize_str(json: &str) -> Result<Vec<u8>, JcsError> {
    let value: serde_json::Value =
        serde_json::from_str(json).map_err(|e| JcsError::NotJson(e.to_string()))?;
    canonicalize(&value)
}

/// The canonical form of any serializable value.
pub fn canonicalize_serialize<T: serde::Serialize>(value: &T) -> Result<Vec<u8>, JcsError> {
    serde_jcs::to_vec(value).map_err(|e| JcsError::Unrepresentable(e.to_string()))
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
    fn bad_json_is_a_typed_error() {
        assert_eq!(canonicalize_str("{").unwrap_err().code(), "jcs.not_json");
    }
}

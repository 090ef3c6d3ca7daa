//! Hex and base64 helpers with typed errors, and fixed-length conversions.

use base64::Engine as _;

use crate::error::Coded;

/// Errors in the encoding of an input (not in what it means).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum InputError {
    /// Not hexadecimal, or an odd number of digits.
    #[error("invalid hex: {0}")]
    BadHex(String),
    /// Not base64 (standard or URL-safe alphabet, padded or not).
    #[error("invalid base64: {0}")]
    BadBase64(String),
    /// A value of the wrong length.
    #[error("{what} must be {expected} bytes, got {actual}")]
    BadLength {
        /// What the value is (for the message).
        what: &'static str,
        /// The required length.
        expected: usize,
        /// The length given.
        actual: usize,
    },
    /// Malformed JSON or JSON of the wrong shape.
    #[error("invalid JSON: {0}")]
    BadJson(String),
    /// A number out of its allowed range.
    #[error("{0} is out of range")]
    OutOfRange(&'static str),
}

impl Coded for InputError {
    fn code(&self) -> &'static str {
        match self {
            InputError::BadHex(_) => "input.bad_hex",
            InputError::BadBase64(_) => "input.bad_base64",
            InputError::BadLength { .. } => "input.bad_length",
            InputError::BadJson(_) => "input.bad_json",
            InputError::OutOfRange(_) => "input.out_of_range",
        }
    }
}

/// The two lower-case hex digits of `byte`.
pub(crate) fn hex_pair(byte: u8) -> [char; 2] {
    // A nibble is below 16, so this is always a digit (`from_digit` is `None` only for >= 16).
    let digit = |nibble: u8| char::from_digit(u32::from(nibble), 16).unwrap_or('0');
    [digit(byte >> 4), digit(byte & 0xf)]
}

/// Lower-case hex of `bytes`.
pub fn to_hex(bytes: &[u8]) -> String {
    let mut s = String::with_capacity(bytes.len().saturating_mul(2));
    s.extend(bytes.iter().flat_map(|&b| hex_pair(b)));
    s
}

/// Upper-case hex of `bytes` (CometBFT prints hashes and addresses this way).
pub fn to_hex_upper(bytes: &[u8]) -> String {
    to_hex(bytes).to_ascii_uppercase()
}

fn hex_digit(c: u8) -> Option<u8> {
    match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'a'..=b'f' => Some(c - b'a' + 10),
        b'A'..=b'F' => Some(c - b'A' + 10),
        _ => None,
    }
}

/// Decode hex of either case.
pub fn from_hex(s: &str) -> Result<Vec<u8>, InputError> {
    let b = s.as_bytes();
    if b.len() % 2 != 0 {
        return Err(InputError::BadHex("odd number of digits".into()));
    }
    b.chunks_exact(2)
        .map(|pair| match pair {
            &[h, l] => match (hex_digit(h), hex_digit(l)) {
                (Some(h), Some(l)) => Ok(h << 4 | l),
                _ => Err(InputError::BadHex("not a hex digit".into())),
            },
            _ => Err(InputError::BadHex("odd number of digits".into())),
        })
        .collect()
}

/// Standard base64 with padding.
pub fn to_base64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

/// Decode base64: standard or URL-safe alphabet, with or without padding.
pub fn from_base64(s: &str) -> Result<Vec<u8>, InputError> {
    use base64::engine::general_purpose::{STANDARD_NO_PAD, URL_SAFE_NO_PAD};
    // Padding is optional; at most two '=' may end a valid encoding.
    let unpadded = s.trim_end_matches('=');
    if s.len() - unpadded.len() > 2 {
        return Err(InputError::BadBase64("too much padding".into()));
    }
    let s = unpadded;
    let engine = if s.contains(['-', '_']) {
        URL_SAFE_NO_PAD
    } else {
        STANDARD_NO_PAD
    };
    engine
        .decode(s)
        .map_err(|e| InputError::BadBase64(e.to_string()))
}

/// Copy `bytes` into a fixed-size array, or say which value had the wrong length.
pub fn to_array<const N: usize>(what: &'static str, bytes: &[u8]) -> Result<[u8; N], InputError> {
    bytes.try_into().map_err(|_| InputError::BadLength {
        what,
        expected: N,
        actual: bytes.len(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_round_trip_and_errors() {
        assert_eq!(to_hex(&[0, 1, 0xab, 0xff]), "0001abff");
        assert_eq!(from_hex("0001ABff").unwrap(), vec![0, 1, 0xab, 0xff]);
        assert_eq!(from_hex("abc").unwrap_err().code(), "input.bad_hex");
        assert_eq!(from_hex("zz").unwrap_err().code(), "input.bad_hex");
        assert_eq!(from_hex("é1").unwrap_err().code(), "input.bad_hex");
    }

    #[test]
    fn base64_accepts_both_alphabets() {
        let bytes = [0xfbu8, 0xff, 0x01];
        assert_eq!(to_base64(&bytes), "+/8B");
        assert_eq!(from_base64("+/8B").unwrap(), bytes);
        assert_eq!(from_base64("-_8B").unwrap(), bytes);
        assert_eq!(from_base64("AQ==").unwrap(), vec![1]);
        assert_eq!(from_base64("A").unwrap_err().code(), "input.bad_base64");
        assert_eq!(from_base64("A*").unwrap_err().code(), "input.bad_base64");
    }

    #[test]
    fn to_array_reports_length() {
        let e = to_array::<32>("public key", &[0; 31]).unwrap_err();
        assert_eq!(e.code(), "input.bad_length");
        assert!(e.to_string().contains("32"));
    }
}

//! Base45 (RFC 9285): bytes as text in the QR alphanumeric alphabet.

use super::error::BundleError;

const ALPHABET: &[u8; 45] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";

/// Encode `bytes`: each pair of bytes as three characters, a last single byte as two.
pub fn encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() / 2 * 3 + 2);
    let mut push = |n: usize| {
        // n < 45 by construction, so the index is in range; `get` keeps it panic-free anyway.
        if let Some(&c) = ALPHABET.get(n) {
            out.push(char::from(c));
        }
    };
    for chunk in bytes.chunks(2) {
        match chunk {
            [a, b] => {
                let n = usize::from(*a) * 256 + usize::from(*b);
                push(n % 45);
                push(n / 45 % 45);
                push(n / 2025);
            }
            [a] => {
                let n = usize::from(*a);
                push(n % 45);
                push(n / 45);
            }
            _ => {}
        }
    }
    out
}

fn value(c: u8) -> Result<u32, BundleError> {
    ALPHABET
        .iter()
        .position(|&a| a == c)
        .and_then(|p| u32::try_from(p).ok())
        .ok_or_else(|| {
            BundleError::BadCompact(format!("{:?} is not a Base45 character", char::from(c)))
        })
}

/// Decode Base45 text; refuses characters outside the alphabet, a dangling single character
/// and groups whose value does not fit (RFC 9285 section 4.2).
pub fn decode(text: &str) -> Result<Vec<u8>, BundleError> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len() / 3 * 2 + 1);
    for chunk in bytes.chunks(3) {
        match chunk {
            [c, d, e] => {
                let n = value(*c)? + value(*d)? * 45 + value(*e)? * 2025;
                let n = u16::try_from(n)
                    .map_err(|_| BundleError::BadCompact("a Base45 group exceeds 65535".into()))?;
                out.extend_from_slice(&n.to_be_bytes());
            }
            [c, d] => {
                let n = value(*c)? + value(*d)? * 45;
                let n = u8::try_from(n).map_err(|_| {
                    BundleError::BadCompact("a final Base45 pair exceeds 255".into())
                })?;
                out.push(n);
            }
            _ => return Err(BundleError::BadCompact("Base45 text of length 3n+1".into())),
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc9285_examples() {
        assert_eq!(encode(b"AB"), "BB8");
        assert_eq!(encode(b"Hello!!"), "%69 VD92EX0");
        assert_eq!(encode(b"base-45"), "UJCLQE7W581");
        assert_eq!(decode("QED8WEX0").unwrap(), b"ietf!");
        assert!(decode("GGW").is_err());
        assert!(decode("A").is_err());
        assert!(decode("a1").is_err());
    }
}

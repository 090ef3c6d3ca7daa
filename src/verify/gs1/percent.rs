//! URI characters and percent-encoding (RFC 3986), as GS1 Digital Link uses them.

use super::error::Gs1Error;

/// Characters RFC 3986 allows raw in a URI: unreserved, gen-delims (less `[` `]`, which only an
/// IPv6 host uses), sub-delims, and `%` for escapes.
fn allowed_raw(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"-._~:/?#@!$&'()*+,;=%".contains(&b)
}

/// Reject a URI holding a character that may not appear raw (space, `"`, `<`, non-ASCII, ...),
/// or a `%` not followed by two hex digits.
pub fn check_uri(uri: &str) -> Result<(), Gs1Error> {
    let b = uri.as_bytes();
    if let Some(&c) = b.iter().find(|&&c| !allowed_raw(c)) {
        return Err(Gs1Error::syntax(format!(
            "character {} is not allowed raw in a URI",
            show_byte(c)
        )));
    }
    for (i, _) in b.iter().enumerate().filter(|(_, &c)| c == b'%') {
        match b.get(i + 1..i + 3) {
            Some(h) if h.iter().all(u8::is_ascii_hexdigit) => {}
            _ => return Err(Gs1Error::syntax("a '%' not followed by two hex digits")),
        }
    }
    Ok(())
}

/// A byte for an error message: `'c'` when printable ASCII, else `0xNN` (no Unicode escaping
/// machinery, which would weigh on the WebAssembly module).
pub fn show_byte(b: u8) -> String {
    if b.is_ascii_graphic() {
        format!("'{}'", char::from(b))
    } else {
        format!("0x{b:02X}")
    }
}

fn hex(c: u8) -> Option<u8> {
    char::from(c).to_digit(16).map(|d| d as u8)
}

/// Percent-decode `s` (hex of either case). In a query string (`plus_is_space`), `+` means a
/// space, as HTML forms encode it; in a path it is a literal `+`.
pub fn decode(s: &str, plus_is_space: bool) -> Result<Vec<u8>, Gs1Error> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while let Some(&c) = b.get(i) {
        match c {
            b'%' => {
                let byte = match (
                    b.get(i + 1).and_then(|&h| hex(h)),
                    b.get(i + 2).and_then(|&l| hex(l)),
                ) {
                    (Some(h), Some(l)) => h << 4 | l,
                    _ => return Err(Gs1Error::syntax("a '%' not followed by two hex digits")),
                };
                out.push(byte);
                i += 3;
            }
            b'+' if plus_is_space => {
                out.push(b' ');
                i += 1;
            }
            _ => {
                out.push(c);
                i += 1;
            }
        }
    }
    Ok(out)
}

/// Percent-decode an AI value: the bytes must be UTF-8 text (the AI's format check then decides
/// which characters it may hold).
pub fn decode_value(ai: &str, s: &str, plus_is_space: bool) -> Result<String, Gs1Error> {
    String::from_utf8(decode(s, plus_is_space)?)
        .map_err(|_| Gs1Error::bad(ai, "percent-decodes to bytes that are not UTF-8 text"))
}

/// Percent-encode everything but the unreserved characters (`A-Z a-z 0-9 - . _ ~`), so that a
/// value is safe in any path segment or query parameter and decodes back unchanged.
pub fn encode(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for &b in value.as_bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decode_and_encode() {
        assert_eq!(decode("32a%2Fb", false).unwrap(), b"32a/b");
        assert_eq!(decode("ABC%26%2b123", false).unwrap(), b"ABC&+123");
        assert_eq!(decode("a+b", false).unwrap(), b"a+b");
        assert_eq!(decode("a+b", true).unwrap(), b"a b");
        assert_eq!(decode("%2", false).unwrap_err().code(), "gs1.syntax");
        assert_eq!(decode("%zz", false).unwrap_err().code(), "gs1.syntax");
        let v = "A&+/?#%\"'()*,:;<=>!_-.";
        assert_eq!(decode(&encode(v), true).unwrap(), v.as_bytes());
        assert!(check_uri(&format!("https://a/01/{}", encode(v))).is_ok());
        assert!(check_uri("https://a/10/AB CD").is_err());
        assert!(check_uri("https://a/10/ABC%4").is_err());
        assert!(check_uri("https://a/10/é").is_err());
    }

    use crate::error::Coded;
}

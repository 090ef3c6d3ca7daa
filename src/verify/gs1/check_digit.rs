//! The GS1 mod-10 check digit (GS1 General Specifications section 7.9).
//!
//! From the rightmost data digit leftwards, digits are weighted 3, 1, 3, 1, ...; the check digit
//! brings the weighted sum up to a multiple of 10. The same rule serves GTIN-8/12/13/14, GLN,
//! SSCC, GSRN and the other numeric keys, whatever their length.

/// The check digit for `body` (the digits before the check digit), or `None` if `body` is empty
/// or holds a non-digit.
pub fn compute(body: &[u8]) -> Option<u8> {
    if body.is_empty() || !body.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let sum: u32 = body
        .iter()
        .rev()
        .enumerate()
        .map(|(i, d)| u32::from(d - b'0') * if i % 2 == 0 { 3 } else { 1 })
        .sum();
    Some(((10 - sum % 10) % 10) as u8)
}

/// Whether the last digit of `digits` is the check digit of the others.
pub fn is_valid(digits: &[u8]) -> bool {
    match digits.split_last() {
        Some((last, body)) if last.is_ascii_digit() => compute(body) == Some(last - b'0'),
        _ => false,
    }
}

/// `body` followed by its check digit (for building test data and demo codes).
pub fn append(body: &str) -> Option<String> {
    compute(body.as_bytes()).map(|c| format!("{body}{c}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_keys() {
        assert!(is_valid(b"09506000134352"));
        assert!(is_valid(b"9520123456788"));
        assert!(is_valid(b"006141411234567890"));
        assert!(!is_valid(b"09506000134353"));
        assert!(!is_valid(b"09506000134532"), "a transposition is caught");
        assert_eq!(append("0950600013435").as_deref(), Some("09506000134352"));
        assert!(!is_valid(b"") && !is_valid(b"5") && compute(b"12a").is_none());
    }
}

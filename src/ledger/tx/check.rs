//! Field checks shared by the bodies: each returns [`Reject::BadBody`] naming the field.

use crate::crypto::did_key::{from_did, to_did};
use crate::ledger::error::Reject;
use crate::ledger::time::{parse_date, parse_rfc3339, UnixTime, MAX_TIME, MIN_TIME};
use crate::ledger::tx::MAX_SAFE_INTEGER;

fn bad(field: &str, why: &str) -> Reject {
    Reject::BadBody(format!("{field}: {why}"))
}

/// A canonical Ed25519 `did:key` (no fragment).
pub fn did(field: &str, s: &str) -> Result<(), Reject> {
    match from_did(s) {
        Ok(key) if to_did(&key) == s => Ok(()),
        _ => Err(bad(field, "not a canonical Ed25519 did:key")),
    }
}

/// Text of 1 to `max` characters, no control characters.
pub fn text(field: &str, s: &str, max: usize) -> Result<(), Reject> {
    let n = s.chars().count();
    if n == 0 || n > max {
        return Err(bad(field, &format!("must be 1 to {max} characters")));
    }
    if s.chars().any(char::is_control) {
        return Err(bad(field, "control characters are not allowed"));
    }
    Ok(())
}

/// An RFC 3339 timestamp within the years the ledger handles.
pub fn time(field: &str, s: &str) -> Result<UnixTime, Reject> {
    parse_rfc3339(s)
        .filter(|t| (MIN_TIME..=MAX_TIME).contains(t))
        .ok_or_else(|| bad(field, "not an RFC 3339 timestamp"))
}

/// A `YYYY-MM-DD` date.
pub fn date(field: &str, s: &str) -> Result<i64, Reject> {
    parse_date(s).ok_or_else(|| bad(field, "not a YYYY-MM-DD date"))
}

/// 64 lower-case hex digits (a SHA-256 digest).
pub fn hex32(field: &str, s: &str) -> Result<[u8; 32], Reject> {
    let ok = s.len() == 64
        && s.bytes()
            .all(|c| c.is_ascii_digit() || (b'a'..=b'f').contains(&c));
    let bytes = crate::crypto::encoding::from_hex(s).ok().filter(|_| ok);
    bytes
        .and_then(|b| <[u8; 32]>::try_from(b.as_slice()).ok())
        .ok_or_else(|| bad(field, "must be 64 lower-case hex digits"))
}

/// An integer JavaScript can hold exactly.
pub fn safe_int(field: &str, n: u64) -> Result<u64, Reject> {
    if n > MAX_SAFE_INTEGER {
        return Err(bad(field, "larger than 2^53-1"));
    }
    Ok(n)
}

/// A list of 1 to `max` entries with no duplicates.
pub fn list<T: Ord>(field: &str, items: &[T], max: usize) -> Result<(), Reject> {
    if items.is_empty() || items.len() > max {
        return Err(bad(field, &format!("must hold 1 to {max} entries")));
    }
    let mut sorted: Vec<&T> = items.iter().collect();
    sorted.sort_unstable();
    if sorted.windows(2).any(|w| matches!(w, [a, b] if a == b)) {
        return Err(bad(field, "duplicate entries"));
    }
    Ok(())
}

/// A time window with `from < until`.
pub fn window(from: &str, until: &str) -> Result<(UnixTime, UnixTime), Reject> {
    let (f, u) = (time("validFrom", from)?, time("validUntil", until)?);
    if f >= u {
        return Err(bad("validUntil", "must be after validFrom"));
    }
    Ok((f, u))
}

/// A bare identifier: 1 to 128 characters of `A-Z a-z 0-9 - . _ : ~`.
pub fn ident(field: &str, s: &str) -> Result<(), Reject> {
    if s.is_empty()
        || s.len() > 128
        || !s
            .bytes()
            .all(|c| c.is_ascii_alphanumeric() || b"-._:~".contains(&c))
    {
        return Err(bad(field, "must be 1 to 128 of A-Z a-z 0-9 - . _ : ~"));
    }
    Ok(())
}

//! Times in the ledger: RFC 3339 timestamps and ISO dates, as Unix seconds and days.
//!
//! The state machine reads no clock: the only "now" is the block's time, passed in. Times inside
//! transaction bodies are RFC 3339 strings (`2025-03-01T12:00:00Z`, fractions and offsets
//! accepted), dates (expiry) are `YYYY-MM-DD`; times written into the state are always the
//! canonical `YYYY-MM-DDTHH:MM:SSZ` of whole seconds, so equal times have equal bytes.

use crate::calendar::{civil_from_days, days_from_civil, days_in_month};

/// Seconds since 1970-01-01T00:00:00Z.
pub type UnixTime = i64;

/// Parse ASCII digits (at most four here, so no overflow).
fn digits(s: &[u8]) -> Option<i64> {
    s.iter().try_fold(0i64, |acc, &c| {
        c.is_ascii_digit().then(|| acc * 10 + i64::from(c - b'0'))
    })
}

/// Parse `YYYY-MM-DD` into days since 1970-01-01.
pub fn parse_date(s: &str) -> Option<i64> {
    let &[y1, y2, y3, y4, b'-', m1, m2, b'-', d1, d2] = s.as_bytes() else {
        return None;
    };
    let (y, m, d) = (
        digits(&[y1, y2, y3, y4])?,
        digits(&[m1, m2])?,
        digits(&[d1, d2])?,
    );
    if !(1..=12).contains(&m) || d < 1 || d > days_in_month(y, m) {
        return None;
    }
    Some(days_from_civil(y, m, d))
}

/// Parse an RFC 3339 timestamp (`YYYY-MM-DDTHH:MM:SS[.frac](Z|±HH:MM)`) into Unix seconds; a
/// fraction is truncated. Leap seconds (`:60`) are refused.
pub fn parse_rfc3339(s: &str) -> Option<UnixTime> {
    let (head, mut rest) = s.as_bytes().split_at_checked(19)?;
    // `head` is 19 bytes: the date (checked below), then `Thh:mm:ss`.
    let [.., b'T' | b't', h1, h2, b':', m1, m2, b':', s1, s2] = head else {
        return None;
    };
    let days = parse_date(s.get(..10)?)?;
    let (hh, mm, ss) = (
        digits(&[*h1, *h2])?,
        digits(&[*m1, *m2])?,
        digits(&[*s1, *s2])?,
    );
    if hh > 23 || mm > 59 || ss > 59 {
        return None;
    }
    if let Some(frac) = rest.strip_prefix(b".") {
        let n = frac.iter().take_while(|c| c.is_ascii_digit()).count();
        if n == 0 || n > 9 {
            return None;
        }
        rest = frac.get(n..)?;
    }
    let offset = match rest {
        [b'Z' | b'z'] => 0,
        [sign @ (b'+' | b'-'), h1, h2, b':', m1, m2] => {
            let oh = digits(&[*h1, *h2])?;
            let om = digits(&[*m1, *m2])?;
            if oh > 23 || om > 59 {
                return None;
            }
            let off = oh * 3600 + om * 60;
            if *sign == b'+' {
                off
            } else {
                -off
            }
        }
        _ => return None,
    };
    Some(days * 86_400 + hh * 3600 + mm * 60 + ss - offset)
}

/// The earliest and latest times the ledger handles: years 0001 to 9998, so that any offset
/// still formats as a four-digit year.
pub const MIN_TIME: UnixTime = -62_135_596_800 + 86_400;
/// See [`MIN_TIME`].
pub const MAX_TIME: UnixTime = 253_370_764_800 - 86_400;

/// The canonical `YYYY-MM-DDTHH:MM:SSZ` of a time (clamped to [`MIN_TIME`]..=[`MAX_TIME`]).
pub fn format_rfc3339(t: UnixTime) -> String {
    let t = t.clamp(MIN_TIME, MAX_TIME);
    let (days, secs) = (t.div_euclid(86_400), t.rem_euclid(86_400));
    let (y, m, d) = civil_from_days(days);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        secs / 3600,
        secs / 60 % 60,
        secs % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_instants() {
        assert_eq!(parse_rfc3339("1970-01-01T00:00:00Z"), Some(0));
        assert_eq!(parse_rfc3339("2000-03-01T00:00:00Z"), Some(951_868_800));
        assert_eq!(
            parse_rfc3339("2024-02-29T23:59:59.999999999+01:00"),
            Some(1_709_251_199 - 3600)
        );
        assert_eq!(format_rfc3339(951_868_800), "2000-03-01T00:00:00Z");
        assert_eq!(format_rfc3339(-1), "1969-12-31T23:59:59Z");
        assert_eq!(parse_date("2027-01-31"), Some(20_849));
    }

    #[test]
    fn malformed_are_refused() {
        for bad in [
            "2023-02-29T00:00:00Z",
            "2024-13-01T00:00:00Z",
            "2024-01-01T24:00:00Z",
            "2024-01-01T00:00:60Z",
            "2024-01-01 00:00:00Z",
            "2024-01-01T00:00:00",
            "2024-01-01T00:00:00.Z",
            "2024-01-01T00:00:00+0100",
            "2024-01-01T00:00:00Zjunk",
            "२०२४-01-01T00:00:00Z",
        ] {
            assert_eq!(parse_rfc3339(bad), None, "{bad}");
        }
        assert_eq!(parse_date("2024-1-01"), None);
    }

    #[test]
    fn format_parse_round_trip() {
        for t in [
            0,
            1,
            86_399,
            1_700_000_000,
            -86_400 * 365,
            MAX_TIME,
            MIN_TIME,
        ] {
            assert_eq!(parse_rfc3339(&format_rfc3339(t)), Some(t), "{t}");
        }
    }
}

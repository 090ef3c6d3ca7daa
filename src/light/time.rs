//! Block and vote timestamps: RFC 3339 text in JSON, `google.protobuf.Timestamp` when hashed.
//!
//! CometBFT prints times as Go's `RFC3339Nano` in UTC (`2023-02-27T07:13:08.140032018Z`: the
//! fraction without trailing zeros, absent when zero), and uses Go's zero time
//! `0001-01-01T00:00:00Z` for absent votes. [`Time`] covers Go's whole printable range, years
//! 1 to 9999, so every CometBFT time round-trips exactly. Nothing here reads a clock.

use crate::calendar::{civil_from_days, days_from_civil, days_in_month};
use core::fmt;
use core::time::Duration;

use super::error::LightError;

/// Seconds from 0001-01-01T00:00:00Z to the Unix epoch (negative).
const MIN_SECS: i64 = -62_135_596_800;
/// Seconds from the Unix epoch to 9999-12-31T23:59:59Z.
const MAX_SECS: i64 = 253_402_300_799;

/// A UTC instant with nanosecond precision, between years 1 and 9999.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Time {
    secs: i64,
    nanos: u32,
}

impl Time {
    /// Go's zero time, `0001-01-01T00:00:00Z` (absent votes carry it).
    pub const GO_ZERO: Time = Time {
        secs: MIN_SECS,
        nanos: 0,
    };

    /// The Unix epoch.
    pub const UNIX_EPOCH: Time = Time { secs: 0, nanos: 0 };

    /// From seconds and nanoseconds since the Unix epoch.
    pub fn from_unix(secs: i64, nanos: u32) -> Result<Time, LightError> {
        if nanos >= 1_000_000_000 || !(MIN_SECS..=MAX_SECS).contains(&secs) {
            return Err(LightError::BadTime(format!(
                "{secs}s {nanos}ns is out of range"
            )));
        }
        Ok(Time { secs, nanos })
    }

    /// From milliseconds since the Unix epoch (JavaScript's `Date.now()`).
    pub fn from_unix_millis(ms: i64) -> Result<Time, LightError> {
        let secs = ms.div_euclid(1000);
        let nanos = (ms.rem_euclid(1000) as u32) * 1_000_000;
        Time::from_unix(secs, nanos)
    }

    /// Seconds since the Unix epoch (negative before 1970).
    pub fn unix_seconds(&self) -> i64 {
        self.secs
    }

    /// The nanoseconds within the second.
    pub fn subsec_nanos(&self) -> u32 {
        self.nanos
    }

    /// `self + d`, or `None` past year 9999.
    pub fn checked_add(&self, d: Duration) -> Option<Time> {
        let secs = i64::try_from(d.as_secs()).ok()?;
        let mut s = self.secs.checked_add(secs)?;
        let mut n = self.nanos + d.subsec_nanos();
        if n >= 1_000_000_000 {
            n -= 1_000_000_000;
            s = s.checked_add(1)?;
        }
        Time::from_unix(s, n).ok()
    }

    /// `self - d`, or `None` before year 1.
    pub fn checked_sub(&self, d: Duration) -> Option<Time> {
        let secs = i64::try_from(d.as_secs()).ok()?;
        let mut s = self.secs.checked_sub(secs)?;
        let n = if self.nanos >= d.subsec_nanos() {
            self.nanos - d.subsec_nanos()
        } else {
            s = s.checked_sub(1)?;
            self.nanos + 1_000_000_000 - d.subsec_nanos()
        };
        Time::from_unix(s, n).ok()
    }

    /// Append the `google.protobuf.Timestamp` encoding (as gogoproto's `StdTimeMarshal`).
    pub fn encode_proto(&self, buf: &mut Vec<u8>) {
        super::proto::timestamp(buf, self.secs, self.nanos);
    }

    /// Parse RFC 3339 (`YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)`), up to nanosecond precision.
    pub fn parse_rfc3339(s: &str) -> Result<Time, LightError> {
        let bad = |why: &str| LightError::BadTime(format!("{why}: {s:?}"));
        let b = s.as_bytes();
        if b.len() < 20 {
            return Err(bad("too short for RFC 3339"));
        }
        let num = |from: usize, len: usize| -> Result<i64, LightError> {
            let digits = b.get(from..from + len).ok_or_else(|| bad("truncated"))?;
            digits.iter().try_fold(0i64, |acc, &c| {
                if c.is_ascii_digit() {
                    Ok(acc * 10 + i64::from(c - b'0'))
                } else {
                    Err(bad("expected a digit"))
                }
            })
        };
        let sep = |at: usize, allowed: &[u8]| -> Result<(), LightError> {
            match b.get(at) {
                Some(c) if allowed.contains(c) => Ok(()),
                _ => Err(bad("unexpected separator")),
            }
        };
        let year = num(0, 4)?;
        sep(4, b"-")?;
        let month = num(5, 2)?;
        sep(7, b"-")?;
        let day = num(8, 2)?;
        sep(10, b"Tt")?;
        let hour = num(11, 2)?;
        sep(13, b":")?;
        let minute = num(14, 2)?;
        sep(16, b":")?;
        let second = num(17, 2)?;
        if !(1..=12).contains(&month)
            || day < 1
            || day > days_in_month(year, month)
            || hour > 23
            || minute > 59
            || second > 59
        {
            return Err(bad("date or time out of range"));
        }
        let mut at = 19;
        let mut nanos = 0u32;
        if b.get(at) == Some(&b'.') {
            at += 1;
            let start = at;
            while b.get(at).is_some_and(u8::is_ascii_digit) {
                at += 1;
            }
            let digits = at - start;
            if digits == 0 || digits > 9 {
                return Err(bad("fraction must have 1 to 9 digits"));
            }
            let frac = num(start, digits)? as u32;
            nanos = frac * 10u32.pow((9 - digits) as u32);
        }
        let offset = match b.get(at) {
            Some(b'Z' | b'z') if at + 1 == b.len() => 0,
            Some(sign @ (b'+' | b'-')) if at + 6 == b.len() => {
                sep(at + 3, b":")?;
                let (oh, om) = (num(at + 1, 2)?, num(at + 4, 2)?);
                if oh > 23 || om > 59 {
                    return Err(bad("offset out of range"));
                }
                let off = oh * 3600 + om * 60;
                if *sign == b'+' {
                    off
                } else {
                    -off
                }
            }
            _ => return Err(bad("expected Z or an offset at the end")),
        };
        let days = days_from_civil(year, month, day);
        let secs = days * 86_400 + hour * 3600 + minute * 60 + second - offset;
        Time::from_unix(secs, nanos)
    }

    /// Go's `RFC3339Nano` in UTC: what CometBFT prints.
    pub fn to_rfc3339(&self) -> String {
        let days = self.secs.div_euclid(86_400);
        let rem = self.secs.rem_euclid(86_400);
        let (y, m, d) = civil_from_days(days);
        let mut s = format!(
            "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}",
            rem / 3600,
            rem % 3600 / 60,
            rem % 60
        );
        if self.nanos != 0 {
            let frac = format!("{:09}", self.nanos);
            s.push('.');
            s.push_str(frac.trim_end_matches('0'));
        }
        s.push('Z');
        s
    }
}

impl fmt::Display for Time {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_rfc3339())
    }
}

impl serde::Serialize for Time {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_rfc3339())
    }
}

impl<'de> serde::Deserialize<'de> for Time {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        Time::parse_rfc3339(&s).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cometbft_times_round_trip() {
        for s in [
            "2023-02-27T07:13:08.140032018Z",
            "1970-01-01T00:23:17Z",
            "0001-01-01T00:00:00Z",
            "9999-12-31T23:59:59.999999999Z",
            "2024-02-29T12:00:00.5Z",
        ] {
            assert_eq!(Time::parse_rfc3339(s).unwrap().to_rfc3339(), s);
        }
        assert_eq!(
            Time::parse_rfc3339("0001-01-01T00:00:00Z").unwrap(),
            Time::GO_ZERO
        );
    }

    #[test]
    fn offsets_and_unix_values() {
        let t = Time::parse_rfc3339("2020-11-18T13:55:06.16057077Z").unwrap();
        assert_eq!(t.unix_seconds(), 1_605_707_706);
        assert_eq!(t.subsec_nanos(), 160_570_770);
        let u = Time::parse_rfc3339("2020-11-18T14:55:06.16057077+01:00").unwrap();
        assert_eq!(t, u);
        assert_eq!(
            Time::from_unix_millis(-1).unwrap().to_rfc3339(),
            "1969-12-31T23:59:59.999Z"
        );
    }

    #[test]
    fn malformed_times_are_errors() {
        for s in [
            "",
            "2023-02-30T00:00:00Z",
            "2023-13-01T00:00:00Z",
            "2023-01-01T24:00:00Z",
            "2023-01-01T00:00:00",
            "2023-01-01T00:00:00.Z",
            "2023-01-01T00:00:00.1234567890Z",
            "2023-01-01 00:00:00Z",
            "2023-01-01T00:00:00Zx",
            "１９７０-01-01T00:00:00Z",
        ] {
            assert_eq!(
                Time::parse_rfc3339(s).unwrap_err().code(),
                "light.bad_time",
                "{s}"
            );
        }
    }

    #[test]
    fn arithmetic_is_checked() {
        let t = Time::parse_rfc3339("9999-12-31T23:59:59Z").unwrap();
        assert!(t.checked_add(Duration::from_secs(1)).is_none());
        assert!(Time::GO_ZERO.checked_sub(Duration::from_nanos(1)).is_none());
        let a = Time::from_unix(10, 999_999_999).unwrap();
        assert_eq!(
            a.checked_add(Duration::from_nanos(1)),
            Time::from_unix(11, 0).ok()
        );
        assert_eq!(
            a.checked_sub(Duration::new(1, 999_999_999)),
            Time::from_unix(9, 0).ok()
        );
    }

    use crate::error::Coded as _;
}

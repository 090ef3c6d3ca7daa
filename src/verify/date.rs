//! Calendar dates and instants, parsed strictly and compared without a clock.
//!
//! Verifiers never read the time: the caller passes "now" (an [`Instant`]) or a reference date (a
//! [`CalendarDate`]), so a verdict can be reproduced later. Years are limited to 0001..=9999, the
//! range ISO 8601 basic forms and the `xsd:dateTimeStamp` strings of credentials use in practice.

use core::fmt;

use crate::calendar;
use crate::error::Coded;

/// A date or time string that is not well formed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum DateError {
    /// Not a calendar date `YYYY-MM-DD` (or the date does not exist).
    #[error("not a calendar date (YYYY-MM-DD): {0}")]
    BadDate(String),
    /// Not a date-time with a time zone (`YYYY-MM-DDThh:mm:ss[.fff](Z|+hh:mm|-hh:mm)`).
    #[error("not a date-time with a time zone: {0}")]
    BadInstant(String),
}

impl Coded for DateError {
    fn code(&self) -> &'static str {
        match self {
            DateError::BadDate(_) => "date.bad_date",
            DateError::BadInstant(_) => "date.bad_instant",
        }
    }
}

/// Whether `year` is a leap year in the proleptic Gregorian calendar.
pub fn is_leap_year(year: i32) -> bool {
    calendar::is_leap(i64::from(year))
}

/// The number of days in `month` (1..=12) of `year`; 0 for a month that does not exist.
pub fn days_in_month(year: i32, month: u8) -> u8 {
    if (1..=12).contains(&month) {
        // 28..=31 always fits.
        calendar::days_in_month(i64::from(year), i64::from(month)) as u8
    } else {
        0
    }
}

/// A day of the proleptic Gregorian calendar, year 1 to 9999. Always a real date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CalendarDate {
    // Field order matters: the derived ordering is chronological.
    year: i32,
    month: u8,
    day: u8,
}

impl CalendarDate {
    /// The date, if it exists.
    pub fn new(year: i32, month: u8, day: u8) -> Option<Self> {
        let valid = (1..=9999).contains(&year) && day >= 1 && day <= days_in_month(year, month);
        valid.then_some(CalendarDate { year, month, day })
    }

    /// The last day of `month` in `year`.
    pub fn last_day_of(year: i32, month: u8) -> Option<Self> {
        CalendarDate::new(year, month, days_in_month(year, month))
    }

    /// The year (1..=9999).
    pub fn year(&self) -> i32 {
        self.year
    }

    /// The month (1..=12).
    pub fn month(&self) -> u8 {
        self.month
    }

    /// The day of the month (1..=31).
    pub fn day(&self) -> u8 {
        self.day
    }

    /// Parse `YYYY-MM-DD`. A full date-time is accepted too (its date part is taken as written,
    /// in its own time zone), so callers may pass either an ISO date or `new Date().toISOString()`.
    pub fn parse(s: &str) -> Result<Self, DateError> {
        let bad = || DateError::BadDate(s.chars().take(40).collect());
        let b = s.as_bytes();
        if b.len() > 10 {
            Instant::parse(s).map_err(|_| bad())?;
        }
        b.get(..10).and_then(parse_ymd).ok_or_else(bad)
    }

    /// Days since 1970-01-01 (negative before).
    pub fn days_since_epoch(&self) -> i64 {
        days_from_civil(self.year, self.month, self.day)
    }
}

impl fmt::Display for CalendarDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl serde::Serialize for CalendarDate {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// A point in time: seconds and nanoseconds since 1970-01-01T00:00:00Z (UTC, no leap seconds).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Instant {
    secs: i64,
    nanos: u32,
}

impl Instant {
    /// The instant `secs` seconds (plus `nanos`, which must be below 10^9) after the Unix epoch.
    pub fn from_unix(secs: i64, nanos: u32) -> Option<Self> {
        (nanos < 1_000_000_000).then_some(Instant { secs, nanos })
    }

    /// Seconds since the Unix epoch.
    pub fn unix_seconds(&self) -> i64 {
        self.secs
    }

    /// The sub-second part, in nanoseconds.
    pub fn subsec_nanos(&self) -> u32 {
        self.nanos
    }

    /// Parse an `xsd:dateTimeStamp` (the form VC 2.0 requires for `validFrom`, `validUntil` and
    /// proof `created`): `YYYY-MM-DDThh:mm:ss`, optional fraction, then `Z` or `±hh:mm`.
    /// A time zone is required: a date-time without one does not name a single instant.
    pub fn parse(s: &str) -> Result<Self, DateError> {
        parse_instant(s.as_bytes())
            .ok_or_else(|| DateError::BadInstant(s.chars().take(40).collect()))
    }

    /// The UTC calendar date of this instant.
    pub fn date(&self) -> CalendarDate {
        let (y, m, d) = civil_from_days(self.secs.div_euclid(86_400));
        CalendarDate::new(y, m, d).unwrap_or(CalendarDate {
            year: 1,
            month: 1,
            day: 1,
        })
    }

    /// RFC 3339 in UTC (`2026-03-01T12:00:00Z`, with a fraction only when there is one).
    pub fn to_rfc3339(&self) -> String {
        let date = self.date();
        let t = self.secs.rem_euclid(86_400);
        let mut s = format!("{date}T{:02}:{:02}:{:02}", t / 3600, (t / 60) % 60, t % 60);
        if self.nanos != 0 {
            let frac = format!("{:09}", self.nanos);
            s.push('.');
            s.push_str(frac.trim_end_matches('0'));
        }
        s.push('Z');
        s
    }
}

impl fmt::Display for Instant {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_rfc3339())
    }
}

/// The value of an all-digit ASCII slice (at most 9 digits), or `None`.
fn digits(b: &[u8]) -> Option<u32> {
    if b.is_empty() || b.len() > 9 || !b.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(b.iter().fold(0, |n, d| n * 10 + u32::from(d - b'0')))
}

/// `YYYY-MM-DD` (exactly 10 bytes) as a date that exists.
fn parse_ymd(b: &[u8]) -> Option<CalendarDate> {
    let &[y1, y2, y3, y4, b'-', m1, m2, b'-', d1, d2] = b else {
        return None;
    };
    // At most four digits: the casts cannot truncate.
    CalendarDate::new(
        digits(&[y1, y2, y3, y4])? as i32,
        digits(&[m1, m2])? as u8,
        digits(&[d1, d2])? as u8,
    )
}

fn parse_instant(b: &[u8]) -> Option<Instant> {
    // Fixed part: YYYY-MM-DDThh:mm:ss (19 bytes).
    let (head, mut rest) = b.split_at_checked(19)?;
    let [date @ .., b'T', h1, h2, b':', mi1, mi2, b':', s1, s2] = head else {
        return None;
    };
    let date = parse_ymd(date)?;
    let (h, mi, sec) = (
        digits(&[*h1, *h2])?,
        digits(&[*mi1, *mi2])?,
        digits(&[*s1, *s2])?,
    );
    if h > 23 || mi > 59 || sec > 59 {
        return None;
    }
    let mut nanos = 0u32;
    if let Some((b'.', frac)) = rest.split_first() {
        let n = frac.iter().take_while(|c| c.is_ascii_digit()).count();
        let (frac_digits, after) = frac.split_at_checked(n)?;
        if frac_digits.is_empty() {
            return None;
        }
        // Digits past the ninth are below a nanosecond: they must be read but cannot count.
        for (i, d) in frac_digits.iter().take(9).enumerate() {
            nanos += u32::from(d - b'0') * 10u32.pow(8 - i as u32);
        }
        rest = after;
    }
    let offset_secs: i64 = match rest {
        [b'Z'] => 0,
        [sign @ (b'+' | b'-'), oh1, oh2, b':', om1, om2] => {
            let (oh, om) = (digits(&[*oh1, *oh2])?, digits(&[*om1, *om2])?);
            if om > 59 || oh > 14 || (oh == 14 && om > 0) {
                return None;
            }
            let off = i64::from(oh * 3600 + om * 60);
            if *sign == b'-' {
                -off
            } else {
                off
            }
        }
        _ => return None,
    };
    let local = date.days_since_epoch() * 86_400 + i64::from(h * 3600 + mi * 60 + sec);
    Instant::from_unix(local - offset_secs, nanos)
}

/// Days from 1970-01-01 to the given proleptic Gregorian date.
fn days_from_civil(year: i32, month: u8, day: u8) -> i64 {
    calendar::days_from_civil(i64::from(year), i64::from(month), i64::from(day))
}

/// The inverse of [`days_from_civil`].
fn civil_from_days(days: i64) -> (i32, u8, u8) {
    let (y, m, d) = calendar::civil_from_days(days);
    // Month 1..=12 and day 1..=31 always fit; the year is clamped for day counts far outside
    // any real date.
    (
        y.clamp(i64::from(i32::MIN), i64::from(i32::MAX)) as i32,
        m as u8,
        d as u8,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn epoch_and_round_trip() {
        assert_eq!(CalendarDate::new(1970, 1, 1).unwrap().days_since_epoch(), 0);
        assert_eq!(
            CalendarDate::new(2000, 3, 1).unwrap().days_since_epoch(),
            11_017
        );
        for days in (-800_000..3_000_000).step_by(997) {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, m, d), days);
        }
    }

    #[test]
    fn leap_years_and_month_lengths() {
        assert!(is_leap_year(2000) && is_leap_year(2024) && !is_leap_year(2100));
        assert!(CalendarDate::new(2100, 2, 29).is_none());
        assert!(CalendarDate::new(2000, 2, 29).is_some());
        assert!(CalendarDate::new(2027, 4, 31).is_none());
        assert_eq!(CalendarDate::last_day_of(2027, 1).unwrap().day(), 31);
    }

    #[test]
    fn instants_parse_strictly() {
        let t = Instant::parse("2023-02-24T23:36:38Z").unwrap();
        assert_eq!(t.unix_seconds(), 1_677_281_798);
        assert_eq!(t.to_rfc3339(), "2023-02-24T23:36:38Z");
        let z = Instant::parse("2023-02-25T01:36:38.5+02:00").unwrap();
        assert_eq!(z.unix_seconds(), t.unix_seconds());
        assert_eq!(z.to_rfc3339(), "2023-02-24T23:36:38.5Z");
        for bad in [
            "2023-02-24T23:36:38",
            "2023-02-24 23:36:38Z",
            "2023-02-30T00:00:00Z",
            "2023-02-24T24:00:00Z",
            "2023-02-24T23:36:38.Z",
            "2023-02-24T23:36:38+15:00",
            "2023-02-24t23:36:38z",
            "",
        ] {
            assert_eq!(
                Instant::parse(bad).unwrap_err().code(),
                "date.bad_instant",
                "{bad}"
            );
        }
    }

    #[test]
    fn dates_parse() {
        assert_eq!(
            CalendarDate::parse("2026-05-01").unwrap().to_string(),
            "2026-05-01"
        );
        assert_eq!(
            CalendarDate::parse("2026-05-01T10:00:00.000Z")
                .unwrap()
                .month(),
            5
        );
        for bad in [
            "2026-5-01",
            "2026-02-29",
            "20260501",
            "2026-05-01X",
            "é026-05-01",
        ] {
            assert_eq!(
                CalendarDate::parse(bad).unwrap_err().code(),
                "date.bad_date",
                "{bad}"
            );
        }
    }
}

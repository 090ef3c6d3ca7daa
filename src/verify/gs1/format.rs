//! Checking an AI's value against its format: lengths, character sets and the content checks
//! ("linters") of the GS1 Barcode Syntax Tests.
//!
//! Implemented checks: `csum`, `yymmd0`, `yymmdd`, `yyyymmdd`, `hhmi`, `hh`, `mi`, `ss`, `yesno`,
//! `zero`, `nonzero`, `winding`, `pieceoftotal`, `hyphen`, `latitude`, `longitude`,
//! `nozeroprefix`, `iso5218`, `pcenc`, `posinseqslash`, `hasnondigit`, `importeridx`. Checks that
//! need external code lists (ISO 3166 and 4217 codes, IBAN, GMN check characters, coupon
//! structures, package types, media types) are not applied: such values are checked for length and
//! character set only.

use super::check_digit;
use super::dictionary::{AiDef, Charset, Component};
use super::error::Gs1Error;
use super::percent;
use crate::verify::date::CalendarDate;

/// GS1 character set 82 (General Specifications figure 7.11-1): `!"%&'()*+,-./`, digits,
/// `:;<=>?`, upper-case letters, `_`, lower-case letters.
pub fn is_cset82(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"!\"%&'()*+,-./:;<=>?_".contains(&b)
}

/// GS1 character set 39: `#-/`, digits and upper-case letters.
pub fn is_cset39(b: u8) -> bool {
    b.is_ascii_digit() || b.is_ascii_uppercase() || b"#-/".contains(&b)
}

fn in_charset(charset: Charset, b: u8) -> bool {
    match charset {
        Charset::Numeric => b.is_ascii_digit(),
        Charset::Cset82 => is_cset82(b),
        Charset::Cset39 => is_cset39(b),
        Charset::Base64Url => b.is_ascii_alphanumeric() || b"-_=".contains(&b),
    }
}

/// The four-digit year of the two-digit year `yy`, by the GS1 century rule (General
/// Specifications section 7.12) with `reference_year` as the current year: a `yy` 51 to 99 years
/// ahead of the current year's two digits is in the previous century, one 50 to 99 years behind is
/// in the next century, any other is in the current century.
pub fn full_year(yy: u8, reference_year: i32) -> i32 {
    let current = reference_year.rem_euclid(100);
    let century = reference_year - current;
    let diff = i32::from(yy) - current;
    if diff >= 51 {
        century - 100 + i32::from(yy)
    } else if diff <= -50 {
        century + 100 + i32::from(yy)
    } else {
        century + i32::from(yy)
    }
}

fn num(b: &[u8]) -> Option<u32> {
    (!b.is_empty() && b.len() <= 9 && b.iter().all(u8::is_ascii_digit))
        .then(|| b.iter().fold(0, |n, d| n * 10 + u32::from(d - b'0')))
}

/// The date of a `YYMMDD` value; with `day_zero_allowed`, a day of `00` means the month's last day.
pub fn yymmdd(b: &[u8], reference_year: i32, day_zero_allowed: bool) -> Option<CalendarDate> {
    if b.len() != 6 {
        return None;
    }
    let year = full_year(num(b.get(0..2)?)? as u8, reference_year);
    let month = num(b.get(2..4)?)? as u8;
    match num(b.get(4..6)?)? {
        0 if day_zero_allowed => CalendarDate::last_day_of(year, month),
        day => CalendarDate::new(year, month, u8::try_from(day).ok()?),
    }
}

fn yyyymmdd(b: &[u8]) -> Option<CalendarDate> {
    if b.len() != 8 {
        return None;
    }
    CalendarDate::new(
        num(b.get(0..4)?)? as i32,
        num(b.get(4..6)?)? as u8,
        u8::try_from(num(b.get(6..8)?)?).ok()?,
    )
}

/// Whether `b` holds only well-formed percent-escapes (`%` followed by two hex digits).
fn percent_escapes_ok(b: &[u8]) -> bool {
    let mut i = 0;
    while let Some(&c) = b.get(i) {
        if c == b'%' {
            match b.get(i + 1..i + 3) {
                Some(h) if h.iter().all(u8::is_ascii_hexdigit) => i += 3,
                _ => return false,
            }
        } else {
            i += 1;
        }
    }
    true
}

/// Apply one linter to one component; `Err` names what is wrong.
fn lint(name: &str, b: &[u8], reference_year: i32) -> Result<(), &'static str> {
    let ok = match name {
        "yymmd0" => yymmdd(b, reference_year, true).is_some(),
        "yymmdd" => yymmdd(b, reference_year, false).is_some(),
        "yyyymmdd" => yyyymmdd(b).is_some(),
        "hhmi" => match *b {
            [h1, h2, m1, m2] => {
                num(&[h1, h2]).is_some_and(|h| h < 24) && num(&[m1, m2]).is_some_and(|m| m < 60)
            }
            _ => false,
        },
        "hh" => num(b).is_some_and(|h| h < 24),
        "mi" | "ss" => num(b).is_some_and(|m| m < 60),
        "yesno" => b == b"0" || b == b"1",
        "zero" => b == b"0",
        "nonzero" => b.iter().any(|&c| c != b'0'),
        "winding" => matches!(b, b"0" | b"1" | b"9"),
        "pieceoftotal" => {
            b.len() % 2 == 0 && {
                let (piece, total) = b.split_at(b.len() / 2);
                matches!((num(piece), num(total)), (Some(p), Some(t)) if p >= 1 && p <= t)
            }
        }
        "hyphen" => b == b"-",
        "latitude" => num(b).is_some_and(|v| v <= 1_800_000_000),
        "longitude" => num(b).is_some_and(|v| v <= 3_600_000_000),
        "nozeroprefix" => b.len() == 1 || b.first() != Some(&b'0'),
        "iso5218" => matches!(b, b"0" | b"1" | b"2" | b"9"),
        "pcenc" => percent_escapes_ok(b),
        "posinseqslash" => match b {
            [p, b'/', s] => {
                matches!((num(&[*p]), num(&[*s])), (Some(p), Some(s)) if p >= 1 && p <= s)
            }
            _ => false,
        },
        "hasnondigit" => b.iter().any(|c| !c.is_ascii_digit()),
        "importeridx" => b
            .iter()
            .all(|&c| c.is_ascii_alphanumeric() || c == b'-' || c == b'_'),
        // Code-list and structure checks we do not carry (see the module documentation).
        _ => true,
    };
    if ok {
        Ok(())
    } else {
        Err(match name {
            "yymmd0" | "yymmdd" | "yyyymmdd" => "not a valid date",
            "hhmi" | "hh" | "mi" | "ss" => "not a valid time",
            _ => "fails the content check",
        })
    }
}

/// Check `value` against the format of `ai` (defined by `def`). `reference_year` decides the
/// century of two-digit years, which matters for 29 February.
pub fn validate(ai: &str, def: &AiDef, value: &str, reference_year: i32) -> Result<(), Gs1Error> {
    let b = value.as_bytes();
    if b.is_empty() {
        return Err(Gs1Error::bad(ai, "empty value"));
    }
    let mut pos = 0;
    for comp in def.components() {
        let remaining = b.len() - pos;
        if remaining == 0 {
            if comp.optional {
                break;
            }
            return Err(Gs1Error::bad(
                ai,
                format!("too short ({} characters)", b.len()),
            ));
        }
        let take = if comp.min == comp.max {
            comp.max
        } else {
            remaining.min(comp.max)
        };
        let part = b
            .get(pos..pos + take)
            .ok_or_else(|| Gs1Error::bad(ai, format!("too short ({} characters)", b.len())))?;
        check_component(ai, &comp, part, reference_year)?;
        pos += take;
    }
    if pos < b.len() {
        return Err(Gs1Error::bad(
            ai,
            format!(
                "too long ({} characters, at most {})",
                b.len(),
                def.max_length()
            ),
        ));
    }
    Ok(())
}

fn check_component(ai: &str, comp: &Component, part: &[u8], year: i32) -> Result<(), Gs1Error> {
    if let Some(&c) = part.iter().find(|&&c| !in_charset(comp.charset, c)) {
        let what = match comp.charset {
            Charset::Numeric => "digits only",
            Charset::Cset82 => "GS1 character set 82",
            Charset::Cset39 => "GS1 character set 39",
            Charset::Base64Url => "base64url",
        };
        return Err(Gs1Error::bad(
            ai,
            format!("character {} not allowed ({what})", percent::show_byte(c)),
        ));
    }
    for name in comp.linters.split(',').filter(|n| !n.is_empty()) {
        if name == "csum" {
            if !check_digit::is_valid(part) {
                return Err(Gs1Error::CheckDigit {
                    ai: ai.to_owned(),
                    value: String::from_utf8_lossy(part).into_owned(),
                });
            }
        } else {
            lint(name, part, year).map_err(|reason| Gs1Error::bad(ai, reason))?;
        }
    }
    Ok(())
}

/// The date an AI's value starts with, when its first component is a date (`11`, `17`, `7003`,
/// `7250`, ...). Day `00` (allowed for `yymmd0` dates) is read as the last day of the month.
pub fn leading_date(def: &AiDef, value: &str, reference_year: i32) -> Option<CalendarDate> {
    let first = def.components().next()?;
    let b = value.as_bytes();
    first.linters.split(',').find_map(|l| match l {
        "yymmd0" => yymmdd(b.get(..6)?, reference_year, true),
        "yymmdd" => yymmdd(b.get(..6)?, reference_year, false),
        "yyyymmdd" => yyyymmdd(b.get(..8)?),
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use super::super::dictionary::lookup;
    use super::*;

    fn check(ai: &str, v: &str) -> Result<(), &'static str> {
        validate(ai, lookup(ai).unwrap(), v, 2026).map_err(|e| e.category())
    }

    #[test]
    fn century_rule() {
        assert_eq!(full_year(26, 2026), 2026);
        assert_eq!(full_year(76, 2026), 2076);
        assert_eq!(full_year(77, 2026), 1977);
        assert_eq!(full_year(75, 2026), 2075);
        assert_eq!(full_year(0, 2026), 2000);
        assert_eq!(full_year(1, 2051), 2101);
        assert_eq!(full_year(99, 2001), 1999);
        assert_eq!(full_year(18, 2026), 2018);
    }

    #[test]
    fn formats() {
        assert_eq!(check("01", "09506000134352"), Ok(()));
        assert_eq!(check("01", "09506000134353"), Err("check_digit"));
        assert_eq!(check("01", "0950600013435"), Err("bad_value"));
        assert_eq!(check("10", "ABCDEFGHIJ1234567890"), Ok(()));
        assert_eq!(check("10", "ABCDEFGHIJ12345678901"), Err("bad_value"));
        assert_eq!(check("10", "AB CD"), Err("bad_value"));
        assert_eq!(check("10", ""), Err("bad_value"));
        assert_eq!(check("17", "270100"), Ok(()));
        assert_eq!(check("17", "270431"), Err("bad_value"));
        assert_eq!(check("7003", "2701000000"), Err("bad_value"));
        assert_eq!(check("7003", "2701311200"), Ok(()));
        assert_eq!(check("7003", "2701312400"), Err("bad_value"));
        assert_eq!(check("17", "000229"), Ok(()), "2000 is a leap year");
        assert_eq!(
            validate("17", lookup("17").unwrap(), "000229", 2060).map_err(|e| e.category()),
            Err("bad_value"),
            "with 2060 as the current year, 00 is 2100, not a leap year"
        );
        assert_eq!(check("253", "9520123456788"), Ok(()));
        assert_eq!(check("253", "9520123456788ABC"), Ok(()));
        assert_eq!(check("8006", "095200000000040102"), Ok(()));
        assert_eq!(check("8006", "095200000000040302"), Err("bad_value"));
        assert_eq!(check("4330", "001234-"), Ok(()));
        assert_eq!(check("4330", "001234+"), Err("bad_value"));
        assert_eq!(check("4321", "2"), Err("bad_value"));
        assert_eq!(check("8010", "AB#1"), Ok(()));
        assert_eq!(check("8010", "ab"), Err("bad_value"));
        assert_eq!(check("4300", "A%2"), Err("bad_value"));
        assert_eq!(check("8011", "012"), Err("bad_value"));
    }

    #[test]
    fn leading_dates() {
        let d =
            |ai: &str, v: &str| leading_date(lookup(ai).unwrap(), v, 2026).map(|d| d.to_string());
        assert_eq!(d("17", "270100").as_deref(), Some("2027-01-31"));
        assert_eq!(d("15", "280200").as_deref(), Some("2028-02-29"));
        assert_eq!(d("7003", "2701311200").as_deref(), Some("2027-01-31"));
        assert_eq!(d("7250", "19991231").as_deref(), Some("1999-12-31"));
        assert_eq!(d("10", "270100"), None);
    }
}

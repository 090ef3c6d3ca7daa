//! Identifiers of medicine packs, containers and lots as the ledger's EPCIS events write them:
//! GS1 Digital Link URIs on the canonical resolver `https://id.gs1.org/`.
//!
//! Only the three forms the ledger needs are accepted, and strictly: a serialised pack
//! `.../01/{GTIN-14}/21/{serial}` (an SGTIN), a logistic unit `.../00/{SSCC-18}` and a lot
//! `.../01/{GTIN-14}/10/{lot}` (an LGTIN, for recalls by lot). GTIN and SSCC check digits are
//! verified; serials and lots are 1 to 20 characters of GS1 character set 82, percent-decoded.

use core::fmt;

/// A serialised pack: GTIN and serial number.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Item {
    /// The 14-digit GTIN.
    pub gtin: String,
    /// The serial number (AI 21).
    pub serial: String,
}

/// A logistic unit (case, pallet): its 18-digit SSCC.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Sscc(pub String);

/// A lot (batch) of one product.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct LotId {
    /// The 14-digit GTIN.
    pub gtin: String,
    /// The lot number (AI 10).
    pub lot: String,
}

/// What an EPCIS `epcList` may name: a pack or a container.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Epc {
    /// A serialised pack.
    Item(Item),
    /// A logistic unit.
    Container(Sscc),
}

const PREFIX: &str = "https://id.gs1.org/";

/// The GS1 mod-10 check digit is right: weights 3 and 1 alternate from the digit left of the
/// check digit (GS1 General Specifications 7.9).
fn check_digit_ok(digits: &str) -> bool {
    let b = digits.as_bytes();
    let Some((&check, body)) = b.split_last() else {
        return false;
    };
    if !b.iter().all(u8::is_ascii_digit) {
        return false;
    }
    let sum: u32 = body
        .iter()
        .rev()
        .enumerate()
        .map(|(i, &c)| u32::from(c - b'0') * if i % 2 == 0 { 3 } else { 1 })
        .sum();
    (10 - sum % 10) % 10 == u32::from(check - b'0')
}

/// A 14-digit GTIN with a correct check digit.
pub fn valid_gtin(s: &str) -> bool {
    s.len() == 14 && check_digit_ok(s)
}

/// GS1 character set 82 (General Specifications 7.11).
fn is_cset82(c: char) -> bool {
    c.is_ascii_alphanumeric() || "!\"%&'()*+,-./:;<=>?_".contains(c)
}

/// A serial or lot: 1 to 20 characters of character set 82.
pub fn valid_attribute(s: &str) -> bool {
    (1..=20).contains(&s.chars().count()) && s.chars().all(is_cset82)
}

fn hex_val(c: u8) -> Option<u8> {
    (c as char).to_digit(16).and_then(|d| u8::try_from(d).ok())
}

/// Percent-decode a path segment; `None` on a broken escape or a character a path may not hold.
fn decode_segment(seg: &str) -> Option<String> {
    let b = seg.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while let Some(&c) = b.get(i) {
        if c == b'%' {
            let hi = hex_val(*b.get(i + 1)?)?;
            let lo = hex_val(*b.get(i + 2)?)?;
            out.push(hi << 4 | lo);
            i += 3;
        } else if c.is_ascii_alphanumeric() || b"-._~!$&'()*+,;=:@".contains(&c) {
            out.push(c);
            i += 1;
        } else {
            return None;
        }
    }
    String::from_utf8(out).ok()
}

/// Percent-encode everything but RFC 3986 unreserved characters.
fn encode_segment(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The `(AI, value)` pairs of a canonical Digital Link URI's path.
fn path_pairs(uri: &str) -> Option<Vec<(&str, String)>> {
    let path = uri.strip_prefix(PREFIX)?;
    let segs: Vec<&str> = path.split('/').collect();
    if segs.len() % 2 != 0 {
        return None;
    }
    segs.chunks_exact(2)
        .map(|pair| match *pair {
            [ai, value] => Some((ai, decode_segment(value)?)),
            _ => None,
        })
        .collect()
}

impl Epc {
    /// Parse a pack or container URI.
    pub fn parse(uri: &str) -> Option<Epc> {
        let pairs = path_pairs(uri)?;
        match pairs.as_slice() {
            [("01", gtin), ("21", serial)] if valid_gtin(gtin) && valid_attribute(serial) => {
                Some(Epc::Item(Item {
                    gtin: gtin.clone(),
                    serial: serial.clone(),
                }))
            }
            [("00", sscc)] if sscc.len() == 18 && check_digit_ok(sscc) => {
                Some(Epc::Container(Sscc(sscc.clone())))
            }
            _ => None,
        }
    }
}

impl Item {
    /// Parse a pack URI (`.../01/{gtin}/21/{serial}`).
    pub fn parse(uri: &str) -> Option<Item> {
        match Epc::parse(uri)? {
            Epc::Item(item) => Some(item),
            Epc::Container(_) => None,
        }
    }
}

impl Sscc {
    /// Parse a container URI (`.../00/{sscc}`).
    pub fn parse(uri: &str) -> Option<Sscc> {
        match Epc::parse(uri)? {
            Epc::Container(c) => Some(c),
            Epc::Item(_) => None,
        }
    }
}

impl LotId {
    /// Parse a lot URI (`.../01/{gtin}/10/{lot}`).
    pub fn parse(uri: &str) -> Option<LotId> {
        let pairs = path_pairs(uri)?;
        match pairs.as_slice() {
            [("01", gtin), ("10", lot)] if valid_gtin(gtin) && valid_attribute(lot) => {
                Some(LotId {
                    gtin: gtin.clone(),
                    lot: lot.clone(),
                })
            }
            _ => None,
        }
    }
}

impl fmt::Display for Item {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{PREFIX}01/{}/21/{}",
            self.gtin,
            encode_segment(&self.serial)
        )
    }
}

impl fmt::Display for Sscc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{PREFIX}00/{}", self.0)
    }
}

impl fmt::Display for LotId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{PREFIX}01/{}/10/{}",
            self.gtin,
            encode_segment(&self.lot)
        )
    }
}

impl fmt::Display for Epc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Epc::Item(i) => i.fmt(f),
            Epc::Container(c) => c.fmt(f),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_three_forms() {
        let item = Item::parse("https://id.gs1.org/01/09506000134352/21/A%2FB-1").unwrap();
        assert_eq!(item.serial, "A/B-1");
        assert_eq!(
            item.to_string(),
            "https://id.gs1.org/01/09506000134352/21/A%2FB-1"
        );
        let c = Sscc::parse("https://id.gs1.org/00/106141411234567897").unwrap();
        assert_eq!(c.0, "106141411234567897");
        let lot = LotId::parse("https://id.gs1.org/01/09506000134352/10/L1").unwrap();
        assert_eq!(lot.lot, "L1");
        assert_eq!(Item::parse(&lot.to_string()), None);
    }

    #[test]
    fn refuses_bad_ones() {
        for bad in [
            "https://id.gs1.org/01/09506000134353/21/X",
            "https://id.gs1.org/01/9506000134352/21/X",
            "https://id.gs1.org/01/09506000134352/21/",
            "https://id.gs1.org/01/09506000134352/21/123456789012345678901",
            "https://id.gs1.org/01/09506000134352/21/a b",
            "https://id.gs1.org/01/09506000134352/21/%zz",
            "https://id.gs1.org/01/09506000134352/21/%",
            "https://id.gs1.org/01/09506000134352/21/%C3%A9",
            "https://id.gs1.org/01/09506000134352",
            "https://example.com/01/09506000134352/21/X",
            "https://id.gs1.org/00/106141411234567898",
        ] {
            assert_eq!(Epc::parse(bad), None, "{bad}");
        }
    }
}

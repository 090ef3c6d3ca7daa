//! Compressed GS1 Digital Link URIs (GS1 Digital Link: Compression).
//!
//! The path (or the part after the primary key) is a bit string written in the URI-safe base64
//! alphabet, 6 bits per character. It holds a sequence of AIs, each as its digits in 4-bit nibbles
//! followed by its value:
//!
//! - a fixed-length numeric component is a binary number of `ceil(n·log2 10 + 0.01)` bits;
//! - a variable-length numeric component is a digit count of `ceil(log2 max + 0.01)` bits, then the
//!   number;
//! - an alphanumeric component is a 3-bit encoding (0 digits, 1 lower-case hex, 2 upper-case hex,
//!   3 URI-safe base64, 4 7-bit ASCII), a character count (variable length only), then the
//!   characters.
//!
//! A first nibble of A to E, or a second of A to F, names a predefined sequence of AIs instead
//! ("optimisation codes"); a first nibble of F starts a non-GS1 `key=value` pair. Fewer than 9
//! bits left over are padding. How an AI's components are grouped for this encoding follows from
//! its format: adjacent mandatory fixed-length numeric components form one number, trailing
//! optional numeric components one variable-length number, and adjacent alphanumeric
//! components one string. Facts from gs1/GS1DigitalLinkCompressionPrototype (Apache-2.0).

use super::dictionary::{self, AiDef, Charset};

const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// The AIs and non-GS1 pairs a compressed bit string holds, in the order written.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Decoded {
    /// `(ai, value)` pairs.
    pub ais: Vec<(String, String)>,
    /// Non-GS1 `(key, value)` pairs.
    pub others: Vec<(String, String)>,
}

/// Whether `s` could be a compressed path: URI-safe base64 characters only.
pub fn looks_compressed(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// The optimisation codes: a two-nibble code standing for a sequence of AIs. The prototype sorts
/// each sequence before use, so values are written in the AIs' lexical order.
fn optimisation(code: u8) -> Option<&'static [&'static str]> {
    Some(match code {
        0x0A => &["01", "22"],
        0x0B => &["01", "10"],
        0x0C => &["01", "21"],
        0x0D => &["01", "17"],
        0x0E => &["01", "7003"],
        0x0F => &["01", "30"],
        0x1A => &["01", "10", "17", "21"],
        0x1B => &["01", "15"],
        0x1C => &["01", "11"],
        0x1D => &["01", "16"],
        0x1E => &["01", "91"],
        0x1F => &["01", "10", "15"],
        0x2A => &["01", "3100"],
        0x2B => &["01", "3101"],
        0x2C => &["01", "3102"],
        0x2D => &["01", "3103"],
        0x2E => &["01", "3104"],
        0x2F => &["01", "3105"],
        0x3A => &["01", "3200"],
        0x3B => &["01", "3201"],
        0x3C => &["01", "3202"],
        0x3D => &["01", "3203"],
        0x3E => &["01", "3204"],
        0x3F => &["01", "3205"],
        0x9A => &["8010", "8011"],
        0x9B => &["8017", "8019"],
        0x9C => &["8018", "8019"],
        0x9D => &["254", "414"],
        0xA0 => &["01", "3920"],
        0xA1 => &["01", "3921"],
        0xA2 => &["01", "3922"],
        0xA3 => &["01", "3923"],
        0xA4 => &["01", "3924"],
        0xA5 => &["01", "3925"],
        0xA6 => &["01", "3926"],
        0xA7 => &["01", "3927"],
        0xA8 => &["01", "3928"],
        0xA9 => &["01", "3929"],
        0xC0 => &["255", "3900"],
        0xC1 => &["255", "3901"],
        0xC2 => &["255", "3902"],
        0xC3 => &["255", "3903"],
        0xC4 => &["255", "3904"],
        0xC5 => &["255", "3905"],
        0xC6 => &["255", "3906"],
        0xC7 => &["255", "3907"],
        0xC8 => &["255", "3908"],
        0xC9 => &["255", "3909"],
        0xCA => &["255", "3940"],
        0xCB => &["255", "3941"],
        0xCC => &["255", "3942"],
        0xCD => &["255", "3943"],
        _ => return None,
    })
}

/// How one group of an AI's value is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Group {
    NumFixed(usize),
    NumVar(usize),
    TextFixed(usize),
    TextVar(usize),
}

fn groups(def: &AiDef) -> Vec<Group> {
    let mut out: Vec<Group> = Vec::new();
    for c in def.components() {
        let fixed = c.min == c.max && !c.optional;
        let numeric = c.charset == Charset::Numeric;
        let merged = match (out.last().copied(), numeric) {
            (Some(Group::NumFixed(l)), true) if fixed => Some(Group::NumFixed(l + c.max)),
            (Some(Group::NumVar(m)), true) if c.optional => Some(Group::NumVar(m + c.max)),
            (Some(Group::TextFixed(l)), false) if fixed => Some(Group::TextFixed(l + c.max)),
            (Some(Group::TextFixed(l) | Group::TextVar(l)), false) => {
                Some(Group::TextVar(l + c.max))
            }
            _ => None,
        };
        if let Some(g) = merged {
            out.pop();
            out.push(g);
        } else {
            out.push(match (numeric, fixed) {
                (true, true) => Group::NumFixed(c.max),
                (true, false) => Group::NumVar(c.max),
                (false, true) => Group::TextFixed(c.max),
                (false, false) => Group::TextVar(c.max),
            });
        }
    }
    out
}

/// Bits needed for a number of `digits` decimal digits.
fn value_bits(digits: usize) -> usize {
    ((digits as f64) * core::f64::consts::LOG2_10 + 0.01).ceil() as usize
}

/// Bits needed for a length of at most `max`.
fn length_bits(max: usize) -> usize {
    ((max as f64).log2() + 0.01).ceil() as usize
}

struct Bits {
    bits: Vec<u8>,
    pos: usize,
}

impl Bits {
    fn left(&self) -> usize {
        self.bits.len().saturating_sub(self.pos)
    }

    fn take(&mut self, n: usize) -> Result<&[u8], String> {
        let end = self.pos.checked_add(n).ok_or("too long")?;
        let slice = self
            .bits
            .get(self.pos..end)
            .ok_or_else(|| "the bit string ends inside a value".to_owned())?;
        self.pos = end;
        Ok(slice)
    }

    fn number(&mut self, n: usize) -> Result<usize, String> {
        if n > 32 {
            return Err("a count field is too wide".into());
        }
        Ok(self
            .take(n)?
            .iter()
            .fold(0, |v, &b| v << 1 | usize::from(b)))
    }
}

/// The decimal digits of a big-endian bit string, left-padded with zeros to `digits`; `None` if
/// the number needs more digits.
fn decimal(bits: &[u8], digits: usize) -> Option<String> {
    // Little-endian base-10 digits, doubled and incremented bit by bit.
    let mut dec: Vec<u8> = Vec::new();
    for &bit in bits {
        let mut carry = bit;
        for d in dec.iter_mut() {
            let v = *d * 2 + carry;
            *d = v % 10;
            carry = v / 10;
        }
        if carry > 0 {
            dec.push(carry);
        }
    }
    if dec.len() > digits {
        return None;
    }
    dec.resize(digits, 0);
    Some(dec.iter().rev().map(|d| char::from(b'0' + d)).collect())
}

fn text(bits: &mut Bits, encoding: usize, chars: usize) -> Result<String, String> {
    let per_char = match encoding {
        0 => {
            return decimal(bits.take(value_bits(chars))?, chars)
                .ok_or_else(|| "number too large".to_owned())
        }
        1 | 2 => 4,
        3 => 6,
        4 => 7,
        _ => return Err(format!("unknown character encoding {encoding}")),
    };
    let mut s = String::with_capacity(chars);
    for _ in 0..chars {
        let v = bits.number(per_char)?;
        let c = match encoding {
            1 => char::from_digit(v as u32, 16),
            2 => char::from_digit(v as u32, 16).map(|c| c.to_ascii_uppercase()),
            3 => B64.get(v).map(|&b| char::from(b)),
            _ => char::from_u32(v as u32),
        };
        s.push(c.ok_or("bad character")?);
    }
    Ok(s)
}

fn value(bits: &mut Bits, def: &AiDef) -> Result<String, String> {
    let mut out = String::new();
    for g in groups(def) {
        match g {
            Group::NumFixed(n) => {
                out += &decimal(bits.take(value_bits(n))?, n).ok_or("number too large")?;
            }
            Group::NumVar(max) => {
                let n = bits.number(length_bits(max))?;
                if n > max {
                    return Err("digit count beyond the AI's maximum".into());
                }
                out += &decimal(bits.take(value_bits(n))?, n).ok_or("number too large")?;
            }
            Group::TextFixed(n) => {
                let encoding = bits.number(3)?;
                out += &text(bits, encoding, n)?;
            }
            Group::TextVar(max) => {
                let encoding = bits.number(3)?;
                let n = bits.number(length_bits(max))?;
                if n > max {
                    return Err("character count beyond the AI's maximum".into());
                }
                out += &text(bits, encoding, n)?;
            }
        }
    }
    Ok(out)
}

fn read_ai(bits: &mut Bits, decoded: &mut Decoded, ai: &str) -> Result<(), String> {
    let def = dictionary::lookup(ai).ok_or_else(|| format!("({ai}) is not an AI"))?;
    let v = value(bits, def)?;
    decoded.ais.push((ai.to_owned(), v));
    Ok(())
}

/// Decode a compressed path segment (URI-safe base64).
pub fn decode(segment: &str) -> Result<Decoded, String> {
    if !looks_compressed(segment) || segment.len() > 4096 {
        return Err("not a compressed GS1 Digital Link path".into());
    }
    let mut bits = Vec::with_capacity(segment.len() * 6);
    for b in segment.bytes() {
        let v = B64.iter().position(|&c| c == b).ok_or("not base64url")?;
        bits.extend((0..6).rev().map(|i| (v >> i & 1) as u8));
    }
    let mut bits = Bits { bits, pos: 0 };
    let mut decoded = Decoded::default();
    while bits.left() > 8 {
        let (h1, h2) = (bits.number(4)?, bits.number(4)?);
        if h1 <= 9 && h2 <= 9 {
            let prefix = format!("{h1}{h2}");
            let len = dictionary::length_for_prefix(&prefix)
                .ok_or_else(|| format!("no AI starts with {prefix}"))?;
            let mut ai = prefix;
            for _ in 2..len {
                let d = bits.number(4)?;
                if d > 9 {
                    return Err("an AI digit is not a decimal digit".into());
                }
                ai.push(char::from(b'0' + d as u8));
            }
            read_ai(&mut bits, &mut decoded, &ai)?;
        } else if h1 == 0xF {
            // A non-GS1 pair: the key length is the 7 bits that start at the second nibble.
            bits.pos -= 4;
            let key_len = bits.number(7)?;
            let key = text(&mut bits, 3, key_len)?;
            let encoding = bits.number(3)?;
            let n = bits.number(7)?;
            let v = text(&mut bits, encoding, n)?;
            decoded.others.push((key, v));
        } else {
            let seq = optimisation((h1 << 4 | h2) as u8)
                .ok_or_else(|| format!("unknown optimisation code {h1:X}{h2:X}"))?;
            for ai in seq {
                read_ai(&mut bits, &mut decoded, ai)?;
            }
        }
    }
    if decoded.ais.is_empty() {
        return Err("no AI in the compressed path".into());
    }
    Ok(decoded)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_follow_the_compression_table() {
        let g = |ai: &str| groups(dictionary::lookup(ai).unwrap());
        assert_eq!(g("01"), vec![Group::NumFixed(14)]);
        assert_eq!(g("10"), vec![Group::TextVar(20)]);
        assert_eq!(g("253"), vec![Group::NumFixed(13), Group::TextVar(17)]);
        assert_eq!(g("255"), vec![Group::NumFixed(13), Group::NumVar(12)]);
        assert_eq!(g("423"), vec![Group::NumFixed(3), Group::NumVar(12)]);
        assert_eq!(g("8008"), vec![Group::NumFixed(8), Group::NumVar(4)]);
        assert_eq!(g("7230"), vec![Group::TextVar(30)]);
        assert_eq!(g("7040"), vec![Group::NumFixed(1), Group::TextFixed(3)]);
        assert_eq!(g("8003"), vec![Group::NumFixed(14), Group::TextVar(16)]);
        assert_eq!(g("3910"), vec![Group::NumFixed(3), Group::NumVar(15)]);
        assert_eq!((value_bits(14), value_bits(6), value_bits(0)), (47, 20, 1));
        assert_eq!(
            (length_bits(20), length_bits(8), length_bits(90)),
            (5, 4, 7)
        );
    }

    #[test]
    fn decimal_pads_and_bounds() {
        assert_eq!(decimal(&[1, 0, 1], 3).as_deref(), Some("005"));
        assert_eq!(decimal(&[1, 1, 1, 1], 1), None);
        assert_eq!(decimal(&[], 0).as_deref(), Some(""));
    }

    #[test]
    fn medicine_example() {
        let d = decode("AQnYUc1gmiCNV4JGLo3DY").unwrap();
        let ais: Vec<(&str, &str)> = d
            .ais
            .iter()
            .map(|(a, v)| (a.as_str(), v.as_str()))
            .collect();
        assert_eq!(
            ais,
            [("01", "05412345000013"), ("10", "ABC123"), ("17", "290331")]
        );
        assert!(decode("pathinfo").is_err());
        assert!(decode("").is_err());
    }
}

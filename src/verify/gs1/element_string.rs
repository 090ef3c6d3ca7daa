//! GS1 element strings: the data of GS1 DataMatrix, GS1 QR Code and GS1-128 symbols.
//!
//! Three forms are read:
//! - bracketed, as printed under a barcode: `(01)09506000134352(17)270101(10)ABC`; a `(` inside a
//!   value is written `\(`;
//! - as a scanner delivers them: AIs and values run on, and a GS character (ASCII 29, the FNC1
//!   separator) ends every value whose length is not predefined by its AI (a GS after a
//!   predefined-length value is tolerated);
//! - the same, led by a symbology identifier: `]d2` (GS1 DataMatrix), `]Q3` (GS1 QR Code), `]C1`
//!   (GS1-128), `]e0` (GS1 DataBar), `]J1` (GS1 DotCode).
//!
//! AIs may come in any order. The same AI twice is an error only with different values.

use super::data::{Element, Gs1Data, Source};
use super::dictionary;
use super::error::Gs1Error;

/// The GS (group separator) character scanners send for FNC1.
pub const GS: char = '\u{1d}';

const SYMBOLOGY_IDS: [&str; 5] = ["]d2", "]Q3", "]C1", "]e0", "]J1"];

/// Parse element strings (any of the three forms). `reference_year` is the current year for the
/// century of two-digit years.
pub fn parse(input: &str, reference_year: i32) -> Result<Gs1Data, Gs1Error> {
    let pairs = if input.starts_with('(') {
        bracketed(input)?
    } else {
        let mut s = input;
        if s.starts_with(']') {
            let (id, after_id) = s.split_at_checked(3).unwrap_or((s, ""));
            if !SYMBOLOGY_IDS.contains(&id) {
                return Err(Gs1Error::syntax(format!(
                    "symbology identifier \"{id}\" is not one of a GS1 symbol"
                )));
            }
            s = after_id;
        }
        unbracketed(s.trim_start_matches(GS))?
    };
    let mut elements: Vec<Element> = Vec::new();
    for (ai, value) in pairs {
        match elements.iter().find(|e| e.ai == ai) {
            Some(e) if e.value == value => {} // a repeat with the same value says nothing new
            Some(_) => return Err(Gs1Error::Duplicate(ai)),
            None => elements.push(Element::new(&ai, &value)),
        }
    }
    Gs1Data::build(
        Source::ElementString,
        elements,
        None,
        None,
        Vec::new(),
        reference_year,
    )
}

fn bracketed(input: &str) -> Result<Vec<(String, String)>, Gs1Error> {
    let mut out = Vec::new();
    let mut rest = input;
    while !rest.is_empty() {
        let inner = rest
            .strip_prefix('(')
            .ok_or_else(|| Gs1Error::syntax("expected '(' before an AI"))?;
        let (ai, after) = inner
            .split_once(')')
            .ok_or_else(|| Gs1Error::syntax("unterminated bracket"))?;
        if ai.len() < 2 || ai.len() > 4 || !ai.bytes().all(|b| b.is_ascii_digit()) {
            return Err(Gs1Error::syntax(format!("({ai}) is not an AI")));
        }
        dictionary::lookup(ai).ok_or_else(|| Gs1Error::UnknownAi(ai.to_owned()))?;
        let mut value = String::new();
        let mut chars = after.char_indices().peekable();
        let mut consumed = after.len();
        while let Some((i, c)) = chars.next() {
            match c {
                '\\' if chars.peek().map(|&(_, n)| n) == Some('(') => {
                    value.push('(');
                    chars.next();
                }
                '(' => {
                    consumed = i;
                    break;
                }
                _ => value.push(c),
            }
        }
        out.push((ai.to_owned(), value));
        // `consumed` is the end of `after` or the index of a character in it.
        rest = after.get(consumed..).unwrap_or_default();
    }
    Ok(out)
}

fn unbracketed(s: &str) -> Result<Vec<(String, String)>, Gs1Error> {
    let b = s.as_bytes();
    if b.is_empty() {
        return Err(Gs1Error::syntax("no data"));
    }
    let mut out = Vec::new();
    let mut pos = 0;
    while let Some(rest) = b.get(pos..).filter(|r| !r.is_empty()) {
        let head: String = rest
            .iter()
            .take(4)
            .take_while(|c| c.is_ascii_digit())
            .map(|&c| char::from(c))
            .collect();
        if head.len() < 2 {
            return Err(Gs1Error::syntax(format!(
                "expected an AI at position {pos}"
            )));
        }
        let (ai, def) =
            dictionary::lookup_prefix(&head).ok_or_else(|| Gs1Error::UnknownAi(head.clone()))?;
        pos += ai.len();
        let value: &[u8] = match def.fixed_length().filter(|_| def.predefined_length()) {
            Some(n) => {
                let v = b
                    .get(pos..pos + n)
                    .ok_or_else(|| Gs1Error::bad(ai, format!("needs {n} characters")))?;
                pos += n;
                if b.get(pos) == Some(&(GS as u8)) {
                    pos += 1;
                }
                v
            }
            None => {
                // Up to the next separator or the end.
                let tail = b.get(pos..).unwrap_or_default();
                let v = tail.split(|&c| c == GS as u8).next().unwrap_or_default();
                pos += v.len() + 1;
                v
            }
        };
        let value = String::from_utf8(value.to_vec())
            .map_err(|_| Gs1Error::bad(ai, "not text (character set 82)"))?;
        out.push((ai.to_owned(), value));
    }
    Ok(out)
}

//! GS1 Digital Link URIs: `https://any.host/any/stem/01/09506000134352/10/ABC/21/XYZ?17=270101`.
//!
//! Rules applied (GS1 Digital Link Standard: URI Syntax; see tests/vectors/gs1/README.md):
//! - scheme `http` or `https` (any case), a host, optional port;
//! - segments before the primary key are the URI stem; the primary key is the rightmost
//!   primary-key AI in a key position of the path (the path ends in AI/value pairs);
//! - after the key, its key qualifiers in an order the key allows (for GTIN: 22, 10, 21; or 235);
//! - data attributes in the query string; non-numeric keys are extension parameters, skipped;
//!   an all-digit key must be a known AI allowed as a data attribute;
//! - every value percent-decoded (`+` is a space in the query string only) and checked;
//! - GTIN-8, -12 and -13 are left-padded to 14 digits (and check-digit verified);
//! - no AI twice; a compressed path (GS1 Digital Link compression) is decoded.

use super::compressed;
use super::data::{Element, Gs1Data, Source};
use super::dictionary;
use super::error::Gs1Error;
use super::percent;
use super::roles::{self, is_qualifier_of};

fn all_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// A GTIN written with 8, 12 or 13 digits, as 14 digits.
pub fn pad_gtin(ai: &str, value: String) -> String {
    if ai == "01" && matches!(value.len(), 8 | 12 | 13) && all_digits(&value) {
        format!("{value:0>14}")
    } else {
        value
    }
}

/// `http://` or `https://` in any case; returns what follows it.
fn strip_scheme(uri: &str) -> Option<(&str, &str)> {
    ["https://", "http://"].iter().find_map(|scheme| {
        let (head, rest) = uri.split_at_checked(scheme.len())?;
        head.eq_ignore_ascii_case(scheme).then_some((head, rest))
    })
}

fn check_authority(authority: &str) -> Result<(), Gs1Error> {
    let host_port = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    let (host, port) = host_port.split_once(':').unwrap_or((host_port, ""));
    if host.is_empty() {
        return Err(Gs1Error::syntax("no host"));
    }
    if !port.bytes().all(|b| b.is_ascii_digit()) || port.len() > 5 {
        return Err(Gs1Error::syntax("bad port"));
    }
    Ok(())
}

/// Parse a GS1 Digital Link URI. `reference_year` is the current year for the century of
/// two-digit years.
pub fn parse(uri: &str, reference_year: i32) -> Result<Gs1Data, Gs1Error> {
    percent::check_uri(uri)?;
    let before_fragment = uri.split_once('#').map_or(uri, |(b, _)| b);
    let (before_query, query) = match before_fragment.split_once('?') {
        Some((b, q)) => (b, q),
        None => (before_fragment, ""),
    };
    let (scheme, rest) =
        strip_scheme(before_query).ok_or_else(|| Gs1Error::syntax("not an http or https URI"))?;
    let (authority, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
    check_authority(authority)?;
    let segments: Vec<&str> = match path.strip_prefix('/') {
        Some(p) => p.split('/').collect(),
        None => return Err(Gs1Error::syntax("no GS1 primary key in the path")),
    };
    if segments.iter().any(|s| s.is_empty()) {
        return Err(Gs1Error::syntax("empty path segment"));
    }
    let stem = |n: usize| {
        let mut s = format!("{}{}", scheme.to_ascii_lowercase(), authority);
        for seg in segments.iter().take(n) {
            s.push('/');
            s.push_str(seg);
        }
        s
    };

    // The primary key: walk back over AI/value pairs from the end of the path.
    let mut key_at = None;
    let mut i = segments.len().checked_sub(2);
    while let Some(k) = i {
        let Some(pairs @ [seg, ..]) = segments.get(k..) else {
            break;
        };
        if !all_digits(seg) {
            break;
        }
        if dictionary::lookup(seg).is_some_and(|d| d.dl_primary_key()) {
            key_at = Some((k, pairs));
            break;
        }
        i = k.checked_sub(2);
    }

    let (mut elements, source, stem) = match key_at {
        Some((k, pairs)) => (path_elements(pairs)?, Source::DigitalLink, stem(k)),
        None => compressed_elements(&segments)
            .map(|(e, n)| (e, Source::CompressedDigitalLink, stem(n)))?,
    };
    let key_ai = elements.first().map(|e| e.ai.clone()).unwrap_or_default();
    let mut extensions = Vec::new();
    query_elements(query, &key_ai, &mut elements, &mut extensions)?;
    Gs1Data::build(
        source,
        elements,
        Some(key_ai),
        Some(stem),
        extensions,
        reference_year,
    )
}

/// The primary key, its value and the key qualifiers: `pairs` is `[key, value, ai, value, ...]`.
fn path_elements(pairs: &[&str]) -> Result<Vec<Element>, Gs1Error> {
    let mut elements: Vec<Element> = Vec::new();
    for pair in pairs.chunks(2) {
        let [ai, raw] = pair else {
            return Err(Gs1Error::syntax("the path does not end in AI/value pairs"));
        };
        dictionary::lookup(ai).ok_or_else(|| Gs1Error::UnknownAi((*ai).to_owned()))?;
        let value = pad_gtin(ai, percent::decode_value(ai, raw, false)?);
        if elements.iter().any(|e| e.ai == *ai) {
            return Err(Gs1Error::Duplicate((*ai).to_owned()));
        }
        if let Some(key) = elements.first() {
            if !is_qualifier_of(&key.ai, ai) {
                return Err(Gs1Error::Qualifier(format!(
                    "({ai}) is not a key qualifier of ({}): it belongs in the query string",
                    key.ai
                )));
            }
        }
        elements.push(Element::new(ai, &value));
    }
    let (key, qualifiers) = elements
        .split_first()
        .ok_or_else(|| Gs1Error::syntax("no GS1 primary key in the path"))?;
    let order: Vec<&str> = qualifiers.iter().map(|e| e.ai.as_str()).collect();
    roles::check_qualifier_order(&key.ai, &order)?;
    Ok(elements)
}

/// The AIs of a compressed path, fully compressed (`/AQnY...`) or after an uncompressed primary
/// key (`/01/09506000134352/EEarwSM`), in canonical order; also how many segments are stem.
fn compressed_elements(segments: &[&str]) -> Result<(Vec<Element>, usize), Gs1Error> {
    let n = segments.len();
    let last = segments.last().copied().unwrap_or_default();
    let no_key = || Gs1Error::syntax("no GS1 primary key in the path");
    if !compressed::looks_compressed(last) {
        return Err(no_key());
    }
    let partial_key = n
        .checked_sub(3)
        .and_then(|k| match segments.get(k..)? {
            [ai, raw, _] => Some((k, *ai, *raw)),
            _ => None,
        })
        .filter(|(_, ai, _)| {
            all_digits(ai) && dictionary::lookup(ai).is_some_and(|d| d.dl_primary_key())
        });
    let decoded = compressed::decode(last)
        .map_err(|why| Gs1Error::syntax(format!("no GS1 primary key in the path ({why})")))?;
    let mut elements: Vec<Element> = Vec::new();
    let stem_len = match partial_key {
        Some((k, ai, raw)) => {
            elements.push(Element::new(
                ai,
                &pad_gtin(ai, percent::decode_value(ai, raw, false)?),
            ));
            k
        }
        None => n - 1,
    };
    for (ai, v) in decoded.ais {
        elements.push(Element::new(&ai, &pad_gtin(&ai, v)));
    }
    roles::check_no_duplicates(&elements)?;
    let layout = if partial_key.is_some() {
        roles::layout_with_key(&elements, 0)?
    } else {
        roles::choose_layout(&elements)?
    };
    let order = std::iter::once(layout.key)
        .chain(layout.qualifiers)
        .chain(layout.attributes);
    let ordered = order.filter_map(|i| elements.get(i).cloned()).collect();
    Ok((ordered, stem_len))
}

/// The data attributes of the query string; other parameters go to `extensions`.
fn query_elements(
    query: &str,
    key_ai: &str,
    elements: &mut Vec<Element>,
    extensions: &mut Vec<(String, String)>,
) -> Result<(), Gs1Error> {
    for param in query.split('&') {
        let Some((raw_key, raw_value)) = param.split_once('=') else {
            continue; // empty parameters and bare words carry no AI
        };
        let key = String::from_utf8_lossy(&percent::decode(raw_key, true)?).into_owned();
        if !all_digits(&key) {
            if !key.is_empty() {
                let v = percent::decode(raw_value, true)?;
                extensions.push((key, String::from_utf8_lossy(&v).into_owned()));
            }
            continue;
        }
        let def = dictionary::lookup(&key).ok_or_else(|| Gs1Error::UnknownAi(key.clone()))?;
        let value = pad_gtin(&key, percent::decode_value(&key, raw_value, true)?);
        if elements.iter().any(|e| e.ai == key) {
            return Err(Gs1Error::Duplicate(key));
        }
        if is_qualifier_of(key_ai, &key) {
            return Err(Gs1Error::Qualifier(format!(
                "({key}) is a key qualifier of ({key_ai}): it belongs in the path"
            )));
        }
        if !def.dl_attribute() {
            return Err(Gs1Error::Qualifier(format!(
                "({key}) is not allowed as a Digital Link data attribute"
            )));
        }
        elements.push(Element::new(&key, &value));
    }
    Ok(())
}

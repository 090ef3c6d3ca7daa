//! Writing AIs back out: canonical GS1 Digital Link URIs (for QR codes) and element strings.

use super::data::{Element, Gs1Data};
use super::dictionary;
use super::digital_link::{self, pad_gtin};
use super::element_string::{self, GS};
use super::error::Gs1Error;
use super::percent;
use super::roles;

/// The GS1 resolver, the default URI stem.
pub const GS1_RESOLVER: &str = "https://id.gs1.org";

/// Build the canonical GS1 Digital Link URI for `elements` under `stem` (scheme, host and any
/// path prefix; [`GS1_RESOLVER`] when `None`): the primary key and its key qualifiers in the
/// path in the standard's order, every other AI as a data attribute in the given order, each
/// value percent-encoded. The result is parsed back before it is returned, so it always is a
/// valid Digital Link for these AIs (`reference_year` decides the century of two-digit years).
pub fn digital_link(
    elements: &[Element],
    stem: Option<&str>,
    reference_year: i32,
) -> Result<String, Gs1Error> {
    let elements: Vec<Element> = elements
        .iter()
        .map(|e| Element::new(&e.ai, &pad_gtin(&e.ai, e.value.clone())))
        .collect();
    for e in &elements {
        dictionary::lookup(&e.ai).ok_or_else(|| Gs1Error::UnknownAi(e.ai.clone()))?;
    }
    roles::check_no_duplicates(&elements)?;
    let layout = roles::choose_layout(&elements)?;
    let mut uri = stem
        .unwrap_or(GS1_RESOLVER)
        .trim_end_matches('/')
        .to_owned();
    for i in std::iter::once(layout.key).chain(layout.qualifiers) {
        if let Some(e) = elements.get(i) {
            uri.push_str(&format!("/{}/{}", e.ai, percent::encode(&e.value)));
        }
    }
    for (n, i) in layout.attributes.iter().enumerate() {
        if let Some(e) = elements.get(*i) {
            let sep = if n == 0 { '?' } else { '&' };
            uri.push_str(&format!("{sep}{}={}", e.ai, percent::encode(&e.value)));
        }
    }
    digital_link::parse(&uri, reference_year)?;
    Ok(uri)
}

/// How to write element strings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ElementForm {
    /// `(01)09506000134352(10)ABC`, with `(` in values written `\(`.
    Bracketed,
    /// `010950600013435210ABC` as scanners deliver them: values run on, a GS ends each value whose length is not
    /// predefined (except the last).
    Unbracketed,
}

/// Write `elements` as element strings (checked by parsing them back).
pub fn element_string(
    elements: &[Element],
    form: ElementForm,
    reference_year: i32,
) -> Result<String, Gs1Error> {
    let mut out = String::new();
    for (n, e) in elements.iter().enumerate() {
        let def = dictionary::lookup(&e.ai).ok_or_else(|| Gs1Error::UnknownAi(e.ai.clone()))?;
        match form {
            ElementForm::Bracketed => {
                out.push_str(&format!("({}){}", e.ai, e.value.replace('(', "\\(")));
            }
            ElementForm::Unbracketed => {
                out.push_str(&e.ai);
                out.push_str(&e.value);
                if !def.predefined_length() && n + 1 < elements.len() {
                    out.push(GS);
                }
            }
        }
    }
    element_string::parse(&out, reference_year)?;
    Ok(out)
}

/// The canonical Digital Link of already parsed data, under its own URI stem (or the GS1
/// resolver for element strings).
pub fn canonical_link(data: &Gs1Data, reference_year: i32) -> Result<String, Gs1Error> {
    digital_link(&data.elements, data.uri_stem.as_deref(), reference_year)
}

//! The roles AIs play in a GS1 Digital Link URI: one primary key, its key qualifiers (in the
//! path, in a sequence the key allows), and data attributes (in the query string).

use super::data::Element;
use super::dictionary;
use super::error::Gs1Error;

/// Which element is the primary key, which are its qualifiers (in path order) and which are
/// data attributes (in their given order). Indices point into the element list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Layout {
    /// The primary key.
    pub key: usize,
    /// The key qualifiers, in the order the key's qualifier sequence gives them.
    pub qualifiers: Vec<usize>,
    /// The data attributes.
    pub attributes: Vec<usize>,
}

/// Whether `ai` is one of the key qualifiers `key_ai` allows.
pub fn is_qualifier_of(key_ai: &str, ai: &str) -> bool {
    dictionary::lookup(key_ai).is_some_and(|d| {
        d.dl_qualifier_sequences()
            .iter()
            .any(|seq| seq.contains(&ai))
    })
}

/// Check that `qualifiers` (in the order given) follow one of the sequences `key_ai` allows.
pub fn check_qualifier_order(key_ai: &str, qualifiers: &[&str]) -> Result<(), Gs1Error> {
    let sequences =
        dictionary::lookup(key_ai).map_or_else(Vec::new, |d| d.dl_qualifier_sequences());
    let fits = |seq: &Vec<&str>| {
        let mut positions = qualifiers.iter().map(|q| seq.iter().position(|s| s == q));
        let mut last = None;
        positions.all(|p| match p {
            Some(p) if last.is_none_or(|l| p > l) => {
                last = Some(p);
                true
            }
            _ => false,
        })
    };
    if qualifiers.is_empty() || sequences.iter().any(fits) {
        Ok(())
    } else {
        let allowed: Vec<String> = sequences.iter().map(|s| s.join("/")).collect();
        Err(Gs1Error::Order(format!(
            "({}) allows the key qualifiers {} in that order; got {}",
            key_ai,
            allowed.join(" or "),
            qualifiers.join("/")
        )))
    }
}

/// The layout with `elements[key]` as the primary key: every other element must be one of its
/// key qualifiers or an AI allowed as a data attribute.
pub fn layout_with_key(elements: &[Element], key: usize) -> Result<Layout, Gs1Error> {
    let key_ai = elements
        .get(key)
        .map(|e| e.ai.as_str())
        .ok_or_else(|| Gs1Error::syntax("no GS1 primary key"))?;
    if !dictionary::lookup(key_ai).is_some_and(|d| d.dl_primary_key()) {
        return Err(Gs1Error::syntax(format!(
            "({key_ai}) is not a GS1 Digital Link primary key"
        )));
    }
    let (mut qualifiers, mut attributes) = (Vec::new(), Vec::new());
    for (i, e) in elements.iter().enumerate().filter(|(i, _)| *i != key) {
        if is_qualifier_of(key_ai, &e.ai) {
            qualifiers.push(i);
        } else if dictionary::lookup(&e.ai).is_some_and(|d| d.dl_attribute()) {
            attributes.push(i);
        } else {
            return Err(Gs1Error::Qualifier(format!(
                "({}) is neither a key qualifier of ({key_ai}) nor allowed as a data attribute",
                e.ai
            )));
        }
    }
    // Qualifiers go in the order of the sequence that holds them all.
    let seqs = dictionary::lookup(key_ai).map_or_else(Vec::new, |d| d.dl_qualifier_sequences());
    let ai_of = |i: usize| elements.get(i).map_or("", |e| e.ai.as_str());
    if let Some(seq) = seqs
        .iter()
        .find(|s| qualifiers.iter().all(|&q| s.contains(&ai_of(q))))
    {
        qualifiers = seq
            .iter()
            .filter_map(|ai| qualifiers.iter().copied().find(|&q| ai_of(q) == *ai))
            .collect();
    }
    let ordered: Vec<&str> = qualifiers.iter().map(|&q| ai_of(q)).collect();
    check_qualifier_order(key_ai, &ordered)?;
    Ok(Layout {
        key,
        qualifiers,
        attributes,
    })
}

/// The layout of AIs whose roles nobody wrote down (a compressed URI, or AIs to build a URI from):
/// the first primary-key AI that gives every other AI a valid role.
pub fn choose_layout(elements: &[Element]) -> Result<Layout, Gs1Error> {
    let mut first_error = None;
    for (i, e) in elements.iter().enumerate() {
        if dictionary::lookup(&e.ai).is_some_and(|d| d.dl_primary_key()) {
            match layout_with_key(elements, i) {
                Ok(layout) => return Ok(layout),
                Err(err) => {
                    first_error.get_or_insert(err);
                }
            }
        }
    }
    Err(first_error.unwrap_or_else(|| Gs1Error::syntax("no GS1 primary key among the AIs")))
}

/// Reject an AI that appears twice.
pub fn check_no_duplicates(elements: &[Element]) -> Result<(), Gs1Error> {
    for (i, e) in elements.iter().enumerate() {
        if elements.iter().take(i).any(|o| o.ai == e.ai) {
            return Err(Gs1Error::Duplicate(e.ai.clone()));
        }
    }
    Ok(())
}

//! What a parsed barcode says: the AIs in order, and the fields a medicine check needs.

use std::collections::BTreeMap;

use serde::Serialize;

use super::dictionary::{self, matches_pattern};
use super::error::Gs1Error;
use super::format;
use crate::verify::date::CalendarDate;

/// Where the data came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    /// An uncompressed GS1 Digital Link URI.
    DigitalLink,
    /// A GS1 Digital Link URI whose path is (fully or partly) compressed.
    CompressedDigitalLink,
    /// GS1 element strings (bracketed, or as a scanner delivers them).
    ElementString,
}

/// One Application Identifier and its value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Element {
    /// The AI, such as `01` or `3103`.
    pub ai: String,
    /// The value, percent-decoded; a GTIN always has 14 digits.
    pub value: String,
    /// The AI's short title, such as `USE BY or EXPIRY`.
    pub title: &'static str,
}

impl Element {
    /// An element for a known AI (the title is looked up; empty for an unknown AI).
    pub fn new(ai: &str, value: &str) -> Self {
        Element {
            ai: ai.to_owned(),
            value: value.to_owned(),
            title: dictionary::lookup(ai).map_or("", |d| d.title()),
        }
    }
}

/// Everything a GS1 barcode says, checked against the GS1 rules.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Gs1Data {
    /// Where the data came from.
    pub source: Source,
    /// Every AI with its value, in order: for a Digital Link URI the primary key, its key
    /// qualifiers, then the data attributes of the query string.
    pub elements: Vec<Element>,
    /// The AI of the Digital Link primary key (for element strings: of the first key present).
    pub primary_key: Option<String>,
    /// For a Digital Link URI: scheme, host and any path before the primary key.
    pub uri_stem: Option<String>,
    /// Query parameters that are not AIs (such as `linkType`), in order.
    pub extensions: Vec<(String, String)>,
    /// GTIN (01), 14 digits.
    pub gtin: Option<String>,
    /// Batch or lot number (10).
    pub lot: Option<String>,
    /// Serial number (21).
    pub serial: Option<String>,
    /// Consumer product variant (22).
    pub cpv: Option<String>,
    /// Expiry or use-by date (17).
    pub expiry: Option<CalendarDate>,
    /// Best-before date (15).
    pub best_before: Option<CalendarDate>,
    /// Production date (11).
    pub production_date: Option<CalendarDate>,
    /// The date of every AI whose value starts with a date (11, 13, 15, 16, 17, 7003, 7006, ...).
    pub dates: BTreeMap<String, CalendarDate>,
}

impl Gs1Data {
    /// The value of `ai`, if present.
    pub fn get(&self, ai: &str) -> Option<&str> {
        self.elements
            .iter()
            .find(|e| e.ai == ai)
            .map(|e| e.value.as_str())
    }

    /// Check every value's format, the pairing rules, and fill in the typed fields.
    pub(crate) fn build(
        source: Source,
        elements: Vec<Element>,
        primary_key: Option<String>,
        uri_stem: Option<String>,
        extensions: Vec<(String, String)>,
        reference_year: i32,
    ) -> Result<Gs1Data, Gs1Error> {
        let mut dates = BTreeMap::new();
        for e in &elements {
            let def = dictionary::lookup(&e.ai).ok_or_else(|| Gs1Error::UnknownAi(e.ai.clone()))?;
            format::validate(&e.ai, def, &e.value, reference_year)?;
            if let Some(date) = format::leading_date(def, &e.value, reference_year) {
                dates.insert(e.ai.clone(), date);
            }
        }
        check_associations(&elements)?;
        let text = |ai: &str| {
            elements
                .iter()
                .find(|e| e.ai == ai)
                .map(|e| e.value.clone())
        };
        let primary_key = primary_key.or_else(|| {
            elements
                .iter()
                .find(|e| dictionary::lookup(&e.ai).is_some_and(|d| d.dl_primary_key()))
                .map(|e| e.ai.clone())
        });
        Ok(Gs1Data {
            source,
            gtin: text("01"),
            lot: text("10"),
            serial: text("21"),
            cpv: text("22"),
            expiry: dates.get("17").copied(),
            best_before: dates.get("15").copied(),
            production_date: dates.get("11").copied(),
            dates,
            elements,
            primary_key,
            uri_stem,
            extensions,
        })
    }
}

/// The pairing rules of General Specifications section 4.14: every `req=` of every AI present is
/// met by the other AIs, and no `ex=` pattern of an AI matches another AI present.
pub fn check_associations(elements: &[Element]) -> Result<(), Gs1Error> {
    let present = |pattern: &str| elements.iter().any(|e| matches_pattern(&e.ai, pattern));
    for e in elements {
        let Some(def) = dictionary::lookup(&e.ai) else {
            continue;
        };
        for alternatives in def.requirements() {
            if !alternatives
                .iter()
                .any(|all| all.iter().all(|p| present(p)))
            {
                let wanted: Vec<String> = alternatives.iter().map(|a| a.join("+")).collect();
                return Err(Gs1Error::Association(format!(
                    "({}) needs one of ({}) beside it",
                    e.ai,
                    wanted.join(", ")
                )));
            }
        }
        for pattern in def.exclusions() {
            if let Some(other) = elements
                .iter()
                .find(|o| o.ai != e.ai && matches_pattern(&o.ai, pattern))
            {
                return Err(Gs1Error::Association(format!(
                    "({}) may not be combined with ({})",
                    e.ai, other.ai
                )));
            }
        }
    }
    Ok(())
}

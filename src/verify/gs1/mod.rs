//! What a medicine pack's barcode says: GS1 Digital Link URIs (QR codes) and GS1 element strings
//! (GS1 DataMatrix, GS1-128), parsed into Application Identifiers and checked against the GS1
//! rules (formats, check digits, dates, key qualifiers, AI pairings).
//!
//! ```
//! use medproof::verify::{date::CalendarDate, gs1};
//! let today = CalendarDate::new(2026, 3, 1).unwrap();
//! let pack = gs1::parse("https://id.gs1.org/01/09506000134352/10/ABC/21/XYZ?17=270100", today)?;
//! assert_eq!(pack.gtin.as_deref(), Some("09506000134352"));
//! assert_eq!(pack.expiry.unwrap().to_string(), "2027-01-31"); // day 00: end of month
//! let scanned = gs1::parse("]d2010950600013435217270100\u{1d}10ABC\u{1d}21XYZ", today)?;
//! assert_eq!(scanned.serial, pack.serial);
//! # Ok::<(), medproof::verify::gs1::Gs1Error>(())
//! ```

pub mod build;
pub mod check_digit;
mod compressed;
mod data;
pub mod dictionary;
pub mod digital_link;
pub mod element_string;
mod error;
pub mod format;
mod percent;
mod roles;

pub use build::{
    canonical_link, digital_link as build_digital_link, element_string as build_element_string,
    ElementForm,
};
pub use data::{check_associations, Element, Gs1Data, Source};
pub use error::Gs1Error;

use crate::verify::date::CalendarDate;

/// Parse a GS1 Digital Link URI (it starts with `http://` or `https://`, in any case) or GS1
/// element strings (bracketed, or as a scanner delivers them). Two-digit years are placed in a
/// century by the GS1 rule relative to `reference`'s year (pass today's date).
/// Surrounding whitespace (a scanner's trailing newline) is ignored.
pub fn parse(input: &str, reference: CalendarDate) -> Result<Gs1Data, Gs1Error> {
    let input = input.trim_matches(|c: char| c == ' ' || c == '\t' || c == '\r' || c == '\n');
    let year = reference.year();
    let head = input.get(..8).unwrap_or(input).to_ascii_lowercase();
    if head.starts_with("http://") || head.starts_with("https://") {
        digital_link::parse(input, year)
    } else if input.starts_with(['(', ']', element_string::GS])
        || input.starts_with(|c: char| c.is_ascii_digit())
    {
        element_string::parse(input, year)
    } else {
        Err(Gs1Error::Syntax(
            "neither a GS1 Digital Link URI (http or https) nor GS1 element strings".into(),
        ))
    }
}

//! Why a GS1 Digital Link URI or element string was rejected.

use crate::error::Coded;

/// A rejected GS1 input. Each variant is one category of the GS1 syntax rules; the code is
/// `gs1.<category>`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Gs1Error {
    /// The URI or element string is malformed: no http(s) scheme or host, no primary key, an
    /// empty path segment, a character not allowed raw in a URI, a broken percent-escape, an
    /// unterminated bracket, an undecodable compressed URI.
    #[error("malformed GS1 data: {0}")]
    Syntax(String),
    /// A mod-10 check digit is wrong (GS1 General Specifications section 7.9).
    #[error("AI ({ai}): wrong check digit in {value}")]
    CheckDigit {
        /// The AI whose value has the wrong check digit.
        ai: String,
        /// The value as given.
        value: String,
    },
    /// An all-digit key that is not a GS1 Application Identifier.
    #[error("({0}) is not a GS1 Application Identifier")]
    UnknownAi(String),
    /// A known AI whose value breaks the AI's format.
    #[error("AI ({ai}): {reason}")]
    BadValue {
        /// The AI.
        ai: String,
        /// What is wrong with the value.
        reason: String,
    },
    /// Key qualifiers in the path are not in an order the primary key allows.
    #[error("key qualifiers out of order: {0}")]
    Order(String),
    /// A path element that is not a key qualifier of the primary key, or a key qualifier (or an
    /// AI not allowed as a data attribute) in the query string.
    #[error("misplaced AI: {0}")]
    Qualifier(String),
    /// The same AI appears twice (in element strings: twice with different values).
    #[error("AI ({0}) appears more than once")]
    Duplicate(String),
    /// A mandatory partner AI is missing, or two AIs that may not be combined are present.
    #[error("invalid combination of AIs: {0}")]
    Association(String),
}

impl Gs1Error {
    /// The category name (the part of the code after `gs1.`).
    pub fn category(&self) -> &'static str {
        self.code().trim_start_matches("gs1.")
    }

    pub(crate) fn bad(ai: &str, reason: impl Into<String>) -> Self {
        Gs1Error::BadValue {
            ai: ai.to_owned(),
            reason: reason.into(),
        }
    }

    pub(crate) fn syntax(reason: impl Into<String>) -> Self {
        Gs1Error::Syntax(reason.into())
    }
}

impl Coded for Gs1Error {
    fn code(&self) -> &'static str {
        match self {
            Gs1Error::Syntax(_) => "gs1.syntax",
            Gs1Error::CheckDigit { .. } => "gs1.check_digit",
            Gs1Error::UnknownAi(_) => "gs1.unknown_ai",
            Gs1Error::BadValue { .. } => "gs1.bad_value",
            Gs1Error::Order(_) => "gs1.order",
            Gs1Error::Qualifier(_) => "gs1.qualifier",
            Gs1Error::Duplicate(_) => "gs1.duplicate",
            Gs1Error::Association(_) => "gs1.association",
        }
    }
}

//! The error of the `verify` area: one variant per building block, each with its own codes.

use super::date::DateError;
use super::gs1::Gs1Error;
use crate::error::Coded;

/// Any error from [`crate::verify`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum VerifyError {
    /// GS1 Digital Link URIs and element strings (`gs1.*`).
    #[error(transparent)]
    Gs1(#[from] Gs1Error),
    /// Dates and instants given by the caller (`date.*`).
    #[error(transparent)]
    Date(#[from] DateError),
}

impl Coded for VerifyError {
    fn code(&self) -> &'static str {
        match self {
            VerifyError::Gs1(e) => e.code(),
            VerifyError::Date(e) => e.code(),
        }
    }
}

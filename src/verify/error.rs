//! The error of the `verify` area: one variant per building block, each with its own codes.

use super::bundle::BundleError;
use super::credential::CredentialError;
use super::date::DateError;
use super::gs1::Gs1Error;
use super::status_list::StatusListError;
use crate::error::Coded;

/// Any error from [`crate::verify`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum VerifyError {
    /// GS1 Digital Link URIs and element strings (`gs1.*`).
    #[error(transparent)]
    Gs1(#[from] Gs1Error),
    /// Verifiable Credentials and their Data Integrity proofs (`credential.*`).
    #[error(transparent)]
    Credential(#[from] CredentialError),
    /// Bitstring Status Lists (`status_list.*`).
    #[error(transparent)]
    StatusList(#[from] StatusListError),
    /// Dates and instants given by the caller (`date.*`).
    #[error(transparent)]
    Date(#[from] DateError),
    /// Proof bundles and trust objects (`bundle.*`).
    #[error(transparent)]
    Bundle(#[from] BundleError),
}

impl Coded for VerifyError {
    fn code(&self) -> &'static str {
        match self {
            VerifyError::Gs1(e) => e.code(),
            VerifyError::Credential(e) => e.code(),
            VerifyError::StatusList(e) => e.code(),
            VerifyError::Date(e) => e.code(),
            VerifyError::Bundle(e) => e.code(),
        }
    }
}

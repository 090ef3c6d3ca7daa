//! W3C Verifiable Credentials 2.0 secured with Data Integrity `eddsa-jcs-2022` proofs: a
//! hospital's licence for a nurse, a regulator's authorisation of a manufacturer.
//!
//! - [`proof`]: create and verify the proof, with every intermediate value in a [`ProofTrace`].
//! - [`checks`]: the credential checks around it (VC context and type, issuer bound to the
//!   signing key, validity period at a given "now"), gathered in a [`Report`](crate::verify::Report).
//! - [`multikey`]: issuer secret keys as Multikey `secretKeyMultibase` strings.
//!
//! The verification method must be a `did:key` (resolved locally, no network); the issuer must be
//! that DID. A credential whose issuer is a web URL can have a valid proof ([`proof::verify`])
//! yet fail [`checks::verify_credential`] with `credential.issuer_mismatch`: nothing ties the URL
//! to the key.

pub mod checks;
mod error;
pub mod multikey;
pub mod proof;

pub use checks::{
    check_credential, check_credential_json, issuer, verify_credential, CredentialCheck,
    STATUS_NOT_CHECKED, VC_V2_CONTEXT,
};
pub use error::CredentialError;
pub use proof::{sign, trace, verify as verify_proof, ProofTrace};

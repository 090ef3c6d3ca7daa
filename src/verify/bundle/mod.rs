//! Proof bundles (`medproof-bundle/1`, docs/bundle-format.md): parsing the JSON and compact
//! forms and the trust object, and verifying a bundle from the trusted checkpoint into a
//! [`VerifiedBundle`] holding only what was proven.

pub mod base45;
mod error;
pub mod format;
pub mod verify;

pub use error::BundleError;
pub use format::{decode_compact, encode_compact, Bundle, BundleTx, StateProof, Trust};
pub use verify::{verify_bundle, RejectedTx, TrustedTx, VerifiedBundle};

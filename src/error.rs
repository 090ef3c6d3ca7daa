//! Typed errors with stable string codes.
//!
//! Every error in medproof has a machine-readable code such as `merkle.root_mismatch` that never
//! changes between releases, and a human-readable message that may. JavaScript sees both, as an
//! `Error` whose `code` property holds the code.

use crate::crypto::{
    chunk_root::ChunkRootError, did_key::DidKeyError, ed25519::Ed25519Error, encoding::InputError,
    jcs::JcsError, keybox::KeyboxError, merkle::MerkleError,
};
use crate::ledger::error::LedgerError;
use crate::light::LightError;
use crate::verify::VerifyError;

/// Anything that has a stable machine-readable error code.
pub trait Coded {
    /// The stable code, `area.reason` in snake case (for example `ed25519.bad_signature`).
    fn code(&self) -> &'static str;
}

/// The crate-wide error: one variant per area, each carrying that area's typed error.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// Malformed input encodings (hex, base64, lengths).
    #[error(transparent)]
    Input(#[from] InputError),
    /// Ed25519 keys and signatures.
    #[error(transparent)]
    Ed25519(#[from] Ed25519Error),
    /// Merkle trees and proofs.
    #[error(transparent)]
    Merkle(#[from] MerkleError),
    /// Chunked roots of large files (`chunk_root.*`).
    #[error(transparent)]
    ChunkRoot(#[from] ChunkRootError),
    /// JSON canonicalization (RFC 8785).
    #[error(transparent)]
    Jcs(#[from] JcsError),
    /// did:key identifiers.
    #[error(transparent)]
    DidKey(#[from] DidKeyError),
    /// Passphrase-protected key export.
    #[error(transparent)]
    Keybox(#[from] KeyboxError),
    /// The CometBFT light client.
    #[error(transparent)]
    Light(#[from] LightError),
    /// Ledger transactions (`ledger.*`) and state proofs (`state.*`).
    #[error(transparent)]
    Ledger(#[from] LedgerError),
    /// The verifiers: GS1 barcodes, credentials, status lists (`gs1.*`, `credential.*`,
    /// `status_list.*`, `date.*`).
    #[error(transparent)]
    Verify(#[from] VerifyError),
}

impl Coded for Error {
    fn code(&self) -> &'static str {
        match self {
            Error::Input(e) => e.code(),
            Error::Ed25519(e) => e.code(),
            Error::Merkle(e) => e.code(),
            Error::ChunkRoot(e) => e.code(),
            Error::Jcs(e) => e.code(),
            Error::DidKey(e) => e.code(),
            Error::Keybox(e) => e.code(),
            Error::Light(e) => e.code(),
            Error::Ledger(e) => e.code(),
            Error::Verify(e) => e.code(),
        }
    }
}

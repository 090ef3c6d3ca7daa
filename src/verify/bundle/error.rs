//! Errors of proof bundles (`bundle.*`).

use crate::error::Coded;

/// Why a bundle or a trust object could not be read or verified.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum BundleError {
    /// The bundle is not JSON of the `medproof-bundle/1` shape.
    #[error("malformed bundle: {0}")]
    Malformed(String),
    /// The compact form (`MP1:` Base45 zlib) does not decode.
    #[error("bad compact bundle: {0}")]
    BadCompact(String),
    /// The trust object is not of the documented shape.
    #[error("malformed trust: {0}")]
    BadTrust(String),
    /// The bundle is for another chain than the trusted checkpoint.
    #[error("the bundle is for chain {bundle:?}, the checkpoint for {trusted:?}")]
    ChainMismatch {
        /// The bundle's chain.
        bundle: String,
        /// The checkpoint's chain.
        trusted: String,
    },
    /// The checkpoint's light block does not hash to the trusted header hash (or its height or
    /// chain id differ).
    #[error("checkpoint: {0}")]
    CheckpointMismatch(String),
    /// A light block did not verify from the previous one.
    #[error("light block at height {height}: {code}: {message}")]
    LightFailed {
        /// The height that failed.
        height: i64,
        /// The light client's reason code.
        code: String,
        /// Its message.
        message: String,
    },
    /// A skip was too far for the trusted validators (a bisection step is missing).
    #[error("light block at height {0}: not enough of the trusted validators signed it")]
    LightNotEnoughTrust(i64),
    /// The header the state proofs need (`state.height + 1`) is not verified.
    #[error("the header at height {0} (state height + 1) is not among the verified light blocks")]
    StateHeaderMissing(i64),
    /// A state proof does not verify against the app hash.
    #[error("state proof for {key}: {code}: {message}")]
    StateProof {
        /// The key.
        key: String,
        /// The proof verifier's code (`state.*`).
        code: String,
        /// Its message.
        message: String,
    },
    /// The state is older than transactions the bundle itself shows.
    #[error("the state (height {state}) is older than a transaction at height {tx}")]
    StateOlderThanTxs {
        /// The state height.
        state: i64,
        /// The transaction's height.
        tx: i64,
    },
    /// The bundle verifies headers newer than the state's: the state must be as of the newest
    /// header the bundle shows (else an older state could hide what happened since).
    #[error("the state is from height {state}, the bundle verifies height {newest}: state must be as of the newest header")]
    StateNotLatest {
        /// The state height.
        state: i64,
        /// The newest verified height.
        newest: i64,
    },
    /// A key the verdict needs is not proven (present or absent) in the bundle.
    #[error("no proof in the bundle for state key {0}")]
    MissingState(String),
    /// A proven value does not parse as the ledger's value for its key.
    #[error("the proven value of {0} does not parse")]
    BadStateValue(String),
    /// The chain's genesis regulator is not the trusted regulator.
    #[error("the chain's regulator {chain} is not the trusted regulator {trusted}")]
    RegulatorMismatch {
        /// From `meta/genesis`.
        chain: String,
        /// From the trust object.
        trusted: String,
    },
    /// The time of verification is not an RFC 3339 instant.
    #[error("bad time of verification: {0}")]
    BadNow(String),
}

impl Coded for BundleError {
    fn code(&self) -> &'static str {
        match self {
            BundleError::Malformed(_) => "bundle.malformed",
            BundleError::BadCompact(_) => "bundle.bad_compact",
            BundleError::BadTrust(_) => "bundle.bad_trust",
            BundleError::ChainMismatch { .. } => "bundle.chain_mismatch",
            BundleError::CheckpointMismatch(_) => "bundle.checkpoint_mismatch",
            BundleError::LightFailed { .. } => "bundle.light_failed",
            BundleError::LightNotEnoughTrust(_) => "bundle.light_not_enough_trust",
            BundleError::StateHeaderMissing(_) => "bundle.state_header_missing",
            BundleError::StateProof { .. } => "bundle.state_proof",
            BundleError::StateOlderThanTxs { .. } => "bundle.state_older_than_txs",
            BundleError::StateNotLatest { .. } => "bundle.state_not_latest",
            BundleError::MissingState(_) => "bundle.missing_state",
            BundleError::BadStateValue(_) => "bundle.bad_state_value",
            BundleError::RegulatorMismatch { .. } => "bundle.regulator_mismatch",
            BundleError::BadNow(_) => "bundle.bad_now",
        }
    }
}

//! Errors of the light client's inputs and drivers (not verdicts: see [`super::verdict`]).
//!
//! A [`Verdict`](super::Verdict) judges a well-formed untrusted block; a [`LightError`] says the
//! inputs could not be judged at all (malformed JSON, bad options, a provider that failed) or that
//! a multi-step run ended on a block that did not verify.

use crate::error::Coded;

use super::verdict::Reason;

/// What went wrong before or around a verdict.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum LightError {
    /// JSON that is not a CometBFT shape this module reads.
    #[error("malformed light-client JSON: {0}")]
    BadJson(String),
    /// A JSON-RPC response carrying an error instead of a result.
    #[error("the RPC endpoint answered with an error: {0}")]
    RpcError(String),
    /// A time that is not RFC 3339 or is outside years 1..9999.
    #[error("invalid time: {0}")]
    BadTime(String),
    /// Verification options out of their allowed ranges.
    #[error("invalid light-client options: {0}")]
    BadOptions(String),
    /// A trusted state whose next validator set does not hash to its header's
    /// `next_validators_hash`, or that lacks that set.
    #[error("the trusted state's next validator set is missing or does not match its header")]
    BadTrustedState,
    /// A light block without the next validator set the next verification step needs.
    #[error("light block at height {0} has no next validator set")]
    MissingNextValidators(i64),
    /// The target height is not above the trusted height.
    #[error("target height {target} is not above the trusted height {trusted}")]
    TargetNotAboveTrusted {
        /// The trusted height.
        trusted: i64,
        /// The requested height.
        target: i64,
    },
    /// The provider returned a block for another height than asked.
    #[error("asked for height {asked}, the provider returned height {got}")]
    WrongHeight {
        /// The height asked for.
        asked: i64,
        /// The height returned.
        got: i64,
    },
    /// The provider could not supply a block.
    #[error("the light-block provider failed at height {height}: {message}")]
    Provider {
        /// The height asked for.
        height: i64,
        /// The provider's explanation.
        message: String,
    },
    /// A block on the way to the target did not verify.
    #[error("light block at height {height} is invalid: {reason}")]
    Invalid {
        /// The height of the refused block.
        height: i64,
        /// Why it was refused.
        reason: Reason,
    },
    /// A driver was used in a state that does not allow the call.
    #[error("the light client is not expecting that now: {0}")]
    BadState(&'static str),
    /// A height whose header has not been verified (a transaction proof needs one).
    #[error("height {0} has not been verified")]
    HeightNotVerified(i64),
    /// A transaction proof that does not hold.
    #[error("transaction proof does not hold: {0}")]
    BadTxProof(String),
    /// A transaction result proof that does not hold.
    #[error("transaction result proof does not hold: {0}")]
    BadResultProof(String),
}

impl Coded for LightError {
    fn code(&self) -> &'static str {
        match self {
            LightError::BadJson(_) => "light.bad_json",
            LightError::RpcError(_) => "light.rpc_error",
            LightError::BadTime(_) => "light.bad_time",
            LightError::BadOptions(_) => "light.bad_options",
            LightError::BadTrustedState => "light.bad_trusted_state",
            LightError::MissingNextValidators(_) => "light.missing_next_validators",
            LightError::TargetNotAboveTrusted { .. } => "light.target_not_above_trusted",
            LightError::WrongHeight { .. } => "light.wrong_height",
            LightError::Provider { .. } => "light.provider_failed",
            // The reason's own code: a refused block says exactly why.
            LightError::Invalid { reason, .. } => reason.code(),
            LightError::BadState(_) => "light.bad_state",
            LightError::HeightNotVerified(_) => "light.height_not_verified",
            LightError::BadTxProof(_) => "light.bad_tx_proof",
            LightError::BadResultProof(_) => "light.bad_result_proof",
        }
    }
}

impl From<serde_json::Error> for LightError {
    fn from(e: serde_json::Error) -> Self {
        LightError::BadJson(e.to_string())
    }
}

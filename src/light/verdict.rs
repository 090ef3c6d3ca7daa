//! The outcome of verifying one light block against a trusted state.

use crate::error::Coded;

use super::options::TrustThreshold;
use super::time::Time;

/// The verifier's judgement of an untrusted light block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// The block is verified: it may become the new trusted state.
    Success,
    /// The block may be fine, but too little of the trusted validators' power signed it to
    /// skip to it directly: verify an intermediate height first (bisection).
    NotEnoughTrust {
        /// Power of the trusted next validators that signed the block.
        tallied: u64,
        /// Total power of the trusted next validators.
        total: u64,
        /// The trust level that `tallied / total` had to exceed.
        trust_threshold: TrustThreshold,
    },
    /// The block is invalid, for the reason given.
    Invalid(Reason),
}

impl Verdict {
    /// `"success"`, `"not_enough_trust"` or `"invalid"`.
    pub fn class(&self) -> &'static str {
        match self {
            Verdict::Success => "success",
            Verdict::NotEnoughTrust { .. } => "not_enough_trust",
            Verdict::Invalid(_) => "invalid",
        }
    }
}

/// Why a light block is invalid. Each reason has a stable code (`light.<reason>`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Reason {
    /// The untrusted header is for another chain.
    #[error("chain ID {untrusted:?} differs from the trusted {trusted:?}")]
    ChainIdMismatch {
        /// The trusted chain ID.
        trusted: String,
        /// The untrusted header's.
        untrusted: String,
    },
    /// The header's time is beyond the verifier's clock plus the allowed drift.
    #[error("header time {header_time} is after now ({now}) plus the allowed clock drift")]
    HeaderFromFuture {
        /// The header's time.
        header_time: Time,
        /// The verifier's time.
        now: Time,
    },
    /// The trusted header is older than the trusting period.
    #[error("the trusted header expired at {expired_at} (now {now})")]
    TrustExpired {
        /// When trust ended.
        expired_at: Time,
        /// The verifier's time.
        now: Time,
    },
    /// The untrusted header is not later than the trusted one.
    #[error("header time {untrusted} is not after the trusted header's {trusted}")]
    NonMonotonicTime {
        /// The trusted header's time.
        trusted: Time,
        /// The untrusted header's time.
        untrusted: Time,
    },
    /// The untrusted header is not above the trusted height.
    #[error("height {untrusted} is not above the trusted height {trusted}")]
    NonIncreasingHeight {
        /// The trusted height.
        trusted: i64,
        /// The untrusted height.
        untrusted: i64,
    },
    /// The given validator set does not hash to the header's `validators_hash`.
    #[error("the validator set does not match the header's validators_hash")]
    ValidatorsHashMismatch,
    /// The given next validator set does not hash to the header's `next_validators_hash`.
    #[error("the next validator set does not match the header's next_validators_hash")]
    NextValidatorsHashMismatch,
    /// An adjacent header whose validators are not the trusted header's next validators.
    #[error("the header's validators_hash differs from the trusted next_validators_hash")]
    AdjacentValidatorsMismatch,
    /// The commit is for another height than the header.
    #[error("commit height {commit} differs from header height {header}")]
    CommitHeightMismatch {
        /// The header's height.
        header: i64,
        /// The commit's height.
        commit: i64,
    },
    /// The commit signs another block than this header.
    #[error("the commit's block ID is not this header's hash")]
    CommitBlockIdMismatch,
    /// A header field that CometBFT's `ValidateBasic` refuses.
    #[error("malformed header: {0}")]
    MalformedHeader(&'static str),
    /// A commit that CometBFT's `ValidateBasic` refuses (round, block ID).
    #[error("malformed commit: {0}")]
    MalformedCommit(&'static str),
    /// A commit signature with a bad address or signature length.
    #[error("malformed commit signature at index {index}: {what}")]
    MalformedCommitSig {
        /// The signature's position in the commit.
        index: usize,
        /// What is wrong.
        what: &'static str,
    },
    /// The commit carries no signature at all (every vote absent).
    #[error("the commit has no signatures")]
    NoSignatures,
    /// The commit does not have one entry per validator.
    #[error("the commit has {signatures} signatures for {validators} validators")]
    SignatureCountMismatch {
        /// Entries in the commit.
        signatures: usize,
        /// Validators in the set.
        validators: usize,
    },
    /// A validator set that is empty.
    #[error("the validator set is empty")]
    EmptyValidatorSet,
    /// A validator whose address is not derived from its key.
    #[error("validator {index}'s address does not match its public key")]
    ValidatorAddressMismatch {
        /// The validator's position in its set.
        index: usize,
    },
    /// Negative voting power, or a total above CometBFT's maximum.
    #[error("a validator set has negative or excessive voting power")]
    InvalidVotingPower,
    /// One validator appears twice (in a commit, or in a validator set).
    #[error("validator {address} is counted more than once")]
    DuplicateValidator {
        /// The validator's address (upper-case hex).
        address: String,
    },
    /// A commit signature that does not verify under ZIP-215.
    #[error("the signature at index {index} (validator {address}) does not verify")]
    InvalidCommitSignature {
        /// The signature's position in the commit.
        index: usize,
        /// The signer's address (upper-case hex).
        address: String,
    },
    /// Validators with 2/3 or less of the block's own validator power signed it.
    #[error("only {tallied} of {total} voting power signed; more than 2/3 is needed")]
    InsufficientSigners {
        /// Power that signed the block.
        tallied: u64,
        /// Total power of the block's validator set.
        total: u64,
    },
}

impl Coded for Reason {
    fn code(&self) -> &'static str {
        match self {
            Reason::ChainIdMismatch { .. } => "light.chain_id_mismatch",
            Reason::HeaderFromFuture { .. } => "light.header_from_future",
            Reason::TrustExpired { .. } => "light.trust_expired",
            Reason::NonMonotonicTime { .. } => "light.non_monotonic_time",
            Reason::NonIncreasingHeight { .. } => "light.non_increasing_height",
            Reason::ValidatorsHashMismatch => "light.validators_hash_mismatch",
            Reason::NextValidatorsHashMismatch => "light.next_validators_hash_mismatch",
            Reason::AdjacentValidatorsMismatch => "light.adjacent_validators_mismatch",
            Reason::CommitHeightMismatch { .. } => "light.commit_height_mismatch",
            Reason::CommitBlockIdMismatch => "light.commit_block_id_mismatch",
            Reason::MalformedHeader(_) => "light.malformed_header",
            Reason::MalformedCommit(_) => "light.malformed_commit",
            Reason::MalformedCommitSig { .. } => "light.malformed_commit_sig",
            Reason::NoSignatures => "light.no_signatures",
            Reason::SignatureCountMismatch { .. } => "light.signature_count_mismatch",
            Reason::EmptyValidatorSet => "light.empty_validator_set",
            Reason::ValidatorAddressMismatch { .. } => "light.validator_address_mismatch",
            Reason::InvalidVotingPower => "light.invalid_voting_power",
            Reason::DuplicateValidator { .. } => "light.duplicate_validator",
            Reason::InvalidCommitSignature { .. } => "light.invalid_commit_signature",
            Reason::InsufficientSigners { .. } => "light.insufficient_signers",
        }
    }
}

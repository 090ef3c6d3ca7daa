//! Light blocks (what a light client fetches per height) and the trusted state it extends.

use serde::{Deserialize, Serialize};

use super::commit::SignedHeader;
use super::error::LightError;
use super::header::Header;
use super::time::Time;
use super::validator::ValidatorSet;
use crate::crypto::merkle::Hash;

/// A signed header with its validator set and, for use as a trusted state later, the next one.
///
/// The JSON shape is CometBFT's `LightBlock` (`signed_header`, `validator_set`) plus
/// tendermint-rs's optional `next_validator_set` and `provider`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LightBlock {
    /// The header and its commit.
    pub signed_header: SignedHeader,
    /// The validator set of this height (must hash to `validators_hash`).
    pub validator_set: ValidatorSet,
    /// The validator set of the next height (must hash to `next_validators_hash`). Needed to
    /// continue verifying from this block; optional for a block that is only checked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_validator_set: Option<ValidatorSet>,
    /// Who supplied the block (informational).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provider: Option<String>,
}

impl LightBlock {
    /// The block's height.
    pub fn height(&self) -> i64 {
        self.signed_header.header.height
    }

    /// The block's header.
    pub fn header(&self) -> &Header {
        &self.signed_header.header
    }

    /// Parse the light-block JSON shape.
    pub fn from_json(json: &str) -> Result<Self, LightError> {
        super::json::parse(json)
    }

    /// The light-block JSON.
    pub fn to_json(&self) -> String {
        super::json::to_text(self)
    }
}

/// A header the light client trusts, with the next validator set it needs to verify more.
///
/// JSON: `{"signed_header": ..., "next_validator_set": ...}` (the `initial` of the test vectors;
/// other keys are ignored). Built only through [`TrustedState::new`] or deserialization followed
/// by [`TrustedState::check`], which ensure the set matches the header.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrustedState {
    /// The trusted header (its commit is kept for reference; it is not re-verified).
    pub signed_header: SignedHeader,
    /// The validator set of the next height.
    pub next_validator_set: ValidatorSet,
}

impl TrustedState {
    /// Trust `signed_header` with `next_validator_set`, which must hash to its
    /// `next_validators_hash`.
    pub fn new(
        signed_header: SignedHeader,
        next_validator_set: ValidatorSet,
    ) -> Result<Self, LightError> {
        let t = TrustedState {
            signed_header,
            next_validator_set,
        };
        t.check()?;
        Ok(t)
    }

    /// Parse a checkpoint (the JSON shape above, or a light block with `next_validator_set`).
    pub fn from_json(json: &str) -> Result<Self, LightError> {
        let t: TrustedState = super::json::parse(json)?;
        t.check()?;
        Ok(t)
    }

    /// The trusted state left by a verified light block (which must carry its next set).
    pub fn from_light_block(block: LightBlock) -> Result<Self, LightError> {
        let height = block.height();
        let next = block
            .next_validator_set
            .ok_or(LightError::MissingNextValidators(height))?;
        TrustedState::new(block.signed_header, next)
    }

    /// Check that the next validator set matches the header (and the height is positive).
    pub fn check(&self) -> Result<(), LightError> {
        let matches =
            self.next_validator_set.hash().as_slice() == self.header().next_validators_hash;
        if matches && self.height() > 0 {
            Ok(())
        } else {
            Err(LightError::BadTrustedState)
        }
    }

    /// The checkpoint JSON (`{signed_header, next_validator_set}`).
    pub fn to_json(&self) -> String {
        super::json::to_text(self)
    }

    /// The trusted header.
    pub fn header(&self) -> &Header {
        &self.signed_header.header
    }

    /// The trusted height.
    pub fn height(&self) -> i64 {
        self.header().height
    }

    /// The trusted header's time.
    pub fn time(&self) -> Time {
        self.header().time
    }

    /// The trusted header's hash.
    pub fn hash(&self) -> Hash {
        self.header().hash()
    }
}

//! Single-step verification of an untrusted light block against a trusted state.
//!
//! [`verify_light_block`] applies CometBFT's light-client rules as pure predicates, in the order
//! tendermint-rs's `ProdVerifier` does, so both name the same class of verdict:
//!
//! 1. the untrusted block on its own: well-formed header and commit, validator sets matching
//!    the header's hashes, the commit signing this header, one commit entry per validator;
//! 2. against the trusted state: trust not expired, time and height increasing, same chain, and
//!    for the very next height, the trusted `next_validators_hash` naming this block's set;
//! 3. against the clock: header time before `now + max_clock_drift`;
//! 4. the commit: all present signatures verified in one batch, then more than 2/3 of the
//!    block's own power signed it and, when skipping heights, more than the trust level of the
//!    trusted next validators' power did too (else [`Verdict::NotEnoughTrust`]).

use super::light_block::{LightBlock, TrustedState};
use super::options::{Options, TrustThreshold};
use super::time::Time;
use super::verdict::{Reason, Verdict};
use super::voting::{tally_commit, IndexedSet};
use crate::crypto::merkle::Hash;

/// CometBFT's `MaxChainIDLen`.
const MAX_CHAIN_ID_LEN: usize = 50;

/// Verify `untrusted` against `trusted` at time `now`.
pub fn verify_light_block(
    trusted: &TrustedState,
    untrusted: &LightBlock,
    options: &Options,
    now: Time,
) -> Verdict {
    match verify_inner(trusted, untrusted, options, now) {
        Ok(verdict) => verdict,
        Err(reason) => Verdict::Invalid(reason),
    }
}

/// Verify a light block on its own: well formed, matching its validator set, and signed by
/// more than 2/3 of that set's power (every present signature checked). This is what a block
/// trusted by its validator set alone (a genesis or checkpoint set) must pass.
pub fn verify_commit(block: &LightBlock) -> Result<(), Reason> {
    check_untrusted_block(block)?;
    let own = IndexedSet::new(&block.validator_set)?;
    let header = block.header();
    let tally = tally_commit(&header.chain_id, &block.signed_header.commit, &own, None)?;
    if TrustThreshold::TWO_THIRDS.is_exceeded_by(tally.signed, own.total()) {
        Ok(())
    } else {
        Err(Reason::InsufficientSigners {
            tallied: tally.signed,
            total: own.total(),
        })
    }
}

/// Step 1: the untrusted block on its own. Returns the header hash.
pub fn check_untrusted_block(block: &LightBlock) -> Result<Hash, Reason> {
    let header = block.header();
    let commit = &block.signed_header.commit;
    check_header_basics(block)?;
    if commit.height != header.height {
        return Err(Reason::CommitHeightMismatch {
            header: header.height,
            commit: commit.height,
        });
    }
    if commit.round < 0 {
        return Err(Reason::MalformedCommit("negative round"));
    }
    if block.validator_set.hash().as_slice() != header.validators_hash {
        return Err(Reason::ValidatorsHashMismatch);
    }
    if let Some(next) = &block.next_validator_set {
        if next.hash().as_slice() != header.next_validators_hash {
            return Err(Reason::NextValidatorsHashMismatch);
        }
    }
    let hash = header.hash();
    if commit.block_id.hash != hash {
        return Err(Reason::CommitBlockIdMismatch);
    }
    let sigs = &commit.signatures;
    if sigs
        .iter()
        .all(|s| s.block_id_flag == super::BlockIdFlag::Absent)
    {
        return Err(Reason::NoSignatures);
    }
    if sigs.len() != block.validator_set.validators.len() {
        return Err(Reason::SignatureCountMismatch {
            signatures: sigs.len(),
            validators: block.validator_set.validators.len(),
        });
    }
    Ok(hash)
}

/// The parts of CometBFT's `Header.ValidateBasic` that a forged header could violate.
fn check_header_basics(block: &LightBlock) -> Result<(), Reason> {
    let h = block.header();
    if h.chain_id.len() > MAX_CHAIN_ID_LEN {
        return Err(Reason::MalformedHeader("chain ID longer than 50 bytes"));
    }
    if h.height <= 0 {
        return Err(Reason::MalformedHeader("height is not positive"));
    }
    let hashes = [
        &h.last_commit_hash,
        &h.data_hash,
        &h.evidence_hash,
        &h.last_results_hash,
        &h.consensus_hash,
    ];
    if hashes.iter().any(|x| !x.is_empty() && x.len() != 32) {
        return Err(Reason::MalformedHeader(
            "a hash is neither empty nor 32 bytes",
        ));
    }
    if h.validators_hash.len() != 32 || h.next_validators_hash.len() != 32 {
        return Err(Reason::MalformedHeader("validator hashes must be 32 bytes"));
    }
    if h.proposer_address.len() != 20 {
        return Err(Reason::MalformedHeader("proposer address is not 20 bytes"));
    }
    if block.validator_set.validators.is_empty() {
        return Err(Reason::EmptyValidatorSet);
    }
    Ok(())
}

fn verify_inner(
    trusted: &TrustedState,
    untrusted: &LightBlock,
    options: &Options,
    now: Time,
) -> Result<Verdict, Reason> {
    // 1. The untrusted block on its own.
    check_untrusted_block(untrusted)?;
    let header = untrusted.header();

    // 2. Against the trusted state.
    let trusted_header = trusted.header();
    // Past year 9999 the trust cannot have expired.
    if let Some(expired_at) = trusted_header.time.checked_add(options.trusting_period) {
        if expired_at <= now {
            return Err(Reason::TrustExpired { expired_at, now });
        }
    }
    if header.time <= trusted_header.time {
        return Err(Reason::NonMonotonicTime {
            trusted: trusted_header.time,
            untrusted: header.time,
        });
    }
    if header.chain_id != trusted_header.chain_id {
        return Err(Reason::ChainIdMismatch {
            trusted: trusted_header.chain_id.clone(),
            untrusted: header.chain_id.clone(),
        });
    }
    let adjacent = trusted_header.height.checked_add(1) == Some(header.height);
    if adjacent {
        if header.validators_hash != trusted_header.next_validators_hash {
            return Err(Reason::AdjacentValidatorsMismatch);
        }
    } else if header.height <= trusted_header.height {
        return Err(Reason::NonIncreasingHeight {
            trusted: trusted_header.height,
            untrusted: header.height,
        });
    }

    // 3. Against the clock.
    let from_future = match now.checked_add(options.max_clock_drift) {
        Some(limit) => header.time >= limit,
        None => false,
    };
    if from_future {
        return Err(Reason::HeaderFromFuture {
            header_time: header.time,
            now,
        });
    }

    // 4. The commit.
    let own = IndexedSet::new(&untrusted.validator_set)?;
    let trusted_set = if adjacent {
        None
    } else {
        Some(IndexedSet::new(&trusted.next_validator_set)?)
    };
    let commit = &untrusted.signed_header.commit;
    let tally = tally_commit(&header.chain_id, commit, &own, trusted_set.as_ref())?;
    if let Some(t) = &trusted_set {
        if !options
            .trust_threshold
            .is_exceeded_by(tally.trusted_signed, t.total())
        {
            return Ok(Verdict::NotEnoughTrust {
                tallied: tally.trusted_signed,
                total: t.total(),
                trust_threshold: options.trust_threshold,
            });
        }
    }
    if !TrustThreshold::TWO_THIRDS.is_exceeded_by(tally.signed, own.total()) {
        return Err(Reason::InsufficientSigners {
            tallied: tally.signed,
            total: own.total(),
        });
    }
    Ok(Verdict::Success)
}

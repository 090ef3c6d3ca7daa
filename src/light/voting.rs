//! Commit signature checking and voting-power tallies, in one batch per commit.
//!
//! A commit is checked once: every present signature whose signer is known (in the block's own
//! validator set or, when skipping, in the trusted next validator set) goes into a single ZIP-215
//! batch verification; only if the batch fails are signatures re-checked one by one, to name the
//! bad one. Then power is tallied for both sets from the same verified votes.
//!
//! How votes count, as CometBFT's light client counts them:
//! - absent votes are skipped;
//! - only `COMMIT`-flag votes add power for the block; `NIL` votes are verified (their signature
//!   covers a vote without a block ID) but add nothing;
//! - a signer in neither set is ignored (its key is unknown);
//! - every validator counts at most once: a commit naming one address twice, or a validator set
//!   listing one address twice, is invalid;
//! - every present signature is verified, not only enough of them to reach the threshold (as
//!   CometBFT's light client since `VerifyCommitLightAllSignatures`).

use super::commit::{BlockIdFlag, Commit};
use super::small_sort::sort_by_key;
use super::validator::{ValidatorSet, ADDRESS_LENGTH};
use super::verdict::Reason;
use super::vote::CommitSignBytes;
use crate::crypto::ed25519::{verify, verify_batch, PublicKey, Rule, Signature};
use crate::crypto::encoding::to_hex_upper;

type Address = [u8; ADDRESS_LENGTH];

/// A validator set checked for use in tallies: addresses derived from keys, no duplicates, sane
/// powers; and sorted by address for lookups.
pub(crate) struct IndexedSet<'a> {
    set: &'a ValidatorSet,
    by_address: Vec<(Address, usize)>,
    total: u64,
}

impl<'a> IndexedSet<'a> {
    /// Check and index `set`.
    pub(crate) fn new(set: &'a ValidatorSet) -> Result<Self, Reason> {
        let mut by_address = Vec::with_capacity(set.validators.len());
        for (index, v) in set.validators.iter().enumerate() {
            let address = v.address();
            if v.declared_address != address {
                return Err(Reason::ValidatorAddressMismatch { index });
            }
            by_address.push((address, index));
        }
        let total = set.total_power().ok_or(Reason::InvalidVotingPower)?;
        sort_by_key(&mut by_address, |p| p.0);
        check_no_duplicate(&by_address)?;
        Ok(IndexedSet {
            set,
            by_address,
            total,
        })
    }

    /// Total voting power.
    pub(crate) fn total(&self) -> u64 {
        self.total
    }

    /// The key and power of the validator with `address`.
    fn get(&self, address: &Address) -> Option<(PublicKey, u64)> {
        let i = self
            .by_address
            .binary_search_by(|(a, _)| a.cmp(address))
            .ok()?;
        let (_, index) = self.by_address.get(i)?;
        let v = self.set.validators.get(*index)?;
        // Powers were checked non-negative by `total_power`.
        Some((v.ed25519_key(), u64::try_from(v.voting_power).ok()?))
    }
}

/// Power that signed for the block, per set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Tally {
    /// Power of the block's own validators that signed for it.
    pub(crate) signed: u64,
    /// Power of the trusted validators that signed for it (0 when not asked).
    pub(crate) trusted_signed: u64,
}

/// One present vote whose signer is known.
struct Known {
    index: usize,
    address: Address,
    flag: BlockIdFlag,
    key: PublicKey,
    signature: Signature,
    /// Range of its sign bytes in the shared buffer.
    msg: core::ops::Range<usize>,
}

/// Verify `commit`'s signatures (chain `chain_id`) and tally power over `own` (the block's
/// validators) and, if given, `trusted` (the trusted next validators).
pub(crate) fn tally_commit(
    chain_id: &str,
    commit: &Commit,
    own: &IndexedSet<'_>,
    trusted: Option<&IndexedSet<'_>>,
) -> Result<Tally, Reason> {
    let present = present_votes(commit)?;
    let sign_bytes = CommitSignBytes::new(chain_id, commit);
    let mut buf = Vec::with_capacity(present.len() * sign_bytes.max_len());
    let mut known = Vec::with_capacity(present.len());
    for (address, index) in present {
        let Some(sig) = commit.signatures.get(index) else {
            continue;
        };
        let key = own
            .get(&address)
            .or_else(|| trusted.and_then(|t| t.get(&address)))
            .map(|(key, _)| key);
        let (Some(key), Some(signature)) = (key, sig.signature.as_deref()) else {
            continue; // Unknown signer: nothing to check it against, and it cannot count.
        };
        let signature =
            Signature::from_slice(signature).map_err(|_| Reason::MalformedCommitSig {
                index,
                what: "signature is not 64 bytes",
            })?;
        let start = buf.len();
        sign_bytes.write(sig.block_id_flag, sig.timestamp, &mut buf);
        known.push(Known {
            index,
            address,
            flag: sig.block_id_flag,
            key,
            signature,
            msg: start..buf.len(),
        });
    }
    verify_all(&known, &buf)?;

    let mut tally = Tally {
        signed: 0,
        trusted_signed: 0,
    };
    for vote in known.iter().filter(|v| v.flag == BlockIdFlag::Commit) {
        if let Some((_, power)) = own.get(&vote.address) {
            // Bounded by the set's checked total.
            tally.signed = tally.signed.saturating_add(power);
        }
        if let Some((_, power)) = trusted.and_then(|t| t.get(&vote.address)) {
            tally.trusted_signed = tally.trusted_signed.saturating_add(power);
        }
    }
    Ok(tally)
}

/// The commit's non-absent votes as `(address, index)`, sorted by address, checked for shape
/// and for duplicates.
fn present_votes(commit: &Commit) -> Result<Vec<(Address, usize)>, Reason> {
    let mut present = Vec::with_capacity(commit.signatures.len());
    for (index, sig) in commit.signatures.iter().enumerate() {
        if sig.block_id_flag == BlockIdFlag::Absent {
            continue;
        }
        let address: Address = sig.validator_address.as_slice().try_into().map_err(|_| {
            Reason::MalformedCommitSig {
                index,
                what: "validator address is not 20 bytes",
            }
        })?;
        match sig.signature.as_deref() {
            // CommitSig.ValidateBasic: present, at most MaxSignatureSize (64) bytes.
            Some(s) if !s.is_empty() && s.len() <= 64 => {}
            _ => {
                return Err(Reason::MalformedCommitSig {
                    index,
                    what: "signature missing or longer than 64 bytes",
                })
            }
        }
        present.push((address, index));
    }
    sort_by_key(&mut present, |p| p.0);
    check_no_duplicate(&present)?;
    Ok(present)
}

/// `(address, index)` pairs sorted by address must name each address once.
fn check_no_duplicate(sorted: &[(Address, usize)]) -> Result<(), Reason> {
    let twice = sorted.windows(2).find_map(|w| match w {
        [(a, _), (b, _)] if a == b => Some(a),
        _ => None,
    });
    match twice {
        Some(address) => Err(Reason::DuplicateValidator {
            address: to_hex_upper(address),
        }),
        None => Ok(()),
    }
}

/// One batch for all; on failure, one by one to name the first bad signature (in commit order).
fn verify_all(known: &[Known], buf: &[u8]) -> Result<(), Reason> {
    let items: Vec<(PublicKey, &[u8], Signature)> = known
        .iter()
        .map(|k| {
            (
                k.key,
                buf.get(k.msg.clone()).unwrap_or_default(),
                k.signature,
            )
        })
        .collect();
    if verify_batch(Rule::Zip215, &items).is_ok() {
        return Ok(());
    }
    // Name the failure with the lowest commit index, so the report does not depend on order.
    let first_bad = known
        .iter()
        .zip(&items)
        .filter(|(_, (key, msg, sig))| verify(Rule::Zip215, key, msg, sig).is_err())
        .map(|(k, _)| k)
        .min_by_key(|k| k.index);
    if let Some(k) = first_bad {
        return Err(Reason::InvalidCommitSignature {
            index: k.index,
            address: to_hex_upper(&k.address),
        });
    }
    // Under ZIP-215 a batch fails only if some single signature fails; reaching here would mean
    // the two disagree, and single verification is the definition.
    Ok(())
}

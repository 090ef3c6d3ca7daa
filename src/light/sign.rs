//! Building signed commits, for generated chains (tests, demos, benchmarks).

use super::commit::{BlockIdFlag, Commit, CommitSig, SignedHeader};
use super::header::{BlockId, Header, PartSetHeader, Version};
use super::light_block::{LightBlock, TrustedState};
use super::time::Time;
use super::validator::{Validator, ValidatorSet};
use super::vote::vote_sign_bytes;
use crate::crypto::ed25519::SigningKey;
use crate::crypto::sha256;

/// A block ID for `header`: its hash, and a one-part part-set header (whose hash, for a
/// generated chain, is simply SHA-256 of the header hash).
pub fn block_id_for(header: &Header) -> BlockId {
    let hash = header.hash();
    BlockId {
        hash: hash.to_vec(),
        parts: PartSetHeader {
            total: 1,
            hash: sha256(&hash).to_vec(),
        },
    }
}

/// One validator's signed precommit for `block_id` (`flag` Commit) or for nil (`flag` Nil).
pub fn commit_sig(
    key: &SigningKey,
    chain_id: &str,
    height: i64,
    round: i32,
    block_id: &BlockId,
    flag: BlockIdFlag,
    timestamp: Time,
) -> CommitSig {
    if flag == BlockIdFlag::Absent {
        return CommitSig::absent();
    }
    let voted = (flag == BlockIdFlag::Commit).then_some(block_id);
    let msg = vote_sign_bytes(chain_id, height, i64::from(round), voted, timestamp);
    let public = key.public_key();
    CommitSig {
        block_id_flag: flag,
        validator_address: super::PubKey::Ed25519(public).address().to_vec(),
        timestamp,
        signature: Some(key.sign(&msg).0.to_vec()),
    }
}

/// A commit for `header` in which every validator of `validators` whose key is in `keys` votes
/// for the block at `timestamp`, and the others are absent.
pub fn sign_commit(
    header: &Header,
    round: i32,
    validators: &ValidatorSet,
    keys: &[SigningKey],
    timestamp: Time,
) -> Commit {
    let block_id = block_id_for(header);
    let signatures = validators
        .validators
        .iter()
        .map(|v| {
            let key = keys
                .iter()
                .find(|k| super::PubKey::Ed25519(k.public_key()) == v.pub_key);
            match key {
                Some(k) => commit_sig(
                    k,
                    &header.chain_id,
                    header.height,
                    round,
                    &block_id,
                    BlockIdFlag::Commit,
                    timestamp,
                ),
                None => CommitSig::absent(),
            }
        })
        .collect();
    Commit {
        height: header.height,
        round,
        block_id,
        signatures,
    }
}
/// A light block of a generated chain at `height` and `time`, with `vals` as its validators
/// (and next validators), committed in round 0 by every validator in `keys`, votes one second
/// after `time`. Fields a light client only hashes (last block id, last commit, consensus,
/// results and evidence hashes) hold fixed filler; `data_hash` and `app_hash` are given.
/// `None` only if `time` is the last representable second.
pub fn generated_light_block(
    chain_id: &str,
    height: i64,
    time: Time,
    vals: &ValidatorSet,
    keys: &[SigningKey],
    data_hash: Vec<u8>,
    app_hash: Vec<u8>,
) -> Option<LightBlock> {
    let header = Header {
        version: Version { block: 11, app: 1 },
        chain_id: chain_id.into(),
        height,
        time,
        last_block_id: Some(BlockId {
            hash: vec![1; 32],
            parts: PartSetHeader {
                total: 1,
                hash: vec![2; 32],
            },
        }),
        last_commit_hash: vec![3; 32],
        data_hash,
        validators_hash: vals.hash().to_vec(),
        next_validators_hash: vals.hash().to_vec(),
        consensus_hash: vec![5; 32],
        app_hash,
        last_results_hash: vec![7; 32],
        evidence_hash: vec![8; 32],
        proposer_address: vals.validators.first()?.address().to_vec(),
    };
    let vote_time = time.checked_add(core::time::Duration::from_secs(1))?;
    let commit = sign_commit(&header, 0, vals, keys, vote_time);
    Some(LightBlock {
        signed_header: SignedHeader { header, commit },
        validator_set: vals.clone(),
        next_validator_set: Some(vals.clone()),
        provider: None,
    })
}

/// The benchmarks' light-client step: `validators` validators with fixed keys (powers 100,
/// 101, ...), trusted at height 2 and skipping to height 1000, 1000 s later, with the same set.
/// The native Criterion bench and the browser bench's fixture (`bench/tm-peer`) both build it
/// here, so `make bench` compares the same step on both sides.
pub struct SkippingStep {
    /// The trusted state, from the block at height 2.
    pub trusted: TrustedState,
    /// The block at height 1000, committed by every validator.
    pub target: LightBlock,
    /// The clock: 2000 s after the trusted block.
    pub now: Time,
}

/// Build [`SkippingStep`] (`None` only if the fixed times do not fit, which they do).
pub fn skipping_step(validators: u64) -> Option<SkippingStep> {
    let keys: Vec<SigningKey> = (0..validators)
        .map(|i| {
            let mut seed = [7u8; 32];
            for (s, b) in seed.iter_mut().zip(i.to_le_bytes()) {
                *s = b;
            }
            SigningKey::from_seed(&seed)
        })
        .collect();
    let vals = ValidatorSet::new(
        keys.iter()
            .zip(100i64..)
            .map(|(k, power)| Validator::new(k.public_key(), power))
            .collect(),
    );
    let t0 = Time::parse_rfc3339("2026-01-01T00:00:00Z").ok()?;
    let block = |height: i64, time: Time| {
        generated_light_block(
            "bench-chain",
            height,
            time,
            &vals,
            &keys,
            vec![4; 32],
            vec![6; 32],
        )
    };
    let trusted = TrustedState::from_light_block(block(2, t0)?).ok()?;
    let target = block(1000, t0.checked_add(core::time::Duration::from_secs(1000))?)?;
    let now = t0.checked_add(core::time::Duration::from_secs(2000))?;
    Some(SkippingStep {
        trusted,
        target,
        now,
    })
}

//! Building signed commits, for generated chains (tests, demos, benchmarks).

use super::commit::{BlockIdFlag, Commit, CommitSig};
use super::header::{BlockId, Header, PartSetHeader};
use super::time::Time;
use super::validator::ValidatorSet;
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

//! Generated CometBFT chains for light-client tests: deterministic keys, headers and commits
//! signed for real with `SigningKey`.
#![allow(dead_code)]

use medproof::crypto::ed25519::SigningKey;
use medproof::light::sign::sign_commit;
use medproof::light::{
    BlockId, Header, LightBlock, PartSetHeader, SignedHeader, Time, TrustedState, Validator,
    ValidatorSet, Version,
};

macro_rules! single_step {
    ($($name:literal),* $(,)?) => {
        [$(($name, include_str!(concat!("../vectors/cometbft/single_step/", $name)))),*]
    };
}

/// The single-step vector files (name, contents), for native and browser tests alike.
pub const SINGLE_STEP: [(&str, &str); 17] = single_step![
    "MC10_3_faulty_TestFailure.json",
    "MC10_3_faulty_TestHalfValsetChanges.json",
    "MC10_3_faulty_TestHalfValsetChangesVerdictNotEnoughTrust.json",
    "MC10_3_faulty_TestHalfValsetChangesVerdictSuccess.json",
    "MC10_3_faulty_TestHeaderFromFuture.json",
    "MC10_3_faulty_TestHeaderNotWithinTrustingPeriod.json",
    "MC10_3_faulty_TestLessThanThirdValsetChanges.json",
    "MC10_3_faulty_TestMoreThanTwoThirdsSign.json",
    "MC10_3_faulty_TestMoreThanTwoThirdsValsetChanges.json",
    "MC10_3_faulty_TestNonMonotonicHeight.json",
    "MC10_3_faulty_TestOneThirdValsetChanges.json",
    "MC10_3_faulty_TestSuccess.json",
    "MC10_3_faulty_TestTwoThirdsValsetChanges.json",
    "MC10_3_faulty_TestValsetChangesFully.json",
    "MC10_3_faulty_TestValsetDifferentAllSteps.json",
    "MC10_3_faulty_TestValsetDoubles.json",
    "MC10_3_faulty_TestValsetHalves.json",
];

/// The chain ID of generated chains.
pub const CHAIN_ID: &str = "medproof-test";

/// The deterministic key number `id` (the first 64 are derived once and cached).
pub fn key(id: u64) -> SigningKey {
    static CACHE: std::sync::OnceLock<Vec<SigningKey>> = std::sync::OnceLock::new();
    let cache = CACHE.get_or_init(|| (0..64).map(derive_key).collect());
    match cache.get(id as usize) {
        Some(k) => k.clone(),
        None => derive_key(id),
    }
}

fn derive_key(id: u64) -> SigningKey {
    let mut seed = [0u8; 32];
    seed[..8].copy_from_slice(&id.to_le_bytes());
    seed[31] = 0x5a;
    SigningKey::from_seed(&seed)
}

/// A validator set of keys `ids` with powers `powers`.
pub fn set(members: &[(u64, i64)]) -> ValidatorSet {
    ValidatorSet::new(
        members
            .iter()
            .map(|&(id, power)| Validator::new(key(id).public_key(), power))
            .collect(),
    )
}

/// The keys of validators `ids`.
pub fn keys(ids: &[u64]) -> Vec<SigningKey> {
    ids.iter().map(|&id| key(id)).collect()
}

/// A header at `height` and `time` for validators `vals` and next validators `next`.
pub fn header(
    chain_id: &str,
    height: i64,
    time: Time,
    vals: &ValidatorSet,
    next: &ValidatorSet,
) -> Header {
    let h = |tag: u8| {
        let mut v = [tag; 32].to_vec();
        v[..8].copy_from_slice(&height.to_le_bytes());
        v
    };
    Header {
        version: Version { block: 11, app: 1 },
        chain_id: chain_id.into(),
        height,
        time,
        // The first height has the empty block ID, as CometBFT writes it.
        last_block_id: Some(if height == 1 {
            BlockId::default()
        } else {
            BlockId {
                hash: h(1),
                parts: PartSetHeader {
                    total: 1,
                    hash: h(2),
                },
            }
        }),
        last_commit_hash: h(3),
        data_hash: medproof::light::data_hash::<&[u8]>(&[]).to_vec(),
        validators_hash: vals.hash().to_vec(),
        next_validators_hash: next.hash().to_vec(),
        consensus_hash: h(4),
        app_hash: h(5),
        last_results_hash: h(6),
        evidence_hash: h(7),
        proposer_address: vals.validators[0].address().to_vec(),
    }
}

/// A light block signed by `signers` (each votes for the block, one second after its time).
pub fn block(
    chain_id: &str,
    height: i64,
    time: Time,
    vals: &ValidatorSet,
    next: &ValidatorSet,
    signers: &[SigningKey],
) -> LightBlock {
    block_with_txs(chain_id, height, time, vals, next, signers, &[])
}

/// As [`block`], for a block holding `txs`.
pub fn block_with_txs(
    chain_id: &str,
    height: i64,
    time: Time,
    vals: &ValidatorSet,
    next: &ValidatorSet,
    signers: &[SigningKey],
    txs: &[Vec<u8>],
) -> LightBlock {
    let mut header = header(chain_id, height, time, vals, next);
    header.data_hash = medproof::light::data_hash(txs).to_vec();
    let vote_time = time.checked_add(std::time::Duration::from_secs(1)).unwrap();
    let commit = sign_commit(&header, 0, vals, signers, vote_time);
    LightBlock {
        signed_header: SignedHeader { header, commit },
        validator_set: vals.clone(),
        next_validator_set: Some(next.clone()),
        provider: None,
    }
}

/// The trusted state of `block`.
pub fn trusted(block: &LightBlock) -> TrustedState {
    TrustedState::from_light_block(block.clone()).unwrap()
}

/// `base` plus `secs` seconds.
pub fn at(base: Time, secs: u64) -> Time {
    base.checked_add(std::time::Duration::from_secs(secs))
        .unwrap()
}

/// The time generated chains start at.
pub fn genesis_time() -> Time {
    Time::parse_rfc3339("2026-01-01T00:00:00Z").unwrap()
}

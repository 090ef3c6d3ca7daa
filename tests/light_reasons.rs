//! One test per `Invalid` reason code, plus how absent and nil votes count, on generated blocks.
#![cfg(not(target_arch = "wasm32"))]

mod light_support;

use std::time::Duration;

use light_support::*;
use medproof::light::sign::commit_sig;
use medproof::light::{
    verify_light_block, BlockIdFlag, LightBlock, Options, Time, TrustedState, Validator,
    ValidatorSet, Verdict,
};
use medproof::Coded;

const IDS: [u64; 4] = [1, 2, 3, 4];

fn four() -> ValidatorSet {
    set(&IDS.map(|id| (id, 10)))
}

fn t0() -> Time {
    genesis_time()
}

/// Trusted at height 10; its next validators are the four.
fn trusted_state() -> TrustedState {
    trusted(&block(CHAIN_ID, 10, t0(), &four(), &four(), &keys(&IDS)))
}

/// A good block at `height` (adjacent when 11), signed by all four, 100 s after the trusted one.
fn good(height: i64) -> LightBlock {
    block(
        CHAIN_ID,
        height,
        at(t0(), 100),
        &four(),
        &four(),
        &keys(&IDS),
    )
}

fn options() -> Options {
    Options::new(Duration::from_secs(3600))
}

fn now() -> Time {
    at(t0(), 200)
}

fn verdict(b: &LightBlock) -> Verdict {
    verify_light_block(&trusted_state(), b, &options(), now())
}

fn code(b: &LightBlock) -> String {
    match verdict(b) {
        Verdict::Invalid(r) => r.code().to_string(),
        v => format!("not invalid: {v:?}"),
    }
}

/// Re-sign every present vote of `b`'s commit (after its header changed).
fn resign(b: &mut LightBlock, ids: &[u64]) {
    let header = b.signed_header.header.clone();
    let vals = b.validator_set.clone();
    b.signed_header.commit =
        medproof::light::sign::sign_commit(&header, 0, &vals, &keys(ids), at(header.time, 1));
}

#[test]
fn good_blocks_verify_adjacent_and_skipping() {
    assert_eq!(verdict(&good(11)), Verdict::Success);
    assert_eq!(verdict(&good(500)), Verdict::Success);
}

#[test]
fn every_reason_code() {
    let mut checked = Vec::new();
    macro_rules! expect {
        ($name:expr, $b:expr, $want:expr) => {{
            assert_eq!(code(&$b), $want, "{}", $name);
            checked.push($want.to_string());
        }};
    }

    let b = block("other", 11, at(t0(), 100), &four(), &four(), &keys(&IDS));
    expect!("chain", b, "light.chain_id_mismatch");

    let mut b = good(11);
    b.signed_header.header.time = at(now(), 10);
    resign(&mut b, &IDS);
    expect!("future", b.clone(), "light.header_from_future");
    // One nanosecond less than the drift is fine.
    b.signed_header.header.time = at(now(), 10).checked_sub(Duration::from_nanos(1)).unwrap();
    resign(&mut b, &IDS);
    assert_eq!(verdict(&b), Verdict::Success);

    let expired = verify_light_block(&trusted_state(), &good(11), &options(), at(t0(), 3600));
    assert_eq!(
        match expired {
            Verdict::Invalid(r) => r.code(),
            _ => "",
        },
        "light.trust_expired"
    );
    checked.push("light.trust_expired".into());
    let almost = at(t0(), 3600).checked_sub(Duration::from_nanos(1)).unwrap();
    let mut late = good(11);
    late.signed_header.header.time = at(t0(), 3590);
    resign(&mut late, &IDS);
    assert_eq!(
        verify_light_block(&trusted_state(), &late, &options(), almost),
        Verdict::Success
    );

    let mut b = good(11);
    b.signed_header.header.time = t0();
    resign(&mut b, &IDS);
    expect!("same time", b, "light.non_monotonic_time");

    expect!("same height", good(10), "light.non_increasing_height");
    expect!("lower height", good(9), "light.non_increasing_height");

    let mut b = good(11);
    b.validator_set = set(&[(1, 10), (2, 10), (3, 10), (5, 10)]);
    expect!("vals", b, "light.validators_hash_mismatch");

    let mut b = good(11);
    b.next_validator_set = Some(set(&[(9, 1)]));
    expect!("next vals", b, "light.next_validators_hash_mismatch");

    let other = set(&[(5, 10), (6, 10), (7, 10)]);
    let b = block(
        CHAIN_ID,
        11,
        at(t0(), 100),
        &other,
        &four(),
        &keys(&[5, 6, 7]),
    );
    expect!("adjacent", b.clone(), "light.adjacent_validators_mismatch");
    // The same change, skipping a height, lacks trust instead.
    let b = block(
        CHAIN_ID,
        12,
        at(t0(), 100),
        &other,
        &four(),
        &keys(&[5, 6, 7]),
    );
    assert!(matches!(
        verdict(&b),
        Verdict::NotEnoughTrust {
            tallied: 0,
            total: 40,
            ..
        }
    ));

    let mut b = good(11);
    b.signed_header.commit.height = 12;
    expect!("commit height", b, "light.commit_height_mismatch");

    let mut b = good(11);
    b.signed_header.commit.block_id.hash[0] ^= 1;
    expect!("block id", b, "light.commit_block_id_mismatch");

    let mut b = good(11);
    b.signed_header.header.proposer_address.pop();
    expect!("proposer", b, "light.malformed_header");
    let mut b = good(11);
    b.signed_header.header.data_hash = vec![1; 31];
    expect!("data hash", b, "light.malformed_header");
    let mut b = good(11);
    b.signed_header.header.chain_id = "x".repeat(51);
    expect!("chain id length", b, "light.malformed_header");

    let mut b = good(11);
    b.signed_header.commit.round = -1;
    expect!("round", b, "light.malformed_commit");

    let mut b = good(11);
    b.signed_header.commit.signatures[2].validator_address.pop();
    expect!("sig address", b, "light.malformed_commit_sig");
    let mut b = good(11);
    b.signed_header.commit.signatures[1].signature = None;
    expect!("sig missing", b, "light.malformed_commit_sig");
    let mut b = good(11);
    if let Some(s) = b.signed_header.commit.signatures[1].signature.as_mut() {
        s.pop();
    }
    expect!("sig short", b, "light.malformed_commit_sig");

    let mut b = good(11);
    for s in &mut b.signed_header.commit.signatures {
        *s = medproof::light::CommitSig::absent();
    }
    expect!("no signatures", b, "light.no_signatures");

    let mut b = good(11);
    b.signed_header.commit.signatures.pop();
    expect!("count", b, "light.signature_count_mismatch");

    let empty = ValidatorSet::new(vec![]);
    let mut b = block(CHAIN_ID, 11, at(t0(), 100), &four(), &four(), &keys(&IDS));
    b.validator_set = empty.clone();
    b.signed_header.header.validators_hash = empty.hash().to_vec();
    expect!("empty set", b, "light.empty_validator_set");

    let mut b = good(11);
    b.validator_set.validators[0].declared_address[0] ^= 1;
    expect!("address", b, "light.validator_address_mismatch");

    let negative = set(&[(1, 10), (2, 10), (3, -1)]);
    let b = block(
        CHAIN_ID,
        12,
        at(t0(), 100),
        &negative,
        &four(),
        &keys(&[1, 2, 3]),
    );
    expect!("negative power", b, "light.invalid_voting_power");
    let huge = set(&[(1, i64::MAX / 8), (2, 1)]);
    let b = block(CHAIN_ID, 12, at(t0(), 100), &huge, &four(), &keys(&[1, 2]));
    expect!("too much power", b, "light.invalid_voting_power");

    let mut b = good(11);
    b.signed_header.commit.signatures[3] = b.signed_header.commit.signatures[0].clone();
    expect!("duplicate vote", b, "light.duplicate_validator");
    let twice = ValidatorSet::new(vec![
        Validator::new(key(1).public_key(), 10),
        Validator::new(key(1).public_key(), 10),
        Validator::new(key(2).public_key(), 10),
    ]);
    let b = block(CHAIN_ID, 12, at(t0(), 100), &twice, &four(), &keys(&[1, 2]));
    expect!("duplicate validator in set", b, "light.duplicate_validator");

    let mut b = good(11);
    if let Some(s) = b.signed_header.commit.signatures[2].signature.as_mut() {
        s[40] ^= 0x10;
    }
    expect!("forged", b, "light.invalid_commit_signature");

    let mut b = good(11);
    b.signed_header.commit.signatures[3] = medproof::light::CommitSig::absent();
    b.signed_header.commit.signatures[2] = medproof::light::CommitSig::absent();
    expect!("half signed", b, "light.insufficient_signers");

    let mut seen: Vec<_> = checked.clone();
    seen.sort();
    seen.dedup();
    println!(
        "checked {} cases covering {} reason codes: {seen:?}",
        checked.len(),
        seen.len()
    );
    assert_eq!(seen.len(), 21);
}

/// Exactly 2/3 is not enough; exactly 1/3 of trusted power is not enough trust.
#[test]
fn thresholds_are_strict() {
    let three = set(&[(1, 10), (2, 10), (3, 10)]);
    let trusted = trusted(&block(
        CHAIN_ID,
        10,
        t0(),
        &three,
        &three,
        &keys(&[1, 2, 3]),
    ));
    let at_two_thirds = block(CHAIN_ID, 11, at(t0(), 100), &three, &three, &keys(&[1, 2]));
    let v = verify_light_block(&trusted, &at_two_thirds, &options(), now());
    assert_eq!(v.class(), "invalid");
    // Skipping with a new set of which one trusted validator (1/3 exactly) signed.
    let new = set(&[(1, 10), (5, 10), (6, 10)]);
    let b = block(CHAIN_ID, 20, at(t0(), 100), &new, &new, &keys(&[1, 5, 6]));
    assert!(matches!(
        verify_light_block(&trusted, &b, &options(), now()),
        Verdict::NotEnoughTrust {
            tallied: 10,
            total: 30,
            ..
        }
    ));
    let new = set(&[(1, 10), (2, 10), (6, 10)]);
    let b = block(CHAIN_ID, 20, at(t0(), 100), &new, &new, &keys(&[1, 2, 6]));
    assert_eq!(
        verify_light_block(&trusted, &b, &options(), now()),
        Verdict::Success
    );
}

/// Nil votes are verified but add no power; absent votes are skipped.
#[test]
fn nil_and_absent_votes() {
    let mut b = good(11);
    let id = b.signed_header.commit.block_id.clone();
    let t = b.signed_header.commit.signatures[0].timestamp;
    let order: Vec<u64> = b
        .validator_set
        .validators
        .iter()
        .map(|v| {
            IDS.into_iter()
                .find(|&i| key(i).public_key() == v.ed25519_key())
                .unwrap()
        })
        .collect();
    // Three commit votes and one nil vote: 30 of 40 > 2/3.
    b.signed_header.commit.signatures[3] =
        commit_sig(&key(order[3]), CHAIN_ID, 11, 0, &id, BlockIdFlag::Nil, t);
    assert_eq!(verdict(&b), Verdict::Success);
    // Two commit and two nil: 20 of 40, not enough, though every signature is valid.
    b.signed_header.commit.signatures[2] =
        commit_sig(&key(order[2]), CHAIN_ID, 11, 0, &id, BlockIdFlag::Nil, t);
    assert_eq!(code(&b), "light.insufficient_signers");
    // A commit vote relabelled nil does not verify (it signed the block, not nil).
    let mut c = good(11);
    c.signed_header.commit.signatures[3].block_id_flag = BlockIdFlag::Nil;
    assert_eq!(code(&c), "light.invalid_commit_signature");
    // A forged nil vote is refused even though nil votes add no power.
    let mut d = good(11);
    d.signed_header.commit.signatures[3] =
        commit_sig(&key(order[3]), CHAIN_ID, 11, 0, &id, BlockIdFlag::Nil, t);
    if let Some(s) = d.signed_header.commit.signatures[3].signature.as_mut() {
        s[1] ^= 1;
    }
    assert_eq!(code(&d), "light.invalid_commit_signature");
    // A signature from someone in neither set is ignored.
    let mut e = good(11);
    e.signed_header.commit.signatures[3] =
        commit_sig(&key(99), CHAIN_ID, 11, 0, &id, BlockIdFlag::Commit, t);
    assert_eq!(verdict(&e), Verdict::Success);
}

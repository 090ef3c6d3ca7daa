#![cfg(not(target_arch = "wasm32"))]
//! Generates the adversarial cases that are impractical to write by hand (signed light blocks,
//! Merkle proofs, Ed25519 encodings, verifier bundles cut from a signed chain) into tests/adversarial/gen-*.json, deterministically: keys
//! come from fixed seeds and Ed25519 signing is deterministic. Each case states the reason code
//! it was built to provoke, and the generator checks the verifier gives exactly that before
//! writing it. Without `MEDPROOF_WRITE_ADVERSARIAL=1` it only checks that the files on disk are
//! what it would write (reproducibility).

#[allow(dead_code)]
mod adversarial_support;
mod light_support;
#[path = "common/small_order.rs"]
mod small_order;
#[path = "adversarial_gen/verifier.rs"]
mod verifier;
mod verifiers_support;

use std::time::Duration;

use light_support::*;
use medproof::crypto::ed25519::{self, PublicKey, Rule, Signature, SigningKey};
use medproof::crypto::encoding::to_hex;
use medproof::crypto::merkle::{
    inclusion_proof, leaf_hash, node_hash, root_from_leaf_hashes, verify_inclusion, Hash,
};
use medproof::light::{
    verify_light_block, LightBlock, Options, Time, TrustedState, ValidatorSet, Verdict,
};
use medproof::Coded;
use serde_json::{json, Value};
use small_order::{signature, small_order_encodings, ELL};

const TRUSTING_PERIOD_SECS: u64 = 3600;

fn t0() -> Time {
    genesis_time()
}

fn vals(ids: &[u64]) -> ValidatorSet {
    set(&ids.iter().map(|&id| (id, 10)).collect::<Vec<_>>())
}

/// The light verdict as a code: `ok`, `light.not_enough_trust` or the invalid reason's code.
pub fn light_code(trusted: &TrustedState, block: &LightBlock, now: Time) -> String {
    let options = Options::new(Duration::from_secs(TRUSTING_PERIOD_SECS));
    match verify_light_block(trusted, block, &options, now) {
        Verdict::Success => "ok".into(),
        Verdict::NotEnoughTrust { .. } => "light.not_enough_trust".into(),
        Verdict::Invalid(reason) => reason.code().into(),
    }
}

struct Case {
    name: String,
    why: &'static str,
    area: &'static str,
    input: Value,
    expect: String,
}

fn light_case(
    name: &str,
    why: &'static str,
    trusted: &LightBlock,
    block: &LightBlock,
    now: Time,
    expect: &str,
) -> Case {
    let got = light_code(
        &TrustedState::from_light_block(trusted.clone()).unwrap(),
        block,
        now,
    );
    assert_eq!(got, expect, "{name}");
    Case {
        name: format!("gen-light-{name}"),
        why,
        area: "light",
        input: json!({
            "trusted": trusted,
            "block": block,
            "now": now.to_rfc3339(),
            "trustingPeriodSecs": TRUSTING_PERIOD_SECS,
        }),
        expect: expect.into(),
    }
}

fn light_cases() -> Vec<Case> {
    let four = vals(&[1, 2, 3, 4]);
    let three = vals(&[1, 2, 3]);
    let trusted4 = block(CHAIN_ID, 10, t0(), &four, &four, &keys(&[1, 2, 3, 4]));
    let trusted3 = block(CHAIN_ID, 10, t0(), &three, &three, &keys(&[1, 2, 3]));
    let now = at(t0(), 200);
    let at100 = at(t0(), 100);
    let mut out = Vec::new();
    let mut add = |name, why, trusted: &LightBlock, b: LightBlock, now, expect| {
        out.push(light_case(name, why, trusted, &b, now, expect))
    };
    add(
        "ok-adjacent",
        "control: every validator signs the next height",
        &trusted4,
        block(CHAIN_ID, 11, at100, &four, &four, &keys(&[1, 2, 3, 4])),
        now,
        "ok",
    );
    add(
        "ok-skipping",
        "control: a skip with the same validators",
        &trusted4,
        block(CHAIN_ID, 500, at100, &four, &four, &keys(&[1, 2, 3, 4])),
        now,
        "ok",
    );
    add(
        "wrong-chain-id",
        "a block of another chain",
        &trusted4,
        block("other-chain", 11, at100, &four, &four, &keys(&[1, 2, 3, 4])),
        now,
        "light.chain_id_mismatch",
    );
    add(
        "header-from-future",
        "header time 10 s beyond now (the clock drift)",
        &trusted4,
        block(
            CHAIN_ID,
            11,
            at(now, 10),
            &four,
            &four,
            &keys(&[1, 2, 3, 4]),
        ),
        now,
        "light.header_from_future",
    );
    add(
        "trust-expired",
        "now is the trusted header's time plus the trusting period",
        &trusted4,
        block(CHAIN_ID, 11, at100, &four, &four, &keys(&[1, 2, 3, 4])),
        at(t0(), TRUSTING_PERIOD_SECS),
        "light.trust_expired",
    );
    add(
        "same-height",
        "a second block at the trusted height",
        &trusted4,
        block(CHAIN_ID, 10, at100, &four, &four, &keys(&[1, 2, 3, 4])),
        now,
        "light.non_increasing_height",
    );
    add(
        "same-time",
        "time does not move forward",
        &trusted4,
        block(CHAIN_ID, 11, t0(), &four, &four, &keys(&[1, 2, 3, 4])),
        now,
        "light.non_monotonic_time",
    );
    // Exactly 2/3 of the power signing is not more than 2/3.
    add(
        "two-thirds-exactly",
        "2 of 3 equal validators sign: exactly 2/3, not more",
        &trusted3,
        block(CHAIN_ID, 11, at100, &three, &three, &keys(&[1, 2])),
        now,
        "light.insufficient_signers",
    );
    add(
        "more-than-two-thirds",
        "control: 3 of 4 equal validators sign",
        &trusted4,
        block(CHAIN_ID, 11, at100, &four, &four, &keys(&[1, 2, 3])),
        now,
        "ok",
    );
    // Skipping: exactly 1/3 of the trusted power is not more than the trust level.
    let new3 = vals(&[1, 7, 8]);
    add(
        "one-third-trust-exactly",
        "skip where 1 of 3 trusted validators signs: exactly 1/3",
        &trusted3,
        block(CHAIN_ID, 20, at100, &new3, &new3, &keys(&[1, 7, 8])),
        now,
        "light.not_enough_trust",
    );
    let new3b = vals(&[1, 2, 8]);
    add(
        "more-than-one-third-trust",
        "control: skip where 2 of 3 trusted validators sign",
        &trusted3,
        block(CHAIN_ID, 20, at100, &new3b, &new3b, &keys(&[1, 2, 8])),
        now,
        "ok",
    );
    // A validator counted twice: the set lists key 1 twice (the header commits to that set).
    let dup = set(&[(1, 10), (1, 10), (2, 10), (3, 10)]);
    add(
        "validator-counted-twice",
        "the validator set lists one key twice",
        &trusted4,
        block(CHAIN_ID, 20, at100, &dup, &dup, &keys(&[1, 2, 3])),
        now,
        "light.duplicate_validator",
    );
    // A signature from a key outside the set, in validator 4's slot.
    let mut b = block(CHAIN_ID, 11, at100, &four, &four, &keys(&[1, 2, 3, 4]));
    let outsider = block(
        CHAIN_ID,
        11,
        at100,
        &vals(&[9, 2, 3, 4]),
        &four,
        &keys(&[9]),
    );
    if let (Some(slot), Some(foreign)) = (
        b.signed_header
            .commit
            .signatures
            .iter()
            .position(|s| s.validator_address == four.validators[3].address().to_vec()),
        outsider
            .signed_header
            .commit
            .signatures
            .iter()
            .find(|s| s.signature.is_some()),
    ) {
        b.signed_header.commit.signatures[slot].signature = foreign.signature.clone();
    }
    add(
        "non-validator-signature",
        "validator 4's slot holds a signature by a key outside the set",
        &trusted4,
        b,
        now,
        "light.invalid_commit_signature",
    );
    // A vote under an address not in the set does not count (tendermint-rs looks votes up by
    // address): 2 of 3 left is exactly 2/3.
    let mut b = block(CHAIN_ID, 11, at100, &three, &three, &keys(&[1, 2, 3]));
    b.signed_header.commit.signatures[0].validator_address = vec![0x42; 20];
    add(
        "unknown-signer-address",
        "one of 3 votes names an address outside the set",
        &trusted3,
        b,
        now,
        "light.insufficient_signers",
    );
    let mut b = block(CHAIN_ID, 11, at100, &four, &four, &keys(&[1, 2, 3, 4]));
    b.validator_set.validators[0].declared_address = vec![0x42; 20];
    add(
        "declared-address",
        "a validator's declared address is not its key's",
        &trusted4,
        b,
        now,
        "light.validator_address_mismatch",
    );
    let mut b = block(CHAIN_ID, 11, at100, &four, &four, &keys(&[1, 2, 3, 4]));
    b.signed_header.commit.height = 12;
    add(
        "commit-height",
        "the commit is for another height",
        &trusted4,
        b,
        now,
        "light.commit_height_mismatch",
    );
    let mut b = block(CHAIN_ID, 11, at100, &four, &four, &keys(&[1, 2, 3, 4]));
    b.signed_header.commit.block_id.hash[0] ^= 1;
    add(
        "commit-block-id",
        "the commit signs another block id",
        &trusted4,
        b,
        now,
        "light.commit_block_id_mismatch",
    );
    let mut b = block(CHAIN_ID, 11, at100, &four, &four, &keys(&[1, 2, 3, 4]));
    b.next_validator_set = Some(vals(&[9]));
    add(
        "next-validators",
        "next validator set not the one the header commits to",
        &trusted4,
        b,
        now,
        "light.next_validators_hash_mismatch",
    );
    let mut b = block(CHAIN_ID, 11, at100, &four, &four, &keys(&[1, 2, 3, 4]));
    b.validator_set = vals(&[1, 2, 3, 5]);
    add(
        "validators-swapped",
        "validator set not the one the header commits to",
        &trusted4,
        b,
        now,
        "light.validators_hash_mismatch",
    );
    let mut b = block(CHAIN_ID, 11, at100, &four, &four, &keys(&[1, 2, 3, 4]));
    if let Some(s) = b.signed_header.commit.signatures[1].signature.as_mut() {
        s.truncate(63);
    }
    add(
        "short-signature",
        "a 63-byte commit signature",
        &trusted4,
        b,
        now,
        "light.malformed_commit_sig",
    );
    let other = vals(&[5, 6, 7]);
    add(
        "adjacent-new-validators",
        "the next height signed by validators the trusted header did not name",
        &trusted4,
        block(CHAIN_ID, 11, at100, &other, &four, &keys(&[5, 6, 7])),
        now,
        "light.adjacent_validators_mismatch",
    );
    out
}

#[allow(clippy::too_many_arguments)]
fn merkle_case(
    name: &str,
    why: &'static str,
    index: u64,
    total: u64,
    leaf: Hash,
    aunts: &[Hash],
    root: Hash,
    expect: &str,
) -> Case {
    let got = match verify_inclusion(index, total, &leaf, aunts, &root) {
        Ok(()) => "ok".to_string(),
        Err(e) => e.code().to_string(),
    };
    assert_eq!(got, expect, "{name}");
    Case {
        name: format!("gen-merkle-{name}"),
        why,
        area: "merkle",
        input: json!({
            "index": index, "total": total, "leafHash": to_hex(&leaf),
            "aunts": aunts.iter().map(|a| to_hex(a)).collect::<Vec<_>>(), "root": to_hex(&root),
        }),
        expect: expect.into(),
    }
}

fn merkle_cases() -> Vec<Case> {
    let leaves: Vec<Hash> = (0u8..7).map(|i| leaf_hash(&[i; 3])).collect();
    let root = root_from_leaf_hashes(&leaves);
    let proof = inclusion_proof(&leaves, 4).unwrap();
    let mut out = vec![merkle_case(
        "ok",
        "control: leaf 4 of 7",
        4,
        7,
        leaves[4],
        &proof,
        root,
        "ok",
    )];
    // Leaf/node confusion: an inner node presented as a leaf hash one level up.
    let node = node_hash(&leaves[4], &leaves[5]);
    out.push(merkle_case(
        "node-as-leaf",
        "an inner node (4,5) passed off as a leaf",
        4,
        7,
        node,
        &proof[1..],
        root,
        "merkle.wrong_proof_length",
    ));
    let raw_leaf: Hash = medproof::crypto::sha256(&[4u8; 3]);
    out.push(merkle_case(
        "unprefixed-leaf",
        "the leaf's plain SHA-256 (no 0x00 prefix)",
        4,
        7,
        raw_leaf,
        &proof,
        root,
        "merkle.root_mismatch",
    ));
    out.push(merkle_case(
        "wrong-index",
        "the right proof with index 5",
        5,
        7,
        leaves[4],
        &proof,
        root,
        "merkle.root_mismatch",
    ));
    out.push(merkle_case(
        "wrong-total",
        "the right proof with total 6 (another path shape)",
        4,
        6,
        leaves[4],
        &proof,
        root,
        "merkle.wrong_proof_length",
    ));
    // RFC 6962 (and CometBFT) proofs bind the path's shape, not the size: leaf 4 has the same
    // path in trees of 7 and 8 leaves, so the proof verifies with total 8. The size must come
    // from elsewhere (a header), never from the proof.
    out.push(merkle_case(
        "same-shape-total",
        "the right proof with total 8: same path shape as 7, so it verifies (by design)",
        4,
        8,
        leaves[4],
        &proof,
        root,
        "ok",
    ));
    out.push(merkle_case(
        "index-beyond-total",
        "index 7 of 7",
        7,
        7,
        leaves[4],
        &proof,
        root,
        "merkle.index_out_of_range",
    ));
    out.push(merkle_case(
        "truncated-aunts",
        "the last aunt dropped",
        4,
        7,
        leaves[4],
        &proof[..proof.len() - 1],
        root,
        "merkle.wrong_proof_length",
    ));
    let mut extra = proof.clone();
    extra.push(leaves[0]);
    out.push(merkle_case(
        "extra-aunt",
        "one aunt too many",
        4,
        7,
        leaves[4],
        &extra,
        root,
        "merkle.wrong_proof_length",
    ));
    out
}

fn ed_case(
    name: String,
    why: &'static str,
    rule: Rule,
    key: [u8; 32],
    msg: &[u8],
    sig: [u8; 64],
    expect: &str,
) -> Case {
    let got = match ed25519::verify(
        rule,
        &PublicKey::from_slice(&key).unwrap(),
        msg,
        &Signature::from_slice(&sig).unwrap(),
    ) {
        Ok(()) => "ok".to_string(),
        Err(e) => e.code().to_string(),
    };
    assert_eq!(got, expect, "{name}");
    Case {
        name: format!("gen-ed25519-{name}"),
        why,
        area: "ed25519",
        input: json!({"rule": rule.name(), "publicKey": to_hex(&key), "message": to_hex(msg), "signature": to_hex(&sig)}),
        expect: expect.into(),
    }
}

fn ed25519_cases() -> Vec<Case> {
    let key = SigningKey::from_seed(&[7; 32]);
    let pk = *key.public_key().as_bytes();
    let msg = b"medproof adversarial";
    let good = *key.sign(msg).as_bytes();
    let mut out = Vec::new();
    for rule in [Rule::Strict, Rule::Zip215] {
        let r = rule.name();
        out.push(ed_case(
            format!("{r}-ok"),
            "control: a good signature",
            rule,
            pk,
            msg,
            good,
            "ok",
        ));
        // S + ℓ: the same signature with a non-canonical scalar; both rules reject it.
        let mut s = [0u8; 32];
        s.copy_from_slice(&good[32..]);
        let mut carry = 0u16;
        for i in 0..32 {
            let v = u16::from(s[i]) + u16::from(ELL[i]) + carry;
            s[i] = v as u8;
            carry = v >> 8;
        }
        let mut r_part = [0u8; 32];
        r_part.copy_from_slice(&good[..32]);
        out.push(ed_case(
            format!("{r}-s-plus-ell"),
            "S + ℓ (non-canonical scalar)",
            rule,
            pk,
            msg,
            signature(&r_part, &s),
            "ed25519.bad_signature",
        ));
        let mut flipped = good;
        flipped[0] ^= 1;
        out.push(ed_case(
            format!("{r}-tampered-r"),
            "one bit of R flipped",
            rule,
            pk,
            msg,
            flipped,
            "ed25519.bad_signature",
        ));
    }
    // Small-order key with R = the same small-order point and S = 0: ZIP-215 accepts (its
    // cofactored equation holds), strict RFC 8032 rejects the weak key.
    let small = small_order_encodings()[0];
    out.push(ed_case(
        "strict-small-order-key".into(),
        "small-order public key, R small-order, S = 0",
        Rule::Strict,
        small,
        msg,
        signature(&small, &[0; 32]),
        "ed25519.bad_signature",
    ));
    out.push(ed_case(
        "zip215-small-order-key".into(),
        "the same under ZIP-215, which accepts it by design",
        Rule::Zip215,
        small,
        msg,
        signature(&small, &[0; 32]),
        "ok",
    ));
    out
}

fn render(case: &Case) -> String {
    let v = json!({"area": case.area, "why": case.why, "input": case.input, "expect": case.expect});
    serde_json::to_string_pretty(&v).unwrap() + "\n"
}

#[test]
fn generated_cases_are_reproducible() {
    let cases: Vec<Case> = [
        light_cases(),
        merkle_cases(),
        ed25519_cases(),
        verifier::verifier_cases(),
    ]
    .into_iter()
    .flatten()
    .collect();
    let write = std::env::var("MEDPROOF_WRITE_ADVERSARIAL").is_ok_and(|v| v == "1");
    let mut stale = Vec::new();
    for case in &cases {
        let path = format!("tests/adversarial/{}.json", case.name);
        let text = render(case);
        if write {
            std::fs::write(&path, &text).unwrap();
        } else if std::fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
            stale.push(path);
        }
    }
    println!("{} generated adversarial cases checked", cases.len());
    assert!(
        stale.is_empty(),
        "stale (run with MEDPROOF_WRITE_ADVERSARIAL=1): {stale:?}"
    );
}

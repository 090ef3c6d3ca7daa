//! `Rule::Zip215` (src/crypto/zip215.rs) against two independent ZIP-215 implementations,
//! ed25519-zebra (the Zcash Foundation's reference) and ed25519-consensus (on a different curve
//! library, curve25519-dalek-ng): single and batch verdicts must agree on the edge cases ZIP-215
//! exists for (every small-order point, every non-canonical encoding of one, non-canonical `S`)
//! and on random valid, tampered and garbage signatures.
#![cfg(not(target_arch = "wasm32"))]

use curve25519_dalek::constants::EIGHT_TORSION;
use curve25519_dalek::edwards::EdwardsPoint;
use curve25519_dalek::scalar::Scalar;
use medproof::crypto::ed25519::{verify, verify_batch, PublicKey, Rule, Signature, SigningKey};
use proptest::prelude::*;

#[path = "common/small_order.rs"]
mod small_order;
use sha2::{Digest, Sha512};
use small_order::{signature, small_order_encodings, ELL};

/// The verdict of both reference implementations, which must agree with each other.
fn reference_accepts(key: &[u8; 32], msg: &[u8], sig: &[u8; 64]) -> bool {
    let consensus = ed25519_consensus::VerificationKey::try_from(*key)
        .and_then(|vk| vk.verify(&ed25519_consensus::Signature::from(*sig), msg))
        .is_ok();
    let zebra = ed25519_zebra::VerificationKey::try_from(*key)
        .and_then(|vk| vk.verify(&ed25519_zebra::Signature::from_bytes(sig), msg))
        .is_ok();
    assert_eq!(consensus, zebra, "the references disagree");
    consensus
}

fn reference_batch_accepts(items: &[([u8; 32], Vec<u8>, [u8; 64])]) -> bool {
    let mut consensus = ed25519_consensus::batch::Verifier::new();
    let mut zebra = ed25519_zebra::batch::Verifier::new();
    for (key, msg, sig) in items {
        let vk = ed25519_consensus::VerificationKeyBytes::from(*key);
        consensus.queue((vk, ed25519_consensus::Signature::from(*sig), msg));
        let vk = ed25519_zebra::VerificationKeyBytes::from(*key);
        zebra.queue((vk, ed25519_zebra::Signature::from_bytes(sig), msg));
    }
    let (c, z) = (
        consensus.verify(rand_core::OsRng).is_ok(),
        zebra.verify(rand_core::OsRng).is_ok(),
    );
    assert_eq!(c, z, "the references disagree on a batch");
    c
}

fn ours_accepts(key: &[u8; 32], msg: &[u8], sig: &[u8; 64]) -> bool {
    verify(Rule::Zip215, &PublicKey(*key), msg, &Signature(*sig)).is_ok()
}

fn ours_batch_accepts(items: &[([u8; 32], Vec<u8>, [u8; 64])]) -> bool {
    let items: Vec<_> = items
        .iter()
        .map(|(k, m, s)| (PublicKey(*k), m.as_slice(), Signature(*s)))
        .collect();
    verify_batch(Rule::Zip215, &items).is_ok()
}

#[test]
fn small_order_and_non_canonical_matrix_agrees_with_the_references() {
    let encodings = small_order_encodings();
    assert!(encodings.len() >= 14, "{} encodings", encodings.len());
    let msg = b"Zcash";
    let (mut cases, mut accepted) = (0, 0);
    for a in &encodings {
        for r in &encodings {
            for s in [[0u8; 32], ELL] {
                let sig = signature(r, &s);
                let ours = ours_accepts(a, msg, &sig);
                assert_eq!(
                    ours,
                    reference_accepts(a, msg, &sig),
                    "A={a:02x?} R={r:02x?} S={s:02x?}"
                );
                // Batch of one must agree with single verification under ZIP-215.
                let batch =
                    verify_batch(Rule::Zip215, &[(PublicKey(*a), &msg[..], Signature(sig))]);
                assert_eq!(batch.is_ok(), ours, "batch of one, A={a:02x?} R={r:02x?}");
                // Strict refuses every one of these: small-order keys and R.
                assert!(verify(Rule::Strict, &PublicKey(*a), msg, &Signature(sig)).is_err());
                cases += 1;
                accepted += usize::from(ours);
            }
        }
    }
    // With S = 0 and small-order A and R, [8]R = [8][k]A = 0: ZIP-215 accepts every pair that
    // decodes; S = ℓ is always refused.
    let decoding = encodings
        .iter()
        .filter(|e| ed25519_consensus::VerificationKey::try_from(**e).is_ok())
        .count();
    assert_eq!(accepted, decoding * decoding);

    // All accepted cases in one batch are accepted; one S = ℓ among them sinks the batch.
    let mut batch: Vec<([u8; 32], Vec<u8>, [u8; 64])> = Vec::new();
    for a in &encodings {
        for r in &encodings {
            batch.push((*a, msg.to_vec(), signature(r, &[0u8; 32])));
        }
    }
    assert!(ours_batch_accepts(&batch));
    assert!(reference_batch_accepts(&batch));
    batch.push((encodings[0], msg.to_vec(), signature(&encodings[0], &ELL)));
    assert!(!ours_batch_accepts(&batch));
    assert!(!reference_batch_accepts(&batch));
    println!(
        "zip215 matrix: {} encodings, {cases} cases, {accepted} accepted, all agree with ed25519-zebra and ed25519-consensus",
        encodings.len()
    );
}

/// A signature by secret scalar `a` for the key `[a]B + T` (T of small order), with `R = [r]B + T_r`:
/// it satisfies the cofactored equation but, unless the torsion cancels, not the cofactorless one.
fn mixed_order_signature(
    a: Scalar,
    t: usize,
    r: Scalar,
    t_r: usize,
    msg: &[u8],
) -> ([u8; 32], [u8; 64]) {
    let key = (EdwardsPoint::mul_base(&a) + EIGHT_TORSION[t])
        .compress()
        .to_bytes();
    let r_enc = (EdwardsPoint::mul_base(&r) + EIGHT_TORSION[t_r])
        .compress()
        .to_bytes();
    let k = Scalar::from_bytes_mod_order_wide(
        &Sha512::new()
            .chain_update(r_enc)
            .chain_update(key)
            .chain_update(msg)
            .finalize()
            .into(),
    );
    (key, signature(&r_enc, &(r + k * a).to_bytes()))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn mixed_order_keys_and_r_agree_with_the_references(
        a in any::<[u8; 32]>(), r in any::<[u8; 32]>(), t in 0usize..8, t_r in 0usize..8,
        msg in prop::collection::vec(any::<u8>(), 0..64),
    ) {
        let (key, sig) = mixed_order_signature(Scalar::from_bytes_mod_order(a), t, Scalar::from_bytes_mod_order(r), t_r, &msg);
        // The cofactored equation holds whatever the torsion: ZIP-215 accepts.
        prop_assert!(ours_accepts(&key, &msg, &sig));
        prop_assert!(reference_accepts(&key, &msg, &sig));
        let batch = [(PublicKey(key), msg.as_slice(), Signature(sig))];
        prop_assert!(verify_batch(Rule::Zip215, &batch).is_ok());
        // Strict (cofactorless) is sure to accept only torsion-free keys and R (t = 0: identity).
        if t == 0 && t_r == 0 {
            prop_assert!(verify(Rule::Strict, &PublicKey(key), &msg, &Signature(sig)).is_ok());
        }
    }

    #[test]
    fn random_signatures_agree_with_the_references(
        seed in any::<[u8; 32]>(), msg in prop::collection::vec(any::<u8>(), 0..200),
        flip in 0usize..(96 * 8), garbage in any::<[u8; 32]>(), garbage_sig in prop::collection::vec(any::<u8>(), 64),
    ) {
        let key = SigningKey::from_seed(&seed);
        let pk = key.public_key().0;
        let sig = key.sign(&msg).0;
        prop_assert!(ours_accepts(&pk, &msg, &sig));
        prop_assert!(reference_accepts(&pk, &msg, &sig));

        // One flipped bit in key or signature: both verdicts agree (and are almost always "no").
        let (mut pk2, mut sig2) = (pk, sig);
        if flip < 256 { pk2[flip / 8] ^= 1 << (flip % 8) } else { sig2[flip / 8 - 32] ^= 1 << (flip % 8) }
        prop_assert_eq!(ours_accepts(&pk2, &msg, &sig2), reference_accepts(&pk2, &msg, &sig2));

        // Garbage key and signature bytes.
        let mut g = [0u8; 64];
        g.copy_from_slice(&garbage_sig);
        prop_assert_eq!(ours_accepts(&garbage, &msg, &g), reference_accepts(&garbage, &msg, &g));
    }

    #[test]
    fn batches_agree_with_the_references(n in 1usize..24, bad in any::<prop::sample::Index>(), tamper in any::<bool>()) {
        let mut items: Vec<([u8; 32], Vec<u8>, [u8; 64])> = (0..n)
            .map(|i| {
                let key = SigningKey::from_seed(&[i as u8; 32]);
                let msg = vec![i as u8; 110];
                (key.public_key().0, msg.clone(), key.sign(&msg).0)
            })
            .collect();
        if tamper {
            items[bad.index(n)].2[40] ^= 2;
        }
        let ours = ours_batch_accepts(&items);
        prop_assert_eq!(ours, !tamper);
        prop_assert_eq!(ours, reference_batch_accepts(&items));
    }
}

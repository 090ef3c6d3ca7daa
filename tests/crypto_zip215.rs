//! `Rule::Zip215` (ed25519-zebra on curve25519-dalek 4) against an independent ZIP-215
//! implementation, ed25519-consensus (on curve25519-dalek-ng): single and batch verdicts must agree
//! on the edge cases ZIP-215 exists for (every small-order point, every non-canonical encoding of
//! one, non-canonical `S`) and on random valid, tampered and garbage signatures.
#![cfg(not(target_arch = "wasm32"))]

use curve25519_dalek::constants::EIGHT_TORSION;
use medproof::crypto::ed25519::{verify, verify_batch, PublicKey, Rule, Signature, SigningKey};
use proptest::prelude::*;

/// The verdict of the reference implementation.
fn consensus_accepts(key: &[u8; 32], msg: &[u8], sig: &[u8; 64]) -> bool {
    ed25519_consensus::VerificationKey::try_from(*key)
        .and_then(|vk| vk.verify(&ed25519_consensus::Signature::from(*sig), msg))
        .is_ok()
}

fn consensus_batch_accepts(items: &[([u8; 32], Vec<u8>, [u8; 64])]) -> bool {
    let mut v = ed25519_consensus::batch::Verifier::new();
    for (key, msg, sig) in items {
        let vk = ed25519_consensus::VerificationKeyBytes::from(*key);
        v.queue((vk, ed25519_consensus::Signature::from(*sig), msg));
    }
    v.verify(rand_core::OsRng).is_ok()
}

fn ours_accepts(key: &[u8; 32], msg: &[u8], sig: &[u8; 64]) -> bool {
    verify(Rule::Zip215, &PublicKey(*key), msg, &Signature(*sig)).is_ok()
}

fn signature(r: &[u8; 32], s: &[u8; 32]) -> [u8; 64] {
    let mut sig = [0u8; 64];
    sig[..32].copy_from_slice(r);
    sig[32..].copy_from_slice(s);
    sig
}

/// Every encoding of a small-order point: the canonical one, with the sign bit flipped, and
/// `y + p` (possible when `y < 19`), with either sign bit. Includes encodings that do not decode.
fn small_order_encodings() -> Vec<[u8; 32]> {
    let mut out = Vec::new();
    for point in EIGHT_TORSION {
        let canonical = point.compress().to_bytes();
        let mut candidates = vec![canonical, flip_sign(canonical)];
        let mut y = canonical;
        y[31] &= 0x7f;
        if y[1..].iter().all(|&b| b == 0) && y[0] < 19 {
            // y + p = 2^255 - 19 + y: 0xff bytes, low byte 237 + y, top byte 0x7f.
            let mut big = [0xffu8; 32];
            big[0] = 237 + y[0];
            big[31] = 0x7f | (canonical[31] & 0x80);
            candidates.extend([big, flip_sign(big)]);
        }
        for c in candidates {
            if !out.contains(&c) {
                out.push(c);
            }
        }
    }
    out
}

fn flip_sign(mut enc: [u8; 32]) -> [u8; 32] {
    enc[31] ^= 0x80;
    enc
}

#[test]
fn small_order_and_non_canonical_matrix_agrees_with_ed25519_consensus() {
    let encodings = small_order_encodings();
    assert!(encodings.len() >= 14, "{} encodings", encodings.len());
    // ℓ, the group order: the smallest non-canonical S.
    let ell: [u8; 32] = [
        0xed, 0xd3, 0xf5, 0x5c, 0x1a, 0x63, 0x12, 0x58, 0xd6, 0x9c, 0xf7, 0xa2, 0xde, 0xf9, 0xde,
        0x14, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x10,
    ];
    let msg = b"Zcash";
    let (mut cases, mut accepted) = (0, 0);
    for a in &encodings {
        for r in &encodings {
            for s in [[0u8; 32], ell] {
                let sig = signature(r, &s);
                let ours = ours_accepts(a, msg, &sig);
                assert_eq!(
                    ours,
                    consensus_accepts(a, msg, &sig),
                    "A={a:02x?} R={r:02x?} S={s:02x?}"
                );
                // Batch of one must agree with single verification under ZIP-215.
                let batch = verify_batch(Rule::Zip215, &[(PublicKey(*a), &msg[..], Signature(sig))]);
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
    println!(
        "zip215 matrix: {} encodings, {cases} cases, {accepted} accepted, all agree with ed25519-consensus",
        encodings.len()
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn random_signatures_agree_with_ed25519_consensus(
        seed in any::<[u8; 32]>(), msg in prop::collection::vec(any::<u8>(), 0..200),
        flip in 0usize..(96 * 8), garbage in any::<[u8; 32]>(), garbage_sig in prop::collection::vec(any::<u8>(), 64),
    ) {
        let key = SigningKey::from_seed(&seed);
        let pk = key.public_key().0;
        let sig = key.sign(&msg).0;
        prop_assert!(ours_accepts(&pk, &msg, &sig));
        prop_assert!(consensus_accepts(&pk, &msg, &sig));

        // One flipped bit in key or signature: both verdicts agree (and are almost always "no").
        let (mut pk2, mut sig2) = (pk, sig);
        if flip < 256 { pk2[flip / 8] ^= 1 << (flip % 8) } else { sig2[flip / 8 - 32] ^= 1 << (flip % 8) }
        prop_assert_eq!(ours_accepts(&pk2, &msg, &sig2), consensus_accepts(&pk2, &msg, &sig2));

        // Garbage key and signature bytes.
        let mut g = [0u8; 64];
        g.copy_from_slice(&garbage_sig);
        prop_assert_eq!(ours_accepts(&garbage, &msg, &g), consensus_accepts(&garbage, &msg, &g));
    }

    #[test]
    fn batches_agree_with_ed25519_consensus(n in 1usize..24, bad in any::<prop::sample::Index>(), tamper in any::<bool>()) {
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
        let borrowed: Vec<_> = items.iter().map(|(k, m, s)| (PublicKey(*k), m.as_slice(), Signature(*s))).collect();
        let ours = verify_batch(Rule::Zip215, &borrowed).is_ok();
        prop_assert_eq!(ours, !tamper);
        prop_assert_eq!(ours, consensus_batch_accepts(&items));
    }
}

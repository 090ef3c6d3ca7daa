//! Property tests of the Merkle and Ed25519 core: every leaf's proof verifies, any single bit flip
//! in leaf, proof or root is rejected, and no input (however sized) panics.
#![cfg(not(target_arch = "wasm32"))]

use medproof::crypto::ed25519::{verify, PublicKey, Rule, Signature, SigningKey};
use medproof::crypto::merkle::{
    inclusion_proof, leaf_hash, root_from_leaf_hashes, verify_consistency, verify_inclusion, Hash,
};
use proptest::prelude::*;

fn tree(n: usize, salt: u8) -> Vec<Hash> {
    (0..n)
        .map(|i| leaf_hash(&[salt, (i & 0xff) as u8, (i >> 8) as u8]))
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn every_leaf_proof_verifies_and_any_bit_flip_is_rejected(
        n in 1usize..300, salt in any::<u8>(), pick in any::<prop::sample::Index>(),
        flip in any::<prop::sample::Index>(), bit in 0u8..8,
    ) {
        let leaves = tree(n, salt);
        let root = root_from_leaf_hashes(&leaves);
        let i = pick.index(n);
        let proof = inclusion_proof(&leaves, i).unwrap();
        prop_assert!(verify_inclusion(i as u64, n as u64, &leaves[i], &proof, &root).is_ok());

        let mut leaf = leaves[i];
        leaf[flip.index(32)] ^= 1 << bit;
        prop_assert!(verify_inclusion(i as u64, n as u64, &leaf, &proof, &root).is_err());

        let mut bad_root = root;
        bad_root[flip.index(32)] ^= 1 << bit;
        prop_assert!(verify_inclusion(i as u64, n as u64, &leaves[i], &proof, &bad_root).is_err());

        if !proof.is_empty() {
            let mut bad = proof.clone();
            let k = flip.index(bad.len());
            bad[k][flip.index(32)] ^= 1 << bit;
            prop_assert!(verify_inclusion(i as u64, n as u64, &leaves[i], &bad, &root).is_err());
        }
    }

    #[test]
    fn wrong_position_is_rejected(n in 2usize..200, a in any::<prop::sample::Index>(), b in any::<prop::sample::Index>()) {
        let leaves = tree(n, 1);
        let root = root_from_leaf_hashes(&leaves);
        let (i, j) = (a.index(n), b.index(n));
        prop_assume!(i != j);
        let proof = inclusion_proof(&leaves, i).unwrap();
        prop_assert!(verify_inclusion(j as u64, n as u64, &leaves[i], &proof, &root).is_err());
    }

    #[test]
    fn arbitrary_positions_and_proofs_never_panic(
        index in any::<u64>(), size in any::<u64>(), len in 0usize..70,
        size1 in any::<u64>(), size2 in any::<u64>(),
    ) {
        let h = [7u8; 32];
        let proof = vec![h; len];
        let _ = verify_inclusion(index, size, &h, &proof, &h);
        let _ = verify_consistency(size1, size2, &proof, &h, &h);
        let _ = verify_consistency(size1 / 2, size1, &proof, &h, &h);
        let _ = verify_inclusion(size.saturating_sub(1), size, &h, &proof, &h);
    }

    #[test]
    fn arbitrary_keys_and_signatures_never_panic(key in any::<[u8; 32]>(), sig in prop::collection::vec(any::<u8>(), 64), msg in prop::collection::vec(any::<u8>(), 0..100)) {
        let sig = Signature::from_slice(&sig).unwrap();
        for rule in [Rule::Zip215, Rule::Strict] {
            // Random bytes are (overwhelmingly) not a valid signature.
            prop_assert!(verify(rule, &PublicKey(key), &msg, &sig).is_err());
        }
    }

    #[test]
    fn a_signature_verifies_only_for_its_message(seed in any::<[u8; 32]>(), msg in prop::collection::vec(any::<u8>(), 1..200), flip in any::<prop::sample::Index>()) {
        let key = SigningKey::from_seed(&seed);
        let sig = key.sign(&msg);
        let mut other = msg.clone();
        other[flip.index(msg.len())] ^= 1;
        for rule in [Rule::Zip215, Rule::Strict] {
            prop_assert!(verify(rule, &key.public_key(), &msg, &sig).is_ok());
            prop_assert!(verify(rule, &key.public_key(), &other, &sig).is_err());
        }
    }
}

//! The chunked root (`crypto::chunk_root`): the incremental builder computes exactly RFC 9162's
//! recursive root (`merkle::root_from_leaf_hashes` over `leaf_hash(SHA-256(chunk))`) for every
//! leaf count up to 600 and for random larger ones, stays O(log n), and the one-shot form splits a
//! file at 1 MiB boundaries as the ledger format says.
#![cfg(not(target_arch = "wasm32"))]

use medproof::crypto::chunk_root::{chunk_count, chunk_root, ChunkRootBuilder, CHUNK_SIZE};
use medproof::crypto::merkle::{leaf_hash, root_from_leaf_hashes, Hash};
use medproof::crypto::sha256;
use medproof::error::Coded;
use proptest::prelude::*;

/// The recursive reference: leaves are the chunk digests, hashed as RFC 9162 leaves.
fn reference(digests: &[[u8; 32]]) -> Hash {
    let leaves: Vec<Hash> = digests.iter().map(|d| leaf_hash(d)).collect();
    root_from_leaf_hashes(&leaves)
}

fn digests(n: usize, salt: u8) -> Vec<[u8; 32]> {
    (0..n as u32)
        .map(|i| {
            let mut seed = i.to_le_bytes().to_vec();
            seed.push(salt);
            sha256(&seed)
        })
        .collect()
}

fn built(digests: &[[u8; 32]]) -> Hash {
    let mut b = ChunkRootBuilder::new();
    for d in digests {
        b.push_slice(d).unwrap();
    }
    assert_eq!(b.chunks(), digests.len() as u64);
    b.root()
}

#[test]
fn every_leaf_count_from_0_to_600() {
    let all = digests(600, 1);
    let mut checked = 0;
    for n in 0..=600 {
        assert_eq!(built(&all[..n]), reference(&all[..n]), "{n} chunks");
        checked += 1;
    }
    println!("builder = recursive RFC 9162 root for {checked} leaf counts (0..=600)");
}

#[test]
fn one_shot_splits_at_1_mib() {
    let data: Vec<u8> = (0..5 * CHUNK_SIZE + 3)
        .map(|i| (i * 31 + i / 977) as u8)
        .collect();
    let mut checked = 0;
    for size in [
        0,
        1,
        CHUNK_SIZE - 1,
        CHUNK_SIZE,
        CHUNK_SIZE + 1,
        2 * CHUNK_SIZE,
        5 * CHUNK_SIZE + 3,
    ] {
        let bytes = &data[..size];
        let chunk_digests: Vec<[u8; 32]> = bytes.chunks(CHUNK_SIZE).map(sha256).collect();
        assert_eq!(chunk_digests.len() as u64, chunk_count(size as u64));
        assert_eq!(chunk_root(bytes), reference(&chunk_digests), "{size} bytes");
        checked += 1;
    }
    // Independent of the builder: the empty file is SHA-256(""), one chunk is its leaf hash, and
    // 1 MiB + 1 byte is the node over two leaves.
    assert_eq!(chunk_root(b""), sha256(b""));
    let leaf = |b: &[u8]| leaf_hash(&sha256(b));
    assert_eq!(chunk_root(&data[..1]), leaf(&data[..1]));
    let two = medproof::crypto::merkle::node_hash(
        &leaf(&data[..CHUNK_SIZE]),
        &leaf(&data[CHUNK_SIZE..CHUNK_SIZE + 1]),
    );
    assert_eq!(chunk_root(&data[..CHUNK_SIZE + 1]), two);
    println!("one-shot chunk root checked for {checked} sizes around 1 MiB boundaries");
}

#[test]
fn a_wrong_digest_length_is_a_coded_error_and_changes_nothing() {
    let mut b = ChunkRootBuilder::new();
    b.push_slice(&[1; 32]).unwrap();
    let before = b.root();
    for len in [0usize, 1, 31, 33, 64] {
        let e = b.push_slice(&vec![0; len]).unwrap_err();
        assert_eq!(e.code(), "chunk_root.bad_digest_length");
        assert_eq!(
            medproof::error::Error::from(e).code(),
            "chunk_root.bad_digest_length"
        );
    }
    assert_eq!(b.chunks(), 1);
    assert_eq!(b.root(), before);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn random_leaf_counts_match_the_recursive_root(n in 601usize..5000, salt in any::<u8>()) {
        let d = digests(n, salt);
        prop_assert_eq!(built(&d), reference(&d));
    }

    #[test]
    fn any_changed_digest_changes_the_root(n in 1usize..300, pick in any::<prop::sample::Index>(), bit in 0u8..8) {
        let mut d = digests(n, 9);
        let root = built(&d);
        let i = pick.index(n);
        d[i][0] ^= 1 << bit;
        prop_assert_ne!(built(&d), root);
    }
}

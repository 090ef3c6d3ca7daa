//! Merkle proof verification on arbitrary positions, sizes and proofs: must never panic, and a
//! proof that verifies must verify again (determinism). The chunk root's incremental builder
//! agrees with the recursive root on any digests, and refuses a digest that is not 32 bytes.
#![no_main]

use libfuzzer_sys::fuzz_target;
use medproof::crypto::chunk_root::ChunkRootBuilder;
use medproof::crypto::merkle::{
    leaf_hash, root_from_leaf_hashes, verify_consistency, verify_inclusion, CometProof, Hash,
};

fn take_u64(data: &mut &[u8]) -> u64 {
    let (head, rest) = data.split_at(data.len().min(8));
    *data = rest;
    let mut b = [0u8; 8];
    b[..head.len()].copy_from_slice(head);
    u64::from_le_bytes(b)
}

fuzz_target!(|data: &[u8]| {
    let mut d = data;
    let a = take_u64(&mut d);
    let b = take_u64(&mut d);
    let hashes: Vec<Hash> = d
        .chunks_exact(32)
        .map(|c| c.try_into().unwrap_or([0; 32]))
        .collect();
    let (leaf, root, proof) = match hashes.split_first() {
        Some((first, rest)) => (*first, rest.last().copied().unwrap_or(*first), rest),
        None => ([0; 32], [0; 32], &[][..]),
    };
    let r1 = verify_inclusion(a, b, &leaf, proof, &root);
    assert_eq!(r1, verify_inclusion(a, b, &leaf, proof, &root));
    let _ = verify_consistency(a, b, proof, &leaf, &root);
    let _ = verify_consistency(a % 1024, b % 2048, proof, &leaf, &root);
    let p = CometProof {
        total: b,
        index: a,
        leaf_hash: leaf,
        aunts: proof.to_vec(),
    };
    let _ = p.compute_root();
    let _ = p.verify(&root, data);

    let mut builder = ChunkRootBuilder::new();
    for h in &hashes {
        assert!(builder.push(h).is_ok());
    }
    let leaves: Vec<Hash> = hashes.iter().map(|h| leaf_hash(h)).collect();
    assert_eq!(builder.root(), root_from_leaf_hashes(&leaves));
    assert!(builder.push_slice(&d[..d.len() % 32]).is_err());
});

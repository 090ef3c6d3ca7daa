//! Merkle trees as RFC 6962 / RFC 9162 define them, over SHA-256.
//!
//! Leaves are hashed as `SHA-256(0x00 ‖ leaf)` and inner nodes as `SHA-256(0x01 ‖ left ‖ right)`;
//! a tree of `n` leaves splits at the largest power of two smaller than `n`. CometBFT builds its
//! header, transaction and validator-set hashes the same way, and its `Proof {total, index,
//! leaf_hash, aunts}` is an RFC 9162 audit path ordered from the leaf up, so [`CometProof`] goes
//! through [`verify_inclusion`] unchanged.
//!
//! Verification never trusts sizes from the input: indices past the tree, sizes near `2^64`,
//! proofs too short or too long are typed errors, never panics or overflows.

use crate::crypto::sha256::{sha256_parts, Digest32};
use crate::error::Coded;

/// A node hash.
pub type Hash = Digest32;

/// The hash of the empty tree: SHA-256 of the empty string.
pub const EMPTY_ROOT: Hash = [
    0xe3, 0xb0, 0xc4, 0x42, 0x98, 0xfc, 0x1c, 0x14, 0x9a, 0xfb, 0xf4, 0xc8, 0x99, 0x6f, 0xb9, 0x24,
    0x27, 0xae, 0x41, 0xe4, 0x64, 0x9b, 0x93, 0x4c, 0xa4, 0x95, 0x99, 0x1b, 0x78, 0x52, 0xb8, 0x55,
];

/// Errors from Merkle proof verification.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum MerkleError {
    /// The proof is well formed but leads to a different root.
    #[error("Merkle proof leads to a different root")]
    RootMismatch,
    /// The leaf index is not inside the tree.
    #[error("leaf index {index} is outside a tree of size {size}")]
    IndexOutOfRange {
        /// The index given.
        index: u64,
        /// The tree size given.
        size: u64,
    },
    /// The proof has the wrong number of hashes for this index and size.
    #[error("proof has {actual} hashes, a proof for this position needs {expected}")]
    WrongProofLength {
        /// Hashes needed.
        expected: usize,
        /// Hashes given.
        actual: usize,
    },
    /// Consistency proof sizes are not `0 < size1 <= size2` (or equal sizes with a proof).
    #[error("tree sizes {size1} and {size2} cannot be proven consistent this way")]
    BadSizes {
        /// The older size.
        size1: u64,
        /// The newer size.
        size2: u64,
    },
    /// A hash that is not 32 bytes.
    #[error("a Merkle hash must be 32 bytes, got {0}")]
    BadHashLength(usize),
}

impl Coded for MerkleError {
    fn code(&self) -> &'static str {
        match self {
            MerkleError::RootMismatch => "merkle.root_mismatch",
            MerkleError::IndexOutOfRange { .. } => "merkle.index_out_of_range",
            MerkleError::WrongProofLength { .. } => "merkle.wrong_proof_length",
            MerkleError::BadSizes { .. } => "merkle.bad_sizes",
            MerkleError::BadHashLength(_) => "merkle.bad_hash_length",
        }
    }
}

/// `SHA-256(0x00 ‖ leaf)`.
pub fn leaf_hash(leaf: &[u8]) -> Hash {
    sha256_parts(&[&[0x00], leaf])
}

/// `SHA-256(0x01 ‖ left ‖ right)`.
pub fn node_hash(left: &Hash, right: &Hash) -> Hash {
    sha256_parts(&[&[0x01], left, right])
}

/// Convert a slice to a hash, or [`MerkleError::BadHashLength`].
pub fn hash_from_slice(bytes: &[u8]) -> Result<Hash, MerkleError> {
    bytes
        .try_into()
        .map_err(|_| MerkleError::BadHashLength(bytes.len()))
}

/// Largest power of two strictly smaller than `n` (`n >= 2`).
fn split_point(n: usize) -> usize {
    debug_assert!(n >= 2);
    1usize << (usize::BITS - 1 - (n - 1).leading_zeros())
}

/// The root of a tree whose leaves are `leaves` (each hashed with [`leaf_hash`]).
pub fn root<T: AsRef<[u8]>>(leaves: &[T]) -> Hash {
    let hashes: Vec<Hash> = leaves.iter().map(|l| leaf_hash(l.as_ref())).collect();
    root_from_leaf_hashes(&hashes)
}

/// `hashes` (at least two) split where RFC 9162 splits a tree: the left part holds the largest
/// power of two of leaves below their number.
fn halves(hashes: &[Hash]) -> (&[Hash], &[Hash]) {
    // split_point(n) < n for n >= 2: the split is in bounds.
    hashes.split_at(split_point(hashes.len()))
}

/// The root of a tree whose leaf hashes are already computed.
pub fn root_from_leaf_hashes(hashes: &[Hash]) -> Hash {
    match hashes {
        [] => EMPTY_ROOT,
        [only] => *only,
        _ => {
            let (left, right) = halves(hashes);
            node_hash(&root_from_leaf_hashes(left), &root_from_leaf_hashes(right))
        }
    }
}

/// The audit path (inclusion proof) for leaf `index`, from the leaf up.
pub fn inclusion_proof(hashes: &[Hash], index: usize) -> Result<Vec<Hash>, MerkleError> {
    if index >= hashes.len() {
        return Err(MerkleError::IndexOutOfRange {
            index: index as u64,
            size: hashes.len() as u64,
        });
    }
    let mut path = Vec::new();
    build_path(hashes, index, &mut path);
    Ok(path)
}

fn build_path(hashes: &[Hash], index: usize, path: &mut Vec<Hash>) {
    if hashes.len() <= 1 {
        return;
    }
    let (left, right) = halves(hashes);
    if index < left.len() {
        build_path(left, index, path);
        path.push(root_from_leaf_hashes(right));
    } else {
        build_path(right, index - left.len(), path);
        path.push(root_from_leaf_hashes(left));
    }
}

/// Number of bits in `x`'s binary representation (0 for 0).
fn bit_len(x: u64) -> u32 {
    u64::BITS - x.leading_zeros()
}

/// Splits an inclusion proof for `index` in a tree of `size` into its inner part (shared with the
/// perfect subtree) and its border part (left siblings on the right border), per RFC 9162 §2.1.3.2.
fn decompose_inclusion(index: u64, size: u64) -> (usize, usize) {
    let inner = bit_len(index ^ (size - 1)) as usize;
    let border = index.checked_shr(inner as u32).unwrap_or(0).count_ones() as usize;
    (inner, border)
}

/// The root that `proof` implies for the leaf hash `leaf` at `index` in a tree of `size`.
///
/// Fails only on malformed positions and proof lengths; compare the result with a trusted root, or
/// use [`verify_inclusion`].
pub fn root_from_inclusion_proof(
    index: u64,
    size: u64,
    leaf: &Hash,
    proof: &[Hash],
) -> Result<Hash, MerkleError> {
    if index >= size {
        return Err(MerkleError::IndexOutOfRange { index, size });
    }
    let (inner, border) = decompose_inclusion(index, size);
    let expected = inner + border;
    let (inner_path, border_path) = match proof.split_at_checked(inner) {
        Some(parts) if proof.len() == expected => parts,
        _ => {
            return Err(MerkleError::WrongProofLength {
                expected,
                actual: proof.len(),
            })
        }
    };
    let mut h = *leaf;
    for (i, sibling) in inner_path.iter().enumerate() {
        h = if (index >> i) & 1 == 0 {
            node_hash(&h, sibling)
        } else {
            node_hash(sibling, &h)
        };
    }
    for sibling in border_path {
        h = node_hash(sibling, &h);
    }
    Ok(h)
}

/// Verify that the leaf hash `leaf` is at `index` in the tree of `size` leaves with root `root`.
pub fn verify_inclusion(
    index: u64,
    size: u64,
    leaf: &Hash,
    proof: &[Hash],
    root: &Hash,
) -> Result<(), MerkleError> {
    if root_from_inclusion_proof(index, size, leaf, proof)? == *root {
        Ok(())
    } else {
        Err(MerkleError::RootMismatch)
    }
}

/// Verify that the tree of `size2` leaves with root `root2` extends the tree of `size1` leaves
/// with root `root1` (RFC 9162 §2.1.4.2).
pub fn verify_consistency(
    size1: u64,
    size2: u64,
    proof: &[Hash],
    root1: &Hash,
    root2: &Hash,
) -> Result<(), MerkleError> {
    if size2 < size1 {
        return Err(MerkleError::BadSizes { size1, size2 });
    }
    if size1 == size2 {
        if !proof.is_empty() {
            return Err(MerkleError::WrongProofLength {
                expected: 0,
                actual: proof.len(),
            });
        }
        return if root1 == root2 {
            Ok(())
        } else {
            Err(MerkleError::RootMismatch)
        };
    }
    if size1 == 0 {
        // Every tree extends the empty tree; there is nothing to prove.
        if !proof.is_empty() {
            return Err(MerkleError::WrongProofLength {
                expected: 0,
                actual: proof.len(),
            });
        }
        return Ok(());
    }
    let Some((first, after_first)) = proof.split_first() else {
        return Err(MerkleError::WrongProofLength {
            expected: 1,
            actual: 0,
        });
    };
    // The proof is the inclusion proof of node (size1 - 1) in the size2 tree, with the part that
    // lies inside the largest perfect subtree ending at size1 collapsed into its root (seed).
    let (inner, border) = decompose_inclusion(size1 - 1, size2);
    let shift = (size1.trailing_zeros() as usize).min(inner);
    let inner = inner - shift;
    // If size1 is a power of two, the seed is root1 itself and is not in the proof.
    let (seed, rest) = if size1 == 1u64 << shift {
        (*root1, proof)
    } else {
        (*first, after_first)
    };
    let expected = inner + border;
    let (inner_path, border_path) = match rest.split_at_checked(inner) {
        Some(parts) if rest.len() == expected => parts,
        _ => {
            let extra = proof.len() - rest.len();
            return Err(MerkleError::WrongProofLength {
                expected: expected + extra,
                actual: proof.len(),
            });
        }
    };
    let mask = (size1 - 1) >> shift;
    // Root of the old tree, hashed along the path.
    let mut h1 = seed;
    for (i, sibling) in inner_path.iter().enumerate() {
        if (mask >> i) & 1 == 1 {
            h1 = node_hash(sibling, &h1);
        }
    }
    for sibling in border_path {
        h1 = node_hash(sibling, &h1);
    }
    // Root of the new tree.
    let mut h2 = seed;
    for (i, sibling) in inner_path.iter().enumerate() {
        h2 = if (mask >> i) & 1 == 0 {
            node_hash(&h2, sibling)
        } else {
            node_hash(sibling, &h2)
        };
    }
    for sibling in border_path {
        h2 = node_hash(sibling, &h2);
    }
    if h1 != *root1 || h2 != *root2 {
        return Err(MerkleError::RootMismatch);
    }
    Ok(())
}

/// CometBFT's Merkle proof shape (`crypto/merkle.Proof`): an RFC 9162 audit path, leaf first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CometProof {
    /// Number of leaves in the tree.
    pub total: u64,
    /// The leaf's index.
    pub index: u64,
    /// The leaf's hash (`SHA-256(0x00 ‖ leaf)`).
    pub leaf_hash: Hash,
    /// Sibling hashes from the leaf up.
    pub aunts: Vec<Hash>,
}

impl CometProof {
    /// The root this proof implies.
    pub fn compute_root(&self) -> Result<Hash, MerkleError> {
        root_from_inclusion_proof(self.index, self.total, &self.leaf_hash, &self.aunts)
    }

    /// Verify that `leaf` (raw bytes) is the proven leaf and that the proof leads to `root`.
    pub fn verify(&self, root: &Hash, leaf: &[u8]) -> Result<(), MerkleError> {
        if leaf_hash(leaf) != self.leaf_hash {
            return Err(MerkleError::RootMismatch);
        }
        verify_inclusion(self.index, self.total, &self.leaf_hash, &self.aunts, root)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn leaves(n: usize) -> Vec<Hash> {
        (0..n)
            .map(|i| leaf_hash(&(i as u64).to_be_bytes()))
            .collect()
    }

    #[test]
    fn every_inclusion_proof_verifies_for_small_trees() {
        for n in 1..40 {
            let hs = leaves(n);
            let r = root_from_leaf_hashes(&hs);
            for i in 0..n {
                let p = inclusion_proof(&hs, i).unwrap();
                verify_inclusion(i as u64, n as u64, &hs[i], &p, &r).unwrap();
            }
        }
    }

    #[test]
    fn consistency_between_every_pair_of_small_trees() {
        let hs = leaves(33);
        for m in 1..=33usize {
            for n in m..=33usize {
                let p = consistency_proof(&hs[..n], m);
                let r1 = root_from_leaf_hashes(&hs[..m]);
                let r2 = root_from_leaf_hashes(&hs[..n]);
                verify_consistency(m as u64, n as u64, &p, &r1, &r2)
                    .unwrap_or_else(|e| panic!("{m}->{n}: {e}"));
                if m < n {
                    let mut bad = p.clone();
                    bad[0][0] ^= 1;
                    assert!(verify_consistency(m as u64, n as u64, &bad, &r1, &r2).is_err());
                }
            }
        }
    }

    /// RFC 9162 §2.1.4.1 SUBPROOF, a test-only prover.
    fn consistency_proof(hs: &[Hash], m: usize) -> Vec<Hash> {
        fn sub(hs: &[Hash], m: usize, complete: bool, out: &mut Vec<Hash>) {
            let n = hs.len();
            if m == n {
                if !complete {
                    out.push(root_from_leaf_hashes(hs));
                }
                return;
            }
            let k = split_point(n);
            if m <= k {
                sub(&hs[..k], m, complete, out);
                out.push(root_from_leaf_hashes(&hs[k..]));
            } else {
                sub(&hs[k..], m - k, false, out);
                out.push(root_from_leaf_hashes(&hs[..k]));
            }
        }
        let mut out = Vec::new();
        if m < hs.len() {
            sub(hs, m, true, &mut out);
        }
        out
    }

    #[test]
    fn extreme_sizes_do_not_panic() {
        let h = [0u8; 32];
        assert!(verify_inclusion(u64::MAX - 1, u64::MAX, &h, &[h; 64], &h).is_err());
        assert!(verify_inclusion(u64::MAX, u64::MAX, &h, &[], &h).is_err());
        assert!(verify_inclusion(0, 0, &h, &[], &h).is_err());
        assert!(verify_consistency(u64::MAX - 1, u64::MAX, &[h; 3], &h, &h).is_err());
        assert!(verify_consistency(1, u64::MAX, &[h; 64], &h, &h).is_err());
        assert!(verify_consistency(5, 3, &[h], &h, &h).is_err());
    }

    #[test]
    fn empty_tree_root_is_sha256_of_nothing() {
        assert_eq!(root::<&[u8]>(&[]), crate::crypto::sha256(b""));
    }
}

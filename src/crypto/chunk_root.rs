//! The chunked root of a file: the RFC 9162 Merkle root over the SHA-256 of each 1 MiB chunk.
//!
//! A file of `n` bytes has `ceil(n / CHUNK_SIZE)` chunks, every one `CHUNK_SIZE` bytes long but the
//! last; leaf `i` of the tree is the 32-byte SHA-256 of chunk `i` (so its leaf hash is
//! `SHA-256(0x00 ‖ SHA-256(chunk_i))`), and the tree is RFC 9162's, exactly as
//! [`root_from_leaf_hashes`](super::merkle::root_from_leaf_hashes) builds it. An empty file has no
//! chunks, and its root is that of the empty tree, SHA-256 of the empty string.
//!
//! The chunks' digests are independent, so they can be computed in parallel (the web app hashes
//! them in a pool of Web Workers); [`ChunkRootBuilder`] then takes them in order, one at a time,
//! and keeps only the roots of the perfect subtrees seen so far: at most 64 hashes, however large
//! the file.

use crate::crypto::merkle::{leaf_hash, node_hash, Hash, EMPTY_ROOT};
use crate::crypto::sha256::{sha256, Digest32};
use crate::error::Coded;

/// Bytes per chunk: 1 MiB.
pub const CHUNK_SIZE: usize = 1 << 20;

/// Errors from building a chunked root.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ChunkRootError {
    /// A chunk digest that is not 32 bytes.
    #[error("a chunk digest must be 32 bytes (SHA-256), got {0}")]
    BadDigestLength(usize),
    /// More chunks than a `u64` counts (never for a real file, but the count is input).
    #[error("too many chunks")]
    TooManyChunks,
}

impl Coded for ChunkRootError {
    fn code(&self) -> &'static str {
        match self {
            ChunkRootError::BadDigestLength(_) => "chunk_root.bad_digest_length",
            ChunkRootError::TooManyChunks => "chunk_root.too_many_chunks",
        }
    }
}

/// Builds the root from chunk digests pushed in order, in O(log n) memory.
///
/// RFC 9162's tree over `n` leaves is left-balanced: its left subtree is the perfect tree over the
/// largest power of two smaller than `n`. So after `n` pushes the tree so far is a row of perfect
/// subtrees whose sizes are the binary digits of `n`, largest first; a new leaf merges with its
/// left neighbours while they are the same size (like carrying in binary addition), and the root
/// folds the row from the right.
#[derive(Debug, Clone, Default)]
pub struct ChunkRootBuilder {
    /// Roots of the perfect subtrees, left to right, with their heights (strictly decreasing).
    stack: Vec<(Hash, u32)>,
    chunks: u64,
}

impl ChunkRootBuilder {
    /// A builder that has seen no chunk.
    pub fn new() -> Self {
        Self::default()
    }

    /// Add the SHA-256 of the next chunk.
    pub fn push(&mut self, digest: &Digest32) -> Result<(), ChunkRootError> {
        self.chunks = self
            .chunks
            .checked_add(1)
            .ok_or(ChunkRootError::TooManyChunks)?;
        let mut node = leaf_hash(digest);
        let mut height = 0u32;
        while let Some(&(left, h)) = self.stack.last() {
            if h != height {
                break;
            }
            self.stack.pop();
            node = node_hash(&left, &node);
            height += 1;
        }
        self.stack.push((node, height));
        Ok(())
    }

    /// Add the next chunk's digest given as a byte slice; [`ChunkRootError::BadDigestLength`]
    /// unless it is 32 bytes.
    pub fn push_slice(&mut self, digest: &[u8]) -> Result<(), ChunkRootError> {
        let digest: &Digest32 = digest
            .try_into()
            .map_err(|_| ChunkRootError::BadDigestLength(digest.len()))?;
        self.push(digest)
    }

    /// Hash `chunk` (one chunk's bytes) and add its digest.
    pub fn push_chunk(&mut self, chunk: &[u8]) -> Result<(), ChunkRootError> {
        self.push(&sha256(chunk))
    }

    /// How many chunk digests have been pushed.
    pub fn chunks(&self) -> u64 {
        self.chunks
    }

    /// The root of the tree over every digest pushed so far (the empty tree's without any).
    pub fn root(&self) -> Hash {
        let mut row = self.stack.iter().rev();
        let Some(&(mut root, _)) = row.next() else {
            return EMPTY_ROOT;
        };
        for (left, _) in row {
            root = node_hash(left, &root);
        }
        root
    }
}

/// The chunked root of `bytes`, in one call.
pub fn chunk_root(bytes: &[u8]) -> Hash {
    let mut builder = ChunkRootBuilder::new();
    for chunk in bytes.chunks(CHUNK_SIZE) {
        // A slice has fewer than 2^64 chunks: pushing cannot fail.
        let _ = builder.push_chunk(chunk);
    }
    builder.root()
}

/// How many chunks a file of `size` bytes has.
pub fn chunk_count(size: u64) -> u64 {
    size.div_ceil(CHUNK_SIZE as u64)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::crypto::merkle::root_from_leaf_hashes;

    fn digests(n: usize) -> Vec<Digest32> {
        (0..n as u32).map(|i| sha256(&i.to_le_bytes())).collect()
    }

    fn reference(digests: &[Digest32]) -> Hash {
        let leaves: Vec<Hash> = digests.iter().map(|d| leaf_hash(d)).collect();
        root_from_leaf_hashes(&leaves)
    }

    #[test]
    fn builder_equals_the_recursive_root_for_every_size_up_to_600() {
        let all = digests(600);
        let mut b = ChunkRootBuilder::new();
        assert_eq!(b.root(), reference(&[]));
        for n in 1..=600 {
            b.push(&all[n - 1]).unwrap();
            assert_eq!(b.chunks(), n as u64);
            assert_eq!(b.root(), reference(&all[..n]), "{n} leaves");
            assert!(
                b.stack.len() <= 10,
                "{} subtrees for {n} leaves",
                b.stack.len()
            );
        }
    }

    #[test]
    fn empty_file_is_the_empty_tree() {
        assert_eq!(chunk_root(b""), EMPTY_ROOT);
        assert_eq!(EMPTY_ROOT, sha256(b""));
        assert_eq!(chunk_count(0), 0);
    }

    #[test]
    fn one_chunk_is_its_leaf_hash() {
        assert_eq!(chunk_root(b"x"), leaf_hash(&sha256(b"x")));
        assert_eq!(chunk_count(1), 1);
        assert_eq!(chunk_count(CHUNK_SIZE as u64), 1);
        assert_eq!(chunk_count(CHUNK_SIZE as u64 + 1), 2);
    }

    #[test]
    fn digests_of_the_wrong_length_are_refused() {
        let mut b = ChunkRootBuilder::new();
        let err = b.push_slice(&[0; 31]).unwrap_err();
        assert_eq!(err, ChunkRootError::BadDigestLength(31));
        assert_eq!(err.code(), "chunk_root.bad_digest_length");
        assert_eq!(b.chunks(), 0);
        b.push_slice(&[7; 32]).unwrap();
        assert_eq!(b.root(), leaf_hash(&[7; 32]));
    }
}

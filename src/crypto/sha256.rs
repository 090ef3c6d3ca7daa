//! SHA-256 (FIPS 180-4), one-shot and incremental.
//!
//! The incremental hasher lets a browser hash a multi-gigabyte record file chunk by chunk without
//! holding it in memory.

use sha2::{Digest, Sha256};

/// A SHA-256 digest.
pub type Digest32 = [u8; 32];

/// SHA-256 of `data` in one call.
pub fn sha256(data: &[u8]) -> Digest32 {
    Sha256::digest(data).into()
}

/// SHA-256 of the concatenation of `parts`, without building the concatenation.
pub fn sha256_parts(parts: &[&[u8]]) -> Digest32 {
    let mut h = Sha256::new();
    for p in parts {
        h.update(p);
    }
    h.finalize().into()
}

/// Incremental SHA-256: feed chunks with [`update`](Self::update), then [`finalize`](Self::finalize).
#[derive(Clone, Default)]
pub struct Sha256Hasher {
    inner: Sha256,
    bytes: u64,
}

impl Sha256Hasher {
    /// A hasher that has seen no bytes.
    pub fn new() -> Self {
        Self::default()
    }

    /// Absorb the next chunk.
    pub fn update(&mut self, chunk: &[u8]) {
        self.inner.update(chunk);
        self.bytes = self.bytes.saturating_add(chunk.len() as u64);
    }

    /// How many bytes have been absorbed so far.
    pub fn bytes_hashed(&self) -> u64 {
        self.bytes
    }

    /// The digest of everything absorbed. The hasher is consumed; clone it first to keep going.
    pub fn finalize(self) -> Digest32 {
        self.inner.finalize().into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::crypto::encoding::to_hex;

    #[test]
    fn fips_180_examples() {
        assert_eq!(
            to_hex(&sha256(b"abc")),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert_eq!(
            to_hex(&sha256(b"")),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
    }

    #[test]
    fn incremental_equals_one_shot_for_any_split() {
        let data: Vec<u8> = (0..1000u32).map(|i| (i * 7 + 3) as u8).collect();
        let whole = sha256(&data);
        for split in [0, 1, 63, 64, 65, 500, 999, 1000] {
            let mut h = Sha256Hasher::new();
            h.update(&data[..split]);
            h.update(&data[split..]);
            assert_eq!(h.bytes_hashed(), 1000);
            assert_eq!(h.finalize(), whole, "split at {split}");
        }
        assert_eq!(sha256_parts(&[&data[..10], &data[10..]]), whole);
    }
}

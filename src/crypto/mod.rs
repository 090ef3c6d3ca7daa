//! The cryptographic core: hashing, signatures and Merkle proofs that every other module uses.

pub mod chunk_root;
pub mod did_key;
pub mod ed25519;
pub mod encoding;
pub mod jcs;
pub mod keybox;
pub mod merkle;
pub mod sha256;
mod zip215;

pub use sha256::{sha256, Sha256Hasher};

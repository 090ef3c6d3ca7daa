//! The provable state (native only): a Jellyfish Merkle Tree in memory, versioned by block
//! height, whose root is the `app_hash`, and its ICS23 proofs.
//!
//! Keys are hashed with SHA-256 into the tree; their preimages are kept so non-existence proofs
//! can name their neighbours' keys. Every version keeps all its nodes (nothing is pruned), so
//! proofs can be made at any committed height.

use std::collections::{BTreeMap, HashMap};

use jmt::storage::{HasPreimage, LeafNode, Node, NodeKey, TreeReader, TreeUpdateBatch};
use jmt::{KeyHash, OwnedValue, Sha256Jmt, Version};

use crate::crypto::sha256;
use crate::error::Coded;
use crate::ledger::proof::{to_proof_ops, ProofOps};

/// A failure of the tree store: a bug or a misuse (such as an empty value), never a transaction.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("state store: {0}")]
pub struct StoreError(pub String);

impl Coded for StoreError {
    fn code(&self) -> &'static str {
        "ledger.store"
    }
}

fn store_err(e: impl core::fmt::Display) -> StoreError {
    StoreError(e.to_string())
}

/// The tree's nodes, value history and key preimages, in memory.
#[derive(Default)]
struct MemStore {
    nodes: HashMap<NodeKey, Node>,
    values: HashMap<KeyHash, Vec<(Version, Option<OwnedValue>)>>,
    preimages: HashMap<KeyHash, Vec<u8>>,
}

impl TreeReader for MemStore {
    fn get_node_option(&self, node_key: &NodeKey) -> anyhow::Result<Option<Node>> {
        Ok(self.nodes.get(node_key).cloned())
    }

    fn get_value_option(
        &self,
        max_version: Version,
        key_hash: KeyHash,
    ) -> anyhow::Result<Option<OwnedValue>> {
        let history = self.values.get(&key_hash);
        let latest = history.and_then(|h| h.iter().rev().find(|(v, _)| *v <= max_version));
        Ok(latest.and_then(|(_, value)| value.clone()))
    }

    fn get_rightmost_leaf(&self) -> anyhow::Result<Option<(NodeKey, LeafNode)>> {
        // Only state restoration asks for this, and this store is never restored.
        anyhow::bail!("get_rightmost_leaf is not supported by the in-memory store")
    }
}

impl HasPreimage for MemStore {
    fn preimage(&self, key_hash: KeyHash) -> anyhow::Result<Option<Vec<u8>>> {
        Ok(self.preimages.get(&key_hash).cloned())
    }
}

impl MemStore {
    fn write(&mut self, batch: TreeUpdateBatch) {
        for (key, node) in batch.node_batch.nodes() {
            self.nodes.insert(key.clone(), node.clone());
        }
        for ((version, key_hash), value) in batch.node_batch.values() {
            let history = self.values.entry(*key_hash).or_default();
            // Versions arrive in increasing order; a rewrite of one version replaces it.
            match history.last_mut() {
                Some((v, slot)) if v == version => *slot = value.clone(),
                _ => history.push((*version, value.clone())),
            }
        }
    }
}

/// The hash of a state key in the tree: SHA-256 of its bytes (the spec's key prehash).
pub fn key_hash(key: &str) -> KeyHash {
    KeyHash(sha256(key.as_bytes()))
}

/// The ledger's state as a versioned Jellyfish Merkle Tree.
#[derive(Default)]
pub struct ProvableState {
    store: MemStore,
    latest: Option<Version>,
}

impl ProvableState {
    /// An empty state with no version yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// The latest committed version.
    pub fn latest_version(&self) -> Option<Version> {
        self.latest
    }

    /// Write `changes` as `version` (greater than the last) and return its root. Values must be
    /// non-empty: an ICS23 existence proof cannot carry an empty value.
    pub fn commit(
        &mut self,
        version: Version,
        changes: &BTreeMap<String, Vec<u8>>,
    ) -> Result<[u8; 32], StoreError> {
        if self.latest.is_some_and(|v| version <= v) {
            return Err(StoreError(format!(
                "version {version} is not after the last"
            )));
        }
        if changes.is_empty() {
            return Err(StoreError("a version must change at least one key".into()));
        }
        if let Some((key, _)) = changes.iter().find(|(_, v)| v.is_empty()) {
            return Err(StoreError(format!("empty value for {key}")));
        }
        for key in changes.keys() {
            self.store
                .preimages
                .insert(key_hash(key), key.as_bytes().to_vec());
        }
        let tree = Sha256Jmt::new(&self.store);
        let (root, batch) = tree
            .put_value_set(
                changes.iter().map(|(k, v)| (key_hash(k), Some(v.clone()))),
                version,
            )
            .map_err(store_err)?;
        self.store.write(batch);
        self.latest = Some(version);
        Ok(root.0)
    }

    /// The root (app hash) at `version`.
    pub fn root(&self, version: Version) -> Result<[u8; 32], StoreError> {
        Sha256Jmt::new(&self.store)
            .get_root_hash(version)
            .map(|r| r.0)
            .map_err(store_err)
    }

    /// The value under `key` at `version`.
    pub fn get(&self, key: &str, version: Version) -> Result<Option<Vec<u8>>, StoreError> {
        Sha256Jmt::new(&self.store)
            .get(key_hash(key), version)
            .map_err(store_err)
    }

    /// The value under `key` at `version` and an ICS23 proof of it, or of its absence.
    pub fn prove(
        &self,
        key: &str,
        version: Version,
    ) -> Result<(Option<Vec<u8>>, ics23::CommitmentProof), StoreError> {
        Sha256Jmt::new(&self.store)
            .get_with_ics23_proof(key.as_bytes().to_vec(), version)
            .map_err(store_err)
    }

    /// The same, as CometBFT ProofOps.
    pub fn prove_ops(
        &self,
        key: &str,
        version: Version,
    ) -> Result<(Option<Vec<u8>>, ProofOps), StoreError> {
        let (value, proof) = self.prove(key, version)?;
        Ok((value, to_proof_ops(key.as_bytes(), &proof)))
    }
}

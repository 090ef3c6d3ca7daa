//! Transactions in verified blocks: hashes, the header's `data_hash`, and `TxProof`s.
//!
//! CometBFT's `data_hash` is the RFC 6962 Merkle root whose leaves are the transactions'
//! SHA-256 hashes (`Txs.Hash`: leaf `i` is `tx_hash(tx_i)`, hashed again as a leaf). A `TxProof`
//! proves one such leaf; [`verify_tx_proof`] checks it against a verified header and only then
//! hands back the transaction bytes.

use serde::{Deserialize, Serialize};

use super::error::LightError;
use super::header::Header;
use super::json;
use crate::crypto::merkle::{self, hash_from_slice, CometProof, Hash};
use crate::crypto::sha256;

/// A transaction's hash: SHA-256 of its bytes (what CometBFT's RPC prints as `hash`).
pub fn tx_hash(tx: &[u8]) -> Hash {
    sha256(tx)
}

/// The `data_hash` of a block with transactions `txs`.
pub fn data_hash<T: AsRef<[u8]>>(txs: &[T]) -> Hash {
    let hashes: Vec<Hash> = txs.iter().map(|t| tx_hash(t.as_ref())).collect();
    merkle::root(&hashes)
}

/// CometBFT's `merkle.Proof` in JSON.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MerkleProof {
    /// Number of leaves.
    #[serde(with = "json::i64_str")]
    pub total: i64,
    /// The leaf's index.
    #[serde(with = "json::i64_str")]
    pub index: i64,
    /// The leaf hash (`SHA-256(0x00 ‖ tx_hash)`).
    #[serde(with = "json::base64")]
    pub leaf_hash: Vec<u8>,
    /// Sibling hashes from the leaf up.
    #[serde(with = "json::base64_list", default)]
    pub aunts: Vec<Vec<u8>>,
}

impl MerkleProof {
    /// The proof of leaf `index` among the leaf hashes `leaves`.
    pub fn new(leaves: &[Hash], index: usize) -> Option<MerkleProof> {
        let aunts = merkle::inclusion_proof(leaves, index).ok()?;
        Some(MerkleProof {
            total: i64::try_from(leaves.len()).ok()?,
            index: i64::try_from(index).ok()?,
            leaf_hash: leaves.get(index)?.to_vec(),
            aunts: aunts.iter().map(|a| a.to_vec()).collect(),
        })
    }

    /// The proof with its sizes and hashes checked (non-negative, 32-byte hashes).
    pub fn comet(&self) -> Result<CometProof, String> {
        let (Ok(total), Ok(index)) = (u64::try_from(self.total), u64::try_from(self.index)) else {
            return Err("negative total or index".into());
        };
        let hash = |h: &[u8]| hash_from_slice(h).map_err(|e| e.to_string());
        Ok(CometProof {
            total,
            index,
            leaf_hash: hash(&self.leaf_hash)?,
            aunts: self
                .aunts
                .iter()
                .map(|a| hash(a))
                .collect::<Result<Vec<_>, _>>()?,
        })
    }
}

/// CometBFT's `TxProof`: a transaction and its inclusion proof under a block's `data_hash`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TxProof {
    /// The root the proof leads to (the block's `data_hash`).
    #[serde(with = "json::hex")]
    pub root_hash: Vec<u8>,
    /// The transaction.
    #[serde(with = "json::base64")]
    pub data: Vec<u8>,
    /// The Merkle proof of its hash.
    pub proof: MerkleProof,
}

impl TxProof {
    /// The proof for transaction `index` of a block whose transactions are `txs`.
    pub fn new<T: AsRef<[u8]>>(txs: &[T], index: usize) -> Option<TxProof> {
        let leaves: Vec<Hash> = txs
            .iter()
            .map(|t| merkle::leaf_hash(&tx_hash(t.as_ref())))
            .collect();
        Some(TxProof {
            root_hash: merkle::root_from_leaf_hashes(&leaves).to_vec(),
            data: txs.get(index)?.as_ref().to_vec(),
            proof: MerkleProof::new(&leaves, index)?,
        })
    }

    /// Check that the proof puts `data` under `root_hash` (not yet under any header).
    pub fn verify_against_root(&self) -> Result<Hash, LightError> {
        let root =
            hash_from_slice(&self.root_hash).map_err(|e| LightError::BadTxProof(e.to_string()))?;
        let proof = self.proof.comet().map_err(LightError::BadTxProof)?;
        proof
            .verify(&root, &tx_hash(&self.data))
            .map_err(|e| LightError::BadTxProof(e.to_string()))?;
        Ok(root)
    }
}

/// Verify that `proof` puts its transaction in the block of `header`, and return the
/// transaction's bytes. `header` must already be verified (by the light client).
pub fn verify_tx_proof(header: &Header, proof: &TxProof) -> Result<Vec<u8>, LightError> {
    let root = proof.verify_against_root()?;
    if root.as_slice() != header.data_hash {
        return Err(LightError::BadTxProof(format!(
            "the proof's root is not the data_hash of the header at height {}",
            header.height
        )));
    }
    Ok(proof.data.clone())
}

/// Verify a `tx` RPC response (with `prove=true`) against the verified header of its height:
/// the heights agree, the proof holds under the header's `data_hash`, and the response's `tx`
/// and `hash` are the proven transaction's. Returns the transaction's bytes.
pub fn verify_tx_response(
    header: &Header,
    response: &super::rpc::TxResponse,
) -> Result<Vec<u8>, LightError> {
    if response.height != header.height {
        return Err(LightError::BadTxProof(format!(
            "the transaction is at height {}, the header at {}",
            response.height, header.height
        )));
    }
    let proof = response
        .proof
        .as_ref()
        .ok_or_else(|| LightError::BadTxProof("no proof (query with prove=true)".into()))?;
    let tx = verify_tx_proof(header, proof)?;
    if tx != response.tx || tx_hash(&tx).as_slice() != response.hash {
        return Err(LightError::BadTxProof(
            "the response's tx or hash is not the proven transaction".into(),
        ));
    }
    if u64::try_from(proof.proof.index).ok() != Some(u64::from(response.index)) {
        return Err(LightError::BadTxProof(
            "the response's index is not the proven position".into(),
        ));
    }
    Ok(tx)
}

//! Transaction results in verified blocks: CometBFT keeps a transaction the application refused
//! in its block, and only its result (code ≠ 0) says so. The header at `h + 1` commits to block
//! `h`'s results in `last_results_hash`: the RFC 6962 root over each `ExecTxResult`'s
//! deterministic protobuf encoding (`code = 1; data = 2; gas_wanted = 5; gas_used = 6`, zero and
//! empty fields omitted; CometBFT's `types/results.go` keeps only these four). A [`ResultProof`]
//! proves one transaction's result against that header.

use serde::{Deserialize, Serialize};

use super::error::LightError;
use super::header::Header;
use super::json;
use super::proto;
use super::tx::MerkleProof;
use crate::crypto::merkle::{self, hash_from_slice, Hash};

/// The part of a transaction's result that `last_results_hash` commits to.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ExecResult {
    /// The application's code: 0 applied, anything else refused.
    pub code: u32,
    /// The application's result data.
    pub data: Vec<u8>,
    /// Gas wanted.
    pub gas_wanted: i64,
    /// Gas used.
    pub gas_used: i64,
}

impl ExecResult {
    /// A result with only a code (what the medproof ledger writes).
    pub fn with_code(code: u32) -> ExecResult {
        ExecResult {
            code,
            ..ExecResult::default()
        }
    }

    /// The deterministic protobuf encoding the results tree hashes as a leaf.
    pub fn encode(&self) -> Vec<u8> {
        let mut buf = Vec::with_capacity(16 + self.data.len());
        proto::put_uint(&mut buf, 1, u64::from(self.code));
        proto::put_bytes(&mut buf, 2, &self.data);
        proto::put_int(&mut buf, 5, self.gas_wanted);
        proto::put_int(&mut buf, 6, self.gas_used);
        buf
    }
}

/// `ABCIResults.Hash()`: the `last_results_hash` of the block after one with `results`.
pub fn results_hash(results: &[ExecResult]) -> Hash {
    let leaves: Vec<Vec<u8>> = results.iter().map(ExecResult::encode).collect();
    merkle::root(&leaves)
}

fn is_zero_i64(v: &i64) -> bool {
    *v == 0
}

/// One transaction's result with its Merkle proof under `last_results_hash` of the next header
/// (JSON: `{code, data?, gasWanted?, gasUsed?, proof: {total, index, leaf_hash, aunts}}`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ResultProof {
    /// The result's code.
    #[serde(with = "json::num", default)]
    pub code: u32,
    /// The result's data (absent when empty).
    #[serde(with = "json::base64", default, skip_serializing_if = "Vec::is_empty")]
    pub data: Vec<u8>,
    /// Gas wanted (absent when zero).
    #[serde(
        with = "json::i64_str",
        default,
        alias = "gas_wanted",
        skip_serializing_if = "is_zero_i64"
    )]
    pub gas_wanted: i64,
    /// Gas used (absent when zero).
    #[serde(
        with = "json::i64_str",
        default,
        alias = "gas_used",
        skip_serializing_if = "is_zero_i64"
    )]
    pub gas_used: i64,
    /// The Merkle proof of the result's encoding.
    pub proof: MerkleProof,
}

impl ResultProof {
    /// The proof for result `index` of a block whose results are `results`.
    pub fn new(results: &[ExecResult], index: usize) -> Option<ResultProof> {
        let leaves: Vec<Hash> = results
            .iter()
            .map(|r| merkle::leaf_hash(&r.encode()))
            .collect();
        let r = results.get(index)?;
        Some(ResultProof {
            code: r.code,
            data: r.data.clone(),
            gas_wanted: r.gas_wanted,
            gas_used: r.gas_used,
            proof: MerkleProof::new(&leaves, index)?,
        })
    }

    /// The result this proof claims.
    pub fn result(&self) -> ExecResult {
        ExecResult {
            code: self.code,
            data: self.data.clone(),
            gas_wanted: self.gas_wanted,
            gas_used: self.gas_used,
        }
    }
}

/// Verify that `proof` is the result of transaction `index` of the `total` transactions of
/// block `height`, against the verified header `next` (which must be the header at
/// `height + 1`). Returns the code. Pass the position and count a verified transaction proof
/// gives (not a claimed index): a block has one result per transaction, in their order.
pub fn verify_result_proof(
    next: &Header,
    height: i64,
    index: u64,
    total: u64,
    proof: &ResultProof,
) -> Result<u32, LightError> {
    let bad = |m: String| LightError::BadResultProof(m);
    if height.checked_add(1) != Some(next.height) {
        return Err(bad(format!(
            "results of height {height} are proven by the header at {}, not {}",
            height.saturating_add(1),
            next.height
        )));
    }
    let comet = proof.proof.comet().map_err(LightError::BadResultProof)?;
    if (comet.index, comet.total) != (index, total) {
        return Err(bad(format!(
            "the proof is for result {} of {}, the transaction is {index} of {total}",
            comet.index, comet.total
        )));
    }
    let root = hash_from_slice(&next.last_results_hash).map_err(|e| bad(e.to_string()))?;
    comet.verify(&root, &proof.result().encode()).map_err(|e| {
        bad(format!(
            "not under last_results_hash of height {}: {e}",
            next.height
        ))
    })?;
    Ok(proof.code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encoding_omits_zero_fields_and_numbers_fields_as_cometbft() {
        assert_eq!(ExecResult::with_code(0).encode(), Vec::<u8>::new());
        assert_eq!(ExecResult::with_code(3).encode(), vec![0x08, 3]);
        let full = ExecResult {
            code: 1,
            data: vec![0xAA],
            gas_wanted: 2,
            gas_used: 3,
        };
        assert_eq!(
            full.encode(),
            vec![0x08, 1, 0x12, 1, 0xAA, 0x28, 2, 0x30, 3]
        );
    }
}

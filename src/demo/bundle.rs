//! Building `medproof-bundle/1` bundles (docs/bundle-format.md) from the demo chain.

use serde_json::{json, Value};

use crate::crypto::encoding::{to_base64, to_hex_upper};
use crate::light::{ExecResult, ResultProof, TxProof};

use super::chain::{ChainError, DemoChain};
use super::story::TxRef;

/// What a bundle is made of.
pub struct BundleSpec<'a> {
    /// `medicine`, `credential`, ...
    pub kind: &'a str,
    /// Informational subject.
    pub subject: Value,
    /// Transactions to include (history).
    pub txs: Vec<TxRef>,
    /// State keys to prove.
    pub keys: Vec<String>,
    /// The state version `V` (proofs verify against header `V + 1`).
    pub state_height: i64,
    /// Kind-specific extra material.
    pub extra: Value,
}

/// The proof of the result of transaction `index` of block `height` (its code; proven against
/// `last_results_hash` of the header at `height + 1`).
pub fn result_proof(chain: &DemoChain, height: i64, index: usize) -> Result<Value, ChainError> {
    let block = chain
        .block(height)
        .ok_or_else(|| ChainError(format!("no block {height}")))?;
    let results: Vec<ExecResult> = block
        .results
        .iter()
        .map(|r| ExecResult::with_code(r.code))
        .collect();
    let proof = ResultProof::new(&results, index)
        .ok_or_else(|| ChainError(format!("no result {index} at {height}")))?;
    serde_json::to_value(&proof).map_err(|e| ChainError(e.to_string()))
}

/// The heights a transaction at `height` needs verified: its block and the next (whose
/// `last_results_hash` proves its result).
pub fn tx_heights(height: i64) -> [i64; 2] {
    [height, height.saturating_add(1)]
}

/// One transaction in bundle form (what `tx?prove=true` returns, trimmed), with its result.
pub fn tx_entry(chain: &DemoChain, r: &TxRef) -> Result<Value, ChainError> {
    let block = chain
        .block(r.height)
        .ok_or_else(|| ChainError(format!("no block {}", r.height)))?;
    let proof = TxProof::new(&block.txs, r.index)
        .ok_or_else(|| ChainError(format!("no tx {} at {}", r.index, r.height)))?;
    let tx = block.txs.get(r.index).cloned().unwrap_or_default();
    Ok(json!({
        "height": r.height.to_string(),
        "hash": to_hex_upper(&crate::crypto::sha256(&tx)),
        "index": r.index,
        "tx": to_base64(&tx),
        "proof": serde_json::to_value(&proof).map_err(|e| ChainError(e.to_string()))?,
        "result": result_proof(chain, r.height, r.index)?,
    }))
}

/// One state proof: `{key, value, proofOps}` at version `height`.
pub fn state_proof(chain: &DemoChain, key: &str, height: i64) -> Result<Value, ChainError> {
    let q = chain
        .app
        .query(key, Some(height as u64))
        .map_err(|e| ChainError(e.to_string()))?;
    let value = match q.value {
        Some(v) => Value::String(String::from_utf8(v).map_err(|e| ChainError(e.to_string()))?),
        None => Value::Null,
    };
    Ok(json!({"key": key, "value": value, "proofOps": q.proof_ops}))
}

/// Build the bundle: light blocks for every height it relies on (all above the checkpoint,
/// increasing), the transactions with proofs, and the state proofs.
pub fn build(chain: &DemoChain, spec: &BundleSpec) -> Result<Value, ChainError> {
    let mut heights: Vec<i64> = spec.txs.iter().flat_map(|t| tx_heights(t.height)).collect();
    heights.push(spec.state_height + 1);
    heights.sort_unstable();
    heights.dedup();
    let light_blocks = heights
        .iter()
        .map(|&h| {
            chain
                .light_block(h)
                .ok_or_else(|| ChainError(format!("no light block {h}")))
                .and_then(|b| serde_json::to_value(b).map_err(|e| ChainError(e.to_string())))
        })
        .collect::<Result<Vec<_>, _>>()?;
    let txs = spec
        .txs
        .iter()
        .map(|r| tx_entry(chain, r))
        .collect::<Result<Vec<_>, _>>()?;
    let proofs = spec
        .keys
        .iter()
        .map(|k| state_proof(chain, k, spec.state_height))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(json!({
        "format": "medproof-bundle/1",
        "chainId": chain.chain_id,
        "kind": spec.kind,
        "subject": spec.subject,
        "lightBlocks": light_blocks,
        "txs": txs,
        "state": {"height": spec.state_height.to_string(), "proofs": proofs},
        "extra": spec.extra,
    }))
}

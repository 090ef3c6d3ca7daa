//! CometBFT 0.38 JSON-RPC methods over the demo chain: the method dispatch, without I/O (the
//! binary's HTTP server calls it).

use serde_json::{json, Map, Value};

use crate::crypto::encoding::{from_base64, from_hex, to_base64, to_hex_upper};
use crate::crypto::sha256;
use crate::light::rpc::{BlockResponse, TxResponse};
use crate::light::TxProof;

use super::chain::DemoChain;

/// A JSON-RPC error: code, message, data.
#[derive(Debug, Clone, PartialEq)]
pub struct RpcError {
    /// JSON-RPC code (-32602 invalid params, -32601 no method, -32603 internal).
    pub code: i64,
    /// Message.
    pub message: String,
    /// Detail.
    pub data: String,
}

fn invalid(data: impl Into<String>) -> RpcError {
    RpcError {
        code: -32602,
        message: "Invalid params".into(),
        data: data.into(),
    }
}

fn param<'a>(p: &'a Map<String, Value>, k: &str) -> Option<&'a Value> {
    p.get(k).filter(|v| !v.is_null())
}

/// A string parameter (URI params arrive as strings, possibly quoted).
fn param_str(p: &Map<String, Value>, k: &str) -> Option<String> {
    param(p, k).map(|v| match v {
        Value::String(s) => s.trim_matches('"').to_string(),
        other => other.to_string(),
    })
}

fn param_height(chain: &DemoChain, p: &Map<String, Value>) -> Result<i64, RpcError> {
    param_height_up_to(chain, p, chain.height())
}

/// A `height` parameter from 1 to `max` (absent or 0: the current height).
fn param_height_up_to(
    chain: &DemoChain,
    p: &Map<String, Value>,
    max: i64,
) -> Result<i64, RpcError> {
    match param_str(p, "height") {
        None => Ok(chain.height()),
        Some(s) if s.is_empty() || s == "0" => Ok(chain.height()),
        Some(s) => {
            let h: i64 = s.parse().map_err(|_| invalid(format!("bad height {s}")))?;
            if h < 1 || h > max {
                return Err(invalid(format!(
                    "height {h} must be between 1 and {max} (the current height is {})",
                    chain.height()
                )));
            }
            Ok(h)
        }
    }
}

/// CometBFT's pagination: `per_page` 1 to 100 (default 30), `page` from 1 to the last page.
fn param_page(p: &Map<String, Value>, total: usize) -> Result<(usize, usize), RpcError> {
    let num = |k: &str, default: usize| match param_str(p, k) {
        None => Ok(default),
        Some(s) if s.is_empty() => Ok(default),
        Some(s) => s
            .parse::<usize>()
            .map_err(|_| invalid(format!("bad {k} {s}"))),
    };
    let per_page = num("per_page", 30)?.clamp(1, 100);
    let pages = total.div_ceil(per_page).max(1);
    let page = num("page", 1)?;
    if page < 1 || page > pages {
        return Err(invalid(format!(
            "page should be within [1, {pages}] range, given {page}"
        )));
    }
    Ok((page, per_page))
}

fn param_bool(p: &Map<String, Value>, k: &str) -> bool {
    matches!(param(p, k), Some(Value::Bool(true))) || param_str(p, k).as_deref() == Some("true")
}

fn to_value<T: serde::Serialize>(v: &T) -> Result<Value, RpcError> {
    serde_json::to_value(v).map_err(|e| RpcError {
        code: -32603,
        message: "Internal error".into(),
        data: e.to_string(),
    })
}

/// The `tx_result` JSON of a delivered transaction.
fn tx_result(r: &crate::ledger::app::TxResult) -> Value {
    json!({
        "code": r.code, "data": null, "log": r.log, "info": "", "gas_wanted": "0", "gas_used": "0",
        "events": r.events.iter().map(|e| json!({"type": e.kind, "attributes":
            e.attributes.iter().map(|(k, v)| json!({"key": k, "value": v, "index": true})).collect::<Vec<_>>()})).collect::<Vec<_>>(),
        "codespace": r.codespace,
    })
}

fn tx_response(chain: &DemoChain, height: i64, index: usize, prove: bool) -> Option<Value> {
    let b = chain.block(height)?;
    let tx = b.txs.get(index)?.clone();
    let resp = TxResponse {
        hash: sha256(&tx).to_vec(),
        height,
        index: u32::try_from(index).ok()?,
        tx_result: tx_result(b.results.get(index)?),
        tx,
        proof: if prove {
            TxProof::new(&b.txs, index)
        } else {
            None
        },
    };
    serde_json::to_value(resp).ok()
}

/// Answer one method with `params` (names as in CometBFT's RPC). `broadcast_tx_sync` runs
/// `check_tx` and queues the transaction in `mempool`; the caller produces the next block.
pub fn call(
    chain: &DemoChain,
    mempool: &mut Vec<Vec<u8>>,
    method: &str,
    p: &Map<String, Value>,
) -> Result<Value, RpcError> {
    match method {
        "health" => Ok(json!({})),
        "status" => {
            let last = chain.block(chain.height());
            let v = chain.validators_at(chain.height().max(1));
            let first = v.validators.first();
            Ok(json!({
                "node_info": {"protocol_version": {"p2p": "8", "block": "11", "app": "1"},
                    "id": "medproofdemo0000000000000000000000000000", "listen_addr": "127.0.0.1",
                    "network": chain.chain_id, "version": "0.38.0-medproof-demo", "channels": "",
                    "moniker": "medproof-demo", "other": {"tx_index": "on", "rpc_address": ""}},
                "sync_info": {
                    "latest_block_hash": last.map(|b| to_hex_upper(&b.header.hash())).unwrap_or_default(),
                    "latest_app_hash": last.map(|b| to_hex_upper(&b.header.app_hash)).unwrap_or_default(),
                    "latest_block_height": chain.height().to_string(),
                    "latest_block_time": last.map(|b| b.header.time.to_rfc3339()).unwrap_or_default(),
                    "earliest_block_hash": chain.block(1).map(|b| to_hex_upper(&b.header.hash())).unwrap_or_default(),
                    "earliest_app_hash": chain.block(1).map(|b| to_hex_upper(&b.header.app_hash)).unwrap_or_default(),
                    "earliest_block_height": "1",
                    "earliest_block_time": chain.block(1).map(|b| b.header.time.to_rfc3339()).unwrap_or_default(),
                    "catching_up": false},
                "validator_info": {"address": first.map(|v| to_hex_upper(&v.address())).unwrap_or_default(),
                    "pub_key": first.map(|v| to_value(&v.pub_key)).transpose()?, "voting_power": "0"},
            }))
        }
        "genesis" => Ok(json!({ "genesis": to_value(&chain.genesis)? })),
        "commit" => {
            let h = param_height(chain, p)?;
            let lb = chain.light_block(h).ok_or_else(|| invalid("no block"))?;
            Ok(json!({"signed_header": to_value(&lb.signed_header)?, "canonical": true}))
        }
        "validators" => {
            // As CometBFT: the set of the next height is known (the light client's
            // `next_validator_set` of the latest block).
            let h = param_height_up_to(chain, p, chain.height().saturating_add(1))?;
            let set = chain.validators_at(h);
            let total = set.validators.len();
            let (page, per_page) = param_page(p, total)?;
            let on_page: Vec<_> = set
                .validators
                .iter()
                .skip(page.saturating_sub(1).saturating_mul(per_page))
                .take(per_page)
                .collect();
            Ok(
                json!({"block_height": h.to_string(), "validators": to_value(&on_page)?,
                      "count": on_page.len().to_string(), "total": total.to_string()}),
            )
        }
        "header" => {
            let h = param_height(chain, p)?;
            let b = chain.block(h).ok_or_else(|| invalid("no block"))?;
            Ok(json!({"header": to_value(&b.header)?}))
        }
        "block" => {
            let h = param_height(chain, p)?;
            let block = chain.full_block(h).ok_or_else(|| invalid("no block"))?;
            let block_id = chain
                .block(h)
                .map(|b| b.commit.block_id.clone())
                .unwrap_or_default();
            to_value(&BlockResponse { block_id, block })
        }
        "block_results" => {
            // As CometBFT 0.38: the block's `ExecTxResult`s (header `h + 1` commits to them in
            // `last_results_hash`) and the app hash after the block (`h + 1`'s `app_hash`).
            let h = param_height(chain, p)?;
            let b = chain.block(h).ok_or_else(|| invalid("no block"))?;
            let app_hash = match chain.block(h.saturating_add(1)) {
                Some(next) => next.header.app_hash.clone(),
                None => chain.pending_app_hash().to_vec(),
            };
            let results: Vec<Value> = b.results.iter().map(tx_result).collect();
            Ok(json!({"height": h.to_string(),
                      "txs_results": if results.is_empty() { Value::Null } else { json!(results) },
                      "finalize_block_events": [], "validator_updates": [],
                      "consensus_param_updates": null, "app_hash": to_base64(&app_hash)}))
        }
        "tx" => {
            let hash = param_str(p, "hash").ok_or_else(|| invalid("hash is required"))?;
            let hash = hash.trim_start_matches("0x");
            let want = from_hex(hash)
                .or_else(|_| from_base64(hash))
                .map_err(|_| invalid("hash is hex (or base64)"))?;
            let prove = param_bool(p, "prove");
            for b in chain.blocks.iter().rev() {
                for (i, tx) in b.txs.iter().enumerate() {
                    if sha256(tx).as_slice() == want.as_slice() {
                        return tx_response(chain, b.header.height, i, prove)
                            .ok_or_else(|| invalid("tx"));
                    }
                }
            }
            Err(invalid(format!("tx ({}) not found", hash.to_uppercase())))
        }
        "tx_search" => {
            let q = param_str(p, "query").ok_or_else(|| invalid("query is required"))?;
            let q = q.replace(' ', "");
            let h: i64 = q
                .strip_prefix("tx.height=")
                .and_then(|s| s.trim_matches('\'').parse().ok())
                .ok_or_else(|| invalid("only queries tx.height=N are supported"))?;
            let prove = param_bool(p, "prove");
            let txs: Vec<Value> = chain
                .block(h)
                .map(|b| {
                    (0..b.txs.len())
                        .filter_map(|i| tx_response(chain, h, i, prove))
                        .collect()
                })
                .unwrap_or_default();
            Ok(json!({"total_count": txs.len().to_string(), "txs": txs}))
        }
        "abci_query" => {
            let path = param_str(p, "path").unwrap_or_default();
            if !(path.is_empty() || path == "/store" || path == "store") {
                return Err(invalid(format!("unknown path {path}")));
            }
            let data = param_str(p, "data").unwrap_or_default();
            let key =
                from_hex(data.trim_start_matches("0x")).map_err(|_| invalid("data is hex"))?;
            let key = String::from_utf8(key).map_err(|_| invalid("the key is UTF-8"))?;
            let height = match param_str(p, "height").and_then(|s| s.parse::<u64>().ok()) {
                Some(h) if h > 0 => Some(h),
                _ => None,
            };
            let q = chain.app.query(&key, height).map_err(|e| invalid(e.0))?;
            let prove = param_bool(p, "prove");
            Ok(json!({"response": {
                "code": 0, "log": if q.value.is_some() { "exists" } else { "does not exist" },
                "info": "", "index": "0", "key": to_base64(key.as_bytes()),
                "value": q.value.as_deref().map(to_base64),
                "proofOps": if prove { to_value(&q.proof_ops)? } else { Value::Null },
                "height": q.height.to_string(), "codespace": ""}}))
        }
        "broadcast_tx_sync" | "broadcast_tx_async" | "broadcast_tx_commit" => {
            let tx = param_str(p, "tx").ok_or_else(|| invalid("tx is required"))?;
            let bytes = from_base64(&tx)
                .or_else(|_| from_hex(tx.trim_start_matches("0x")))
                .map_err(|_| invalid("tx is base64"))?;
            let r = chain.app.check_tx(&bytes);
            if r.is_ok() {
                mempool.push(bytes.clone());
            }
            Ok(
                json!({"code": r.code, "data": "", "log": r.log, "codespace": r.codespace,
                      "hash": to_hex_upper(&sha256(&bytes))}),
            )
        }
        other => Err(RpcError {
            code: -32601,
            message: "Method not found".into(),
            data: other.into(),
        }),
    }
}

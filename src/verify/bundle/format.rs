//! The bundle and trust objects as they arrive (docs/bundle-format.md), parsed strictly enough
//! that nothing later has to guess, and loosely enough to take what CometBFT's RPC writes
//! (heights as strings or numbers, snake_case or camelCase).

use serde::Deserialize;
use serde_json::Value;

use super::base45;
use super::error::BundleError;
use crate::crypto::encoding::from_hex;
use crate::ledger::proof::ProofOps;
use crate::light::results::ResultProof;
use crate::light::rpc::light_block_from_value;
use crate::light::tx::TxProof;
use crate::light::LightBlock;

/// The format this crate reads.
pub const FORMAT: &str = "medproof-bundle/1";
/// The prefix of the compact form.
pub const COMPACT_PREFIX: &str = "MP1:";
/// The most bytes a compact bundle may inflate to (a QR code holds far less; this only bounds
/// memory on hostile input).
pub const MAX_INFLATED: usize = 4 * 1024 * 1024;
/// Default trusting period: two weeks.
pub const DEFAULT_TRUSTING_PERIOD: u64 = 14 * 24 * 3600;
/// Default age after which proven state earns a `status.stale` warning: 30 days.
pub const DEFAULT_MAX_STATUS_AGE: u64 = 30 * 24 * 3600;

fn malformed(what: impl Into<String>) -> BundleError {
    BundleError::Malformed(what.into())
}

/// A height written as a JSON number or a decimal string, non-negative and at most i64::MAX.
pub(crate) fn height_of(v: &Value) -> Option<i64> {
    let n = match v {
        Value::Number(n) => n.as_i64()?,
        Value::String(s)
            if !s.is_empty() && s.len() <= 19 && s.bytes().all(|b| b.is_ascii_digit()) =>
        {
            s.parse().ok()?
        }
        _ => return None,
    };
    (n >= 0).then_some(n)
}

/// The trusted checkpoint and settings (`trust.json`).
#[derive(Debug, Clone)]
pub struct Trust {
    /// Chain id of the checkpoint.
    pub chain_id: String,
    /// Height of the checkpoint.
    pub height: i64,
    /// The header hash the person trusts.
    pub header_hash: Vec<u8>,
    /// The checkpoint's light block (checked against `header_hash` when a bundle is verified).
    pub light_block: LightBlock,
    /// The regulator's did:key, if given.
    pub regulator: Option<String>,
    /// The light client's trusting period in seconds.
    pub trusting_period_seconds: u64,
    /// Age after which proven state is stale, in seconds.
    pub max_status_age_seconds: u64,
}

/// The name an error message uses for a field known by `names` (its first, preferred name).
fn field_name<'a>(names: &[&'a str]) -> &'a str {
    names.first().copied().unwrap_or_default()
}

fn field<'a>(obj: &'a Value, names: &[&str]) -> Option<&'a Value> {
    names
        .iter()
        .find_map(|n| obj.get(n))
        .filter(|v| !v.is_null())
}

fn seconds(obj: &Value, names: &[&str], default: u64) -> Result<u64, BundleError> {
    match field(obj, names) {
        None => Ok(default),
        Some(v) => v
            .as_u64()
            .filter(|n| *n > 0 && *n <= 100 * 365 * 24 * 3600)
            .ok_or_else(|| {
                BundleError::BadTrust(format!("{} is not a number of seconds", field_name(names)))
            }),
    }
}

impl Trust {
    /// Parse the trust object from JSON text.
    pub fn from_json(json: &str) -> Result<Trust, BundleError> {
        let v: Value = crate::json::parse(json.as_bytes())
            .map_err(|e| BundleError::BadTrust(e.to_string()))?;
        Trust::from_value(&v)
    }

    /// Parse the trust object from a JSON value.
    pub fn from_value(v: &Value) -> Result<Trust, BundleError> {
        let bad = |w: &str| BundleError::BadTrust(w.to_owned());
        let cp = field(v, &["checkpoint"]).ok_or_else(|| bad("no checkpoint"))?;
        let chain_id = field(cp, &["chainId", "chain_id"])
            .and_then(Value::as_str)
            .ok_or_else(|| bad("checkpoint.chainId is not a string"))?
            .to_owned();
        let height = field(cp, &["height"])
            .and_then(height_of)
            .ok_or_else(|| bad("checkpoint.height is not a height"))?;
        let header_hash = field(cp, &["headerHash", "header_hash", "hash"])
            .and_then(Value::as_str)
            .and_then(|h| from_hex(h).ok())
            .filter(|h| h.len() == 32)
            .ok_or_else(|| bad("checkpoint.headerHash is not 64 hex digits"))?;
        let lb = field(cp, &["lightBlock", "light_block"])
            .ok_or_else(|| bad("checkpoint.lightBlock is missing"))?;
        let light_block = light_block_from_value(lb.clone())
            .map_err(|e| BundleError::BadTrust(format!("checkpoint.lightBlock: {e}")))?;
        let regulator = match field(v, &["regulator"]) {
            None => None,
            Some(r) => Some(
                r.as_str()
                    .ok_or_else(|| bad("regulator is not a string"))?
                    .to_owned(),
            ),
        };
        Ok(Trust {
            chain_id,
            height,
            header_hash,
            light_block,
            regulator,
            trusting_period_seconds: seconds(
                v,
                &["trustingPeriodSeconds", "trusting_period_seconds"],
                DEFAULT_TRUSTING_PERIOD,
            )?,
            max_status_age_seconds: seconds(
                v,
                &["maxStatusAgeSeconds", "max_status_age_seconds"],
                DEFAULT_MAX_STATUS_AGE,
            )?,
        })
    }
}

/// One transaction of a bundle, as `tx` / `tx_search?prove=true` return it.
#[derive(Debug, Clone)]
pub struct BundleTx {
    /// The block height.
    pub height: i64,
    /// The hash the server claims.
    pub hash: Vec<u8>,
    /// Position in the block.
    pub index: u64,
    /// The bytes.
    pub tx: Vec<u8>,
    /// The inclusion proof.
    pub proof: TxProof,
    /// The transaction's result, proven against `last_results_hash` of the header at
    /// `height + 1` (`None`: whether the ledger applied it is not shown).
    pub result: Option<ResultProof>,
}

/// One state proof: a key, the value's exact text or `None` for absence, and the proof.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StateProof {
    /// The state key.
    pub key: String,
    /// The stored value's exact text, or `None`.
    pub value: Option<String>,
    /// The `abci_query` ProofOps.
    #[serde(alias = "proof_ops")]
    pub proof_ops: ProofOps,
}

/// A parsed bundle (not yet verified).
#[derive(Debug, Clone)]
pub struct Bundle {
    /// The chain the bundle is about.
    pub chain_id: String,
    /// `medicine`, `credential`, `record`, `consent` or `contract`.
    pub kind: String,
    /// What the bundle is about (informational).
    pub subject: Value,
    /// Light blocks above the checkpoint, in increasing height.
    pub light_blocks: Vec<LightBlock>,
    /// Transactions with their inclusion proofs.
    pub txs: Vec<BundleTx>,
    /// The state version `V` the proofs are at (`None` when the bundle proves no state).
    pub state_height: Option<i64>,
    /// The state proofs.
    pub proofs: Vec<StateProof>,
    /// Kind-specific unsigned material.
    pub extra: Value,
}

impl Bundle {
    /// Parse a bundle in JSON form or compact form (`MP1:` ...).
    pub fn parse(text: &str) -> Result<Bundle, BundleError> {
        let text = text.trim();
        if let Some(rest) = text.strip_prefix(COMPACT_PREFIX) {
            let json = decode_compact(rest)?;
            return Bundle::from_json(&json);
        }
        Bundle::from_json(text)
    }

    /// Parse the JSON form.
    pub fn from_json(json: &str) -> Result<Bundle, BundleError> {
        let v: Value = crate::json::parse(json.as_bytes()).map_err(|e| malformed(e.to_string()))?;
        Bundle::from_value(&v)
    }

    /// Parse the JSON form from a value.
    pub fn from_value(v: &Value) -> Result<Bundle, BundleError> {
        if !v.is_object() {
            return Err(malformed("a bundle is a JSON object"));
        }
        match field(v, &["format"]).and_then(Value::as_str) {
            Some(FORMAT) => {}
            other => return Err(malformed(format!("format {other:?} is not {FORMAT:?}"))),
        }
        let str_field = |names: &[&str]| -> Result<String, BundleError> {
            field(v, names)
                .and_then(Value::as_str)
                .map(str::to_owned)
                .ok_or_else(|| malformed(format!("{} is not a string", field_name(names))))
        };
        let chain_id = str_field(&["chainId", "chain_id"])?;
        let kind = str_field(&["kind"])?;
        let list = |names: &[&str]| -> Result<Vec<Value>, BundleError> {
            match field(v, names) {
                None => Ok(Vec::new()),
                Some(Value::Array(a)) => Ok(a.clone()),
                Some(_) => Err(malformed(format!("{} is not a list", field_name(names)))),
            }
        };
        let light_blocks = list(&["lightBlocks", "light_blocks"])?
            .into_iter()
            .enumerate()
            .map(|(i, b)| {
                light_block_from_value(b).map_err(|e| malformed(format!("lightBlocks[{i}]: {e}")))
            })
            .collect::<Result<Vec<_>, _>>()?;
        let txs = list(&["txs"])?
            .iter()
            .enumerate()
            .map(|(i, t)| parse_tx(t).map_err(|e| malformed(format!("txs[{i}]: {e}"))))
            .collect::<Result<Vec<_>, _>>()?;
        let (state_height, proofs) = match field(v, &["state"]) {
            None => (None, Vec::new()),
            Some(s) => {
                let h = field(s, &["height"])
                    .and_then(height_of)
                    .ok_or_else(|| malformed("state.height is not a height"))?;
                let proofs = match field(s, &["proofs"]) {
                    None => Vec::new(),
                    Some(p) => crate::json::from_value::<Vec<StateProof>>(p)
                        .map_err(|e| malformed(format!("state.proofs: {e}")))?,
                };
                (Some(h), proofs)
            }
        };
        Ok(Bundle {
            chain_id,
            kind,
            subject: field(v, &["subject"]).cloned().unwrap_or(Value::Null),
            light_blocks,
            txs,
            state_height,
            proofs,
            extra: field(v, &["extra"]).cloned().unwrap_or(Value::Null),
        })
    }
}

fn parse_tx(t: &Value) -> Result<BundleTx, String> {
    let height = t.get("height").and_then(height_of).ok_or("height")?;
    let hash = t
        .get("hash")
        .and_then(Value::as_str)
        .and_then(|h| from_hex(h).ok())
        .ok_or("hash is not hex")?;
    let index = t.get("index").and_then(height_of).ok_or("index")?;
    let tx = t
        .get("tx")
        .and_then(Value::as_str)
        .and_then(|b| crate::crypto::encoding::from_base64(b).ok())
        .ok_or("tx is not base64")?;
    let proof: TxProof = t.get("proof").ok_or("no proof").and_then(|p| {
        crate::json::from_value::<TxProof>(p).map_err(|_| "proof is not a TxProof")
    })?;
    let result = match t.get("result").filter(|r| !r.is_null()) {
        None => None,
        Some(r) => Some(
            crate::json::from_value::<ResultProof>(r)
                .map_err(|_| "result is not a result proof")?,
        ),
    };
    Ok(BundleTx {
        height,
        hash,
        index: u64::try_from(index).map_err(|_| "index")?,
        tx,
        proof,
        result,
    })
}

/// The JSON text inside a compact bundle (the part after `MP1:`).
pub fn decode_compact(base45_text: &str) -> Result<String, BundleError> {
    let zipped = base45::decode(base45_text)?;
    let json = miniz_oxide::inflate::decompress_to_vec_zlib_with_limit(&zipped, MAX_INFLATED)
        .map_err(|e| BundleError::BadCompact(format!("zlib: {:?}", e.status)))?;
    String::from_utf8(json).map_err(|_| BundleError::BadCompact("not UTF-8".into()))
}

/// The compact form of a bundle's JSON text: `MP1:` + Base45(zlib(minified JSON)).
pub fn encode_compact(json: &str) -> Result<String, BundleError> {
    let v: Value = crate::json::parse(json.as_bytes()).map_err(|e| malformed(e.to_string()))?;
    let min = v.to_string();
    let zipped = miniz_oxide::deflate::compress_to_vec_zlib(min.as_bytes(), 9);
    Ok(format!("{COMPACT_PREFIX}{}", base45::encode(&zipped)))
}

//! CometBFT JSON-RPC responses (0.34, 0.37, 0.38), read and written in CometBFT's shapes.
//!
//! Each `*Response` is the `result` of one endpoint. [`parse_result`] accepts either the whole
//! JSON-RPC envelope (`{"jsonrpc":"2.0","id":..,"result":..}`) or the bare result; [`JsonRpc`]
//! builds the envelope for a server. Parts this client does not interpret (transaction results,
//! consensus parameters, evidence, app state) are kept as raw JSON so they round-trip.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::commit::{Commit, SignedHeader};
use super::error::LightError;
use super::header::{BlockId, Header};
use super::json;
use super::light_block::LightBlock;
use super::time::Time;
use super::tx::TxProof;
use super::validator::{PubKey, Validator, ValidatorSet};

/// A JSON-RPC 2.0 response envelope.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JsonRpc<T> {
    /// Always `"2.0"`.
    pub jsonrpc: String,
    /// The request's ID.
    #[serde(default)]
    pub id: Value,
    /// The result, on success.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub result: Option<T>,
    /// The error, on failure.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<Value>,
}

impl<T> JsonRpc<T> {
    /// A successful response to request `id`.
    pub fn new(id: Value, result: T) -> Self {
        JsonRpc {
            jsonrpc: "2.0".into(),
            id,
            result: Some(result),
            error: None,
        }
    }
}

/// The `result` of a JSON-RPC response given whole (envelope) or bare.
pub fn parse_result<T: DeserializeOwned>(json: &str) -> Result<T, LightError> {
    result_from_value(crate::json::parse(json.as_bytes())?)
}

/// As [`parse_result`], from already-parsed JSON.
pub fn result_from_value<T: DeserializeOwned>(value: Value) -> Result<T, LightError> {
    Ok(crate::json::from_value(&unwrap_envelope(value)?)?)
}

fn unwrap_envelope(mut value: Value) -> Result<Value, LightError> {
    let Some(obj) = value.as_object_mut() else {
        return Ok(value);
    };
    if let Some(err) = obj.get("error").filter(|e| !e.is_null()) {
        return Err(LightError::RpcError(err.to_string()));
    }
    if obj.contains_key("jsonrpc") || (obj.len() <= 3 && obj.contains_key("result")) {
        return Ok(obj.remove("result").unwrap_or(Value::Null));
    }
    Ok(value)
}

/// A validator as the genesis file lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GenesisValidator {
    /// Address (may be empty in a genesis file; derived from the key when used).
    #[serde(with = "json::hex", default)]
    pub address: Vec<u8>,
    /// The consensus key.
    pub pub_key: PubKey,
    /// Voting power.
    #[serde(with = "json::i64_str")]
    pub power: i64,
    /// A human-readable name.
    #[serde(default)]
    pub name: String,
}

/// The genesis document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Genesis {
    /// Genesis time.
    pub genesis_time: Time,
    /// The chain's ID.
    pub chain_id: String,
    /// The first height.
    #[serde(with = "json::i64_str", default = "one")]
    pub initial_height: i64,
    /// Consensus parameters (kept as JSON).
    #[serde(default)]
    pub consensus_params: Value,
    /// The initial validators (empty when the application sets them in `InitChain`).
    #[serde(default, deserialize_with = "json::null_as_default")]
    pub validators: Vec<GenesisValidator>,
    /// The initial app hash.
    #[serde(with = "json::hex", default)]
    pub app_hash: Vec<u8>,
    /// The application's genesis state (kept as JSON).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub app_state: Option<Value>,
}

fn one() -> i64 {
    1
}

impl Genesis {
    /// The genesis validators as a validator set, in the genesis file's order.
    pub fn validator_set(&self) -> ValidatorSet {
        ValidatorSet::new(
            self.validators
                .iter()
                .map(|v| {
                    let PubKey::Ed25519(key) = v.pub_key;
                    Validator::new(key, v.power)
                })
                .collect(),
        )
    }
}

/// `genesis`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GenesisResponse {
    /// The genesis document.
    pub genesis: Genesis,
}

/// A block's transactions.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Data {
    /// The transactions (base64 in JSON).
    #[serde(with = "json::base64_list", default)]
    pub txs: Vec<Vec<u8>>,
}

/// A full block.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Block {
    /// The header.
    pub header: Header,
    /// The transactions.
    pub data: Data,
    /// Evidence of misbehaviour (kept as JSON).
    #[serde(default)]
    pub evidence: Value,
    /// The commit for the previous block.
    #[serde(default)]
    pub last_commit: Option<Commit>,
}

/// `block`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BlockResponse {
    /// The block's ID.
    pub block_id: BlockId,
    /// The block.
    pub block: Block,
}

/// `header` (CometBFT 0.37 and later).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HeaderResponse {
    /// The header.
    pub header: Header,
}

/// `commit`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommitResponse {
    /// The header and its commit.
    pub signed_header: SignedHeader,
    /// Whether the commit is the canonical one (from the next block) or the node's own.
    #[serde(default)]
    pub canonical: bool,
}

/// `validators` (one page).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ValidatorsResponse {
    /// The height of the set.
    #[serde(with = "json::i64_str")]
    pub block_height: i64,
    /// This page's validators.
    #[serde(deserialize_with = "json::null_as_default")]
    pub validators: Vec<Validator>,
    /// Validators on this page.
    #[serde(with = "json::i64_str", default)]
    pub count: i64,
    /// Validators in the whole set.
    #[serde(with = "json::i64_str", default)]
    pub total: i64,
}

impl ValidatorsResponse {
    /// The whole validator set from all pages of one height, in order.
    pub fn merge_pages(pages: &[ValidatorsResponse]) -> Result<ValidatorSet, LightError> {
        let mut validators = Vec::new();
        for page in pages {
            if pages.first().map(|p| p.block_height) != Some(page.block_height) {
                return Err(LightError::BadJson(
                    "validator pages are for different heights".into(),
                ));
            }
            validators.extend(page.validators.iter().cloned());
        }
        let total = pages.first().map_or(0, |p| p.total);
        if total != 0 && usize::try_from(total).ok() != Some(validators.len()) {
            return Err(LightError::BadJson(format!(
                "validator pages hold {} of {total} validators",
                validators.len()
            )));
        }
        Ok(ValidatorSet::new(validators))
    }
}

/// `tx`, and each entry of `tx_search`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TxResponse {
    /// The transaction's hash.
    #[serde(with = "json::hex")]
    pub hash: Vec<u8>,
    /// The block height.
    #[serde(with = "json::i64_str")]
    pub height: i64,
    /// Position in the block.
    #[serde(with = "json::num")]
    pub index: u32,
    /// The execution result (kept as JSON).
    #[serde(default)]
    pub tx_result: Value,
    /// The transaction.
    #[serde(with = "json::base64")]
    pub tx: Vec<u8>,
    /// The inclusion proof (with `prove=true`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub proof: Option<TxProof>,
}

/// `tx_search`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TxSearchResponse {
    /// This page's transactions.
    #[serde(deserialize_with = "json::null_as_default")]
    pub txs: Vec<TxResponse>,
    /// Matches in total.
    #[serde(with = "json::i64_str")]
    pub total_count: i64,
}

/// What a JavaScript or other provider may hand over for one height: a light block, or the
/// RPC responses it is made of.
///
/// Accepted shapes (each part as a JSON-RPC envelope or bare result):
/// - a light block: `{"signed_header", "validator_set", "next_validator_set"?}`;
/// - `{"commit": <commit>, "validators": <validators or [pages]>, "next_validators": <same>?}`.
pub fn light_block_from_value(value: Value) -> Result<LightBlock, LightError> {
    let value = unwrap_envelope(value)?;
    let has = |k: &str| value.get(k).is_some();
    if has("signed_header") && has("validator_set") {
        return Ok(crate::json::from_value(&value)?);
    }
    if !(has("commit") && has("validators")) {
        return Err(LightError::BadJson(
            "expected a light block or {commit, validators, next_validators}".into(),
        ));
    }
    let Value::Object(mut parts) = value else {
        return Err(LightError::BadJson("expected an object".into()));
    };
    let mut take = |k: &str| parts.remove(k).unwrap_or(Value::Null);
    let commit: CommitResponse = result_from_value(take("commit"))?;
    let validators = validator_set_from_value(take("validators"))?;
    let next = match take("next_validators") {
        Value::Null => None,
        v => Some(validator_set_from_value(v)?),
    };
    Ok(LightBlock {
        signed_header: commit.signed_header,
        validator_set: validators,
        next_validator_set: next,
        provider: None,
    })
}

/// As [`light_block_from_value`], from JSON text.
pub fn light_block_from_json(json: &str) -> Result<LightBlock, LightError> {
    light_block_from_value(crate::json::parse(json.as_bytes())?)
}

fn validator_set_from_value(value: Value) -> Result<ValidatorSet, LightError> {
    let pages = match value {
        Value::Array(pages) => pages
            .into_iter()
            .map(result_from_value)
            .collect::<Result<Vec<ValidatorsResponse>, _>>()?,
        v => vec![result_from_value(v)?],
    };
    ValidatorsResponse::merge_pages(&pages)
}

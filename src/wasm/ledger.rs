//! Adapters for `crate::ledger`: state proof verification, state keys, and building, signing
//! and decoding ledger transactions (the consent wallet's grant and revoke among them).
// Without `authoring` the signing and building exports are left out (Cargo.toml says why).
#![cfg_attr(not(feature = "authoring"), allow(unused_imports))]

use serde_json::{json, Value};
use wasm_bindgen::prelude::*;

use super::crypto::{whole, KeyPair};
use super::error::{coded_error, to_js_error};
use crate::crypto::encoding::{from_hex, to_base64, to_hex, to_hex_upper};
use crate::crypto::jcs::canonicalize;
use crate::ledger::error::{ProofError, Reject};
use crate::ledger::proof::{verify_state_proof, ProofOp, ProofOps};
use crate::ledger::state::keys::state_key;
use crate::ledger::tx::records::{ConsentGrant, ConsentRevoke, Scope};
use crate::ledger::tx::{decode_and_verify, make_body, sign, signing_bytes, Common, TxType};

type JsResult<T> = Result<T, JsValue>;

/// Serialize a JSON value into a JS value.
fn to_js(value: &Value) -> JsResult<JsValue> {
    js_sys::JSON::parse(&value.to_string())
}

/// A property of a JS object, if set (not `undefined` or `null`).
fn property(obj: &JsValue, name: &str) -> Option<JsValue> {
    js_sys::Reflect::get(obj, &JsValue::from_str(name))
        .ok()
        .filter(|v| !v.is_undefined() && !v.is_null())
}

/// The ProofOps inside `json`: the object itself (`{ops: [...]}`), or an `abci_query`
/// `response` holding it as `proofOps` (or `proof_ops`). Parsed with the browser's JSON parser,
/// so proof verification needs no JSON library in the module.
fn parse_proof_ops(json: &str) -> Result<ProofOps, ProofError> {
    let not_ops = || ProofError::ProofInvalid("not a ProofOps object".into());
    let value = js_sys::JSON::parse(json)
        .map_err(|_| ProofError::BadInput("proof ops are not JSON".into()))?;
    let inner = property(&value, "proofOps")
        .or_else(|| property(&value, "proof_ops"))
        .unwrap_or(value);
    let ops = property(&inner, "ops")
        .filter(js_sys::Array::is_array)
        .ok_or_else(not_ops)?;
    let field = |op: &JsValue, name: &str| property(op, name).and_then(|v| v.as_string());
    js_sys::Array::from(&ops)
        .iter()
        .map(|op| {
            Ok(ProofOp {
                op_type: field(&op, "type").ok_or_else(not_ops)?,
                key: field(&op, "key").ok_or_else(not_ops)?,
                data: field(&op, "data").ok_or_else(not_ops)?,
            })
        })
        .collect::<Result<Vec<_>, _>>()
        .map(|ops| ProofOps { ops })
}

/// Verify a state proof against an app hash (hex, from a verified header at height H+1 for a
/// query at height H). With `valueJson`, proves the key holds exactly that value: the stored
/// bytes, which are canonical JSON (RFC 8785), as the query response's base64 `value` decodes
/// to; with `null`, proves the key is absent. `proofOps` is the query response's `proofOps`
/// JSON (or the whole `response`). Returns `{verified: true, kind: "membership" |
/// "nonMembership", key, value}` (value parsed) or throws (`state.root_mismatch`,
/// `state.value_mismatch`, `state.key_present`, `state.key_absent`, `state.proof_invalid`,
/// `state.too_deep`, `state.key_mismatch`, `state.bad_input`, `input.bad_hex`).
#[wasm_bindgen(js_name = verifyStateProof)]
pub fn verify_state_proof_js(
    app_hash_hex: &str,
    key: &str,
    value_json: Option<String>,
    proof_ops_json: &str,
) -> JsResult<JsValue> {
    let app_hash = from_hex(app_hash_hex).map_err(to_js_error)?;
    let ops = parse_proof_ops(proof_ops_json).map_err(to_js_error)?;
    let value = value_json.as_deref().map(str::as_bytes);
    verify_state_proof(&app_hash, key.as_bytes(), value, &ops).map_err(to_js_error)?;
    let out = js_sys::Object::new();
    let set = |name: &str, v: &JsValue| js_sys::Reflect::set(&out, &JsValue::from_str(name), v);
    let (kind, parsed) = match &value_json {
        Some(v) => (
            "membership",
            js_sys::JSON::parse(v).unwrap_or(JsValue::NULL),
        ),
        None => ("nonMembership", JsValue::NULL),
    };
    set("verified", &JsValue::TRUE)?;
    set("kind", &JsValue::from_str(kind))?;
    set("key", &JsValue::from_str(key))?;
    set("value", &parsed)?;
    Ok(out.into())
}

/// The state key of a fact: `stateKey("serial", [gtin, serial])`, `stateKey("consent",
/// [patient, grantee])`, ... (kinds: meta, account, actor, serial, lot, container, shipment,
/// record, consent, status, contract, invoice, chargeback). Throws `input.bad_key`.
#[wasm_bindgen(js_name = stateKey)]
pub fn state_key_js(kind: &str, parts: Vec<String>) -> JsResult<String> {
    let parts: Vec<&str> = parts.iter().map(String::as_str).collect();
    state_key(kind, &parts).ok_or_else(|| {
        coded_error(
            "input.bad_key",
            "unknown kind, wrong number of parts, or an empty part",
        )
    })
}

#[cfg(feature = "authoring")]
fn tx_type(name: &str) -> JsResult<TxType> {
    TxType::from_name(name).ok_or_else(|| to_js_error(Reject::UnknownType(name.into())))
}

#[cfg(feature = "authoring")]
fn parse_json(json: &str) -> JsResult<Value> {
    crate::json::parse(json.as_bytes()).map_err(|e| coded_error("input.bad_json", &e.to_string()))
}

/// The bytes a signer signs for a transaction: RFC 8785 JSON of `{type, body, signer}`.
#[cfg(feature = "authoring")]
#[wasm_bindgen(js_name = ledgerSigningBytes)]
pub fn ledger_signing_bytes(
    tx_type_name: &str,
    body_json: &str,
    signer: &str,
) -> JsResult<Vec<u8>> {
    tx_type(tx_type_name)?;
    signing_bytes(tx_type_name, &parse_json(body_json)?, signer).map_err(to_js_error)
}

/// Sign `body` (its JSON must hold `chainId` and `sequence`) as a transaction of `txType`, check
/// the envelope as the chain would, and return `{json, txBase64, hash, signingBytes}`:
/// `txBase64` is what `broadcast_tx_sync` takes, `hash` the transaction hash as CometBFT prints
/// it (upper-case hex). The type's own fields are checked by the typed helpers below (and by the
/// chain); checking every type here would put every body parser into the browser module.
fn signed(key: &KeyPair, tx_type: TxType, body: Value) -> JsResult<JsValue> {
    let env = sign(key.signing_key(), tx_type, body).map_err(to_js_error)?;
    let bytes = env.to_bytes().map_err(to_js_error)?;
    let verified = decode_and_verify(&bytes).map_err(to_js_error)?;
    let msg = signing_bytes(&env.tx_type, &env.body, &env.signer).map_err(to_js_error)?;
    let json = String::from_utf8(bytes.clone()).unwrap_or_default();
    to_js(&json!({
        "json": json,
        "txBase64": to_base64(&bytes),
        "hash": to_hex_upper(&verified.hash),
        "signingBytes": to_base64(&msg),
    }))
}

/// Sign any ledger transaction: the envelope of `bodyJson` (with `chainId` and `sequence`) as
/// `txType`, returned as `{json, txBase64, hash, signingBytes}`. Throws `ledger.*` codes.
#[cfg(feature = "authoring")]
#[wasm_bindgen(js_name = signLedgerTx, unchecked_return_type = "SignedTx")]
pub fn sign_ledger_tx(key: &KeyPair, tx_type_name: &str, body_json: &str) -> JsResult<JsValue> {
    signed(key, tx_type(tx_type_name)?, parse_json(body_json)?)
}

fn common(chain_id: &str, sequence: f64) -> JsResult<Common> {
    Ok(Common {
        chain_id: chain_id.into(),
        sequence: whole(sequence)?,
    })
}

/// A signed `consent.grant` from the key pair's owner (the patient) to `grantee`:
/// `scopeJson` is `{"recordIds": [...], "categories": [...]}`, `expires` an RFC 3339 time.
/// Returns `{json, txBase64, hash, signingBytes}`.
#[wasm_bindgen(js_name = consentGrantTx, unchecked_return_type = "SignedTx")]
pub fn consent_grant_tx(
    key: &KeyPair,
    chain_id: &str,
    sequence: f64,
    grantee: &str,
    scope_json: &str,
    purpose: &str,
    expires: &str,
) -> JsResult<JsValue> {
    let scope: Scope = crate::json::from_text(scope_json.as_bytes())
        .map_err(|e| to_js_error(Reject::BadBody(format!("scope: {e}"))))?;
    let grant = ConsentGrant {
        patient: key.did(),
        grantee: grantee.into(),
        scope,
        purpose: purpose.into(),
        expires: expires.into(),
    };
    grant.validate().map_err(to_js_error)?;
    let body = make_body(&common(chain_id, sequence)?, &grant).map_err(to_js_error)?;
    signed(key, TxType::ConsentGrant, body)
}

/// A signed `consent.revoke` from the key pair's owner (the patient) for `grantee`.
#[wasm_bindgen(js_name = consentRevokeTx, unchecked_return_type = "SignedTx")]
pub fn consent_revoke_tx(
    key: &KeyPair,
    chain_id: &str,
    sequence: f64,
    grantee: &str,
) -> JsResult<JsValue> {
    let revoke = ConsentRevoke {
        patient: key.did(),
        grantee: grantee.into(),
    };
    revoke.validate().map_err(to_js_error)?;
    let body = make_body(&common(chain_id, sequence)?, &revoke).map_err(to_js_error)?;
    signed(key, TxType::ConsentRevoke, body)
}

/// Decode transaction bytes (as found in a block) and verify the signer's signature (strict):
/// `{type, signer, body, hash, hashHex, chainId, sequence}`. Throws `ledger.*` codes. (Whether
/// the body obeys the ledger's rules is what the chain decided; the state proves the outcome.)
#[wasm_bindgen(js_name = decodeLedgerTx)]
pub fn decode_ledger_tx(tx: &[u8]) -> JsResult<JsValue> {
    let verified = decode_and_verify(tx).map_err(to_js_error)?;
    // Re-canonicalize so the JS side sees exactly what was signed.
    let body = canonicalize(&verified.body)
        .ok()
        .and_then(|b| crate::json::parse(&b).ok())
        .unwrap_or(Value::Null);
    to_js(&json!({
        "type": verified.tx_type.name(),
        "signer": verified.signer,
        "body": body,
        "hash": to_hex_upper(&verified.hash),
        "hashHex": to_hex(&verified.hash),
        "chainId": verified.common.chain_id,
        "sequence": verified.common.sequence,
    }))
}

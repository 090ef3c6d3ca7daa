//! Adapters for the five verifiers and the consent wallet's signing: `verifyMedicine`,
//! `verifyCredential`, `verifyRecord`, `verifyChargeback` (bundle, trust, credential and claim
//! as JSON text or objects; the report returned as an object), `signConsentGrant` and
//! `signConsentRevocation`.

use wasm_bindgen::prelude::*;

use super::crypto::KeyPair;
use super::error::{coded_error, to_js_error};
use super::ledger::{consent_grant_tx, consent_revoke_tx};
use crate::verify::date::Instant;
use crate::verify::Report;

type JsResult<T> = Result<T, JsValue>;

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &str = r#"
/** A verdict with its reasons (docs/reason-codes.md), facts, evidence and the time of the state. */
export interface Report {
  verdict: "verified" | "warning" | "not_verified";
  reasons: { code: string; severity: "info" | "warning" | "error"; message: string }[];
  facts: Record<string, unknown>;
  evidence: Record<string, unknown>;
  asOf: string;
}
/** The trusted checkpoint (docs/bundle-format.md). */
export interface Trust {
  checkpoint: { chainId: string; height: number | string; headerHash: string; time?: string; lightBlock: object };
  regulator?: string;
  trustingPeriodSeconds?: number;
  maxStatusAgeSeconds?: number;
}
/** A proof bundle in JSON form (docs/bundle-format.md); the compact `MP1:` form is a string. */
export interface Bundle {
  format: "medproof-bundle/1";
  chainId: string;
  kind: "medicine" | "credential" | "record" | "consent" | "contract";
  subject?: object;
  lightBlocks: object[];
  txs?: object[];
  state?: { height: string | number; proofs: { key: string; value: string | null; proofOps: object }[] };
  extra?: object;
}
/** A file's digest for verifyRecord: its SHA-256, its chunk root (chunkRootHex, or a ChunkRootBuilder
 * fed each 1 MiB chunk's SHA-256), or both, which must then both match the anchor. */
export type RecordDigest =
  | { sha256Hex: string; size?: number; chunkRoot?: string }
  | { sha256Hex?: string; size?: number; chunkRoot: string };
/** What verifyConsent asks: whose consent to whom (other wallet fields are ignored). */
export interface ConsentQuery {
  patient?: string; grantee: string; scope?: { recordIds?: string[]; categories?: string[] };
  [field: string]: unknown;
}
/** A chargeback claim for verifyChargeback. */
export interface ChargebackClaim {
  claimId?: string; contractId: string; shipment: string; claimant: string;
  lines: { gtin: string; quantity: number; chargebackMinor?: number; unitPriceMinor?: number }[];
  totalMinor?: number; currency?: string;
}
/** What signConsentGrant takes. */
export interface ConsentGrantOptions {
  grantee: string; scope: { recordIds?: string[]; categories?: string[] }; purpose: string;
  expires: string; sequence: number; chainId: string;
}
/** What signConsentRevocation takes. */
export interface ConsentRevocationOptions { grantee: string; sequence: number; chainId: string; scope?: unknown }
/** A signed ledger transaction. */
export interface SignedTx { txBase64: string; json: string; hash: string; signingBytes?: Uint8Array | string }
"#;

/// A JSON argument: a string is taken as the text, anything else is `JSON.stringify`-ed.
fn json_text(value: &JsValue, what: &str) -> JsResult<String> {
    if let Some(s) = value.as_string() {
        return Ok(s);
    }
    js_sys::JSON::stringify(value)
        .ok()
        .and_then(|s| s.as_string())
        .ok_or_else(|| coded_error("bundle.malformed", &format!("{what} is not JSON")))
}

fn now(now_iso: Option<String>) -> JsResult<Instant> {
    match now_iso {
        Some(s) => Instant::parse(&s).map_err(to_js_error),
        None => {
            let ms = js_sys::Date::now();
            // Whole milliseconds from the browser's clock; the pure core never reads it.
            let secs = (ms / 1000.0).floor();
            Instant::from_unix(secs as i64, 0)
                .ok_or_else(|| coded_error("date.bad_instant", "the clock is out of range"))
        }
    }
}

fn report(r: Result<Report, crate::verify::VerifyError>) -> JsResult<JsValue> {
    let r = r.map_err(to_js_error)?;
    js_sys::JSON::parse(&r.to_json().to_string())
}

/// Verify a medicine pack's barcode (GS1 Digital Link or element strings).
#[wasm_bindgen(js_name = verifyMedicine, unchecked_return_type = "Report")]
pub fn verify_medicine_js(
    scan: &str,
    #[wasm_bindgen(unchecked_param_type = "Bundle | string")] bundle: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Trust | string")] trust: JsValue,
    now_iso: Option<String>,
) -> JsResult<JsValue> {
    let (b, t) = (json_text(&bundle, "bundle")?, json_text(&trust, "trust")?);
    report(crate::verify::verify_medicine(scan, &b, &t, now(now_iso)?))
}

/// Verify a staff credential (a secured VC) against the ledger.
#[wasm_bindgen(js_name = verifyCredential, unchecked_return_type = "Report")]
pub fn verify_credential_js(
    #[wasm_bindgen(unchecked_param_type = "object | string")] vc: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Bundle | string")] bundle: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Trust | string")] trust: JsValue,
    now_iso: Option<String>,
) -> JsResult<JsValue> {
    let v = json_text(&vc, "credential")?;
    let (b, t) = (json_text(&bundle, "bundle")?, json_text(&trust, "trust")?);
    report(crate::verify::verify_credential(&v, &b, &t, now(now_iso)?))
}

/// Verify a record file's digest and the viewer's consent.
#[wasm_bindgen(js_name = verifyRecord, unchecked_return_type = "Report")]
pub fn verify_record_js(
    #[wasm_bindgen(unchecked_param_type = "RecordDigest | string")] digest: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Bundle | string")] bundle: JsValue,
    viewer_did: &str,
    #[wasm_bindgen(unchecked_param_type = "Trust | string")] trust: JsValue,
    now_iso: Option<String>,
) -> JsResult<JsValue> {
    let d = json_text(&digest, "digest")?;
    let (b, t) = (json_text(&bundle, "bundle")?, json_text(&trust, "trust")?);
    report(crate::verify::verify_record(
        &d,
        &b,
        viewer_did,
        &t,
        now(now_iso)?,
    ))
}

/// Verify that a patient's consent to a grantee stands (`{patient?, grantee, scope?}`).
#[wasm_bindgen(js_name = verifyConsent, unchecked_return_type = "Report")]
pub fn verify_consent_js(
    #[wasm_bindgen(unchecked_param_type = "ConsentQuery | string")] query: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Bundle | string")] bundle: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Trust | string")] trust: JsValue,
    now_iso: Option<String>,
) -> JsResult<JsValue> {
    let q = json_text(&query, "consent query")?;
    let (b, t) = (json_text(&bundle, "bundle")?, json_text(&trust, "trust")?);
    report(crate::verify::verify_consent(&q, &b, &t, now(now_iso)?))
}

/// Verify a chargeback claim.
#[wasm_bindgen(js_name = verifyChargeback, unchecked_return_type = "Report")]
pub fn verify_chargeback_js(
    #[wasm_bindgen(unchecked_param_type = "ChargebackClaim | string")] claim: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Bundle | string")] bundle: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Trust | string")] trust: JsValue,
    now_iso: Option<String>,
) -> JsResult<JsValue> {
    let c = json_text(&claim, "claim")?;
    let (b, t) = (json_text(&bundle, "bundle")?, json_text(&trust, "trust")?);
    report(crate::verify::verify_chargeback(&c, &b, &t, now(now_iso)?))
}

fn prop(obj: &JsValue, name: &str) -> JsResult<JsValue> {
    js_sys::Reflect::get(obj, &JsValue::from_str(name))
        .ok()
        .filter(|v| !v.is_undefined() && !v.is_null())
        .ok_or_else(|| coded_error("ledger.bad_body", &format!("{name} is missing")))
}

fn prop_str(obj: &JsValue, name: &str) -> JsResult<String> {
    prop(obj, name)?
        .as_string()
        .ok_or_else(|| coded_error("ledger.bad_body", &format!("{name} is not a string")))
}

fn prop_num(obj: &JsValue, name: &str) -> JsResult<f64> {
    prop(obj, name)?
        .as_f64()
        .ok_or_else(|| coded_error("ledger.bad_body", &format!("{name} is not a number")))
}

/// Sign a consent grant: `{grantee, scope, purpose, expires, sequence, chainId}` ->
/// `{txBase64, json, hash, signingBytes}`.
#[wasm_bindgen(js_name = signConsentGrant, unchecked_return_type = "SignedTx")]
pub fn sign_consent_grant(
    key: &KeyPair,
    #[wasm_bindgen(unchecked_param_type = "ConsentGrantOptions")] options: JsValue,
) -> JsResult<JsValue> {
    let scope = json_text(&prop(&options, "scope")?, "scope")?;
    consent_grant_tx(
        key,
        &prop_str(&options, "chainId")?,
        prop_num(&options, "sequence")?,
        &prop_str(&options, "grantee")?,
        &scope,
        &prop_str(&options, "purpose")?,
        &prop_str(&options, "expires")?,
    )
}

/// Sign a consent revocation: `{grantee, sequence, chainId}` -> `{txBase64, json, hash,
/// signingBytes}`.
#[wasm_bindgen(js_name = signConsentRevocation, unchecked_return_type = "SignedTx")]
pub fn sign_consent_revocation(
    key: &KeyPair,
    #[wasm_bindgen(unchecked_param_type = "ConsentRevocationOptions")] options: JsValue,
) -> JsResult<JsValue> {
    consent_revoke_tx(
        key,
        &prop_str(&options, "chainId")?,
        prop_num(&options, "sequence")?,
        &prop_str(&options, "grantee")?,
    )
}

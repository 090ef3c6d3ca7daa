//! Adapters for `crate::verify`: GS1 barcodes, Verifiable Credentials, Bitstring Status Lists.
//!
//! Results are plain JS objects (camelCase, dates as ISO strings, hashes as hex); malformed
//! arguments throw an `Error` with a `code` (`date.bad_date`, `gs1.check_digit`, ...).
// Without `authoring` the signing and building exports are left out (Cargo.toml says why).
#![cfg_attr(not(feature = "authoring"), allow(unused_imports))]

use serde::Serialize;
use serde_json::Value;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::error::{coded_error, to_js_error};
use crate::crypto::ed25519::SigningKey;
use crate::crypto::encoding::InputError;
use crate::crypto::jcs;
use crate::verify::credential::{self, check_credential, CredentialCheck};
use crate::verify::date::{CalendarDate, Instant};
use crate::verify::gs1::{self, Element};
use crate::verify::status_list::{self, parse_index};

type JsResult<T> = Result<T, JsValue>;

/// A serializable Rust value as a plain JS value, built directly (no JSON text in between, so
/// the module needs no float-to-text formatting of its own).
fn to_js<T: Serialize>(value: &T) -> JsResult<JsValue> {
    let v = serde_json::to_value(value).map_err(|e| bad_json(&e.to_string()))?;
    Ok(value_to_js(&v))
}

fn value_to_js(v: &Value) -> JsValue {
    match v {
        Value::Null => JsValue::NULL,
        Value::Bool(b) => JsValue::from_bool(*b),
        Value::Number(n) => JsValue::from_f64(n.as_f64().unwrap_or(f64::NAN)),
        Value::String(s) => JsValue::from_str(s),
        Value::Array(items) => items
            .iter()
            .map(value_to_js)
            .collect::<js_sys::Array>()
            .into(),
        Value::Object(map) => {
            let object = js_sys::Object::new();
            for (k, x) in map {
                // Setting a property on a fresh plain object cannot fail.
                let _ = js_sys::Reflect::set(&object, &JsValue::from_str(k), &value_to_js(x));
            }
            object.into()
        }
    }
}

fn bad_json(why: &str) -> JsValue {
    to_js_error(InputError::BadJson(why.to_owned()))
}

/// Parse JSON text with the browser's own `JSON.parse` (so the module carries no JSON parser):
/// numbers become IEEE doubles, as they do for every JavaScript verifier.
fn json(text: &str) -> JsResult<Value> {
    let parsed = js_sys::JSON::parse(text).map_err(|_| bad_json("not JSON"))?;
    from_js(&parsed, 0)
}

/// A value `JSON.parse` produced, as a `serde_json::Value`.
fn from_js(v: &JsValue, depth: usize) -> JsResult<Value> {
    if depth > 128 {
        return Err(bad_json("nested more than 128 levels deep"));
    }
    if v.is_null() || v.is_undefined() {
        return Ok(Value::Null);
    }
    if let Some(b) = v.as_bool() {
        return Ok(Value::Bool(b));
    }
    if let Some(s) = v.as_string() {
        return Ok(Value::String(s));
    }
    if let Some(n) = v.as_f64() {
        const EXACT: f64 = 9_007_199_254_740_991.0;
        return if n.fract() == 0.0 && n.abs() <= EXACT {
            Ok(Value::from(n as i64))
        } else {
            serde_json::Number::from_f64(n)
                .map(Value::Number)
                .ok_or_else(|| bad_json("a number JSON cannot hold"))
        };
    }
    if js_sys::Array::is_array(v) {
        let array: &js_sys::Array = v.unchecked_ref();
        return array.iter().map(|item| from_js(&item, depth + 1)).collect();
    }
    let mut map = serde_json::Map::new();
    for entry in js_sys::Object::entries(v.unchecked_ref()).iter() {
        let pair: &js_sys::Array = entry.unchecked_ref();
        let key = pair.get(0).as_string().unwrap_or_default();
        map.insert(key, from_js(&pair.get(1), depth + 1)?);
    }
    Ok(Value::Object(map))
}

fn reference_date(iso: &str) -> JsResult<CalendarDate> {
    CalendarDate::parse(iso).map_err(to_js_error)
}

fn instant(iso: &str) -> JsResult<Instant> {
    Instant::parse(iso).map_err(to_js_error)
}

/// Parse a GS1 Digital Link URI or GS1 element strings (bracketed, or as a scanner delivers
/// them: `]d2`/`]Q3` prefix, GS separators). `referenceDateIso` (`YYYY-MM-DD`, or a full ISO
/// date-time) is today's date, which places two-digit years in their century.
///
/// Returns `{source, elements: [{ai, value, title}], primaryKey, uriStem, extensions, gtin, lot,
/// serial, cpv, expiry, bestBefore, productionDate, dates: {ai: "YYYY-MM-DD"}}`, or throws
/// (`gs1.syntax`, `gs1.check_digit`, `gs1.unknown_ai`, `gs1.bad_value`, `gs1.order`,
/// `gs1.qualifier`, `gs1.duplicate`, `gs1.association`, `date.bad_date`).
#[wasm_bindgen(js_name = parseGs1)]
pub fn parse_gs1(input: &str, reference_date_iso: &str) -> JsResult<JsValue> {
    let data = gs1::parse(input, reference_date(reference_date_iso)?).map_err(to_js_error)?;
    to_js(&data)
}

/// The elements of `elementsJson`: `[{"ai": "01", "value": "..."}, ...]` or `{"01": "...", ...}`.
#[cfg(feature = "authoring")]
fn elements(elements_json: &str) -> JsResult<Vec<Element>> {
    let bad = bad_json;
    match json(elements_json)? {
        Value::Array(list) => list
            .iter()
            .map(|e| match (e["ai"].as_str(), e["value"].as_str()) {
                (Some(ai), Some(value)) => Ok(Element::new(ai, value)),
                _ => Err(bad("each element needs string \"ai\" and \"value\"")),
            })
            .collect(),
        Value::Object(map) => map
            .iter()
            .map(|(ai, v)| {
                v.as_str()
                    .map(|value| Element::new(ai, value))
                    .ok_or_else(|| bad("each value must be a string"))
            })
            .collect(),
        _ => Err(bad(
            "expected an array of {ai, value} or an object of AI to value",
        )),
    }
}

/// Build the canonical GS1 Digital Link URI of the given AIs (for a QR code): primary key and
/// key qualifiers in the path, other AIs in the query string, values percent-encoded. `stem`
/// defaults to `https://id.gs1.org`. Throws the `gs1.*` code of the first rule the AIs break.
#[cfg(feature = "authoring")]
#[wasm_bindgen(js_name = buildGs1DigitalLink)]
pub fn build_gs1_digital_link(
    elements_json: &str,
    stem: Option<String>,
    reference_date_iso: &str,
) -> JsResult<String> {
    let year = reference_date(reference_date_iso)?.year();
    gs1::build_digital_link(&elements(elements_json)?, stem.as_deref(), year).map_err(to_js_error)
}

/// Verify a Verifiable Credential (JSON text) secured with an `eddsa-jcs-2022` Data Integrity
/// proof, at `nowIso`. Never throws for a bad credential (only for a bad `nowIso`): returns
/// `{ok, proofValid, code, message, trace, report}` where `trace` holds every intermediate of the
/// proof (`canonicalDocument`, `canonicalProofConfig`, `documentHash`, `proofConfigHash`,
/// `hashData`, `signature`, `proofValue`, `verificationMethod`, `publicKey`, ...) and `report` is
/// the full verification report.
#[wasm_bindgen(js_name = verifyCredentialProof)]
pub fn verify_credential_proof(vc_json: &str, now_iso: &str) -> JsResult<JsValue> {
    let now = instant(now_iso)?;
    let check = match json(vc_json) {
        Ok(value) => check_credential(&value, now),
        Err(_) => CredentialCheck::not_json("not JSON", now),
    };
    to_js(&check)
}

/// Sign a credential (JSON text without a proof) with the Ed25519 key of the 32-byte `seed`:
/// adds an `eddsa-jcs-2022` Data Integrity proof created at `createdIso`. The verification
/// method defaults to the key's own `did:key`. Returns the signed credential as JSON text, in its
/// JCS (RFC 8785) canonical form.
#[cfg(feature = "authoring")]
#[wasm_bindgen(js_name = signCredential)]
pub fn sign_credential(
    unsigned_json: &str,
    seed: &[u8],
    created_iso: &str,
    verification_method: Option<String>,
) -> JsResult<String> {
    let key = SigningKey::from_slice(seed).map_err(to_js_error)?;
    let (signed, _) = credential::sign(
        &json(unsigned_json)?,
        &key,
        instant(created_iso)?,
        verification_method.as_deref(),
    )
    .map_err(to_js_error)?;
    let text = jcs::canonicalize(&signed).map_err(to_js_error)?;
    String::from_utf8(text).map_err(|e| bad_json(&e.to_string()))
}

/// A status list index given as a decimal string (as `statusListIndex` is) or a safe integer.
fn index(value: &JsValue) -> JsResult<u64> {
    if let Some(s) = value.as_string() {
        return parse_index(&s).map_err(to_js_error);
    }
    match value.as_f64() {
        Some(x)
            if x.is_finite() && x >= 0.0 && x.fract() == 0.0 && x <= 9_007_199_254_740_991.0 =>
        {
            Ok(x as u64)
        }
        _ => Err(coded_error(
            "status_list.bad_index",
            "the status index must be a decimal string or a non-negative safe integer",
        )),
    }
}

/// Read entry `index` (a decimal string like `statusListIndex`, or a number) of a Bitstring
/// Status List's `encodedList`; `statusSize` bits wide (default 1). Returns the status value
/// (for one-bit lists: 1 revoked or suspended, 0 not), or throws (`status_list.bad_encoding`,
/// `status_list.bad_compression`, `status_list.too_small`, `status_list.index_out_of_range`, ...).
#[wasm_bindgen(js_name = readStatusListBit)]
pub fn read_status_list_bit(
    encoded_list: &str,
    #[wasm_bindgen(unchecked_param_type = "string | number")] index_value: JsValue,
    status_size: Option<u32>,
) -> JsResult<u32> {
    status_list::read_status(encoded_list, index(&index_value)?, status_size.unwrap_or(1))
        .map_err(to_js_error)
}

/// Look up a credential's `credentialStatus` entry (JSON text) in a status list credential (JSON
/// text, already verified). Returns `{purpose, index, size, value}`, or throws
/// (`status_list.list_mismatch`, `status_list.purpose_mismatch`, ...).
#[wasm_bindgen(js_name = checkStatusEntry)]
pub fn check_status_entry(entry_json: &str, list_credential_json: &str) -> JsResult<JsValue> {
    let status = status_list::check_entry(&json(entry_json)?, &json(list_credential_json)?)
        .map_err(to_js_error)?;
    to_js(&status)
}

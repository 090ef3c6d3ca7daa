//! Adapters for `crate::verify`: GS1 barcodes, Verifiable Credentials, Bitstring Status Lists.
//!
//! Results are plain JS objects (camelCase, dates as ISO strings, hashes as hex); malformed
//! arguments throw an `Error` with a `code` (`date.bad_date`, `gs1.check_digit`, ...).

use serde::Serialize;
use serde_json::Value;
use wasm_bindgen::prelude::*;

use super::error::{coded_error, to_js_error};
use crate::crypto::ed25519::SigningKey;
use crate::crypto::encoding::InputError;
use crate::verify::credential::{self, check_credential_json};
use crate::verify::date::{CalendarDate, Instant};
use crate::verify::gs1::{self, Element};
use crate::verify::status_list::{self, parse_index};

type JsResult<T> = Result<T, JsValue>;

/// A serializable Rust value as a JS value (through JSON, so numbers and strings stay exact).
fn to_js<T: Serialize>(value: &T) -> JsResult<JsValue> {
    let text = serde_json::to_string(value)
        .map_err(|e| to_js_error(InputError::BadJson(e.to_string())))?;
    js_sys::JSON::parse(&text)
}

fn json(text: &str) -> JsResult<Value> {
    serde_json::from_str(text).map_err(|e| to_js_error(InputError::BadJson(e.to_string())))
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
fn elements(elements_json: &str) -> JsResult<Vec<Element>> {
    let bad = |why: &str| to_js_error(InputError::BadJson(why.to_owned()));
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
    let check = check_credential_json(vc_json, instant(now_iso)?);
    to_js(&check)
}

/// Sign a credential (JSON text without a proof) with the Ed25519 key of the 32-byte `seed`:
/// adds an `eddsa-jcs-2022` Data Integrity proof created at `createdIso`. The verification
/// method defaults to the key's own `did:key`. Returns the signed credential as JSON text.
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
    Ok(signed.to_string())
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
    index_value: JsValue,
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

//! Adapters for `crate::light`: single-step verification, the `LightClient` class driving
//! bisection over an asynchronous JavaScript provider, fork detection and transaction proofs.
//!
//! JSON inputs may be given as strings or as plain JavaScript objects. Times are RFC 3339
//! strings, milliseconds since the epoch, or `Date`s. Options:
//! `{ trustingPeriodMs: number, trustLevel?: {numerator, denominator}, maxClockDriftMs?: number }`
//! (trust level 1/3 and clock drift 10 s by default; the trusting period has no safe default).

use std::cell::RefCell;
use std::rc::Rc;
use std::time::Duration;

use serde::Deserialize;
use serde_json::{json, Value};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::error::{coded_error, to_js_error};
use crate::error::Coded;
use crate::light::rpc::{light_block_from_value, result_from_value, TxResponse};
use crate::light::{
    detect_fork, verify_light_block, verify_tx_proof, verify_tx_response, Bisection, Header,
    LightBlock, LightError, Need, Options, Time, TrustThreshold, TrustedState, TxProof, Verdict,
    WitnessOutcome,
};

type JsResult<T> = Result<T, JsValue>;

/// JSON text of a string or a JavaScript value.
fn json_text(v: &JsValue) -> JsResult<String> {
    if let Some(s) = v.as_string() {
        return Ok(s);
    }
    js_sys::JSON::stringify(v)
        .ok()
        .and_then(|s| s.as_string())
        .ok_or_else(|| to_js_error(LightError::BadJson("value is not JSON-serializable".into())))
}

/// Parsed JSON of a string or a JavaScript value.
fn json_value(v: &JsValue) -> JsResult<Value> {
    crate::json::parse(json_text(v)?.as_bytes()).map_err(|e| to_js_error(LightError::from(e)))
}

/// A JavaScript value from JSON.
fn to_js(v: &Value) -> JsValue {
    // Text produced by serde_json is always valid JSON.
    js_sys::JSON::parse(&v.to_string()).unwrap_or(JsValue::NULL)
}

/// A time from an RFC 3339 string, epoch milliseconds, a `Date`, or (`undefined`) the clock.
fn time_of(v: &JsValue) -> JsResult<Time> {
    let bad = |m: String| to_js_error(LightError::BadTime(m));
    if v.is_undefined() || v.is_null() {
        return Time::from_unix_millis(js_sys::Date::now() as i64).map_err(to_js_error);
    }
    if let Some(s) = v.as_string() {
        return Time::parse_rfc3339(&s).map_err(to_js_error);
    }
    let ms = if let Some(d) = v.dyn_ref::<js_sys::Date>() {
        d.get_time()
    } else if let Some(n) = v.as_f64() {
        n
    } else {
        return Err(bad(
            "expected an RFC 3339 string, milliseconds or a Date".into()
        ));
    };
    if !ms.is_finite() || ms.fract() != 0.0 || ms.abs() > 9.0e15 {
        return Err(bad("not a whole number of milliseconds".into()));
    }
    Time::from_unix_millis(ms as i64).map_err(to_js_error)
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct JsOptions {
    #[serde(with = "crate::light::json::u64_str")]
    trusting_period_ms: u64,
    #[serde(default)]
    trust_level: Option<JsFraction>,
    #[serde(
        default,
        deserialize_with = "crate::light::json::opt_u64_str::deserialize"
    )]
    max_clock_drift_ms: Option<u64>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct JsFraction {
    #[serde(with = "crate::light::json::u64_str")]
    numerator: u64,
    #[serde(with = "crate::light::json::u64_str")]
    denominator: u64,
}

fn options_of(v: &JsValue) -> JsResult<Options> {
    let o: JsOptions = crate::json::from_value(&json_value(v)?)
        .map_err(|e| to_js_error(LightError::BadOptions(e.to_string())))?;
    let period = Duration::from_millis(o.trusting_period_ms);
    if period.is_zero() {
        return Err(to_js_error(LightError::BadOptions(
            "trustingPeriodMs must be positive".into(),
        )));
    }
    let mut options = Options::new(period);
    if let Some(f) = o.trust_level {
        options.trust_threshold =
            TrustThreshold::new(f.numerator, f.denominator).map_err(to_js_error)?;
    }
    if let Some(ms) = o.max_clock_drift_ms {
        options.max_clock_drift = Duration::from_millis(ms);
    }
    Ok(options)
}

fn trusted_of(v: &JsValue) -> JsResult<TrustedState> {
    TrustedState::from_json(&json_text(v)?).map_err(to_js_error)
}

fn light_block_of(v: &JsValue) -> JsResult<LightBlock> {
    light_block_from_value(json_value(v)?).map_err(to_js_error)
}

/// `{verdict, code?, message?, tallied?, total?, trustLevel?}`.
fn verdict_json(v: &Verdict) -> Value {
    match v {
        Verdict::Success => json!({ "verdict": "success" }),
        Verdict::NotEnoughTrust {
            tallied,
            total,
            trust_threshold,
        } => json!({
            "verdict": "not_enough_trust",
            "code": "light.not_enough_trust",
            "message": format!(
                "{tallied} of {total} trusted voting power signed; more than {trust_threshold} \
                 is needed to skip here"
            ),
            "tallied": tallied.to_string(),
            "total": total.to_string(),
            "trustLevel": trust_threshold.to_string(),
        }),
        Verdict::Invalid(reason) => json!({
            "verdict": "invalid",
            "code": reason.code(),
            "message": reason.to_string(),
        }),
    }
}

/// Judge one untrusted light block against a trusted state at `now`.
///
/// `trusted`: `{signed_header, next_validator_set}`; `untrusted`: a light block
/// `{signed_header, validator_set, next_validator_set?}` or `{commit, validators,
/// next_validators?}` RPC responses. Returns `{verdict: "success" | "not_enough_trust" |
/// "invalid", code?, message?}`; throws (with a `code`) only for inputs that cannot be read.
#[wasm_bindgen(js_name = verifyLightBlock)]
pub fn verify_light_block_js(
    trusted: JsValue,
    untrusted: JsValue,
    options: JsValue,
    now: JsValue,
) -> JsResult<JsValue> {
    let trusted = trusted_of(&trusted)?;
    let untrusted = light_block_of(&untrusted)?;
    let options = options_of(&options)?;
    let now = time_of(&now)?;
    Ok(to_js(&verdict_json(&verify_light_block(
        &trusted, &untrusted, &options, now,
    ))))
}

/// Check a primary's light block against witnesses' blocks for the same height.
///
/// Returns `{verified, fork, primary: <verdict>, witnesses: [{outcome: "agrees" | "conflict" |
/// "faulty" | "undecided" | "wrong_height", code?, message?, conflict?: {height, primary,
/// witness}}]}`; a `conflict` carries both signed headers as evidence, and `verified` is then
/// false: a fork is never resolved silently.
#[wasm_bindgen(js_name = detectFork)]
pub fn detect_fork_js(
    trusted: JsValue,
    primary: JsValue,
    witnesses: JsValue,
    options: JsValue,
    now: JsValue,
) -> JsResult<JsValue> {
    let trusted = trusted_of(&trusted)?;
    let primary = light_block_of(&primary)?;
    let Value::Array(list) = json_value(&witnesses)? else {
        return Err(to_js_error(LightError::BadJson(
            "witnesses must be an array".into(),
        )));
    };
    let witnesses = list
        .into_iter()
        .map(light_block_from_value)
        .collect::<Result<Vec<_>, _>>()
        .map_err(to_js_error)?;
    let options = options_of(&options)?;
    let report = detect_fork(&trusted, &primary, &witnesses, &options, time_of(&now)?);
    let outcomes: Vec<Value> = report
        .witnesses
        .iter()
        .map(|w| match w {
            WitnessOutcome::Agrees => json!({ "outcome": "agrees" }),
            WitnessOutcome::Conflict(c) => json!({
                "outcome": "conflict",
                "code": "light.fork_detected",
                "conflict": {
                    "height": c.height.to_string(),
                    "witness": c.witness,
                    "primary": serde_json::to_value(&c.primary).unwrap_or(Value::Null),
                    "witnessHeader": serde_json::to_value(&c.witness_header).unwrap_or(Value::Null),
                },
            }),
            WitnessOutcome::Faulty(r) => json!({
                "outcome": "faulty", "code": r.code(), "message": r.to_string(),
            }),
            WitnessOutcome::Undecided => json!({ "outcome": "undecided" }),
            WitnessOutcome::WrongHeight(h) => json!({
                "outcome": "wrong_height", "height": h.to_string(),
            }),
        })
        .collect();
    Ok(to_js(&json!({
        "verified": report.is_verified(),
        "fork": report.is_fork(),
        "primary": verdict_json(&report.primary),
        "witnesses": outcomes,
    })))
}

/// A header from header JSON, `{header}`, a signed header or a light block.
fn header_of(v: &JsValue) -> JsResult<Header> {
    header_of_value(json_value(v)?)
}

fn header_of_value(value: Value) -> JsResult<Header> {
    let inner = value
        .get("signed_header")
        .and_then(|s| s.get("header"))
        .or_else(|| value.get("header"))
        .cloned()
        .unwrap_or(value);
    result_from_value(inner).map_err(to_js_error)
}

/// The CometBFT hash (block ID hash) of a header, as upper-case hex. Accepts header JSON,
/// `{header}`, a signed header, a light block, or a `block`/`commit` RPC response.
#[wasm_bindgen(js_name = lightHeaderHash)]
pub fn light_header_hash(header: JsValue) -> JsResult<String> {
    let value = strip_envelope(json_value(&header)?);
    let value = value.get("block").cloned().unwrap_or(value);
    let header = header_of_value(value)?;
    Ok(crate::crypto::encoding::to_hex_upper(&header.hash()))
}

/// Check a transaction proof against an (already verified) header and return the transaction.
///
/// `tx`: a `tx` RPC response with `prove=true` (envelope or result), or a bare `TxProof`.
#[wasm_bindgen(js_name = verifyTxProof)]
pub fn verify_tx_proof_js(header: JsValue, tx: JsValue) -> JsResult<Vec<u8>> {
    let header = header_of(&header)?;
    check_tx(&header, json_value(&tx)?).map_err(to_js_error)
}

fn check_tx(header: &Header, tx: Value) -> Result<Vec<u8>, LightError> {
    let tx = strip_envelope(tx);
    if tx.get("root_hash").is_some() {
        let proof: TxProof = crate::json::from_value(&tx)?;
        return verify_tx_proof(header, &proof);
    }
    let response: TxResponse = crate::json::from_value(&tx)?;
    verify_tx_response(header, &response)
}

fn strip_envelope(v: Value) -> Value {
    match v {
        Value::Object(mut o) if o.contains_key("jsonrpc") => o.remove("result").unwrap_or_default(),
        v => v,
    }
}

/// The light client's state between calls.
struct ClientState {
    trusted: TrustedState,
    options: Options,
    /// Headers verified by this client (and the checkpoint), sorted by height. (A sorted list,
    /// not a `BTreeMap`: the same answers, and one map type fewer in WebAssembly.)
    verified: Vec<(i64, Header)>,
    busy: bool,
}

impl ClientState {
    /// The verified header at `height`.
    fn verified_at(&self, height: i64) -> Option<&Header> {
        let i = self.verified.binary_search_by_key(&height, |v| v.0).ok()?;
        self.verified.get(i).map(|v| &v.1)
    }

    /// Keep a verified header (replacing one kept at its height).
    fn keep(&mut self, header: &Header) {
        let entry = (header.height, header.clone());
        match self.verified.binary_search_by_key(&header.height, |v| v.0) {
            Ok(i) => {
                if let Some(slot) = self.verified.get_mut(i) {
                    *slot = entry;
                }
            }
            Err(i) => self.verified.insert(i, entry),
        }
    }
}

/// A light client that starts from a trusted checkpoint and verifies forward by bisection.
#[wasm_bindgen]
pub struct LightClient {
    state: Rc<RefCell<ClientState>>,
}

#[wasm_bindgen]
impl LightClient {
    /// Trust `checkpoint` (`{signed_header, next_validator_set}`, obtained out of band).
    #[wasm_bindgen(constructor)]
    pub fn new(checkpoint: JsValue, options: JsValue) -> JsResult<LightClient> {
        let trusted = trusted_of(&checkpoint)?;
        let options = options_of(&options)?;
        let verified = vec![(trusted.height(), trusted.header().clone())];
        Ok(LightClient {
            state: Rc::new(RefCell::new(ClientState {
                trusted,
                options,
                verified,
                busy: false,
            })),
        })
    }

    /// The latest trusted height.
    #[wasm_bindgen(getter, js_name = trustedHeight)]
    pub fn trusted_height(&self) -> f64 {
        self.state.borrow().trusted.height() as f64
    }

    /// The latest trusted state as JSON (a checkpoint to store and resume from).
    #[wasm_bindgen(js_name = trustedStateJson)]
    pub fn trusted_state_json(&self) -> String {
        self.state.borrow().trusted.to_json()
    }

    /// The verified header at `height` as JSON, or `undefined`.
    #[wasm_bindgen(js_name = verifiedHeaderJson)]
    pub fn verified_header_json(&self, height: f64) -> Option<String> {
        let state = self.state.borrow();
        let header = state.verified_at(height as i64)?;
        serde_json::to_value(header).ok().map(|v| v.to_string())
    }

    /// Heights whose headers this client has verified.
    #[wasm_bindgen(js_name = verifiedHeights)]
    pub fn verified_heights(&self) -> Vec<f64> {
        self.state
            .borrow()
            .verified
            .iter()
            .map(|v| v.0 as f64)
            .collect()
    }

    /// Verify up to `height`, fetching light blocks with `provider.lightBlock(h)` (which may
    /// return a Promise of a light block or `{commit, validators, next_validators}` RPC JSON).
    /// `now` defaults to the clock. Resolves to the verified heights, in order; rejects with a
    /// coded error (for a refused block, the reason's code) and then keeps the last trusted
    /// state reached.
    #[wasm_bindgen(js_name = verifyTo)]
    pub fn verify_to(&self, height: f64, provider: JsValue, now: JsValue) -> js_sys::Promise {
        let state = Rc::clone(&self.state);
        let start = (|| -> JsResult<Option<Bisection>> {
            let now = time_of(&now)?;
            if !height.is_finite() || height.fract() != 0.0 || !(1.0..=9.0e15).contains(&height) {
                return Err(coded_error(
                    "light.bad_height",
                    "height must be a positive integer",
                ));
            }
            let target = height as i64;
            let mut s = state.borrow_mut();
            if s.busy {
                return Err(to_js_error(LightError::BadState(
                    "a verifyTo call is running",
                )));
            }
            if s.verified_at(target).is_some() {
                return Ok(None);
            }
            let run =
                Bisection::new(s.trusted.clone(), target, s.options, now).map_err(to_js_error)?;
            s.busy = true;
            Ok(Some(run))
        })();
        wasm_bindgen_futures::future_to_promise(async move {
            let Some(mut run) = start? else {
                return Ok(js_sys::Array::new().into());
            };
            let result = drive(&mut run, &provider).await;
            let mut s = state.borrow_mut();
            s.busy = false;
            // Keep whatever was verified, even if a later step failed.
            s.trusted = run.trusted().clone();
            for b in run.verified() {
                s.keep(b.header());
            }
            result.map_err(to_js_error)?;
            let out = js_sys::Array::new();
            for &h in run.trace() {
                out.push(&JsValue::from_f64(h as f64));
            }
            Ok(out.into())
        })
    }

    /// Check a transaction proof (a `tx` RPC response with `prove=true`) against this client's
    /// verified header at the transaction's height, and return the transaction's bytes.
    #[wasm_bindgen(js_name = verifyTxProof)]
    pub fn verify_tx_proof(&self, tx: JsValue) -> JsResult<Vec<u8>> {
        let tx = strip_envelope(json_value(&tx)?);
        let response: TxResponse =
            crate::json::from_value(&tx).map_err(|e| to_js_error(LightError::from(e)))?;
        let state = self.state.borrow();
        let header = state
            .verified_at(response.height)
            .ok_or_else(|| to_js_error(LightError::HeightNotVerified(response.height)))?;
        verify_tx_response(header, &response).map_err(to_js_error)
    }
}

/// Run the bisection to the end, awaiting the provider for each block.
async fn drive(run: &mut Bisection, provider: &JsValue) -> Result<(), LightError> {
    let fetch = js_sys::Reflect::get(provider, &"lightBlock".into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
        .ok_or_else(|| LightError::Provider {
            height: 0,
            message: "the provider has no lightBlock(height) function".into(),
        })?;
    while let Need::Height(h) = run.need() {
        let failed = |e: JsValue| LightError::Provider {
            height: h,
            message: js_message(&e),
        };
        let mut value = fetch
            .call1(provider, &JsValue::from_f64(h as f64))
            .map_err(failed)?;
        if let Some(p) = value.dyn_ref::<js_sys::Promise>() {
            value = wasm_bindgen_futures::JsFuture::from(p.clone())
                .await
                .map_err(failed)?;
        }
        let text = json_text(&value).map_err(failed)?;
        let block = crate::light::rpc::light_block_from_json(&text)?;
        run.supply(block)?;
    }
    Ok(())
}

fn js_message(e: &JsValue) -> String {
    e.dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| e.as_string())
        .unwrap_or_else(|| "the provider failed".into())
}

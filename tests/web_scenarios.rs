//! The demo scenarios in headless Chromium, through the JS API the web app calls
//! (`verifyMedicine`, `verifyCredential`, `verifyRecord`, `verifyConsent`, `verifyChargeback`):
//! each scenario's verdict and expected code, and no omission bundle `verified`.
//! Run with `. .tools/env.sh && wasm-pack test --headless --chrome --test web_scenarios`.
#![cfg(target_arch = "wasm32")]

use medproof::crypto::{encoding::to_hex, sha256};
use medproof::wasm::*;
use serde_json::{json, Value};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const SCENARIOS: &str = include_str!("../www/demo/scenarios.json");
const OMISSIONS: &str = include_str!("../www/demo/omission/manifest.json");
const TRUST: &str = include_str!("../www/demo/trust.json");

/// Every bundle a scenario or omission entry names, by its path under `www/`.
const BUNDLES: &[(&str, &str)] = &[
    (
        "demo/bundles/chargeback-duplicate.json",
        include_str!("../www/demo/bundles/chargeback-duplicate.json"),
    ),
    (
        "demo/bundles/chargeback-not-shipped.json",
        include_str!("../www/demo/bundles/chargeback-not-shipped.json"),
    ),
    (
        "demo/bundles/chargeback-price-mismatch.json",
        include_str!("../www/demo/bundles/chargeback-price-mismatch.json"),
    ),
    (
        "demo/bundles/chargeback-valid.json",
        include_str!("../www/demo/bundles/chargeback-valid.json"),
    ),
    (
        "demo/bundles/cloned-serial.json",
        include_str!("../www/demo/bundles/cloned-serial.json"),
    ),
    (
        "demo/bundles/consent-expired.json",
        include_str!("../www/demo/bundles/consent-expired.json"),
    ),
    (
        "demo/bundles/consent-granted.json",
        include_str!("../www/demo/bundles/consent-granted.json"),
    ),
    (
        "demo/bundles/consent-never-granted.json",
        include_str!("../www/demo/bundles/consent-never-granted.json"),
    ),
    (
        "demo/bundles/consent-revoked.json",
        include_str!("../www/demo/bundles/consent-revoked.json"),
    ),
    (
        "demo/bundles/credential-expired.json",
        include_str!("../www/demo/bundles/credential-expired.json"),
    ),
    (
        "demo/bundles/credential-issuer-not-accredited.json",
        include_str!("../www/demo/bundles/credential-issuer-not-accredited.json"),
    ),
    (
        "demo/bundles/credential-issuer-revoked.json",
        include_str!("../www/demo/bundles/credential-issuer-revoked.json"),
    ),
    (
        "demo/bundles/credential-revoked.json",
        include_str!("../www/demo/bundles/credential-revoked.json"),
    ),
    (
        "demo/bundles/credential-valid.json",
        include_str!("../www/demo/bundles/credential-valid.json"),
    ),
    (
        "demo/bundles/expired-pack.json",
        include_str!("../www/demo/bundles/expired-pack.json"),
    ),
    (
        "demo/bundles/genuine-pack.json",
        include_str!("../www/demo/bundles/genuine-pack.json"),
    ),
    (
        "demo/bundles/recalled-lot.json",
        include_str!("../www/demo/bundles/recalled-lot.json"),
    ),
    (
        "demo/bundles/record-match.json",
        include_str!("../www/demo/bundles/record-match.json"),
    ),
    (
        "demo/bundles/record-mismatch.json",
        include_str!("../www/demo/bundles/record-mismatch.json"),
    ),
    (
        "demo/bundles/repackaged-pack.json",
        include_str!("../www/demo/bundles/repackaged-pack.json"),
    ),
    (
        "demo/bundles/tampered-event.json",
        include_str!("../www/demo/bundles/tampered-event.json"),
    ),
    (
        "demo/bundles/unaccredited-manufacturer.json",
        include_str!("../www/demo/bundles/unaccredited-manufacturer.json"),
    ),
    (
        "demo/bundles/unknown-serial.json",
        include_str!("../www/demo/bundles/unknown-serial.json"),
    ),
    (
        "demo/omission/cloned-serial-dropped.json",
        include_str!("../www/demo/omission/cloned-serial-dropped.json"),
    ),
    (
        "demo/omission/cloned-serial-stale.json",
        include_str!("../www/demo/omission/cloned-serial-stale.json"),
    ),
    (
        "demo/omission/cloned-serial-wrong-value.json",
        include_str!("../www/demo/omission/cloned-serial-wrong-value.json"),
    ),
    (
        "demo/omission/consent-revoked-dropped.json",
        include_str!("../www/demo/omission/consent-revoked-dropped.json"),
    ),
    (
        "demo/omission/consent-revoked-stale.json",
        include_str!("../www/demo/omission/consent-revoked-stale.json"),
    ),
    (
        "demo/omission/consent-revoked-wrong-value.json",
        include_str!("../www/demo/omission/consent-revoked-wrong-value.json"),
    ),
    (
        "demo/omission/credential-revoked-dropped.json",
        include_str!("../www/demo/omission/credential-revoked-dropped.json"),
    ),
    (
        "demo/omission/credential-revoked-stale.json",
        include_str!("../www/demo/omission/credential-revoked-stale.json"),
    ),
    (
        "demo/omission/credential-revoked-wrong-value.json",
        include_str!("../www/demo/omission/credential-revoked-wrong-value.json"),
    ),
    (
        "demo/omission/recalled-lot-dropped.json",
        include_str!("../www/demo/omission/recalled-lot-dropped.json"),
    ),
    (
        "demo/omission/recalled-lot-stale.json",
        include_str!("../www/demo/omission/recalled-lot-stale.json"),
    ),
    (
        "demo/omission/recalled-lot-wrong-value.json",
        include_str!("../www/demo/omission/recalled-lot-wrong-value.json"),
    ),
];

/// The demo record files, by the path a scenario's input gives.
const RECORDS: &[(&str, &[u8])] = &[
    (
        "demo/records/lab-2025-001-altered.txt",
        include_bytes!("../www/demo/records/lab-2025-001-altered.txt"),
    ),
    (
        "demo/records/lab-2025-001.txt",
        include_bytes!("../www/demo/records/lab-2025-001.txt"),
    ),
];

fn find<T: Copy>(table: &[(&str, T)], path: &str) -> T {
    table
        .iter()
        .find(|(p, _)| *p == path)
        .unwrap_or_else(|| panic!("{path} is not included"))
        .1
}

/// What the app shows: `(verdict, codes)` of the report, or of the thrown coded Error.
fn outcome(r: Result<JsValue, JsValue>) -> (String, Vec<String>) {
    let v = r.unwrap_or_else(|e| {
        let code = js_sys::Reflect::get(&e, &"code".into())
            .ok()
            .and_then(|c| c.as_string());
        JsValue::from_str(
            &json!({"verdict": "not_verified", "reasons": [{"code": code}]}).to_string(),
        )
    });
    let text = if let Some(s) = v.as_string() {
        s
    } else {
        js_sys::JSON::stringify(&v).unwrap().as_string().unwrap()
    };
    let j: Value = serde_json::from_str(&text).unwrap();
    let codes = j["reasons"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|r| r["code"].as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default();
    (j["verdict"].as_str().unwrap_or("").to_owned(), codes)
}

fn js_json(v: &Value) -> JsValue {
    js_sys::JSON::parse(&v.to_string()).unwrap()
}

fn run(kind: &str, s: &Value) -> (String, Vec<String>) {
    let bundle = JsValue::from_str(find(BUNDLES, s["bundle"].as_str().unwrap()));
    let trust = js_sys::JSON::parse(TRUST).unwrap();
    let now = s["now"].as_str().map(str::to_owned);
    let input = &s["input"];
    outcome(match kind {
        "medicine" => verify_medicine_js(input.as_str().unwrap(), bundle, trust, now),
        "credential" => verify_credential_js(js_json(input), bundle, trust, now),
        "record" => {
            let file = find(RECORDS, input.as_str().unwrap());
            let digest = json!({"sha256Hex": to_hex(&sha256(file)), "size": file.len()});
            verify_record_js(
                js_json(&digest),
                bundle,
                s["viewer"].as_str().unwrap_or(""),
                trust,
                now,
            )
        }
        "consent" => verify_consent_js(js_json(input), bundle, trust, now),
        _ => verify_chargeback_js(js_json(input), bundle, trust, now),
    })
}

#[wasm_bindgen_test]
fn every_demo_scenario_in_the_browser() {
    let scenarios: Value = serde_json::from_str(SCENARIOS).unwrap();
    let scenarios = scenarios.as_array().unwrap();
    let mut failures = Vec::new();
    for s in scenarios {
        let (verdict, codes) = run(s["kind"].as_str().unwrap(), s);
        let code = s["expect"]["code"].as_str().unwrap();
        console_log!(
            "{}: expected {} {}, got {} {:?}",
            s["id"],
            s["expect"]["verdict"],
            code,
            verdict,
            codes
        );
        if verdict != s["expect"]["verdict"].as_str().unwrap() || !codes.iter().any(|c| c == code) {
            failures.push(s["id"].to_string());
        }
    }
    console_log!("{} scenarios checked in the browser", scenarios.len());
    assert!(scenarios.len() >= 23);
    assert!(failures.is_empty(), "{failures:?}");
}

#[wasm_bindgen_test]
fn no_omission_bundle_verifies_in_the_browser() {
    let scenarios: Value = serde_json::from_str(SCENARIOS).unwrap();
    let manifest: Value = serde_json::from_str(OMISSIONS).unwrap();
    let manifest = manifest.as_array().unwrap();
    for m in manifest {
        let base = scenarios
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["id"] == m["base"])
            .unwrap();
        let mut s = m.clone();
        if s["viewer"].is_null() {
            s["viewer"] = base["viewer"].clone();
        }
        let (verdict, codes) = run(base["kind"].as_str().unwrap(), &s);
        console_log!("{}: {} {:?}", m["id"], verdict, codes);
        assert_ne!(verdict, "verified", "{}", m["id"]);
    }
    console_log!("{} omission bundles checked in the browser", manifest.len());
    assert!(!manifest.is_empty());
}

//! Browser tests of the ledger's JS API: the state proofs of tests/fixtures/ledger-proofs.json
//! (generated natively, kept fresh by tests/ledger_fixture.rs) verify through
//! `verifyStateProof`, tampered variants fail with their code, and the consent wallet builds
//! byte-for-byte the transactions the native code builds. Run with
//! `wasm-pack test --headless --chrome --test web_ledger`.
#![cfg(target_arch = "wasm32")]

use medproof::wasm::*;
use serde_json::{json, Value};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const FIXTURE: &str = include_str!("fixtures/ledger-proofs.json");

fn fixture() -> Value {
    serde_json::from_str(FIXTURE).unwrap()
}

fn code_of(err: JsValue) -> String {
    let e: js_sys::Error = err.dyn_into().expect("errors are JS Error objects");
    js_sys::Reflect::get(&e, &"code".into())
        .unwrap()
        .as_string()
        .expect("every error has a string code")
}

fn to_json(v: &JsValue) -> Value {
    serde_json::from_str(&js_sys::JSON::stringify(v).unwrap().as_string().unwrap()).unwrap()
}

/// The value as stored: its exact canonical JSON text (or `None` for an absent key).
fn value_arg(case: &Value) -> Option<String> {
    case["valueJson"].as_str().map(String::from)
}

fn verify(app_hash: &str, case: &Value, ops: &Value) -> Result<Value, String> {
    let key = case["key"].as_str().unwrap();
    verify_state_proof_js(app_hash, key, value_arg(case), &ops.to_string())
        .map(|v| to_json(&v))
        .map_err(code_of)
}

#[wasm_bindgen_test]
fn fixture_proofs_verify() {
    let f = fixture();
    let app_hash = f["appHash"].as_str().unwrap();
    let cases = f["cases"].as_array().unwrap();
    for case in cases {
        let out = verify(app_hash, case, &case["proofOps"])
            .unwrap_or_else(|e| panic!("{}: {e}", case["name"]));
        assert_eq!(out["verified"], true);
        let kind = if case["value"].is_null() {
            "nonMembership"
        } else {
            "membership"
        };
        assert_eq!(out["kind"], kind);
        assert_eq!(out["value"], case["value"]);
        // Also as a whole abci_query response.
        let response = json!({"code": 0, "proofOps": case["proofOps"]});
        verify(app_hash, case, &response).unwrap();
        // The state commits to exact bytes: the same JSON pretty-printed is another value.
        if !case["value"].is_null() {
            let pretty = serde_json::to_string_pretty(&case["value"]).unwrap();
            let got = verify_state_proof_js(
                app_hash,
                case["key"].as_str().unwrap(),
                Some(pretty),
                &case["proofOps"].to_string(),
            );
            assert_eq!(code_of(got.unwrap_err()), "state.value_mismatch");
        }
    }
    // What a verifier reads from them.
    let lot = cases
        .iter()
        .find(|c| c["name"] == "lot (never recalled)")
        .unwrap();
    assert!(lot["value"].get("recall").is_none());
    let recalled = cases
        .iter()
        .find(|c| c["name"] == "lot (recalled)")
        .unwrap();
    assert!(recalled["value"]["recall"].is_object());
    let clone = cases
        .iter()
        .find(|c| c["name"] == "serial (dispensed, clone alert)")
        .unwrap();
    assert_eq!(clone["value"]["alerts"][0]["kind"], "clone_suspected");
    // Time: every case, 50 rounds (debug build of the test module; release is faster).
    let rounds = 50;
    let start = js_sys::Date::now();
    for _ in 0..rounds {
        for case in cases {
            verify(app_hash, case, &case["proofOps"]).unwrap();
        }
    }
    let per = (js_sys::Date::now() - start) / f64::from(rounds * cases.len() as u32);
    console_log!(
        "{} fixture proofs verified in the browser; {per:.3} ms per verifyStateProof call",
        cases.len()
    );
}

fn flip_hex(hex: &str, i: usize) -> String {
    let mut b = js_from_hex(hex).unwrap();
    let n = b.len();
    b[i % n] ^= 1;
    js_to_hex(&b)
}

/// Flip one byte of the proof data at `i`.
fn tamper_data(ops: &Value, i: usize) -> Value {
    let mut ops = ops.clone();
    let mut data = js_from_base64(ops["ops"][0]["data"].as_str().unwrap()).unwrap();
    let n = data.len();
    data[i % n] ^= 0x01;
    ops["ops"][0]["data"] = json!(js_to_base64(&data));
    ops
}

#[wasm_bindgen_test]
fn tampered_proofs_fail_with_their_code() {
    let f = fixture();
    let app_hash = f["appHash"].as_str().unwrap();
    let checked = std::cell::Cell::new(0);
    let count = || checked.set(checked.get() + 1);
    for case in f["cases"].as_array().unwrap() {
        let ops = &case["proofOps"];
        let name = case["name"].as_str().unwrap();
        let expect = |got: Result<Value, String>, want: &str| {
            assert_eq!(got.err().as_deref(), Some(want), "{name}");
            count();
        };
        expect(
            verify(&flip_hex(app_hash, 3), case, ops),
            "state.root_mismatch",
        );
        expect(verify(&app_hash[..62], case, ops), "state.bad_input");
        expect(verify("zz", case, ops), "input.bad_hex");
        let mut other_key = case.clone();
        other_key["key"] = json!("serial/09506000134352/NOT-THIS-ONE");
        expect(verify(app_hash, &other_key, ops), "state.key_mismatch");
        let mut flipped_kind = case.clone();
        if case["value"].is_null() {
            flipped_kind["valueJson"] = json!(r#"{"status":"active"}"#);
            expect(verify(app_hash, &flipped_kind, ops), "state.key_absent");
        } else {
            flipped_kind["valueJson"] = Value::Null;
            expect(verify(app_hash, &flipped_kind, ops), "state.key_present");
            let mut other_value = case.clone();
            let injected =
                case["valueJson"]
                    .as_str()
                    .unwrap()
                    .replacen('{', r#"{"injected":true,"#, 1);
            other_value["valueJson"] = json!(injected);
            expect(verify(app_hash, &other_value, ops), "state.value_mismatch");
        }
        // Last bytes of the data are sibling hashes of the top of a path: a changed byte there
        // leads to another root.
        let data_len = js_from_base64(ops["ops"][0]["data"].as_str().unwrap())
            .unwrap()
            .len();
        let got = verify(app_hash, case, &tamper_data(ops, data_len - 2));
        assert!(
            matches!(
                got.as_ref().err().map(String::as_str),
                Some("state.root_mismatch" | "state.proof_invalid")
            ),
            "{name}: {got:?}"
        );
        count();
        // Every single-byte change of the data is refused (whatever the reason), and never a
        // panic (which would poison the module for the next call).
        for i in (0..data_len).step_by(7) {
            let got = verify(app_hash, case, &tamper_data(ops, i));
            if let Ok(v) = &got {
                // Protobuf may skip a mangled unknown field; then it must still be the truth.
                assert_eq!(v["value"], case["value"], "{name}: byte {i}");
            }
            count();
        }
        let mut two = ops.clone();
        two["ops"] = json!([ops["ops"][0], ops["ops"][0]]);
        expect(verify(app_hash, case, &two), "state.proof_invalid");
        let mut wrong_type = ops.clone();
        wrong_type["ops"][0]["type"] = json!("ics23:iavl");
        expect(verify(app_hash, case, &wrong_type), "state.proof_invalid");
        expect(
            verify(app_hash, case, &json!("nope")),
            "state.proof_invalid",
        );
        let missing_fields = json!({"ops": [{"type": "ics23:jmt"}]});
        expect(
            verify(app_hash, case, &missing_fields),
            "state.proof_invalid",
        );
    }
    assert_eq!(
        code_of(verify_state_proof_js(&"00".repeat(32), "k", None, "{").unwrap_err()),
        "state.bad_input"
    );
    console_log!("{} tampered proofs refused in the browser", checked.get());
}

#[wasm_bindgen_test]
fn consent_wallet_builds_the_native_bytes() {
    let f = fixture();
    let w = &f["consentWallet"];
    let key = KeyPair::from_seed(&js_from_hex(w["seedHex"].as_str().unwrap()).unwrap()).unwrap();
    assert_eq!(key.did(), w["patient"].as_str().unwrap());
    let chain = w["chainId"].as_str().unwrap();
    let grantee = w["grantee"].as_str().unwrap();
    let grant = consent_grant_tx(
        &key,
        chain,
        7.0,
        grantee,
        &w["scope"].to_string(),
        w["purpose"].as_str().unwrap(),
        w["expires"].as_str().unwrap(),
    )
    .unwrap();
    let grant = to_json(&grant);
    assert_eq!(grant["txBase64"], w["grant"]["txBase64"]);
    assert_eq!(grant["hash"], w["grant"]["hash"]);
    let revoke = to_json(&consent_revoke_tx(&key, chain, 8.0, grantee).unwrap());
    assert_eq!(revoke["txBase64"], w["revoke"]["txBase64"]);

    // The generic signer gives the same bytes from the JSON body.
    let env: Value = serde_json::from_str(grant["json"].as_str().unwrap()).unwrap();
    let again = to_json(&sign_ledger_tx(&key, "consent.grant", &env["body"].to_string()).unwrap());
    assert_eq!(again["txBase64"], grant["txBase64"]);
    let sb = ledger_signing_bytes("consent.grant", &env["body"].to_string(), &key.did()).unwrap();
    assert_eq!(js_to_base64(&sb), grant["signingBytes"].as_str().unwrap());
    assert!(ed25519_verify(
        "strict",
        &key.public_key(),
        &sb,
        &js_from_base64(env["sig"].as_str().unwrap()).unwrap()
    )
    .unwrap());

    // Decoding verifies the signature and the body.
    let tx = js_from_base64(grant["txBase64"].as_str().unwrap()).unwrap();
    let decoded = to_json(&decode_ledger_tx(&tx).unwrap());
    assert_eq!(
        (decoded["type"].as_str(), decoded["sequence"].as_u64()),
        (Some("consent.grant"), Some(7))
    );
    assert_eq!(decoded["signer"], w["patient"]);
    let mut forged = env.clone();
    forged["body"]["grantee"] = json!(key.did());
    assert_eq!(
        code_of(decode_ledger_tx(forged.to_string().as_bytes()).unwrap_err()),
        "ledger.bad_signature"
    );

    // Bad inputs are coded errors, not panics.
    let bad_scope = consent_grant_tx(
        &key,
        chain,
        7.0,
        grantee,
        "{}",
        "treatment",
        "2026-01-01T00:00:00Z",
    );
    assert_eq!(code_of(bad_scope.unwrap_err()), "ledger.bad_body");
    let bad_grantee = consent_revoke_tx(&key, chain, 1.0, "did:web:x");
    assert_eq!(code_of(bad_grantee.unwrap_err()), "ledger.bad_body");
    assert_eq!(
        code_of(consent_revoke_tx(&key, chain, -1.0, grantee).unwrap_err()),
        "input.out_of_range"
    );
    assert_eq!(
        code_of(sign_ledger_tx(&key, "consent.nope", "{}").unwrap_err()),
        "ledger.unknown_type"
    );
    assert_eq!(
        code_of(sign_ledger_tx(&key, "consent.revoke", "{").unwrap_err()),
        "input.bad_json"
    );
}

#[wasm_bindgen_test]
fn state_keys_from_js() {
    let f = fixture();
    let serial = f["cases"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == "serial (dispensed, clone alert)")
        .unwrap();
    let key = state_key_js("serial", vec!["09506000134352".into(), "S1".into()]).unwrap();
    assert_eq!(key, serial["key"].as_str().unwrap());
    assert_eq!(
        state_key_js("serial", vec!["09506000134352".into(), "A/B".into()]).unwrap(),
        "serial/09506000134352/A%2FB"
    );
    assert_eq!(
        code_of(state_key_js("serial", vec!["1".into()]).unwrap_err()),
        "input.bad_key"
    );
    assert_eq!(
        code_of(state_key_js("rumour", vec!["1".into()]).unwrap_err()),
        "input.bad_key"
    );
}

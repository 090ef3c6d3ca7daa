//! Browser tests of the verifiers' JS API (`parseGs1`, `buildGs1DigitalLink`,
//! `verifyCredentialProof`, `signCredential`, `readStatusListBit`, `checkStatusEntry`) in headless
//! Chromium, on the same independent vectors as the native tests.
//! Run with `wasm-pack test --headless --chrome --test web_verify`.
#![cfg(target_arch = "wasm32")]

use std::collections::BTreeMap;

use medproof::verify::status_list::{StatusList, MIN_BITS};
use medproof::wasm::*;
use serde_json::{json, Value};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const GS1_CASES: &str = include_str!("vectors/gs1/digital-link.json");
const SIGNED: &str = include_str!("vectors/vc-di-eddsa/signedJCS.json");
const CANON_DOC: &str = include_str!("vectors/vc-di-eddsa/canonDocJCS.txt");
const CANON_PROOF: &str = include_str!("vectors/vc-di-eddsa/proofCanonJCS.txt");
const DOC_HASH: &str = include_str!("vectors/vc-di-eddsa/docHashJCS.txt");
const PROOF_HASH: &str = include_str!("vectors/vc-di-eddsa/proofHashJCS.txt");
const COMBINED: &str = include_str!("vectors/vc-di-eddsa/combinedHashJCS.txt");
const SIG_HEX: &str = include_str!("vectors/vc-di-eddsa/sigHexJCS.txt");
const SIG_B58: &str = include_str!("vectors/vc-di-eddsa/sigBTC58JCS.txt");
const SPEC_STATUS_LIST: &str =
    "uH4sIAAAAAAAAA-3BMQEAAADCoPVPbQwfoAAAAAAAAAAAAAAAAAAAAIC3AYbSVKsAQAAA";

fn code_of(err: JsValue) -> String {
    let e: js_sys::Error = err.dyn_into().expect("errors are JS Error objects");
    js_sys::Reflect::get(&e, &"code".into())
        .unwrap()
        .as_string()
        .expect("every error has a string code")
}

/// A JS value as JSON, to compare with serde_json.
fn to_json(v: &JsValue) -> Value {
    let text: String = js_sys::JSON::stringify(v).unwrap().into();
    serde_json::from_str(&text).unwrap()
}

#[path = "support/gs1_case.rs"]
mod gs1_case;
use gs1_case::Case;

#[wasm_bindgen_test]
fn gs1_vectors_through_parse_gs1() {
    let cases: Vec<Case> = serde_json::from_str(GS1_CASES).unwrap();
    let (mut valid, mut invalid) = (0, 0);
    for case in cases {
        let today = format!("{}-06-15", case.reference_year.unwrap_or(2026));
        match parse_gs1(&case.input, &today) {
            Ok(v) => {
                assert!(case.valid, "{}: accepted", case.id);
                let data = to_json(&v);
                let got: BTreeMap<String, String> = data["elements"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|e| {
                        let s = |k: &str| e[k].as_str().unwrap().to_owned();
                        (s("ai"), s("value"))
                    })
                    .collect();
                assert_eq!(&got, case.expect.as_ref().unwrap(), "{}", case.id);
                for (ai, iso) in case.dates.iter().flatten() {
                    assert_eq!(data["dates"][ai], *iso, "{}", case.id);
                }
                if let Some(gtin) = case.expect.as_ref().unwrap().get("01") {
                    assert_eq!(data["gtin"], *gtin);
                }
                if let Some(iso) = case.dates.as_ref().and_then(|d| d.get("17")) {
                    assert_eq!(data["expiry"], *iso);
                }
                valid += 1;
            }
            Err(e) => {
                assert!(!case.valid, "{}: rejected", case.id);
                assert_eq!(
                    code_of(e),
                    format!("gs1.{}", case.error.unwrap()),
                    "{}",
                    case.id
                );
                invalid += 1;
            }
        }
    }
    assert_eq!((valid, invalid), (30, 28));
    console_log!("parseGs1: {valid} valid and {invalid} invalid vector cases");
    assert_eq!(
        code_of(parse_gs1("(01)09506000134352", "2026-13-01").unwrap_err()),
        "date.bad_date"
    );
}

#[wasm_bindgen_test]
fn build_and_parse_a_digital_link() {
    let elements = r#"[{"ai":"01","value":"9506000134352"},{"ai":"17","value":"270100"},
        {"ai":"21","value":"X/1"},{"ai":"10","value":"A&B"}]"#;
    let link = build_gs1_digital_link(elements, None, "2026-06-15").unwrap();
    assert_eq!(
        link,
        "https://id.gs1.org/01/09506000134352/10/A%26B/21/X%2F1?17=270100"
    );
    let data = to_json(&parse_gs1(&link, "2026-06-15").unwrap());
    assert_eq!(data["lot"], "A&B");
    assert_eq!(data["serial"], "X/1");
    assert_eq!(data["expiry"], "2027-01-31");
    let map = r#"{"01":"09506000134352","10":"ABC"}"#;
    let link =
        build_gs1_digital_link(map, Some("https://pharma.example/".into()), "2026-06-15").unwrap();
    assert_eq!(link, "https://pharma.example/01/09506000134352/10/ABC");
    let bad = build_gs1_digital_link(r#"{"01":"09506000134353"}"#, None, "2026-06-15");
    assert_eq!(code_of(bad.unwrap_err()), "gs1.check_digit");
    assert_eq!(
        code_of(build_gs1_digital_link("[1]", None, "2026-06-15").unwrap_err()),
        "input.bad_json"
    );
}

#[wasm_bindgen_test]
fn w3c_credential_vector_every_intermediate() {
    let check = to_json(&verify_credential_proof(SIGNED, "2024-01-01T00:00:00Z").unwrap());
    let trace = &check["trace"];
    assert_eq!(trace["canonicalDocument"], CANON_DOC);
    assert_eq!(trace["canonicalProofConfig"], CANON_PROOF);
    assert_eq!(trace["documentHash"], DOC_HASH);
    assert_eq!(trace["proofConfigHash"], PROOF_HASH);
    assert_eq!(trace["hashData"], COMBINED);
    assert_eq!(trace["signature"], SIG_HEX);
    assert_eq!(trace["proofValue"], SIG_B58);
    assert_eq!(check["proofValid"], true);
    // The vector's issuer is a web URL that nothing binds to the did:key that signed.
    assert_eq!(check["ok"], false);
    assert_eq!(check["code"], "credential.issuer_mismatch");
    assert_eq!(check["report"]["verdict"], "not_verified");
    assert_eq!(check["report"]["asOf"], "2024-01-01T00:00:00Z");
    console_log!("verifyCredentialProof: 7 W3C intermediates match");

    let mut tampered: Value = serde_json::from_str(SIGNED).unwrap();
    tampered["credentialSubject"]["alumniOf"] = json!("The School of Exampler");
    let check =
        to_json(&verify_credential_proof(&tampered.to_string(), "2024-01-01T00:00:00Z").unwrap());
    assert_eq!(check["proofValid"], false);
    assert_eq!(check["code"], "credential.bad_signature");
    assert_eq!(
        check["trace"]["proofValue"], SIG_B58,
        "the trace is shown for a failed proof"
    );
    let check = to_json(&verify_credential_proof("not json", "2024-01-01T00:00:00Z").unwrap());
    assert_eq!(check["code"], "credential.not_json");
    assert_eq!(
        code_of(verify_credential_proof(SIGNED, "yesterday").unwrap_err()),
        "date.bad_instant"
    );
}

#[wasm_bindgen_test]
fn sign_then_verify_a_licence() {
    let key = KeyPair::from_seed(&[3; 32]).unwrap();
    let did = format!(
        "did:key:{}",
        medproof::crypto::did_key::to_multibase(
            &medproof::crypto::ed25519::PublicKey::from_slice(&key.public_key()).unwrap()
        )
    );
    let unsigned = json!({
        "@context": ["https://www.w3.org/ns/credentials/v2"],
        "type": ["VerifiableCredential", "PharmacistLicence"],
        "issuer": did,
        "validFrom": "2026-01-01T00:00:00Z",
        "validUntil": "2027-01-01T00:00:00Z",
        "credentialSubject": {"id": "did:example:pharmacist-4", "licence": "PH-4"}
    });
    let signed = sign_credential(
        &unsigned.to_string(),
        &key.export_seed(),
        "2026-01-01T00:00:00Z",
        None,
    )
    .unwrap();
    let check = to_json(&verify_credential_proof(&signed, "2026-05-01T00:00:00Z").unwrap());
    assert_eq!(check["ok"], true, "{check}");
    assert_eq!(check["report"]["verdict"], "verified");
    assert_eq!(check["report"]["facts"]["issuer"], did);
    let check = to_json(&verify_credential_proof(&signed, "2027-05-01T00:00:00Z").unwrap());
    assert_eq!(check["code"], "credential.expired");
    let err =
        sign_credential(&signed, &key.export_seed(), "2026-01-01T00:00:00Z", None).unwrap_err();
    assert_eq!(code_of(err), "credential.malformed");
    let err = sign_credential("{}", &[1; 31], "2026-01-01T00:00:00Z", None).unwrap_err();
    assert_eq!(code_of(err), "ed25519.bad_length");
}

#[wasm_bindgen_test]
fn status_lists() {
    assert_eq!(
        read_status_list_bit(SPEC_STATUS_LIST, "94567".into(), None).unwrap(),
        0
    );
    let mut list = StatusList::new(MIN_BITS).unwrap();
    list.set(94567, 1, 1).unwrap();
    list.set(7, 1, 1).unwrap();
    let encoded = list.encode();
    assert_eq!(
        read_status_list_bit(&encoded, "94567".into(), None).unwrap(),
        1
    );
    assert_eq!(
        read_status_list_bit(&encoded, JsValue::from(94566), None).unwrap(),
        0
    );
    assert_eq!(
        read_status_list_bit(&encoded, JsValue::from(3), Some(2)).unwrap(),
        1,
        "bits 6-7 are 01"
    );
    for (index, code) in [
        (JsValue::from("131072"), "status_list.index_out_of_range"),
        (JsValue::from("-1"), "status_list.bad_index"),
        (JsValue::from(1.5), "status_list.bad_index"),
    ] {
        assert_eq!(
            code_of(read_status_list_bit(&encoded, index, None).unwrap_err()),
            code
        );
    }
    assert_eq!(
        code_of(read_status_list_bit("H4sI", "0".into(), None).unwrap_err()),
        "status_list.bad_encoding"
    );
    assert_eq!(
        code_of(read_status_list_bit("uAAAA", "0".into(), None).unwrap_err()),
        "status_list.bad_compression"
    );

    let list_vc = json!({"id": "https://example.com/status/3",
        "credentialSubject": {"type": "BitstringStatusList", "statusPurpose": "revocation", "encodedList": encoded}});
    let entry = json!({"type": "BitstringStatusListEntry", "statusPurpose": "revocation",
        "statusListIndex": "94567", "statusListCredential": "https://example.com/status/3"});
    let status = to_json(&check_status_entry(&entry.to_string(), &list_vc.to_string()).unwrap());
    assert_eq!(
        status,
        json!({"purpose": "revocation", "index": 94567, "size": 1, "value": 1})
    );
    let mut other = entry.clone();
    other["statusPurpose"] = json!("suspension");
    let err = check_status_entry(&other.to_string(), &list_vc.to_string()).unwrap_err();
    assert_eq!(code_of(err), "status_list.purpose_mismatch");
}

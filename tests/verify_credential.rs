//! Verifiable Credentials with `eddsa-jcs-2022` Data Integrity proofs, against the W3C test
//! vector of w3c/vc-di-eddsa (tests/vectors/vc-di-eddsa): every intermediate value, signing, every
//! one-character change of each field class, and the credential checks around the proof.
#![cfg(not(target_arch = "wasm32"))]

use std::fs;
use std::path::{Path, PathBuf};

use medproof::crypto::did_key;
use medproof::crypto::ed25519::SigningKey;
use medproof::crypto::encoding::to_hex;
use medproof::crypto::jcs;
use medproof::verify::credential::{self, multikey, CredentialError};
use medproof::verify::date::Instant;
use medproof::verify::Verdict;
use medproof::Coded;
use serde_json::{json, Value};

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/vectors/vc-di-eddsa")
}

fn text(name: &str) -> String {
    fs::read_to_string(dir().join(name)).unwrap()
}

fn signed() -> Value {
    serde_json::from_str(&text("signedJCS.json")).unwrap()
}

fn w3c_key() -> SigningKey {
    let pair: Value = serde_json::from_str(&text("keyPair.json")).unwrap();
    multikey::signing_key_from_multibase(pair["privateKeyMultibase"].as_str().unwrap()).unwrap()
}

fn at(s: &str) -> Instant {
    Instant::parse(s).unwrap()
}

#[test]
fn w3c_vector_every_intermediate_matches() {
    let trace = credential::verify_proof(&signed()).unwrap();
    assert_eq!(trace.canonical_document, text("canonDocJCS.txt"));
    assert_eq!(trace.canonical_proof_config, text("proofCanonJCS.txt"));
    assert_eq!(to_hex(&trace.document_hash), text("docHashJCS.txt"));
    assert_eq!(to_hex(&trace.proof_config_hash), text("proofHashJCS.txt"));
    assert_eq!(to_hex(&trace.hash_data), text("combinedHashJCS.txt"));
    assert_eq!(to_hex(&trace.signature), text("sigHexJCS.txt"));
    assert_eq!(trace.proof_value, text("sigBTC58JCS.txt"));
    // The proof configuration file canonicalizes to the same bytes.
    let config = jcs::canonicalize_str(&text("proofConfigJCS.json")).unwrap();
    assert_eq!(
        String::from_utf8(config).unwrap(),
        text("proofCanonJCS.txt")
    );
    // The verification method resolves to the vector's public key, which the secret key matches.
    let pair: Value = serde_json::from_str(&text("keyPair.json")).unwrap();
    let public = did_key::to_multibase(&trace.public_key.unwrap());
    assert_eq!(public, pair["publicKeyMultibase"].as_str().unwrap());
    assert_eq!(did_key::to_multibase(&w3c_key().public_key()), public);
    assert_eq!(
        multikey::signing_key_to_multibase(&w3c_key()),
        pair["privateKeyMultibase"].as_str().unwrap()
    );
    // The trace serializes with hex hashes for the JS API.
    let v = serde_json::to_value(&trace).unwrap();
    assert_eq!(v["hashData"], text("combinedHashJCS.txt"));
    assert_eq!(v["proofValue"], text("sigBTC58JCS.txt"));
    println!("w3c eddsa-jcs-2022: 7 intermediates and the key checked");
}

#[test]
fn signing_reproduces_the_w3c_vector() {
    let signed = signed();
    let mut unsigned = signed.clone();
    unsigned.as_object_mut().unwrap().remove("proof");
    let vm = signed["proof"]["verificationMethod"].as_str().unwrap();
    let created = at(signed["proof"]["created"].as_str().unwrap());
    let (ours, trace) = credential::sign(&unsigned, &w3c_key(), created, Some(vm)).unwrap();
    assert_eq!(
        ours, signed,
        "same key, same options: the same signed credential"
    );
    assert_eq!(trace.proof_value, text("sigBTC58JCS.txt"));
    // The default verification method is the key's own did:key.
    let (ours, _) = credential::sign(&unsigned, &w3c_key(), created, None).unwrap();
    assert_eq!(ours["proof"]["verificationMethod"], vm);
    assert!(credential::sign(&signed, &w3c_key(), created, None).is_err());
}

/// Replace the character at `i` of `s` by another character of the same class.
fn flip(s: &str, i: usize) -> String {
    let mut chars: Vec<char> = s.chars().collect();
    chars[i] = match chars[i] {
        '0'..='8' | 'a'..='y' | 'A'..='Y' => char::from(chars[i] as u8 + 1),
        '9' => '0',
        'z' => 'a',
        'Z' => 'A',
        _ => 'x',
    };
    chars.into_iter().collect()
}

/// Every one-character change of the string at `pointer` fails with a code from `codes`.
fn every_change_fails(pointer: &str, codes: &[&str]) -> usize {
    let original = signed();
    let s = original
        .pointer(pointer)
        .unwrap()
        .as_str()
        .unwrap()
        .to_owned();
    for i in 0..s.chars().count() {
        let mut doc = original.clone();
        *doc.pointer_mut(pointer).unwrap() = Value::String(flip(&s, i));
        let err = credential::verify_proof(&doc).expect_err(pointer);
        assert!(
            codes.contains(&err.code()),
            "{pointer}[{i}]: got {} ({err})",
            err.code()
        );
    }
    s.chars().count()
}

#[test]
fn every_one_character_change_fails_with_the_right_code() {
    let sig = "credential.bad_signature";
    let cases: &[(&str, &[&str])] = &[
        ("/credentialSubject/alumniOf", &[sig]),
        ("/credentialSubject/id", &[sig]),
        ("/issuer", &[sig]),
        ("/name", &[sig]),
        ("/@context/1", &["credential.context_mismatch"]),
        ("/validFrom", &[sig]),
        ("/proof/created", &[sig, "credential.bad_created"]),
        (
            "/proof/verificationMethod",
            &["credential.verification_method"],
        ),
        ("/proof/proofValue", &[sig, "credential.bad_proof_value"]),
        ("/proof/cryptosuite", &["credential.cryptosuite"]),
        ("/proof/type", &["credential.proof_type"]),
        ("/proof/proofPurpose", &["credential.proof_purpose"]),
        ("/proof/@context/1", &["credential.context_mismatch"]),
    ];
    let mut changes = 0;
    for (pointer, codes) in cases {
        changes += every_change_fails(pointer, codes);
    }
    println!(
        "{changes} one-character changes over {} fields, all rejected",
        cases.len()
    );
    assert!(changes > 400);
}

/// An edit to a signed document.
type Change = Box<dyn Fn(&mut Value)>;

#[test]
fn structural_changes_fail_with_the_right_code() {
    let cases: Vec<(Change, &str)> = vec![
        (
            Box::new(|d| {
                d.as_object_mut().unwrap().remove("proof");
            }),
            "credential.no_proof",
        ),
        (
            Box::new(|d| d["proof"] = json!([d["proof"].clone(), d["proof"].clone()])),
            "credential.proof_set",
        ),
        (
            Box::new(|d| {
                d["proof"].as_object_mut().unwrap().remove("proofValue");
            }),
            "credential.bad_proof_value",
        ),
        (
            Box::new(|d| d["proof"]["proofValue"] = json!("u2HnFSSPP")),
            "credential.bad_proof_value",
        ),
        (
            Box::new(|d| d["proof"]["created"] = json!("2023-02-24")),
            "credential.bad_created",
        ),
        (
            Box::new(|d| {
                d["proof"]
                    .as_object_mut()
                    .unwrap()
                    .remove("verificationMethod");
            }),
            "credential.malformed",
        ),
        (
            Box::new(|d| {
                d["proof"]["verificationMethod"] = json!("https://vc.example/issuers/5678#key-1")
            }),
            "credential.verification_method",
        ),
        (
            Box::new(|d| d["credentialSubject"]["degree"] = json!("MD")),
            "credential.bad_signature",
        ),
        (
            Box::new(|d| {
                d.as_object_mut().unwrap().remove("description");
            }),
            "credential.bad_signature",
        ),
        (
            Box::new(|d| d["@context"] = json!("https://www.w3.org/ns/credentials/v2")),
            "credential.context_mismatch",
        ),
        (Box::new(|d| *d = json!([1, 2])), "credential.malformed"),
    ];
    for (i, (change, code)) in cases.iter().enumerate() {
        let mut doc = signed();
        change(&mut doc);
        let err = credential::verify_proof(&doc).unwrap_err();
        assert_eq!(err.code(), *code, "case {i}: {err}");
    }
    // A proof array of one is the same proof; extra @context entries after the proof's are fine.
    let mut doc = signed();
    doc["proof"] = json!([doc["proof"].clone()]);
    assert!(credential::verify_proof(&doc).is_ok());
    println!(
        "{} structural changes rejected with their codes",
        cases.len()
    );
}

fn licence(issuer: &str) -> Value {
    json!({
        "@context": ["https://www.w3.org/ns/credentials/v2"],
        "id": "urn:uuid:9d1c7a52-6a5e-4bd5-9a6d-2c1c5b0e7a11",
        "type": ["VerifiableCredential", "NursingLicence"],
        "issuer": {"id": issuer, "name": "Nursing Council"},
        "validFrom": "2026-01-01T00:00:00Z",
        "validUntil": "2027-01-01T00:00:00Z",
        "credentialSubject": {"id": "did:example:nurse-17", "licence": "RN-00017"}
    })
}

#[test]
fn credential_checks_around_the_proof() {
    // The W3C vector: a valid proof, but its https issuer is not bound to the did:key that signed.
    let report = credential::verify_credential(&signed(), at("2024-01-01T00:00:00Z"));
    assert_eq!(report.verdict(), Verdict::NotVerified);
    let codes: Vec<&str> = report.reasons().iter().map(|r| r.code.as_str()).collect();
    assert_eq!(codes, ["credential.issuer_mismatch"]);
    assert_eq!(
        report.evidence_map()["proof"]["hashData"],
        text("combinedHashJCS.txt")
    );

    let key = SigningKey::from_seed(&[7; 32]);
    let did = did_key::to_did(&key.public_key());
    let created = at("2026-01-01T00:00:00Z");
    let (vc, _) = credential::sign(&licence(&did), &key, created, None).unwrap();
    let check = |v: &Value, now: &str| {
        let r = credential::verify_credential(v, at(now));
        let codes: Vec<String> = r.reasons().iter().map(|x| x.code.clone()).collect();
        (r.verdict(), codes)
    };
    assert_eq!(
        check(&vc, "2026-06-01T00:00:00Z"),
        (Verdict::Verified, vec![])
    );
    assert_eq!(
        check(&vc, "2027-01-01T00:00:01Z"),
        (Verdict::NotVerified, vec!["credential.expired".to_owned()])
    );
    assert_eq!(
        check(&vc, "2027-01-01T00:00:00Z").0,
        Verdict::Verified,
        "validUntil is inclusive"
    );
    let early = check(&vc, "2025-12-31T23:59:59Z");
    assert_eq!(early.0, Verdict::NotVerified);
    assert_eq!(
        early.1,
        ["credential.not_yet_valid", "credential.created_in_future"]
    );

    // Signed by another key: the issuer check fails even though the proof is valid.
    let other = SigningKey::from_seed(&[8; 32]);
    let (forged, _) = credential::sign(&licence(&did), &other, created, None).unwrap();
    assert!(credential::verify_proof(&forged).is_ok());
    assert_eq!(
        check(&forged, "2026-06-01T00:00:00Z").1,
        ["credential.issuer_mismatch"]
    );

    // Documents that are not VC 2.0 credentials, or carry dates that are not date-times.
    for (change, code) in [
        (
            json!({"@context": ["https://www.w3.org/2018/credentials/v1"]}),
            "credential.missing_vc_context",
        ),
        (
            json!({"type": ["NursingLicence"]}),
            "credential.not_a_credential",
        ),
        (json!({"validUntil": "2027-01-01"}), "credential.bad_date"),
        (json!({"issuer": 42}), "credential.no_issuer"),
    ] {
        let mut doc = licence(&did);
        for (k, v) in change.as_object().unwrap() {
            doc[k] = v.clone();
        }
        let (vc, _) = credential::sign(&doc, &key, created, None).unwrap();
        let (verdict, codes) = check(&vc, "2026-06-01T00:00:00Z");
        assert_eq!(
            (verdict, codes),
            (Verdict::NotVerified, vec![code.to_owned()])
        );
    }

    // A status entry is reported as not checked here (informative only).
    let mut doc = licence(&did);
    doc["credentialStatus"] = json!({"type": "BitstringStatusListEntry", "statusPurpose": "revocation",
        "statusListIndex": "94567", "statusListCredential": "https://example.com/status/3"});
    let (vc, _) = credential::sign(&doc, &key, created, None).unwrap();
    let (verdict, codes) = check(&vc, "2026-06-01T00:00:00Z");
    assert_eq!(
        (verdict, codes),
        (
            Verdict::Verified,
            vec![credential::checks::STATUS_NOT_CHECKED.to_owned()]
        )
    );

    // The JSON entry point.
    let c = credential::check_credential_json(&vc.to_string(), at("2026-06-01T00:00:00Z"));
    assert!(c.ok && c.proof_valid && c.code.is_none());
    let c = credential::check_credential_json(&text("signedJCS.json"), at("2024-01-01T00:00:00Z"));
    assert!(!c.ok && c.proof_valid);
    assert_eq!(c.code.as_deref(), Some("credential.issuer_mismatch"));
    assert_eq!(c.trace.unwrap().proof_value, text("sigBTC58JCS.txt"));
    let c = credential::check_credential_json("{", at("2024-01-01T00:00:00Z"));
    assert_eq!(c.code.as_deref(), Some("credential.not_json"));
}

#[test]
fn employment_credential_signs_and_verifies() {
    // The vector's second, richer document: sign it with the vector key and verify it back.
    let doc: Value = serde_json::from_str(&text("employmentAuth.json")).unwrap();
    let (secured, trace) =
        credential::sign(&doc, &w3c_key(), at("2023-02-24T23:36:38Z"), None).unwrap();
    assert_eq!(credential::verify_proof(&secured).unwrap(), trace);
    assert!(trace
        .canonical_document
        .starts_with("{\"@context\":[\"https://www.w3.org/ns/credentials/v2\""));
    let err = credential::multikey::signing_key_from_multibase(
        "z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2",
    )
    .unwrap_err();
    assert_eq!(err, CredentialError::BadSecretKey);
}

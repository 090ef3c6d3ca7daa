//! Every demo scenario of `www/demo/scenarios.json` through its verifier, natively: the verdict
//! and the expected reason code, as the web app would show them. And every omission bundle of
//! `www/demo/omission/manifest.json` (a server that dropped or staled the bad news) is never
//! `verified`.
#![cfg(not(target_arch = "wasm32"))]

use std::fs;
use std::path::{Path, PathBuf};

use medproof::crypto::chunk_root::chunk_root;
use medproof::crypto::{encoding::to_hex, sha256};
use medproof::verify::date::Instant;
use medproof::verify::{
    verify_chargeback, verify_consent, verify_credential, verify_medicine, verify_record, Report,
    VerifyError,
};
use serde_json::{json, Value};

fn www() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("www")
}

fn read(rel: &str) -> String {
    fs::read_to_string(www().join(rel)).unwrap_or_else(|e| panic!("www/{rel}: {e}"))
}

fn json_file(rel: &str) -> Value {
    serde_json::from_str(&read(rel)).unwrap_or_else(|e| panic!("www/{rel}: {e}"))
}

/// A JSON input is passed as its text, a string input as itself (the JS adapters do the same).
fn text(v: &Value) -> String {
    v.as_str().map_or_else(|| v.to_string(), str::to_string)
}

/// What the web app shows: the report's verdict and codes, or "not_verified" with the code of
/// the error the verifier raised.
fn outcome(r: Result<Report, VerifyError>) -> (String, Vec<String>) {
    use medproof::error::Coded;
    match r {
        Ok(report) => {
            let j = report.to_json();
            let codes = j["reasons"]
                .as_array()
                .map(|a| a.iter().map(|r| text(&r["code"])).collect())
                .unwrap_or_default();
            (text(&j["verdict"]), codes)
        }
        Err(e) => ("not_verified".into(), vec![e.code().to_string()]),
    }
}

/// Run one scenario (or omission entry) of `kind` on `input` with the bundle at `bundle_rel`.
fn run(s: &Value, trust: &str) -> (String, Vec<String>) {
    let kind = s["kind"].as_str().unwrap_or("medicine");
    let bundle = read(s["bundle"].as_str().expect("bundle path"));
    let now = Instant::parse(s["now"].as_str().expect("now")).expect("now parses");
    let input = &s["input"];
    outcome(match kind {
        "medicine" => verify_medicine(&text(input), &bundle, trust, now),
        "credential" => verify_credential(&text(input), &bundle, trust, now),
        "record" => {
            let file = fs::read(www().join(input.as_str().expect("record path"))).unwrap();
            // Both hashes, as the app sends for a small file: both must match the anchor.
            let digest = json!({"sha256Hex": to_hex(&sha256(&file)), "size": file.len(),
                                "chunkRoot": to_hex(&chunk_root(&file))});
            let viewer = s["viewer"].as_str().expect("viewer");
            verify_record(&digest.to_string(), &bundle, viewer, trust, now)
        }
        "consent" => verify_consent(&text(input), &bundle, trust, now),
        "contract" => verify_chargeback(&text(input), &bundle, trust, now),
        other => panic!("unknown kind {other}"),
    })
}

#[test]
fn every_demo_scenario_gives_its_verdict_and_code() {
    let trust = read("demo/trust.json");
    let scenarios = json_file("demo/scenarios.json");
    let scenarios = scenarios.as_array().expect("an array");
    assert!(scenarios.len() >= 23, "{} scenarios", scenarios.len());
    let mut failures = Vec::new();
    println!(
        "{:<34} {:<12} {:<12} {:<44} codes",
        "id", "expected", "got", "expected code"
    );
    for s in scenarios {
        let (verdict, codes) = run(s, &trust);
        let (want_verdict, want_code) = (text(&s["expect"]["verdict"]), text(&s["expect"]["code"]));
        println!(
            "{:<34} {:<12} {:<12} {:<44} {}",
            text(&s["id"]),
            want_verdict,
            verdict,
            want_code,
            codes.join(",")
        );
        if verdict != want_verdict || !codes.contains(&want_code) {
            failures.push(text(&s["id"]));
        }
    }
    println!("{} scenarios checked", scenarios.len());
    assert!(failures.is_empty(), "scenarios failing: {failures:?}");
}

#[test]
fn no_omission_bundle_is_verified() {
    let trust = read("demo/trust.json");
    let scenarios = json_file("demo/scenarios.json");
    let manifest = json_file("demo/omission/manifest.json");
    let manifest = manifest.as_array().expect("an array");
    assert!(!manifest.is_empty());
    let mut verified = Vec::new();
    for m in manifest {
        // The kind is the base scenario's.
        let base = scenarios
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["id"] == m["base"])
            .unwrap_or_else(|| panic!("no base scenario for {}", m["id"]));
        let mut s = m.clone();
        s["kind"] = base["kind"].clone();
        if s["viewer"].is_null() {
            s["viewer"] = base["viewer"].clone();
        }
        let (verdict, codes) = run(&s, &trust);
        println!(
            "{:<40} {:<12} {:<12} {}",
            text(&m["id"]),
            text(&m["attack"]),
            verdict,
            codes.join(",")
        );
        assert_eq!(m["expect"]["notVerdict"], "verified");
        if verdict == "verified" {
            verified.push(text(&m["id"]));
        }
    }
    println!("{} omission bundles checked", manifest.len());
    assert!(
        verified.is_empty(),
        "omission bundles verified: {verified:?}"
    );
}

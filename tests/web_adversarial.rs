//! The adversarial corpus in headless Chromium: the same cases and judge as tests/adversarial.rs,
//! compiled to wasm32 (32-bit field arithmetic, the browser's module), each giving its code; the
//! verifier cases call the same five verifiers the web app's module exports.
#![cfg(target_arch = "wasm32")]

mod adversarial_support;

use adversarial_support::{outcome, ALL};
use serde_json::Value;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn every_adversarial_case_gets_its_reason_code_in_the_browser() {
    let cases: Vec<Value> = serde_json::from_str(ALL).expect("adversarial-all.json");
    let mut failures = Vec::new();
    let mut per_area = std::collections::BTreeMap::<&str, usize>::new();
    for case in &cases {
        let expect = case["expect"].as_str().unwrap_or_default();
        let area = case["area"].as_str().unwrap_or_default();
        *per_area.entry(area).or_default() += 1;
        let got = outcome(area, &case["input"]);
        if got != expect {
            failures.push(format!("{}: expected {expect}, got {got}", case["file"]));
        }
    }
    console_log!(
        "{} adversarial cases checked in Chromium: {per_area:?}",
        cases.len()
    );
    assert!(cases.len() >= 85);
    assert!(per_area.get("verifier").is_some_and(|n| *n >= 24));
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

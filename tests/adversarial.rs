#![cfg(not(target_arch = "wasm32"))]
//! The adversarial corpus (tests/adversarial/*.json): each case is an input and the reason code
//! the verifier must give for it (`"ok"` for a control that must pass, or the canonical output
//! for JCS cases that canonicalize). Verifier cases (tests/adversarial_gen/verifier.rs) run one
//! of the five verifiers on a bundle and give the report's first error code.

mod adversarial_support;

use adversarial_support::{outcome, ALL};
use serde_json::Value;

#[test]
fn every_adversarial_case_gets_its_reason_code() {
    let mut paths: Vec<_> = std::fs::read_dir("tests/adversarial")
        .expect("tests/adversarial")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    paths.sort();
    let mut failures = Vec::new();
    let mut per_area = std::collections::BTreeMap::<String, usize>::new();
    for path in &paths {
        let case: Value = serde_json::from_str(&std::fs::read_to_string(path).expect("readable"))
            .expect("each case is JSON");
        let area = case["area"].as_str().expect("area");
        let expect = case["expect"].as_str().expect("expect");
        *per_area.entry(area.to_owned()).or_default() += 1;
        let got = outcome(area, &case["input"]);
        if got != expect {
            failures.push(format!("{}: expected {expect}, got {got}", path.display()));
        }
    }
    println!("{} adversarial cases checked: {per_area:?}", paths.len());
    // The bundle the browser run uses holds exactly these cases.
    let bundled: Vec<Value> = serde_json::from_str(ALL).expect("adversarial-all.json");
    let on_disk: Vec<Value> = paths
        .iter()
        .map(|p| {
            let mut case: Value =
                serde_json::from_str(&std::fs::read_to_string(p).expect("readable")).expect("JSON");
            case["file"] = p
                .file_name()
                .map(|f| f.to_string_lossy().into())
                .unwrap_or_default();
            case
        })
        .collect();
    assert_eq!(
        bundled, on_disk,
        "tests/adversarial-all.json is stale: regenerate it with scripts/bundle-adversarial.py"
    );
    assert!(paths.len() >= 85, "the corpus has {} cases", paths.len());
    assert!(per_area.get("verifier").is_some_and(|n| *n >= 24));
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

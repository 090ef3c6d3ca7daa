#![cfg(not(target_arch = "wasm32"))]
//! The adversarial corpus (tests/adversarial/*.json): each case is an input and the reason code
//! the verifier must give for it (`"ok"` for a control that must pass, or the canonical output
//! for JCS cases that canonicalize).

use medproof::crypto::jcs;
use medproof::verify::date::CalendarDate;
use medproof::verify::{gs1, status_list};
use medproof::Coded;
use serde_json::Value;

/// What the verifier said about one case: `"ok"`, a reason code, or (JCS) the canonical text.
fn outcome(area: &str, input: &Value) -> String {
    let text = input.as_str().unwrap_or_default();
    match area {
        "gs1" => {
            let today = CalendarDate::new(2026, 3, 1).expect("a valid date");
            match gs1::parse(text, today) {
                Ok(_) => "ok".into(),
                Err(e) => e.code().into(),
            }
        }
        "jcs" => match jcs::canonicalize_str(text) {
            Ok(bytes) => String::from_utf8(bytes).expect("JCS output is UTF-8"),
            Err(e) => e.code().into(),
        },
        "status_list" => {
            let list = input["encodedList"].as_str().unwrap_or_default();
            let index = input["index"].as_u64().unwrap_or_default();
            match status_list::read_status(list, index, 1) {
                Ok(v) => format!("value:{v}"),
                Err(e) => e.code().into(),
            }
        }
        other => panic!("unknown area {other}"),
    }
}

#[test]
fn every_adversarial_case_gets_its_reason_code() {
    let mut paths: Vec<_> = std::fs::read_dir("tests/adversarial")
        .expect("tests/adversarial")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    paths.sort();
    let mut failures = Vec::new();
    for path in &paths {
        let case: Value = serde_json::from_str(&std::fs::read_to_string(path).expect("readable"))
            .expect("each case is JSON");
        let area = case["area"].as_str().expect("area");
        let expect = case["expect"].as_str().expect("expect");
        let got = outcome(area, &case["input"]);
        if got != expect {
            failures.push(format!("{}: expected {expect}, got {got}", path.display()));
        }
    }
    println!("{} adversarial cases checked", paths.len());
    assert!(paths.len() >= 20, "the corpus has {} cases", paths.len());
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

//! No input reaches a panic: arbitrary, truncated, mutated, deeply nested, huge-numbered and
//! random-byte inputs to every verifier entry point and to the bundle parser give a typed error
//! or a not-`verified` report. (A panic in wasm poisons the module for the page.)
#![cfg(not(target_arch = "wasm32"))]

use std::fs;
use std::path::Path;

use medproof::verify::bundle::{encode_compact, Bundle, Trust};
use medproof::verify::date::Instant;
use medproof::verify::{
    verify_chargeback, verify_consent, verify_credential, verify_medicine, verify_record, Report,
    Verdict, VerifyError,
};
use proptest::prelude::*;
use serde_json::Value;

fn www(rel: &str) -> String {
    fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("www").join(rel)).unwrap()
}

/// (kind, input text, bundle text) of every demo scenario, and the trust.
fn demo() -> (Vec<(String, String, String)>, String) {
    let scenarios: Value = serde_json::from_str(&www("demo/scenarios.json")).unwrap();
    let out = scenarios
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            let input = match &s["input"] {
                Value::String(t) if s["kind"] == "record" => {
                    // Any digest: the anchored one is not needed to reach every branch.
                    format!(
                        "{{\"sha256Hex\":\"{:0>64}\",\"size\":{}}}",
                        t.len(),
                        t.len()
                    )
                }
                Value::String(t) => t.clone(),
                v => v.to_string(),
            };
            let bundle = www(s["bundle"].as_str().unwrap());
            (s["kind"].as_str().unwrap().to_string(), input, bundle)
        })
        .collect();
    (out, www("demo/trust.json"))
}

fn now() -> Instant {
    Instant::parse("2025-03-08T00:00:00Z").unwrap()
}

const VIEWER: &str = "did:key:z6MktGZvrzGb2gv9RCKdL6Fz4y2S5EhHbBkN3LXERqKdXwbK";

/// Run the verifier of `kind`; whatever comes back must not be a panic.
fn run(kind: &str, input: &str, bundle: &str, trust: &str) -> Result<Report, VerifyError> {
    match kind {
        "medicine" => verify_medicine(input, bundle, trust, now()),
        "credential" => verify_credential(input, bundle, trust, now()),
        "record" => verify_record(input, bundle, VIEWER, trust, now()),
        "consent" => verify_consent(input, bundle, trust, now()),
        _ => verify_chargeback(input, bundle, trust, now()),
    }
}

const KINDS: [&str; 5] = ["medicine", "credential", "record", "consent", "contract"];

/// A broken bundle may be refused or reported, never `verified`.
fn not_verified(r: &Result<Report, VerifyError>) -> bool {
    match r {
        Ok(report) => report.verdict() != Verdict::Verified,
        Err(_) => true,
    }
}

#[test]
fn deep_nesting_is_refused_not_overflowed() {
    let (demo, trust) = demo();
    let mut checked = 0;
    for depth in [200, 10_000, 100_000] {
        for (open, close) in [("[", "]"), ("{\"a\":", "}")] {
            let deep = format!("{}1{}", open.repeat(depth), close.repeat(depth));
            assert!(Bundle::parse(&deep).is_err(), "depth {depth}");
            assert!(Trust::from_json(&deep).is_err(), "depth {depth}");
            for (kind, input, bundle) in &demo {
                assert!(
                    run(kind, &deep, bundle, &trust).is_err(),
                    "{kind} input {depth}"
                );
                assert!(not_verified(&run(kind, input, &deep, &trust)));
                assert!(not_verified(&run(kind, input, bundle, &deep)));
                checked += 3;
            }
        }
    }
    println!("{checked} deeply nested inputs refused");
}

#[test]
fn huge_numbers_and_wrong_types_in_real_bundles() {
    let (demo, trust) = demo();
    let mut checked = 0;
    let replacements = [
        "1e400",
        "-1",
        "\"99999999999999999999999999\"",
        "null",
        "[]",
        "{}",
        "\"not base64 !!\"",
    ];
    for (kind, input, bundle) in &demo {
        let was_verified = !not_verified(&run(kind, input, bundle, &trust));
        let v: Value = serde_json::from_str(bundle).unwrap();
        // Every top-level field and every field of the first light block, the first tx and
        // the first state proof, replaced by each odd value.
        let mut paths: Vec<Vec<String>> = Vec::new();
        for (k, inner) in v.as_object().unwrap() {
            paths.push(vec![k.clone()]);
            let first = match inner {
                Value::Array(a) => a.first(),
                Value::Object(_) if k == "state" => inner["proofs"].get(0),
                _ => None,
            };
            if let Some(Value::Object(o)) = first {
                for f in o.keys() {
                    paths.push(vec![k.clone(), f.clone()]);
                }
            }
        }
        for path in &paths {
            for rep in replacements {
                let mut m = v.clone();
                let slot = match path.as_slice() {
                    [a] => m.get_mut(a),
                    [a, f] if a == "state" => m[a]["proofs"][0].get_mut(f),
                    [a, f] => m[a][0].get_mut(f),
                    _ => None,
                };
                let Some(slot) = slot else { continue };
                *slot = serde_json::from_str(rep).unwrap_or(Value::Null);
                let r = run(kind, input, &m.to_string(), &trust);
                // No broken field turns a bad verdict good. (Unsigned hints, `kind`, `subject`,
                // `extra`, and optional ones like `txs` may leave a good one good.)
                assert!(was_verified || not_verified(&r), "{kind} {path:?}={rep}");
                checked += 1;
            }
        }
    }
    println!("{checked} bundles with a wrong-typed or huge field checked");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn truncated_bundles_never_verify(which in 0usize..23, cut in 0.0f64..1.0) {
        let (demo, trust) = demo();
        let (kind, input, bundle) = &demo[which % demo.len()];
        let mut at = (bundle.len() as f64 * cut) as usize;
        while !bundle.is_char_boundary(at) { at -= 1; }
        let r = run(kind, input, &bundle[..at], &trust);
        prop_assert!(r.is_err() || not_verified(&r));
        let t = run(kind, input, bundle, &trust[..trust.len() * at / bundle.len().max(1)]);
        prop_assert!(t.is_err());
    }

    #[test]
    fn mutated_bundles_never_panic(which in 0usize..23, at in 0.0f64..1.0,
                                   junk in "[\\PC\"{}\\[\\]0-9:,]{1,12}") {
        let (demo, trust) = demo();
        let (kind, input, bundle) = &demo[which % demo.len()];
        let mut pos = (bundle.len() as f64 * at) as usize;
        while !bundle.is_char_boundary(pos) { pos -= 1; }
        let mut end = (pos + junk.len()).min(bundle.len());
        while !bundle.is_char_boundary(end) { end -= 1; }
        let mutated = format!("{}{}{}", &bundle[..pos], junk, &bundle[end..]);
        // A change inside an unsigned `extra` or a string may keep it valid; it must not panic.
        let _ = run(kind, input, &mutated, &trust);
        let _ = run(kind, &format!("{}{}", &input[..input.len() / 2], junk), bundle, &trust);
    }

    #[test]
    fn random_text_everywhere(kind in 0usize..5, a in "\\PC{0,64}", b in "\\PC{0,64}", c in "\\PC{0,64}") {
        let r = run(KINDS[kind], &a, &b, &c);
        prop_assert!(r.is_err() || not_verified(&r));
        prop_assert!(Bundle::parse(&b).is_err());
    }

    #[test]
    fn random_bytes_as_compact_form(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        // Random bytes as Base45 text, and as lossy UTF-8 after the prefix.
        let base45 = medproof::verify::bundle::base45::encode(&bytes);
        let text = format!("MP1:{base45}");
        prop_assert!(Bundle::parse(&text).is_err());
        let lossy = String::from_utf8_lossy(&bytes);
        let text = format!("MP1:{lossy}");
        prop_assert!(Bundle::parse(&text).is_err());
    }

    #[test]
    fn compact_form_of_a_cut_bundle_is_refused(which in 0usize..23, cut in 0.05f64..0.95) {
        let (demo, trust) = demo();
        let (kind, input, bundle) = &demo[which % demo.len()];
        let compact = encode_compact(bundle).unwrap();
        let mut at = (compact.len() as f64 * cut) as usize;
        while !compact.is_char_boundary(at) { at -= 1; }
        let r = run(kind, input, &compact[..at], &trust);
        prop_assert!(r.is_err() || not_verified(&r));
    }
}

#[test]
fn compact_form_round_trips_every_demo_bundle() {
    let (demo, trust) = demo();
    for (kind, input, bundle) in &demo {
        let compact = encode_compact(bundle).unwrap();
        let a = run(kind, input, bundle, &trust).map(|r| r.verdict());
        let b = run(kind, input, &compact, &trust).map(|r| r.verdict());
        assert_eq!(a.ok(), b.ok(), "{kind}");
    }
    println!(
        "{} demo bundles give the same verdict in compact form",
        demo.len()
    );
}

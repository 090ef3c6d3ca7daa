//! Bundles in JSON form through the five verifiers, against the demo chain's trust at the demo
//! scenarios' time: whatever the input, the answer is a report or a typed error, never a panic,
//! and the same input gives the same answer. Input: a selector byte (which verifier, mod 5), the
//! verifier's first argument (scan, credential, digest, consent query or claim), 0xff, the
//! bundle's text.
#![no_main]

use libfuzzer_sys::fuzz_target;
use medproof::verify::date::Instant;
use medproof::verify::{
    verify_chargeback, verify_consent, verify_credential, verify_medicine, verify_record,
};
use medproof::Coded;

const TRUST: &str = include_str!("../../www/demo/trust.json");
/// The record viewer of the demo's record scenarios.
const VIEWER: &str = "did:key:z6MktGZvrzGb2gv9RCKdL6Fz4y2S5EhHbBkN3LXERqKdXwbK";

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let (input, bundle) = match rest.iter().position(|&x| x == 0xff) {
        Some(i) => (&rest[..i], &rest[i + 1..]),
        None => (&[][..], rest),
    };
    let (Ok(input), Ok(bundle)) = (std::str::from_utf8(input), std::str::from_utf8(bundle)) else {
        return;
    };
    let Some(now) = Instant::from_unix(1_741_392_000, 0) else {
        return;
    };
    let run = || match selector % 5 {
        0 => verify_medicine(input, bundle, TRUST, now),
        1 => verify_credential(input, bundle, TRUST, now),
        2 => verify_record(input, bundle, VIEWER, TRUST, now),
        3 => verify_consent(input, bundle, TRUST, now),
        _ => verify_chargeback(input, bundle, TRUST, now),
    };
    let first = run().map(|r| r.to_json()).map_err(|e| e.code());
    if selector & 0x80 != 0 {
        // Determinism, checked on half the inputs to keep the run rate up.
        let second = run().map(|r| r.to_json()).map_err(|e| e.code());
        assert_eq!(first, second);
    }
});

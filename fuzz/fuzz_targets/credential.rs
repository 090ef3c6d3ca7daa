//! Verifiable Credentials (eddsa-jcs-2022) on arbitrary JSON: verification never panics and is
//! deterministic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use medproof::verify::credential::{check_credential_json, verify_proof};
use medproof::verify::date::Instant;

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else {
        return;
    };
    let Some(now) = Instant::from_unix(1_750_000_000, 0) else {
        return;
    };
    let a = check_credential_json(s, now);
    let b = check_credential_json(s, now);
    assert_eq!(format!("{a:?}"), format!("{b:?}"));
    if let Ok(v) = serde_json::from_str(s) {
        let _ = verify_proof(&v);
    }
});

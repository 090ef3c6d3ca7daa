//! Text decoders on arbitrary input: hex, base64, did:key, JCS. Never a panic; what decodes
//! re-encodes to an equivalent value.
#![no_main]

use libfuzzer_sys::fuzz_target;
use medproof::crypto::{did_key, encoding, jcs};

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(bytes) = encoding::from_hex(s) {
        assert_eq!(
            encoding::from_hex(&encoding::to_hex(&bytes)).ok(),
            Some(bytes)
        );
    }
    if let Ok(bytes) = encoding::from_base64(s) {
        assert_eq!(
            encoding::from_base64(&encoding::to_base64(&bytes)).ok(),
            Some(bytes)
        );
    }
    if let Ok(key) = did_key::from_did(s) {
        assert_eq!(did_key::from_did(&did_key::to_did(&key)).ok(), Some(key));
    }
    if let Ok(canon) = jcs::canonicalize_str(s) {
        // Canonicalization is idempotent.
        let again = jcs::canonicalize(&serde_json::from_slice(&canon).unwrap_or_default());
        if let Ok(again) = again {
            assert_eq!(again, canon);
        }
    }
});

//! Light blocks and RPC JSON on arbitrary input: parsing never panics, and a block that parses
//! is verified against a trusted state made from the first block (the verdict must be a typed
//! value, never a panic). Input: `first` [0xff `second`].
#![no_main]

use libfuzzer_sys::fuzz_target;
use medproof::light::{
    rpc, rpc::light_block_from_json, verify_light_block, Options, Time, TrustedState, TxProof,
};
use std::time::Duration;

fuzz_target!(|data: &[u8]| {
    let (a, b) = match data.iter().position(|&x| x == 0xff) {
        Some(i) => (&data[..i], &data[i + 1..]),
        None => (data, &[][..]),
    };
    let Ok(a) = std::str::from_utf8(a) else {
        return;
    };
    let _ = rpc::parse_result::<serde_json::Value>(a);
    let _ = serde_json::from_str::<TxProof>(a).map(|p| p.verify_against_root());
    let Ok(first) = light_block_from_json(a) else {
        return;
    };
    let Ok(b) = std::str::from_utf8(b) else {
        return;
    };
    let second = light_block_from_json(b).unwrap_or_else(|_| first.clone());
    let next = first
        .next_validator_set
        .clone()
        .unwrap_or_else(|| first.validator_set.clone());
    let Ok(trusted) = TrustedState::new(first.signed_header.clone(), next) else {
        return;
    };
    let options = Options::new(Duration::from_secs(14 * 24 * 3600));
    // One clock per input (before the trusted time, within the trusting period, long after it),
    // so each run costs one verification; every eighth input is verified twice for determinism.
    let now = [0i64, 1_700_000_000, 4_000_000_000][data.len() % 3];
    if let Ok(now) = Time::from_unix(now, 0) {
        let v1 = verify_light_block(&trusted, &second, &options, now);
        if data.len() % 8 == 0 {
            assert_eq!(v1, verify_light_block(&trusted, &second, &options, now));
        }
    }
});

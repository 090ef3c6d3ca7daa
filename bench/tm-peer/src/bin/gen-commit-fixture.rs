//! Writes the benchmark's input: a trusted state and a light block 998 heights later whose commit
//! is signed by 150 validators (medproof's signing helpers, fixed keys), as CometBFT JSON.
//! Usage: gen-commit-fixture OUT.json

use std::time::Duration;

use medproof::crypto::ed25519::SigningKey;
use medproof::light::sign::generated_light_block;
use medproof::light::{LightBlock, Time, TrustedState, Validator, ValidatorSet};

const N: u64 = 150;

fn block(height: i64, time: Time, vals: &ValidatorSet, keys: &[SigningKey]) -> LightBlock {
    generated_light_block(
        "bench-chain",
        height,
        time,
        vals,
        keys,
        vec![4; 32],
        vec![6; 32],
    )
    .expect("a time far from the end of the calendar")
}

fn main() {
    let out = std::env::args()
        .nth(1)
        .expect("usage: gen-commit-fixture OUT.json");
    let keys: Vec<SigningKey> = (0..N)
        .map(|i| {
            let mut seed = [7u8; 32];
            seed[..8].copy_from_slice(&i.to_le_bytes());
            SigningKey::from_seed(&seed)
        })
        .collect();
    let vals = ValidatorSet::new(
        keys.iter()
            .enumerate()
            .map(|(i, k)| Validator::new(k.public_key(), 100 + i as i64))
            .collect(),
    );
    let t0 = Time::parse_rfc3339("2026-01-01T00:00:00Z").expect("time");
    let trusted = TrustedState::from_light_block(block(2, t0, &vals, &keys)).expect("trusted");
    let target = block(
        1000,
        t0.checked_add(Duration::from_secs(1000)).expect("time"),
        &vals,
        &keys,
    );
    let now = t0.checked_add(Duration::from_secs(2000)).expect("time");
    let json = format!(
        "{{\"validators\":{N},\"trusted\":{},\"untrusted\":{},\"now\":\"{}\",\"trustingPeriodSeconds\":1209600}}\n",
        trusted.to_json(),
        target.to_json(),
        now.to_rfc3339()
    );
    std::fs::write(&out, json).expect("write");
    eprintln!("wrote {out}");
}

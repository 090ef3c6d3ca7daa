//! Writes the benchmark's input: a trusted state and a light block 998 heights later whose commit
//! is signed by 150 validators (`light::sign::skipping_step`, the step the native Criterion bench
//! verifies too), as CometBFT JSON.
//! Usage: gen-commit-fixture OUT.json

use medproof::light::sign::{skipping_step, SkippingStep};

const N: u64 = 150;

fn main() {
    let out = std::env::args()
        .nth(1)
        .expect("usage: gen-commit-fixture OUT.json");
    let SkippingStep {
        trusted,
        target,
        now,
    } = skipping_step(N).expect("the fixed times fit");
    let json = format!(
        "{{\"validators\":{N},\"trusted\":{},\"untrusted\":{},\"now\":\"{}\",\"trustingPeriodSeconds\":1209600}}\n",
        trusted.to_json(),
        target.to_json(),
        now.to_rfc3339()
    );
    std::fs::write(&out, json).expect("write");
    eprintln!("wrote {out}");
}

//! CometBFT light-client single-step vectors (generated from the TLA+ model, tendermint-rs).
//!
//! Each file: a trusted initial state, then steps (untrusted light block, `now`, expected
//! verdict). As in tendermint-rs's runner, a successful step becomes the new trusted state.
//! Options: trust level 1/3, the file's trusting period, and a clock drift of 1 s (the
//! runner's; `TestHeaderFromFuture` places its header 1 s ahead of `now`).
#![cfg(not(target_arch = "wasm32"))]

mod light_support;

use std::time::Duration;

use light_support::SINGLE_STEP as FILES;

use medproof::light::{verify_light_block, LightBlock, Options, Time, TrustedState, Verdict};
use medproof::Coded;
use serde::Deserialize;

#[derive(Deserialize)]
struct Case {
    initial: Initial,
    input: Vec<Step>,
}

#[derive(Deserialize)]
struct Initial {
    trusting_period: String,
    #[serde(flatten)]
    trusted: TrustedState,
}

#[derive(Deserialize)]
struct Step {
    block: LightBlock,
    now: Time,
    verdict: String,
}

fn class(v: &Verdict) -> &'static str {
    match v {
        Verdict::Success => "SUCCESS",
        Verdict::NotEnoughTrust { .. } => "NOT_ENOUGH_TRUST",
        Verdict::Invalid(_) => "INVALID",
    }
}

#[test]
fn every_single_step_vector_gives_the_expected_verdict() {
    let mut steps = 0;
    let mut by_verdict = std::collections::BTreeMap::<&str, usize>::new();
    for (name, json) in FILES {
        let case: Case = serde_json::from_str(json).unwrap_or_else(|e| panic!("{name}: {e}"));
        case.initial.trusted.check().unwrap();
        let nanos: u64 = case.initial.trusting_period.parse().unwrap();
        let options = Options {
            max_clock_drift: Duration::from_secs(1),
            ..Options::new(Duration::from_nanos(nanos))
        };
        let mut trusted = case.initial.trusted;
        for (i, step) in case.input.into_iter().enumerate() {
            let verdict = verify_light_block(&trusted, &step.block, &options, step.now);
            let detail = match &verdict {
                Verdict::Invalid(r) => r.code().to_string(),
                v => format!("{v:?}"),
            };
            println!("{name} step {i}: {} ({detail})", class(&verdict));
            assert_eq!(
                class(&verdict),
                step.verdict,
                "{name} step {i}: {verdict:?}"
            );
            *by_verdict.entry(class(&verdict)).or_default() += 1;
            if verdict == Verdict::Success {
                trusted = TrustedState::from_light_block(step.block).unwrap();
            }
            steps += 1;
        }
    }
    println!(
        "checked {steps} steps in {} files: {by_verdict:?}",
        FILES.len()
    );
    assert_eq!(steps, 33);
}

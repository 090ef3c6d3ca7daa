//! Criterion benchmark of one light-client step (native): a 150-validator commit, skipping
//! heights with the same validators, by medproof and by tendermint-rs 0.41's `ProdVerifier`.

use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion};
use medproof::light::sign::{skipping_step, SkippingStep};
use medproof::light::{verify_light_block, LightBlock, Options, TrustedState, Verdict};

const N: u64 = 150;

fn light_step(c: &mut Criterion) {
    let SkippingStep {
        trusted,
        target,
        now,
    } = skipping_step(N).unwrap();
    let options = Options::new(Duration::from_secs(14 * 24 * 3600));
    assert_eq!(
        verify_light_block(&trusted, &target, &options, now),
        Verdict::Success
    );

    // The same inputs for tendermint-rs, through its serde (CometBFT JSON).
    use tendermint_light_client_verifier::{
        options::Options as TmOptions,
        types::{TrustThreshold, TrustedBlockState, UntrustedBlockState},
        ProdVerifier, Verdict as TmVerdict, Verifier,
    };
    let tm_header: tendermint::block::Header =
        serde_json::from_value(serde_json::to_value(trusted.header()).unwrap()).unwrap();
    let tm_next: tendermint::validator::Set =
        serde_json::from_value(serde_json::to_value(&trusted.next_validator_set).unwrap()).unwrap();
    let tm_sh: tendermint::block::signed_header::SignedHeader =
        serde_json::from_value(serde_json::to_value(&target.signed_header).unwrap()).unwrap();
    let tm_vals: tendermint::validator::Set =
        serde_json::from_value(serde_json::to_value(&target.validator_set).unwrap()).unwrap();
    let tm_options = TmOptions {
        trust_threshold: TrustThreshold::ONE_THIRD,
        trusting_period: options.trusting_period,
        clock_drift: options.max_clock_drift,
    };
    let tm_now = tendermint::Time::parse_from_rfc3339(&now.to_rfc3339()).unwrap();
    let tm_verify = || {
        ProdVerifier::default().verify_update_header(
            UntrustedBlockState {
                signed_header: &tm_sh,
                validators: &tm_vals,
                next_validators: Some(&tm_vals),
            },
            TrustedBlockState {
                chain_id: &tm_header.chain_id,
                header_time: tm_header.time,
                height: tm_header.height,
                next_validators: &tm_next,
                next_validators_hash: tm_header.next_validators_hash,
            },
            &tm_options,
            tm_now,
        )
    };
    assert_eq!(tm_verify(), TmVerdict::Success);

    let mut g = c.benchmark_group("light_step_150_validators");
    g.measurement_time(Duration::from_secs(3));
    g.sample_size(20);
    g.bench_function("medproof", |b| {
        b.iter(|| verify_light_block(&trusted, &target, &options, now))
    });
    // The same step with JSON text in, as the browser's `verifyLightBlock` is called (and as
    // `make bench` compares it): parse the checkpoint and the light block, then verify.
    let trusted_json = trusted.to_json().to_string();
    let target_json = serde_json::to_string(&target).unwrap();
    g.bench_function("medproof_json_in", |b| {
        b.iter(|| {
            let t = TrustedState::from_json(&trusted_json).unwrap();
            let u = LightBlock::from_json(&target_json).unwrap();
            verify_light_block(&t, &u, &options, now)
        })
    });
    g.bench_function("tendermint_rs_0_41", |b| b.iter(tm_verify));
    g.finish();
}

criterion_group!(benches, light_step);
criterion_main!(benches);

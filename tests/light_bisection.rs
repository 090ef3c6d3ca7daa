//! Bisection over a generated chain of a million heights, fetched lazily.
#![cfg(not(target_arch = "wasm32"))]

mod light_support;

use std::time::Duration;

use light_support::*;
use medproof::light::{
    verify_to, Bisection, LightBlock, LightBlockProvider, LightError, Need, Options, Time,
    ValidatorSet,
};
use medproof::Coded;

/// Validators at height `h`: seven of equal power; every `epoch` heights the oldest one is
/// replaced by a new one (validator ids `e .. e+7` in epoch `e`).
fn members(h: i64, epoch: i64) -> Vec<u64> {
    let e = (h / epoch) as u64;
    (e..e + 7).collect()
}

fn vals(h: i64, epoch: i64) -> ValidatorSet {
    set(&members(h, epoch)
        .iter()
        .map(|&id| (id, 10))
        .collect::<Vec<_>>())
}

/// A chain generated on demand: block `h` is built and signed when asked for.
struct LazyChain {
    epoch: i64,
    fetched: Vec<i64>,
    /// A height at which to serve a block with a forged signature.
    forge_at: Option<i64>,
}

impl LazyChain {
    fn block(&self, h: i64) -> LightBlock {
        let ids = members(h, self.epoch);
        block(
            CHAIN_ID,
            h,
            at(genesis_time(), h as u64),
            &vals(h, self.epoch),
            &vals(h + 1, self.epoch),
            &keys(&ids),
        )
    }
}

impl LightBlockProvider for LazyChain {
    fn light_block(&mut self, height: i64) -> Result<LightBlock, LightError> {
        self.fetched.push(height);
        let mut b = self.block(height);
        if self.forge_at == Some(height) {
            if let Some(s) = b.signed_header.commit.signatures[3].signature.as_mut() {
                s[10] ^= 0x40;
            }
        }
        Ok(b)
    }
}

fn options() -> Options {
    Options::new(Duration::from_secs(14 * 24 * 3600))
}

#[test]
fn a_million_heights_take_logarithmically_many_fetches() {
    // One validator of seven replaced every 125 000, 50 000 or 20 000 heights: 8, 20 or 50
    // changes to cross, at most 4 per skip (3 of 7 old validators still hold > 1/3).
    for epoch in [125_000, 50_000, 20_000] {
        bisect_a_million(epoch);
    }
}

fn bisect_a_million(epoch: i64) {
    let n: i64 = 1_000_000;
    let mut chain = LazyChain {
        epoch,
        fetched: Vec::new(),
        forge_at: None,
    };
    let start = chain.block(1);
    let now = at(genesis_time(), n as u64 + 60);
    let outcome = verify_to(trusted(&start), n, &mut chain, options(), now).unwrap();

    let bound = 4.0 * (n as f64).log2();
    println!(
        "epoch {epoch}: verified 1 -> {n}: {} light blocks fetched (bound {bound:.0}), trace {:?}",
        chain.fetched.len(),
        outcome.trace
    );
    assert_eq!(outcome.trace.last(), Some(&n));
    assert_eq!(outcome.trusted.height(), n);
    assert!(outcome.trace.windows(2).all(|w| w[0] < w[1]));
    assert!((chain.fetched.len() as f64) <= bound);
    // Crossing the validator changes with at most 4 per skip needs that many steps.
    assert!(outcome.trace.len() as i64 >= n / epoch / 4);
    // No height is fetched twice.
    let mut heights = chain.fetched.clone();
    heights.sort_unstable();
    heights.dedup();
    assert_eq!(heights.len(), chain.fetched.len());
    assert_eq!(outcome.fetched, chain.fetched.len());
}

#[test]
fn a_forged_block_on_the_way_stops_the_run_with_its_reason() {
    let mut chain = LazyChain {
        epoch: 100,
        fetched: Vec::new(),
        forge_at: None,
    };
    let start = chain.block(1);
    let now = at(genesis_time(), 10_000);
    // Find a height the run will verify, then forge it.
    let honest = verify_to(trusted(&start), 5_000, &mut chain, options(), now).unwrap();
    let victim = honest.trace[0];
    chain.forge_at = Some(victim);
    let err = verify_to(trusted(&start), 5_000, &mut chain, options(), now).unwrap_err();
    assert_eq!(err.code(), "light.invalid_commit_signature");
    assert!(matches!(err, LightError::Invalid { height, .. } if height == victim));
    println!("forged block at {victim} refused: {err}");
}

#[test]
fn the_state_machine_checks_what_it_is_given() {
    let chain = LazyChain {
        epoch: 1_000,
        fetched: Vec::new(),
        forge_at: None,
    };
    let start = chain.block(1);
    let now = at(genesis_time(), 100_000);
    let e = Bisection::new(trusted(&start), 1, options(), now).unwrap_err();
    assert_eq!(e.code(), "light.target_not_above_trusted");

    let mut run = Bisection::new(trusted(&start), 50_000, options(), now).unwrap();
    assert_eq!(run.need(), Need::Height(50_000));
    let e = run.supply(chain.block(7)).unwrap_err();
    assert_eq!(e.code(), "light.wrong_height");
    // A wrong height is not fatal; the right block continues the run.
    let mut steps = 0;
    while let Need::Height(h) = run.need() {
        run.supply(chain.block(h)).unwrap();
        steps += 1;
    }
    let outcome = run.finish().unwrap();
    assert_eq!(outcome.trusted.height(), 50_000);
    assert_eq!(outcome.fetched, steps);

    // A block without its next validator set cannot become the trusted state.
    let mut run = Bisection::new(trusted(&start), 2, options(), now).unwrap();
    let mut b = chain.block(2);
    b.next_validator_set = None;
    let e = run.supply(b).unwrap_err();
    assert_eq!(e.code(), "light.missing_next_validators");
    assert_eq!(run.need(), Need::Done);
    assert!(run.finish().is_err());
    let _ = Time::UNIX_EPOCH;
}

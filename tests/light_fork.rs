//! Fork detection: a primary and witnesses that disagree at one height.
#![cfg(not(target_arch = "wasm32"))]

mod light_support;

use std::time::Duration;

use light_support::*;
use medproof::light::{detect_fork, Options, Verdict, WitnessOutcome};
use medproof::Coded;

#[test]
fn two_verifying_headers_at_one_height_are_a_conflict_never_a_choice() {
    let vals = set(&[(1, 10), (2, 10), (3, 10), (4, 10)]);
    let all = keys(&[1, 2, 3, 4]);
    let trusted = trusted(&block(CHAIN_ID, 1, genesis_time(), &vals, &vals, &all));
    let options = Options::new(Duration::from_secs(3600));
    let now = at(genesis_time(), 600);

    let primary = block(CHAIN_ID, 100, at(genesis_time(), 100), &vals, &vals, &all);
    let same = primary.clone();
    // Equivocating validators sign another block at height 100.
    let fork = block(CHAIN_ID, 100, at(genesis_time(), 101), &vals, &vals, &all);
    // A witness serving a differing block signed by too few of them is merely faulty.
    let faulty = block(
        CHAIN_ID,
        100,
        at(genesis_time(), 102),
        &vals,
        &vals,
        &keys(&[1, 2]),
    );
    // One with a block signed by strangers cannot be judged in one step from the trusted state.
    let strangers = set(&[(7, 10), (8, 10), (9, 10)]);
    let undecided = block(
        CHAIN_ID,
        100,
        at(genesis_time(), 103),
        &strangers,
        &strangers,
        &keys(&[7, 8, 9]),
    );
    let elsewhere = block(CHAIN_ID, 99, at(genesis_time(), 99), &vals, &vals, &all);

    let report = detect_fork(
        &trusted,
        &primary,
        &[same, fork.clone(), faulty, undecided, elsewhere],
        &options,
        now,
    );
    assert_eq!(report.primary, Verdict::Success);
    assert!(report.is_fork());
    assert!(!report.is_verified());
    assert_eq!(report.witnesses[0], WitnessOutcome::Agrees);
    let WitnessOutcome::Conflict(c) = &report.witnesses[1] else {
        panic!("expected a conflict, got {:?}", report.witnesses[1]);
    };
    assert_eq!(c.height, 100);
    assert_eq!(c.witness, 1);
    assert_eq!(c.primary, primary.signed_header);
    assert_eq!(c.witness_header, fork.signed_header);
    assert!(
        matches!(&report.witnesses[2], WitnessOutcome::Faulty(r) if r.code() == "light.insufficient_signers")
    );
    assert_eq!(report.witnesses[3], WitnessOutcome::Undecided);
    assert_eq!(report.witnesses[4], WitnessOutcome::WrongHeight(99));
    assert_eq!(report.conflicts().count(), 1);

    // Without the equivocating witness, the primary's block stands.
    let calm = detect_fork(
        &trusted,
        &primary,
        std::slice::from_ref(&primary),
        &options,
        now,
    );
    assert!(calm.is_verified());
    println!(
        "fork reported with both headers; faulty, undecided and misplaced witnesses told apart"
    );
}

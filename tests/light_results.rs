//! Transaction results proven against `last_results_hash` of the next header
//! (`medproof::light::results`): every result of blocks of 1 to 12 transactions verifies at its
//! position, and a changed code, data or gas, another position, another block's header or a
//! header at the wrong height is refused with `light.bad_result_proof`.
#![cfg(not(target_arch = "wasm32"))]

use medproof::crypto::ed25519::SigningKey;
use medproof::error::Coded;
use medproof::light::sign::generated_light_block;
use medproof::light::{
    results_hash, verify_result_proof, ExecResult, Header, ResultProof, Time, Validator,
    ValidatorSet,
};

/// A header at `height` whose `last_results_hash` commits to `results`.
fn header(height: i64, results: &[ExecResult]) -> Header {
    let key = SigningKey::from_seed(&[9; 32]);
    let vals = ValidatorSet::new(vec![Validator::new(key.public_key(), 10)]);
    let time = Time::from_unix(1_750_000_000, 0).unwrap();
    let lb =
        generated_light_block("c", height, time, &vals, &[key], vec![0; 32], vec![0; 32]).unwrap();
    let mut h = lb.signed_header.header;
    h.last_results_hash = results_hash(results).to_vec();
    h
}

fn results(n: usize) -> Vec<ExecResult> {
    (0..n)
        .map(|i| ExecResult {
            code: if i % 3 == 1 { 7 } else { 0 },
            data: if i % 4 == 2 {
                vec![i as u8; 3]
            } else {
                Vec::new()
            },
            gas_wanted: (i % 5) as i64,
            gas_used: (i % 2) as i64,
        })
        .collect()
}

fn refused(next: &Header, height: i64, index: u64, p: &ResultProof) -> bool {
    let total = p.proof.total as u64;
    matches!(verify_result_proof(next, height, index, total, p),
             Err(e) if e.code() == "light.bad_result_proof")
}

#[test]
fn results_verify_at_their_position_and_nothing_else_does() {
    let (mut ok, mut bad) = (0, 0);
    for n in 1..=12usize {
        let rs = results(n);
        let next = header(101, &rs);
        let other = header(101, &results(n + 1));
        for i in 0..n {
            let p = ResultProof::new(&rs, i).unwrap();
            // Through JSON, as a bundle carries it.
            let p: ResultProof = serde_json::from_value(serde_json::to_value(&p).unwrap()).unwrap();
            let total = n as u64;
            assert_eq!(
                verify_result_proof(&next, 100, i as u64, total, &p).unwrap(),
                rs[i].code
            );
            ok += 1;
            let mut flipped = p.clone();
            flipped.code = if p.code == 0 { 1 } else { 0 };
            let mut data = p.clone();
            data.data.push(1);
            let mut gas = p.clone();
            gas.gas_used += 1;
            for (what, q) in [("code", &flipped), ("data", &data), ("gas", &gas)] {
                assert!(refused(&next, 100, i as u64, q), "n={n} i={i} {what}");
                bad += 1;
            }
            assert!(refused(&next, 100, i as u64 + 1, &p), "another position");
            assert!(
                refused(&next, 99, i as u64, &p),
                "the header is not at height + 1"
            );
            assert!(
                refused(&other, 100, i as u64, &p),
                "another block's results"
            );
            assert!(
                verify_result_proof(&next, 100, i as u64, n as u64 + 1, &p).is_err(),
                "another count of transactions"
            );
            bad += 4;
        }
    }
    println!("light_results: {ok} results verified, {bad} altered ones refused");
}

//! Differential test: medproof's verifier against tendermint-rs's (`tendermint-light-client-
//! verifier` 0.41, `ProdVerifier`) on generated cases. Both must give the same verdict class.
//!
//! The cases cover validator churn, absent and nil votes, forged and duplicated signatures,
//! signed power exactly at 1/3 and 2/3, clock skew around the drift limit, trust expiring
//! around the boundary, wrong chain, wrong validator sets, non-increasing heights and times.
//!
//! One difference is by design: tendermint-rs stops checking signatures once enough power is
//! tallied, while medproof (like CometBFT's `VerifyCommitLightAllSignatures`) checks every
//! present signature. When medproof refuses a forged signature that tendermint-rs accepted, the
//! test re-signs that vote correctly and requires both verifiers to agree with tendermint-rs's
//! first verdict: the forged signature was the only difference, and it was one tendermint-rs
//! never looked at. Such cases are counted separately.
#![cfg(not(target_arch = "wasm32"))]

mod light_support;

use std::time::Duration;

use light_support::*;
use medproof::light::sign::commit_sig;
use medproof::light::{
    verify_light_block, BlockIdFlag, LightBlock, Options, Reason, Time, TrustedState, Verdict,
};
use tendermint_light_client_verifier::{
    options::Options as TmOptions,
    types::{TrustThreshold as TmThreshold, TrustedBlockState, UntrustedBlockState},
    ProdVerifier, Verdict as TmVerdict, Verifier,
};

/// SplitMix64: small, fast, deterministic.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
    fn range(&mut self, lo: i64, hi: i64) -> i64 {
        lo + self.below((hi - lo + 1) as u64) as i64
    }
}

/// What a case did, for the report.
#[derive(Default)]
struct Mix {
    adjacent: usize,
    forged: usize,
    duplicated: usize,
    nil_votes: usize,
    exact_third: usize,
    exact_two_thirds: usize,
    wrong_chain: usize,
    wrong_set: usize,
    skewed: usize,
    expiry_edge: usize,
}

struct Case {
    trusted: TrustedState,
    untrusted: LightBlock,
    options: Options,
    now: Time,
    /// The forged vote's commit index and the validator id that should have signed it.
    forged: Option<(usize, u64)>,
}

fn members(rng: &mut Rng, pool: &[u64], n: usize, equal: bool) -> Vec<(u64, i64)> {
    let mut ids: Vec<u64> = pool.to_vec();
    let mut out = Vec::new();
    while out.len() < n && !ids.is_empty() {
        let i = rng.below(ids.len() as u64) as usize;
        let id = ids.swap_remove(i);
        let power = if equal { 10 } else { rng.range(1, 100) };
        out.push((id, power));
    }
    out
}

fn generate(rng: &mut Rng, mix: &mut Mix) -> Case {
    let pool: Vec<u64> = (0..16).collect();
    let t0 = genesis_time();
    let trusted_height = rng.range(1, 1_000);
    let trusted_time = at(t0, rng.below(100_000));
    let adjacent = rng.chance(30);
    mix.adjacent += usize::from(adjacent);

    // Exact-threshold cases: three equal validators, shared by both sets.
    let exact = rng.chance(12);
    let equal = exact || rng.chance(20);
    let n_next = if exact { 3 } else { rng.range(1, 6) as usize };
    let next_members = members(rng, &pool, n_next, equal);
    let next = set(&next_members);
    let k = rng.range(1, 4) as usize;
    let trusted_vals = set(&members(rng, &pool, k, false));
    let trusted_block = block(
        CHAIN_ID,
        trusted_height,
        trusted_time,
        &trusted_vals,
        &next,
        &[],
    );

    // The untrusted block's validators: the trusted next set, or a churned one.
    let untrusted_members = if adjacent || exact || rng.chance(20) {
        next_members.clone()
    } else {
        let mut m: Vec<(u64, i64)> = Vec::new();
        for &(id, p) in &next_members {
            if rng.chance(60) {
                let p = if rng.chance(20) { rng.range(1, 100) } else { p };
                m.push((id, p));
            }
        }
        let fresh: Vec<u64> = pool
            .iter()
            .copied()
            .filter(|id| !m.iter().any(|(x, _)| x == id))
            .collect();
        let k = rng.below(4) as usize;
        m.extend(members(rng, &fresh, k, equal));
        if m.is_empty() {
            m.push((15, 10));
        }
        m
    };
    let vals = set(&untrusted_members);
    let k = rng.range(1, 4) as usize;
    let next_of_untrusted = set(&members(rng, &pool, k, false));

    let height = if adjacent {
        trusted_height + 1
    } else if rng.chance(4) {
        trusted_height - rng.range(0, 3)
    } else {
        trusted_height + rng.range(2, 1_000)
    };
    let time = if rng.chance(4) {
        trusted_time
            .checked_sub(Duration::from_secs(rng.below(2)))
            .unwrap()
    } else {
        at(trusted_time, rng.range(1, 5_000) as u64)
    };
    let chain = if rng.chance(3) {
        mix.wrong_chain += 1;
        "other-chain"
    } else {
        CHAIN_ID
    };

    // Who signs: for exact cases, exactly one or two of the three; otherwise at random.
    let mut block = block(chain, height, time, &vals, &next_of_untrusted, &[]);
    let block_id = block.signed_header.commit.block_id.clone();
    let signer_count = if exact {
        let k = rng.range(1, 2) as usize;
        if k == 1 {
            mix.exact_third += 1;
        } else {
            mix.exact_two_thirds += 1;
        }
        k
    } else {
        usize::MAX
    };
    let vote_time = at(time, 1);
    let mut signed = 0;
    for (i, v) in vals.validators.clone().iter().enumerate() {
        let id = untrusted_members
            .iter()
            .find(|(id, _)| key(*id).public_key() == v.ed25519_key())
            .map(|(id, _)| *id)
            .unwrap();
        let flag = if signed >= signer_count {
            BlockIdFlag::Absent
        } else if exact {
            signed += 1;
            BlockIdFlag::Commit
        } else {
            match rng.below(10) {
                0 => BlockIdFlag::Absent,
                1 => {
                    mix.nil_votes += 1;
                    BlockIdFlag::Nil
                }
                _ => BlockIdFlag::Commit,
            }
        };
        block.signed_header.commit.signatures[i] =
            commit_sig(&key(id), chain, height, 0, &block_id, flag, vote_time);
    }

    let present: Vec<usize> = (0..vals.validators.len())
        .filter(|&i| block.signed_header.commit.signatures[i].block_id_flag != BlockIdFlag::Absent)
        .collect();
    let mut forged = None;
    if !present.is_empty() && rng.chance(12) {
        let i = present[rng.below(present.len() as u64) as usize];
        let sig = &mut block.signed_header.commit.signatures[i];
        if sig.block_id_flag == BlockIdFlag::Commit {
            if let Some(s) = sig.signature.as_mut() {
                s[rng.below(64) as usize] ^= 1 << rng.below(8);
            }
            let id = untrusted_members
                .iter()
                .find(|(id, _)| key(*id).public_key() == vals.validators[i].ed25519_key())
                .map(|(id, _)| *id)
                .unwrap();
            forged = Some((i, id));
            mix.forged += 1;
        }
    }
    if !present.is_empty() && vals.validators.len() >= 2 && rng.chance(6) && forged.is_none() {
        let from = present[rng.below(present.len() as u64) as usize];
        let to = (from + 1 + rng.below(vals.validators.len() as u64 - 1) as usize)
            % vals.validators.len();
        if block.signed_header.commit.signatures[from].block_id_flag == BlockIdFlag::Commit {
            block.signed_header.commit.signatures[to] =
                block.signed_header.commit.signatures[from].clone();
            mix.duplicated += 1;
        }
    }
    if rng.chance(3) {
        // Hand over a validator set that is not the header's.
        block.validator_set = set(&members(rng, &pool, vals.validators.len(), false));
        mix.wrong_set += 1;
    }

    // The clock: around the drift limit sometimes, around trust expiry sometimes.
    let drift = Duration::from_secs(10);
    let now = if rng.chance(15) {
        mix.skewed += 1;
        let back = rng.range(9, 11) as u64;
        time.checked_sub(Duration::from_secs(back)).unwrap()
    } else {
        at(time, rng.below(100))
    };
    let age = now.unix_seconds() - trusted_time.unix_seconds();
    let period = if rng.chance(15) {
        mix.expiry_edge += 1;
        (age + rng.range(-1, 1)).max(1) as u64
    } else {
        (age.max(0) + rng.range(1, 100_000)) as u64
    };
    let options = Options {
        max_clock_drift: drift,
        ..Options::new(Duration::from_secs(period))
    };
    Case {
        trusted: trusted(&trusted_block),
        untrusted: block,
        options,
        now,
        forged,
    }
}

fn ours(case: &Case) -> Verdict {
    verify_light_block(&case.trusted, &case.untrusted, &case.options, case.now)
}

fn class(v: &Verdict) -> &'static str {
    v.class()
}

/// tendermint-rs's verdict class; a block it cannot even parse counts as invalid.
fn theirs(case: &Case) -> &'static str {
    let tm_time =
        |t: Time| tendermint::Time::parse_from_rfc3339(&t.to_rfc3339()).expect("valid time");
    let json = |v: &dyn erased::Ser| v.to_value();
    let trusted_header: tendermint::block::Header =
        serde_json::from_value(json(&case.trusted.signed_header.header)).expect("trusted header");
    let trusted_next: tendermint::validator::Set =
        serde_json::from_value(json(&case.trusted.next_validator_set)).expect("trusted set");
    let Ok(sh) = serde_json::from_value::<tendermint::block::signed_header::SignedHeader>(json(
        &case.untrusted.signed_header,
    )) else {
        return "invalid";
    };
    let Ok(vals) =
        serde_json::from_value::<tendermint::validator::Set>(json(&case.untrusted.validator_set))
    else {
        return "invalid";
    };
    let next = case
        .untrusted
        .next_validator_set
        .as_ref()
        .map(|n| serde_json::from_value::<tendermint::validator::Set>(json(n)).expect("set"));
    let untrusted = UntrustedBlockState {
        signed_header: &sh,
        validators: &vals,
        next_validators: next.as_ref(),
    };
    let trusted = TrustedBlockState {
        chain_id: &trusted_header.chain_id,
        header_time: trusted_header.time,
        height: trusted_header.height,
        next_validators: &trusted_next,
        next_validators_hash: trusted_header.next_validators_hash,
    };
    let options = TmOptions {
        trust_threshold: TmThreshold::ONE_THIRD,
        trusting_period: case.options.trusting_period,
        clock_drift: case.options.max_clock_drift,
    };
    match ProdVerifier::default().verify_update_header(
        untrusted,
        trusted,
        &options,
        tm_time(case.now),
    ) {
        TmVerdict::Success => "success",
        TmVerdict::NotEnoughTrust(_) => "not_enough_trust",
        TmVerdict::Invalid(_) => "invalid",
    }
}

mod erased {
    /// Serialize anything to a JSON value (a tiny object-safe wrapper).
    pub trait Ser {
        fn to_value(&self) -> serde_json::Value;
    }
    impl<T: serde::Serialize> Ser for T {
        fn to_value(&self) -> serde_json::Value {
            serde_json::to_value(self).expect("serializable")
        }
    }
}

#[test]
fn agrees_with_tendermint_rs_on_ten_thousand_generated_cases() {
    let cases: usize = std::env::var("LIGHT_DIFF_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000);
    let mut rng = Rng(0x6d65_6470_726f_6f66);
    let mut mix = Mix::default();
    let mut counts = std::collections::BTreeMap::<String, usize>::new();
    let mut early_exit = 0;
    for n in 0..cases {
        let mut case = generate(&mut rng, &mut mix);
        let mine = ours(&case);
        let tm = theirs(&case);
        if class(&mine) != tm {
            // The one allowed difference: a forged signature tendermint-rs never checked.
            let is_forgery = matches!(
                mine,
                Verdict::Invalid(Reason::InvalidCommitSignature { .. })
            );
            let Some((index, id)) = case.forged.filter(|_| is_forgery && tm != "invalid") else {
                panic!("case {n}: medproof {mine:?}, tendermint-rs {tm}");
            };
            let header = &case.untrusted.signed_header;
            let fixed = commit_sig(
                &key(id),
                &header.header.chain_id,
                header.header.height,
                header.commit.round,
                &header.commit.block_id,
                BlockIdFlag::Commit,
                header.commit.signatures[index].timestamp,
            );
            case.untrusted.signed_header.commit.signatures[index] = fixed;
            assert_eq!(
                theirs(&case),
                tm,
                "case {n}: re-signing changed tendermint-rs"
            );
            assert_eq!(
                class(&ours(&case)),
                tm,
                "case {n}: re-signed, medproof differs"
            );
            early_exit += 1;
        }
        *counts.entry(class(&mine).to_string()).or_default() += 1;
    }
    println!("{cases} cases, same verdict class in all: {counts:?}");
    println!(
        "of which {early_exit} forged signatures tendermint-rs never checked (early exit), \
         confirmed by re-signing"
    );
    println!(
        "mix: {} adjacent, {} forged, {} duplicated, {} nil votes, {} at exactly 1/3, {} at \
         exactly 2/3, {} wrong chain, {} wrong validator set, {} clock near drift limit, {} \
         trust near expiry",
        mix.adjacent,
        mix.forged,
        mix.duplicated,
        mix.nil_votes,
        mix.exact_third,
        mix.exact_two_thirds,
        mix.wrong_chain,
        mix.wrong_set,
        mix.skewed,
        mix.expiry_edge
    );
    for class in ["success", "not_enough_trust", "invalid"] {
        assert!(
            counts.get(class).copied().unwrap_or(0) > cases / 50,
            "{class} too rare"
        );
    }
}

#![cfg(not(target_arch = "wasm32"))]
//! The demo chain's acceptance tests: tendermint-rs's light-client verifier accepts its
//! validator-set changes and 100 random headers from the checkpoint; an independent replay of
//! every transaction reproduces every header's app hash; every scenario and omission bundle's
//! light blocks, transaction proofs and state proofs verify with medproof's own verifiers; and
//! the committed `www/demo/` is exactly what the generator writes.

use std::sync::OnceLock;
use std::time::Duration;

use medproof::crypto::encoding::{from_base64, from_hex};
use medproof::demo::story::{self, Story};
use medproof::ledger::app::LedgerApp;
use medproof::ledger::genesis::AppState;
use medproof::ledger::proof::{verify_state_proof, ProofOps};
use medproof::light::{
    verify_light_block, verify_tx_proof, LightBlock, Options, Time, TrustedState, TxProof, Verdict,
};
use serde_json::Value;
use tendermint_light_client_verifier::{
    options::Options as TmOptions,
    types::{TrustThreshold as TmThreshold, TrustedBlockState, UntrustedBlockState},
    ProdVerifier, Verdict as TmVerdict, Verifier,
};

fn story() -> &'static Story {
    static S: OnceLock<Story> = OnceLock::new();
    S.get_or_init(|| story::produce().expect("the demo chain"))
}

fn now() -> Time {
    Time::parse_rfc3339(story::NOW).unwrap()
}

fn tm<T: serde::de::DeserializeOwned>(v: &impl serde::Serialize) -> T {
    serde_json::from_value(serde_json::to_value(v).unwrap()).expect("tendermint-rs parses it")
}

/// tendermint-rs verifies `target` from `trusted` (skipping, trust level 1/3).
fn tendermint_verifies(trusted: &LightBlock, target: &LightBlock) -> bool {
    let th: tendermint::block::Header = tm(trusted.header());
    let tnext: tendermint::validator::Set = tm(trusted.next_validator_set.as_ref().unwrap());
    let sh: tendermint::block::signed_header::SignedHeader = tm(&target.signed_header);
    let vals: tendermint::validator::Set = tm(&target.validator_set);
    let next: tendermint::validator::Set = tm(target.next_validator_set.as_ref().unwrap());
    let verdict = ProdVerifier::default().verify_update_header(
        UntrustedBlockState {
            signed_header: &sh,
            validators: &vals,
            next_validators: Some(&next),
        },
        TrustedBlockState {
            chain_id: &th.chain_id,
            header_time: th.time,
            height: th.height,
            next_validators: &tnext,
            next_validators_hash: th.next_validators_hash,
        },
        &TmOptions {
            trust_threshold: TmThreshold::ONE_THIRD,
            trusting_period: Duration::from_secs(1_209_600),
            clock_drift: Duration::from_secs(10),
        },
        tendermint::Time::parse_from_rfc3339(story::NOW).unwrap(),
    );
    matches!(verdict, TmVerdict::Success)
}

#[test]
fn tendermint_rs_verifies_set_changes_and_random_headers() {
    let s = story();
    let chain = &s.chain;
    assert!(chain.height() >= 10_000);
    let checkpoint = chain.light_block(story::CHECKPOINT).unwrap();
    let changes = chain.set_change_heights();
    assert!(!changes.is_empty());
    let mut checked = 0;
    // Each change sequentially (adjacent steps across it) and by skipping from the checkpoint.
    for &h in &changes {
        assert_ne!(
            chain.validators_at(h - 1).hash(),
            chain.validators_at(h).hash()
        );
        for (a, b) in [(h - 2, h - 1), (h - 1, h), (h, h + 1)] {
            let (ta, tb) = (chain.light_block(a).unwrap(), chain.light_block(b).unwrap());
            assert!(tendermint_verifies(&ta, &tb), "adjacent {a} -> {b}");
            checked += 1;
        }
        assert!(tendermint_verifies(
            &checkpoint,
            &chain.light_block(h).unwrap()
        ));
        checked += 1;
    }
    // 100 random heights above the checkpoint (SplitMix64, fixed seed).
    let mut x: u64 = 0x5eed;
    for _ in 0..100 {
        x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = x;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^= z >> 31;
        let h = story::CHECKPOINT + 1 + (z % (chain.height() - story::CHECKPOINT) as u64) as i64;
        let lb = chain.light_block(h).unwrap();
        assert!(tendermint_verifies(&checkpoint, &lb), "height {h}");
        // medproof's own verifier agrees.
        let trusted = TrustedState::from_light_block(checkpoint.clone()).unwrap();
        let v = verify_light_block(
            &trusted,
            &lb,
            &Options::new(Duration::from_secs(1_209_600)),
            now(),
        );
        assert!(matches!(v, Verdict::Success), "medproof at {h}: {v:?}");
        checked += 1;
    }
    println!(
        "tendermint-rs verified {checked} steps ({} set changes, 100 random headers)",
        changes.len()
    );
}

#[test]
fn every_header_chains_and_replay_reproduces_every_app_hash() {
    let s = story();
    let chain = &s.chain;
    let regulator = chain.genesis.app_state.as_ref().unwrap()["regulator"]
        .as_str()
        .unwrap()
        .to_string();
    let (mut app, genesis_hash) = LedgerApp::init_chain(
        &chain.chain_id,
        &AppState { regulator },
        chain.genesis.genesis_time.unix_seconds(),
    )
    .unwrap();
    let mut expected = genesis_hash;
    let mut txs = 0;
    for h in 1..=chain.height() {
        let b = chain.block(h).unwrap();
        assert_eq!(
            b.header.app_hash,
            expected.to_vec(),
            "app hash in header {h}"
        );
        assert_eq!(
            b.header.data_hash,
            medproof::light::data_hash(&b.txs).to_vec()
        );
        if h > 1 {
            let prev = chain.block(h - 1).unwrap();
            assert_eq!(
                b.header.last_block_id.as_ref().unwrap().hash,
                prev.header.hash().to_vec()
            );
            assert_eq!(
                b.header.last_results_hash,
                medproof::demo::hashes::results_hash(
                    &prev.results.iter().map(|r| r.code).collect::<Vec<_>>()
                )
                .to_vec()
            );
        }
        assert_eq!(
            b.header.validators_hash,
            chain.validators_at(h).hash().to_vec()
        );
        app.begin_block(h as u64, b.header.time.unix_seconds())
            .unwrap();
        for (tx, r) in b.txs.iter().zip(&b.results) {
            assert_eq!(app.deliver_tx(tx).code, r.code);
            txs += 1;
        }
        expected = app.commit().unwrap();
    }
    assert_eq!(expected, chain.pending_app_hash());
    println!(
        "replayed {} heights, {txs} transactions: every app hash reproduced",
        chain.height()
    );
}

fn check_bundle(trust: &TrustedState, bundle: &Value) -> Result<usize, String> {
    let opts = Options::new(Duration::from_secs(1_209_600));
    let mut trusted = trust.clone();
    let mut headers = std::collections::BTreeMap::new();
    for lb in bundle["lightBlocks"].as_array().unwrap() {
        let lb = LightBlock::from_json(&lb.to_string()).map_err(|e| e.to_string())?;
        match verify_light_block(&trusted, &lb, &opts, now()) {
            Verdict::Success => {}
            v => return Err(format!("light block {}: {v:?}", lb.height())),
        }
        headers.insert(lb.height(), lb.header().clone());
        trusted = TrustedState::from_light_block(lb).map_err(|e| e.to_string())?;
    }
    let mut checked = 0;
    for tx in bundle["txs"].as_array().unwrap() {
        let h: i64 = tx["height"].as_str().unwrap().parse().unwrap();
        let header = headers.get(&h).ok_or(format!("no header {h}"))?;
        let proof: TxProof = serde_json::from_value(tx["proof"].clone()).unwrap();
        let bytes = verify_tx_proof(header, &proof).map_err(|e| e.to_string())?;
        if bytes != from_base64(tx["tx"].as_str().unwrap()).unwrap()
            || from_hex(tx["hash"].as_str().unwrap()).unwrap() != medproof::crypto::sha256(&bytes)
        {
            return Err(format!(
                "tx at {h}: bytes or hash differ from the proven ones"
            ));
        }
        checked += 1;
    }
    let v: i64 = bundle["state"]["height"].as_str().unwrap().parse().unwrap();
    let header = headers.get(&(v + 1)).ok_or("no header V+1")?;
    for p in bundle["state"]["proofs"].as_array().unwrap() {
        let ops: ProofOps = serde_json::from_value(p["proofOps"].clone()).unwrap();
        let value = p["value"].as_str().map(str::as_bytes);
        verify_state_proof(
            &header.app_hash,
            p["key"].as_str().unwrap().as_bytes(),
            value,
            &ops,
        )
        .map_err(|e| format!("{}: {e}", p["key"]))?;
        checked += 1;
    }
    Ok(checked)
}

fn read(path: &str) -> Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

#[test]
fn every_scenario_bundle_verifies_and_every_omission_is_caught_or_incomplete() {
    let trust = read("www/demo/trust.json");
    let lb = LightBlock::from_json(&trust["checkpoint"]["lightBlock"].to_string()).unwrap();
    assert_eq!(
        medproof::crypto::encoding::to_hex(&lb.header().hash()),
        trust["checkpoint"]["headerHash"].as_str().unwrap()
    );
    let trusted = TrustedState::from_light_block(lb).unwrap();
    let scenarios = read("www/demo/scenarios.json");
    let mut proofs = 0;
    let mut n = 0;
    for sc in scenarios.as_array().unwrap() {
        let bundle = read(&format!("www/{}", sc["bundle"].as_str().unwrap()));
        let r = check_bundle(&trusted, &bundle);
        if sc["id"] == "tampered-event" {
            assert!(r.is_err(), "the tampered bundle verified");
        } else {
            proofs += r.unwrap_or_else(|e| panic!("{}: {e}", sc["id"]));
        }
        n += 1;
    }
    // Omissions: a dropped proof leaves the key unproven, a wrong value fails its proof, a
    // stale proof verifies but only at an older height than the honest bundle's.
    let manifest = read("www/demo/omission/manifest.json");
    let mut omissions = 0;
    for o in manifest.as_array().unwrap() {
        let bundle = read(&format!("www/{}", o["bundle"].as_str().unwrap()));
        let key = o["key"].as_str().unwrap();
        let has_key = bundle["state"]["proofs"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p["key"] == key);
        match o["attack"].as_str().unwrap() {
            "dropped" => assert!(!has_key && check_bundle(&trusted, &bundle).is_ok()),
            "wrong_value" => assert!(check_bundle(&trusted, &bundle).is_err()),
            "stale" => {
                check_bundle(&trusted, &bundle).unwrap();
                let h: i64 = bundle["state"]["height"].as_str().unwrap().parse().unwrap();
                assert!(h < medproof::demo::scenarios::STATE_HEIGHT);
            }
            other => panic!("unknown attack {other}"),
        }
        omissions += 1;
    }
    assert!(n >= 23 && omissions == 12);
    println!("{n} scenario bundles ({proofs} tx and state proofs) and {omissions} omission bundles checked");
}

#[test]
fn committed_demo_files_are_what_the_generator_writes() {
    let files = medproof::demo::scenarios::demo_files(story()).unwrap();
    for (path, bytes) in &files {
        let on_disk = std::fs::read(format!("www/demo/{path}")).unwrap_or_default();
        assert!(
            on_disk == *bytes,
            "www/demo/{path} is stale: run `make demo-data`"
        );
    }
    println!(
        "{} demo files identical to the generator's output",
        files.len()
    );
}

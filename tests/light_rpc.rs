//! CometBFT JSON-RPC shapes across 0.34, 0.37 and 0.38: parsing, round trips, light-block
//! assembly from RPC responses.
#![cfg(not(target_arch = "wasm32"))]

mod light_support;

use light_support::*;
use medproof::light::rpc::{
    light_block_from_json, parse_result, CommitResponse, GenesisResponse, JsonRpc, TxResponse,
    ValidatorsResponse,
};
use medproof::light::{verify_commit, BlockIdFlag, LightBlock, Time};
use medproof::Coded;
use serde_json::{json, Value};

fn round_trip<T: serde::de::DeserializeOwned + serde::Serialize>(v: &Value) -> T {
    let parsed: T = serde_json::from_value(v.clone()).unwrap();
    assert_eq!(&serde_json::to_value(&parsed).unwrap(), v);
    parsed
}

/// A 0.34-style commit: version without `app` (Go omits a zero), an absent vote with a `null`
/// signature and Go's zero time, a nil vote.
#[test]
fn v0_34_commit_shapes_round_trip() {
    let v = json!({
        "signed_header": {
            "header": {
                "version": { "block": "11" },
                "chain_id": "cosmoshub-4", "height": "2", "time": "2021-02-18T06:00:00.5Z",
                "last_block_id": { "hash": "AA".repeat(32), "parts": { "total": 1, "hash": "BB".repeat(32) } },
                "last_commit_hash": "CC".repeat(32), "data_hash": "", "validators_hash": "DD".repeat(32),
                "next_validators_hash": "DD".repeat(32), "consensus_hash": "EE".repeat(32),
                "app_hash": "0102", "last_results_hash": "", "evidence_hash": "",
                "proposer_address": "11".repeat(20)
            },
            "commit": {
                "height": "2", "round": 0,
                "block_id": { "hash": "FF".repeat(32), "parts": { "total": 1, "hash": "AB".repeat(32) } },
                "signatures": [
                    { "block_id_flag": 1, "validator_address": "", "timestamp": "0001-01-01T00:00:00Z", "signature": null },
                    { "block_id_flag": 2, "validator_address": "22".repeat(20), "timestamp": "2021-02-18T06:00:01.123Z", "signature": "A".repeat(86) + "==" },
                    { "block_id_flag": 3, "validator_address": "33".repeat(20), "timestamp": "2021-02-18T06:00:01Z", "signature": "A".repeat(86) + "==" }
                ]
            }
        },
        "canonical": true
    });
    let c: CommitResponse = round_trip(&v);
    let sigs = &c.signed_header.commit.signatures;
    assert_eq!(sigs[0].block_id_flag, BlockIdFlag::Absent);
    assert_eq!(sigs[0].timestamp, Time::GO_ZERO);
    assert_eq!(sigs[0].signature, None);
    assert_eq!(sigs[2].block_id_flag, BlockIdFlag::Nil);
    assert_eq!(c.signed_header.header.version.app, 0);
    // The envelope is accepted too, and an RPC error is a typed error.
    let env = serde_json::to_string(&JsonRpc::new(json!(7), c.clone())).unwrap();
    assert_eq!(parse_result::<CommitResponse>(&env).unwrap(), c);
    let err = r#"{"jsonrpc":"2.0","id":1,"error":{"code":-32603,"message":"height 9 must be less than or equal to the current blockchain height 8"}}"#;
    assert_eq!(
        parse_result::<CommitResponse>(err).unwrap_err().code(),
        "light.rpc_error"
    );
    let bad_flag = v
        .to_string()
        .replace("\"block_id_flag\":3", "\"block_id_flag\":4");
    assert_eq!(
        parse_result::<CommitResponse>(&bad_flag)
            .unwrap_err()
            .code(),
        "light.bad_json"
    );
}

/// 0.38 genesis without validators (the application sets them), with app state.
#[test]
fn v0_38_genesis_and_tx_shapes() {
    let g = json!({
        "genesis": {
            "genesis_time": "2024-01-01T00:00:00Z", "chain_id": "medproof-demo",
            "initial_height": "1",
            "consensus_params": { "block": { "max_bytes": "22020096", "max_gas": "-1" },
                                   "abci": { "vote_extensions_enable_height": "0" } },
            "validators": null,
            "app_hash": "", "app_state": { "accounts": [] }
        }
    });
    let parsed: GenesisResponse = serde_json::from_value(g).unwrap();
    assert!(parsed.genesis.validators.is_empty());
    let back = serde_json::to_value(&parsed).unwrap();
    assert_eq!(back["genesis"]["validators"], json!([]));
    assert_eq!(back["genesis"]["app_state"], json!({ "accounts": [] }));

    // tx without a proof (prove=false), 0.38 exec result shape kept as is.
    let tx = json!({
        "hash": "AB".repeat(32), "height": "12", "index": 3,
        "tx_result": { "code": 0, "data": null, "log": "", "info": "", "gas_wanted": "0",
                       "gas_used": "0", "events": [], "codespace": "" },
        "tx": "aGVsbG8="
    });
    let t: TxResponse = round_trip(&tx);
    assert_eq!(t.tx, b"hello");
    assert!(t.proof.is_none());
}

/// Validators in two pages (per_page is at most 100), merged into the header's set.
#[test]
fn light_blocks_from_rpc_responses_and_paged_validators() {
    let ids: Vec<u64> = (0..150).collect();
    let vals = set(&ids
        .iter()
        .map(|&i| (i, 1 + (i as i64 % 7)))
        .collect::<Vec<_>>());
    let b = block(CHAIN_ID, 5, genesis_time(), &vals, &vals, &keys(&ids));
    verify_commit(&b).unwrap();
    let page = |from: usize, to: usize| {
        serde_json::to_value(ValidatorsResponse {
            block_height: 5,
            validators: vals.validators[from..to].to_vec(),
            count: (to - from) as i64,
            total: 150,
        })
        .unwrap()
    };
    let commit = JsonRpc::new(
        json!(1),
        CommitResponse {
            signed_header: b.signed_header.clone(),
            canonical: true,
        },
    );
    let bundle = json!({
        "commit": commit,
        "validators": [page(0, 100), page(100, 150)],
        "next_validators": [page(0, 100), page(100, 150)],
    });
    let assembled = light_block_from_json(&bundle.to_string()).unwrap();
    assert_eq!(assembled.validator_set.hash(), vals.hash());
    assert_eq!(assembled.signed_header, b.signed_header);
    verify_commit(&assembled).unwrap();

    let missing = json!({ "commit": commit, "validators": [page(0, 100)] });
    assert_eq!(
        light_block_from_json(&missing.to_string())
            .unwrap_err()
            .code(),
        "light.bad_json"
    );
    let as_light_block = light_block_from_json(&b.to_json()).unwrap();
    assert_eq!(as_light_block, b);
    let back: LightBlock = serde_json::from_str(&b.to_json()).unwrap();
    assert_eq!(back, b);
    println!("150-validator light block assembled from a commit and two validator pages");
}

/// Mutated and truncated JSON never panics: it parses to an error, or to a block the verifier
/// judges (almost always invalid).
#[test]
fn mutated_json_never_panics() {
    let vals = set(&[(1, 10), (2, 20), (3, 30)]);
    let trusted = trusted(&block(
        CHAIN_ID,
        1,
        genesis_time(),
        &vals,
        &vals,
        &keys(&[1, 2, 3]),
    ));
    let good = block(
        CHAIN_ID,
        9,
        at(genesis_time(), 9),
        &vals,
        &vals,
        &keys(&[1, 2, 3]),
    );
    let text = good.to_json().into_bytes();
    let options = medproof::light::Options::new(std::time::Duration::from_secs(3600));
    let now = at(genesis_time(), 60);
    let mut state = 0x1234_5678_9abc_def0u64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let (mut parsed, mut judged_invalid) = (0, 0);
    let alphabet = b"0123456789ABCDEF\"{}[],:-.eE nul\\";
    for i in 0..3000 {
        let mut t = text.clone();
        if i % 10 == 0 {
            t.truncate((next() % t.len() as u64) as usize);
        } else {
            for _ in 0..1 + next() % 3 {
                let at = (next() % t.len() as u64) as usize;
                t[at] = alphabet[(next() % alphabet.len() as u64) as usize];
            }
        }
        let Ok(s) = String::from_utf8(t) else {
            continue;
        };
        if let Ok(b) = light_block_from_json(&s) {
            parsed += 1;
            let v = medproof::light::verify_light_block(&trusted, &b, &options, now);
            if v.class() == "invalid" {
                judged_invalid += 1;
            }
        }
        let _ = Time::parse_rfc3339(&s[..s.len().min(35)]);
    }
    println!("3000 mutations: {parsed} still parsed, {judged_invalid} of those judged invalid");
    assert!(parsed > 0);
}

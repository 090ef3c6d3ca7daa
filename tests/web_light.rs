//! The light client's JS API in headless Chromium: the single-step vectors, the real CometBFT
//! 0.37 data, `LightClient.verifyTo` over an asynchronous provider, forks and transaction
//! proofs. Run with `wasm-pack test --headless --chrome --test web_light`.
#![cfg(target_arch = "wasm32")]

mod light_support;

use js_sys::{Promise, Reflect};
use light_support::*;
use medproof::light::rpc::TxResponse;
use medproof::light::{tx_hash, LightBlock, TxProof, ValidatorSet};
use medproof::wasm::*;
use serde_json::{json, Value};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const GENESIS: &str = include_str!("vectors/cometbft/kvstore_v0_37/genesis.json");
const BLOCK_1: &str = include_str!("vectors/cometbft/kvstore_v0_37/block_at_height_1.json");
const BLOCK_10: &str = include_str!("vectors/cometbft/kvstore_v0_37/block_at_height_10.json");
const COMMIT_10: &str = include_str!("vectors/cometbft/kvstore_v0_37/commit_at_height_10.json");
const TX_SEARCH: &str = include_str!("vectors/cometbft/kvstore_v0_37/tx_search_with_prove.json");

fn get(v: &JsValue, key: &str) -> JsValue {
    Reflect::get(v, &key.into()).unwrap()
}

fn verdict_of(v: &JsValue) -> String {
    get(v, "verdict").as_string().unwrap()
}

fn code_of(err: &JsValue) -> String {
    get(err, "code").as_string().expect("errors carry a code")
}

fn s(v: &Value) -> JsValue {
    JsValue::from_str(&v.to_string())
}

fn options(period_ms: f64, drift_ms: f64) -> JsValue {
    s(&json!({ "trustingPeriodMs": period_ms, "maxClockDriftMs": drift_ms }))
}

#[wasm_bindgen_test]
fn single_step_vectors_through_the_js_api() {
    let mut steps = 0;
    for (_, file) in SINGLE_STEP {
        let case: Value = serde_json::from_str(file).unwrap();
        let mut trusted = json!({
            "signed_header": case["initial"]["signed_header"],
            "next_validator_set": case["initial"]["next_validator_set"],
        });
        let ns: f64 = case["initial"]["trusting_period"]
            .as_str()
            .unwrap()
            .parse()
            .unwrap();
        let opts = options(ns / 1e6, 1000.0);
        for step in case["input"].as_array().unwrap() {
            let got = verify_light_block_js(
                s(&trusted),
                s(&step["block"]),
                opts.clone(),
                JsValue::from_str(step["now"].as_str().unwrap()),
            )
            .unwrap();
            let want = step["verdict"].as_str().unwrap().to_lowercase();
            assert_eq!(verdict_of(&got), want);
            if want == "invalid" {
                assert!(get(&got, "code").as_string().unwrap().starts_with("light."));
            }
            if want == "success" {
                trusted = json!({
                    "signed_header": step["block"]["signed_header"],
                    "next_validator_set": step["block"]["next_validator_set"],
                });
            }
            steps += 1;
        }
    }
    assert_eq!(steps, 33);
    console_log!("single-step vectors: {steps} steps checked through verifyLightBlock");
}

fn result(json: &str) -> Value {
    serde_json::from_str::<Value>(json).unwrap()["result"].clone()
}

/// The genesis validators in the `validators` RPC shape.
fn genesis_set() -> Value {
    let vals: Vec<Value> = result(GENESIS)["genesis"]["validators"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| {
            json!({
                "address": v["address"], "pub_key": v["pub_key"],
                "voting_power": v["power"], "proposer_priority": "0",
            })
        })
        .collect();
    json!({ "validators": vals })
}

#[wasm_bindgen_test]
fn real_cometbft_commit_and_tx_proofs_through_the_js_api() {
    for json in [BLOCK_1, BLOCK_10] {
        let block: Value = serde_json::from_str(json).unwrap();
        let hash = light_header_hash(s(&block)).unwrap();
        assert_eq!(hash, block["result"]["block_id"]["hash"].as_str().unwrap());
        let hash = light_header_hash(s(&block["result"]["block"]["header"])).unwrap();
        assert_eq!(hash, block["result"]["block_id"]["hash"].as_str().unwrap());
    }
    let commit: Value = serde_json::from_str(COMMIT_10).unwrap();
    assert_eq!(
        light_header_hash(s(&commit["result"])).unwrap(),
        commit["result"]["signed_header"]["commit"]["block_id"]["hash"]
            .as_str()
            .unwrap()
    );
    let b1 = result(BLOCK_1)["block"].clone();
    let trusted = json!({
        "signed_header": { "header": b1["header"], "commit": b1["last_commit"] },
        "next_validator_set": genesis_set(),
    });
    // As RPC responses: the commit at 10 and the validators (one page), envelopes included.
    let validators_page = json!({
        "jsonrpc": "2.0", "id": 1,
        "result": { "block_height": "10", "validators": genesis_set()["validators"],
                    "count": "1", "total": "1" },
    });
    let untrusted = json!({
        "commit": serde_json::from_str::<Value>(COMMIT_10).unwrap(),
        "validators": validators_page,
        "next_validators": validators_page,
    });
    let now = JsValue::from_str("2023-02-27T07:14:00Z");
    let got = verify_light_block_js(s(&trusted), s(&untrusted), options(3.6e6, 1e4), now.clone())
        .unwrap();
    assert_eq!(verdict_of(&got), "success");
    // Ten years later the checkpoint has expired.
    let late = JsValue::from_f64(1_993_000_000_000.0);
    let got = verify_light_block_js(s(&trusted), s(&untrusted), options(3.6e6, 1e4), late).unwrap();
    assert_eq!(
        get(&got, "code").as_string().unwrap(),
        "light.trust_expired"
    );

    // Block headers hash to their IDs: a header with a changed field no longer matches the commit.
    let mut forged = untrusted.clone();
    forged["commit"]["result"]["signed_header"]["header"]["app_hash"] = json!("01");
    let got = verify_light_block_js(s(&trusted), s(&forged), options(3.6e6, 1e4), now).unwrap();
    assert_eq!(
        get(&got, "code").as_string().unwrap(),
        "light.commit_block_id_mismatch"
    );

    // Every tx proof, against a header whose data_hash is its root (the folder has no block
    // with transactions); the real header at 10 refuses it.
    let header10 = result(BLOCK_10)["block"]["header"].clone();
    let mut n = 0;
    for tx in result(TX_SEARCH)["txs"].as_array().unwrap() {
        let mut header = header10.clone();
        header["height"] = tx["height"].clone();
        header["data_hash"] = tx["proof"]["root_hash"].clone();
        let bytes = verify_tx_proof_js(s(&header), s(tx)).unwrap();
        let parsed: TxResponse = serde_json::from_value(tx.clone()).unwrap();
        assert_eq!(bytes, parsed.tx);
        assert_eq!(tx_hash(&bytes).to_vec(), parsed.hash);
        let bytes = verify_tx_proof_js(s(&header), s(&tx["proof"])).unwrap();
        assert_eq!(bytes, parsed.tx);
        let e = verify_tx_proof_js(s(&header10), s(&tx["proof"])).unwrap_err();
        assert_eq!(code_of(&e), "light.bad_tx_proof");
        n += 1;
    }
    assert_eq!(n, 9);
    console_log!("kvstore 0.37: commit at 10 verified, {n} tx proofs verified in the browser");
}

#[wasm_bindgen_test]
fn bad_inputs_throw_coded_errors() {
    let t = JsValue::from_str("{}");
    let o = options(1e6, 1e4);
    let e = verify_light_block_js(
        JsValue::from_str("not json"),
        t.clone(),
        o.clone(),
        JsValue::UNDEFINED,
    )
    .unwrap_err();
    assert_eq!(code_of(&e), "light.bad_json");
    let case: Value = serde_json::from_str(SINGLE_STEP[0].1).unwrap();
    let trusted = s(&case["initial"]);
    let block = s(&case["input"][0]["block"]);
    let e = verify_light_block_js(
        trusted.clone(),
        block.clone(),
        s(&json!({})),
        JsValue::UNDEFINED,
    )
    .unwrap_err();
    assert_eq!(code_of(&e), "light.bad_options");
    let bad_level =
        s(&json!({"trustingPeriodMs": 1e6, "trustLevel": {"numerator": 1, "denominator": 4}}));
    let e = verify_light_block_js(
        trusted.clone(),
        block.clone(),
        bad_level,
        JsValue::UNDEFINED,
    )
    .unwrap_err();
    assert_eq!(code_of(&e), "light.bad_options");
    let e = verify_light_block_js(
        trusted.clone(),
        block.clone(),
        o.clone(),
        JsValue::from_str("yesterday"),
    )
    .unwrap_err();
    assert_eq!(code_of(&e), "light.bad_time");
    let e =
        verify_light_block_js(trusted, block, o.clone(), JsValue::from_f64(f64::NAN)).unwrap_err();
    assert_eq!(code_of(&e), "light.bad_time");
    assert!(LightClient::new(t, o).is_err());
}

/// A chain of four validators, one replaced every 1 000 heights; block `h` holds one
/// transaction, `b"tx@h"`.
fn chain_block(h: i64) -> LightBlock {
    let ids = |h: i64| -> Vec<u64> { ((h / 1000) as u64..(h / 1000) as u64 + 4).collect() };
    let vset =
        |h: i64| -> ValidatorSet { set(&ids(h).iter().map(|&i| (i, 10)).collect::<Vec<_>>()) };
    block_with_txs(
        CHAIN_ID,
        h,
        at(genesis_time(), h as u64),
        &vset(h),
        &vset(h + 1),
        &keys(&ids(h)),
        &[format!("tx@{h}").into_bytes()],
    )
}

/// A provider object whose `lightBlock(h)` returns a Promise (resolved on a later tick).
fn provider(fetched: std::rc::Rc<std::cell::RefCell<Vec<i64>>>, fail_at: Option<i64>) -> JsValue {
    let f = Closure::<dyn Fn(f64) -> Promise>::new(move |h: f64| {
        let h = h as i64;
        fetched.borrow_mut().push(h);
        wasm_bindgen_futures::future_to_promise(async move {
            JsFuture::from(Promise::resolve(&JsValue::NULL)).await?;
            if Some(h) == fail_at {
                return Err(js_sys::Error::new("node unreachable").into());
            }
            Ok(JsValue::from_str(&chain_block(h).to_json()))
        })
    });
    let obj = js_sys::Object::new();
    Reflect::set(&obj, &"lightBlock".into(), f.as_ref()).unwrap();
    f.forget();
    obj.into()
}

#[wasm_bindgen_test]
async fn light_client_bisects_over_an_async_provider() {
    let start = chain_block(1);
    let checkpoint = json!({
        "signed_header": start.signed_header,
        "next_validator_set": start.next_validator_set,
    });
    let week = 7.0 * 24.0 * 3600.0 * 1000.0;
    let client = LightClient::new(s(&checkpoint), options(week, 1e4)).unwrap();
    let fetched = std::rc::Rc::new(std::cell::RefCell::new(Vec::new()));
    let now = JsValue::from_str(&at(genesis_time(), 20_000).to_rfc3339());
    let target = 10_000.0;
    let trace =
        JsFuture::from(client.verify_to(target, provider(fetched.clone(), None), now.clone()))
            .await
            .unwrap();
    let trace: Vec<f64> = js_sys::Array::from(&trace)
        .iter()
        .map(|v| v.as_f64().unwrap())
        .collect();
    assert_eq!(trace.last(), Some(&target));
    assert_eq!(client.trusted_height(), target);
    let n = fetched.borrow().len();
    assert!(n as f64 <= 4.0 * target.log2(), "{n} fetches");
    console_log!("verifyTo(10000): trace {trace:?}, {n} light blocks fetched");

    // A transaction in a verified block.
    let h = trace[0] as i64;
    let b = chain_block(h);
    let tx = format!("tx@{h}").into_bytes();
    let response = json!({
        "hash": medproof::crypto::encoding::to_hex_upper(&tx_hash(&tx)),
        "height": h.to_string(), "index": 0, "tx_result": {},
        "tx": medproof::crypto::encoding::to_base64(&tx),
        "proof": TxProof::new(&[tx.clone()], 0).unwrap(),
    });
    assert_eq!(client.verify_tx_proof(s(&response)).unwrap(), tx);
    assert!(b.header().data_hash.len() == 32);
    let mut unverified = response.clone();
    unverified["height"] = json!("3");
    let e = client.verify_tx_proof(s(&unverified)).unwrap_err();
    assert_eq!(code_of(&e), "light.height_not_verified");

    // A provider that fails: a coded rejection, and the client keeps its trusted state.
    let e =
        JsFuture::from(client.verify_to(20_000.0, provider(fetched.clone(), Some(20_000)), now))
            .await
            .unwrap_err();
    assert_eq!(code_of(&e), "light.provider_failed");
    assert_eq!(client.trusted_height(), target);
}

#[wasm_bindgen_test]
fn forks_are_reported_with_both_headers() {
    let vals = set(&[(1, 10), (2, 10), (3, 10)]);
    let trusted = block(CHAIN_ID, 1, genesis_time(), &vals, &vals, &keys(&[1, 2, 3]));
    let checkpoint = json!({
        "signed_header": trusted.signed_header,
        "next_validator_set": trusted.next_validator_set,
    });
    let primary = block(
        CHAIN_ID,
        5,
        at(genesis_time(), 5),
        &vals,
        &vals,
        &keys(&[1, 2, 3]),
    );
    // The same validators sign a second block at height 5 (another time): a fork.
    let witness = block(
        CHAIN_ID,
        5,
        at(genesis_time(), 6),
        &vals,
        &vals,
        &keys(&[1, 2, 3]),
    );
    let now = JsValue::from_str(&at(genesis_time(), 100).to_rfc3339());
    let o = options(1e9, 1e4);
    let agree = detect_fork_js(
        s(&checkpoint),
        JsValue::from_str(&primary.to_json()),
        s(&json!([primary])),
        o.clone(),
        now.clone(),
    )
    .unwrap();
    assert_eq!(get(&agree, "verified").as_bool(), Some(true));
    let report = detect_fork_js(
        s(&checkpoint),
        JsValue::from_str(&primary.to_json()),
        s(&json!([primary, witness])),
        o,
        now,
    )
    .unwrap();
    assert_eq!(get(&report, "verified").as_bool(), Some(false));
    assert_eq!(get(&report, "fork").as_bool(), Some(true));
    let w = js_sys::Array::from(&get(&report, "witnesses"));
    assert_eq!(get(&w.get(0), "outcome").as_string().unwrap(), "agrees");
    let conflict = get(&w.get(1), "conflict");
    assert!(get(&conflict, "primary").is_object());
    assert!(get(&conflict, "witnessHeader").is_object());
    let _ = JsValue::UNDEFINED.dyn_ref::<js_sys::Object>();
}

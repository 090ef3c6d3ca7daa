#![cfg(not(target_arch = "wasm32"))]
//! The demo node's live JSON-RPC endpoint over real HTTP (std TcpStream, hand-written requests):
//! every listed method answers in CometBFT 0.38's shape; a light client fed `commit` +
//! `validators` from the endpoint verifies from the checkpoint by skipping; `tx` proofs verify
//! against the verified data hash; `abci_query` proofs (present and absent keys) verify against
//! header(H+1).app_hash; a broadcast consent grant lands in a later block whose proof verifies;
//! bad transactions get the ledger's reject codes; malformed requests get JSON-RPC errors.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use medproof::crypto::encoding::{from_base64, from_hex, to_base64, to_hex};
use medproof::demo::chain::demo_key;
use medproof::demo::{http, story};
use medproof::ledger::error::Reject;
use medproof::ledger::proof::{verify_state_proof, ProofOps};
use medproof::ledger::state::keys;
use medproof::ledger::tx::records::{ConsentGrant, Scope};
use medproof::ledger::tx::{make_body, sign, Common, TxType};
use medproof::light::rpc::{light_block_from_value, TxResponse};
use medproof::light::{
    results_hash, verify_to, verify_tx_response, ExecResult, LightBlock, LightBlockProvider,
    LightError, Options, Time, TrustedState,
};
use serde_json::{json, Value};

const CHAIN_ID: &str = "medproof-demo-1";

/// The node, produced once and served in-process on a free port.
fn node() -> SocketAddr {
    static ADDR: OnceLock<SocketAddr> = OnceLock::new();
    *ADDR.get_or_init(|| {
        let s = story::produce().expect("the demo chain");
        let listener = TcpListener::bind("127.0.0.1:0").expect("a free port");
        let addr = listener.local_addr().expect("its address");
        std::thread::spawn(move || http::serve_on(listener, s));
        addr
    })
}

/// One raw HTTP exchange: the status line's code and the body.
fn exchange(raw: &[u8]) -> (u16, String) {
    let mut s = TcpStream::connect(node()).expect("connect");
    s.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
    s.write_all(raw).expect("send");
    let mut out = Vec::new();
    s.read_to_end(&mut out).expect("read");
    let text = String::from_utf8(out).expect("UTF-8 response");
    let (head, body) = text.split_once("\r\n\r\n").expect("a header and a body");
    assert!(
        head.contains("Access-Control-Allow-Origin: *"),
        "CORS header missing: {head}"
    );
    let code = head
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .expect("status code");
    (code, body.to_string())
}

fn get(path: &str) -> Value {
    let req = format!("GET /{path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
    let (code, body) = exchange(req.as_bytes());
    assert_eq!(code, 200, "{path}: {body}");
    let v: Value = serde_json::from_str(&body).expect("JSON");
    assert_eq!(v["jsonrpc"], "2.0", "{path}");
    assert_eq!(v["id"], -1, "{path}: GET answers with id -1");
    v
}

fn post_raw(body: &str) -> Value {
    let req = format!(
        "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    let (code, text) = exchange(req.as_bytes());
    assert_eq!(code, 200, "{text}");
    serde_json::from_str(&text).expect("JSON")
}

fn post(id: Value, method: &str, params: Value) -> Value {
    let v = post_raw(
        &json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}).to_string(),
    );
    assert_eq!(v["jsonrpc"], "2.0");
    assert_eq!(v["id"], id, "{method}: the id is echoed");
    v
}

fn result(v: Value) -> Value {
    assert!(v.get("error").is_none(), "error: {v}");
    v["result"].clone()
}

fn is_int_str(v: &Value) -> bool {
    v.as_str().is_some_and(|s| s.parse::<i64>().is_ok())
}

fn is_hex_upper(v: &Value, len: usize) -> bool {
    v.as_str().is_some_and(|s| {
        s.len() == len * 2
            && s.chars()
                .all(|c| c.is_ascii_digit() || c.is_ascii_uppercase())
    })
}

fn is_base64(v: &Value) -> bool {
    v.as_str().is_some_and(|s| from_base64(s).is_ok())
}

fn latest() -> i64 {
    let s = result(get("status"));
    s["sync_info"]["latest_block_height"]
        .as_str()
        .unwrap()
        .parse()
        .unwrap()
}

fn now() -> Time {
    Time::parse_rfc3339(story::NOW).unwrap()
}

fn checkpoint() -> TrustedState {
    let text = std::fs::read_to_string("www/demo/trust.json").unwrap();
    let trust: Value = serde_json::from_str(&text).unwrap();
    let lb = LightBlock::from_json(&trust["checkpoint"]["lightBlock"].to_string()).unwrap();
    assert_eq!(
        to_hex(&lb.header().hash()),
        trust["checkpoint"]["headerHash"].as_str().unwrap()
    );
    TrustedState::from_light_block(lb).unwrap()
}

/// Light blocks from the endpoint: `commit`, and `validators` of the height and the next, all
/// pages (two validators a page, so every set spans several pages).
struct RpcProvider {
    fetched: Vec<i64>,
}

fn validator_pages(height: i64) -> Value {
    let mut pages = Vec::new();
    for page in 1.. {
        let r = result(get(&format!(
            "validators?height={height}&page={page}&per_page=2"
        )));
        let total: usize = r["total"].as_str().unwrap().parse().unwrap();
        pages.push(r);
        if page * 2 >= total {
            break;
        }
    }
    Value::Array(pages)
}

impl LightBlockProvider for RpcProvider {
    fn light_block(&mut self, height: i64) -> Result<LightBlock, LightError> {
        self.fetched.push(height);
        light_block_from_value(json!({
            "commit": get(&format!("commit?height={height}")),
            "validators": validator_pages(height),
            "next_validators": validator_pages(height + 1),
        }))
    }
}

/// Verify from the checkpoint to `height` over RPC; the verified light block and the fetch count.
fn verified(height: i64) -> (LightBlock, usize) {
    let mut p = RpcProvider {
        fetched: Vec::new(),
    };
    let out = verify_to(
        checkpoint(),
        height,
        &mut p,
        Options::new(Duration::from_secs(14 * 86400)),
        now(),
    )
    .expect("verifies from the checkpoint");
    assert_eq!(out.fetched, p.fetched.len());
    let lb = out.verified.last().cloned().expect("the target");
    assert_eq!(lb.height(), height);
    (lb, out.fetched)
}

#[test]
fn every_listed_method_answers_in_cometbft_shape() {
    let (code, index) = exchange(b"GET / HTTP/1.1\r\nConnection: close\r\n\r\n");
    assert_eq!(code, 200);
    let methods: Value = serde_json::from_str(&index).unwrap();
    let listed: Vec<&str> = methods["methods"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(Value::as_str)
        .collect();
    let mut checked = 0;

    let s = result(get("status"));
    assert_eq!(s["node_info"]["network"], CHAIN_ID);
    assert!(is_int_str(&s["sync_info"]["latest_block_height"]));
    assert!(is_hex_upper(&s["sync_info"]["latest_block_hash"], 32));
    assert!(is_hex_upper(&s["sync_info"]["latest_app_hash"], 32));
    assert_eq!(s["sync_info"]["catching_up"], false);
    assert!(is_int_str(&s["validator_info"]["voting_power"]));
    checked += 1;

    let g = result(post(json!("g-1"), "genesis", json!({})));
    assert_eq!(g["genesis"]["chain_id"], CHAIN_ID);
    assert!(is_int_str(&g["genesis"]["initial_height"]));
    let gv = &g["genesis"]["validators"][0];
    assert!(is_hex_upper(&gv["address"], 20) && is_int_str(&gv["power"]));
    assert_eq!(gv["pub_key"]["type"], "tendermint/PubKeyEd25519");
    checked += 1;

    let c = result(post(json!(7), "commit", json!({"height": "100"})));
    let sh = &c["signed_header"];
    assert_eq!(sh["header"]["height"], "100");
    assert_eq!(sh["commit"]["height"], "100");
    assert!(sh["commit"]["round"].is_number());
    assert!(is_hex_upper(&sh["commit"]["block_id"]["hash"], 32));
    assert!(sh["commit"]["block_id"]["parts"]["total"].is_number());
    let sig = &sh["commit"]["signatures"][0];
    assert!(sig["block_id_flag"].is_number() && is_base64(&sig["signature"]));
    assert!(is_hex_upper(&sig["validator_address"], 20));
    assert_eq!(c["canonical"], true);
    checked += 1;

    let v = result(get("validators?height=100"));
    assert_eq!(v["block_height"], "100");
    assert!(is_int_str(&v["count"]) && is_int_str(&v["total"]));
    let v0 = &v["validators"][0];
    assert!(is_int_str(&v0["voting_power"]) && is_int_str(&v0["proposer_priority"]));
    let paged = result(get("validators?height=100&per_page=2&page=2"));
    assert_eq!(paged["total"], v["total"]);
    let total: usize = v["total"].as_str().unwrap().parse().unwrap();
    assert_eq!(paged["count"], (total - 2).min(2).to_string());
    checked += 1;

    let h = result(get("header?height=80"));
    assert_eq!(h["header"]["height"], "80");
    assert!(is_hex_upper(&h["header"]["data_hash"], 32));
    assert_eq!(h["header"]["version"]["block"], "11");
    checked += 1;

    let b = result(get("block?height=80"));
    assert!(is_hex_upper(&b["block_id"]["hash"], 32));
    assert_eq!(b["block"]["header"], h["header"]);
    let txs = b["block"]["data"]["txs"].as_array().unwrap();
    assert_eq!(txs.len(), 3);
    assert!(txs.iter().all(is_base64));
    assert_eq!(b["block"]["last_commit"]["height"], "79");
    checked += 1;

    let ts = result(get("tx_search?query=%22tx.height%3D80%22&prove=true"));
    assert_eq!(ts["total_count"], "3");
    let t0 = &ts["txs"][0];
    assert!(is_hex_upper(&t0["hash"], 32));
    assert_eq!(t0["height"], "80");
    assert!(t0["index"].is_number());
    assert!(is_base64(&t0["tx"]));
    assert_eq!(t0["tx_result"]["code"], 0);
    assert!(is_int_str(&t0["tx_result"]["gas_used"]));
    assert!(is_hex_upper(&t0["proof"]["root_hash"], 32));
    assert!(is_int_str(&t0["proof"]["proof"]["total"]));
    assert!(is_int_str(&t0["proof"]["proof"]["index"]));
    assert!(is_base64(&t0["proof"]["proof"]["leaf_hash"]));
    checked += 1;

    // block_results: the codes of block 80, committed to by header 81's last_results_hash.
    let br = result(get("block_results?height=80"));
    assert_eq!(br["height"], "80");
    let codes: Vec<ExecResult> = br["txs_results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| ExecResult::with_code(r["code"].as_u64().unwrap() as u32))
        .collect();
    assert_eq!(codes.len(), 3);
    let h81 = result(get("header?height=81"));
    let last_results = from_hex(h81["header"]["last_results_hash"].as_str().unwrap()).unwrap();
    assert_eq!(results_hash(&codes).to_vec(), last_results);
    assert!(is_base64(&br["app_hash"]));
    checked += 1;

    let hash = t0["hash"].as_str().unwrap();
    let t = result(get(&format!("tx?hash=0x{hash}&prove=true")));
    assert_eq!(&t, t0);
    let unproved = result(post(
        json!(null),
        "tx",
        json!({"hash": to_base64(&from_hex(hash).unwrap())}),
    ));
    assert!(unproved.get("proof").is_none());
    checked += 1;

    let key = "meta/genesis";
    let q = result(get(&format!(
        "abci_query?path=%22/store%22&data=0x{}&prove=true&height=9999",
        to_hex(key.as_bytes())
    )));
    let r = &q["response"];
    assert_eq!(r["code"], 0);
    assert_eq!(r["height"], "9999");
    assert_eq!(
        from_base64(r["key"].as_str().unwrap()).unwrap(),
        key.as_bytes()
    );
    assert!(is_base64(&r["value"]));
    let op = &r["proofOps"]["ops"][0];
    assert!(op["type"].is_string() && is_base64(&op["key"]) && is_base64(&op["data"]));
    checked += 1;

    // broadcast_tx_sync's shape (a rejected transaction, so the chain is not changed here).
    let bt = result(get(&format!(
        "broadcast_tx_sync?tx=%22{}%22",
        to_base64(b"{}")
    )));
    assert!(bt["code"].is_number() && bt["log"].is_string() && bt["codespace"].is_string());
    assert!(is_hex_upper(&bt["hash"], 32));
    checked += 1;

    assert_eq!(
        checked,
        listed.len(),
        "every listed method is checked: {listed:?}"
    );
    println!("chain_rpc: {checked} methods answer in CometBFT 0.38's shape");
}

#[test]
fn light_client_over_rpc_verifies_transactions_and_state_proofs() {
    let target = latest();
    let (lb, fetched) = verified(target);
    let bound = 2 * (64 - (target as u64).leading_zeros() as usize);
    println!("chain_rpc: verified 10 -> {target} fetching {fetched} light blocks (bound {bound})");
    assert!(
        (1..=bound).contains(&fetched),
        "{fetched} light blocks fetched"
    );

    // A transaction proof against a verified header's data_hash.
    let (h80, _) = verified(80);
    let ts = result(get("tx_search?query=%22tx.height%3D80%22&prove=true"));
    let mut txs = 0;
    for t in ts["txs"].as_array().unwrap() {
        let resp: TxResponse = serde_json::from_value(t.clone()).unwrap();
        let bytes = verify_tx_response(h80.header(), &resp).expect("the tx proof verifies");
        assert_eq!(bytes, resp.tx);
        let mut forged = resp.clone();
        if let Some(b) = forged.tx.first_mut() {
            *b ^= 1;
        }
        assert!(verify_tx_response(h80.header(), &forged).is_err());
        assert!(
            verify_tx_response(lb.header(), &resp).is_err(),
            "wrong header"
        );
        txs += 1;
    }
    assert_eq!(txs, 3);

    // State proofs at H - 1 against header(H).app_hash: present and absent keys.
    let at = target - 1;
    let absent = keys::consent("did:key:z6MkNobody", "did:key:z6MkNoOne");
    let mut proofs = 0;
    for key in ["meta/genesis", absent.as_str()] {
        let q = result(get(&format!(
            "abci_query?data=0x{}&prove=true&height={at}",
            to_hex(key.as_bytes())
        )));
        let r = &q["response"];
        assert_eq!(r["height"], at.to_string());
        let value = r["value"].as_str().map(|v| from_base64(v).unwrap());
        assert_eq!(value.is_some(), key == "meta/genesis");
        let ops: ProofOps = serde_json::from_value(r["proofOps"].clone()).unwrap();
        verify_state_proof(
            &lb.header().app_hash,
            key.as_bytes(),
            value.as_deref(),
            &ops,
        )
        .expect("the state proof verifies against header(H + 1).app_hash");
        assert!(
            verify_state_proof(
                &h80.header().app_hash,
                key.as_bytes(),
                value.as_deref(),
                &ops
            )
            .is_err(),
            "another header's app hash is refused"
        );
        proofs += 1;
    }
    println!("chain_rpc: {txs} tx proofs and {proofs} state proofs (present, absent) verified");
}

fn consent_grant(patient: &medproof::crypto::ed25519::SigningKey, sequence: u64) -> Vec<u8> {
    let grant = ConsentGrant {
        patient: story::did(patient),
        grantee: story::did(&demo_key(story::SEED, "doctor")),
        scope: Scope {
            record_ids: Vec::new(),
            categories: vec!["lab_result".into()],
        },
        purpose: "treatment".into(),
        expires: "2027-01-01T00:00:00Z".into(),
    };
    let common = Common {
        chain_id: CHAIN_ID.into(),
        sequence,
    };
    let body = make_body(&common, &grant).unwrap();
    sign(patient, TxType::ConsentGrant, body)
        .unwrap()
        .to_bytes()
        .unwrap()
}

#[test]
fn a_broadcast_consent_grant_lands_in_a_verified_block_and_bad_txs_are_refused() {
    let patient = demo_key("chain-rpc-test", "patient");
    let tx = consent_grant(&patient, 1);
    let r = result(post(
        json!(1),
        "broadcast_tx_sync",
        json!({"tx": to_base64(&tx)}),
    ));
    assert_eq!(r["code"], 0, "{r}");
    let hash = r["hash"].as_str().unwrap().to_string();

    // It shows up in a later block (the producer runs every 300 ms).
    let start = Instant::now();
    let found = loop {
        let v = get(&format!("tx?hash=0x{hash}&prove=true"));
        if v.get("result").is_some() {
            break v["result"].clone();
        }
        assert!(start.elapsed() < Duration::from_secs(30), "never included");
        std::thread::sleep(Duration::from_millis(200));
    };
    let resp: TxResponse = serde_json::from_value(found.clone()).unwrap();
    assert!(resp.height > 10_000);
    assert_eq!(resp.tx, tx);
    assert_eq!(found["tx_result"]["code"], 0, "{found}");
    let (lb, fetched) = verified(resp.height);
    verify_tx_response(lb.header(), &resp).expect("the broadcast tx's proof verifies");
    println!(
        "chain_rpc: broadcast tx included at height {} (verified with {fetched} light blocks)",
        resp.height
    );

    // Refused: a replay (sequence already used), a forged signature, bytes that are no tx.
    let mut forged = consent_grant(&patient, 2);
    let at = forged.windows(6).position(|w| w == b"\"sig\":").unwrap() + 7;
    forged[at] = if forged[at] == b'A' { b'B' } else { b'A' };
    let cases: [(&str, Vec<u8>, Reject); 3] = [
        (
            "replay",
            tx,
            Reject::BadSequence {
                expected: 0,
                got: 0,
            },
        ),
        ("forged signature", forged, Reject::BadSignature),
        (
            "not a tx",
            b"hello".to_vec(),
            Reject::MalformedTx(String::new()),
        ),
    ];
    for (name, bytes, reject) in cases {
        let r = result(post(
            json!(name),
            "broadcast_tx_sync",
            json!({"tx": to_base64(&bytes)}),
        ));
        use medproof::Coded;
        assert_eq!(r["code"], reject.abci_code(), "{name}: {r}");
        assert_ne!(r["code"], 0);
        assert_eq!(r["codespace"], "ledger", "{name}");
        assert!(
            r["log"].as_str().unwrap().starts_with(reject.code()),
            "{name}: {r}"
        );
    }
    println!("chain_rpc: 1 accepted broadcast, 3 refused with the ledger's codes");
}

#[test]
fn malformed_requests_get_json_rpc_errors_and_the_node_keeps_serving() {
    let cases: Vec<(&str, Value, i64)> = vec![
        ("bad JSON", post_raw("{not json"), -32700),
        ("a batch of junk", post_raw("[1, 2]"), -32600),
        (
            "unknown method",
            post(json!(3), "no_such_method", json!({})),
            -32601,
        ),
        (
            "positional params",
            post(json!(4), "commit", json!([5])),
            -32602,
        ),
        ("bad height", get("commit?height=abc"), -32602),
        ("future height", get("commit?height=99999999"), -32602),
        ("negative height", get("header?height=-3"), -32602),
        ("bad hash", get("tx?hash=0xZZ"), -32602),
        (
            "unknown hash",
            get(&format!("tx?hash=0x{}", "00".repeat(32))),
            -32602,
        ),
        ("no hash", get("tx"), -32602),
        (
            "bad query",
            get("tx_search?query=%22tx.hash%3D1%22"),
            -32602,
        ),
        ("bad key", get("abci_query?data=0xZZ"), -32602),
        ("non-UTF-8 key", get("abci_query?data=0xFFFE"), -32602),
        (
            "bad path",
            get("abci_query?path=%22/p2p%22&data=0x00"),
            -32602,
        ),
        ("bad page", get("validators?page=99"), -32602),
        ("bad tx", get("broadcast_tx_sync?tx=%%%"), -32602),
        ("odd escapes", get("commit?height=%E9%"), -32602),
    ];
    let n = cases.len();
    for (name, v, code) in cases {
        assert!(v.get("result").is_none(), "{name}: {v}");
        assert_eq!(v["error"]["code"], code, "{name}: {v}");
        assert!(
            v["error"]["message"].is_string() && v["error"]["data"].is_string(),
            "{name}"
        );
    }
    // Garbage on the wire: an answer or a closed connection, never a dead node.
    for raw in [
        &b"\x00\x01\x02\r\n\r\n"[..],
        b"DELETE /status HTTP/1.1\r\n\r\n",
        b"GET",
    ] {
        let mut s = TcpStream::connect(node()).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
        s.write_all(raw).unwrap();
        let _ = s.shutdown(std::net::Shutdown::Write);
        let mut out = Vec::new();
        let _ = s.read_to_end(&mut out);
    }
    assert!(latest() >= 10_000, "the node still answers");
    println!("chain_rpc: {n} malformed requests answered with JSON-RPC errors, 3 garbage requests survived");
}

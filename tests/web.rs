//! Browser tests: the JS API (`medproof::wasm`) in headless Chromium, on the same independent
//! vectors as the native tests. Run with `wasm-pack test --headless --chrome --test web`.
#![cfg(target_arch = "wasm32")]

use medproof::crypto::chunk_root::{chunk_root, CHUNK_SIZE};
use medproof::crypto::encoding::to_hex;
use medproof::crypto::merkle::{leaf_hash, root_from_leaf_hashes};
use medproof::wasm::*;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const SIGN_INPUT: &str = include_str!("vectors/ed25519/sign.input");
const MERKLE_PROBES: &str = include_str!("vectors/merkle/all-probes.json");

fn code_of(err: JsValue) -> String {
    let e: js_sys::Error = err.dyn_into().expect("errors are JS Error objects");
    js_sys::Reflect::get(&e, &"code".into())
        .unwrap()
        .as_string()
        .expect("every error has a string code")
}

fn hex(s: &str) -> Vec<u8> {
    js_from_hex(s).unwrap()
}

fn u8arrays(list: &[Vec<u8>]) -> Vec<js_sys::Uint8Array> {
    list.iter()
        .map(|m| js_sys::Uint8Array::from(m.as_slice()))
        .collect()
}

#[wasm_bindgen_test]
fn ed25519_vectors_through_the_js_api() {
    let (mut keys, mut sigs, mut msgs) = (Vec::new(), Vec::new(), Vec::new());
    let mut checked = 0;
    for line in SIGN_INPUT.lines().filter(|l| !l.is_empty()) {
        let f: Vec<&str> = line.split(':').collect();
        let sk = hex(f[0]);
        let pk = hex(f[1]);
        let msg = hex(f[2]);
        let sig = hex(f[3])[..64].to_vec();
        let pair = KeyPair::from_seed(&sk[..32]).unwrap();
        assert_eq!(pair.public_key(), pk);
        assert_eq!(pair.sign(&msg), sig);
        for rule in ["zip215", "strict"] {
            assert!(ed25519_verify(rule, &pk, &msg, &sig).unwrap());
            let mut bad = sig.clone();
            bad[10] ^= 4;
            assert_eq!(
                code_of(ed25519_verify(rule, &pk, &msg, &bad).unwrap_err()),
                "ed25519.bad_signature"
            );
        }
        keys.extend_from_slice(&pk);
        sigs.extend_from_slice(&sig);
        msgs.push(msg);
        checked += 1;
    }
    for rule in ["zip215", "strict"] {
        assert!(ed25519_verify_batch(rule, &keys, u8arrays(&msgs), &sigs).unwrap());
    }
    sigs[70] ^= 1;
    assert_eq!(
        code_of(ed25519_verify_batch("strict", &keys, u8arrays(&msgs), &sigs).unwrap_err()),
        "ed25519.bad_batch"
    );
    console_log!("ed25519 sign.input in Chromium: {checked} lines checked");
    assert!(checked >= 128);
}

#[wasm_bindgen_test]
fn ed25519_bad_inputs_are_coded_errors() {
    assert_eq!(
        code_of(ed25519_verify("zip215", &[0; 31], b"m", &[0; 64]).unwrap_err()),
        "ed25519.bad_length"
    );
    assert_eq!(
        code_of(ed25519_verify("lenient", &[0; 32], b"m", &[0; 64]).unwrap_err()),
        "input.bad_rule"
    );
    assert_eq!(
        code_of(KeyPair::from_seed(&[1; 3]).err().unwrap()),
        "ed25519.bad_length"
    );
    assert_eq!(
        code_of(ed25519_verify_batch("strict", &[0; 32], vec![], &[]).unwrap_err()),
        "input.bad_length"
    );
}

#[wasm_bindgen_test]
fn generated_keys_sign_and_verify_in_the_browser() {
    // getrandom's browser backend (crypto.getRandomValues) must give distinct keys.
    let a = KeyPair::generate();
    let b = KeyPair::generate();
    assert_ne!(a.public_key(), b.public_key());
    let sig = a.sign(b"grant consent");
    assert!(ed25519_verify("strict", &a.public_key(), b"grant consent", &sig).unwrap());
    assert!(ed25519_verify("strict", &b.public_key(), b"grant consent", &sig).is_err());
}

#[wasm_bindgen_test]
fn sha256_one_shot_incremental_and_encodings() {
    assert_eq!(
        sha256_hex(b"abc"),
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    );
    let data: Vec<u8> = (0..100_000u32).map(|i| (i % 251) as u8).collect();
    let mut h = Sha256Hasher::new();
    for chunk in data.chunks(4093) {
        h.update(chunk).unwrap();
    }
    assert_eq!(h.bytes_hashed(), 100_000.0);
    assert_eq!(h.finalize().unwrap(), sha256(&data));
    assert_eq!(
        code_of(h.update(b"more").unwrap_err()),
        "input.hasher_finalized"
    );
    assert_eq!(code_of(h.finalize().unwrap_err()), "input.hasher_finalized");
    assert_eq!(
        js_from_base64(&js_to_base64(&[1, 2, 250])).unwrap(),
        vec![1, 2, 250]
    );
    assert_eq!(code_of(js_from_hex("0g").unwrap_err()), "input.bad_hex");
    assert_eq!(
        code_of(js_from_base64("@@").unwrap_err()),
        "input.bad_base64"
    );
}

fn b64(v: &serde_json::Value) -> Vec<u8> {
    v.as_str()
        .map(|s| js_from_base64(s).unwrap_or_default())
        .unwrap_or_default()
}

fn proof(v: &serde_json::Value) -> Vec<js_sys::Uint8Array> {
    let hashes: Vec<Vec<u8>> = v
        .as_array()
        .map(|a| a.iter().map(b64).collect())
        .unwrap_or_default();
    u8arrays(&hashes)
}

fn num(v: &serde_json::Value) -> f64 {
    // Sizes beyond 2^53 cannot be JS numbers; pass them as they are and expect a coded error.
    v.as_f64().unwrap()
}

#[wasm_bindgen_test]
fn merkle_probes_through_the_js_api() {
    let all: serde_json::Value = serde_json::from_str(MERKLE_PROBES).unwrap();
    let mut checked = 0;
    for p in all["inclusion"].as_array().unwrap() {
        let r = merkle_verify_inclusion(
            num(&p["leafIdx"]),
            num(&p["treeSize"]),
            &b64(&p["leafHash"]),
            proof(&p["proof"]),
            &b64(&p["root"]),
        );
        assert_eq!(r.is_err(), p["wantErr"].as_bool().unwrap(), "{}", p["file"]);
        if let Err(e) = r {
            assert!(code_of(e).contains('.'));
        }
        checked += 1;
    }
    for p in all["consistency"].as_array().unwrap() {
        let r = merkle_verify_consistency(
            num(&p["size1"]),
            num(&p["size2"]),
            proof(&p["proof"]),
            &b64(&p["root1"]),
            &b64(&p["root2"]),
        );
        assert_eq!(r.is_err(), p["wantErr"].as_bool().unwrap(), "{}", p["file"]);
        checked += 1;
    }
    console_log!("merkle probes in Chromium: {checked} checked");
    assert!(checked >= 50);
}

#[wasm_bindgen_test]
fn merkle_root_and_proof_round_trip_in_the_browser() {
    let leaves: Vec<Vec<u8>> = (0..7u8).map(|i| vec![i; 3]).collect();
    let root = merkle_root(u8arrays(&leaves));
    assert_eq!(root.len(), 32);
    // Leaf 6 of 7: its audit path is [root(leaves 4..6), root(leaves 0..4)].
    let l = |i: usize| merkle_leaf_hash(&leaves[i]);
    let node = |a: &[u8], b: &[u8]| sha256(&[&[1u8][..], a, b].concat());
    let p45 = node(&l(4), &l(5));
    let left = node(&node(&l(0), &l(1)), &node(&l(2), &l(3)));
    let path = || u8arrays(&[p45.clone(), left.clone()]);
    assert!(merkle_verify_inclusion(6.0, 7.0, &l(6), path(), &root).unwrap());
    assert_eq!(
        code_of(merkle_verify_inclusion(5.0, 7.0, &l(6), path(), &root).unwrap_err()),
        "merkle.wrong_proof_length"
    );
    assert_eq!(
        code_of(merkle_verify_inclusion(7.0, 7.0, &l(6), path(), &root).unwrap_err()),
        "merkle.index_out_of_range"
    );
    assert_eq!(
        code_of(merkle_verify_inclusion(6.5, 7.0, &l(6), path(), &root).unwrap_err()),
        "input.out_of_range"
    );
    assert_eq!(
        code_of(
            merkle_verify_inclusion(
                6.0,
                7.0,
                &l(6),
                u8arrays(&[p45.clone(), left[..8].to_vec()]),
                &root
            )
            .unwrap_err()
        ),
        "merkle.bad_hash_length"
    );
}

#[wasm_bindgen_test]
fn consent_key_export_is_passphrase_protected_in_the_browser() {
    let pair = KeyPair::generate();
    let boxed = pair.export_encrypted("a long passphrase").unwrap();
    // The seed never appears in the export, in hex or base64.
    let seed = pair.export_seed();
    assert!(!boxed.contains(&js_to_hex(&seed)) && !boxed.contains(&js_to_base64(&seed)));
    let back = KeyPair::import_encrypted(&boxed, "a long passphrase").unwrap();
    assert_eq!(back.public_key(), pair.public_key());
    assert_eq!(back.sign(b"grant"), pair.sign(b"grant"));
    assert_eq!(
        code_of(
            KeyPair::import_encrypted(&boxed, "a wrong passphrase")
                .err()
                .unwrap()
        ),
        "keybox.wrong_passphrase"
    );
    assert_eq!(
        code_of(KeyPair::import_encrypted("{}", "x").err().unwrap()),
        "keybox.bad_format"
    );
    assert_eq!(
        code_of(pair.export_encrypted("").unwrap_err()),
        "keybox.empty_passphrase"
    );
}

// The chunked root of large records: `chunkRootHex` and a `ChunkRootBuilder` fed each 1 MiB
// chunk's `sha256` (as the web app's worker pool does) give the core's root, which is RFC 9162's
// recursive root over the chunk digests, for sizes around the chunk boundaries.
#[wasm_bindgen_test]
fn js_chunk_root_equals_the_core_and_the_recursive_root() {
    let data: Vec<u8> = (0..5 * CHUNK_SIZE + 3)
        .map(|i| (i * 7 + i / 65_537) as u8)
        .collect();
    let mut checked = 0;
    for size in [0, 1, CHUNK_SIZE, CHUNK_SIZE + 1, 5 * CHUNK_SIZE + 3] {
        let bytes = &data[..size];
        let core = to_hex(&chunk_root(bytes));
        let leaves: Vec<_> = bytes
            .chunks(CHUNK_SIZE)
            .map(|c| leaf_hash(&medproof::crypto::sha256(c)))
            .collect();
        assert_eq!(
            core,
            to_hex(&root_from_leaf_hashes(&leaves)),
            "{size} bytes"
        );
        assert_eq!(chunk_root_hex(bytes), core, "chunkRootHex, {size} bytes");

        let mut b = ChunkRootBuilder::new();
        for c in bytes.chunks(CHUNK_SIZE) {
            b.push(&sha256(c)).unwrap();
        }
        assert_eq!(b.chunks() as usize, leaves.len());
        assert_eq!(
            b.finalize_hex().unwrap(),
            core,
            "ChunkRootBuilder, {size} bytes"
        );
        checked += 1;
    }
    // The empty file: the empty tree, SHA-256 of nothing.
    assert_eq!(chunk_root_hex(&[]), sha256_hex(&[]));
    wasm_bindgen_test::console_log!("chunk root through the JS API for {checked} sizes");
}

#[wasm_bindgen_test]
fn builder_errors_are_coded() {
    let mut b = ChunkRootBuilder::new();
    for len in [0usize, 31, 33] {
        assert_eq!(
            code_of(b.push(&vec![0; len]).unwrap_err()),
            "chunk_root.bad_digest_length"
        );
    }
    assert_eq!(b.chunks(), 0.0);
    b.push(&[1; 32]).unwrap();
    assert_eq!(b.finalize().unwrap(), leaf_hash(&[1; 32]).to_vec());
    assert_eq!(
        code_of(b.push(&[1; 32]).unwrap_err()),
        "chunk_root.finalized"
    );
    assert_eq!(code_of(b.finalize().unwrap_err()), "chunk_root.finalized");
}

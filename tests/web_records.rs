//! Browser tests of the chunked root's JS API: `chunkRootHex` and a `ChunkRootBuilder` fed each
//! 1 MiB chunk's `sha256` (as the web app's worker pool does) give the core's root, which is RFC
//! 9162's recursive root over the chunk digests, for sizes around the chunk boundaries; bad
//! digests and reuse after `finalize` are coded errors.
#![cfg(target_arch = "wasm32")]

use medproof::crypto::chunk_root::{chunk_root, CHUNK_SIZE};
use medproof::crypto::encoding::to_hex;
use medproof::crypto::merkle::{leaf_hash, root_from_leaf_hashes};
use medproof::wasm::*;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn code_of(err: JsValue) -> String {
    let e: js_sys::Error = err.dyn_into().expect("errors are JS Error objects");
    js_sys::Reflect::get(&e, &"code".into())
        .unwrap()
        .as_string()
        .expect("every error has a string code")
}

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
        assert_eq!(core, to_hex(&root_from_leaf_hashes(&leaves)), "{size} bytes");
        assert_eq!(chunk_root_hex(bytes), core, "chunkRootHex, {size} bytes");

        let mut b = ChunkRootBuilder::new();
        for c in bytes.chunks(CHUNK_SIZE) {
            b.push(&sha256(c)).unwrap();
        }
        assert_eq!(b.chunks() as usize, leaves.len());
        assert_eq!(b.finalize_hex().unwrap(), core, "ChunkRootBuilder, {size} bytes");
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
    assert_eq!(code_of(b.push(&[1; 32]).unwrap_err()), "chunk_root.finalized");
    assert_eq!(code_of(b.finalize().unwrap_err()), "chunk_root.finalized");
}

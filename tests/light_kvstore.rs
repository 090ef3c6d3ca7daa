//! Hashing and verification on a real CometBFT 0.37 node's JSON-RPC output (kvstore app).
#![cfg(not(target_arch = "wasm32"))]

use std::time::Duration;

use medproof::crypto::encoding::to_hex_upper;
use medproof::light::rpc::{
    parse_result, BlockResponse, CommitResponse, GenesisResponse, TxResponse, TxSearchResponse,
};
use medproof::light::{
    data_hash, tx_hash, verify_commit, verify_light_block, verify_tx_proof, LightBlock, Options,
    Reason, Time, TrustedState, Verdict,
};
use medproof::Coded;
use serde_json::Value;

const GENESIS: &str = include_str!("vectors/cometbft/kvstore_v0_37/genesis.json");
const BLOCK_1: &str = include_str!("vectors/cometbft/kvstore_v0_37/block_at_height_1.json");
const BLOCK_10: &str = include_str!("vectors/cometbft/kvstore_v0_37/block_at_height_10.json");
const COMMIT_10: &str = include_str!("vectors/cometbft/kvstore_v0_37/commit_at_height_10.json");
const TX_SEARCH: &str = include_str!("vectors/cometbft/kvstore_v0_37/tx_search_with_prove.json");
const TX_SEARCH_NO_PROVE: &str =
    include_str!("vectors/cometbft/kvstore_v0_37/tx_search_no_prove.json");
const BROADCAST: &str = include_str!("vectors/cometbft/kvstore_v0_37/broadcast_tx_commit.json");

fn result_of(json: &str) -> Value {
    serde_json::from_str::<Value>(json).unwrap()["result"].clone()
}

/// Parse `json` as `T`, serialize it back, and require the same JSON value.
fn round_trips<T: serde::de::DeserializeOwned + serde::Serialize>(json: &str) -> T {
    let parsed: T = parse_result(json).unwrap();
    let back = serde_json::to_value(&parsed).unwrap();
    assert_eq!(back, result_of(json), "JSON round trip");
    parsed
}

#[test]
fn block_headers_hash_to_their_block_ids() {
    for json in [BLOCK_1, BLOCK_10] {
        let b: BlockResponse = round_trips(json);
        assert_eq!(b.block.header.hash().to_vec(), b.block_id.hash);
        assert_eq!(
            data_hash(&b.block.data.txs).to_vec(),
            b.block.header.data_hash
        );
        println!(
            "height {}: header hash {}",
            b.block.header.height,
            to_hex_upper(&b.block_id.hash)
        );
    }
    // Height 10's last_block_id is not height 1's, but the genesis height's own hash is known.
    let b1: BlockResponse = parse_result(BLOCK_1).unwrap();
    let mut forged = b1.block.header.clone();
    forged.app_hash = vec![1];
    assert_ne!(forged.hash(), b1.block.header.hash());
}

#[test]
fn commit_at_10_verifies_against_the_genesis_validators() {
    let genesis: GenesisResponse = round_trips(GENESIS);
    let commit: CommitResponse = round_trips(COMMIT_10);
    let vals = genesis.genesis.validator_set();
    let header = &commit.signed_header.header;
    assert_eq!(
        header.hash().to_vec(),
        commit.signed_header.commit.block_id.hash
    );
    assert_eq!(vals.hash().to_vec(), header.validators_hash);
    assert_eq!(
        vals.validators[0].address().to_vec(),
        genesis.genesis.validators[0].address
    );

    let block = LightBlock {
        signed_header: commit.signed_header.clone(),
        validator_set: vals.clone(),
        next_validator_set: Some(vals.clone()),
        provider: None,
    };
    verify_commit(&block).unwrap();

    // And as a light-client step from height 1 (trusted with the genesis set) to 10.
    let b1: BlockResponse = parse_result(BLOCK_1).unwrap();
    let trusted = TrustedState::new(
        medproof::light::SignedHeader {
            header: b1.block.header.clone(),
            commit: b1.block.last_commit.clone().unwrap(),
        },
        vals.clone(),
    )
    .unwrap();
    let now = header.time.checked_add(Duration::from_secs(5)).unwrap();
    let options = Options::new(Duration::from_secs(3600));
    assert_eq!(
        verify_light_block(&trusted, &block, &options, now),
        Verdict::Success
    );

    // One flipped bit in the signature, or in the signed header, and it fails.
    let mut bad = block.clone();
    if let Some(sig) = bad.signed_header.commit.signatures[0].signature.as_mut() {
        sig[0] ^= 1;
    }
    let e = verify_commit(&bad).unwrap_err();
    assert_eq!(e.code(), "light.invalid_commit_signature");
    let mut bad = block.clone();
    bad.signed_header.commit.signatures[0].timestamp = Time::UNIX_EPOCH;
    assert!(matches!(
        verify_commit(&bad),
        Err(Reason::InvalidCommitSignature { index: 0, .. })
    ));
    let mut bad = block;
    bad.signed_header.header.app_hash = vec![1; 8];
    assert_eq!(
        verify_commit(&bad).unwrap_err().code(),
        "light.commit_block_id_mismatch"
    );
}

#[test]
fn every_tx_proof_verifies_against_its_root_and_known_headers() {
    let search: TxSearchResponse = round_trips(TX_SEARCH);
    let _: TxSearchResponse = round_trips(TX_SEARCH_NO_PROVE);
    let blocks: Vec<BlockResponse> = [BLOCK_1, BLOCK_10]
        .iter()
        .map(|j| parse_result(j).unwrap())
        .collect();
    let mut against_root = 0;
    let mut against_header = 0;
    for tx in &search.txs {
        let proof = tx.proof.as_ref().expect("prove=true gives proofs");
        assert_eq!(proof.data, tx.tx);
        assert_eq!(tx_hash(&tx.tx).to_vec(), tx.hash);
        let root = proof.verify_against_root().unwrap();
        assert_eq!(root.to_vec(), proof.root_hash);
        against_root += 1;
        // A header whose data_hash is the root accepts it; any other refuses it.
        let mut header = blocks[1].block.header.clone();
        header.data_hash = proof.root_hash.clone();
        assert_eq!(verify_tx_proof(&header, proof).unwrap(), tx.tx);
        if let Some(b) = blocks.iter().find(|b| b.block.header.height == tx.height) {
            assert_eq!(verify_tx_proof(&b.block.header, proof).unwrap(), tx.tx);
            against_header += 1;
        }
        let e = verify_tx_proof(&blocks[1].block.header, proof).unwrap_err();
        assert_eq!(e.code(), "light.bad_tx_proof");
        let mut forged = proof.clone();
        forged.data.push(b'!');
        assert_eq!(
            verify_tx_proof(&header, &forged).unwrap_err().code(),
            "light.bad_tx_proof"
        );
    }
    assert_eq!(against_root, 9);
    println!(
        "{against_root} tx proofs verified against their roots, {against_header} against a \
         header in the folder (the folder's blocks, heights 1 and 10, hold no transactions)"
    );
    let one: TxResponse = serde_json::from_value(result_of(TX_SEARCH)["txs"][0].clone()).unwrap();
    assert_eq!(one.height, 44);
    let broadcast = result_of(BROADCAST);
    let hashes: Vec<String> = search.txs.iter().map(|t| to_hex_upper(&t.hash)).collect();
    assert!(hashes.contains(&broadcast["hash"].as_str().unwrap().to_string()));
}

#[test]
fn light_block_json_round_trips() {
    let commit: CommitResponse = parse_result(COMMIT_10).unwrap();
    let genesis: GenesisResponse = parse_result(GENESIS).unwrap();
    let block = LightBlock {
        signed_header: commit.signed_header,
        validator_set: genesis.genesis.validator_set(),
        next_validator_set: Some(genesis.genesis.validator_set()),
        provider: None,
    };
    let json = block.to_json();
    assert_eq!(LightBlock::from_json(&json).unwrap(), block);
}

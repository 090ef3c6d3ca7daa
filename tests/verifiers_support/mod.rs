//! A tiny CometBFT chain over the ledger for the verifier tests: every ledger block becomes a
//! signed light block whose `app_hash` is the previous state's root and whose `data_hash`
//! covers its transactions; bundles are cut from it as the chain's server would.
#![allow(dead_code)]

#[path = "../ledger_support/mod.rs"]
pub mod ledger;

use ledger::Chain;
use medproof::crypto::ed25519::SigningKey;
use medproof::crypto::encoding::{to_base64, to_hex_upper};
use medproof::ledger::app::TxResult;
use medproof::ledger::tx::TxType;
use medproof::light::sign::{generated_light_block, sign_commit};
use medproof::light::tx::TxProof;
use medproof::light::{
    data_hash, results_hash, ExecResult, LightBlock, ResultProof, Time, Validator, ValidatorSet,
};
use serde_json::{json, Value};

pub struct Net {
    pub chain: Chain,
    /// Transactions of each height (index = height).
    pub txs: Vec<Vec<Vec<u8>>>,
    /// The ledger's result code of each transaction of each height (index = height; the
    /// heights the ledger chain starts with hold applied accreditations nobody bundles).
    pub results: Vec<Vec<u32>>,
    pub times: Vec<i64>,
    pub vals: Vec<SigningKey>,
}

fn val_key(i: u8) -> SigningKey {
    SigningKey::from_seed(&[200 + i; 32])
}

impl Net {
    pub fn new() -> Net {
        let chain = Chain::new();
        let h = chain.app.height() as usize;
        Net {
            txs: vec![Vec::new(); h + 1],
            results: vec![Vec::new(); h + 1],
            times: (0..=h as i64)
                .map(|i| chain.time - 3600 * (h as i64 - i))
                .collect(),
            chain,
            vals: (0..4).map(val_key).collect(),
        }
    }

    fn set(&self) -> ValidatorSet {
        ValidatorSet::new(
            self.vals
                .iter()
                .map(|k| Validator::new(k.public_key(), 10))
                .collect(),
        )
    }

    /// Submit one transaction in its own block; returns (height, tx bytes).
    pub fn submit(&mut self, k: &SigningKey, ty: TxType, fields: Value) -> (u64, Vec<u8>) {
        let tx = self.chain.tx(k, ty, fields);
        let (height, r) = self.include(tx.clone());
        assert!(r.is_ok(), "rejected: {}", r.log);
        (height, tx)
    }

    /// Put `tx` in a block of its own whatever the ledger makes of it; see [`Net::include_all`].
    pub fn include(&mut self, tx: Vec<u8>) -> (u64, TxResult) {
        let (height, mut results) = self.include_all(vec![tx]);
        (height, results.remove(0))
    }

    /// One block holding `txs` whatever the ledger makes of them: CometBFT keeps a transaction
    /// the application refused in its block (only its result says so), so a bundle can prove it
    /// is there. Returns the height and the ledger's results.
    pub fn include_all(&mut self, txs: Vec<Vec<u8>>) -> (u64, Vec<TxResult>) {
        let results = self.chain.block(&txs);
        self.txs.push(txs);
        self.results.push(results.iter().map(|r| r.code).collect());
        self.times.push(self.chain.time);
        (self.chain.app.height(), results)
    }

    pub fn epcis(&mut self, k: &SigningKey, event: Value) -> (u64, Vec<u8>) {
        self.submit(k, TxType::EpcisEvent, json!({ "event": event }))
    }

    /// An empty block (so the newest state has a header above it).
    pub fn empty_block(&mut self) {
        self.chain.block(&[]);
        self.txs.push(Vec::new());
        self.results.push(Vec::new());
        self.times.push(self.chain.time);
    }

    fn exec_results(&self, height: u64) -> Vec<ExecResult> {
        self.results[height as usize]
            .iter()
            .map(|c| ExecResult::with_code(*c))
            .collect()
    }

    /// The signed light block at `height` (its app hash is the root of version height - 1,
    /// its last results hash the root of block height - 1's results).
    pub fn light_block(&self, height: u64) -> LightBlock {
        let time = Time::from_unix(self.times[height as usize], 0).unwrap();
        let txs = &self.txs[height as usize];
        let app_hash = self.chain.app.app_hash_at(height - 1).unwrap().to_vec();
        let data = data_hash(txs).to_vec();
        let mut lb = generated_light_block(
            ledger::CHAIN,
            height as i64,
            time,
            &self.set(),
            &self.vals,
            data,
            app_hash,
        )
        .unwrap();
        let header = &mut lb.signed_header.header;
        header.last_results_hash = results_hash(&self.exec_results(height - 1)).to_vec();
        let vote_time = Time::from_unix(self.times[height as usize] + 1, 0).unwrap();
        lb.signed_header.commit = sign_commit(header, 0, &self.set(), &self.vals, vote_time);
        lb
    }

    pub fn light_json(&self, height: u64) -> Value {
        serde_json::from_str(&self.light_block(height).to_json()).unwrap()
    }

    pub fn trust(&self, height: u64) -> String {
        let lb = self.light_block(height);
        json!({"checkpoint": {"chainId": ledger::CHAIN, "height": height,
                "headerHash": to_hex_upper(&lb.header().hash()),
                "lightBlock": self.light_json(height)},
               "regulator": ledger::did(&self.chain.cast.regulator)})
        .to_string()
    }

    /// The transaction at `(height, index)` with its inclusion proof (no result).
    pub fn tx_entry(&self, height: u64, index: usize) -> Value {
        let txs = &self.txs[height as usize];
        let proof = TxProof::new(txs, index).unwrap();
        json!({"height": height.to_string(), "hash": to_hex_upper(&medproof::crypto::sha256(&txs[index])),
               "index": index, "tx": to_base64(&txs[index]), "proof": proof})
    }

    /// The proof of the result of the transaction at `(height, index)`, against the light
    /// block at `height + 1`.
    pub fn result_proof(&self, height: u64, index: usize) -> Value {
        serde_json::to_value(ResultProof::new(&self.exec_results(height), index).unwrap()).unwrap()
    }

    /// [`Net::tx_entry`] with its result.
    pub fn tx_entry_with_result(&self, height: u64, index: usize) -> Value {
        let mut entry = self.tx_entry(height, index);
        entry["result"] = self.result_proof(height, index);
        entry
    }

    pub fn proof(&self, key: &str, version: u64) -> Value {
        let q = self.chain.app.query(key, Some(version)).unwrap();
        json!({"key": key, "value": q.value.map(|v| String::from_utf8(v).unwrap()),
               "proofOps": q.proof_ops})
    }

    /// A bundle: txs at `tx_heights` (index 0), state at `version` with proofs of `keys`,
    /// light blocks for every height above `checkpoint` that is needed.
    pub fn bundle(
        &self,
        kind: &str,
        checkpoint: u64,
        tx_heights: &[u64],
        version: u64,
        keys: &[String],
    ) -> Value {
        let at: Vec<(u64, usize)> = tx_heights.iter().map(|h| (*h, 0)).collect();
        self.bundle_at(kind, checkpoint, &at, version, keys)
    }

    /// [`Net::bundle`] with the transactions at `(height, index)`.
    pub fn bundle_at(
        &self,
        kind: &str,
        checkpoint: u64,
        txs: &[(u64, usize)],
        version: u64,
        keys: &[String],
    ) -> Value {
        // A transaction's result is proven by the header after it, which the bundle carries
        // when it is not above the state's header.
        let with_result = |h: u64| h < version + 1 && h + 1 > checkpoint;
        let mut heights = Vec::new();
        for (h, _) in txs {
            heights.push(*h);
            if with_result(*h) {
                heights.push(h + 1);
            }
        }
        heights.retain(|h| *h > checkpoint);
        if version + 1 > checkpoint {
            heights.push(version + 1);
        }
        heights.sort();
        heights.dedup();
        let entries: Vec<Value> = txs
            .iter()
            .map(|(h, i)| {
                if with_result(*h) {
                    self.tx_entry_with_result(*h, *i)
                } else {
                    self.tx_entry(*h, *i)
                }
            })
            .collect();
        json!({"format": "medproof-bundle/1", "chainId": ledger::CHAIN, "kind": kind, "subject": {},
               "lightBlocks": heights.iter().map(|h| self.light_json(*h)).collect::<Vec<_>>(),
               "txs": entries,
               "state": {"height": version.to_string(),
                         "proofs": keys.iter().map(|k| self.proof(k, version)).collect::<Vec<_>>()}})
    }

    /// "Now": an hour after the newest block.
    pub fn now(&self) -> medproof::verify::date::Instant {
        medproof::verify::date::Instant::from_unix(self.chain.time + 3600, 0).unwrap()
    }
}

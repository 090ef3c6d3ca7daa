//! A CometBFT chain produced in memory: every block's header hashed, its commit signed by the
//! validators, and its transactions delivered to the ledger's state machine ([`LedgerApp`]).
//!
//! Heights follow CometBFT 0.38: the header of block `H` carries the app hash and the results
//! hash left by block `H - 1` and the hash of block `H - 1`'s commit; a validator set returned
//! at the end of block `H` is the set of block `H + 2` (so header `H + 1` announces it in
//! `next_validators_hash`).

use crate::crypto::ed25519::SigningKey;
use crate::crypto::sha256::sha256_parts;
use crate::ledger::app::{LedgerApp, TxResult};
use crate::ledger::genesis::AppState;
use crate::light::rpc::{Block, Data, Genesis, GenesisValidator};
use crate::light::sign::{block_id_for, sign_commit};
use crate::light::{
    BlockId, Commit, Header, LightBlock, PubKey, SignedHeader, Time, Validator, ValidatorSet,
    Version,
};

use super::hashes::{commit_hash, consensus_hash, empty_hash, results_hash};

/// Seconds between blocks.
pub const BLOCK_SECONDS: i64 = 60;

/// One produced block and what the node keeps about it.
#[derive(Debug, Clone)]
pub struct BlockRecord {
    /// The header.
    pub header: Header,
    /// The commit that signs it (in a live chain, the next block's `last_commit`).
    pub commit: Commit,
    /// The transactions.
    pub txs: Vec<Vec<u8>>,
    /// Their results (`deliver_tx`).
    pub results: Vec<TxResult>,
}

/// A validator-set schedule: from `height` on, `members` (key index, power).
#[derive(Debug, Clone)]
pub struct SetChange {
    /// The first height with this set.
    pub height: i64,
    /// Members as (index into the validator keys, voting power).
    pub members: Vec<(usize, i64)>,
}

/// The chain: genesis, blocks, validator keys and the application state.
pub struct DemoChain {
    /// The chain id.
    pub chain_id: String,
    /// The genesis document.
    pub genesis: Genesis,
    /// Blocks, height `i + 1` at index `i`.
    pub blocks: Vec<BlockRecord>,
    /// The application.
    pub app: LedgerApp,
    keys: Vec<SigningKey>,
    schedule: Vec<SetChange>,
    last_app_hash: [u8; 32],
    last_results: Vec<u32>,
}

/// Errors while producing the chain (none is expected for the fixed demo script).
#[derive(Debug, thiserror::Error)]
#[error("demo chain: {0}")]
pub struct ChainError(pub String);

fn err<E: core::fmt::Display>(e: E) -> ChainError {
    ChainError(e.to_string())
}

/// A deterministic key from the demo seed and a label.
pub fn demo_key(seed: &str, label: &str) -> SigningKey {
    SigningKey::from_seed(&sha256_parts(&[seed.as_bytes(), b"/", label.as_bytes()]))
}

impl DemoChain {
    /// Genesis at `genesis_time` with `validator_keys` and a schedule whose first entry (height
    /// 1) is the genesis set.
    pub fn new(
        chain_id: &str,
        genesis_time: Time,
        app_state: &AppState,
        validator_keys: Vec<SigningKey>,
        schedule: Vec<SetChange>,
    ) -> Result<DemoChain, ChainError> {
        let (app, app_hash) =
            LedgerApp::init_chain(chain_id, app_state, genesis_time.unix_seconds()).map_err(err)?;
        let mut chain = DemoChain {
            chain_id: chain_id.into(),
            genesis: Genesis {
                genesis_time,
                chain_id: chain_id.into(),
                initial_height: 1,
                consensus_params: serde_json::json!({
                    "block": {"max_bytes": super::hashes::BLOCK_MAX_BYTES.to_string(),
                              "max_gas": super::hashes::BLOCK_MAX_GAS.to_string()},
                    "evidence": {"max_age_num_blocks": "100000", "max_age_duration": "172800000000000", "max_bytes": "1048576"},
                    "validator": {"pub_key_types": ["ed25519"]},
                    "version": {"app": "1"},
                    "abci": {"vote_extensions_enable_height": "0"}
                }),
                validators: Vec::new(),
                app_hash: Vec::new(),
                app_state: Some(serde_json::to_value(app_state).map_err(err)?),
            },
            blocks: Vec::new(),
            app,
            keys: validator_keys,
            schedule,
            last_app_hash: app_hash,
            last_results: Vec::new(),
        };
        let set = chain.validators_at(1);
        chain.genesis.validators = set
            .validators
            .iter()
            .enumerate()
            .map(|(i, v)| GenesisValidator {
                address: v.address().to_vec(),
                pub_key: v.pub_key,
                power: v.voting_power,
                name: format!("validator-{i}"),
            })
            .collect();
        Ok(chain)
    }

    /// The validator set of `height`.
    pub fn validators_at(&self, height: i64) -> ValidatorSet {
        let change = self
            .schedule
            .iter()
            .rev()
            .find(|c| c.height <= height)
            .or(self.schedule.first());
        let members = change.map(|c| c.members.clone()).unwrap_or_default();
        ValidatorSet::new(
            members
                .iter()
                .filter_map(|&(i, power)| {
                    self.keys
                        .get(i)
                        .map(|k| Validator::new(k.public_key(), power))
                })
                .collect(),
        )
    }

    /// The heights at which the validator set changes (after genesis).
    pub fn set_change_heights(&self) -> Vec<i64> {
        self.schedule.iter().skip(1).map(|c| c.height).collect()
    }

    /// The last height produced.
    pub fn height(&self) -> i64 {
        i64::try_from(self.blocks.len()).unwrap_or(i64::MAX)
    }

    /// The time of `height` (genesis time plus [`BLOCK_SECONDS`] per block).
    pub fn time_at(&self, height: i64) -> Time {
        let secs = self.genesis.genesis_time.unix_seconds() + height * BLOCK_SECONDS;
        Time::from_unix(secs, 0).unwrap_or(self.genesis.genesis_time)
    }

    /// Produce the next block with `txs`; their results.
    pub fn produce(&mut self, txs: Vec<Vec<u8>>) -> Result<Vec<TxResult>, ChainError> {
        let height = self.height() + 1;
        let time = self.time_at(height);
        self.app
            .begin_block(height as u64, time.unix_seconds())
            .map_err(err)?;
        let results: Vec<TxResult> = txs.iter().map(|tx| self.app.deliver_tx(tx)).collect();
        let new_app_hash = self.app.commit().map_err(err)?;

        let prev = self.blocks.last();
        let validators = self.validators_at(height);
        let next = self.validators_at(height + 1);
        let header = Header {
            version: Version { block: 11, app: 1 },
            chain_id: self.chain_id.clone(),
            height,
            time,
            last_block_id: Some(prev.map_or_else(BlockId::default, |p| p.commit.block_id.clone())),
            last_commit_hash: prev
                .map_or_else(empty_hash, |p| commit_hash(&p.commit))
                .to_vec(),
            data_hash: crate::light::data_hash(&txs).to_vec(),
            validators_hash: validators.hash().to_vec(),
            next_validators_hash: next.hash().to_vec(),
            consensus_hash: consensus_hash().to_vec(),
            app_hash: self.last_app_hash.to_vec(),
            last_results_hash: results_hash(&self.last_results).to_vec(),
            evidence_hash: empty_hash().to_vec(),
            proposer_address: proposer(&validators, height),
        };
        let signers: Vec<SigningKey> = self.keys.clone();
        let commit = sign_commit(&header, 0, &validators, &signers, self.time_at(height + 1));
        debug_assert_eq!(commit.block_id, block_id_for(&header));
        self.last_app_hash = new_app_hash;
        self.last_results = results.iter().map(|r| r.code).collect();
        self.blocks.push(BlockRecord {
            header,
            commit,
            txs,
            results: results.clone(),
        });
        Ok(results)
    }

    /// Produce empty blocks until the chain's height is `height`.
    pub fn advance_to(&mut self, height: i64) -> Result<(), ChainError> {
        while self.height() < height {
            self.produce(Vec::new())?;
        }
        Ok(())
    }

    /// The block at `height`.
    pub fn block(&self, height: i64) -> Option<&BlockRecord> {
        usize::try_from(height.checked_sub(1)?)
            .ok()
            .and_then(|i| self.blocks.get(i))
    }

    /// The light block at `height` (with its next validator set).
    pub fn light_block(&self, height: i64) -> Option<LightBlock> {
        let b = self.block(height)?;
        Some(LightBlock {
            signed_header: SignedHeader {
                header: b.header.clone(),
                commit: b.commit.clone(),
            },
            validator_set: self.validators_at(height),
            next_validator_set: Some(self.validators_at(height + 1)),
            provider: None,
        })
    }

    /// The full block at `height` (RPC `block`), with its `last_commit`.
    pub fn full_block(&self, height: i64) -> Option<Block> {
        let b = self.block(height)?;
        let last_commit = self
            .block(height - 1)
            .map(|p| p.commit.clone())
            .or_else(|| {
                Some(Commit {
                    height: 0,
                    round: 0,
                    block_id: BlockId::default(),
                    signatures: Vec::new(),
                })
            });
        Some(Block {
            header: b.header.clone(),
            data: Data { txs: b.txs.clone() },
            evidence: serde_json::json!({"evidence": []}),
            last_commit,
        })
    }

    /// The validators' signing keys (for a live node producing more blocks).
    pub fn validator_keys(&self) -> &[SigningKey] {
        &self.keys
    }

    /// The app hash after the last block (what the next header will carry).
    pub fn pending_app_hash(&self) -> [u8; 32] {
        self.last_app_hash
    }
}

/// Round-robin proposer (the light client does not check CometBFT's priority rotation).
fn proposer(set: &ValidatorSet, height: i64) -> Vec<u8> {
    let n = set.validators.len().max(1);
    let i = usize::try_from(height).unwrap_or(0) % n;
    set.validators
        .get(i)
        .map(|v| match &v.pub_key {
            PubKey::Ed25519(k) => PubKey::Ed25519(*k).address().to_vec(),
        })
        .unwrap_or_default()
}

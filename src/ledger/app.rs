//! The ledger as an ABCI application would drive it (native only): `init_chain`, then per block
//! `begin_block`, `deliver_tx` for each transaction, `commit` (returning the app hash), and
//! `query` with proofs.
//!
//! Heights and versions: genesis is tree version 0; block `H` is committed as version `H`.
//! CometBFT puts the app hash returned by `commit` at `H` into the header of block `H + 1`, so a
//! proof from `query(key, H)` verifies against `header(H + 1).app_hash`.

use std::collections::BTreeMap;

use crate::error::Coded;
use crate::ledger::apply::{apply, BlockCtx, LedgerEvent};
use crate::ledger::error::Reject;
use crate::ledger::genesis::{genesis_writes, AppState};
use crate::ledger::proof::ProofOps;
use crate::ledger::state::values::{Account, BlockMeta};
use crate::ledger::state::{encode, keys, StateRead};
use crate::ledger::store::{ProvableState, StoreError};
use crate::ledger::time::{format_rfc3339, UnixTime};
use crate::ledger::tx::{check_stateless, decode_and_verify};

/// The result of `deliver_tx`, as ABCI reports it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TxResult {
    /// 0 on success, else the reject's stable number.
    pub code: u32,
    /// `ledger` for rejects, empty on success.
    pub codespace: String,
    /// The reject's stable code (`ledger.not_holder`) and message, or empty.
    pub log: String,
    /// Events (alerts included).
    pub events: Vec<LedgerEvent>,
}

impl TxResult {
    /// Whether the transaction applied.
    pub fn is_ok(&self) -> bool {
        self.code == 0
    }

    /// The reject code (`ledger.*`), if rejected.
    pub fn reject_code(&self) -> Option<&str> {
        (!self.is_ok()).then(|| self.log.split(':').next().unwrap_or(""))
    }
}

/// A query's answer: the value (if any) and the proof, at `height`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryResult {
    /// The key asked about.
    pub key: String,
    /// Its value, if present.
    pub value: Option<Vec<u8>>,
    /// Proof of the value or of its absence.
    pub proof_ops: ProofOps,
    /// The height whose state this is (verify against the app hash of `height + 1`).
    pub height: u64,
}

/// The committed state plus the block being built.
pub struct LedgerApp {
    chain_id: String,
    state: ProvableState,
    height: u64,
    block: Option<BlockCtx>,
    pending: BTreeMap<String, Vec<u8>>,
}

/// Reads the pending block's writes over the last committed version.
struct BlockView<'a> {
    app: &'a LedgerApp,
}

impl StateRead for BlockView<'_> {
    fn get(&self, key: &str) -> Option<Vec<u8>> {
        if let Some(v) = self.app.pending.get(key) {
            return Some(v.clone());
        }
        // The store cannot fail for a committed version; treat a failure as absence.
        self.app.state.get(key, self.app.height).ok().flatten()
    }
}

impl LedgerApp {
    /// `InitChain`: the genesis state (version 0) and its app hash.
    pub fn init_chain(
        chain_id: &str,
        app_state: &AppState,
        genesis_time: UnixTime,
    ) -> Result<(LedgerApp, [u8; 32]), StoreError> {
        let mut writes =
            genesis_writes(chain_id, app_state).map_err(|e| StoreError(e.to_string()))?;
        writes.insert(keys::BLOCK.into(), block_meta(0, genesis_time)?);
        let mut state = ProvableState::new();
        let root = state.commit(0, &writes)?;
        let app = LedgerApp {
            chain_id: chain_id.into(),
            state,
            height: 0,
            block: None,
            pending: BTreeMap::new(),
        };
        Ok((app, root))
    }

    /// The last committed height (0 after genesis).
    pub fn height(&self) -> u64 {
        self.height
    }

    /// The app hash of the last committed height.
    pub fn app_hash(&self) -> Result<[u8; 32], StoreError> {
        self.state.root(self.height)
    }

    /// `CheckTx`: what can be known before the transaction is in a block: the envelope and
    /// signature, the chain id, the body's form, and a sequence not yet used (a later one is let
    /// through: the mempool may hold the signer's earlier transactions). The block decides the
    /// rest.
    pub fn check_tx(&self, tx: &[u8]) -> TxResult {
        let verdict = (|| {
            let verified = decode_and_verify(tx)?;
            if verified.common.chain_id != self.chain_id {
                return Err(Reject::WrongChain {
                    expected: self.chain_id.clone(),
                    got: verified.common.chain_id.clone(),
                });
            }
            check_stateless(&verified)?;
            let account = self
                .state
                .get(&keys::account(&verified.signer), self.height)
                .ok()
                .flatten()
                .and_then(|v| serde_json::from_slice::<Account>(&v).ok());
            let next = account.map_or(1, |a| a.sequence.saturating_add(1));
            if verified.common.sequence < next {
                return Err(Reject::BadSequence {
                    expected: next,
                    got: verified.common.sequence,
                });
            }
            Ok(())
        })();
        match verdict {
            Ok(()) => TxResult {
                code: 0,
                codespace: String::new(),
                log: String::new(),
                events: Vec::new(),
            },
            Err(reject) => rejected(&reject),
        }
    }

    /// `BeginBlock`: the next block, at `time`.
    pub fn begin_block(&mut self, height: u64, time: UnixTime) -> Result<(), StoreError> {
        if self.block.is_some() || height != self.height.saturating_add(1) {
            return Err(StoreError(format!(
                "block {height} cannot follow {}",
                self.height
            )));
        }
        self.block = Some(BlockCtx {
            height,
            time,
            chain_id: self.chain_id.clone(),
        });
        Ok(())
    }

    /// `DeliverTx`: apply one transaction to the block being built.
    pub fn deliver_tx(&mut self, tx: &[u8]) -> TxResult {
        let Some(block) = self.block.clone() else {
            return TxResult {
                code: u32::MAX,
                codespace: "ledger".into(),
                log: "ledger.no_block: deliver_tx outside a block".into(),
                events: Vec::new(),
            };
        };
        let result = apply(&BlockView { app: self }, tx, &block);
        match result {
            Ok(applied) => {
                self.pending.extend(applied.changes);
                TxResult {
                    code: 0,
                    codespace: String::new(),
                    log: String::new(),
                    events: applied.events,
                }
            }
            Err(reject) => rejected(&reject),
        }
    }

    /// `Commit`: write the block's changes (and `meta/block`) as version `height`; the app hash.
    pub fn commit(&mut self) -> Result<[u8; 32], StoreError> {
        let block = self
            .block
            .take()
            .ok_or_else(|| StoreError("commit outside a block".into()))?;
        let mut writes = std::mem::take(&mut self.pending);
        writes.insert(keys::BLOCK.into(), block_meta(block.height, block.time)?);
        let root = self.state.commit(block.height, &writes)?;
        self.height = block.height;
        Ok(root)
    }

    /// `Query`: the value under `key` at `height` (default: the last committed) with its proof.
    pub fn query(&self, key: &str, height: Option<u64>) -> Result<QueryResult, StoreError> {
        let height = height.unwrap_or(self.height);
        if height > self.height {
            return Err(StoreError(format!("height {height} is not committed")));
        }
        let (value, proof_ops) = self.state.prove_ops(key, height)?;
        Ok(QueryResult {
            key: key.into(),
            value,
            proof_ops,
            height,
        })
    }

    /// The app hash at `height`.
    pub fn app_hash_at(&self, height: u64) -> Result<[u8; 32], StoreError> {
        self.state.root(height)
    }
}

/// The ABCI result of a rejected transaction.
fn rejected(reject: &Reject) -> TxResult {
    TxResult {
        code: reject.abci_code(),
        codespace: "ledger".into(),
        log: format!("{}: {reject}", reject.code()),
        events: Vec::new(),
    }
}

fn block_meta(height: u64, time: UnixTime) -> Result<Vec<u8>, StoreError> {
    encode(&BlockMeta {
        height,
        time: format_rfc3339(time),
    })
    .map_err(|e| StoreError(e.to_string()))
}

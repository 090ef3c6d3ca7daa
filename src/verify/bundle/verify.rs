//! Verifying a bundle from a trusted checkpoint: the light blocks, the transactions' inclusion
//! and signatures, and the state proofs. What comes out is only what was proven.

use std::collections::BTreeMap;
use std::time::Duration;

use serde::de::DeserializeOwned;
use serde::Serialize;

use super::error::BundleError;
use super::format::{Bundle, Trust};
use crate::crypto::encoding::to_hex;
use crate::crypto::sha256;
use crate::error::Coded;
use crate::ledger::proof::verify_state_proof;
use crate::ledger::state::keys;
use crate::ledger::state::values::GenesisSeed;
use crate::ledger::tx::{decode_and_verify, VerifiedTx};
use crate::light::commit::BlockIdFlag;
use crate::light::options::Options;
use crate::light::results::verify_result_proof;
use crate::light::tx::verify_tx_proof;
use crate::light::verdict::Verdict as LightVerdict;
use crate::light::{verify_light_block, Header, LightBlock, Time, TrustedState};

/// A transaction proven to be in a verified block, with a valid (strict) ledger signature.
#[derive(Debug, Clone)]
pub struct TrustedTx {
    /// Block height.
    pub height: i64,
    /// Position in the block.
    pub index: u64,
    /// SHA-256 of the bytes, lower-case hex (as the state refers to it).
    pub hash: String,
    /// The verified header's time (RFC 3339).
    pub block_time: String,
    /// The decoded, signature-checked transaction.
    pub tx: VerifiedTx,
    /// The ledger's result code, when the bundle proves it against `last_results_hash` of the
    /// header at `height + 1` (0: applied); `None` when the bundle does not show it.
    pub result: Option<u32>,
}

impl TrustedTx {
    /// Whether the bundle proves the ledger applied this transaction (result code 0).
    pub fn proven_applied(&self) -> bool {
        self.result == Some(0)
    }
}

/// A transaction of the bundle that could not be trusted, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RejectedTx {
    /// The hash the bundle claimed (lower-case hex).
    pub claimed_hash: String,
    /// The height it claimed.
    pub height: i64,
    /// The code of the failed check (`light.*`, `ledger.*`, `bundle.*`).
    pub code: String,
    /// What failed.
    pub message: String,
}

/// What a bundle proves.
#[derive(Debug, Clone)]
pub struct VerifiedBundle {
    /// The checkpoint's height and header hash (hex).
    pub checkpoint: (i64, String),
    /// The heights verified, the checkpoint first.
    pub heights: Vec<i64>,
    /// The smallest share of its own validators' power that signed a verified header, as
    /// `(signed, total)`.
    pub power_share: (u64, u64),
    /// Trusted transactions the ledger applied or may have applied (result code 0 proven, or no
    /// result shown), in the bundle's order.
    pub txs: Vec<TrustedTx>,
    /// Transactions proven in their blocks whose proven result says the ledger refused them
    /// (code ≠ 0): they changed nothing, so they are no fact or timeline entry.
    pub refused_txs: Vec<TrustedTx>,
    /// Transactions that failed a check.
    pub rejected_txs: Vec<RejectedTx>,
    /// Proven state: key to the exact value bytes, or `None` for proven absence.
    pub state: BTreeMap<String, Option<Vec<u8>>>,
    /// The state version `V`, if the bundle proves state.
    pub state_height: Option<i64>,
    /// The time of header `V + 1` (when the state was current), if state is proven.
    pub as_of: Option<Time>,
    /// The bundle's kind, subject and extra material (unverified).
    pub bundle: Bundle,
}

impl VerifiedBundle {
    /// The proven value bytes of `key`: `Ok(Some)` present, `Ok(None)` proven absent, and
    /// `bundle.missing_state` when the bundle proves nothing about it.
    pub fn raw(&self, key: &str) -> Result<Option<&[u8]>, BundleError> {
        match self.state.get(key) {
            Some(v) => Ok(v.as_deref()),
            None => Err(BundleError::MissingState(key.to_owned())),
        }
    }

    /// The proven value of `key`, parsed as the ledger's value type.
    pub fn value<T: DeserializeOwned>(&self, key: &str) -> Result<Option<T>, BundleError> {
        match self.raw(key)? {
            None => Ok(None),
            Some(bytes) => crate::json::from_text(bytes)
                .map(Some)
                .map_err(|_| BundleError::BadStateValue(key.to_owned())),
        }
    }

    /// The trusted transaction with this hash (lower-case hex).
    pub fn tx(&self, hash: &str) -> Option<&TrustedTx> {
        self.txs.iter().find(|t| t.hash.eq_ignore_ascii_case(hash))
    }

    /// The keys proven, in order.
    pub fn proven_keys(&self) -> Vec<&str> {
        self.state.keys().map(String::as_str).collect()
    }
}

/// The share of `block`'s own validator power that committed to it (signatures were already
/// verified by the light client).
fn signed_power(block: &LightBlock) -> (u64, u64) {
    let vals = &block.validator_set;
    let total = vals.total_power().unwrap_or(0);
    let mut signed: u64 = 0;
    let mut seen: Vec<[u8; 20]> = Vec::new();
    for sig in &block.signed_header.commit.signatures {
        if sig.block_id_flag != BlockIdFlag::Commit {
            continue;
        }
        if let Some(v) = vals
            .validators
            .iter()
            .find(|v| v.address().as_slice() == sig.validator_address.as_slice())
        {
            let addr = v.address();
            if !seen.contains(&addr) {
                seen.push(addr);
                signed = signed.saturating_add(u64::try_from(v.voting_power).unwrap_or(0));
            }
        }
    }
    (signed.min(total), total)
}

/// `a/b < c/d` without overflow.
fn less(a: (u64, u64), b: (u64, u64)) -> bool {
    u128::from(a.0) * u128::from(b.1) < u128::from(b.0) * u128::from(a.1)
}

/// Verify `bundle` from `trust` at `now`.
pub fn verify_bundle(
    bundle: Bundle,
    trust: &Trust,
    now: Time,
) -> Result<VerifiedBundle, BundleError> {
    if bundle.chain_id != trust.chain_id {
        return Err(BundleError::ChainMismatch {
            bundle: bundle.chain_id.clone(),
            trusted: trust.chain_id.clone(),
        });
    }
    // The checkpoint: the person trusts the hash; the light block must be that header.
    let cp = &trust.light_block;
    let cp_hash = cp.header().hash();
    if cp_hash.as_slice() != trust.header_hash.as_slice() {
        return Err(BundleError::CheckpointMismatch(format!(
            "the light block's header hashes to {}, not the trusted {}",
            to_hex(&cp_hash),
            to_hex(&trust.header_hash)
        )));
    }
    if cp.height() != trust.height || cp.header().chain_id != trust.chain_id {
        return Err(BundleError::CheckpointMismatch(
            "the light block's height or chain id differ from the checkpoint's".into(),
        ));
    }
    let mut trusted = TrustedState::from_light_block(cp.clone())
        .map_err(|e| BundleError::CheckpointMismatch(e.to_string()))?;
    let options = Options::new(Duration::from_secs(trust.trusting_period_seconds));
    // The verified headers, in height order (each block is above the one before it).
    let mut headers: Vec<&Header> = vec![cp.header()];
    let mut power_share = signed_power(cp);
    for block in &bundle.light_blocks {
        let height = block.height();
        match verify_light_block(&trusted, block, &options, now) {
            LightVerdict::Success => {}
            LightVerdict::NotEnoughTrust { .. } => {
                return Err(BundleError::LightNotEnoughTrust(height))
            }
            LightVerdict::Invalid(reason) => {
                return Err(BundleError::LightFailed {
                    height,
                    code: reason.code().to_owned(),
                    message: reason.to_string(),
                })
            }
        }
        trusted = TrustedState::from_light_block(block.clone()).map_err(|e| {
            BundleError::LightFailed {
                height,
                code: e.code().to_owned(),
                message: e.to_string(),
            }
        })?;
        let share = signed_power(block);
        if less(share, power_share) {
            power_share = share;
        }
        headers.push(block.header());
    }

    let header_at = |height: i64| headers.iter().copied().find(|h| h.height == height);

    // Transactions: in a verified block, hash as claimed, strict ledger signature, this chain.
    let mut txs = Vec::new();
    let mut rejected_txs = Vec::new();
    let mut refused_txs = Vec::new();
    for btx in &bundle.txs {
        let claimed = to_hex(&btx.hash);
        let reject = |code: &str, message: String| RejectedTx {
            claimed_hash: claimed.clone(),
            height: btx.height,
            code: code.to_owned(),
            message,
        };
        let Some(header) = header_at(btx.height) else {
            rejected_txs.push(reject(
                "bundle.tx_unverified_height",
                format!("height {} is not among the verified headers", btx.height),
            ));
            continue;
        };
        if btx.proof.data != btx.tx {
            rejected_txs.push(reject(
                "bundle.tx_mismatch",
                "the proof is about other bytes than tx".into(),
            ));
            continue;
        }
        if let Err(e) = verify_tx_proof(header, &btx.proof) {
            rejected_txs.push(reject(e.code(), e.to_string()));
            continue;
        }
        // The claimed index orders timelines: it must be the position the proof proves.
        if u64::try_from(btx.proof.proof.index).ok() != Some(btx.index) {
            rejected_txs.push(reject(
                "bundle.tx_mismatch",
                format!(
                    "index {} is not the position the proof proves ({})",
                    btx.index, btx.proof.proof.index
                ),
            ));
            continue;
        }
        let hash = sha256(&btx.tx);
        if hash.as_slice() != btx.hash.as_slice() {
            rejected_txs.push(reject(
                "bundle.tx_mismatch",
                "hash is not the SHA-256 of tx".into(),
            ));
            continue;
        }
        // The result, when shown, against last_results_hash of the header at height + 1.
        let result = match &btx.result {
            None => None,
            Some(r) => {
                let next = btx.height.checked_add(1).and_then(header_at);
                let Some(next) = next else {
                    rejected_txs.push(reject(
                        "bundle.result_invalid",
                        format!(
                            "the result needs the header at height {} + 1, which is not verified",
                            btx.height
                        ),
                    ));
                    continue;
                };
                // The position the transaction proof proves, not the claimed index.
                let p = &btx.proof.proof;
                let at = u64::try_from(p.index).ok().zip(u64::try_from(p.total).ok());
                let verified = at
                    .ok_or_else(|| "negative tx proof position".to_owned())
                    .and_then(|(index, total)| {
                        verify_result_proof(next, btx.height, index, total, r)
                            .map_err(|e| e.to_string())
                    });
                match verified {
                    Ok(code) => Some(code),
                    Err(e) => {
                        rejected_txs.push(reject("bundle.result_invalid", e));
                        continue;
                    }
                }
            }
        };
        match decode_and_verify(&btx.tx) {
            Ok(tx) if tx.common.chain_id == trust.chain_id => {
                let trusted = TrustedTx {
                    height: btx.height,
                    index: btx.index,
                    hash: to_hex(&hash),
                    block_time: header.time.to_rfc3339(),
                    tx,
                    result,
                };
                match result {
                    Some(code) if code != 0 => refused_txs.push(trusted),
                    _ => txs.push(trusted),
                }
            }
            Ok(_) => rejected_txs.push(reject(
                "bundle.tx_mismatch",
                "a transaction for another chain".into(),
            )),
            Err(e) => rejected_txs.push(reject(e.code(), e.to_string())),
        }
    }

    // State: every proof against app_hash of header V + 1.
    let mut state = BTreeMap::new();
    let mut as_of = None;
    if let Some(v) = bundle.state_height {
        let next = v.checked_add(1).ok_or(BundleError::StateHeaderMissing(v))?;
        let header = header_at(next).ok_or(BundleError::StateHeaderMissing(next))?;
        if let Some(newest) = headers.iter().map(|h| h.height).max().filter(|h| *h > next) {
            return Err(BundleError::StateNotLatest { state: v, newest });
        }
        let tx_heights = txs.iter().chain(&refused_txs).map(|t| t.height);
        if let Some(newest) = tx_heights.max().filter(|h| *h > v) {
            return Err(BundleError::StateOlderThanTxs {
                state: v,
                tx: newest,
            });
        }
        for p in &bundle.proofs {
            let value = p.value.as_ref().map(String::as_bytes);
            verify_state_proof(&header.app_hash, p.key.as_bytes(), value, &p.proof_ops).map_err(
                |e| BundleError::StateProof {
                    key: p.key.clone(),
                    code: e.code().to_owned(),
                    message: e.to_string(),
                },
            )?;
            let bytes = value.map(<[u8]>::to_vec);
            if let Some(earlier) = state.insert(p.key.clone(), bytes.clone()) {
                // Two proofs of one key against one root cannot differ; refuse if they do.
                if earlier != bytes {
                    return Err(BundleError::Malformed(format!(
                        "two values proven for {}",
                        p.key
                    )));
                }
            }
        }
        as_of = Some(header.time);
    }
    let verified = VerifiedBundle {
        checkpoint: (cp.height(), to_hex(&cp_hash)),
        heights: headers.iter().map(|h| h.height).collect(),
        power_share,
        txs,
        refused_txs,
        rejected_txs,
        state,
        state_height: bundle.state_height,
        as_of,
        bundle,
    };
    // The chain's regulator, when proven, must be the one the person trusts.
    if let (Some(trusted_reg), Ok(Some(seed))) = (
        &trust.regulator,
        verified.value::<GenesisSeed>(keys::GENESIS),
    ) {
        if &seed.regulator != trusted_reg {
            return Err(BundleError::RegulatorMismatch {
                chain: seed.regulator,
                trusted: trusted_reg.clone(),
            });
        }
    }
    Ok(verified)
}

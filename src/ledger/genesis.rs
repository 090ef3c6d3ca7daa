//! Genesis: the ledger's part of the CometBFT genesis document (`app_state`), and the state it
//! starts from.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::ledger::error::Reject;
use crate::ledger::state::values::GenesisSeed;
use crate::ledger::state::{encode, keys};
use crate::ledger::tx::check;

/// `app_state` of the genesis document: `{"regulator": "did:key:z6Mk..."}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AppState {
    /// The regulator's did:key: the only signer of `registry.*` transactions.
    pub regulator: String,
}

/// The writes of the initial state: the genesis seed, so that the tree is never empty (an empty
/// Merkle tree has no leaf to anchor a proof of absence to).
pub fn genesis_writes(
    chain_id: &str,
    app_state: &AppState,
) -> Result<BTreeMap<String, Vec<u8>>, Reject> {
    check::did("regulator", &app_state.regulator)?;
    check::text("chainId", chain_id, 50)?;
    let seed = GenesisSeed {
        chain_id: chain_id.into(),
        regulator: app_state.regulator.clone(),
    };
    Ok(BTreeMap::from([(
        keys::GENESIS.to_string(),
        encode(&seed)?,
    )]))
}

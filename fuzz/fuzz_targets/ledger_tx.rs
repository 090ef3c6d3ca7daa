//! Ledger transactions on arbitrary bytes: decoding, signature checks and applying to a small
//! state (genesis plus whatever earlier transactions of the input wrote) never panic.
//! Input: transactions separated by 0xff.
#![no_main]

use libfuzzer_sys::fuzz_target;
use medproof::ledger::genesis::{genesis_writes, AppState};
use medproof::ledger::tx::{check_stateless, decode_and_verify};
use medproof::ledger::{apply, BlockCtx};
use std::collections::BTreeMap;

const REGULATOR: &str = "did:key:z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp";

fuzz_target!(|data: &[u8]| {
    let mut state: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    let app_state = AppState {
        regulator: REGULATOR.into(),
    };
    if let Ok(writes) = genesis_writes("medproof-fuzz", &app_state) {
        state.extend(writes);
    }
    for (i, tx) in data.split(|&b| b == 0xff).take(8).enumerate() {
        if let Ok(verified) = decode_and_verify(tx) {
            let _ = check_stateless(&verified);
        }
        let block = BlockCtx {
            height: i as u64 + 1,
            time: 1_700_000_000 + i as i64,
            chain_id: "medproof-fuzz".into(),
        };
        if let Ok(applied) = apply(&state, tx, &block) {
            state.extend(applied.changes);
        }
    }
});

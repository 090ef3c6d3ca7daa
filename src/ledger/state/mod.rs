//! The ledger's state: keys (one per fact), the values stored under them (canonical JSON), and a
//! read/write overlay the state machine works through.

pub mod keys;
pub mod values;

use std::collections::BTreeMap;

use serde::{de::DeserializeOwned, Serialize};

use crate::crypto::jcs::canonicalize_serialize;
use crate::ledger::error::Reject;

/// Read access to committed state. Values are canonical JSON bytes, never empty.
pub trait StateRead {
    /// The value under `key`, if any.
    fn get(&self, key: &str) -> Option<Vec<u8>>;
}

impl StateRead for BTreeMap<String, Vec<u8>> {
    fn get(&self, key: &str) -> Option<Vec<u8>> {
        BTreeMap::get(self, key).cloned()
    }
}

/// The canonical bytes of a state value.
pub fn encode<T: Serialize>(value: &T) -> Result<Vec<u8>, Reject> {
    canonicalize_serialize(value).map_err(|e| Reject::CorruptState(e.to_string()))
}

/// Writes made on top of a read-only state; reads see the writes first. Deterministic: writes
/// are kept in key order.
pub struct Overlay<'a> {
    base: &'a dyn StateRead,
    writes: BTreeMap<String, Vec<u8>>,
}

impl<'a> Overlay<'a> {
    /// An overlay with no writes yet.
    pub fn new(base: &'a dyn StateRead) -> Self {
        Overlay {
            base,
            writes: BTreeMap::new(),
        }
    }

    /// The raw value under `key`.
    pub fn get_raw(&self, key: &str) -> Option<Vec<u8>> {
        match self.writes.get(key) {
            Some(v) => Some(v.clone()),
            None => self.base.get(key),
        }
    }

    /// The typed value under `key`; a value that does not parse is corrupt state.
    pub fn get<T: DeserializeOwned>(&self, key: &str) -> Result<Option<T>, Reject> {
        self.get_raw(key)
            .map(|bytes| {
                serde_json::from_slice(&bytes).map_err(|_| Reject::CorruptState(key.to_string()))
            })
            .transpose()
    }

    /// Store `value` under `key`.
    pub fn put<T: Serialize>(&mut self, key: String, value: &T) -> Result<(), Reject> {
        let bytes = encode(value)?;
        self.writes.insert(key, bytes);
        Ok(())
    }

    /// The writes, in key order.
    pub fn into_writes(self) -> BTreeMap<String, Vec<u8>> {
        self.writes
    }
}

//! The healthcare ledger: transactions, the state machine and its provable state.
//!
//! - [`tx`]: the signed envelope and the body of each transaction type.
//! - [`apply`](mod@apply): the pure, deterministic state machine.
//! - [`state`]: one key per fact, canonical JSON values.
//! - [`proof`]: verification of ICS23 membership and non-membership proofs against an app hash
//!   (pure, used in the browser).
//! - `app` and `store` (native only): the ABCI-shaped application over a Jellyfish Merkle Tree
//!   that commits the state and generates the proofs.
//!
//! The format is specified in docs/ledger-format.md.

pub mod apply;
pub mod epc;
pub mod error;
pub mod genesis;
pub mod proof;
pub mod state;
pub mod time;
pub mod tx;

#[cfg(not(target_arch = "wasm32"))]
pub mod app;
#[cfg(not(target_arch = "wasm32"))]
pub mod store;

pub use apply::{apply, Applied, BlockCtx, LedgerEvent};
pub use error::{LedgerError, ProofError, Reject};

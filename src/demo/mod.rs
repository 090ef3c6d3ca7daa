//! The demo chain (native only): a CometBFT chain of 10,000 heights produced in memory from a
//! fixed seed, with the ledger applied to every transaction, and the scenario bundles, trust
//! file and QR codes the web app shows (docs/demo-chain.md).

// `encode`, `scenarios` and `story` only handle the data set the tool builds itself from a fixed
// seed (never a request), and index into it by construction; a slip there fails the tool's own
// tests, not a verifier. The modules that read requests (`http`, `rpc`) keep the crate's
// no-panic lints.
pub mod bundle;
pub mod chain;
#[allow(clippy::indexing_slicing, clippy::string_slice)]
pub mod encode;
pub mod hashes;
pub mod http;
pub mod rpc;
#[allow(clippy::indexing_slicing, clippy::string_slice)]
pub mod scenarios;
#[allow(clippy::indexing_slicing, clippy::string_slice)]
pub mod story;

//! The demo chain (native only): a CometBFT chain of 10,000 heights produced in memory from a
//! fixed seed, with the ledger applied to every transaction, and the scenario bundles, trust
//! file and QR codes the web app shows (docs/demo-chain.md).

pub mod bundle;
pub mod chain;
pub mod encode;
pub mod hashes;
pub mod http;
pub mod rpc;
pub mod scenarios;
pub mod story;

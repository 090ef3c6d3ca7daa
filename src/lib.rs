//! # medproof
//!
//! Verify healthcare data held on a CometBFT chain in the browser, trusting no server.
//!
//! The crate is a pure verification core plus a thin WebAssembly adapter:
//!
//! - [`crypto`]: SHA-256, Ed25519 under two named rules (ZIP-215 for consensus, strict RFC 8032
//!   for application signatures), and RFC 9162 Merkle trees and proofs.
//! - [`light`]: a CometBFT light client (headers, commits, validator sets, bisection).
//! - [`ledger`]: the healthcare ledger's transactions and provable state.
//! - [`verify`]: the questions people ask (is this pack genuine, is this licence valid, ...).
//! - `wasm` (only compiled into the WebAssembly build's API surface): `#[wasm_bindgen]` adapters.
//!
//! Everything outside `wasm` is deterministic: no I/O, no clock reads, no JavaScript types.
//! Every fallible function returns a typed error with a stable string [`code`](error::Coded).

#![forbid(unsafe_code)]
#![deny(missing_docs)]
// No panic reachable from input: a panic in WebAssembly poisons the module for the page, so the
// verifier neither indexes nor slices (it uses `get`, patterns and fixed-size arrays), nor
// unwraps, nor panics. Fuzzing checks this empirically; these lints make it structural. Tests
// may panic: that is how they fail.
#![deny(
    clippy::indexing_slicing,
    clippy::string_slice,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::unreachable,
    clippy::todo,
    clippy::unimplemented
)]
#![cfg_attr(
    test,
    allow(
        clippy::indexing_slicing,
        clippy::string_slice,
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::unreachable
    )
)]

mod calendar;
pub mod crypto;
#[cfg(not(target_arch = "wasm32"))]
pub mod demo;
pub mod error;
pub(crate) mod json;
pub mod ledger;
pub mod light;
pub mod verify;

pub mod wasm;

pub use error::{Coded, Error};

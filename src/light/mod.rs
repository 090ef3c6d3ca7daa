//! A CometBFT light client: headers, commits, validator sets and their verification.
//!
//! # How the pieces fit
//!
//! **Data** ([`header`], [`commit`], [`validator`], [`light_block`], [`rpc`]): serde types in
//! CometBFT's own JSON shapes (0.34, 0.37 and 0.38 agree on everything used here). They parse
//! what a CometBFT node's JSON-RPC returns (`genesis`, `block`, `commit`, `validators`, `tx`,
//! `tx_search` with `prove=true`) and serialize back to the same shapes, so a demo chain built
//! with these types can be served through a CometBFT-compatible RPC endpoint.
//!
//! **Hashing** ([`proto`], [`header`], [`validator`], [`vote`], [`tx`]): byte-exact with
//! CometBFT. A tiny hand-written protobuf encoder produces the encodings CometBFT hashes and
//! signs; [`Header::hash`] is the RFC 6962 Merkle root of the 14 encoded header fields,
//! [`ValidatorSet::hash`] the root over `SimpleValidator`s, [`vote_sign_bytes`] the
//! length-delimited `CanonicalVote` a precommit signs, [`data_hash`] the root over transaction
//! hashes. Proven on a real CometBFT 0.37 node's output in `tests/light_kvstore.rs`.
//!
//! **Verification** ([`verifier`], [`verdict`], [`options`]; tallies in the private `voting`
//! module): pure predicates; the time is passed in. [`verify_light_block`] judges one
//! untrusted [`LightBlock`] against a [`TrustedState`] and returns a [`Verdict`]: `Success`,
//! `NotEnoughTrust` (skip less far), or `Invalid(reason)` with a stable code such as
//! `light.insufficient_signers`. All commit signatures are checked in one ZIP-215 batch, and
//! both power tallies (trust level over the trusted next validators, 2/3 over the block's own)
//! come from that one pass. [`verify_commit`] checks a block against its own validator set only.
//!
//! **Driving** ([`bisection`]): [`Bisection`] is a state machine that says which height it
//! needs next and accepts the block when it arrives, so a synchronous Rust
//! [`LightBlockProvider`] ([`verify_to`]) and an asynchronous JavaScript provider (in
//! `src/wasm/light.rs`) drive the same code. It skips ahead as CometBFT's light client does,
//! halving the distance on `NotEnoughTrust`, and returns the trace of verified heights.
//!
//! **Forks** ([`fork`]): [`detect_fork`] checks a primary's block against witnesses' blocks
//! for the same height; two different headers that both verify from the trusted state are
//! reported together as a [`Conflict`], never resolved silently.
//!
//! **Transactions** ([`tx`]): [`verify_tx_proof`] checks a `TxProof` against a verified
//! header's `data_hash` and hands back the transaction bytes.
//!
//! **Signing** ([`sign`]): helpers to build and sign commits, for generated test and demo
//! chains.
//!
//! # Choices worth knowing
//!
//! - Validator sets are kept in CometBFT's order (power descending, then address), on
//!   construction and when parsed; a node's RPC output is already in that order, and other
//!   producers (genesis files, tendermint-rs's vectors) hash correctly only after sorting.
//! - Every present commit signature is verified, as CometBFT's light client does since
//!   `VerifyCommitLightAllSignatures`; tendermint-rs stops once enough power is tallied, so a
//!   forged signature past that point is refused here and accepted there (the differential
//!   test, `tests/light_differential.rs`, checks this is the only difference).
//! - Nil votes are verified (over sign bytes without a block ID) but add no power; absent votes
//!   are skipped; signers in neither validator set are ignored; a validator is counted once.
//! - A validator's JSON `address` is not covered by the validator-set hash, so it must equal the
//!   address derived from its key.
//! - Non-adjacent steps require more than the trust level of the trusted **next** validator
//!   set's power (the light-client specification and tendermint-rs; CometBFT's Go client uses
//!   the trusted height's own set, which for a checkpoint of a running chain is the same or
//!   one change apart). A trusted state therefore carries its next validator set.
//! - Only Ed25519 validator keys are supported; other key types fail to parse.
//!
//! In JavaScript (`src/wasm/light.rs`): `verifyLightBlock`, `detectFork`, `verifyTxProof` and
//! the `LightClient` class (`verifyTo(height, provider, now?)` with a provider object whose
//! `lightBlock(height)` returns a Promise of a light block or of `{commit, validators,
//! next_validators}` RPC responses).

pub mod bisection;
pub mod commit;
pub mod error;
pub mod fork;
pub mod header;
pub(crate) mod json;
pub mod light_block;
pub mod options;
pub mod proto;
pub mod results;
pub mod rpc;
pub mod sign;
pub(crate) mod small_sort;
pub mod time;
pub mod tx;
pub mod validator;
pub mod verdict;
pub mod verifier;
pub mod vote;
mod voting;

pub use bisection::{verify_to, Bisection, LightBlockProvider, Need, Outcome};
pub use commit::{BlockIdFlag, Commit, CommitSig, SignedHeader};
pub use error::LightError;
pub use fork::{detect_fork, Conflict, ForkReport, WitnessOutcome};
pub use header::{BlockId, Header, PartSetHeader, Version};
pub use light_block::{LightBlock, TrustedState};
pub use options::{Options, TrustThreshold};
pub use results::{results_hash, verify_result_proof, ExecResult, ResultProof};
pub use time::Time;
pub use tx::{data_hash, tx_hash, verify_tx_proof, verify_tx_response, TxProof};
pub use validator::{PubKey, Validator, ValidatorSet};
pub use verdict::{Reason, Verdict};
pub use verifier::{verify_commit, verify_light_block};
pub use vote::vote_sign_bytes;

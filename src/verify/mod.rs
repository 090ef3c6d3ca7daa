//! The verifiers people use: medicines, credentials, records with consent, contract claims.
//!
//! This module holds the standalone building blocks that the complete verifiers combine with the
//! light client ([`crate::light`]) and the ledger's state proofs ([`crate::ledger`]):
//!
//! - [`gs1`]: what a medicine pack's barcode says (GS1 Digital Link URIs and element strings).
//! - [`credential`]: W3C Verifiable Credentials 2.0 secured with Data Integrity `eddsa-jcs-2022`.
//! - [`status_list`]: W3C Bitstring Status Lists (is credential N revoked or suspended?).
//! - [`report`]: the verdict every verifier returns, with reasons, facts and evidence.
//! - [`date`]: calendar dates and instants (no clock: "now" is always passed in).
//!
//! Every error has a stable code (see `docs/reason-codes.md`).

pub mod bundle;
pub mod chargeback;
mod common;
pub mod consent;
pub mod credential;
pub mod credential_check;
pub mod date;
mod error;
pub mod gs1;
pub mod medicine;
pub mod record;
pub mod report;
pub mod status_list;

pub use chargeback::verify_chargeback;
pub use common::STALE;
pub use consent::verify_consent;
pub use credential_check::verify_credential;
pub use error::VerifyError;
pub use medicine::verify_medicine;
pub use record::verify_record;
pub use report::{Reason, Report, Severity, Verdict};

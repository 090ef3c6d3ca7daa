//! The ledger's typed errors: why a transaction was rejected (`ledger.*`) and why a state proof
//! does not verify (`state.*`).
//!
//! Both codes are stable: a transaction's reject code is what an ABCI application reports in its
//! `DeliverTx` log, and what a wallet shows; a proof's code is what the browser verifier reports.

use crate::error::Coded;

/// Why the state machine refused a transaction. A rejected transaction changes nothing.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Reject {
    /// The transaction bytes are not a JSON envelope `{type, body, signer, sig}`.
    #[error("malformed transaction: {0}")]
    MalformedTx(String),
    /// The transaction is larger than a block may carry for one transaction.
    #[error("transaction of {0} bytes is larger than the limit")]
    TxTooLarge(usize),
    /// The `type` is not one this ledger knows.
    #[error("unknown transaction type {0:?}")]
    UnknownType(String),
    /// The body does not fit its type's schema, or a field's value is malformed.
    #[error("bad body: {0}")]
    BadBody(String),
    /// The signer is not an Ed25519 `did:key`.
    #[error("the signer is not an Ed25519 did:key")]
    BadSigner,
    /// The signature is malformed or does not verify (strict RFC 8032) over the signing bytes.
    #[error("the signature does not verify")]
    BadSignature,
    /// The body's `chainId` is not this chain's.
    #[error("transaction for chain {got:?}, this is {expected:?}")]
    WrongChain {
        /// This chain.
        expected: String,
        /// The body's chain.
        got: String,
    },
    /// The body's `sequence` is not the signer's next one.
    #[error("sequence {got}, the signer's next is {expected}")]
    BadSequence {
        /// The next sequence.
        expected: u64,
        /// The body's sequence.
        got: u64,
    },
    /// The signer is not the regulator named in genesis.
    #[error("only the regulator may do this")]
    NotRegulator,
    /// The signer holds no accreditation for a role this needs, valid at block time.
    #[error("not accredited for {0} at block time")]
    NotAccredited(String),
    /// The accreditation to revoke or the party named does not exist.
    #[error("unknown actor {0}")]
    ActorUnknown(String),
    /// A party named (for example a shipment's destination) is not accredited.
    #[error("party {0} is not an accredited actor")]
    UnknownParty(String),
    /// The accreditation is already revoked.
    #[error("accreditation of {0} is already revoked")]
    AlreadyRevoked(String),
    /// A serial (or container) the event names has never been commissioned (packed).
    #[error("unknown serial or container {0}")]
    SerialUnknown(String),
    /// Commissioning (or repackaging into) a serial that already exists.
    #[error("serial {0} already exists")]
    SerialExists(String),
    /// The signer does not hold the object (or was not its shipper).
    #[error("{0} is not held by the signer")]
    NotHolder(String),
    /// Receiving an object that was shipped to someone else.
    #[error("{0} was shipped to another party")]
    NotRecipient(String),
    /// The object's current status does not allow this event (shipping before commissioning
    /// cannot happen, but shipping what is in transit, dispensed or destroyed can be tried).
    #[error("{what} is {status}; {event} is not allowed")]
    BadStatus {
        /// The object.
        what: String,
        /// Its status.
        status: String,
        /// The event tried.
        event: String,
    },
    /// The serial is packed in a container and must be unpacked first.
    #[error("{0} is packed in a container")]
    InContainer(String),
    /// The container exists already (packing) or the child is not in it (unpacking).
    #[error("container conflict: {0}")]
    ContainerConflict(String),
    /// Commissioning into an existing lot with a different expiry or owner.
    #[error("lot mismatch: {0}")]
    LotMismatch(String),
    /// A recalled lot or serial cannot be moved on (only recalls, destruction, alerts).
    #[error("{0} is recalled")]
    Recalled(String),
    /// The lot named does not exist.
    #[error("unknown lot {0}")]
    LotUnknown(String),
    /// The signer may not recall this lot or serial (only its owner or the regulator may).
    #[error("only the owner or the regulator may recall {0}")]
    NotOwner(String),
    /// The record anchor exists already (anchors are immutable).
    #[error("record {0} is already anchored")]
    RecordExists(String),
    /// The signer is not the patient named in the body.
    #[error("only the patient may sign this")]
    NotPatient,
    /// There is no consent between this patient and grantee.
    #[error("no consent to revoke")]
    ConsentUnknown,
    /// The consent is already revoked.
    #[error("the consent is already revoked")]
    ConsentRevoked,
    /// A status list version that does not supersede the last by exactly one.
    #[error("status list version {got}, the next is {expected}")]
    StaleVersion {
        /// The next version.
        expected: u64,
        /// The version given.
        got: u64,
    },
    /// A hash that does not match the bytes it describes.
    #[error("hash mismatch: {0}")]
    HashMismatch(String),
    /// A contract with this id exists already.
    #[error("contract {0} exists already")]
    ContractExists(String),
    /// No contract with this id.
    #[error("unknown contract {0}")]
    ContractUnknown(String),
    /// The contract is not in force (not accepted, or not valid at that time).
    #[error("contract {0} is not in force")]
    ContractNotInForce(String),
    /// The signer (or a party named) is not the party of the contract this needs.
    #[error("not the contract's {0}")]
    NotParty(String),
    /// The accepted terms hash is not the proposed terms' hash.
    #[error("the accepted terms are not the proposed terms")]
    TermsMismatch,
    /// The shipment referenced does not exist.
    #[error("unknown shipment {0}")]
    ShipmentUnknown(String),
    /// The shipment does not fit the invoice or claim (parties, products, quantities, prices).
    #[error("shipment mismatch: {0}")]
    ShipmentMismatch(String),
    /// This shipment was already invoiced, or already claimed, under this contract.
    #[error("already {0} under this contract")]
    Duplicate(String),
    /// Dispensing a pack past its expiry date.
    #[error("{0} is past its expiry date")]
    Expired(String),
    /// An internal inconsistency: a stored value does not parse. Never caused by a transaction.
    #[error("corrupt state at {0}")]
    CorruptState(String),
}

impl Coded for Reject {
    fn code(&self) -> &'static str {
        match self {
            Reject::MalformedTx(_) => "ledger.malformed_tx",
            Reject::TxTooLarge(_) => "ledger.tx_too_large",
            Reject::UnknownType(_) => "ledger.unknown_type",
            Reject::BadBody(_) => "ledger.bad_body",
            Reject::BadSigner => "ledger.bad_signer",
            Reject::BadSignature => "ledger.bad_signature",
            Reject::WrongChain { .. } => "ledger.wrong_chain",
            Reject::BadSequence { .. } => "ledger.bad_sequence",
            Reject::NotRegulator => "ledger.not_regulator",
            Reject::NotAccredited(_) => "ledger.not_accredited",
            Reject::ActorUnknown(_) => "ledger.actor_unknown",
            Reject::UnknownParty(_) => "ledger.unknown_party",
            Reject::AlreadyRevoked(_) => "ledger.already_revoked",
            Reject::SerialUnknown(_) => "ledger.serial_unknown",
            Reject::SerialExists(_) => "ledger.serial_exists",
            Reject::NotHolder(_) => "ledger.not_holder",
            Reject::NotRecipient(_) => "ledger.not_recipient",
            Reject::BadStatus { .. } => "ledger.bad_status",
            Reject::InContainer(_) => "ledger.in_container",
            Reject::ContainerConflict(_) => "ledger.container_conflict",
            Reject::LotMismatch(_) => "ledger.lot_mismatch",
            Reject::Recalled(_) => "ledger.recalled",
            Reject::LotUnknown(_) => "ledger.lot_unknown",
            Reject::NotOwner(_) => "ledger.not_owner",
            Reject::RecordExists(_) => "ledger.record_exists",
            Reject::NotPatient => "ledger.not_patient",
            Reject::ConsentUnknown => "ledger.consent_unknown",
            Reject::ConsentRevoked => "ledger.consent_revoked",
            Reject::StaleVersion { .. } => "ledger.stale_version",
            Reject::HashMismatch(_) => "ledger.hash_mismatch",
            Reject::ContractExists(_) => "ledger.contract_exists",
            Reject::ContractUnknown(_) => "ledger.contract_unknown",
            Reject::ContractNotInForce(_) => "ledger.contract_not_in_force",
            Reject::NotParty(_) => "ledger.not_party",
            Reject::TermsMismatch => "ledger.terms_mismatch",
            Reject::ShipmentUnknown(_) => "ledger.shipment_unknown",
            Reject::ShipmentMismatch(_) => "ledger.shipment_mismatch",
            Reject::Duplicate(_) => "ledger.duplicate",
            Reject::Expired(_) => "ledger.expired",
            Reject::CorruptState(_) => "ledger.corrupt_state",
        }
    }
}

impl Reject {
    /// A stable non-zero ABCI result code for this reject (0 means success in ABCI). The numbers
    /// are part of the ledger format (docs/ledger-format.md) and never reused.
    pub fn abci_code(&self) -> u32 {
        match self {
            Reject::MalformedTx(_) => 1,
            Reject::TxTooLarge(_) => 2,
            Reject::UnknownType(_) => 3,
            Reject::BadBody(_) => 4,
            Reject::BadSigner => 5,
            Reject::BadSignature => 6,
            Reject::WrongChain { .. } => 7,
            Reject::BadSequence { .. } => 8,
            Reject::NotRegulator => 9,
            Reject::NotAccredited(_) => 10,
            Reject::ActorUnknown(_) => 11,
            Reject::UnknownParty(_) => 12,
            Reject::AlreadyRevoked(_) => 13,
            Reject::SerialUnknown(_) => 14,
            Reject::SerialExists(_) => 15,
            Reject::NotHolder(_) => 16,
            Reject::NotRecipient(_) => 17,
            Reject::BadStatus { .. } => 18,
            Reject::InContainer(_) => 19,
            Reject::ContainerConflict(_) => 20,
            Reject::LotMismatch(_) => 21,
            Reject::Recalled(_) => 22,
            Reject::LotUnknown(_) => 23,
            Reject::NotOwner(_) => 24,
            Reject::RecordExists(_) => 25,
            Reject::NotPatient => 26,
            Reject::ConsentUnknown => 27,
            Reject::ConsentRevoked => 28,
            Reject::StaleVersion { .. } => 29,
            Reject::HashMismatch(_) => 30,
            Reject::ContractExists(_) => 31,
            Reject::ContractUnknown(_) => 32,
            Reject::ContractNotInForce(_) => 33,
            Reject::NotParty(_) => 34,
            Reject::TermsMismatch => 35,
            Reject::ShipmentUnknown(_) => 36,
            Reject::ShipmentMismatch(_) => 37,
            Reject::Duplicate(_) => 38,
            Reject::CorruptState(_) => 39,
            Reject::Expired(_) => 40,
        }
    }
}

/// Why a state proof does not show what it claims.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ProofError {
    /// The proof is not a well-formed ICS23 proof of the JMT spec (encoding, shape, hash ops,
    /// neighbour order, a ProofOps list that is not exactly one `ics23:jmt` op).
    #[error("invalid state proof: {0}")]
    ProofInvalid(String),
    /// The proof is well formed but leads to another root than the app hash.
    #[error("the proof leads to another root than the app hash")]
    RootMismatch,
    /// The proof is about another key than the one asked about.
    #[error("the proof is about another key")]
    KeyMismatch,
    /// A membership proof of the key, but with another value.
    #[error("the proven value differs from the expected value")]
    ValueMismatch,
    /// Asked to prove absence, the proof shows the key is present.
    #[error("the key is present in the state")]
    KeyPresent,
    /// Asked to prove presence, the proof shows the key is absent.
    #[error("the key is absent from the state")]
    KeyAbsent,
    /// A path longer than the spec's maximum depth.
    #[error("proof path of {0} steps is deeper than the spec allows")]
    TooDeep(usize),
    /// The app hash is not 32 bytes, or another input is malformed.
    #[error("bad input: {0}")]
    BadInput(String),
}

impl Coded for ProofError {
    fn code(&self) -> &'static str {
        match self {
            ProofError::ProofInvalid(_) => "state.proof_invalid",
            ProofError::RootMismatch => "state.root_mismatch",
            ProofError::KeyMismatch => "state.key_mismatch",
            ProofError::ValueMismatch => "state.value_mismatch",
            ProofError::KeyPresent => "state.key_present",
            ProofError::KeyAbsent => "state.key_absent",
            ProofError::TooDeep(_) => "state.too_deep",
            ProofError::BadInput(_) => "state.bad_input",
        }
    }
}

/// The ledger area's error, as carried by [`crate::Error`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum LedgerError {
    /// A transaction was rejected.
    #[error(transparent)]
    Reject(#[from] Reject),
    /// A state proof does not verify.
    #[error(transparent)]
    Proof(#[from] ProofError),
}

impl Coded for LedgerError {
    fn code(&self) -> &'static str {
        match self {
            LedgerError::Reject(e) => e.code(),
            LedgerError::Proof(e) => e.code(),
        }
    }
}

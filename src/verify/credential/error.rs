//! Why a credential or its proof was rejected.

use crate::crypto::did_key::DidKeyError;
use crate::error::Coded;

/// A rejected Verifiable Credential or Data Integrity proof. Codes are `credential.<reason>`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CredentialError {
    /// The input is not JSON.
    #[error("not JSON: {0}")]
    NotJson(String),
    /// The JSON does not have the shape of a credential or proof.
    #[error("malformed credential: {0}")]
    Malformed(String),
    /// The document carries no `proof`.
    #[error("the credential has no proof")]
    NoProof,
    /// The document carries several proofs (a proof set or chain), which is not supported.
    #[error("proof sets and chains are not supported: exactly one proof is expected")]
    ProofSet,
    /// The proof's `type` is not `DataIntegrityProof`.
    #[error("proof type \"{0}\" is not DataIntegrityProof")]
    ProofType(String),
    /// The proof's `cryptosuite` is not `eddsa-jcs-2022`.
    #[error("cryptosuite \"{0}\" is not eddsa-jcs-2022")]
    Cryptosuite(String),
    /// The proof's `proofPurpose` is not `assertionMethod` (what an issuer's proof must say).
    #[error("proof purpose \"{0}\" is not assertionMethod")]
    ProofPurpose(String),
    /// The proof's `created` is not an XML Schema date-time with a time zone.
    #[error("proof created \"{0}\" is not a valid date-time")]
    BadCreated(String),
    /// The proof's `@context` is not the start of the document's `@context`.
    #[error("the proof's @context does not match the start of the document's @context")]
    ContextMismatch,
    /// `proofValue` is not a base58btc multibase (`z...`) encoding of 64 bytes.
    #[error("bad proofValue: {0}")]
    BadProofValue(String),
    /// The verification method is not a resolvable Ed25519 `did:key`.
    #[error("verification method cannot be resolved: {0} ({code})", code = .0.code())]
    VerificationMethod(DidKeyError),
    /// The Ed25519 signature (strict RFC 8032 rules) does not verify over the hash data.
    #[error("the proof's signature does not verify: the credential or its proof was changed, or signed by another key")]
    BadSignature,
    /// The document cannot be canonicalized (RFC 8785).
    #[error("cannot canonicalize: {0}")]
    Canonicalization(String),
    /// The credential has no `issuer` (a URL, or an object with an `id`).
    #[error("the credential has no issuer")]
    NoIssuer,
    /// The issuer is not the controller of the key that signed.
    #[error("issuer {issuer} is not the controller {controller} of the signing key")]
    IssuerMismatch {
        /// The credential's issuer.
        issuer: String,
        /// The DID that controls the verification method.
        controller: String,
    },
    /// The first `@context` is not the VC 2.0 context.
    #[error("the first @context is not https://www.w3.org/ns/credentials/v2")]
    MissingVcContext,
    /// `type` does not include `VerifiableCredential`.
    #[error("type does not include VerifiableCredential")]
    NotACredential,
    /// `validFrom` or `validUntil` is not a date-time with a time zone.
    #[error("{field} \"{value}\" is not a valid date-time")]
    BadDate {
        /// Which field.
        field: &'static str,
        /// Its value.
        value: String,
    },
    /// `now` is before `validFrom`.
    #[error("not valid before {0}")]
    NotYetValid(String),
    /// `now` is after `validUntil`.
    #[error("expired at {0}")]
    Expired(String),
    /// The proof says it was created after `now`.
    #[error("the proof claims to be created at {0}, after the time of verification")]
    CreatedInFuture(String),
    /// A secret key is not a multibase Ed25519 secret key (`0x8026` multicodec, 32 bytes).
    #[error("not a multibase Ed25519 secret key")]
    BadSecretKey,
}

impl Coded for CredentialError {
    fn code(&self) -> &'static str {
        match self {
            CredentialError::NotJson(_) => "credential.not_json",
            CredentialError::Malformed(_) => "credential.malformed",
            CredentialError::NoProof => "credential.no_proof",
            CredentialError::ProofSet => "credential.proof_set",
            CredentialError::ProofType(_) => "credential.proof_type",
            CredentialError::Cryptosuite(_) => "credential.cryptosuite",
            CredentialError::ProofPurpose(_) => "credential.proof_purpose",
            CredentialError::BadCreated(_) => "credential.bad_created",
            CredentialError::ContextMismatch => "credential.context_mismatch",
            CredentialError::BadProofValue(_) => "credential.bad_proof_value",
            CredentialError::VerificationMethod(_) => "credential.verification_method",
            CredentialError::BadSignature => "credential.bad_signature",
            CredentialError::Canonicalization(_) => "credential.canonicalization",
            CredentialError::NoIssuer => "credential.no_issuer",
            CredentialError::IssuerMismatch { .. } => "credential.issuer_mismatch",
            CredentialError::MissingVcContext => "credential.missing_vc_context",
            CredentialError::NotACredential => "credential.not_a_credential",
            CredentialError::BadDate { .. } => "credential.bad_date",
            CredentialError::NotYetValid(_) => "credential.not_yet_valid",
            CredentialError::Expired(_) => "credential.expired",
            CredentialError::CreatedInFuture(_) => "credential.created_in_future",
            CredentialError::BadSecretKey => "credential.bad_secret_key",
        }
    }
}

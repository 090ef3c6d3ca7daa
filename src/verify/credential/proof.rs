//! Data Integrity proofs with the `eddsa-jcs-2022` cryptosuite (W3C Data Integrity EdDSA
//! Cryptosuites v1.0, section 3.3), creating and verifying them, with every intermediate value
//! exposed in a [`ProofTrace`].
//!
//! Verification (section 3.3.2): the unsecured document is the document without `proof`; the
//! proof options are the proof without `proofValue`. When the proof options carry an `@context`,
//! the document's `@context` must start with the same values, and the unsecured document takes
//! the proof's `@context`. Both are canonicalized with JCS (RFC 8785); `hashData` is
//! `SHA-256(canonical proof options) ‖ SHA-256(canonical document)`, and `proofValue` is the
//! base58btc multibase of an Ed25519 signature over `hashData`. Signatures are checked under the
//! strict RFC 8032 rule, and the key comes from the `did:key` verification method, resolved
//! locally.

use serde::{Serialize, Serializer};
use serde_json::{Map, Value};

use super::error::CredentialError;
use crate::crypto::did_key;
use crate::crypto::ed25519::{self, PublicKey, Rule, Signature, SigningKey};
use crate::crypto::encoding::to_hex;
use crate::crypto::jcs;
use crate::crypto::sha256::sha256;
use crate::verify::date::Instant;

/// The proof type this module handles.
pub const PROOF_TYPE: &str = "DataIntegrityProof";
/// The cryptosuite this module handles.
pub const CRYPTOSUITE: &str = "eddsa-jcs-2022";
/// The proof purpose of an issuer's proof.
pub const ASSERTION_METHOD: &str = "assertionMethod";

fn hex<S: Serializer, B: AsRef<[u8]>>(bytes: &B, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&to_hex(bytes.as_ref()))
}

fn hex_key<S: Serializer>(key: &Option<PublicKey>, s: S) -> Result<S::Ok, S::Error> {
    match key {
        Some(k) => s.serialize_str(&to_hex(&k.0)),
        None => s.serialize_none(),
    }
}

/// Every intermediate value of an `eddsa-jcs-2022` proof, for display and for checking an
/// implementation against the W3C test vectors. Hashes and keys serialize as lower-case hex.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ProofTrace {
    /// The JCS form of the document without its proof (`canonDocJCS`).
    pub canonical_document: String,
    /// The JCS form of the proof options (`proofCanonJCS`).
    pub canonical_proof_config: String,
    /// SHA-256 of the canonical document (`docHashJCS`).
    #[serde(serialize_with = "hex")]
    pub document_hash: [u8; 32],
    /// SHA-256 of the canonical proof options (`proofHashJCS`).
    #[serde(serialize_with = "hex")]
    pub proof_config_hash: [u8; 32],
    /// `proof_config_hash ‖ document_hash`, the signed bytes (`combinedHashJCS`).
    #[serde(serialize_with = "hex")]
    pub hash_data: [u8; 64],
    /// The signature (`sigHexJCS`).
    #[serde(serialize_with = "hex")]
    pub signature: [u8; 64],
    /// The signature as written, base58btc multibase (`sigBTC58JCS`).
    pub proof_value: String,
    /// The proof's verification method.
    pub verification_method: String,
    /// The public key the verification method resolves to, if it does.
    #[serde(serialize_with = "hex_key")]
    pub public_key: Option<PublicKey>,
    /// The proof's `created`, if given.
    pub created: Option<String>,
    /// The proof's purpose.
    pub proof_purpose: Option<String>,
}

/// `hashData` of canonical proof options and a canonical document (section 3.3.4).
pub fn hash_data(canonical_proof_config: &[u8], canonical_document: &[u8]) -> [u8; 64] {
    let mut out = [0u8; 64];
    out[..32].copy_from_slice(&sha256(canonical_proof_config));
    out[32..].copy_from_slice(&sha256(canonical_document));
    out
}

fn canonical(value: &Value) -> Result<String, CredentialError> {
    let bytes =
        jcs::canonicalize(value).map_err(|e| CredentialError::Canonicalization(e.to_string()))?;
    String::from_utf8(bytes).map_err(|e| CredentialError::Canonicalization(e.to_string()))
}

fn str_field<'a>(map: &'a Map<String, Value>, key: &str) -> Option<&'a str> {
    map.get(key).and_then(Value::as_str)
}

/// The one proof of a secured document (an object, or an array holding exactly one object).
fn the_proof(doc: &Map<String, Value>) -> Result<&Map<String, Value>, CredentialError> {
    match doc.get("proof") {
        None => Err(CredentialError::NoProof),
        Some(Value::Object(p)) => Ok(p),
        Some(Value::Array(list)) => match list.as_slice() {
            [Value::Object(p)] => Ok(p),
            [] => Err(CredentialError::NoProof),
            [_] => Err(CredentialError::Malformed("proof is not an object".into())),
            _ => Err(CredentialError::ProofSet),
        },
        Some(_) => Err(CredentialError::Malformed("proof is not an object".into())),
    }
}

/// Check the proof options' `type`, `cryptosuite` and `created` (section 3.3.5).
fn check_options(options: &Map<String, Value>) -> Result<(), CredentialError> {
    match str_field(options, "type") {
        Some(PROOF_TYPE) => {}
        other => {
            return Err(CredentialError::ProofType(
                other.unwrap_or_default().to_owned(),
            ))
        }
    }
    match str_field(options, "cryptosuite") {
        Some(CRYPTOSUITE) => {}
        other => {
            return Err(CredentialError::Cryptosuite(
                other.unwrap_or_default().to_owned(),
            ))
        }
    }
    if let Some(created) = options.get("created") {
        let text = created.as_str().unwrap_or_default();
        Instant::parse(text).map_err(|_| CredentialError::BadCreated(text.to_owned()))?;
    }
    Ok(())
}

/// A `@context` value as a list (a single string or object is a list of one).
fn context_list(v: &Value) -> Vec<&Value> {
    match v {
        Value::Array(a) => a.iter().collect(),
        other => vec![other],
    }
}

/// Parse a `z...` multibase Ed25519 signature.
pub fn decode_proof_value(s: &str) -> Result<Signature, CredentialError> {
    let b58 = s
        .strip_prefix('z')
        .ok_or_else(|| CredentialError::BadProofValue("not base58btc multibase (z...)".into()))?;
    if b58.len() > 100 {
        return Err(CredentialError::BadProofValue(
            "too long for a signature".into(),
        ));
    }
    let bytes = bs58::decode(b58)
        .into_vec()
        .map_err(|_| CredentialError::BadProofValue("not base58".into()))?;
    Signature::from_slice(&bytes)
        .map_err(|_| CredentialError::BadProofValue(format!("{} bytes, not 64", bytes.len())))
}

/// The base58btc multibase form of a signature.
pub fn encode_proof_value(sig: &Signature) -> String {
    format!("z{}", bs58::encode(sig.0).into_string())
}

/// Compute every intermediate value of the document's proof, without judging the signature,
/// the purpose or the key (so that a failed proof can still be shown).
pub fn trace(secured: &Value) -> Result<ProofTrace, CredentialError> {
    let doc = secured
        .as_object()
        .ok_or_else(|| CredentialError::Malformed("not a JSON object".into()))?;
    let proof = the_proof(doc)?;
    let proof_value = str_field(proof, "proofValue")
        .ok_or_else(|| CredentialError::BadProofValue("missing".into()))?;
    let signature = decode_proof_value(proof_value)?;
    let mut options = proof.clone();
    options.remove("proofValue");
    check_options(&options)?;
    let mut unsecured = doc.clone();
    unsecured.remove("proof");
    if let Some(proof_context) = options.get("@context") {
        let wanted = context_list(proof_context);
        let have = doc.get("@context").map(context_list).unwrap_or_default();
        if have.len() < wanted.len() || have.iter().zip(&wanted).any(|(a, b)| a != b) {
            return Err(CredentialError::ContextMismatch);
        }
        unsecured.insert("@context".into(), proof_context.clone());
    }
    let canonical_document = canonical(&Value::Object(unsecured))?;
    let canonical_proof_config = canonical(&Value::Object(options.clone()))?;
    let verification_method = str_field(&options, "verificationMethod")
        .ok_or_else(|| CredentialError::Malformed("the proof has no verificationMethod".into()))?
        .to_owned();
    let hash_data = hash_data(
        canonical_proof_config.as_bytes(),
        canonical_document.as_bytes(),
    );
    Ok(ProofTrace {
        document_hash: sha256(canonical_document.as_bytes()),
        proof_config_hash: sha256(canonical_proof_config.as_bytes()),
        hash_data,
        signature: signature.0,
        proof_value: proof_value.to_owned(),
        public_key: did_key::from_did(&verification_method).ok(),
        verification_method,
        created: str_field(&options, "created").map(str::to_owned),
        proof_purpose: str_field(&options, "proofPurpose").map(str::to_owned),
        canonical_document,
        canonical_proof_config,
    })
}

/// Verify the document's `eddsa-jcs-2022` proof: its form, its purpose (`assertionMethod`), its
/// `did:key` verification method, and the strict Ed25519 signature over `hashData`.
pub fn verify(secured: &Value) -> Result<ProofTrace, CredentialError> {
    let trace = trace(secured)?;
    match trace.proof_purpose.as_deref() {
        Some(ASSERTION_METHOD) => {}
        other => {
            return Err(CredentialError::ProofPurpose(
                other.unwrap_or_default().to_owned(),
            ))
        }
    }
    let key = did_key::from_did(&trace.verification_method)
        .map_err(CredentialError::VerificationMethod)?;
    ed25519::verify(
        Rule::Strict,
        &key,
        &trace.hash_data,
        &Signature(trace.signature),
    )
    .map_err(|_| CredentialError::BadSignature)?;
    Ok(trace)
}

/// Sign `unsecured` (a JSON object without a proof) with `key`: adds an `eddsa-jcs-2022`
/// `DataIntegrityProof` created at `created`, for `assertionMethod`, whose verification method
/// is `verification_method` (by default the key's own `did:key`, `did:key:z6Mk...#z6Mk...`).
/// Returns the secured document and the trace of its proof.
pub fn sign(
    unsecured: &Value,
    key: &SigningKey,
    created: Instant,
    verification_method: Option<&str>,
) -> Result<(Value, ProofTrace), CredentialError> {
    let mut doc = unsecured
        .as_object()
        .ok_or_else(|| CredentialError::Malformed("not a JSON object".into()))?
        .clone();
    if doc.contains_key("proof") {
        return Err(CredentialError::Malformed(
            "the document already has a proof".into(),
        ));
    }
    let default_vm = {
        let public = did_key::to_multibase(&key.public_key());
        format!("did:key:{public}#{public}")
    };
    let mut proof = Map::new();
    proof.insert("type".into(), PROOF_TYPE.into());
    proof.insert("cryptosuite".into(), CRYPTOSUITE.into());
    proof.insert("created".into(), created.to_rfc3339().into());
    proof.insert(
        "verificationMethod".into(),
        verification_method.unwrap_or(&default_vm).into(),
    );
    proof.insert("proofPurpose".into(), ASSERTION_METHOD.into());
    if let Some(context) = doc.get("@context") {
        proof.insert("@context".into(), context.clone());
    }
    let canonical_proof_config = canonical(&Value::Object(proof.clone()))?;
    let canonical_document = canonical(&Value::Object(doc.clone()))?;
    let data = hash_data(
        canonical_proof_config.as_bytes(),
        canonical_document.as_bytes(),
    );
    let signature = key.sign(&data);
    proof.insert("proofValue".into(), encode_proof_value(&signature).into());
    doc.insert("proof".into(), Value::Object(proof));
    let secured = Value::Object(doc);
    let trace = trace(&secured)?;
    Ok((secured, trace))
}

//! Ed25519 signatures under two verification rules, named for their use.
//!
//! Ed25519 (RFC 8032) leaves verifiers some freedom: whether to accept non-canonical point
//! encodings, small-order public keys, and whether to check the cofactored or cofactorless
//! equation. Different libraries made different choices, so "valid signature" is not one set.
//!
//! - [`Rule::Zip215`] is the rule CometBFT validators' signatures are judged by (CometBFT's Go
//!   implementation verifies with ZIP-215 semantics, implemented here by `ed25519-consensus`). It is
//!   used **only for block commits**. A light client stricter than consensus would refuse headers
//!   the chain itself accepted, and then stall or report a fork that is not there; a looser one
//!   could accept a commit the chain refused. Matching consensus exactly is the only safe choice.
//!   ZIP-215 is also the rule under which single and batch verification agree exactly.
//! - [`Rule::Strict`] is RFC 8032 with `ed25519-dalek`'s `verify_strict`: canonical `S`, no
//!   small-order keys or `R`, no non-canonical encodings. It is used for **application signatures**
//!   (ledger events, credentials, consent), where nobody but medproof decides validity and the
//!   strictest rule removes malleability: one message, one key, one accepted signature encoding.

use ed25519_dalek::Signer as _;
use rand_core::{OsRng, RngCore};

use crate::crypto::encoding::to_array;
use crate::error::Coded;

/// Length of a public key in bytes.
pub const PUBLIC_KEY_LENGTH: usize = 32;
/// Length of a secret key (seed) in bytes.
pub const SECRET_KEY_LENGTH: usize = 32;
/// Length of a signature in bytes.
pub const SIGNATURE_LENGTH: usize = 64;

/// Which verification rule to apply. See the module docs for why there are two.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Rule {
    /// ZIP-215, as CometBFT consensus: for validators' commit signatures.
    Zip215,
    /// Strict RFC 8032 (`verify_strict`): for application signatures.
    Strict,
}

impl Rule {
    /// The rule's name as used in the JS API and reports (`"zip215"`, `"strict"`).
    pub fn name(self) -> &'static str {
        match self {
            Rule::Zip215 => "zip215",
            Rule::Strict => "strict",
        }
    }

    /// Parse a rule name (`"zip215"` or `"strict"`).
    pub fn from_name(name: &str) -> Option<Rule> {
        match name {
            "zip215" => Some(Rule::Zip215),
            "strict" => Some(Rule::Strict),
            _ => None,
        }
    }
}

/// Errors from Ed25519 keys and signatures.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Ed25519Error {
    /// The bytes are not a public key acceptable under the rule.
    #[error("invalid Ed25519 public key")]
    BadPublicKey,
    /// The signature does not verify under the rule.
    #[error("Ed25519 signature does not verify under the {rule} rule")]
    BadSignature {
        /// The rule's name.
        rule: &'static str,
    },
    /// One or more signatures in a batch do not verify (the batch does not say which).
    #[error("a signature in the batch does not verify under the {rule} rule")]
    BadBatch {
        /// The rule's name.
        rule: &'static str,
    },
    /// A key, seed or signature of the wrong length.
    #[error("{what} must be {expected} bytes, got {actual}")]
    BadLength {
        /// What the value is.
        what: &'static str,
        /// The required length.
        expected: usize,
        /// The given length.
        actual: usize,
    },
}

impl Coded for Ed25519Error {
    fn code(&self) -> &'static str {
        match self {
            Ed25519Error::BadPublicKey => "ed25519.bad_public_key",
            Ed25519Error::BadSignature { .. } => "ed25519.bad_signature",
            Ed25519Error::BadBatch { .. } => "ed25519.bad_batch",
            Ed25519Error::BadLength { .. } => "ed25519.bad_length",
        }
    }
}

fn fixed<const N: usize>(what: &'static str, bytes: &[u8]) -> Result<[u8; N], Ed25519Error> {
    to_array::<N>(what, bytes).map_err(|_| Ed25519Error::BadLength {
        what,
        expected: N,
        actual: bytes.len(),
    })
}

/// An Ed25519 public key: 32 bytes, not yet checked to be a valid point (each rule checks it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PublicKey(pub [u8; PUBLIC_KEY_LENGTH]);

impl PublicKey {
    /// From a 32-byte slice.
    pub fn from_slice(bytes: &[u8]) -> Result<Self, Ed25519Error> {
        Ok(PublicKey(fixed("public key", bytes)?))
    }

    /// The key's bytes.
    pub fn as_bytes(&self) -> &[u8; PUBLIC_KEY_LENGTH] {
        &self.0
    }
}

/// An Ed25519 signature: 64 bytes (`R ‖ S`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Signature(pub [u8; SIGNATURE_LENGTH]);

impl Signature {
    /// From a 64-byte slice.
    pub fn from_slice(bytes: &[u8]) -> Result<Self, Ed25519Error> {
        Ok(Signature(fixed("signature", bytes)?))
    }

    /// The signature's bytes.
    pub fn as_bytes(&self) -> &[u8; SIGNATURE_LENGTH] {
        &self.0
    }
}

/// A secret signing key. Its bytes are zeroed when it is dropped and never printed by `Debug`.
#[derive(Clone)]
pub struct SigningKey(ed25519_dalek::SigningKey);

impl core::fmt::Debug for SigningKey {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("SigningKey")
            .field("public", &self.public_key())
            .finish_non_exhaustive()
    }
}

impl SigningKey {
    /// A fresh key from the operating system's (in the browser: `crypto.getRandomValues`) CSPRNG.
    pub fn generate() -> Self {
        let mut seed = [0u8; SECRET_KEY_LENGTH];
        OsRng.fill_bytes(&mut seed);
        let key = Self::from_seed(&seed);
        seed.fill(0);
        key
    }

    /// The key whose 32-byte RFC 8032 seed is `seed`.
    pub fn from_seed(seed: &[u8; SECRET_KEY_LENGTH]) -> Self {
        SigningKey(ed25519_dalek::SigningKey::from_bytes(seed))
    }

    /// From a 32-byte seed slice.
    pub fn from_slice(seed: &[u8]) -> Result<Self, Ed25519Error> {
        let mut s: [u8; SECRET_KEY_LENGTH] = fixed("secret key", seed)?;
        let key = Self::from_seed(&s);
        s.fill(0);
        Ok(key)
    }

    /// The 32-byte seed. Handle with care: this is the secret.
    pub fn to_seed(&self) -> [u8; SECRET_KEY_LENGTH] {
        self.0.to_bytes()
    }

    /// The matching public key.
    pub fn public_key(&self) -> PublicKey {
        PublicKey(self.0.verifying_key().to_bytes())
    }

    /// Sign `msg` (deterministic, RFC 8032).
    pub fn sign(&self, msg: &[u8]) -> Signature {
        Signature(self.0.sign(msg).to_bytes())
    }
}

/// Verify one signature under `rule`.
pub fn verify(
    rule: Rule,
    key: &PublicKey,
    msg: &[u8],
    sig: &Signature,
) -> Result<(), Ed25519Error> {
    let bad = Ed25519Error::BadSignature { rule: rule.name() };
    match rule {
        Rule::Zip215 => {
            let vk = ed25519_consensus::VerificationKey::try_from(key.0)
                .map_err(|_| Ed25519Error::BadPublicKey)?;
            let s = ed25519_consensus::Signature::from(sig.0);
            vk.verify(&s, msg).map_err(|_| bad)
        }
        Rule::Strict => {
            let vk = ed25519_dalek::VerifyingKey::from_bytes(&key.0)
                .map_err(|_| Ed25519Error::BadPublicKey)?;
            let s = ed25519_dalek::Signature::from_bytes(&sig.0);
            vk.verify_strict(msg, &s).map_err(|_| bad)
        }
    }
}

/// Verify every `(key, message, signature)` under `rule`; succeeds only if each one verifies
/// under that rule on its own. An empty batch succeeds.
///
/// - [`Rule::Zip215`] uses one randomised multiscalar check (`ed25519-consensus`). ZIP-215 is
///   cofactored, so batch and single verification accept exactly the same signatures; this is
///   what makes batching safe for commit verification. A failing batch does not say which
///   signature failed; callers that need to know fall back to [`verify`] one by one.
/// - [`Rule::Strict`] verifies one by one with `verify_strict`. A randomised *cofactorless* batch
///   (the only kind that could match `verify_strict`) accepts a signature crafted with a
///   small-order component in its key or `R` with probability up to 1/2, although
///   `verify_strict` refuses it: the ambiguity the strict rule exists to rule out. Application bundles carry few
///   signatures, so exactness costs little; the 150-signature commits use ZIP-215.
pub fn verify_batch(
    rule: Rule,
    items: &[(PublicKey, &[u8], Signature)],
) -> Result<(), Ed25519Error> {
    if items.is_empty() {
        return Ok(());
    }
    let bad = Ed25519Error::BadBatch { rule: rule.name() };
    match rule {
        Rule::Zip215 => {
            let mut verifier = ed25519_consensus::batch::Verifier::new();
            for (key, msg, sig) in items {
                let vk = ed25519_consensus::VerificationKeyBytes::from(key.0);
                verifier.queue((vk, ed25519_consensus::Signature::from(sig.0), msg));
            }
            verifier.verify(OsRng).map_err(|_| bad)
        }
        Rule::Strict => {
            for (key, msg, sig) in items {
                verify(Rule::Strict, key, msg, sig).map_err(|e| match e {
                    Ed25519Error::BadSignature { .. } => bad.clone(),
                    other => other,
                })?;
            }
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sign_and_verify_under_both_rules() {
        let key = SigningKey::from_seed(&[7; 32]);
        let sig = key.sign(b"consent");
        for rule in [Rule::Zip215, Rule::Strict] {
            verify(rule, &key.public_key(), b"consent", &sig).unwrap();
            let e = verify(rule, &key.public_key(), b"consenT", &sig).unwrap_err();
            assert_eq!(e.code(), "ed25519.bad_signature");
        }
    }

    #[test]
    fn generated_keys_differ_and_work() {
        let a = SigningKey::generate();
        let b = SigningKey::generate();
        assert_ne!(a.public_key(), b.public_key());
        let sig = a.sign(b"m");
        verify(Rule::Strict, &a.public_key(), b"m", &sig).unwrap();
        assert!(verify(Rule::Strict, &b.public_key(), b"m", &sig).is_err());
        assert!(!format!("{a:?}").contains(&crate::crypto::encoding::to_hex(&a.to_seed())));
    }

    #[test]
    fn batch_fails_if_any_item_fails() {
        let keys: Vec<_> = (0..5u8).map(|i| SigningKey::from_seed(&[i; 32])).collect();
        let msgs: Vec<Vec<u8>> = (0..5u8).map(|i| vec![i; 10]).collect();
        for rule in [Rule::Zip215, Rule::Strict] {
            let mut items: Vec<_> = keys
                .iter()
                .zip(&msgs)
                .map(|(k, m)| (k.public_key(), m.as_slice(), k.sign(m)))
                .collect();
            verify_batch(rule, &items).unwrap();
            items[3].2 .0[5] ^= 1;
            assert_eq!(
                verify_batch(rule, &items).unwrap_err().code(),
                "ed25519.bad_batch"
            );
        }
        assert!(verify_batch(Rule::Strict, &[]).is_ok());
    }

    #[test]
    fn small_order_key_accepted_by_zip215_refused_by_strict() {
        // The identity point (y = 1) is of small order. With R = identity and S = 0 the
        // cofactored equation holds for every message: ZIP-215 accepts, strict refuses.
        let mut identity = [0u8; 32];
        identity[0] = 1;
        let key = PublicKey(identity);
        let mut sig = [0u8; 64];
        sig[..32].copy_from_slice(&identity);
        let sig = Signature(sig);
        verify(Rule::Zip215, &key, b"anything", &sig).unwrap();
        assert!(verify(Rule::Strict, &key, b"anything", &sig).is_err());
        assert!(verify_batch(Rule::Strict, &[(key, b"anything".as_slice(), sig)]).is_err());
        verify_batch(Rule::Zip215, &[(key, b"anything".as_slice(), sig)]).unwrap();
    }

    #[test]
    fn wrong_lengths_are_typed_errors() {
        assert_eq!(
            PublicKey::from_slice(&[0; 31]).unwrap_err().code(),
            "ed25519.bad_length"
        );
        assert_eq!(
            Signature::from_slice(&[0; 65]).unwrap_err().code(),
            "ed25519.bad_length"
        );
        assert_eq!(
            SigningKey::from_slice(&[]).unwrap_err().code(),
            "ed25519.bad_length"
        );
    }
}

//! Passphrase-protected export of a signing key: the only way a consent key leaves the module.
//!
//! The 32-byte Ed25519 seed is encrypted with AES-256-GCM under a key derived from the
//! passphrase with PBKDF2-HMAC-SHA256 (600,000 iterations at least, OWASP's 2023 figure for
//! PBKDF2-SHA256), a fresh 16-byte salt and a fresh 12-byte nonce. The key's did:key is the
//! authenticated associated data, so a box cannot be relabelled as another key's. A wrong
//! passphrase fails the GCM tag check: a typed error, never a wrong key.

use aes_gcm::aead::{Aead, KeyInit, Payload};
use aes_gcm::{Aes256Gcm, Nonce};
use rand_core::{OsRng, RngCore};
use serde::{Deserialize, Serialize};

use crate::crypto::did_key::{from_did, to_did};
use crate::crypto::ed25519::SigningKey;
use crate::crypto::encoding::{from_base64, to_base64};
use crate::error::Coded;

/// The fewest PBKDF2 iterations an export uses or an import accepts.
pub const MIN_ITERATIONS: u32 = 600_000;
/// The most PBKDF2 iterations an import accepts (a hostile box must not hang the page).
pub const MAX_ITERATIONS: u32 = 10_000_000;

/// Errors from exporting or importing a key box.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum KeyboxError {
    /// The passphrase does not open the box (or the box was altered).
    #[error("wrong passphrase, or the key file was altered")]
    WrongPassphrase,
    /// Not a key box of this format.
    #[error("not a medproof key file: {0}")]
    BadFormat(String),
    /// Iterations outside what an import accepts.
    #[error("the key file's PBKDF2 iteration count {0} is outside 600,000..=10,000,000")]
    BadIterations(u32),
    /// An empty passphrase.
    #[error("the passphrase must not be empty")]
    EmptyPassphrase,
}

impl Coded for KeyboxError {
    fn code(&self) -> &'static str {
        match self {
            KeyboxError::WrongPassphrase => "keybox.wrong_passphrase",
            KeyboxError::BadFormat(_) => "keybox.bad_format",
            KeyboxError::BadIterations(_) => "keybox.bad_iterations",
            KeyboxError::EmptyPassphrase => "keybox.empty_passphrase",
        }
    }
}

/// The exported form (JSON).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Keybox {
    /// Always `"medproof-keybox/1"`.
    pub format: String,
    /// The key's did:key (authenticated, not secret).
    pub did: String,
    /// Always `"PBKDF2-HMAC-SHA256"`.
    pub kdf: String,
    /// PBKDF2 iterations.
    pub iterations: u32,
    /// Base64 salt (16 bytes).
    pub salt: String,
    /// Always `"AES-256-GCM"`.
    pub cipher: String,
    /// Base64 nonce (12 bytes).
    pub nonce: String,
    /// Base64 of the encrypted seed and its tag (48 bytes).
    pub ciphertext: String,
}

const FORMAT: &str = "medproof-keybox/1";

fn derive(passphrase: &str, salt: &[u8], iterations: u32) -> [u8; 32] {
    let mut key = [0u8; 32];
    pbkdf2::pbkdf2_hmac::<sha2::Sha256>(passphrase.as_bytes(), salt, iterations, &mut key);
    key
}

/// Encrypt `key` under `passphrase` with `iterations` (at least [`MIN_ITERATIONS`]).
pub fn export(key: &SigningKey, passphrase: &str, iterations: u32) -> Result<Keybox, KeyboxError> {
    if passphrase.is_empty() {
        return Err(KeyboxError::EmptyPassphrase);
    }
    if !(MIN_ITERATIONS..=MAX_ITERATIONS).contains(&iterations) {
        return Err(KeyboxError::BadIterations(iterations));
    }
    let mut salt = [0u8; 16];
    let mut nonce = [0u8; 12];
    OsRng.fill_bytes(&mut salt);
    OsRng.fill_bytes(&mut nonce);
    let did = to_did(&key.public_key());
    let mut aes_key = derive(passphrase, &salt, iterations);
    let cipher =
        Aes256Gcm::new_from_slice(&aes_key).map_err(|_| KeyboxError::BadFormat("key".into()))?;
    aes_key.fill(0);
    let mut seed = key.to_seed();
    let sealed = cipher
        .encrypt(
            Nonce::from_slice(&nonce),
            Payload {
                msg: &seed,
                aad: did.as_bytes(),
            },
        )
        .map_err(|_| KeyboxError::BadFormat("encryption failed".into()));
    seed.fill(0);
    Ok(Keybox {
        format: FORMAT.into(),
        did,
        kdf: "PBKDF2-HMAC-SHA256".into(),
        iterations,
        salt: to_base64(&salt),
        cipher: "AES-256-GCM".into(),
        nonce: to_base64(&nonce),
        ciphertext: to_base64(&sealed?),
    })
}

/// Open `boxed` with `passphrase`. The recovered key must match the box's did:key.
pub fn import(boxed: &Keybox, passphrase: &str) -> Result<SigningKey, KeyboxError> {
    let bad = |m: &str| KeyboxError::BadFormat(m.into());
    if boxed.format != FORMAT || boxed.kdf != "PBKDF2-HMAC-SHA256" || boxed.cipher != "AES-256-GCM"
    {
        return Err(bad("unknown format, KDF or cipher"));
    }
    if !(MIN_ITERATIONS..=MAX_ITERATIONS).contains(&boxed.iterations) {
        return Err(KeyboxError::BadIterations(boxed.iterations));
    }
    let public = from_did(&boxed.did).map_err(|_| bad("did"))?;
    let salt = from_base64(&boxed.salt).map_err(|_| bad("salt"))?;
    let nonce = from_base64(&boxed.nonce).map_err(|_| bad("nonce"))?;
    let sealed = from_base64(&boxed.ciphertext).map_err(|_| bad("ciphertext"))?;
    if salt.len() != 16 || nonce.len() != 12 || sealed.len() != 48 {
        return Err(bad("field lengths"));
    }
    let mut aes_key = derive(passphrase, &salt, boxed.iterations);
    let cipher = Aes256Gcm::new_from_slice(&aes_key).map_err(|_| bad("key"))?;
    aes_key.fill(0);
    let mut seed = cipher
        .decrypt(
            Nonce::from_slice(&nonce),
            Payload {
                msg: &sealed,
                aad: boxed.did.as_bytes(),
            },
        )
        .map_err(|_| KeyboxError::WrongPassphrase)?;
    let key = SigningKey::from_slice(&seed).map_err(|_| bad("seed"));
    seed.fill(0);
    let key = key?;
    if key.public_key() != public {
        return Err(bad("the key does not match its did:key"));
    }
    Ok(key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_wrong_passphrase_and_tampering() {
        let key = SigningKey::from_seed(&[5; 32]);
        let boxed = export(&key, "correct horse", MIN_ITERATIONS).unwrap();
        assert_eq!(boxed.did, to_did(&key.public_key()));
        // The seed is not in the box in the clear.
        assert!(!serde_json::to_string(&boxed)
            .unwrap()
            .contains(&to_base64(&key.to_seed())));
        let back = import(&boxed, "correct horse").unwrap();
        assert_eq!(back.to_seed(), key.to_seed());
        assert_eq!(
            import(&boxed, "correct horsE").unwrap_err().code(),
            "keybox.wrong_passphrase"
        );
        // Relabelled as another key: the associated data no longer matches.
        let mut other = boxed.clone();
        other.did = to_did(&SigningKey::from_seed(&[6; 32]).public_key());
        assert_eq!(
            import(&other, "correct horse").unwrap_err().code(),
            "keybox.wrong_passphrase"
        );
        let mut weak = boxed.clone();
        weak.iterations = 1000;
        assert_eq!(
            import(&weak, "correct horse").unwrap_err().code(),
            "keybox.bad_iterations"
        );
        let mut cut = boxed;
        cut.ciphertext = to_base64(&[0; 10]);
        assert_eq!(
            import(&cut, "correct horse").unwrap_err().code(),
            "keybox.bad_format"
        );
        assert_eq!(
            export(&key, "", MIN_ITERATIONS).unwrap_err().code(),
            "keybox.empty_passphrase"
        );
        assert_eq!(
            export(&key, "p", 10).unwrap_err().code(),
            "keybox.bad_iterations"
        );
    }

    #[test]
    fn fresh_salt_and_nonce_each_time() {
        let key = SigningKey::from_seed(&[5; 32]);
        let a = export(&key, "p", MIN_ITERATIONS).unwrap();
        let b = export(&key, "p", MIN_ITERATIONS).unwrap();
        assert_ne!((a.salt, a.nonce), (b.salt, b.nonce));
    }
}

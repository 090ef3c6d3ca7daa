//! Ed25519 secret keys as Multikey `secretKeyMultibase` values (`z3u2...`): base58btc of the
//! multicodec `ed25519-priv` (0x1300, varint `0x80 0x26`) followed by the 32-byte seed. This is
//! how the W3C test vectors and DID tooling hand over issuer keys.

use super::error::CredentialError;
use crate::crypto::ed25519::SigningKey;

const ED25519_PRIV: [u8; 2] = [0x80, 0x26];

/// The signing key of a `secretKeyMultibase` value.
pub fn signing_key_from_multibase(s: &str) -> Result<SigningKey, CredentialError> {
    let b58 = s.strip_prefix('z').ok_or(CredentialError::BadSecretKey)?;
    if b58.len() > 64 {
        return Err(CredentialError::BadSecretKey);
    }
    let bytes = bs58::decode(b58)
        .into_vec()
        .map_err(|_| CredentialError::BadSecretKey)?;
    match bytes.split_first_chunk::<2>() {
        Some((prefix, seed)) if *prefix == ED25519_PRIV => {
            SigningKey::from_slice(seed).map_err(|_| CredentialError::BadSecretKey)
        }
        _ => Err(CredentialError::BadSecretKey),
    }
}

/// The `secretKeyMultibase` value of a signing key.
pub fn signing_key_to_multibase(key: &SigningKey) -> String {
    let mut bytes = ED25519_PRIV.to_vec();
    bytes.extend_from_slice(&key.to_seed());
    format!("z{}", bs58::encode(bytes).into_string())
}

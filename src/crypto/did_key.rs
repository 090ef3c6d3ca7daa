//! `did:key` identifiers for Ed25519 keys (W3C did:key method, Multikey encoding).
//!
//! An Ed25519 did:key is `did:key:` followed by the multibase base58btc (`z`) encoding of the
//! multicodec prefix `0xed 0x01` and the 32-byte public key; so every such identifier starts with
//! `did:key:z6Mk`. The same multibase string is the key's `publicKeyMultibase`, and a verification
//! method is `did:key:z6Mk...#z6Mk...`. Resolution is local: the key is inside the identifier.

use crate::crypto::ed25519::PublicKey;
use crate::error::Coded;

/// Multicodec prefix of an Ed25519 public key (varint of 0xed).
const ED25519_PUB: [u8; 2] = [0xed, 0x01];

/// Errors from parsing did:key identifiers and Multikey values.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum DidKeyError {
    /// Not of the form `did:key:z...`.
    #[error("not a did:key identifier")]
    NotDidKey,
    /// The multibase value is not base58btc (`z` prefix) or not valid base58.
    #[error("invalid multibase (base58btc) encoding")]
    BadMultibase,
    /// The multicodec is not an Ed25519 public key, or the key is not 32 bytes.
    #[error("not an Ed25519 public key (multicodec 0xed01, 32 bytes)")]
    NotEd25519,
    /// The fragment of a verification method does not name the same key.
    #[error("the verification method's fragment does not match its did:key")]
    FragmentMismatch,
}

impl Coded for DidKeyError {
    fn code(&self) -> &'static str {
        match self {
            DidKeyError::NotDidKey => "did.not_did_key",
            DidKeyError::BadMultibase => "did.bad_multibase",
            DidKeyError::NotEd25519 => "did.not_ed25519",
            DidKeyError::FragmentMismatch => "did.fragment_mismatch",
        }
    }
}

/// The Multikey `publicKeyMultibase` of an Ed25519 key (`z6Mk...`).
pub fn to_multibase(key: &PublicKey) -> String {
    let mut bytes = Vec::with_capacity(34);
    bytes.extend_from_slice(&ED25519_PUB);
    bytes.extend_from_slice(&key.0);
    format!("z{}", bs58::encode(bytes).into_string())
}

/// Parse a Multikey `publicKeyMultibase` (`z6Mk...`).
pub fn from_multibase(s: &str) -> Result<PublicKey, DidKeyError> {
    let b58 = s.strip_prefix('z').ok_or(DidKeyError::BadMultibase)?;
    if b58.len() > 64 {
        return Err(DidKeyError::NotEd25519);
    }
    let bytes = bs58::decode(b58)
        .into_vec()
        .map_err(|_| DidKeyError::BadMultibase)?;
    match bytes.split_first_chunk::<2>() {
        Some((prefix, key)) if *prefix == ED25519_PUB && key.len() == 32 => {
            PublicKey::from_slice(key).map_err(|_| DidKeyError::NotEd25519)
        }
        _ => Err(DidKeyError::NotEd25519),
    }
}

/// The `did:key` of an Ed25519 key.
pub fn to_did(key: &PublicKey) -> String {
    format!("did:key:{}", to_multibase(key))
}

/// Resolve a `did:key` (optionally with a `#fragment`, which must name the same key).
pub fn from_did(did: &str) -> Result<PublicKey, DidKeyError> {
    let rest = did.strip_prefix("did:key:").ok_or(DidKeyError::NotDidKey)?;
    let (id, fragment) = match rest.split_once('#') {
        Some((id, f)) => (id, Some(f)),
        None => (rest, None),
    };
    let key = from_multibase(id)?;
    if fragment.is_some_and(|f| f != id) {
        return Err(DidKeyError::FragmentMismatch);
    }
    Ok(key)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::crypto::ed25519::SigningKey;

    #[test]
    fn round_trip_and_prefix() {
        let key = SigningKey::from_seed(&[9; 32]).public_key();
        let did = to_did(&key);
        assert!(did.starts_with("did:key:z6Mk"), "{did}");
        assert_eq!(from_did(&did).unwrap(), key);
        let vm = format!("{did}#{}", to_multibase(&key));
        assert_eq!(from_did(&vm).unwrap(), key);
    }

    #[test]
    fn w3c_example_key() {
        // The Multikey of the vc-di-eddsa test vectors' key pair (tests/vectors/vc-di-eddsa).
        let k = from_multibase("z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2").unwrap();
        assert_eq!(
            to_multibase(&k),
            "z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2"
        );
    }

    #[test]
    fn errors_are_typed() {
        assert_eq!(
            from_did("did:web:example.com").unwrap_err().code(),
            "did.not_did_key"
        );
        assert_eq!(
            from_did("did:key:m6Mk").unwrap_err().code(),
            "did.bad_multibase"
        );
        assert_eq!(
            from_did("did:key:z0OIl").unwrap_err().code(),
            "did.bad_multibase"
        );
        // A secp256k1 did:key (multicodec 0xe7).
        assert_eq!(
            from_did("did:key:zQ3shokFTS3brHcDQrn82RUDfCZESWL1ZdCEJwekUDPQiYBme")
                .unwrap_err()
                .code(),
            "did.not_ed25519"
        );
        let key = SigningKey::from_seed(&[1; 32]).public_key();
        let other = SigningKey::from_seed(&[2; 32]).public_key();
        let vm = format!("{}#{}", to_did(&key), to_multibase(&other));
        assert_eq!(from_did(&vm).unwrap_err().code(), "did.fragment_mismatch");
    }
}

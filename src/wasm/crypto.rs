//! Adapters for `crate::crypto`: SHA-256, encodings, Ed25519 and Merkle proofs.

use wasm_bindgen::prelude::*;

use super::error::{coded_error, to_js_error};
use crate::crypto::chunk_root::{chunk_root, ChunkRootBuilder as CoreChunkRoot};
use crate::crypto::ed25519::{self, PublicKey, Rule, Signature, SigningKey};
use crate::crypto::encoding::{from_base64, from_hex, to_base64, to_hex};
use crate::crypto::keybox;
use crate::crypto::merkle::{self, hash_from_slice, Hash};
use crate::crypto::{sha256 as core_sha256, Sha256Hasher as CoreHasher};

type JsResult<T> = Result<T, JsValue>;

/// SHA-256 of `data`.
#[wasm_bindgen]
pub fn sha256(data: &[u8]) -> Vec<u8> {
    core_sha256(data).to_vec()
}

/// SHA-256 of `data`, as lower-case hex.
#[wasm_bindgen(js_name = sha256Hex)]
pub fn sha256_hex(data: &[u8]) -> String {
    to_hex(&core_sha256(data))
}

/// Incremental SHA-256 for large inputs: `update(chunk)` as often as needed, then `finalize()`.
#[wasm_bindgen]
pub struct Sha256Hasher {
    inner: Option<CoreHasher>,
}

impl Default for Sha256Hasher {
    fn default() -> Self {
        Self::new()
    }
}

#[wasm_bindgen]
impl Sha256Hasher {
    /// A hasher that has seen no bytes.
    #[wasm_bindgen(constructor)]
    pub fn new() -> Sha256Hasher {
        Sha256Hasher {
            inner: Some(CoreHasher::new()),
        }
    }

    /// Absorb the next chunk.
    pub fn update(&mut self, chunk: &[u8]) -> JsResult<()> {
        match self.inner.as_mut() {
            Some(h) => {
                h.update(chunk);
                Ok(())
            }
            None => Err(finalized()),
        }
    }

    /// Bytes absorbed so far (as a JS number; exact up to 2^53).
    #[wasm_bindgen(getter, js_name = bytesHashed)]
    pub fn bytes_hashed(&self) -> f64 {
        self.inner.as_ref().map_or(0.0, |h| h.bytes_hashed() as f64)
    }

    /// The 32-byte digest. The hasher cannot be used after this.
    pub fn finalize(&mut self) -> JsResult<Vec<u8>> {
        self.inner
            .take()
            .map(|h| h.finalize().to_vec())
            .ok_or_else(finalized)
    }
}

fn finalized() -> JsValue {
    coded_error(
        "input.hasher_finalized",
        "this hasher has already been finalized",
    )
}

/// The chunked root of `data` (RFC 9162 root over the SHA-256 of each 1 MiB chunk), as lower-case
/// hex: what a record anchor's `chunkRoot` holds.
#[wasm_bindgen(js_name = chunkRootHex)]
pub fn chunk_root_hex(data: &[u8]) -> String {
    to_hex(&chunk_root(data))
}

/// Builds a chunked root from chunk digests computed elsewhere (in Web Workers, with `sha256`):
/// `push(digest)` for each 1 MiB chunk in order, then `finalize()`. Holds at most 64 hashes.
#[wasm_bindgen]
pub struct ChunkRootBuilder {
    inner: Option<CoreChunkRoot>,
}

impl Default for ChunkRootBuilder {
    fn default() -> Self {
        Self::new()
    }
}

#[wasm_bindgen]
impl ChunkRootBuilder {
    /// A builder that has seen no chunk.
    #[wasm_bindgen(constructor)]
    pub fn new() -> ChunkRootBuilder {
        ChunkRootBuilder {
            inner: Some(CoreChunkRoot::new()),
        }
    }

    /// Add the 32-byte SHA-256 of the next chunk. Throws `chunk_root.bad_digest_length`, or
    /// `chunk_root.finalized` after `finalize()`.
    pub fn push(&mut self, digest: &[u8]) -> JsResult<()> {
        self.inner
            .as_mut()
            .ok_or_else(chunk_root_finalized)?
            .push_slice(digest)
            .map_err(to_js_error)
    }

    /// Chunk digests pushed so far.
    #[wasm_bindgen(getter)]
    pub fn chunks(&self) -> f64 {
        self.inner.as_ref().map_or(0.0, |b| b.chunks() as f64)
    }

    /// The 32-byte root. The builder cannot be used after this.
    pub fn finalize(&mut self) -> JsResult<Vec<u8>> {
        self.inner
            .take()
            .map(|b| b.root().to_vec())
            .ok_or_else(chunk_root_finalized)
    }

    /// The root as lower-case hex. The builder cannot be used after this.
    #[wasm_bindgen(js_name = finalizeHex)]
    pub fn finalize_hex(&mut self) -> JsResult<String> {
        self.finalize().map(|root| to_hex(&root))
    }
}

fn chunk_root_finalized() -> JsValue {
    coded_error(
        "chunk_root.finalized",
        "this chunk root builder has already been finalized",
    )
}

/// Lower-case hex of `bytes`.
#[wasm_bindgen(js_name = toHex)]
pub fn js_to_hex(bytes: &[u8]) -> String {
    to_hex(bytes)
}

/// Decode hex (either case). Throws `input.bad_hex`.
#[wasm_bindgen(js_name = fromHex)]
pub fn js_from_hex(hex: &str) -> JsResult<Vec<u8>> {
    from_hex(hex).map_err(to_js_error)
}

/// Standard padded base64 of `bytes`.
#[wasm_bindgen(js_name = toBase64)]
pub fn js_to_base64(bytes: &[u8]) -> String {
    to_base64(bytes)
}

/// Decode base64 (standard or URL-safe, padding optional). Throws `input.bad_base64`.
#[wasm_bindgen(js_name = fromBase64)]
pub fn js_from_base64(b64: &str) -> JsResult<Vec<u8>> {
    from_base64(b64).map_err(to_js_error)
}

fn rule(name: &str) -> JsResult<Rule> {
    Rule::from_name(name).ok_or_else(|| {
        coded_error(
            "input.bad_rule",
            "the Ed25519 rule must be \"zip215\" (consensus) or \"strict\" (application)",
        )
    })
}

/// Verify an Ed25519 signature under `rule` (`"zip215"` or `"strict"`). Returns `true`, or throws
/// an error whose code says why (`ed25519.bad_signature`, `ed25519.bad_public_key`,
/// `ed25519.bad_length`, `input.bad_rule`).
#[wasm_bindgen(js_name = ed25519Verify)]
pub fn ed25519_verify(
    rule_name: &str,
    public_key: &[u8],
    message: &[u8],
    signature: &[u8],
) -> JsResult<bool> {
    let rule = rule(rule_name)?;
    let key = PublicKey::from_slice(public_key).map_err(to_js_error)?;
    let sig = Signature::from_slice(signature).map_err(to_js_error)?;
    ed25519::verify(rule, &key, message, &sig).map_err(to_js_error)?;
    Ok(true)
}

/// Batch-verify signatures under `rule`. `public_keys` and `signatures` are the keys (32 bytes
/// each) and signatures (64 bytes each) concatenated; `messages` is an array of `Uint8Array`.
/// Returns `true` or throws (`ed25519.bad_batch` if any signature fails).
#[wasm_bindgen(js_name = ed25519VerifyBatch)]
pub fn ed25519_verify_batch(
    rule_name: &str,
    public_keys: &[u8],
    messages: Vec<js_sys::Uint8Array>,
    signatures: &[u8],
) -> JsResult<bool> {
    let rule = rule(rule_name)?;
    let n = messages.len();
    // Checked: a wrapped product could let short inputs pass, leaving messages unverified.
    if n.checked_mul(32) != Some(public_keys.len()) || n.checked_mul(64) != Some(signatures.len()) {
        return Err(coded_error(
            "input.bad_length",
            "need 32 bytes of key and 64 bytes of signature per message",
        ));
    }
    let msgs: Vec<Vec<u8>> = messages.iter().map(|m| m.to_vec()).collect();
    let mut items = Vec::with_capacity(n);
    let keys_and_sigs = public_keys
        .chunks_exact(32)
        .zip(signatures.chunks_exact(64));
    for (msg, (key, sig)) in msgs.iter().zip(keys_and_sigs) {
        let key = PublicKey::from_slice(key).map_err(to_js_error)?;
        let sig = Signature::from_slice(sig).map_err(to_js_error)?;
        items.push((key, msg.as_slice(), sig));
    }
    ed25519::verify_batch(rule, &items).map_err(to_js_error)?;
    Ok(true)
}

/// An Ed25519 key pair held inside the module. The secret seed leaves only through
/// [`KeyPair::export_seed`], which callers wrap with a passphrase before storing.
#[wasm_bindgen]
pub struct KeyPair {
    key: SigningKey,
}

#[wasm_bindgen]
impl KeyPair {
    /// A fresh key from `crypto.getRandomValues`.
    pub fn generate() -> KeyPair {
        KeyPair {
            key: SigningKey::generate(),
        }
    }

    /// The key with this 32-byte seed. Throws `ed25519.bad_length`.
    #[wasm_bindgen(js_name = fromSeed)]
    pub fn from_seed(seed: &[u8]) -> JsResult<KeyPair> {
        Ok(KeyPair {
            key: SigningKey::from_slice(seed).map_err(to_js_error)?,
        })
    }

    /// The 32-byte public key.
    #[wasm_bindgen(getter, js_name = publicKey)]
    pub fn public_key(&self) -> Vec<u8> {
        self.key.public_key().0.to_vec()
    }

    /// Sign `message` (RFC 8032, deterministic): 64 bytes.
    pub fn sign(&self, message: &[u8]) -> Vec<u8> {
        self.key.sign(message).0.to_vec()
    }

    /// The key's `did:key` (`did:key:z6Mk...`).
    #[wasm_bindgen(getter)]
    pub fn did(&self) -> String {
        crate::crypto::did_key::to_did(&self.key.public_key())
    }

    /// The key encrypted under `passphrase` (PBKDF2-HMAC-SHA256, 600,000 iterations, then
    /// AES-256-GCM with the did:key as associated data), as JSON text: the way a consent key
    /// leaves the module. Throws `keybox.empty_passphrase`.
    #[wasm_bindgen(js_name = exportEncrypted)]
    pub fn export_encrypted(&self, passphrase: &str) -> JsResult<String> {
        let boxed =
            keybox::export(&self.key, passphrase, keybox::MIN_ITERATIONS).map_err(to_js_error)?;
        serde_json::to_string(&boxed).map_err(|e| coded_error("keybox.bad_format", &e.to_string()))
    }

    /// Open a key exported by [`KeyPair::export_encrypted`]. Throws `keybox.wrong_passphrase`
    /// (also when the file was altered), `keybox.bad_format` or `keybox.bad_iterations`.
    #[wasm_bindgen(js_name = importEncrypted)]
    pub fn import_encrypted(json: &str, passphrase: &str) -> JsResult<KeyPair> {
        let boxed: keybox::Keybox = crate::json::from_text(json.as_bytes())
            .map_err(|e| to_js_error(keybox::KeyboxError::BadFormat(e.to_string())))?;
        Ok(KeyPair {
            key: keybox::import(&boxed, passphrase).map_err(to_js_error)?,
        })
    }

    /// The 32-byte secret seed, in the clear. Prefer [`KeyPair::export_encrypted`]; this exists
    /// for callers that wrap the seed with WebCrypto themselves and must wipe it after.
    #[wasm_bindgen(js_name = exportSeed)]
    pub fn export_seed(&self) -> Vec<u8> {
        self.key.to_seed().to_vec()
    }
}

impl KeyPair {
    /// The signing key, for other adapters that sign (ledger transactions).
    #[cfg_attr(not(feature = "authoring"), allow(dead_code))]
    pub(crate) fn signing_key(&self) -> &SigningKey {
        &self.key
    }
}

fn hashes(list: &[js_sys::Uint8Array]) -> JsResult<Vec<Hash>> {
    list.iter()
        .map(|h| hash_from_slice(&h.to_vec()).map_err(to_js_error))
        .collect()
}

fn hash(what: &[u8]) -> JsResult<Hash> {
    hash_from_slice(what).map_err(to_js_error)
}

/// RFC 9162 root of `leaves` (an array of `Uint8Array` leaf contents).
#[wasm_bindgen(js_name = merkleRoot)]
pub fn merkle_root(leaves: Vec<js_sys::Uint8Array>) -> Vec<u8> {
    let data: Vec<Vec<u8>> = leaves.iter().map(|l| l.to_vec()).collect();
    merkle::root(&data).to_vec()
}

/// `SHA-256(0x00 ‖ leaf)`.
#[wasm_bindgen(js_name = merkleLeafHash)]
pub fn merkle_leaf_hash(leaf: &[u8]) -> Vec<u8> {
    merkle::leaf_hash(leaf).to_vec()
}

/// Verify an RFC 9162 inclusion proof. `proof` is the audit path, an array of 32-byte hashes from
/// the leaf up. Indices and sizes are JS numbers (integers up to 2^53). Returns `true` or
/// throws (`merkle.root_mismatch`, `merkle.index_out_of_range`, `merkle.wrong_proof_length`, ...).
#[wasm_bindgen(js_name = merkleVerifyInclusion)]
pub fn merkle_verify_inclusion(
    index: f64,
    size: f64,
    leaf_hash: &[u8],
    proof: Vec<js_sys::Uint8Array>,
    root: &[u8],
) -> JsResult<bool> {
    let (index, size) = (whole(index)?, whole(size)?);
    merkle::verify_inclusion(
        index,
        size,
        &hash(leaf_hash)?,
        &hashes(&proof)?,
        &hash(root)?,
    )
    .map_err(to_js_error)?;
    Ok(true)
}

/// Verify an RFC 9162 consistency proof between tree sizes `size1 <= size2`.
#[wasm_bindgen(js_name = merkleVerifyConsistency)]
pub fn merkle_verify_consistency(
    size1: f64,
    size2: f64,
    proof: Vec<js_sys::Uint8Array>,
    root1: &[u8],
    root2: &[u8],
) -> JsResult<bool> {
    let (size1, size2) = (whole(size1)?, whole(size2)?);
    merkle::verify_consistency(size1, size2, &hashes(&proof)?, &hash(root1)?, &hash(root2)?)
        .map_err(to_js_error)?;
    Ok(true)
}

/// A JS number that must be a non-negative integer no larger than 2^53.
pub(crate) fn whole(x: f64) -> JsResult<u64> {
    const MAX_SAFE: f64 = 9_007_199_254_740_991.0;
    if x.is_finite() && x >= 0.0 && x.fract() == 0.0 && x <= MAX_SAFE {
        Ok(x as u64)
    } else {
        Err(coded_error(
            "input.out_of_range",
            "expected a non-negative safe integer",
        ))
    }
}

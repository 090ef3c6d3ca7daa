//! Verifying state proofs: ICS23 membership and non-membership proofs of the ledger's Jellyfish
//! Merkle Tree against a CometBFT `app_hash`. Pure and WebAssembly-friendly.
//!
//! A proof travels as CometBFT's `abci_query` `ProofOps`: exactly one op of type
//! [`PROOF_OP_TYPE`] whose `key` is the state key and whose `data` is the prost-encoded ICS23
//! `CommitmentProof` (an `ExistenceProof` or a `NonExistenceProof`; batch and compressed proofs
//! are refused).
//!
//! The `ics23` crate gives the verdict; around it this module adds what it leaves to the caller:
//! a typed reason for every refusal, the depth limit (ics23 enforces `max_depth` only when
//! `min_depth` is non-zero, and the JMT spec's `min_depth` is 0), exact leaf and inner op shapes
//! (so only SHA-256 is ever reached), and a guard for neighbour paths that never diverge (on which
//! `ics23` would panic, poisoning a WebAssembly module).

use ics23::commitment_proof::Proof;
use ics23::{CommitmentProof, ExistenceProof, HashOp, HostFunctionsProvider, LengthOp, ProofSpec};
use prost::Message as _;
use serde::{Deserialize, Serialize};

use crate::crypto::encoding::{from_base64, to_base64};
use crate::crypto::sha256;
use crate::ledger::error::ProofError;

/// The `type` of the ProofOp carrying a JMT ICS23 proof.
pub const PROOF_OP_TYPE: &str = "ics23:jmt";

/// The deepest path a proof may have: the JMT spec's `max_depth`. Honest JMT paths have about
/// `log2(keys)` steps (17 for 100,000 keys); a key whose SHA-256 shares 64 leading bits with
/// another's would need about 2^32 work to find, and would only make its own proofs refused.
pub const MAX_DEPTH: usize = 64;

/// Domain separator of a JMT leaf: `SHA-256("JMT::LeafNode" ‖ SHA-256(key) ‖ SHA-256(value))`.
pub const LEAF_PREFIX: &[u8] = b"JMT::LeafNode";
/// Domain separator of a JMT inner node: `SHA-256("JMT::IntrnalNode" ‖ left ‖ right)`.
pub const INNER_PREFIX: &[u8] = b"JMT::IntrnalNode";
/// The hash of an empty subtree.
pub const EMPTY_CHILD: &[u8; 32] = b"SPARSE_MERKLE_PLACEHOLDER_HASH__";

/// The ICS23 proof spec of a SHA-256 Jellyfish Merkle Tree (equal to `jmt::ics23_spec()`,
/// checked by a native test; the `jmt` crate itself is not in the browser build).
pub fn jmt_spec() -> ProofSpec {
    ProofSpec {
        leaf_spec: Some(leaf_op()),
        inner_spec: Some(ics23::InnerSpec {
            child_order: vec![0, 1],
            child_size: 32,
            min_prefix_length: 16,
            max_prefix_length: 16,
            empty_child: EMPTY_CHILD.to_vec(),
            hash: HashOp::Sha256.into(),
        }),
        max_depth: 64,
        min_depth: 0,
        prehash_key_before_comparison: true,
    }
}

fn leaf_op() -> ics23::LeafOp {
    ics23::LeafOp {
        hash: HashOp::Sha256.into(),
        prehash_key: HashOp::Sha256.into(),
        prehash_value: HashOp::Sha256.into(),
        length: LengthOp::NoPrefix.into(),
        prefix: LEAF_PREFIX.to_vec(),
    }
}

/// The hash functions ics23 may call. Only SHA-256 is reachable: every op of a proof is checked
/// to be SHA-256 (by [`check_shape`], and again by ics23 against the spec) before anything is
/// hashed, and the spec's key prehash is SHA-256. The others return all-zero digests: a value no
/// SHA-256 root or child equals except with probability 2^-256, and never the last operation of
/// a path, which the spec pins to SHA-256.
struct Host;

impl HostFunctionsProvider for Host {
    fn sha2_256(message: &[u8]) -> [u8; 32] {
        sha256(message)
    }
    fn sha2_512(_: &[u8]) -> [u8; 64] {
        [0; 64]
    }
    fn sha2_512_truncated(_: &[u8]) -> [u8; 32] {
        [0; 32]
    }
    fn keccak_256(_: &[u8]) -> [u8; 32] {
        [0; 32]
    }
    fn ripemd160(_: &[u8]) -> [u8; 20] {
        [0; 20]
    }
    fn blake2b_512(_: &[u8]) -> [u8; 64] {
        [0; 64]
    }
    fn blake2s_256(_: &[u8]) -> [u8; 32] {
        [0; 32]
    }
    fn blake3(_: &[u8]) -> [u8; 32] {
        [0; 32]
    }
}

/// CometBFT's `ProofOps` (`abci_query` response `proofOps`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProofOps {
    /// The ops, innermost first.
    pub ops: Vec<ProofOp>,
}

/// One op: its type, the key it is about (base64) and its data (base64).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProofOp {
    /// [`PROOF_OP_TYPE`].
    #[serde(rename = "type")]
    pub op_type: String,
    /// The state key, base64.
    pub key: String,
    /// The prost-encoded `CommitmentProof`, base64.
    pub data: String,
}

/// Wrap a proof of `key` as ProofOps.
pub fn to_proof_ops(key: &[u8], proof: &CommitmentProof) -> ProofOps {
    ProofOps {
        ops: vec![ProofOp {
            op_type: PROOF_OP_TYPE.into(),
            key: to_base64(key),
            data: to_base64(&proof.encode_to_vec()),
        }],
    }
}

/// The proof of `key` inside ProofOps: exactly one op, of our type, about `key`.
pub fn from_proof_ops(ops: &ProofOps, key: &[u8]) -> Result<CommitmentProof, ProofError> {
    let [op] = ops.ops.as_slice() else {
        return Err(invalid("expected exactly one proof op"));
    };
    if op.op_type != PROOF_OP_TYPE {
        return Err(invalid(&format!("proof op type must be {PROOF_OP_TYPE}")));
    }
    let op_key = from_base64(&op.key).map_err(|_| invalid("proof op key is not base64"))?;
    if op_key != key {
        return Err(ProofError::KeyMismatch);
    }
    let data = from_base64(&op.data).map_err(|_| invalid("proof op data is not base64"))?;
    decode_proof(&data)
}

/// Decode a prost-encoded `CommitmentProof`.
pub fn decode_proof(bytes: &[u8]) -> Result<CommitmentProof, ProofError> {
    CommitmentProof::decode(bytes).map_err(|e| invalid(&format!("not a CommitmentProof: {e}")))
}

fn invalid(why: &str) -> ProofError {
    ProofError::ProofInvalid(why.into())
}

fn root_of(app_hash: &[u8]) -> Result<Vec<u8>, ProofError> {
    if app_hash.len() != 32 {
        return Err(ProofError::BadInput(format!(
            "an app hash is 32 bytes, got {}",
            app_hash.len()
        )));
    }
    Ok(app_hash.to_vec())
}

/// The path's ops are exactly what a JMT produces: the spec's leaf op, then inner ops that hash
/// `INNER_PREFIX ‖ child ‖ sibling` or `INNER_PREFIX ‖ sibling ‖ child` with SHA-256.
fn check_shape(ex: &ExistenceProof) -> Result<(), ProofError> {
    if ex.path.len() > MAX_DEPTH {
        return Err(ProofError::TooDeep(ex.path.len()));
    }
    if ex.key.is_empty() || ex.value.is_empty() {
        return Err(invalid("empty key or value"));
    }
    if ex.leaf.as_ref() != Some(&leaf_op()) {
        return Err(invalid("the leaf op is not the JMT leaf op"));
    }
    for step in &ex.path {
        let sha = step.hash == i32::from(HashOp::Sha256);
        let right_sibling = step.prefix == INNER_PREFIX && step.suffix.len() == 32;
        let left_sibling = step.suffix.is_empty()
            && step.prefix.len() == INNER_PREFIX.len() + 32
            && step.prefix.starts_with(INNER_PREFIX);
        if !sha || !(right_sibling || left_sibling) {
            return Err(invalid("an inner op is not a JMT inner op"));
        }
    }
    Ok(())
}

/// The existence proof is well formed and leads to `root`.
fn check_existence(ex: &ExistenceProof, root: &[u8]) -> Result<(), ProofError> {
    check_shape(ex)?;
    let computed = ics23::calculate_existence_root::<Host>(ex)
        .map_err(|e| invalid(&format!("cannot compute the root: {e}")))?;
    if computed != root {
        return Err(ProofError::RootMismatch);
    }
    Ok(())
}

/// The proof shows `key` holds exactly `value` in the state whose root is `app_hash`.
pub fn verify_membership(
    app_hash: &[u8],
    key: &[u8],
    value: &[u8],
    proof: &CommitmentProof,
) -> Result<(), ProofError> {
    let root = root_of(app_hash)?;
    let ex = match &proof.proof {
        Some(Proof::Exist(ex)) => ex,
        Some(Proof::Nonexist(_)) => {
            // Say "absent" only if the proof really shows it; otherwise it is just invalid.
            return match verify_non_membership(app_hash, key, proof) {
                Ok(()) => Err(ProofError::KeyAbsent),
                Err(e) => Err(e),
            };
        }
        _ => return Err(invalid("expected an existence proof")),
    };
    if ex.key != key {
        return Err(ProofError::KeyMismatch);
    }
    check_existence(ex, &root)?;
    if ex.value != value {
        return Err(ProofError::ValueMismatch);
    }
    if !ics23::verify_membership::<Host>(proof, &jmt_spec(), &root, key, value) {
        return Err(invalid("refused by ics23"));
    }
    Ok(())
}

/// The proof shows no value is stored under `key` in the state whose root is `app_hash`.
pub fn verify_non_membership(
    app_hash: &[u8],
    key: &[u8],
    proof: &CommitmentProof,
) -> Result<(), ProofError> {
    let root = root_of(app_hash)?;
    let non = match &proof.proof {
        Some(Proof::Nonexist(non)) => non,
        Some(Proof::Exist(ex)) => {
            if ex.key != key {
                return Err(ProofError::KeyMismatch);
            }
            check_existence(ex, &root)?;
            return Err(ProofError::KeyPresent);
        }
        _ => return Err(invalid("expected a non-existence proof")),
    };
    if non.key != key {
        return Err(ProofError::KeyMismatch);
    }
    if key.is_empty() {
        return Err(invalid("empty key"));
    }
    let key_hash = sha256(key);
    for (side, neighbour) in [("left", &non.left), ("right", &non.right)] {
        let Some(nb) = neighbour else { continue };
        check_existence(nb, &root)?;
        if nb.key == key {
            return Err(ProofError::KeyPresent);
        }
        let nb_hash = sha256(&nb.key);
        let ordered = if side == "left" {
            nb_hash < key_hash
        } else {
            nb_hash > key_hash
        };
        if !ordered {
            return Err(invalid(&format!(
                "the {side} neighbour is on the wrong side"
            )));
        }
    }
    match (&non.left, &non.right) {
        (None, None) => return Err(invalid("no neighbour")),
        (Some(left), Some(right)) => paths_diverge(&left.path, &right.path)?,
        _ => {}
    }
    if !ics23::verify_non_membership::<Host>(proof, &jmt_spec(), &root, key) {
        return Err(invalid("the neighbours are not adjacent"));
    }
    Ok(())
}

/// Walking both neighbour paths down from the root, they must differ before either ends
/// (ics23 unwraps here and would panic otherwise).
fn paths_diverge(left: &[ics23::InnerOp], right: &[ics23::InnerOp]) -> Result<(), ProofError> {
    let pairs = left.iter().rev().zip(right.iter().rev());
    for (l, r) in pairs {
        if l.prefix != r.prefix || l.suffix != r.suffix {
            return Ok(());
        }
    }
    Err(invalid("the neighbour paths never diverge"))
}

/// Verify a ProofOps for `key`: membership of `value` if given, else non-membership.
pub fn verify_state_proof(
    app_hash: &[u8],
    key: &[u8],
    value: Option<&[u8]>,
    ops: &ProofOps,
) -> Result<(), ProofError> {
    let proof = from_proof_ops(ops, key)?;
    match value {
        Some(v) => verify_membership(app_hash, key, v, &proof),
        None => verify_non_membership(app_hash, key, &proof),
    }
}

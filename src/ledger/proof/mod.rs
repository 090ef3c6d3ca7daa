//! Verifying state proofs: ICS23 membership and non-membership proofs of the ledger's Jellyfish
//! Merkle Tree against a CometBFT `app_hash`. Pure and WebAssembly-friendly.
//!
//! A proof travels as CometBFT's `abci_query` `ProofOps`: exactly one op of type
//! [`PROOF_OP_TYPE`] whose `key` is the state key and whose `data` is the protobuf-encoded ICS23
//! `CommitmentProof` (an `ExistenceProof` or a `NonExistenceProof`; batch and compressed proofs
//! are refused).
//!
//! This is a verifier of exactly one ICS23 proof spec, the JMT's ([`jmt_spec_summary`]): it
//! decodes the few protobuf messages it needs ([`wire`]) and checks them as the `ics23` crate
//! checks proofs against `jmt::ics23_spec()` (leaf and inner op shapes, root, key order by
//! SHA-256, left-most / right-most / adjacent neighbours). It is written out, rather than using
//! the `ics23` crate in the browser, because `ics23` with `prost` cost about 26 KB of the
//! gzipped module for this one spec, against about 9 KB (see docs/ledger-format.md); native tests
//! check it against
//! `ics23` on every proof they make and on mutated ones. Writing it out also gives each refusal a
//! typed reason, the depth limit (which `ics23` skips when `min_depth` is 0), and no panics on
//! neighbour paths that never diverge (where `ics23` unwraps).

pub mod wire;

use serde::{Deserialize, Serialize};

use crate::crypto::encoding::from_base64;
use crate::crypto::sha256;
use crate::crypto::sha256::sha256_parts;
use crate::ledger::error::ProofError;
use wire::{CommitmentProof, ExistenceProof, InnerOp, LeafOp, NO_PREFIX, SHA256};

/// The `type` of the ProofOp carrying a JMT ICS23 proof.
pub const PROOF_OP_TYPE: &str = "ics23:jmt";

/// The deepest path a proof may have: the JMT spec's `max_depth`. Honest JMT paths have about
/// `log2(keys)` steps (17 to 23 for 100,000 keys); a key whose SHA-256 shares 64 leading bits with
/// another's would need about 2^32 work to find, and would only make its own proofs refused.
pub const MAX_DEPTH: usize = 64;

/// Domain separator of a JMT leaf: `SHA-256("JMT::LeafNode" ‖ SHA-256(key) ‖ SHA-256(value))`.
pub const LEAF_PREFIX: &[u8] = b"JMT::LeafNode";
/// Domain separator of a JMT inner node: `SHA-256("JMT::IntrnalNode" ‖ left ‖ right)`.
pub const INNER_PREFIX: &[u8] = b"JMT::IntrnalNode";
/// The hash of an empty subtree.
pub const EMPTY_CHILD: &[u8; 32] = b"SPARSE_MERKLE_PLACEHOLDER_HASH__";

/// The spec in words: leaf `SHA-256(LEAF_PREFIX ‖ SHA-256(key) ‖ SHA-256(value))` (hash, key and
/// value prehash SHA-256, no length prefix); inner nodes SHA-256 with a 16-byte prefix
/// `INNER_PREFIX`, two 32-byte children in order `[0, 1]`, empty child [`EMPTY_CHILD`]; depth at
/// most [`MAX_DEPTH`]; keys compared by their SHA-256. A native test checks these numbers against
/// `jmt::ics23_spec()`.
pub fn jmt_spec_summary() -> (&'static [u8], &'static [u8], &'static [u8; 32], usize) {
    (LEAF_PREFIX, INNER_PREFIX, EMPTY_CHILD, MAX_DEPTH)
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

/// Wrap a proof of `key` (as the `ics23` crate encodes it) as ProofOps (native only: proofs are
/// made where the tree is).
#[cfg(not(target_arch = "wasm32"))]
pub fn to_proof_ops(key: &[u8], proof: &ics23::CommitmentProof) -> ProofOps {
    use crate::crypto::encoding::to_base64;
    use prost::Message as _;
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
        return Err(invalid("the proof op type is not ics23:jmt"));
    }
    let op_key = from_base64(&op.key).map_err(|_| invalid("proof op key is not base64"))?;
    if op_key != key {
        return Err(ProofError::KeyMismatch);
    }
    let data = from_base64(&op.data).map_err(|_| invalid("proof op data is not base64"))?;
    decode_proof(&data)
}

/// Decode a protobuf `CommitmentProof`.
pub fn decode_proof(bytes: &[u8]) -> Result<CommitmentProof, ProofError> {
    CommitmentProof::decode(bytes).map_err(|e| invalid(e.0))
}

fn invalid(why: &str) -> ProofError {
    ProofError::ProofInvalid(why.into())
}

fn root_of(app_hash: &[u8]) -> Result<[u8; 32], ProofError> {
    <[u8; 32]>::try_from(app_hash).map_err(|_| {
        ProofError::BadInput(format!("an app hash is 32 bytes, got {}", app_hash.len()))
    })
}

/// Which child of its parent a path step's node is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Side {
    /// Left child: `INNER_PREFIX ‖ child ‖ sibling`.
    Left,
    /// Right child: `INNER_PREFIX ‖ sibling ‖ child`.
    Right,
}

/// The side of an inner op and its sibling hash, if it is a JMT inner op.
fn step(op: &InnerOp) -> Option<(Side, &[u8])> {
    if op.hash != SHA256 {
        return None;
    }
    if op.prefix == INNER_PREFIX && op.suffix.len() == 32 {
        return Some((Side::Left, &op.suffix));
    }
    match op.prefix.strip_prefix(INNER_PREFIX) {
        Some(sibling) if sibling.len() == 32 && op.suffix.is_empty() => {
            Some((Side::Right, sibling))
        }
        _ => None,
    }
}

fn jmt_leaf(leaf: &Option<LeafOp>) -> bool {
    leaf.as_ref().is_some_and(|l| {
        l.hash == SHA256
            && l.prehash_key == SHA256
            && l.prehash_value == SHA256
            && l.length == NO_PREFIX
            && l.prefix == LEAF_PREFIX
    })
}

/// The existence proof is a JMT proof (shape and depth) and leads to `root`.
fn check_existence(ex: &ExistenceProof, root: &[u8; 32]) -> Result<(), ProofError> {
    if ex.path.len() > MAX_DEPTH {
        return Err(ProofError::TooDeep(ex.path.len()));
    }
    if ex.key.is_empty() || ex.value.is_empty() {
        return Err(invalid("empty key or value"));
    }
    if !jmt_leaf(&ex.leaf) {
        return Err(invalid("the leaf op is not the JMT leaf op"));
    }
    let mut hash = sha256_parts(&[LEAF_PREFIX, &sha256(&ex.key), &sha256(&ex.value)]);
    for op in &ex.path {
        let (side, sibling) =
            step(op).ok_or_else(|| invalid("an inner op is not a JMT inner op"))?;
        hash = match side {
            Side::Left => sha256_parts(&[INNER_PREFIX, &hash, sibling]),
            Side::Right => sha256_parts(&[INNER_PREFIX, sibling, &hash]),
        };
    }
    if &hash != root {
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
    let ex = match proof {
        CommitmentProof::Exist(ex) => ex,
        CommitmentProof::Nonexist(_) => {
            // Say "absent" only if the proof really shows it; otherwise it is just invalid.
            verify_non_membership(app_hash, key, proof)?;
            return Err(ProofError::KeyAbsent);
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
    Ok(())
}

/// Every step of the path is on the left-most edge of the tree, except where everything to its
/// left is empty (ics23's `ensure_left_most` for the JMT spec).
fn left_most(path: &[InnerOp]) -> bool {
    path.iter().all(|op| match step(op) {
        Some((Side::Left, _)) => true,
        Some((Side::Right, sibling)) => sibling == EMPTY_CHILD,
        None => false,
    })
}

/// The mirror image: on the right-most edge, or everything to its right is empty.
fn right_most(path: &[InnerOp]) -> bool {
    path.iter().all(|op| match step(op) {
        Some((Side::Right, _)) => true,
        Some((Side::Left, sibling)) => sibling == EMPTY_CHILD,
        None => false,
    })
}

/// `left` and `right` are neighbours: their paths share the steps from the root down to where
/// they split, `left` goes left there and `right` right, and below it `left` is right-most and
/// `right` left-most (ics23's `ensure_left_neighbor`, without its panics).
fn adjacent(left: &[InnerOp], right: &[InnerOp]) -> bool {
    let shared = left
        .iter()
        .rev()
        .zip(right.iter().rev())
        .take_while(|(l, r)| l.prefix == r.prefix && l.suffix == r.suffix)
        .count();
    let (Some(l_len), Some(r_len)) = (
        left.len().checked_sub(shared),
        right.len().checked_sub(shared),
    ) else {
        return false;
    };
    let (Some(l_split), Some(r_split)) = (l_len.checked_sub(1), r_len.checked_sub(1)) else {
        return false; // one path ends before they split
    };
    let sides = (
        left.get(l_split).and_then(step),
        right.get(r_split).and_then(step),
    );
    matches!(sides, (Some((Side::Left, _)), Some((Side::Right, _))))
        && right_most(left.get(..l_split).unwrap_or(&[]))
        && left_most(right.get(..r_split).unwrap_or(&[]))
}

/// The proof shows no value is stored under `key` in the state whose root is `app_hash`.
pub fn verify_non_membership(
    app_hash: &[u8],
    key: &[u8],
    proof: &CommitmentProof,
) -> Result<(), ProofError> {
    let root = root_of(app_hash)?;
    let non = match proof {
        CommitmentProof::Nonexist(non) => non,
        CommitmentProof::Exist(ex) => {
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
    for (is_left, neighbour) in [(true, &non.left), (false, &non.right)] {
        let Some(nb) = neighbour else { continue };
        check_existence(nb, &root)?;
        if nb.key == key {
            return Err(ProofError::KeyPresent);
        }
        let nb_hash = sha256(&nb.key);
        if (is_left && nb_hash >= key_hash) || (!is_left && nb_hash <= key_hash) {
            return Err(invalid("a neighbour is on the wrong side"));
        }
    }
    let neighbours = match (&non.left, &non.right) {
        (None, None) => return Err(invalid("no neighbour")),
        (Some(left), None) => right_most(&left.path),
        (None, Some(right)) => left_most(&right.path),
        (Some(left), Some(right)) => adjacent(&left.path, &right.path),
    };
    if !neighbours {
        return Err(invalid("the neighbours are not adjacent"));
    }
    Ok(())
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

#[cfg(test)]
mod tests {
    use super::*;

    fn left_child(sibling: u8) -> InnerOp {
        InnerOp {
            hash: SHA256,
            prefix: INNER_PREFIX.to_vec(),
            suffix: vec![sibling; 32],
        }
    }

    fn right_child(sibling: &[u8]) -> InnerOp {
        InnerOp {
            hash: SHA256,
            prefix: [INNER_PREFIX, sibling].concat(),
            suffix: Vec::new(),
        }
    }

    #[test]
    fn neighbour_paths_must_split() {
        let top = left_child(9);
        // Split at the second step from the top: left goes left, right goes right.
        let left = vec![left_child(1), top.clone()];
        let right = vec![right_child(&[2; 32]), top.clone()];
        assert!(adjacent(&left, &right));
        assert!(!adjacent(&right, &left));
        // Paths that never split (ics23 would unwrap on an empty path here).
        assert!(!adjacent(&left, &left));
        assert!(!adjacent(std::slice::from_ref(&top), &left));
        assert!(!adjacent(&[], &[]));
        assert!(!adjacent(&[], &right));
        // Below the split, the left path must be right-most (or have empty right siblings).
        let not_right_most = vec![left_child(5), left_child(1), top.clone()];
        assert!(!adjacent(&not_right_most, &right));
        let empty_right = vec![
            InnerOp {
                suffix: EMPTY_CHILD.to_vec(),
                ..left_child(0)
            },
            left_child(1),
            top,
        ];
        assert!(adjacent(&empty_right, &right));
    }

    #[test]
    fn wire_errors_are_errors() {
        assert!(
            CommitmentProof::decode(&[0x0a]).is_err(),
            "truncated length"
        );
        assert!(
            CommitmentProof::decode(&[0x0a, 0x05, 1]).is_err(),
            "length past the end"
        );
        assert!(
            CommitmentProof::decode(&[0x08, 0x01]).is_err(),
            "varint where a message goes"
        );
        assert!(
            CommitmentProof::decode(&[0x80; 11]).is_err(),
            "varint too long"
        );
        assert!(CommitmentProof::decode(&[0x00]).is_err(), "field number 0");
        assert!(
            CommitmentProof::decode(&[0x0c]).is_err(),
            "end of a group never started"
        );
        // An unknown group (field 9) is skipped; an empty message is no proof.
        assert_eq!(
            CommitmentProof::decode(&[0x4b, 0x08, 0x01, 0x4c]),
            Ok(CommitmentProof::Empty)
        );
        assert_eq!(CommitmentProof::decode(&[]), Ok(CommitmentProof::Empty));
        assert_eq!(
            CommitmentProof::decode(&[0x1a, 0x00]),
            Ok(CommitmentProof::Unsupported)
        );
        // exist {key: "k"} twice merges; then nonexist replaces it.
        let ex =
            CommitmentProof::decode(&[0x0a, 0x03, 0x0a, 0x01, b'k', 0x0a, 0x03, 0x12, 0x01, b'v']);
        let Ok(CommitmentProof::Exist(ex)) = ex else {
            panic!("an existence proof")
        };
        assert_eq!(
            (ex.key.as_slice(), ex.value.as_slice()),
            (&b"k"[..], &b"v"[..])
        );
        let non = CommitmentProof::decode(&[0x0a, 0x00, 0x12, 0x00]);
        assert_eq!(
            non,
            Ok(CommitmentProof::Nonexist(wire::NonExistenceProof::default()))
        );
    }
}

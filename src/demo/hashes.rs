//! The header fields a generated chain must fill in exactly as CometBFT 0.38 computes them:
//! the last commit's hash, the last results' hash and the consensus parameters' hash.

use crate::crypto::merkle::{self, Hash};
use crate::light::proto;
use crate::light::{Commit, CommitSig, ExecResult};

/// `Commit.Hash()`: the RFC 6962 root over each `CommitSig`'s protobuf encoding
/// (`block_id_flag = 1; validator_address = 2; timestamp = 3 (always written); signature = 4`).
pub fn commit_hash(commit: &Commit) -> Hash {
    let leaves: Vec<Vec<u8>> = commit.signatures.iter().map(commit_sig_proto).collect();
    merkle::root(&leaves)
}

fn commit_sig_proto(sig: &CommitSig) -> Vec<u8> {
    let mut buf = Vec::with_capacity(120);
    proto::put_uint(&mut buf, 1, u64::from(sig.block_id_flag.as_u8()));
    proto::put_bytes(&mut buf, 2, &sig.validator_address);
    let mut ts = Vec::with_capacity(16);
    sig.timestamp.encode_proto(&mut ts);
    proto::put_message(&mut buf, 3, &ts);
    if let Some(s) = &sig.signature {
        proto::put_bytes(&mut buf, 4, s);
    }
    buf
}

/// `ABCIResults.Hash()` of results with only codes (the demo uses no data and no gas).
pub fn results_hash(codes: &[u32]) -> Hash {
    let results: Vec<ExecResult> = codes.iter().copied().map(ExecResult::with_code).collect();
    crate::light::results_hash(&results)
}

/// The consensus parameters the demo chain runs with (CometBFT 0.38's defaults).
pub const BLOCK_MAX_BYTES: i64 = 22_020_096;
/// `block.max_gas` (-1: unlimited).
pub const BLOCK_MAX_GAS: i64 = -1;

/// `ConsensusParams.Hash()`: SHA-256 of `HashedParams { block_max_bytes = 1; block_max_gas = 2 }`.
pub fn consensus_hash() -> Hash {
    let mut buf = Vec::with_capacity(24);
    proto::put_int(&mut buf, 1, BLOCK_MAX_BYTES);
    proto::put_int(&mut buf, 2, BLOCK_MAX_GAS);
    crate::crypto::sha256(&buf)
}

/// The hash of an empty list (empty evidence, an empty block's data, the first block's last
/// commit and results): SHA-256 of nothing.
pub fn empty_hash() -> Hash {
    merkle::root::<&[u8]>(&[])
}

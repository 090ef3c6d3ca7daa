//! Block headers and block IDs, and the header hash every light-client check hangs on.

use serde::{Deserialize, Serialize};

use super::json;
use super::proto;
use super::time::Time;
use crate::crypto::merkle::{self, Hash};

/// The protocol versions a header was produced under (`tendermint.version.Consensus`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Version {
    /// Block protocol version (11 for CometBFT 0.34 to 0.38).
    #[serde(with = "json::u64_str", default, skip_serializing_if = "json::is_zero")]
    pub block: u64,
    /// Application protocol version.
    #[serde(with = "json::u64_str", default, skip_serializing_if = "json::is_zero")]
    pub app: u64,
}

impl Version {
    /// `tendermint.version.Consensus { block = 1; app = 2; }`.
    pub fn encode_proto(&self, buf: &mut Vec<u8>) {
        proto::put_uint(buf, 1, self.block);
        proto::put_uint(buf, 2, self.app);
    }
}

/// The header of a block's part set: how many parts, and their Merkle root.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct PartSetHeader {
    /// Number of parts.
    #[serde(with = "json::num")]
    pub total: u32,
    /// Merkle root of the parts.
    #[serde(with = "json::hex")]
    pub hash: Vec<u8>,
}

impl PartSetHeader {
    /// `PartSetHeader { total = 1 (uint32); hash = 2; }` (also `CanonicalPartSetHeader`).
    pub fn encode_proto(&self, buf: &mut Vec<u8>) {
        proto::put_uint(buf, 1, u64::from(self.total));
        proto::put_bytes(buf, 2, &self.hash);
    }
}

/// A block's identity: its header hash and part-set header.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct BlockId {
    /// The header hash.
    #[serde(with = "json::hex")]
    pub hash: Vec<u8>,
    /// The part-set header (`parts` in CometBFT JSON; `part_set_header` in tendermint-rs's).
    #[serde(rename = "parts", alias = "part_set_header")]
    pub parts: PartSetHeader,
}

impl BlockId {
    /// The empty block ID (a nil vote's, or the `last_block_id` at the first height).
    pub fn is_zero(&self) -> bool {
        self.hash.is_empty() && self.parts.total == 0 && self.parts.hash.is_empty()
    }

    /// `BlockID { hash = 1; part_set_header = 2 (non-nullable); }`; also the encoding of
    /// `CanonicalBlockID`, whose fields and numbers are the same.
    pub fn encode_proto(&self, buf: &mut Vec<u8>) {
        proto::put_bytes(buf, 1, &self.hash);
        let mut parts = Vec::with_capacity(40);
        self.parts.encode_proto(&mut parts);
        proto::put_message(buf, 2, &parts);
    }
}

/// A block header.
///
/// Hash-valued fields are kept as given (empty or 32 bytes in valid headers) so that any header
/// CometBFT prints parses, hashes and prints back unchanged; the verifier checks the lengths.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Header {
    /// Protocol versions.
    pub version: Version,
    /// The chain's ID.
    pub chain_id: String,
    /// Block height (positive).
    #[serde(with = "json::i64_str")]
    pub height: i64,
    /// Block time (the weighted median of the previous commit's vote times).
    pub time: Time,
    /// The previous block's ID. CometBFT always prints an object (empty at the first height);
    /// `None` (JSON `null`, as in tendermint-rs's test vectors) hashes like the empty ID.
    #[serde(default)]
    pub last_block_id: Option<BlockId>,
    /// Hash of the previous block's commit.
    #[serde(with = "json::hex")]
    pub last_commit_hash: Vec<u8>,
    /// Merkle root of the block's transaction hashes (see [`super::tx::data_hash`]).
    #[serde(with = "json::hex")]
    pub data_hash: Vec<u8>,
    /// Hash of this block's validator set.
    #[serde(with = "json::hex")]
    pub validators_hash: Vec<u8>,
    /// Hash of the next block's validator set.
    #[serde(with = "json::hex")]
    pub next_validators_hash: Vec<u8>,
    /// Hash of the consensus parameters.
    #[serde(with = "json::hex")]
    pub consensus_hash: Vec<u8>,
    /// The application's state root after the previous block.
    #[serde(with = "json::hex")]
    pub app_hash: Vec<u8>,
    /// Root of the previous block's transaction results.
    #[serde(with = "json::hex")]
    pub last_results_hash: Vec<u8>,
    /// Hash of the evidence in this block.
    #[serde(with = "json::hex")]
    pub evidence_hash: Vec<u8>,
    /// Address of the block's proposer.
    #[serde(with = "json::hex")]
    pub proposer_address: Vec<u8>,
}

impl Header {
    /// The 14 leaves of the header's Merkle tree, in order, each encoded as CometBFT's
    /// `Header.Hash` does: `version`, `time` and `last_block_id` as their protobuf messages, the
    /// rest through `cdcEncode` (a gogoproto `StringValue`/`Int64Value`/`BytesValue` wrapper,
    /// empty for an empty value).
    pub fn merkle_leaves(&self) -> [Vec<u8>; 14] {
        let mut version = Vec::with_capacity(8);
        self.version.encode_proto(&mut version);
        let mut time = Vec::with_capacity(16);
        self.time.encode_proto(&mut time);
        let mut last_block_id = Vec::with_capacity(80);
        self.last_block_id
            .clone()
            .unwrap_or_default()
            .encode_proto(&mut last_block_id);
        [
            version,
            proto::wrapped_bytes(self.chain_id.as_bytes()),
            proto::wrapped_int64(self.height),
            time,
            last_block_id,
            proto::wrapped_bytes(&self.last_commit_hash),
            proto::wrapped_bytes(&self.data_hash),
            proto::wrapped_bytes(&self.validators_hash),
            proto::wrapped_bytes(&self.next_validators_hash),
            proto::wrapped_bytes(&self.consensus_hash),
            proto::wrapped_bytes(&self.app_hash),
            proto::wrapped_bytes(&self.last_results_hash),
            proto::wrapped_bytes(&self.evidence_hash),
            proto::wrapped_bytes(&self.proposer_address),
        ]
    }

    /// The header hash (the block hash): the RFC 6962 Merkle root of [`Self::merkle_leaves`].
    pub fn hash(&self) -> Hash {
        merkle::root(&self.merkle_leaves())
    }
}

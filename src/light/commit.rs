//! Commits: the precommit signatures that make a header final.

use serde::{Deserialize, Serialize};

use super::header::{BlockId, Header};
use super::json;
use super::time::Time;

/// What a validator's commit signature is for (`BlockIDFlag`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BlockIdFlag {
    /// No vote was received from the validator (1).
    Absent,
    /// Voted for the commit's block (2).
    Commit,
    /// Voted for nil (3).
    Nil,
}

impl BlockIdFlag {
    /// The protobuf enum value.
    pub fn as_u8(self) -> u8 {
        match self {
            BlockIdFlag::Absent => 1,
            BlockIdFlag::Commit => 2,
            BlockIdFlag::Nil => 3,
        }
    }

    /// From the protobuf enum value (0, "unknown", is not a valid flag).
    pub fn from_u8(v: u8) -> Option<Self> {
        match v {
            1 => Some(BlockIdFlag::Absent),
            2 => Some(BlockIdFlag::Commit),
            3 => Some(BlockIdFlag::Nil),
            _ => None,
        }
    }
}

impl Serialize for BlockIdFlag {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_u8(self.as_u8())
    }
}

impl<'de> Deserialize<'de> for BlockIdFlag {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v: u8 = json::num::deserialize(d)?;
        BlockIdFlag::from_u8(v)
            .ok_or_else(|| serde::de::Error::custom(format!("unknown block_id_flag {v}")))
    }
}

/// One validator's entry in a commit, in the validator set's order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommitSig {
    /// What the signature is for.
    pub block_id_flag: BlockIdFlag,
    /// The signer's address (empty for absent votes).
    #[serde(with = "json::hex")]
    pub validator_address: Vec<u8>,
    /// The vote's time (Go's zero time for absent votes).
    pub timestamp: Time,
    /// The Ed25519 signature over the vote's sign bytes (`null` for absent votes).
    #[serde(with = "json::opt_base64", default)]
    pub signature: Option<Vec<u8>>,
}

impl CommitSig {
    /// An absent vote, as CometBFT writes it.
    pub fn absent() -> Self {
        CommitSig {
            block_id_flag: BlockIdFlag::Absent,
            validator_address: Vec::new(),
            timestamp: Time::GO_ZERO,
            signature: None,
        }
    }
}

/// The +2/3 precommits for a block.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Commit {
    /// Height of the committed block.
    #[serde(with = "json::i64_str")]
    pub height: i64,
    /// Consensus round the block was committed in.
    #[serde(with = "json::num")]
    pub round: i32,
    /// The committed block's ID.
    pub block_id: BlockId,
    /// One entry per validator of the block's validator set, in its order.
    #[serde(deserialize_with = "json::null_as_default")]
    pub signatures: Vec<CommitSig>,
}

/// A header and the commit that signs it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignedHeader {
    /// The header.
    pub header: Header,
    /// Its commit.
    pub commit: Commit,
}

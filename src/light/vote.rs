//! Canonical vote sign bytes: exactly the bytes a validator's precommit signature covers.
//!
//! CometBFT signs the length-delimited protobuf `CanonicalVote`:
//!
//! ```text
//! CanonicalVote {
//!   SignedMsgType    type      = 1;  // 2 = precommit
//!   sfixed64         height    = 2;
//!   sfixed64         round     = 3;
//!   CanonicalBlockID block_id  = 4;  // nullable: absent for nil votes
//!   Timestamp        timestamp = 5;  // non-nullable: always written
//!   string           chain_id  = 6;
//! }
//! ```
//!
//! Within one commit every vote shares type, height, round and chain ID, and the block ID is one
//! of two (the commit's, or absent for nil), so [`CommitSignBytes`] encodes those once and writes
//! each vote's bytes as prefix, timestamp and suffix, without allocating per vote.

use super::commit::{BlockIdFlag, Commit};
use super::header::BlockId;
use super::proto::{self, varint_len, WireType};
use super::time::Time;

/// `SignedMsgType` of a precommit.
const PRECOMMIT: i64 = 2;

/// The sign bytes of a precommit: `chain_id`, `height`, `round`, the voted block (`None`, or the
/// zero ID, for a nil vote) and the vote's timestamp.
pub fn vote_sign_bytes(
    chain_id: &str,
    height: i64,
    round: i64,
    block_id: Option<&BlockId>,
    timestamp: Time,
) -> Vec<u8> {
    let parts = VoteParts::new(chain_id, height, round, block_id);
    let mut out = Vec::with_capacity(parts.max_len());
    parts.write(timestamp, &mut out);
    out
}

/// The fixed parts of a vote's encoding: everything before and after the timestamp.
struct VoteParts {
    head: Vec<u8>,
    tail: Vec<u8>,
}

impl VoteParts {
    fn new(chain_id: &str, height: i64, round: i64, block_id: Option<&BlockId>) -> Self {
        let mut head = Vec::with_capacity(100);
        proto::put_int(&mut head, 1, PRECOMMIT);
        proto::put_sfixed64(&mut head, 2, height);
        proto::put_sfixed64(&mut head, 3, round);
        // CanonicalizeBlockID maps the zero ID to nil, so a zero ID is absent too.
        if let Some(id) = block_id.filter(|id| !id.is_zero()) {
            let mut body = Vec::with_capacity(80);
            id.encode_proto(&mut body);
            proto::put_message(&mut head, 4, &body);
        }
        let mut tail = Vec::with_capacity(chain_id.len() + 2);
        proto::put_bytes(&mut tail, 6, chain_id.as_bytes());
        VoteParts { head, tail }
    }

    /// An upper bound of one vote's sign-bytes length.
    fn max_len(&self) -> usize {
        // Delimiter (<= 10) + head + timestamp field (<= 2 + 22) + tail.
        10 + self.head.len() + 24 + self.tail.len()
    }

    /// Append the length-delimited vote with `timestamp` to `out`.
    fn write(&self, timestamp: Time, out: &mut Vec<u8>) {
        let secs = timestamp.unix_seconds() as u64;
        let nanos = u64::from(timestamp.subsec_nanos());
        let field_len = |v: u64| if v == 0 { 0 } else { 1 + varint_len(v) };
        let ts_len = field_len(secs) + field_len(nanos);
        let body_len = self.head.len() + 1 + varint_len(ts_len as u64) + ts_len + self.tail.len();
        proto::put_varint(out, body_len as u64);
        out.extend_from_slice(&self.head);
        proto::put_key(out, 5, WireType::Len);
        proto::put_varint(out, ts_len as u64);
        timestamp.encode_proto(out);
        out.extend_from_slice(&self.tail);
    }
}

/// Sign bytes for every vote of one commit, sharing the parts they have in common.
pub struct CommitSignBytes {
    for_block: VoteParts,
    for_nil: VoteParts,
}

impl CommitSignBytes {
    /// Prepare for `commit` on chain `chain_id`.
    pub fn new(chain_id: &str, commit: &Commit) -> Self {
        let (h, r) = (commit.height, i64::from(commit.round));
        CommitSignBytes {
            for_block: VoteParts::new(chain_id, h, r, Some(&commit.block_id)),
            for_nil: VoteParts::new(chain_id, h, r, None),
        }
    }

    /// Append the sign bytes of a vote with `flag` and `timestamp` to `out` (absent votes sign
    /// nothing; they are written as nil votes, which callers never ask for).
    pub fn write(&self, flag: BlockIdFlag, timestamp: Time, out: &mut Vec<u8>) {
        match flag {
            BlockIdFlag::Commit => self.for_block.write(timestamp, out),
            BlockIdFlag::Nil | BlockIdFlag::Absent => self.for_nil.write(timestamp, out),
        }
    }

    /// An upper bound of one vote's sign-bytes length.
    pub fn max_len(&self) -> usize {
        self.for_block.max_len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::light::header::PartSetHeader;

    #[test]
    fn precommit_layout_matches_canonical_vote() {
        let id = BlockId {
            hash: vec![0xaa; 32],
            parts: PartSetHeader {
                total: 1,
                hash: vec![0xbb; 32],
            },
        };
        let t = Time::from_unix(1, 2).unwrap();
        let b = vote_sign_bytes("c", 3, 0, Some(&id), t);
        let mut want = vec![0x08, 0x02, 0x11, 3, 0, 0, 0, 0, 0, 0, 0];
        want.extend([0x22, 0x48, 0x0a, 0x20]);
        want.extend([0xaa; 32]);
        want.extend([0x12, 0x24, 0x08, 0x01, 0x12, 0x20]);
        want.extend([0xbb; 32]);
        want.extend([0x2a, 0x04, 0x08, 0x01, 0x10, 0x02, 0x32, 0x01, b'c']);
        let mut delimited = vec![want.len() as u8];
        delimited.extend(want);
        assert_eq!(b, delimited);
    }

    #[test]
    fn nil_votes_have_no_block_id_and_zero_time_is_still_written() {
        let b = vote_sign_bytes("", 0, 0, None, Time::UNIX_EPOCH);
        assert_eq!(b, [4, 0x08, 0x02, 0x2a, 0x00]);
        let zero = BlockId::default();
        assert_eq!(
            vote_sign_bytes("x", 1, 2, Some(&zero), Time::UNIX_EPOCH),
            vote_sign_bytes("x", 1, 2, None, Time::UNIX_EPOCH)
        );
    }

    #[test]
    fn commit_builder_equals_one_off_function_and_bound_holds() {
        let commit = Commit {
            height: 1 << 40,
            round: 7,
            block_id: BlockId {
                hash: vec![1; 32],
                parts: PartSetHeader {
                    total: 9,
                    hash: vec![2; 32],
                },
            },
            signatures: vec![],
        };
        let c = CommitSignBytes::new("chain-α", &commit);
        for t in [
            Time::GO_ZERO,
            Time::UNIX_EPOCH,
            Time::from_unix(1 << 33, 999_999_999).unwrap(),
        ] {
            let mut out = Vec::new();
            c.write(BlockIdFlag::Commit, t, &mut out);
            assert!(out.len() <= c.max_len());
            let id = Some(&commit.block_id);
            assert_eq!(out, vote_sign_bytes("chain-α", 1 << 40, 7, id, t));
            out.clear();
            c.write(BlockIdFlag::Nil, t, &mut out);
            assert_eq!(out, vote_sign_bytes("chain-α", 1 << 40, 7, None, t));
        }
    }
}

//! Validators and validator sets, their addresses and the validator-set hash.

use serde::{Deserialize, Serialize};

use super::json;
use super::proto;
use crate::crypto::ed25519::PublicKey;
use crate::crypto::encoding::{from_base64, to_base64};
use crate::crypto::merkle::{self, Hash};
use crate::crypto::sha256;

/// CometBFT's cap on a validator set's total voting power (`MaxTotalVotingPower`).
pub const MAX_TOTAL_VOTING_POWER: u64 = (i64::MAX / 8) as u64;

/// Length of a validator address.
pub const ADDRESS_LENGTH: usize = 20;

/// JSON type tag of an Ed25519 key.
const ED25519_TYPE: &str = "tendermint/PubKeyEd25519";

/// A validator's consensus key. Only Ed25519 is supported (CometBFT's default and the only key
/// type most chains allow); other types are refused when parsed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PubKey {
    /// An Ed25519 key.
    Ed25519(PublicKey),
}

impl PubKey {
    /// The address: the first 20 bytes of SHA-256 of the key bytes.
    pub fn address(&self) -> [u8; ADDRESS_LENGTH] {
        let PubKey::Ed25519(key) = self;
        let digest = sha256(key.as_bytes());
        let mut a = [0u8; ADDRESS_LENGTH];
        a.copy_from_slice(&digest[..ADDRESS_LENGTH]);
        a
    }

    /// `tendermint.crypto.PublicKey { oneof sum { bytes ed25519 = 1; ... } }`.
    pub fn encode_proto(&self, buf: &mut Vec<u8>) {
        let PubKey::Ed25519(key) = self;
        proto::put_bytes(buf, 1, key.as_bytes());
    }
}

#[derive(Serialize, Deserialize)]
struct TypedKey {
    #[serde(rename = "type")]
    kind: String,
    value: String,
}

impl Serialize for PubKey {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let PubKey::Ed25519(key) = self;
        TypedKey {
            kind: ED25519_TYPE.into(),
            value: to_base64(key.as_bytes()),
        }
        .serialize(s)
    }
}

impl<'de> Deserialize<'de> for PubKey {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use serde::de::Error;
        let typed = TypedKey::deserialize(d)?;
        if typed.kind != ED25519_TYPE {
            return Err(D::Error::custom(format!(
                "unsupported public key type {:?}",
                typed.kind
            )));
        }
        let bytes = from_base64(&typed.value).map_err(D::Error::custom)?;
        let key = PublicKey::from_slice(&bytes).map_err(D::Error::custom)?;
        Ok(PubKey::Ed25519(key))
    }
}

/// A validator as CometBFT's `validators` RPC prints it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Validator {
    /// The address as given in JSON. Not covered by the validator-set hash, so the verifier
    /// checks it equals [`Validator::address`] before trusting it.
    #[serde(rename = "address", with = "json::hex")]
    pub declared_address: Vec<u8>,
    /// The consensus key.
    pub pub_key: PubKey,
    /// Voting power (non-negative in a valid set).
    #[serde(with = "json::i64_str")]
    pub voting_power: i64,
    /// Proposer priority (not hashed; absent in some test vectors).
    #[serde(
        with = "json::opt_i64_str",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub proposer_priority: Option<i64>,
}

impl Validator {
    /// A validator with `key` and `voting_power`, its address derived from the key.
    pub fn new(key: PublicKey, voting_power: i64) -> Self {
        let pub_key = PubKey::Ed25519(key);
        Validator {
            declared_address: pub_key.address().to_vec(),
            pub_key,
            voting_power,
            proposer_priority: Some(0),
        }
    }

    /// The address derived from the key (first 20 bytes of SHA-256 of the key).
    pub fn address(&self) -> [u8; ADDRESS_LENGTH] {
        self.pub_key.address()
    }

    /// The Ed25519 key.
    pub fn ed25519_key(&self) -> PublicKey {
        let PubKey::Ed25519(key) = self.pub_key;
        key
    }

    /// `SimpleValidator { PublicKey pub_key = 1; int64 voting_power = 2; }`: what the
    /// validator-set hash commits to.
    pub fn encode_simple(&self, buf: &mut Vec<u8>) {
        let mut key = Vec::with_capacity(34);
        self.pub_key.encode_proto(&mut key);
        proto::put_message(buf, 1, &key);
        proto::put_int(buf, 2, self.voting_power);
    }
}

/// A validator set, always in CometBFT's order: voting power descending, then address ascending.
///
/// CometBFT keeps every validator set sorted so (`NewValidatorSet`, `ValidatorsByVotingPower`),
/// and the validator-set hash and the commit's signature order follow it. Sets from a node's RPC
/// are already in this order; [`ValidatorSet::new`] and deserialization sort any other input
/// (a genesis file, tendermint-rs's test vectors) the same way, so the hash is CometBFT's.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "RawValidatorSet")]
pub struct ValidatorSet {
    /// The validators (keep them sorted when changing them: the hash follows this order).
    pub validators: Vec<Validator>,
    /// The proposer (CometBFT prints it; not hashed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub proposer: Option<Validator>,
    /// Total power as some producers print it (tendermint-rs); never trusted, only kept.
    #[serde(
        with = "json::opt_i64_str",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub total_voting_power: Option<i64>,
}

/// A validator set as given in JSON, before sorting.
#[derive(Deserialize)]
struct RawValidatorSet {
    #[serde(deserialize_with = "json::null_as_default")]
    validators: Vec<Validator>,
    #[serde(default)]
    proposer: Option<Validator>,
    #[serde(with = "json::opt_i64_str", default)]
    total_voting_power: Option<i64>,
}

impl From<RawValidatorSet> for ValidatorSet {
    fn from(raw: RawValidatorSet) -> Self {
        let mut validators = raw.validators;
        sort_validators(&mut validators);
        ValidatorSet {
            validators,
            proposer: raw.proposer,
            total_voting_power: raw.total_voting_power,
        }
    }
}

/// CometBFT's order: voting power descending, then address ascending (stable for equal keys).
fn sort_validators(validators: &mut Vec<Validator>) {
    let mut keyed: Vec<_> = core::mem::take(validators)
        .into_iter()
        .map(|v| ((core::cmp::Reverse(v.voting_power), v.address()), v))
        .collect();
    super::small_sort::sort_by_key(&mut keyed, |(k, _)| *k);
    *validators = keyed.into_iter().map(|(_, v)| v).collect();
}

impl ValidatorSet {
    /// A set of `validators`, sorted into CometBFT's order; the proposer is the first.
    pub fn new(mut validators: Vec<Validator>) -> Self {
        sort_validators(&mut validators);
        let proposer = validators.first().cloned();
        ValidatorSet {
            validators,
            proposer,
            total_voting_power: None,
        }
    }

    /// The validator-set hash: the Merkle root of each validator's `SimpleValidator` encoding,
    /// in the set's order.
    pub fn hash(&self) -> Hash {
        let mut buf = Vec::with_capacity(48);
        let leaves: Vec<Hash> = self
            .validators
            .iter()
            .map(|v| {
                buf.clear();
                v.encode_simple(&mut buf);
                merkle::leaf_hash(&buf)
            })
            .collect();
        merkle::root_from_leaf_hashes(&leaves)
    }

    /// Total voting power, or `None` if a power is negative or the sum exceeds
    /// [`MAX_TOTAL_VOTING_POWER`].
    pub fn total_power(&self) -> Option<u64> {
        self.validators.iter().try_fold(0u64, |sum, v| {
            let p = u64::try_from(v.voting_power).ok()?;
            sum.checked_add(p).filter(|&t| t <= MAX_TOTAL_VOTING_POWER)
        })
    }
}

//! Ledger transactions: a signed JSON envelope `{type, body, signer, sig}`.
//!
//! The signer signs the RFC 8785 canonical JSON of `{type, body, signer}`; the body carries the
//! `chainId` and the signer's `sequence`, so a transaction is valid on one chain and once. The
//! signer is an Ed25519 `did:key`; the signature (base64url or base64, 64 bytes) is verified
//! under [`Rule::Strict`]. On the chain a transaction is the JSON bytes of the envelope, and its
//! hash is SHA-256 of those bytes (CometBFT's transaction hash). See docs/ledger-format.md.

pub(crate) mod check;
pub mod contract;
pub mod epcis;
pub mod records;
pub mod registry;
pub mod status;

use serde::{de::DeserializeOwned, Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::crypto::did_key::{from_did, to_did};
use crate::crypto::ed25519::{verify, PublicKey, Rule, Signature, SigningKey};
use crate::crypto::encoding::from_base64;
use crate::crypto::jcs::canonicalize;
use crate::crypto::sha256;
use crate::ledger::error::Reject;

/// The largest transaction the state machine accepts, in bytes.
pub const MAX_TX_BYTES: usize = 128 * 1024;

/// The largest integer a body may hold: JSON numbers must survive JavaScript's doubles, or the
/// canonical bytes a browser signs would differ from the ones the chain checks.
pub const MAX_SAFE_INTEGER: u64 = (1 << 53) - 1;

/// The kinds of transaction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TxType {
    /// The regulator accredits (or re-accredits) an actor.
    RegistryAccredit,
    /// The regulator revokes an accreditation.
    RegistryRevoke,
    /// A supply-chain event shaped like GS1 EPCIS 2.0.
    EpcisEvent,
    /// A record provider anchors a patient record's hash.
    RecordAnchor,
    /// A patient grants consent.
    ConsentGrant,
    /// A patient revokes consent.
    ConsentRevoke,
    /// A credential issuer publishes a status list version.
    StatusPublish,
    /// A party proposes contract terms.
    ContractPropose,
    /// The other party accepts them (the second signature).
    ContractAccept,
    /// An invoice for a shipment under a contract.
    ContractInvoice,
    /// A chargeback claim for a shipment under a contract.
    ContractChargeback,
}

impl TxType {
    /// Every type, for documentation and tests.
    pub const ALL: [TxType; 11] = [
        TxType::RegistryAccredit,
        TxType::RegistryRevoke,
        TxType::EpcisEvent,
        TxType::RecordAnchor,
        TxType::ConsentGrant,
        TxType::ConsentRevoke,
        TxType::StatusPublish,
        TxType::ContractPropose,
        TxType::ContractAccept,
        TxType::ContractInvoice,
        TxType::ContractChargeback,
    ];

    /// The `type` string of the envelope.
    pub fn name(self) -> &'static str {
        match self {
            TxType::RegistryAccredit => "registry.accredit",
            TxType::RegistryRevoke => "registry.revoke",
            TxType::EpcisEvent => "epcis.event",
            TxType::RecordAnchor => "record.anchor",
            TxType::ConsentGrant => "consent.grant",
            TxType::ConsentRevoke => "consent.revoke",
            TxType::StatusPublish => "status.publish",
            TxType::ContractPropose => "contract.propose",
            TxType::ContractAccept => "contract.accept",
            TxType::ContractInvoice => "contract.invoice",
            TxType::ContractChargeback => "contract.chargeback",
        }
    }

    /// The type named `name`.
    pub fn from_name(name: &str) -> Option<TxType> {
        TxType::ALL.into_iter().find(|t| t.name() == name)
    }
}

/// The envelope as it travels: JSON bytes of this object.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Envelope {
    /// The transaction type (see [`TxType::name`]).
    #[serde(rename = "type")]
    pub tx_type: String,
    /// The body: an object with `chainId`, `sequence` and the type's fields.
    pub body: Value,
    /// The signer's `did:key`.
    pub signer: String,
    /// The Ed25519 signature over [`signing_bytes`], base64url without padding (base64 accepted).
    pub sig: String,
}

impl Envelope {
    /// The bytes to broadcast: the envelope's canonical JSON.
    pub fn to_bytes(&self) -> Result<Vec<u8>, Reject> {
        crate::crypto::jcs::canonicalize_serialize(self)
            .map_err(|e| Reject::MalformedTx(e.to_string()))
    }
}

/// The bytes the signer signs: the RFC 8785 canonical JSON of `{type, body, signer}`.
pub fn signing_bytes(tx_type: &str, body: &Value, signer: &str) -> Result<Vec<u8>, Reject> {
    let mut obj = Map::new();
    obj.insert("type".into(), Value::String(tx_type.into()));
    obj.insert("body".into(), body.clone());
    obj.insert("signer".into(), Value::String(signer.into()));
    canonicalize(&Value::Object(obj)).map_err(|e| Reject::BadBody(e.to_string()))
}

/// The fields every body carries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Common {
    /// The chain the transaction is for.
    pub chain_id: String,
    /// The signer's sequence: 1 for its first transaction, then one more each time.
    pub sequence: u64,
}

/// A body of `T`'s fields plus the common `chainId` and `sequence`.
pub fn make_body<T: Serialize>(common: &Common, fields: &T) -> Result<Value, Reject> {
    let mut value = serde_json::to_value(fields).map_err(|e| Reject::BadBody(e.to_string()))?;
    let obj = value
        .as_object_mut()
        .ok_or_else(|| Reject::BadBody("a body is a JSON object".into()))?;
    obj.insert("chainId".into(), Value::String(common.chain_id.clone()));
    obj.insert("sequence".into(), Value::from(common.sequence));
    Ok(value)
}

/// Sign a body of `tx_type` with `key`: the envelope, ready for [`Envelope::to_bytes`].
pub fn sign(key: &SigningKey, tx_type: TxType, body: Value) -> Result<Envelope, Reject> {
    let signer = to_did(&key.public_key());
    let msg = signing_bytes(tx_type.name(), &body, &signer)?;
    let sig = key.sign(&msg);
    Ok(Envelope {
        tx_type: tx_type.name().into(),
        body,
        signer,
        sig: base64_url(&sig.0),
    })
}

fn base64_url(bytes: &[u8]) -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// A transaction whose envelope parsed and whose signature verified.
#[derive(Debug, Clone, PartialEq)]
pub struct VerifiedTx {
    /// The type.
    pub tx_type: TxType,
    /// The common body fields.
    pub common: Common,
    /// The body without `chainId` and `sequence`, for the type's parser.
    pub fields: Map<String, Value>,
    /// The full body as signed.
    pub body: Value,
    /// The signer's `did:key` (canonical form).
    pub signer: String,
    /// The signer's key.
    pub signer_key: PublicKey,
    /// SHA-256 of the transaction bytes (CometBFT's transaction hash).
    pub hash: [u8; 32],
}

impl VerifiedTx {
    /// The type's fields, parsed strictly (unknown fields refused).
    pub fn parse_fields<T: DeserializeOwned>(&self) -> Result<T, Reject> {
        crate::json::from_value(&Value::Object(self.fields.clone()))
            .map_err(|e| Reject::BadBody(e.to_string()))
    }
}

/// Parse transaction bytes and verify the signature. Does not look at the state: chain id,
/// sequence and the type's rules are the state machine's.
pub fn decode_and_verify(bytes: &[u8]) -> Result<VerifiedTx, Reject> {
    if bytes.len() > MAX_TX_BYTES {
        return Err(Reject::TxTooLarge(bytes.len()));
    }
    let env: Envelope =
        crate::json::from_text(bytes).map_err(|e| Reject::MalformedTx(e.to_string()))?;
    let tx_type =
        TxType::from_name(&env.tx_type).ok_or(Reject::UnknownType(env.tx_type.clone()))?;
    let signer_key = from_did(&env.signer).map_err(|_| Reject::BadSigner)?;
    // One spelling per key: no fragment, no alternative encodings.
    if to_did(&signer_key) != env.signer {
        return Err(Reject::BadSigner);
    }
    let sig = from_base64(&env.sig)
        .ok()
        .and_then(|b| Signature::from_slice(&b).ok())
        .ok_or(Reject::BadSignature)?;
    let msg = signing_bytes(&env.tx_type, &env.body, &env.signer)?;
    verify(Rule::Strict, &signer_key, &msg, &sig).map_err(|_| Reject::BadSignature)?;
    let mut fields = match &env.body {
        Value::Object(obj) => obj.clone(),
        _ => return Err(Reject::BadBody("a body is a JSON object".into())),
    };
    let chain_id = match fields.remove("chainId") {
        Some(Value::String(s)) => s,
        _ => return Err(Reject::BadBody("chainId must be a string".into())),
    };
    let sequence = match fields.remove("sequence").as_ref().and_then(Value::as_u64) {
        Some(n) if (1..=MAX_SAFE_INTEGER).contains(&n) => n,
        _ => {
            return Err(Reject::BadBody(
                "sequence must be an integer from 1 to 2^53-1".into(),
            ))
        }
    };
    Ok(VerifiedTx {
        tx_type,
        common: Common { chain_id, sequence },
        fields,
        body: env.body,
        signer: env.signer,
        signer_key,
        hash: sha256(bytes),
    })
}

/// Check everything about a verified transaction that needs no state: its fields parse
/// strictly for its type and each has a valid form. (The state machine does the same before its
/// stateful rules; wallets use this to fail early.)
pub fn check_stateless(tx: &VerifiedTx) -> Result<(), Reject> {
    match tx.tx_type {
        TxType::RegistryAccredit => tx.parse_fields::<registry::Accredit>()?.validate(),
        TxType::RegistryRevoke => tx.parse_fields::<registry::Revoke>()?.validate(),
        TxType::EpcisEvent => tx
            .parse_fields::<epcis::EventTx>()?
            .event
            .classify()
            .map(|_| ()),
        TxType::RecordAnchor => tx.parse_fields::<records::Anchor>()?.validate(),
        TxType::ConsentGrant => tx.parse_fields::<records::ConsentGrant>()?.validate(),
        TxType::ConsentRevoke => tx.parse_fields::<records::ConsentRevoke>()?.validate(),
        TxType::StatusPublish => tx.parse_fields::<status::Publish>()?.validate(),
        TxType::ContractPropose => tx.parse_fields::<contract::Propose>()?.validate(),
        TxType::ContractAccept => tx.parse_fields::<contract::Accept>()?.validate(),
        TxType::ContractInvoice => tx.parse_fields::<contract::Invoice>()?.validate(),
        TxType::ContractChargeback => tx.parse_fields::<contract::Chargeback>()?.validate(),
    }
}

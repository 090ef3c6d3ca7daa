//! The values stored under each kind of key, as canonical JSON (field names camelCase, absent
//! options omitted). Times are the block's time, `YYYY-MM-DDTHH:MM:SSZ`; transaction hashes are
//! lower-case hex of SHA-256 of the transaction bytes.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::ledger::tx::contract::{ClaimLine, InvoiceLine, Terms};
use crate::ledger::tx::records::Scope;
use crate::ledger::tx::registry::{Accredit, Role};

/// `meta/genesis`: the chain and its regulator. Written at genesis so the tree is never empty.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GenesisSeed {
    /// The chain id.
    pub chain_id: String,
    /// The regulator's did:key.
    pub regulator: String,
}

/// `meta/block`: the last block whose transactions the state includes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BlockMeta {
    /// Its height.
    pub height: u64,
    /// Its time.
    pub time: String,
}

/// `account/{did}`: the signer's last used sequence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Account {
    /// The last sequence used (the next transaction must carry one more).
    pub sequence: u64,
}

/// Whether an accreditation is in force (within its validity) or revoked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ActorStatus {
    /// Accredited (valid between `validFrom` and `validUntil`).
    Active,
    /// Revoked by the regulator.
    Revoked,
}

/// One entry of an actor's history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ActorHistory {
    /// `accredited` or `revoked`.
    pub action: String,
    /// Block time.
    pub at: String,
    /// The transaction.
    pub tx: String,
    /// Roles granted (accreditations).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub roles: Vec<Role>,
    /// Validity granted (accreditations).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_until: Option<String>,
    /// Why (revocations).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// `actor/{did}`: the current accreditation (its fields inline) and every change to it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", from = "ActorFields")]
pub struct Actor {
    /// The accreditation in force or last revoked (roles sorted).
    #[serde(flatten)]
    pub accreditation: Accredit,
    /// Active or revoked.
    pub status: ActorStatus,
    /// Oldest first.
    pub history: Vec<ActorHistory>,
}

/// [`Actor`] as it is read: its fields listed flat rather than `#[serde(flatten)]`, which
/// buffers the whole object in serde's `Content` first (5 kB of the browser module). Unknown
/// fields are ignored either way; a field added to [`Accredit`] fails to compile in the `From`.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ActorFields {
    actor: String,
    legal_name: String,
    roles: Vec<Role>,
    jurisdiction: String,
    licence_id: String,
    valid_from: String,
    valid_until: String,
    status: ActorStatus,
    history: Vec<ActorHistory>,
}

impl From<ActorFields> for Actor {
    fn from(f: ActorFields) -> Self {
        Actor {
            accreditation: Accredit {
                actor: f.actor,
                legal_name: f.legal_name,
                roles: f.roles,
                jurisdiction: f.jurisdiction,
                licence_id: f.licence_id,
                valid_from: f.valid_from,
                valid_until: f.valid_until,
            },
            status: f.status,
            history: f.history,
        }
    }
}

/// A reference to the event that last changed an object.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EventRef {
    /// The transaction.
    pub tx: String,
    /// The CBV business step.
    pub biz_step: String,
    /// Block time.
    pub at: String,
    /// Who signed it.
    pub by: String,
}

/// A recall of a lot or a pack.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Recall {
    /// Who recalled (the owner or the regulator).
    pub by: String,
    /// Block time.
    pub at: String,
    /// The transaction.
    pub tx: String,
    /// Why, if given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// Something suspicious recorded on a pack; the transaction that raised it was accepted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Alert {
    /// `clone_suspected`: the pack was dispensed again after it left the supply chain.
    pub kind: String,
    /// Who reported it.
    pub by: String,
    /// Block time.
    pub at: String,
    /// The transaction.
    pub tx: String,
}

/// Most alerts kept on a pack (the first ones: the earliest evidence); `alertCount` counts all.
pub const MAX_ALERTS: usize = 32;

/// Where a pack or container is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ObjectStatus {
    /// Held by `holder`, can be moved.
    Active,
    /// Shipped to `shippedTo`, not yet received.
    InTransit,
    /// Dispensed to a patient: out of the supply chain.
    Dispensed,
    /// Destroyed: out of the supply chain.
    Destroyed,
    /// Consumed by repackaging: out of the supply chain.
    Consumed,
}

impl ObjectStatus {
    /// The status's name.
    pub fn name(self) -> &'static str {
        match self {
            ObjectStatus::Active => "active",
            ObjectStatus::InTransit => "in_transit",
            ObjectStatus::Dispensed => "dispensed",
            ObjectStatus::Destroyed => "destroyed",
            ObjectStatus::Consumed => "consumed",
        }
    }

    /// Out of the supply chain for good.
    pub fn is_terminal(self) -> bool {
        matches!(
            self,
            ObjectStatus::Dispensed | ObjectStatus::Destroyed | ObjectStatus::Consumed
        )
    }
}

/// `serial/{gtin}/{serial}`: one pack.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Serial {
    /// GTIN-14.
    pub gtin: String,
    /// Serial number.
    pub serial: String,
    /// Lot number.
    pub lot: String,
    /// Expiry `YYYY-MM-DD`.
    pub expiry: String,
    /// Who commissioned it (the lot's owner).
    pub owner: String,
    /// Where it is in its life.
    pub status: ObjectStatus,
    /// Who holds it (the shipper while in transit).
    pub holder: String,
    /// Who it was shipped to, while in transit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shipped_to: Option<String>,
    /// The SSCC of the container it is packed in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
    /// The event that last changed it.
    pub last_event: EventRef,
    /// A recall of this very pack (the lot's recall is on the lot).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recall: Option<Recall>,
    /// The first alerts (at most [`MAX_ALERTS`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub alerts: Vec<Alert>,
    /// How many alerts were raised in all.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub alert_count: u64,
    /// The repackaging transaction that created it, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub repackaged_by: Option<String>,
}

fn is_zero(n: &u64) -> bool {
    *n == 0
}

/// `lot/{gtin}/{lot}`: a lot.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Lot {
    /// GTIN-14.
    pub gtin: String,
    /// Lot number.
    pub lot: String,
    /// Expiry `YYYY-MM-DD`.
    pub expiry: String,
    /// The manufacturer (or repackager) that commissioned it.
    pub owner: String,
    /// Its recall, if recalled.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recall: Option<Recall>,
}

/// `container/{sscc}`: a logistic unit and the packs in it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Container {
    /// SSCC.
    pub sscc: String,
    /// Active or in transit.
    pub status: ObjectStatus,
    /// Who holds it.
    pub holder: String,
    /// Who it was shipped to, while in transit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shipped_to: Option<String>,
    /// The packs' URIs, sorted.
    pub children: Vec<String>,
    /// The event that last changed it.
    pub last_event: EventRef,
}

/// `shipment/{tx}`: what one shipping event sent, counted per GTIN (containers expanded).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Shipment {
    /// The shipping transaction.
    pub tx: String,
    /// The shipper.
    pub from: String,
    /// The destination party.
    pub to: String,
    /// Block time.
    pub at: String,
    /// Packs per GTIN.
    pub items: BTreeMap<String, u64>,
}

/// `record/{patient}/{recordId}`: an anchored record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Record {
    /// The patient.
    pub patient: String,
    /// The record's identifier.
    pub record_id: String,
    /// Its category.
    pub category: String,
    /// The record provider that anchored it.
    pub provider: String,
    /// SHA-256 of the document, hex.
    pub sha256: String,
    /// Size in bytes.
    pub size: u64,
    /// Root over 1 MiB chunk hashes, hex.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub chunk_root: Option<String>,
    /// Block time.
    pub at: String,
    /// The transaction.
    pub tx: String,
}

/// Whether a consent stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConsentStatus {
    /// Granted (until `expires`).
    Active,
    /// Withdrawn.
    Revoked,
}

/// `consent/{patient}/{grantee}`: the patient's current consent to one grantee.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Consent {
    /// The patient.
    pub patient: String,
    /// The grantee.
    pub grantee: String,
    /// What it covers.
    pub scope: Scope,
    /// Why.
    pub purpose: String,
    /// Until when (exclusive).
    pub expires: String,
    /// Active or revoked.
    pub status: ConsentStatus,
    /// Block time of the grant.
    pub granted_at: String,
    /// The granting transaction.
    pub grant_tx: String,
    /// Block time of the revocation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revoked_at: Option<String>,
    /// The revoking transaction.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revoke_tx: Option<String>,
}

/// `status/{issuer}/{listId}`: the latest version of a status list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StatusList {
    /// The issuer.
    pub issuer: String,
    /// The list's identifier.
    pub list_id: String,
    /// The latest version.
    pub version: u64,
    /// SHA-256 of its credential, hex.
    pub sha256: String,
    /// Where to fetch it, if given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Block time.
    pub at: String,
    /// The transaction (which carries the bytes, if they were published on chain).
    pub tx: String,
}

/// Whether a contract is waiting for the second signature or in force.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ContractStatus {
    /// Proposed, not yet accepted.
    Proposed,
    /// Signed by both parties.
    Accepted,
}

/// `contract/{contractId}`: terms, and who signed them when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Contract {
    /// The identifier.
    pub contract_id: String,
    /// The terms.
    pub terms: Terms,
    /// Their hash (what the acceptor signed).
    pub terms_hash: String,
    /// Proposed or accepted.
    pub status: ContractStatus,
    /// The proposing party.
    pub proposer: String,
    /// The proposing transaction.
    pub propose_tx: String,
    /// The accepting transaction.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub accept_tx: Option<String>,
    /// Block time of acceptance.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub accepted_at: Option<String>,
}

/// `invoice/{contractId}/{shipment}`: the invoice of one shipment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct InvoiceRecord {
    /// The invoice's identifier.
    pub invoice_id: String,
    /// The seller.
    pub issuer: String,
    /// The lines.
    pub lines: Vec<InvoiceLine>,
    /// The total, minor units.
    pub total_minor: u64,
    /// Currency.
    pub currency: String,
    /// Block time.
    pub at: String,
    /// The transaction.
    pub tx: String,
}

/// `chargeback/{contractId}/{shipment}`: the claim for one shipment (only one may be made).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ChargebackRecord {
    /// The claim's identifier.
    pub claim_id: String,
    /// The wholesaler claiming.
    pub claimant: String,
    /// Against whom (the seller).
    pub debtor: String,
    /// The lines.
    pub lines: Vec<ClaimLine>,
    /// The amount, minor units.
    pub total_minor: u64,
    /// Currency.
    pub currency: String,
    /// Block time.
    pub at: String,
    /// The transaction.
    pub tx: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_actor_reads_back_what_it_writes_and_ignores_unknown_fields() {
        let actor = Actor {
            accreditation: Accredit {
                actor: "did:key:z6Mk".into(),
                legal_name: "Pharma GmbH".into(),
                roles: vec![Role::Manufacturer, Role::Wholesaler],
                jurisdiction: "DE".into(),
                licence_id: "L-1".into(),
                valid_from: "2026-01-01T00:00:00Z".into(),
                valid_until: "2027-01-01T00:00:00Z".into(),
            },
            status: ActorStatus::Revoked,
            history: vec![ActorHistory {
                action: "revoked".into(),
                at: "2026-06-01T00:00:00Z".into(),
                tx: "ab".into(),
                roles: vec![],
                valid_until: None,
                reason: Some("fraud".into()),
            }],
        };
        let mut json = serde_json::to_value(&actor).unwrap();
        assert_eq!(
            json["legalName"], "Pharma GmbH",
            "the accreditation is inline"
        );
        assert_eq!(crate::json::from_value::<Actor>(&json).unwrap(), actor);
        json["addedLater"] = serde_json::json!(1);
        assert_eq!(crate::json::from_value::<Actor>(&json).unwrap(), actor);
        json.as_object_mut().unwrap().remove("licenceId");
        let err = crate::json::from_value::<Actor>(&json).unwrap_err();
        assert_eq!(err.to_string(), "missing field `licenceId`");
        println!("actor: 3 readings checked");
    }
}

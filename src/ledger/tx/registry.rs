//! The regulator's registry of accredited actors.

use serde::{Deserialize, Serialize};

use super::check;
use crate::ledger::error::Reject;

/// What an accredited actor may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Commissions serialised packs and owns their lots.
    Manufacturer,
    /// Repackages packs into new serials.
    Repackager,
    /// Ships and receives packs, claims chargebacks.
    Wholesaler,
    /// A pharmacy: dispenses packs to patients.
    Dispenser,
    /// A hospital: receives and dispenses packs.
    Hospital,
    /// Issues staff credentials and publishes their status lists.
    CredentialIssuer,
    /// An insurer (a contract party).
    Insurer,
    /// Holds patient records and anchors their hashes.
    RecordProvider,
}

impl Role {
    /// The role's name as written in transactions.
    pub fn name(self) -> &'static str {
        match self {
            Role::Manufacturer => "manufacturer",
            Role::Repackager => "repackager",
            Role::Wholesaler => "wholesaler",
            Role::Dispenser => "dispenser",
            Role::Hospital => "hospital",
            Role::CredentialIssuer => "credential_issuer",
            Role::Insurer => "insurer",
            Role::RecordProvider => "record_provider",
        }
    }
}

/// `registry.accredit`: the regulator accredits an actor (again, to renew or change it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Accredit {
    /// The actor's did:key.
    pub actor: String,
    /// Its legal name.
    pub legal_name: String,
    /// What it may do.
    pub roles: Vec<Role>,
    /// Where (ISO 3166 code, for example `DE` or `US-CA`).
    pub jurisdiction: String,
    /// The licence's identifier at the regulator.
    pub licence_id: String,
    /// Start of validity (RFC 3339).
    pub valid_from: String,
    /// End of validity, exclusive (RFC 3339).
    pub valid_until: String,
}

impl Accredit {
    /// Check every field's form.
    pub fn validate(&self) -> Result<(), Reject> {
        check::did("actor", &self.actor)?;
        check::text("legalName", &self.legal_name, 200)?;
        check::list("roles", &self.roles, 8)?;
        check::text("jurisdiction", &self.jurisdiction, 16)?;
        check::text("licenceId", &self.licence_id, 100)?;
        check::window(&self.valid_from, &self.valid_until)?;
        Ok(())
    }
}

/// `registry.revoke`: the regulator revokes an actor's accreditation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Revoke {
    /// The actor's did:key.
    pub actor: String,
    /// Why.
    pub reason: String,
}

impl Revoke {
    /// Check every field's form.
    pub fn validate(&self) -> Result<(), Reject> {
        check::did("actor", &self.actor)?;
        check::text("reason", &self.reason, 500)
    }
}

//! Patient records: anchors of a record's hash, and the patient's consent to share.

use serde::{Deserialize, Serialize};

use super::check;
use crate::ledger::error::Reject;

/// Records are hashed in chunks of this many bytes for `chunkRoot`
/// ([`crate::crypto::chunk_root`]).
pub const CHUNK_SIZE: u64 = crate::crypto::chunk_root::CHUNK_SIZE as u64;

/// `record.anchor`: a record provider anchors a patient record's hash.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Anchor {
    /// The patient's did:key.
    pub patient: String,
    /// The record's identifier at the provider (one anchor per identifier).
    pub record_id: String,
    /// Its category (for example `lab_result`, `imaging`), which consent scopes may name.
    pub category: String,
    /// SHA-256 of the whole document, lower-case hex.
    pub sha256: String,
    /// The document's size in bytes.
    pub size: u64,
    /// RFC 9162 Merkle root over the SHA-256 of each 1 MiB chunk, lower-case hex
    /// ([`crate::crypto::chunk_root::chunk_root`]), so a large document can be hashed in parallel
    /// and checked piece by piece.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub chunk_root: Option<String>,
}

impl Anchor {
    /// Check every field's form.
    pub fn validate(&self) -> Result<(), Reject> {
        check::did("patient", &self.patient)?;
        check::ident("recordId", &self.record_id)?;
        check::ident("category", &self.category)?;
        check::hex32("sha256", &self.sha256)?;
        check::safe_int("size", self.size)?;
        if let Some(root) = &self.chunk_root {
            check::hex32("chunkRoot", root)?;
        }
        Ok(())
    }
}

/// What a consent covers: record ids and/or categories.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Scope {
    /// Record identifiers.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub record_ids: Vec<String>,
    /// Record categories.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub categories: Vec<String>,
}

impl Scope {
    /// At least one entry, at most 100 of each, each an identifier, no duplicates.
    pub fn validate(&self) -> Result<(), Reject> {
        if self.record_ids.is_empty() && self.categories.is_empty() {
            return Err(Reject::BadBody(
                "scope: name record ids or categories".into(),
            ));
        }
        for (field, list) in [
            ("scope.recordIds", &self.record_ids),
            ("scope.categories", &self.categories),
        ] {
            if !list.is_empty() {
                check::list(field, list, 100)?;
            }
            for id in list {
                check::ident(field, id)?;
            }
        }
        Ok(())
    }
}

/// `consent.grant`: the patient lets a grantee read records for a purpose until a time. A new
/// grant to the same grantee replaces the previous one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ConsentGrant {
    /// The patient's did:key (the signer).
    pub patient: String,
    /// Who may read.
    pub grantee: String,
    /// What.
    pub scope: Scope,
    /// Why (for example `treatment`).
    pub purpose: String,
    /// Until when (RFC 3339, exclusive).
    pub expires: String,
}

impl ConsentGrant {
    /// Check every field's form.
    pub fn validate(&self) -> Result<(), Reject> {
        check::did("patient", &self.patient)?;
        check::did("grantee", &self.grantee)?;
        self.scope.validate()?;
        check::text("purpose", &self.purpose, 200)?;
        check::time("expires", &self.expires)?;
        Ok(())
    }
}

/// `consent.revoke`: the patient withdraws consent from a grantee.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ConsentRevoke {
    /// The patient's did:key (the signer).
    pub patient: String,
    /// Whose consent ends.
    pub grantee: String,
}

impl ConsentRevoke {
    /// Check every field's form.
    pub fn validate(&self) -> Result<(), Reject> {
        check::did("patient", &self.patient)?;
        check::did("grantee", &self.grantee)
    }
}

//! Credential status: W3C Bitstring Status List credentials, published version by version.

use serde::{Deserialize, Serialize};

use super::check;
use crate::crypto::encoding::from_base64;
use crate::crypto::sha256;
use crate::ledger::error::Reject;

/// `status.publish`: a credential issuer publishes a new version of a status list credential.
/// Each version supersedes the last; the chain holds its hash, and the credential's bytes (in the
/// transaction) or a URL to fetch them from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Publish {
    /// The list's identifier at the issuer.
    pub list_id: String,
    /// 1 for the first version, then one more each time.
    pub version: u64,
    /// SHA-256 of the credential's bytes, lower-case hex.
    pub sha256: String,
    /// Where the credential can be fetched (https).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// The credential's bytes, base64.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credential: Option<String>,
}

impl Publish {
    /// Check every field's form, and that the bytes (if given) have the hash.
    pub fn validate(&self) -> Result<(), Reject> {
        check::ident("listId", &self.list_id)?;
        check::safe_int("version", self.version)?;
        let hash = check::hex32("sha256", &self.sha256)?;
        if self.url.is_none() && self.credential.is_none() {
            return Err(Reject::BadBody(
                "give the credential's bytes or a URL".into(),
            ));
        }
        if let Some(url) = &self.url {
            check::text("url", url, 2000)?;
            if !url.starts_with("https://") {
                return Err(Reject::BadBody("url: must be https".into()));
            }
        }
        if let Some(b64) = &self.credential {
            let bytes =
                from_base64(b64).map_err(|e| Reject::BadBody(format!("credential: {e}")))?;
            if sha256(&bytes) != hash {
                return Err(Reject::HashMismatch("credential bytes vs sha256".into()));
            }
        }
        Ok(())
    }
}

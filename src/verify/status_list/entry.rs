//! Looking up a credential's `BitstringStatusListEntry` in a status list credential.
//!
//! The caller must have verified the status list credential itself (its proof and issuer, like
//! any credential); this module checks that the two belong together and reads the status.

use serde::Serialize;
use serde_json::Value;

use super::bitstring::{parse_index, StatusList};
use super::error::StatusListError;

/// The status a list gives an entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct EntryStatus {
    /// The entry's purpose (`revocation`, `suspension`, `message`, ...).
    pub purpose: String,
    /// Its index in the list.
    pub index: u64,
    /// Its width in bits.
    pub size: u32,
    /// The status value (for one-bit entries: 1 revoked or suspended, 0 not).
    pub value: u32,
}

impl EntryStatus {
    /// Whether the status is set (non-zero): revoked for `revocation`, suspended for
    /// `suspension`.
    pub fn is_set(&self) -> bool {
        self.value != 0
    }
}

fn malformed(what: &str) -> StatusListError {
    StatusListError::Malformed(what.to_owned())
}

/// Look up `entry` (a `credentialStatus` object) in `list_credential` (a verified
/// `BitstringStatusListCredential`).
pub fn check_entry(entry: &Value, list_credential: &Value) -> Result<EntryStatus, StatusListError> {
    let purpose = entry["statusPurpose"]
        .as_str()
        .ok_or_else(|| malformed("the entry has no statusPurpose"))?;
    let index = match &entry["statusListIndex"] {
        Value::String(s) => parse_index(s)?,
        Value::Number(n) => n
            .as_u64()
            .ok_or_else(|| StatusListError::BadIndex(n.to_string()))?,
        _ => return Err(malformed("the entry has no statusListIndex")),
    };
    let size = match &entry["statusSize"] {
        Value::Null => 1,
        v => {
            let n = v
                .as_u64()
                .ok_or_else(|| malformed("statusSize is not a number"))?;
            u32::try_from(n)
                .ok()
                .filter(|s| (1..=32).contains(s))
                .ok_or(StatusListError::BadStatusSize(n))?
        }
    };
    let wanted = entry["statusListCredential"]
        .as_str()
        .ok_or_else(|| malformed("the entry has no statusListCredential"))?;
    let got = list_credential["id"].as_str().unwrap_or_default();
    if wanted != got {
        return Err(StatusListError::ListMismatch {
            wanted: wanted.to_owned(),
            got: got.to_owned(),
        });
    }
    let subject = &list_credential["credentialSubject"];
    let purposes: Vec<&str> = match &subject["statusPurpose"] {
        Value::String(s) => vec![s.as_str()],
        Value::Array(a) => a.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    };
    if !purposes.contains(&purpose) {
        return Err(StatusListError::PurposeMismatch(purpose.to_owned()));
    }
    let encoded = subject["encodedList"]
        .as_str()
        .ok_or_else(|| malformed("the status list has no encodedList"))?;
    let value = StatusList::decode(encoded)?.get(index, size)?;
    Ok(EntryStatus {
        purpose: purpose.to_owned(),
        index,
        size,
        value,
    })
}

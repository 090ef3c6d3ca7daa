//! Why a Bitstring Status List or a status lookup was rejected.

use crate::error::Coded;

/// A rejected status list, index or status entry. Codes are `status_list.<reason>`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum StatusListError {
    /// `encodedList` is not multibase base64url (`u` prefix, no padding).
    #[error("encodedList is not multibase base64url (u...): {0}")]
    BadEncoding(String),
    /// The decoded bytes are not a valid GZIP stream.
    #[error("encodedList is not GZIP data: {0}")]
    BadCompression(String),
    /// The bitstring is shorter than the 16 KB (131,072 bits) the specification requires.
    #[error("the bitstring has {bits} bits; at least 131072 (16 KB) are required")]
    TooSmall {
        /// Its length in bits.
        bits: usize,
    },
    /// The bitstring decompresses to more than this implementation accepts.
    #[error("the bitstring decompresses to more than {max_bytes} bytes")]
    TooLarge {
        /// The limit.
        max_bytes: usize,
    },
    /// The entry's index lies beyond the end of the list.
    #[error("status index {index} (status size {size}) is beyond the list's {entries} entries")]
    IndexOutOfRange {
        /// The index asked for.
        index: u64,
        /// The status size in bits.
        size: u32,
        /// How many entries of that size the list holds.
        entries: u64,
    },
    /// `statusListIndex` is not a non-negative integer.
    #[error("status index \"{0}\" is not a non-negative integer")]
    BadIndex(String),
    /// `statusSize` is not an integer from 1 to 32.
    #[error("status size {0} is not between 1 and 32 bits")]
    BadStatusSize(u64),
    /// The status entry or the status list credential lacks a field or has the wrong shape.
    #[error("malformed status entry or list: {0}")]
    Malformed(String),
    /// The status entry points to a different status list credential.
    #[error("the entry refers to status list {wanted}, not {got}")]
    ListMismatch {
        /// The list the entry names.
        wanted: String,
        /// The list given.
        got: String,
    },
    /// The status list is not for the entry's purpose (revocation, suspension, ...).
    #[error("the status list's purpose does not include \"{0}\"")]
    PurposeMismatch(String),
}

impl Coded for StatusListError {
    fn code(&self) -> &'static str {
        match self {
            StatusListError::BadEncoding(_) => "status_list.bad_encoding",
            StatusListError::BadCompression(_) => "status_list.bad_compression",
            StatusListError::TooSmall { .. } => "status_list.too_small",
            StatusListError::TooLarge { .. } => "status_list.too_large",
            StatusListError::IndexOutOfRange { .. } => "status_list.index_out_of_range",
            StatusListError::BadIndex(_) => "status_list.bad_index",
            StatusListError::BadStatusSize(_) => "status_list.bad_status_size",
            StatusListError::Malformed(_) => "status_list.malformed",
            StatusListError::ListMismatch { .. } => "status_list.list_mismatch",
            StatusListError::PurposeMismatch(_) => "status_list.purpose_mismatch",
        }
    }
}

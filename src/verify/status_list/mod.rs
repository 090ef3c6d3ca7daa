//! W3C Bitstring Status List v1.0: whether credential number N of an issuer is revoked or
//! suspended, without telling the issuer which credential is being checked.
//!
//! A status list credential's `credentialSubject.encodedList` is the multibase base64url (`u`
//! prefix, no padding) form of a GZIP-compressed bitstring of at least 16 KB (131,072 bits).
//! Entry `i` of `statusSize` bits starts at bit `i × statusSize`; bit 0 is the left-most, most
//! significant bit of the first byte. A credential's `credentialStatus` entry names the list and
//! its `statusListIndex` (a decimal string).
//!
//! - [`bitstring`]: [`StatusList`], decoded, read, set and encoded.
//! - [`entry`]: a `BitstringStatusListEntry` looked up in a status list credential.

pub mod bitstring;
pub mod entry;
mod error;
mod gzip;

pub use bitstring::{parse_index, read_status, StatusList, MAX_BYTES, MIN_BITS};
pub use entry::{check_entry, EntryStatus};
pub use error::StatusListError;

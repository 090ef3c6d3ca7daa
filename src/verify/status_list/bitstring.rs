//! The bitstring of a status list: decode, read, write, encode.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;

use super::error::StatusListError;
use super::gzip;

/// The smallest bitstring the specification allows: 16 KB, 131,072 entries of one bit.
pub const MIN_BITS: usize = 131_072;

/// The largest decompressed bitstring accepted: 16 MiB (134 million one-bit entries), so that a
/// small malicious `encodedList` cannot make a page allocate without bound.
pub const MAX_BYTES: usize = 16 * 1024 * 1024;

/// A decoded status bitstring.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusList {
    bytes: Vec<u8>,
}

/// Parse a `statusListIndex`: a decimal string of a non-negative integer (a JSON number is
/// accepted by callers converting it to text first).
pub fn parse_index(s: &str) -> Result<u64, StatusListError> {
    if s.is_empty() || s.len() > 19 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return Err(StatusListError::BadIndex(s.chars().take(30).collect()));
    }
    s.parse()
        .map_err(|_| StatusListError::BadIndex(s.to_owned()))
}

fn check_size(size: u32) -> Result<(), StatusListError> {
    if (1..=32).contains(&size) {
        Ok(())
    } else {
        Err(StatusListError::BadStatusSize(u64::from(size)))
    }
}

impl StatusList {
    /// An all-zero list of `bits` bits, rounded up to whole bytes and to at least [`MIN_BITS`].
    pub fn new(bits: usize) -> Result<Self, StatusListError> {
        let bytes = bits.max(MIN_BITS).div_ceil(8);
        if bytes > MAX_BYTES {
            return Err(StatusListError::TooLarge {
                max_bytes: MAX_BYTES,
            });
        }
        Ok(StatusList {
            bytes: vec![0; bytes],
        })
    }

    /// Decode an `encodedList`.
    pub fn decode(encoded: &str) -> Result<Self, StatusListError> {
        let b64 = encoded
            .strip_prefix('u')
            .ok_or_else(|| StatusListError::BadEncoding("no 'u' multibase prefix".into()))?;
        let gz = URL_SAFE_NO_PAD
            .decode(b64)
            .map_err(|e| StatusListError::BadEncoding(e.to_string()))?;
        let bytes = gzip::gunzip(&gz, MAX_BYTES)?;
        let bits = bytes.len() * 8;
        if bits < MIN_BITS {
            return Err(StatusListError::TooSmall { bits });
        }
        Ok(StatusList { bytes })
    }

    /// The `encodedList` of this list: GZIP, then multibase base64url.
    pub fn encode(&self) -> String {
        format!("u{}", URL_SAFE_NO_PAD.encode(gzip::gzip(&self.bytes)))
    }

    /// The length in bits.
    pub fn len_bits(&self) -> usize {
        self.bytes.len() * 8
    }

    /// The raw bytes (bit 0 is the most significant bit of byte 0).
    pub fn as_bytes(&self) -> &[u8] {
        &self.bytes
    }

    fn range(&self, index: u64, size: u32) -> Result<u64, StatusListError> {
        check_size(size)?;
        let entries = self.len_bits() as u64 / u64::from(size);
        if index >= entries {
            return Err(StatusListError::IndexOutOfRange {
                index,
                size,
                entries,
            });
        }
        Ok(index * u64::from(size))
    }

    fn bit(&self, pos: u64) -> bool {
        let byte = self.bytes.get((pos / 8) as usize).copied().unwrap_or(0);
        byte >> (7 - pos % 8) & 1 == 1
    }

    /// The status of entry `index` whose entries are `size` bits wide (most significant bit
    /// first).
    pub fn get(&self, index: u64, size: u32) -> Result<u32, StatusListError> {
        let start = self.range(index, size)?;
        Ok((start..start + u64::from(size)).fold(0, |v, pos| v << 1 | u32::from(self.bit(pos))))
    }

    /// Whether the one-bit entry `index` is set (revoked, or suspended, per the list's purpose).
    pub fn is_set(&self, index: u64) -> Result<bool, StatusListError> {
        self.get(index, 1).map(|v| v == 1)
    }

    /// Set entry `index` of `size` bits to `value` (its low `size` bits).
    pub fn set(&mut self, index: u64, size: u32, value: u32) -> Result<(), StatusListError> {
        let start = self.range(index, size)?;
        for i in 0..u64::from(size) {
            let pos = start + i;
            let on = value >> (u64::from(size) - 1 - i) & 1 == 1;
            if let Some(byte) = self.bytes.get_mut((pos / 8) as usize) {
                let mask = 1u8 << (7 - pos % 8);
                if on {
                    *byte |= mask;
                } else {
                    *byte &= !mask;
                }
            }
        }
        Ok(())
    }
}

/// Decode `encoded_list` and read entry `index` of `size` bits.
pub fn read_status(encoded_list: &str, index: u64, size: u32) -> Result<u32, StatusListError> {
    check_size(size)?;
    StatusList::decode(encoded_list)?.get(index, size)
}

//! Bitstring Status Lists on arbitrary input: decoding the GZIP'd list and reading entries,
//! and matching an entry to a list credential, never panic.
//! Input: 2 bytes (index, size selector), then `encodedList` [0xff `entry JSON` 0xff `list JSON`].
#![no_main]

use libfuzzer_sys::fuzz_target;
use medproof::verify::status_list::{check_entry, read_status, StatusList};

fuzz_target!(|data: &[u8]| {
    if data.len() < 2 {
        return;
    }
    let index = u64::from(data[0]) * 131;
    let size = [1u32, 2, 4, 8, 0, 3, 33, u32::MAX][usize::from(data[1] % 8)];
    let mut parts = data[2..].splitn(3, |&b| b == 0xff);
    let list = std::str::from_utf8(parts.next().unwrap_or_default()).unwrap_or_default();
    let _ = read_status(list, index, size);
    let _ = read_status(list, u64::MAX, 1);
    if let Ok(decoded) = StatusList::decode(list) {
        let _ = decoded.get(index, size);
    }
    let entry = serde_json::from_slice(parts.next().unwrap_or_default());
    let cred = serde_json::from_slice(parts.next().unwrap_or_default());
    if let (Ok(entry), Ok(cred)) = (entry, cred) {
        let _ = check_entry(&entry, &cred);
    }
});

//! GZIP (RFC 1952) framing around raw DEFLATE (RFC 1951, by `miniz_oxide`).
//!
//! The framing is small enough to write here, which keeps `std::io` and its error machinery out
//! of the WebAssembly module: a 10-byte header (magic `1f 8b`, method 8, flags, time, extra
//! flags, OS), optional extra field, file name, comment and header CRC, the DEFLATE data, then
//! the CRC-32 and the length (mod 2^32) of the uncompressed data, both little-endian.

use super::error::StatusListError;

const FHCRC: u8 = 0x02;
const FEXTRA: u8 = 0x04;
const FNAME: u8 = 0x08;
const FCOMMENT: u8 = 0x10;

/// CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320), as GZIP uses it.
pub fn crc32(data: &[u8]) -> u32 {
    let mut table = [0u32; 256];
    for (i, entry) in table.iter_mut().enumerate() {
        let mut c = i as u32;
        for _ in 0..8 {
            c = if c & 1 == 1 {
                0xEDB8_8320 ^ (c >> 1)
            } else {
                c >> 1
            };
        }
        *entry = c;
    }
    // why: the byte loop indexes the 256-entry table with a `u8`, always in bounds.
    #[allow(clippy::indexing_slicing)]
    let crc = data
        .iter()
        .fold(!0u32, |c, &b| table[usize::from((c as u8) ^ b)] ^ (c >> 8));
    !crc
}

fn bad(why: &str) -> StatusListError {
    StatusListError::BadCompression(why.to_owned())
}

/// The offset of the DEFLATE data after a GZIP header.
fn header_len(data: &[u8]) -> Result<usize, StatusListError> {
    match data.get(..4) {
        Some([0x1f, 0x8b, 8, flags]) if flags & 0xe0 == 0 => {
            let flags = *flags;
            let mut pos = 10;
            if flags & FEXTRA != 0 {
                let len = data
                    .get(pos..)
                    .and_then(<[u8]>::first_chunk::<2>)
                    .ok_or_else(|| bad("truncated header"))?;
                pos += 2 + usize::from(u16::from_le_bytes(*len));
            }
            for flag in [FNAME, FCOMMENT] {
                if flags & flag != 0 {
                    let rest = data.get(pos..).ok_or_else(|| bad("truncated header"))?;
                    let end = rest
                        .iter()
                        .position(|&b| b == 0)
                        .ok_or_else(|| bad("truncated header"))?;
                    pos += end + 1;
                }
            }
            if flags & FHCRC != 0 {
                pos += 2;
            }
            Ok(pos)
        }
        _ => Err(bad("not a GZIP stream (magic 1f 8b, method 8)")),
    }
}

/// Decompress one GZIP member of at most `max` bytes, checking its CRC-32 and length.
pub fn gunzip(data: &[u8], max: usize) -> Result<Vec<u8>, StatusListError> {
    let start = header_len(data)?;
    let (deflate, trailer) = data
        .split_last_chunk::<8>()
        .and_then(|(body, trailer)| Some((body.get(start..)?, trailer)))
        .ok_or_else(|| bad("truncated"))?;
    let out =
        miniz_oxide::inflate::decompress_to_vec_with_limit(deflate, max).map_err(|e| {
            match e.status {
                miniz_oxide::inflate::TINFLStatus::HasMoreOutput => {
                    StatusListError::TooLarge { max_bytes: max }
                }
                _ => bad("corrupt DEFLATE data"),
            }
        })?;
    let [c1, c2, c3, c4, l1, l2, l3, l4] = *trailer;
    if u32::from_le_bytes([c1, c2, c3, c4]) != crc32(&out) {
        return Err(bad("CRC-32 mismatch"));
    }
    if u32::from_le_bytes([l1, l2, l3, l4]) != out.len() as u32 {
        return Err(bad("length mismatch"));
    }
    Ok(out)
}

/// Compress `data` as one GZIP member (best compression, no name, time 0, OS unknown).
pub fn gzip(data: &[u8]) -> Vec<u8> {
    let mut out = vec![0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 2, 0xff];
    out.extend(miniz_oxide::deflate::compress_to_vec(data, 9));
    out.extend(crc32(data).to_le_bytes());
    out.extend((data.len() as u32).to_le_bytes());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crc32_check_value() {
        // The CRC-32 check value of "123456789".
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
    }

    #[test]
    fn round_trip_and_damage() {
        let data: Vec<u8> = (0..5000u32).map(|i| (i % 7) as u8).collect();
        let gz = gzip(&data);
        assert_eq!(gunzip(&gz, 10_000).unwrap(), data);
        assert!(matches!(
            gunzip(&gz, 100),
            Err(StatusListError::TooLarge { .. })
        ));
        let mut bad_crc = gz.clone();
        let n = bad_crc.len();
        bad_crc[n - 8] ^= 1;
        assert!(gunzip(&bad_crc, 10_000).is_err());
        assert!(gunzip(&gz[..12], 10_000).is_err());
        assert!(gunzip(b"\x1f\x8b\x08", 10_000).is_err());
        // A header with a file name and a comment.
        let mut named = vec![0x1f, 0x8b, 8, FNAME | FCOMMENT, 0, 0, 0, 0, 0, 3];
        named.extend(b"list.bin\0note\0");
        named.extend(&gz[10..]);
        assert_eq!(gunzip(&named, 10_000).unwrap(), data);
    }
}

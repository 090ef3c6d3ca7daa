//! The few protobuf encoding rules CometBFT hashes and signs with, written out by hand.
//!
//! CometBFT hashes headers and validator sets, and validators sign votes, over protobuf
//! encodings (proto3, gogoproto). Only encoding is needed, only of a handful of messages, so a
//! code generator and runtime (prost) would cost far more wasm than these dozen lines.
//!
//! The rules that matter for byte-exactness:
//! - proto3 scalars and `bytes`/`string` fields equal to their zero value are **omitted**;
//! - gogoproto `(nullable) = false` embedded messages are **always** written, even when empty
//!   (tag and a zero length), so callers write those with [`put_message`] unconditionally;
//! - signed integers (`int64`, `int32`) are varints of their two's-complement 64-bit pattern;
//!   `sfixed64` is 8 little-endian bytes.

/// Protobuf wire types used here.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub enum WireType {
    /// Varint (`int64`, `uint64`, `int32`, enums, `bool`).
    Varint = 0,
    /// 8 bytes little endian (`fixed64`, `sfixed64`).
    Fixed64 = 1,
    /// Length-delimited (`bytes`, `string`, embedded messages).
    Len = 2,
}

/// Append `v` as a base-128 varint.
pub fn put_varint(buf: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        buf.push((v as u8) | 0x80);
        v >>= 7;
    }
    buf.push(v as u8);
}

/// How many bytes [`put_varint`] writes for `v`.
pub fn varint_len(v: u64) -> usize {
    // 1 byte per started group of 7 bits; 0 still takes one byte.
    let bits = (u64::BITS - v.leading_zeros()).max(1) as usize;
    bits.div_ceil(7)
}

/// Append a field key (field number and wire type).
pub fn put_key(buf: &mut Vec<u8>, field: u32, wire: WireType) {
    put_varint(buf, (u64::from(field) << 3) | wire as u64);
}

/// A `uint64`/`uint32` field, omitted when zero.
pub fn put_uint(buf: &mut Vec<u8>, field: u32, v: u64) {
    if v != 0 {
        put_key(buf, field, WireType::Varint);
        put_varint(buf, v);
    }
}

/// An `int64`/`int32`/enum field, omitted when zero. Negative values take ten bytes, as in Go.
pub fn put_int(buf: &mut Vec<u8>, field: u32, v: i64) {
    put_uint(buf, field, v as u64);
}

/// An `sfixed64` field, omitted when zero.
pub fn put_sfixed64(buf: &mut Vec<u8>, field: u32, v: i64) {
    if v != 0 {
        put_key(buf, field, WireType::Fixed64);
        buf.extend_from_slice(&v.to_le_bytes());
    }
}

/// A `bytes` or `string` field, omitted when empty.
pub fn put_bytes(buf: &mut Vec<u8>, field: u32, v: &[u8]) {
    if !v.is_empty() {
        put_message(buf, field, v);
    }
}

/// An embedded message (already encoded as `body`), always written, even when empty.
pub fn put_message(buf: &mut Vec<u8>, field: u32, body: &[u8]) {
    put_key(buf, field, WireType::Len);
    put_varint(buf, body.len() as u64);
    buf.extend_from_slice(body);
}

/// `google.protobuf.Timestamp { seconds = 1; nanos = 2; }`.
pub fn timestamp(buf: &mut Vec<u8>, seconds: i64, nanos: u32) {
    put_int(buf, 1, seconds);
    put_int(buf, 2, i64::from(nanos));
}

/// The gogoproto wrapper messages CometBFT's `cdcEncode` uses for header fields:
/// `StringValue`/`BytesValue { value = 1 }`, with nothing at all for an empty value.
pub fn wrapped_bytes(v: &[u8]) -> Vec<u8> {
    let mut buf = Vec::with_capacity(v.len() + 2);
    put_bytes(&mut buf, 1, v);
    buf
}

/// `Int64Value { value = 1 }`, with nothing at all for zero (as `cdcEncode`).
pub fn wrapped_int64(v: i64) -> Vec<u8> {
    let mut buf = Vec::with_capacity(11);
    put_int(&mut buf, 1, v);
    buf
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn varints_match_the_protobuf_spec() {
        for (v, want) in [
            (0u64, &[0x00][..]),
            (1, &[0x01]),
            (127, &[0x7f]),
            (128, &[0x80, 0x01]),
            (300, &[0xac, 0x02]),
            (
                u64::MAX,
                &[0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01],
            ),
        ] {
            let mut buf = Vec::new();
            put_varint(&mut buf, v);
            assert_eq!(buf, want, "{v}");
            assert_eq!(varint_len(v), want.len(), "{v}");
        }
    }

    #[test]
    fn zero_scalars_are_omitted_messages_are_not() {
        let mut buf = Vec::new();
        put_uint(&mut buf, 1, 0);
        put_int(&mut buf, 2, 0);
        put_sfixed64(&mut buf, 3, 0);
        put_bytes(&mut buf, 4, b"");
        assert!(buf.is_empty());
        put_message(&mut buf, 2, b"");
        assert_eq!(buf, [0x12, 0x00]);
    }

    #[test]
    fn negative_int64_is_ten_bytes_sfixed64_is_eight() {
        let mut buf = Vec::new();
        put_int(&mut buf, 1, -1);
        assert_eq!(buf.len(), 11);
        let mut buf = Vec::new();
        put_sfixed64(&mut buf, 2, -2);
        assert_eq!(buf, [0x11, 0xfe, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]);
    }

    #[test]
    fn wrappers_encode_value_as_field_one() {
        assert_eq!(wrapped_bytes(b"ab"), [0x0a, 0x02, b'a', b'b']);
        assert!(wrapped_bytes(b"").is_empty());
        assert_eq!(wrapped_int64(10), [0x08, 0x0a]);
        assert!(wrapped_int64(0).is_empty());
    }
}

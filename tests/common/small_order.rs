//! ZIP-215's edge cases, shared by the native (`crypto_zip215.rs`) and browser (`web_zip215.rs`)
//! tests: every encoding of a small-order point, canonical or not.
#![allow(dead_code)]

use curve25519_dalek::constants::EIGHT_TORSION;

/// ℓ, the order of the prime-order subgroup: the smallest non-canonical `S`.
pub const ELL: [u8; 32] = [
    0xed, 0xd3, 0xf5, 0x5c, 0x1a, 0x63, 0x12, 0x58, 0xd6, 0x9c, 0xf7, 0xa2, 0xde, 0xf9, 0xde, 0x14,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x10,
];

/// `R ‖ S`.
pub fn signature(r: &[u8; 32], s: &[u8; 32]) -> [u8; 64] {
    let mut sig = [0u8; 64];
    sig[..32].copy_from_slice(r);
    sig[32..].copy_from_slice(s);
    sig
}

/// Every encoding of a small-order point: the canonical one, with the sign bit flipped, and
/// `y + p` (possible when `y < 19`), with either sign bit.
pub fn small_order_encodings() -> Vec<[u8; 32]> {
    let mut out = Vec::new();
    for point in EIGHT_TORSION {
        let canonical = point.compress().to_bytes();
        let mut candidates = vec![canonical, flip_sign(canonical)];
        let mut y = canonical;
        y[31] &= 0x7f;
        if y[1..].iter().all(|&b| b == 0) && y[0] < 19 {
            // y + p = 2^255 - 19 + y: 0xff bytes, low byte 237 + y, top byte 0x7f.
            let mut big = [0xffu8; 32];
            big[0] = 237 + y[0];
            big[31] = 0x7f | (canonical[31] & 0x80);
            candidates.extend([big, flip_sign(big)]);
        }
        for c in candidates {
            if !out.contains(&c) {
                out.push(c);
            }
        }
    }
    out
}

fn flip_sign(mut enc: [u8; 32]) -> [u8; 32] {
    enc[31] ^= 0x80;
    enc
}

//! Ed25519 verification under ZIP-215, the rule CometBFT validators' signatures are judged by,
//! written directly on curve25519-dalek 4.
//!
//! Why not a crate: `ed25519-zebra` (the ZIP-215 reference) forces curve25519-dalek's
//! `precomputed-tables`, 38 KB of basepoint tables that cost 36 KB of the 150 KB gzipped browser
//! budget for 5-9% of single-verification speed; `ed25519-consensus` brings a second curve
//! library with 64-bit limbs that wasm32 emulates (3x slower in Chromium). Both remain
//! development dependencies, and `tests/crypto_zip215.rs` checks this module against each of them
//! on every small-order point and non-canonical encoding, and on random signatures.
//!
//! ZIP-215 (<https://zips.z.cash/zip-0215>), for key `A_bytes`, signature `R_bytes ‖ s_bytes`:
//! - `A_bytes` and `R_bytes` must decode to curve points; non-canonical encodings are accepted
//!   (curve25519-dalek's `decompress` accepts `y ≥ p` and a set sign bit with `x = 0`);
//! - `s_bytes` must be an integer `s < ℓ`;
//! - the cofactored equation `[8][s]B = [8]R + [8][k]A` must hold, `k = SHA-512(R ‖ A ‖ M) mod ℓ`.
//!
//! Because the equation is cofactored, batch verification accepts exactly what single
//! verification accepts (up to the 2^-128 chance of the random coefficients).

use curve25519_dalek::constants::ED25519_BASEPOINT_POINT;
use curve25519_dalek::edwards::{CompressedEdwardsY, EdwardsPoint};
use curve25519_dalek::scalar::Scalar;
use curve25519_dalek::traits::{IsIdentity, VartimeMultiscalarMul};
use rand_core::{CryptoRng, RngCore};
use sha2::{Digest, Sha512};

use crate::crypto::ed25519::{PublicKey, Signature};

/// Why a ZIP-215 check failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Zip215Failure {
    /// The public key does not decode to a curve point.
    BadPublicKey,
    /// `R` does not decode, `s ≥ ℓ`, or the equation does not hold.
    BadSignature,
}

/// The parts of one signature that verification needs.
struct Decoded {
    a: EdwardsPoint,
    r: EdwardsPoint,
    s: Scalar,
    k: Scalar,
}

fn decode(key: &[u8; 32], msg: &[u8], sig: &[u8; 64]) -> Result<Decoded, Zip215Failure> {
    let a = CompressedEdwardsY(*key)
        .decompress()
        .ok_or(Zip215Failure::BadPublicKey)?;
    let mut r_bytes = [0u8; 32];
    let mut s_bytes = [0u8; 32];
    r_bytes.copy_from_slice(&sig[..32]);
    s_bytes.copy_from_slice(&sig[32..]);
    let s = Option::<Scalar>::from(Scalar::from_canonical_bytes(s_bytes))
        .ok_or(Zip215Failure::BadSignature)?;
    let r = CompressedEdwardsY(r_bytes)
        .decompress()
        .ok_or(Zip215Failure::BadSignature)?;
    // k is hashed over the encodings as given, not re-encoded points.
    let mut hash = [0u8; 64];
    let digest = Sha512::new()
        .chain_update(r_bytes)
        .chain_update(key)
        .chain_update(msg)
        .finalize();
    hash.copy_from_slice(&digest);
    Ok(Decoded {
        a,
        r,
        s,
        k: Scalar::from_bytes_mod_order_wide(&hash),
    })
}

/// Verify one signature.
pub(crate) fn verify(key: &PublicKey, msg: &[u8], sig: &Signature) -> Result<(), Zip215Failure> {
    let d = decode(&key.0, msg, &sig.0)?;
    // [8]R = [8]([s]B - [k]A)  <=>  [8](R - ([s]B - [k]A)) = 0
    let r_prime = EdwardsPoint::vartime_double_scalar_mul_basepoint(&d.k, &-d.a, &d.s);
    if (d.r - r_prime).mul_by_cofactor().is_identity() {
        Ok(())
    } else {
        Err(Zip215Failure::BadSignature)
    }
}

/// Verify every `(key, message, signature)` with one multiscalar multiplication:
/// `[8]([-Σ zᵢsᵢ]B + Σ [zᵢ]Rᵢ + Σ [zᵢkᵢ]Aᵢ) = 0` for random 128-bit `zᵢ` from `rng`.
/// Returns whether all of them verify.
pub(crate) fn verify_batch<R: RngCore + CryptoRng>(
    items: &[(PublicKey, &[u8], Signature)],
    rng: &mut R,
) -> bool {
    let mut scalars = Vec::with_capacity(items.len().saturating_mul(2).saturating_add(1));
    let mut points = Vec::with_capacity(scalars.capacity());
    let mut b_coeff = Scalar::ZERO;
    for (key, msg, sig) in items {
        let Ok(d) = decode(&key.0, msg, &sig.0) else {
            return false;
        };
        let mut z = [0u8; 16];
        rng.fill_bytes(&mut z);
        let z = Scalar::from(u128::from_le_bytes(z));
        b_coeff -= z * d.s;
        scalars.extend([z, z * d.k]);
        points.extend([d.r, d.a]);
    }
    scalars.push(b_coeff);
    points.push(ED25519_BASEPOINT_POINT);
    EdwardsPoint::vartime_multiscalar_mul(&scalars, &points)
        .mul_by_cofactor()
        .is_identity()
}

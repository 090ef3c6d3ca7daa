//! ZIP-215 edge cases in the browser, through the JS API: wasm32 builds curve25519-dalek with
//! 32-bit limbs and no precomputed tables, a different code path from the native tests, so the
//! verdicts on every small-order and non-canonical encoding are checked here too. Run with
//! `wasm-pack test --headless --chrome --test web_zip215`.
#![cfg(target_arch = "wasm32")]

use medproof::wasm::{ed25519_verify, ed25519_verify_batch};
use wasm_bindgen_test::*;

#[path = "common/small_order.rs"]
mod small_order;
use small_order::{signature, small_order_encodings, ELL};

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn small_order_matrix_under_zip215_in_the_browser() {
    let encodings = small_order_encodings();
    let msg = b"Zcash";
    let (mut keys, mut sigs, mut msgs) = (Vec::new(), Vec::new(), Vec::new());
    let mut cases = 0;
    for a in &encodings {
        for r in &encodings {
            // S = 0: [8]R = [8][k]A = 0, so ZIP-215 accepts; strict refuses small-order points.
            let sig = signature(r, &[0u8; 32]);
            assert_eq!(
                ed25519_verify("zip215", a, msg, &sig).ok(),
                Some(true),
                "A={a:02x?} R={r:02x?}"
            );
            assert!(ed25519_verify("strict", a, msg, &sig).is_err());
            // S = ℓ is not canonical: refused.
            assert!(ed25519_verify("zip215", a, msg, &signature(r, &ELL)).is_err());
            keys.extend_from_slice(a);
            sigs.extend_from_slice(&sig);
            msgs.push(js_sys::Uint8Array::from(&msg[..]));
            cases += 1;
        }
    }
    assert_eq!(cases, 196, "ZIP-215's 14 x 14 encodings");
    assert_eq!(
        ed25519_verify_batch("zip215", &keys, msgs.clone(), &sigs).ok(),
        Some(true)
    );
    let last = sigs.len() - 32;
    sigs[last..].copy_from_slice(&ELL);
    assert!(ed25519_verify_batch("zip215", &keys, msgs, &sigs).is_err());
    console_log!("zip215 matrix in Chromium: {cases} cases accepted, {cases} with S = l refused, batch of {cases}");
}

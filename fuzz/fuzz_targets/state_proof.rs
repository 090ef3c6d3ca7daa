//! State proofs on arbitrary input: ProofOps JSON and raw CommitmentProof bytes, checked for
//! membership and non-membership against an app hash; never a panic, and never both a proof of
//! membership and of absence for the same key.
//! Input: 32-byte app hash, then `key` 0xff `value` 0xff `proof bytes or ProofOps JSON`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use medproof::ledger::proof::{
    decode_proof, verify_membership, verify_non_membership, verify_state_proof, ProofOps,
};

fuzz_target!(|data: &[u8]| {
    if data.len() < 32 {
        return;
    }
    let (app_hash, rest) = data.split_at(32);
    let mut parts = rest.splitn(3, |&b| b == 0xff);
    let key = parts.next().unwrap_or_default();
    let value = parts.next().unwrap_or_default();
    let proof = parts.next().unwrap_or_default();
    if let Ok(p) = decode_proof(proof) {
        let member = verify_membership(app_hash, key, value, &p).is_ok();
        let absent = verify_non_membership(app_hash, key, &p).is_ok();
        assert!(!(member && absent));
    }
    if let Ok(ops) = serde_json::from_slice::<ProofOps>(proof) {
        let member = verify_state_proof(app_hash, key, Some(value), &ops).is_ok();
        let absent = verify_state_proof(app_hash, key, None, &ops).is_ok();
        assert!(!(member && absent));
    }
});

//! CometBFT tx proofs (JSON) on arbitrary input, alone and against a light block's header.
//! Input: `proof JSON` [0xff `light block JSON`].
#![no_main]

use libfuzzer_sys::fuzz_target;
use medproof::light::{rpc::light_block_from_json, verify_tx_proof, TxProof};

fuzz_target!(|data: &[u8]| {
    let (a, b) = match data.iter().position(|&x| x == 0xff) {
        Some(i) => (&data[..i], &data[i + 1..]),
        None => (data, &[][..]),
    };
    let Ok(proof) = serde_json::from_slice::<TxProof>(a) else {
        return;
    };
    let root = proof.verify_against_root();
    assert_eq!(root.is_ok(), proof.verify_against_root().is_ok());
    if let Ok(block) = std::str::from_utf8(b)
        .map_err(|_| ())
        .and_then(|b| light_block_from_json(b).map_err(|_| ()))
    {
        let _ = verify_tx_proof(&block.signed_header.header, &proof);
    }
});

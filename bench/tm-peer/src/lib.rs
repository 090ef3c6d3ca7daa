//! tendermint-rs 0.41's light-client verifier (`ProdVerifier`) behind one wasm-bindgen function,
//! so `make bench` can time it against medproof's `verifyLightBlock` on the same JSON in the same
//! Chromium page. Both sides are handed JSON text and parse it themselves.

use std::time::Duration;

use tendermint::block::signed_header::SignedHeader;
use tendermint::validator::Set;
use tendermint_light_client_verifier::options::Options;
use tendermint_light_client_verifier::types::{
    TrustThreshold, TrustedBlockState, UntrustedBlockState,
};
use tendermint_light_client_verifier::{ProdVerifier, Verdict, Verifier};
use wasm_bindgen::prelude::*;

/// Verify `untrusted` (`{signed_header, validator_set, next_validator_set}`) from `trusted`
/// (`{signed_header, next_validator_set}`) at `now` (RFC 3339) with trust level 1/3 and a 10 s
/// clock drift. Returns "success", "not_enough_trust", "invalid: ..." or "error: ...".
#[wasm_bindgen(js_name = tmVerifyLightBlock)]
pub fn tm_verify_light_block(
    trusted: &str,
    untrusted: &str,
    now: &str,
    trusting_period_secs: f64,
) -> String {
    match run(trusted, untrusted, now, trusting_period_secs) {
        Ok(Verdict::Success) => "success".into(),
        Ok(Verdict::NotEnoughTrust(_)) => "not_enough_trust".into(),
        Ok(Verdict::Invalid(e)) => format!("invalid: {e}"),
        Err(e) => format!("error: {e}"),
    }
}

fn run(
    trusted: &str,
    untrusted: &str,
    now: &str,
    trusting_period_secs: f64,
) -> Result<Verdict, String> {
    let t: serde_json::Value = serde_json::from_str(trusted).map_err(|e| e.to_string())?;
    let u: serde_json::Value = serde_json::from_str(untrusted).map_err(|e| e.to_string())?;
    let field =
        |v: &serde_json::Value, k: &str| v.get(k).cloned().ok_or_else(|| format!("missing {k}"));
    let t_sh: SignedHeader =
        serde_json::from_value(field(&t, "signed_header")?).map_err(|e| e.to_string())?;
    let t_next: Set =
        serde_json::from_value(field(&t, "next_validator_set")?).map_err(|e| e.to_string())?;
    let u_sh: SignedHeader =
        serde_json::from_value(field(&u, "signed_header")?).map_err(|e| e.to_string())?;
    let u_vals: Set =
        serde_json::from_value(field(&u, "validator_set")?).map_err(|e| e.to_string())?;
    let u_next: Option<Set> = match u.get("next_validator_set") {
        Some(v) if !v.is_null() => {
            Some(serde_json::from_value(v.clone()).map_err(|e| e.to_string())?)
        }
        _ => None,
    };
    let now = tendermint::Time::parse_from_rfc3339(now).map_err(|e| e.to_string())?;
    let options = Options {
        trust_threshold: TrustThreshold::ONE_THIRD,
        trusting_period: Duration::from_secs_f64(trusting_period_secs),
        clock_drift: Duration::from_secs(10),
    };
    Ok(ProdVerifier::default().verify_update_header(
        UntrustedBlockState {
            signed_header: &u_sh,
            validators: &u_vals,
            next_validators: u_next.as_ref(),
        },
        TrustedBlockState {
            chain_id: &t_sh.header.chain_id,
            header_time: t_sh.header.time,
            height: t_sh.header.height,
            next_validators: &t_next,
            next_validators_hash: t_sh.header.next_validators_hash,
        },
        &options,
        now,
    ))
}

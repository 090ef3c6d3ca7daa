//! The adversarial corpus's judge, shared by the native run (tests/adversarial.rs) and the
//! browser run (tests/web_adversarial.rs): each case names its area, an input, and the reason code
//! the verifier must give (`"ok"` for controls, the canonical text for JCS cases that canonicalize).
//! Area `verifier` runs one of the five verifiers on a bundle, as the web app does.

use std::time::Duration;

use medproof::crypto::ed25519::{self, PublicKey, Rule, Signature};
use medproof::crypto::encoding::{from_hex, to_array};
use medproof::crypto::jcs;
use medproof::crypto::merkle::{verify_inclusion, Hash};
use medproof::light::rpc::light_block_from_value;
use medproof::light::{verify_light_block, LightBlock, Options, Time, TrustedState, Verdict};
use medproof::verify::date::{CalendarDate, Instant};
use medproof::verify::{
    gs1, status_list, verify_chargeback, verify_consent, verify_credential, verify_medicine,
    verify_record, Report, Severity, VerifyError,
};
use medproof::Coded;
use serde_json::Value;

/// The corpus folder's files bundled into one list (the browser cannot list folders); a native
/// test checks it holds exactly the folder's cases.
pub const ALL: &str = include_str!("../adversarial-all.json");

/// What the verifier said about one case: `"ok"`, a reason code, or (JCS) the canonical text.
pub fn outcome(area: &str, input: &Value) -> String {
    let text = input.as_str().unwrap_or_default();
    match area {
        "gs1" => {
            let today = CalendarDate::new(2026, 3, 1).expect("a valid date");
            match gs1::parse(text, today) {
                Ok(_) => "ok".into(),
                Err(e) => e.code().into(),
            }
        }
        "jcs" => match jcs::canonicalize_str(text) {
            Ok(bytes) => String::from_utf8(bytes).expect("JCS output is UTF-8"),
            Err(e) => e.code().into(),
        },
        "status_list" => {
            let list = input["encodedList"].as_str().unwrap_or_default();
            let index = input["index"].as_u64().unwrap_or_default();
            match status_list::read_status(list, index, 1) {
                Ok(v) => format!("value:{v}"),
                Err(e) => e.code().into(),
            }
        }
        "light" => {
            let trusted: LightBlock =
                serde_json::from_value(input["trusted"].clone()).expect("trusted block");
            let trusted = TrustedState::from_light_block(trusted).expect("trusted state");
            let period = Duration::from_secs(input["trustingPeriodSecs"].as_u64().unwrap_or(0));
            let now = Time::parse_rfc3339(input["now"].as_str().unwrap_or_default()).expect("now");
            match light_block_from_value(input["block"].clone()) {
                Err(e) => e.code().into(),
                Ok(block) => match verify_light_block(&trusted, &block, &Options::new(period), now)
                {
                    Verdict::Success => "ok".into(),
                    Verdict::NotEnoughTrust { .. } => "light.not_enough_trust".into(),
                    Verdict::Invalid(reason) => reason.code().into(),
                },
            }
        }
        "merkle" => {
            let hash = |v: &Value| -> Hash {
                to_array::<32>(
                    "hash",
                    &from_hex(v.as_str().unwrap_or_default()).unwrap_or_default(),
                )
                .unwrap_or([0; 32])
            };
            let aunts: Vec<Hash> = input["aunts"]
                .as_array()
                .into_iter()
                .flatten()
                .map(hash)
                .collect();
            let index = input["index"].as_u64().unwrap_or_default();
            let total = input["total"].as_u64().unwrap_or_default();
            match verify_inclusion(
                index,
                total,
                &hash(&input["leafHash"]),
                &aunts,
                &hash(&input["root"]),
            ) {
                Ok(()) => "ok".into(),
                Err(e) => e.code().into(),
            }
        }
        "ed25519" => {
            let bytes =
                |k: &str| from_hex(input[k].as_str().unwrap_or_default()).unwrap_or_default();
            let rule = Rule::from_name(input["rule"].as_str().unwrap_or_default()).expect("rule");
            let verdict = PublicKey::from_slice(&bytes("publicKey")).and_then(|key| {
                ed25519::verify(
                    rule,
                    &key,
                    &bytes("message"),
                    &Signature::from_slice(&bytes("signature"))?,
                )
            });
            match verdict {
                Ok(()) => "ok".into(),
                Err(e) => e.code().into(),
            }
        }
        "verifier" => verifier_outcome(input),
        other => panic!("unknown area {other}"),
    }
}

/// A verifier case: `{kind, input, bundle, trust, now, viewer?}` (`bundle` and `trust` as JSON
/// text, `input` as the text the verifier takes or as JSON) through the verifier of `kind`.
fn verifier_outcome(case: &Value) -> String {
    report_outcome(run_verifier(case))
}

/// The report (or error) of a verifier case.
pub fn run_verifier(case: &Value) -> Result<Report, VerifyError> {
    // A string is passed as itself, JSON as its text (the JS adapters do the same).
    let text = |v: &Value| v.as_str().map_or_else(|| v.to_string(), str::to_string);
    let (input, bundle, trust) = (
        text(&case["input"]),
        text(&case["bundle"]),
        text(&case["trust"]),
    );
    let now = Instant::parse(case["now"].as_str().unwrap_or_default())?;
    match case["kind"].as_str().unwrap_or_default() {
        "medicine" => verify_medicine(&input, &bundle, &trust, now),
        "credential" => verify_credential(&input, &bundle, &trust, now),
        "record" => {
            let viewer = case["viewer"].as_str().unwrap_or_default();
            verify_record(&input, &bundle, viewer, &trust, now)
        }
        "consent" => verify_consent(&input, &bundle, &trust, now),
        "contract" => verify_chargeback(&input, &bundle, &trust, now),
        other => panic!("unknown verifier kind {other}"),
    }
}

/// The code a verification gives: the error's when the call fails, else the report's first
/// error (the one the web app shows first), else its first warning, else `"ok"`.
pub fn report_outcome(result: Result<Report, VerifyError>) -> String {
    let report = match result {
        Ok(report) => report,
        Err(e) => return e.code().into(),
    };
    [Severity::Error, Severity::Warning]
        .iter()
        .find_map(|s| report.reasons().iter().find(|r| r.severity == *s))
        .map_or_else(|| "ok".into(), |r| r.code.clone())
}

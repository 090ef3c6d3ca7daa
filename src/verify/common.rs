//! What the four verifiers share: reading the inputs, verifying the bundle, and the evidence and
//! freshness every report carries.

use serde_json::{json, Value};

use super::bundle::{verify_bundle, Bundle, BundleError, Trust, VerifiedBundle};
use super::date::Instant;
use super::report::{Reason, Report, Severity};
use super::VerifyError;
use crate::ledger::state::keys;
use crate::ledger::state::values::{Actor, ActorStatus};
use crate::ledger::tx::registry::Role;
use crate::light::Time;

/// The proven state is older than the trust's `maxStatusAgeSeconds`.
pub const STALE: &str = "status.stale";

/// A bundle verified at `now`, or the report that says why it could not be.
pub(crate) struct Checked {
    pub bundle: VerifiedBundle,
    pub report: Report,
}

fn light_time(now: Instant) -> Result<Time, VerifyError> {
    Time::from_unix(now.unix_seconds(), now.subsec_nanos())
        .map_err(|e| VerifyError::Bundle(BundleError::BadNow(e.to_string())))
}

/// Parse a bundle and trust (JSON text; a bundle may be compact), verify the bundle, and start
/// the report with its evidence and freshness. `Err(report)` when the bundle fails.
pub(crate) fn check(
    bundle: &str,
    trust: &str,
    now: Instant,
) -> Result<Result<Checked, Report>, VerifyError> {
    let bundle = Bundle::parse(bundle).map_err(VerifyError::Bundle)?;
    let trust = Trust::from_json(trust).map_err(VerifyError::Bundle)?;
    let t = light_time(now)?;
    let verified = match verify_bundle(bundle, &trust, t) {
        Ok(v) => v,
        Err(e) => {
            let mut report = Report::new(now.to_rfc3339());
            report.push(Reason::from_error(&e, Severity::Error));
            return Ok(Err(report));
        }
    };
    let as_of = verified
        .as_of
        .map_or_else(|| now.to_rfc3339(), |t| t.to_rfc3339());
    let mut report = Report::new(as_of);
    report.evidence(
        "checkpoint",
        json!({"height": verified.checkpoint.0, "headerHash": verified.checkpoint.1}),
    );
    report.evidence("heightsVerified", &verified.heights);
    let (signed, total) = verified.power_share;
    report.evidence(
        "powerShare",
        json!({"signed": signed, "total": total,
               "share": if total == 0 { 0.0 } else { signed as f64 / total as f64 }}),
    );
    report.evidence(
        "txs",
        verified
            .txs
            .iter()
            .map(|t| t.hash.clone())
            .collect::<Vec<_>>(),
    );
    refused_txs_as_info(&mut report, &verified);
    report.evidence("stateHeight", verified.state_height);
    report.evidence("stateKeys", verified.proven_keys());
    if let Some(as_of) = verified.as_of {
        let age = now.unix_seconds().saturating_sub(as_of.unix_seconds());
        let max = i64::try_from(trust.max_status_age_seconds).unwrap_or(i64::MAX);
        if age > max {
            report.warning(
                STALE,
                format!(
                    "the proven state is from {} ({} days before the time of verification)",
                    as_of,
                    age / 86_400
                ),
            );
        }
    }
    Ok(Ok(Checked {
        bundle: verified,
        report,
    }))
}

/// Transactions the bundle proves are in their blocks and proves the ledger refused (result
/// code ≠ 0): listed as evidence and told as information. They changed nothing, so they weigh on
/// no verdict (which rests on proven state) and appear in no fact or timeline.
fn refused_txs_as_info(report: &mut Report, verified: &VerifiedBundle) {
    if verified.refused_txs.is_empty() {
        return;
    }
    let listed: Vec<Value> = verified
        .refused_txs
        .iter()
        .map(|t| json!({"hash": t.hash, "height": t.height, "code": t.result}))
        .collect();
    report.evidence("refusedTxs", listed);
    for t in &verified.refused_txs {
        report.info(
            "bundle.tx_refused",
            format!(
                "transaction {} ({} by {}, height {}) was refused by the ledger (code {}): it changed nothing",
                t.hash,
                t.tx.tx_type.name(),
                t.tx.signer,
                t.height,
                t.result.unwrap_or_default()
            ),
        );
    }
}

/// Push `err` as an error reason and hand the report back (for `?`-style early returns).
pub(crate) fn fail(mut report: Report, err: &BundleError) -> Report {
    report.push(Reason::from_error(err, Severity::Error));
    report
}

/// Trusted transactions the bundle carried but could not prove: an error for verifiers that
/// read none of them (they still mean the server sent something false).
pub(crate) fn rejected_txs_as_error(checked: &mut Checked) {
    for r in &checked.bundle.rejected_txs {
        checked.report.error(
            "bundle.tx_invalid",
            format!(
                "transaction {} (height {}): {}: {}",
                r.claimed_hash, r.height, r.code, r.message
            ),
        );
    }
}

/// Why an actor was not accredited at a time: `revoked` when its accreditation had been
/// revoked by then (the other requirements held), with a message for people.
pub(crate) struct NotAccredited {
    /// The accreditation was revoked at or before the time asked about.
    pub revoked: bool,
    /// What failed.
    pub why: String,
}

impl From<String> for NotAccredited {
    fn from(why: String) -> Self {
        NotAccredited {
            revoked: false,
            why,
        }
    }
}

/// Whether a proven actor holds `roles` (any of them) and is accredited at `at` (unix seconds):
/// active, or revoked only after `at`; within its validity.
pub(crate) fn accredited_at(actor: &Actor, roles: &[Role], at: i64) -> Result<(), NotAccredited> {
    let a = &actor.accreditation;
    if !a.roles.iter().any(|r| roles.contains(r)) {
        return Err(format!(
            "{} is not accredited as {}",
            a.legal_name,
            role_names(roles)
        )
        .into());
    }
    let from = Instant::parse(&a.valid_from)
        .map(|i| i.unix_seconds())
        .unwrap_or(i64::MAX);
    let until = Instant::parse(&a.valid_until)
        .map(|i| i.unix_seconds())
        .unwrap_or(i64::MIN);
    if at < from || at >= until {
        return Err(format!(
            "{}'s accreditation is valid from {} until {}",
            a.legal_name, a.valid_from, a.valid_until
        )
        .into());
    }
    if actor.status == ActorStatus::Revoked {
        let revoked_at = actor
            .history
            .iter()
            .filter(|h| h.action == "revoked")
            .filter_map(|h| Instant::parse(&h.at).ok())
            .map(|i| i.unix_seconds())
            .min()
            .unwrap_or(i64::MIN);
        if revoked_at <= at {
            return Err(NotAccredited {
                revoked: true,
                why: format!("{}'s accreditation was revoked", a.legal_name),
            });
        }
    }
    Ok(())
}

fn role_names(roles: &[Role]) -> String {
    roles
        .iter()
        .map(|r| r.name())
        .collect::<Vec<_>>()
        .join(" or ")
}

/// The proven legal name of `did`, when the bundle proves its actor entry.
pub(crate) fn legal_name(bundle: &VerifiedBundle, did: &str) -> Option<String> {
    bundle
        .value::<Actor>(&keys::actor(did))
        .ok()
        .flatten()
        .map(|a| a.accreditation.legal_name)
}

/// Parse JSON text given by the caller, or say which argument it was.
pub(crate) fn json_arg(text: &str, what: &str) -> Result<Value, VerifyError> {
    crate::json::parse(text.as_bytes())
        .map_err(|e| VerifyError::Bundle(BundleError::Malformed(format!("{what}: {e}"))))
}

/// Seconds of an RFC 3339 time written by the ledger.
pub(crate) fn secs(s: &str) -> Option<i64> {
    Instant::parse(s).ok().map(|i| i.unix_seconds())
}

//! Is this staff credential valid? Its proof and dates (src/verify/credential), its issuer's
//! accreditation when it was issued (proven actor state), and its revocation bit in the status
//! list whose hash the issuer published on the ledger (proven status state).

use serde_json::Value;

use super::common::{accredited_at, check, fail, json_arg, rejected_txs_as_error, secs};
use super::credential::{issuer, verify_credential as verify_proof_and_dates, STATUS_NOT_CHECKED};
use super::date::Instant;
use super::report::{Report, Verdict};
use super::status_list::check_entry;
use super::VerifyError;
use crate::crypto::encoding::{from_base64, to_hex};
use crate::crypto::sha256;
use crate::ledger::state::keys;
use crate::ledger::state::values::{Actor, StatusList};
use crate::ledger::tx::registry::Role;

/// The status list credentials a bundle carries: `extra.statusListCredentials` `{listId: base64}`.
fn list_credentials(extra: &Value) -> Vec<(String, Vec<u8>)> {
    extra
        .get("statusListCredentials")
        .and_then(Value::as_object)
        .map(|m| {
            m.iter()
                .filter_map(|(id, b)| Some((id.clone(), from_base64(b.as_str()?).ok()?)))
                .collect()
        })
        .unwrap_or_default()
}

/// Verify the credential `vc` (JSON text) with `bundle` from `trust` at `now`.
pub fn verify_credential(
    vc: &str,
    bundle: &str,
    trust: &str,
    now: Instant,
) -> Result<Report, VerifyError> {
    let vc_value = json_arg(vc, "credential")?;
    let mut c = match check(bundle, trust, now)? {
        Ok(c) => c,
        Err(report) => return Ok(report),
    };
    rejected_txs_as_error(&mut c);
    // Proof, context, type, issuer = key controller, validity period.
    let base = verify_proof_and_dates(&vc_value, now);
    for r in base.reasons() {
        if r.code != STATUS_NOT_CHECKED {
            c.report.push(r.clone());
        }
    }
    for (k, v) in base.facts() {
        c.report.fact(k, v);
    }
    for (k, v) in base.evidence_map() {
        c.report.evidence(k, v);
    }
    let Some(doc) = vc_value.as_object() else {
        return Ok(c.report);
    };
    let Some(issuer_did) = issuer(doc).map(str::to_owned) else {
        return Ok(c.report);
    };
    let b = &c.bundle;
    // The issuer's accreditation when the credential became valid.
    let actor = match b.value::<Actor>(&keys::actor(&issuer_did)) {
        Ok(a) => a,
        Err(e) => return Ok(fail(c.report, &e)),
    };
    let issued = doc
        .get("validFrom")
        .and_then(Value::as_str)
        .and_then(secs)
        .unwrap_or(now.unix_seconds());
    match actor {
        None => {
            c.report.error(
                "credential.issuer_not_accredited",
                format!("{issuer_did} was never accredited"),
            );
        }
        Some(a) => {
            c.report.fact("issuerName", &a.accreditation.legal_name);
            if let Err(e) = accredited_at(&a, &[Role::CredentialIssuer], issued) {
                // Revoked before the credential was issued: it never had a standing issuer.
                let code = if e.revoked {
                    "credential.issuer_revoked_before_issuance"
                } else {
                    "credential.issuer_not_accredited"
                };
                c.report.error(code, e.why);
            }
        }
    }
    // Status: every entry looked up in the list the issuer published last.
    let entries: Vec<Value> = match doc.get("credentialStatus") {
        None => Vec::new(),
        Some(Value::Array(a)) => a.clone(),
        Some(v) => vec![v.clone()],
    };
    let lists = list_credentials(&b.bundle.extra);
    for entry in &entries {
        let wanted = entry
            .get("statusListCredential")
            .and_then(Value::as_str)
            .unwrap_or("");
        let mut found = false;
        for (list_id, bytes) in &lists {
            let Ok(list_vc) = crate::json::parse(bytes) else {
                continue;
            };
            if list_vc.get("id").and_then(Value::as_str) != Some(wanted) {
                continue;
            }
            found = true;
            let key = keys::status_list(&issuer_did, list_id);
            let published = match b.value::<StatusList>(&key) {
                Ok(p) => p,
                Err(e) => return Ok(fail(c.report, &e)),
            };
            let Some(published) = published else {
                c.report.error(
                    "credential.status_unavailable",
                    format!("the issuer never published status list {list_id}"),
                );
                continue;
            };
            if !to_hex(&sha256(bytes)).eq_ignore_ascii_case(&published.sha256) {
                // Present but not what the issuer anchored: altered (its bits or anything
                // else), or an older version. Not "unavailable": the server sent a wrong list.
                c.report.error(
                    "credential.status_list_mismatch",
                    format!(
                        "the bundle's status list {list_id} is not version {} the issuer published: its SHA-256 is not the anchored {}",
                        published.version, published.sha256
                    ),
                );
                continue;
            }
            c.report.evidence("statusList", serde_json::json!({"key": key, "version": published.version, "sha256": published.sha256}));
            match check_entry(entry, &list_vc) {
                Ok(status) if status.is_set() => {
                    let code = if status.purpose == "suspension" {
                        "credential.suspended"
                    } else {
                        "credential.revoked"
                    };
                    c.report.fact("status", &status);
                    c.report.error(
                        code,
                        format!(
                            "status list {list_id} has the {} bit {} set",
                            status.purpose, status.index
                        ),
                    );
                }
                Ok(status) => {
                    c.report.fact("status", &status);
                }
                Err(e) => {
                    c.report
                        .push(super::Reason::from_error(&e, super::Severity::Error));
                }
            }
        }
        if !found {
            c.report.error(
                "credential.status_unavailable",
                format!("the bundle holds no status list credential {wanted:?}"),
            );
        }
    }
    if c.report.verdict() != Verdict::NotVerified {
        c.report.info(
            "credential.valid",
            "signed by an accredited issuer, in force and not revoked",
        );
    }
    Ok(c.report)
}

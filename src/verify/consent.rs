//! Does a patient's consent to a grantee stand? The proven `consent/{patient}/{grantee}` entry
//! (or its proven absence) at the verified height: granted, withdrawn, expired, or never given,
//! and whether it covers what is asked. Shared with the record verifier, which asks it for the
//! record's patient and viewer.

use serde::Deserialize;
use serde_json::Value;

use super::bundle::{BundleError, VerifiedBundle};
use super::common::{check, fail, rejected_txs_as_error, secs};
use super::date::Instant;
use super::report::Report;
use super::VerifyError;
use crate::ledger::state::keys;
use crate::ledger::state::values::{Consent, ConsentStatus};
use crate::ledger::tx::records::Scope;

/// What `verify_consent` is asked: whose consent to whom, and optionally for what. Other fields
/// (the wallet's `purpose`, `expires`, `sequence`, `chainId`) are accepted and not compared: the
/// ledger's entry is what stands.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ConsentQuery {
    /// The patient (did:key); the bundle's subject names it when absent.
    #[serde(default)]
    pub patient: Option<String>,
    /// The grantee (did:key).
    pub grantee: String,
    /// Record ids and categories the consent must cover (all of them).
    #[serde(default)]
    pub scope: Option<Scope>,
}

/// Add to `report` whether `patient`'s consent to `grantee` stands at `now` and covers `wanted`
/// (record ids, categories; a record needs either its id or its category covered when
/// `any_of` is set, everything listed otherwise). An error only when the bundle cannot answer.
pub(crate) fn consent_standing(
    report: &mut Report,
    b: &VerifiedBundle,
    patient: &str,
    grantee: &str,
    now: Instant,
    wanted: &Scope,
    any_of: bool,
) -> Result<(), BundleError> {
    let ckey = keys::consent(patient, grantee);
    report.evidence("consentKey", &ckey);
    let Some(consent) = b.value::<Consent>(&ckey)? else {
        report.error(
            "consent.never_granted",
            "the patient never granted this grantee consent",
        );
        return Ok(());
    };
    report.fact("consent", &consent);
    let expires = secs(&consent.expires).unwrap_or(i64::MIN);
    let covered_id = |id: &String| consent.scope.record_ids.contains(id);
    let covered_cat = |c: &String| consent.scope.categories.contains(c);
    let covers = if any_of {
        wanted.record_ids.iter().any(covered_id) || wanted.categories.iter().any(covered_cat)
    } else {
        wanted.record_ids.iter().all(covered_id) && wanted.categories.iter().all(covered_cat)
    };
    if consent.status == ConsentStatus::Revoked {
        report.error(
            "consent.revoked",
            format!(
                "the patient withdrew consent at {}",
                consent.revoked_at.as_deref().unwrap_or("?")
            ),
        );
    } else if expires <= now.unix_seconds() {
        report.error(
            "consent.expired",
            format!("consent expired at {}", consent.expires),
        );
    } else if !covers {
        report.error(
            "consent.out_of_scope",
            "the consent does not cover what was asked",
        );
    } else {
        report.info(
            "consent.granted",
            format!("consent for {} until {}", consent.purpose, consent.expires),
        );
    }
    Ok(())
}

/// Verify that the consent `query` describes (JSON `{patient?, grantee, scope?}`) stands, with
/// `bundle` from `trust` at `now`.
pub fn verify_consent(
    query: &str,
    bundle: &str,
    trust: &str,
    now: Instant,
) -> Result<Report, VerifyError> {
    let query: ConsentQuery = crate::json::from_text(query.as_bytes())
        .map_err(|e| VerifyError::Bundle(BundleError::Malformed(format!("consent query: {e}"))))?;
    let mut c = match check(bundle, trust, now)? {
        Ok(c) => c,
        Err(report) => return Ok(report),
    };
    let subject_patient = c
        .bundle
        .bundle
        .subject
        .get("patient")
        .and_then(Value::as_str);
    let Some(patient) = query
        .patient
        .as_deref()
        .or(subject_patient)
        .map(str::to_owned)
    else {
        return Err(VerifyError::Bundle(BundleError::Malformed(
            "consent query: the patient is missing".into(),
        )));
    };
    c.report
        .fact("patient", &patient)
        .fact("grantee", &query.grantee);
    let wanted = query.scope.unwrap_or_default();
    let standing = consent_standing(
        &mut c.report,
        &c.bundle,
        &patient,
        &query.grantee,
        now,
        &wanted,
        false,
    );
    // The answer is the proven entry, so it comes first: a transaction the bundle could not
    // prove (a grant replayed from another chain, a forged signature) changes nothing in it,
    // and is reported after it.
    rejected_txs_as_error(&mut c);
    if let Err(e) = standing {
        return Ok(fail(c.report, &e));
    }
    Ok(c.report)
}

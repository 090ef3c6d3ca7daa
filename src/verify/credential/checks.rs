//! The checks on a Verifiable Credential beyond its proof (VC Data Model 2.0): the VC context
//! and type, the issuer's binding to the signing key, and the validity period at a given time.

use serde_json::{Map, Value};

use super::error::CredentialError;
use super::proof::{self, ProofTrace};
use crate::error::Coded;
use crate::verify::date::Instant;
use crate::verify::report::{Reason, Report, Severity};

/// The base context every VC 2.0 credential lists first.
pub const VC_V2_CONTEXT: &str = "https://www.w3.org/ns/credentials/v2";

/// Reason code: the credential names a status entry (revocation, suspension) that this check did
/// not look up; the caller must check it against the status list or the ledger.
pub const STATUS_NOT_CHECKED: &str = "credential.status_not_checked";

/// The credential's issuer: a URL, or an object whose `id` is the URL.
pub fn issuer(doc: &Map<String, Value>) -> Option<&str> {
    match doc.get("issuer")? {
        Value::String(s) => Some(s),
        Value::Object(o) => o.get("id")?.as_str(),
        _ => None,
    }
}

/// The DID that controls a `did:key` verification method: the part before `#`.
pub fn controller(verification_method: &str) -> &str {
    verification_method
        .split_once('#')
        .map_or(verification_method, |(did, _)| did)
}

/// `@context` starts with the VC 2.0 context.
pub fn check_context(doc: &Map<String, Value>) -> Result<(), CredentialError> {
    let first = match doc.get("@context") {
        Some(Value::Array(list)) => list.first(),
        other => other,
    };
    match first.and_then(Value::as_str) {
        Some(VC_V2_CONTEXT) => Ok(()),
        _ => Err(CredentialError::MissingVcContext),
    }
}

/// `type` includes `VerifiableCredential`.
pub fn check_type(doc: &Map<String, Value>) -> Result<(), CredentialError> {
    let is_vc = |v: &Value| v.as_str() == Some("VerifiableCredential");
    let ok = match doc.get("type") {
        Some(Value::Array(list)) => list.iter().any(is_vc),
        Some(v) => is_vc(v),
        None => false,
    };
    if ok {
        Ok(())
    } else {
        Err(CredentialError::NotACredential)
    }
}

/// The issuer is the controller of the verification method that signed.
pub fn check_issuer(
    doc: &Map<String, Value>,
    verification_method: &str,
) -> Result<(), CredentialError> {
    let issuer = issuer(doc).ok_or(CredentialError::NoIssuer)?;
    let controller = controller(verification_method);
    if issuer == controller {
        Ok(())
    } else {
        Err(CredentialError::IssuerMismatch {
            issuer: issuer.to_owned(),
            controller: controller.to_owned(),
        })
    }
}

fn date_field(
    doc: &Map<String, Value>,
    field: &'static str,
) -> Result<Option<Instant>, CredentialError> {
    match doc.get(field) {
        None => Ok(None),
        Some(v) => {
            let text = v.as_str().unwrap_or_default();
            Instant::parse(text)
                .map(Some)
                .map_err(|_| CredentialError::BadDate {
                    field,
                    value: text.to_owned(),
                })
        }
    }
}

/// `validFrom <= now <= validUntil` (each bound only when given).
pub fn check_validity(doc: &Map<String, Value>, now: Instant) -> Result<(), CredentialError> {
    if let Some(from) = date_field(doc, "validFrom")? {
        if now < from {
            return Err(CredentialError::NotYetValid(from.to_rfc3339()));
        }
    }
    if let Some(until) = date_field(doc, "validUntil")? {
        if now > until {
            return Err(CredentialError::Expired(until.to_rfc3339()));
        }
    }
    Ok(())
}

fn push(report: &mut Report, err: &CredentialError, severity: Severity) {
    report.push(Reason::from_error(err, severity));
}

/// Verify a secured credential at `now`: its proof, VC context and type, the issuer's binding
/// to the signing key, and its validity period. Every failed check is a reason in the report
/// (the proof trace, when it could be computed, is in the evidence).
pub fn verify_credential(secured: &Value, now: Instant) -> Report {
    let mut report = Report::new(now.to_rfc3339());
    let Some(doc) = secured.as_object() else {
        push(
            &mut report,
            &CredentialError::Malformed("not a JSON object".into()),
            Severity::Error,
        );
        return report;
    };
    let trace: Option<ProofTrace> = match proof::verify(secured) {
        Ok(t) => Some(t),
        Err(e) => {
            push(&mut report, &e, Severity::Error);
            proof::trace(secured).ok()
        }
    };
    for check in [
        check_context(doc),
        check_type(doc),
        check_validity(doc, now),
    ] {
        if let Err(e) = check {
            push(&mut report, &e, Severity::Error);
        }
    }
    if let Some(t) = &trace {
        if let Err(e) = check_issuer(doc, &t.verification_method) {
            push(&mut report, &e, Severity::Error);
        }
        let created = t.created.as_deref().and_then(|c| Instant::parse(c).ok());
        if let Some(created) = created.filter(|c| *c > now) {
            let e = CredentialError::CreatedInFuture(created.to_rfc3339());
            push(&mut report, &e, Severity::Warning);
        }
        report.evidence("proof", t);
    }
    if doc.contains_key("credentialStatus") {
        report.info(
            STATUS_NOT_CHECKED,
            "the credential has a status entry (revocation or suspension) that this check did not look up",
        );
    }
    for (fact, key) in [
        ("id", "id"),
        ("type", "type"),
        ("name", "name"),
        ("validFrom", "validFrom"),
        ("validUntil", "validUntil"),
        ("credentialSubject", "credentialSubject"),
        ("credentialStatus", "credentialStatus"),
    ] {
        if let Some(v) = doc.get(key) {
            report.fact(fact, v);
        }
    }
    if let Some(i) = issuer(doc) {
        report.fact("issuer", i);
    }
    report
}

/// The outcome of verifying a credential, shaped for callers that want one flag and one code.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CredentialCheck {
    /// Every check passed (the report's verdict is not `not_verified`).
    pub ok: bool,
    /// The proof's signature verified (whatever the other checks said).
    pub proof_valid: bool,
    /// The code of the first failed check, if any.
    pub code: Option<String>,
    /// Its message.
    pub message: Option<String>,
    /// The proof's intermediate values, when they could be computed.
    pub trace: Option<ProofTrace>,
    /// The full report.
    pub report: Report,
}

impl CredentialCheck {
    /// The outcome for input that is not JSON at all.
    pub fn not_json(why: &str, now: Instant) -> Self {
        let err = CredentialError::NotJson(why.to_owned());
        let mut report = Report::new(now.to_rfc3339());
        push(&mut report, &err, Severity::Error);
        CredentialCheck {
            ok: false,
            proof_valid: false,
            code: Some(err.code().to_owned()),
            message: Some(err.to_string()),
            trace: None,
            report,
        }
    }
}

/// Verify the credential at `now` ([`verify_credential`]) and sum the outcome up.
pub fn check_credential(value: &Value, now: Instant) -> CredentialCheck {
    let report = verify_credential(value, now);
    let failure = report
        .reasons()
        .iter()
        .find(|r| r.severity == Severity::Error);
    CredentialCheck {
        ok: failure.is_none(),
        proof_valid: proof::verify(value).is_ok(),
        code: failure.map(|r| r.code.clone()),
        message: failure.map(|r| r.message.clone()),
        trace: proof::trace(value).ok(),
        report,
    }
}

/// Parse `json` and verify the credential at `now` ([`check_credential`]).
pub fn check_credential_json(json: &str, now: Instant) -> CredentialCheck {
    match crate::json::parse(json.as_bytes()) {
        Ok(value) => check_credential(&value, now),
        Err(e) => CredentialCheck::not_json(&e.to_string(), now),
    }
}

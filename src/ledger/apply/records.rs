//! `record.anchor`, `consent.grant`, `consent.revoke`.

use super::Exec;
use crate::ledger::error::Reject;
use crate::ledger::state::keys;
use crate::ledger::state::values::{Consent, ConsentStatus, Record};
use crate::ledger::tx::records::{Anchor, ConsentGrant, ConsentRevoke};
use crate::ledger::tx::registry::Role;

/// A record provider anchors a record once; anchors never change.
pub(super) fn anchor(ex: &mut Exec, body: Anchor) -> Result<(), Reject> {
    ex.require_role(&[Role::RecordProvider])?;
    body.validate()?;
    let key = keys::record(&body.patient, &body.record_id);
    if ex.state.get_raw(&key).is_some() {
        return Err(Reject::RecordExists(body.record_id));
    }
    let record = Record {
        patient: body.patient,
        record_id: body.record_id,
        category: body.category,
        provider: ex.signer().into(),
        sha256: body.sha256,
        size: body.size,
        chunk_root: body.chunk_root,
        at: ex.at(),
        tx: ex.tx_hex(),
    };
    ex.state.put(key, &record)
}

fn require_patient(ex: &Exec, patient: &str) -> Result<(), Reject> {
    if ex.signer() == patient {
        Ok(())
    } else {
        Err(Reject::NotPatient)
    }
}

/// The patient grants (or replaces) consent to a grantee.
pub(super) fn grant(ex: &mut Exec, body: ConsentGrant) -> Result<(), Reject> {
    body.validate()?;
    require_patient(ex, &body.patient)?;
    let expires = crate::ledger::tx::check::time("expires", &body.expires)?;
    if expires <= ex.now() {
        return Err(Reject::BadBody(
            "expires: must be after the block time".into(),
        ));
    }
    let mut scope = body.scope;
    scope.record_ids.sort_unstable();
    scope.categories.sort_unstable();
    let consent = Consent {
        patient: body.patient.clone(),
        grantee: body.grantee.clone(),
        scope,
        purpose: body.purpose,
        expires: crate::ledger::time::format_rfc3339(expires),
        status: ConsentStatus::Active,
        granted_at: ex.at(),
        grant_tx: ex.tx_hex(),
        revoked_at: None,
        revoke_tx: None,
    };
    ex.state
        .put(keys::consent(&body.patient, &body.grantee), &consent)?;
    ex.emit(
        "medproof.consent",
        &[("action", "grant"), ("grantee", &body.grantee)],
    );
    Ok(())
}

/// The patient withdraws a consent that stands.
pub(super) fn revoke(ex: &mut Exec, body: ConsentRevoke) -> Result<(), Reject> {
    body.validate()?;
    require_patient(ex, &body.patient)?;
    let key = keys::consent(&body.patient, &body.grantee);
    let mut consent = ex
        .state
        .get::<Consent>(&key)?
        .ok_or(Reject::ConsentUnknown)?;
    if consent.status == ConsentStatus::Revoked {
        return Err(Reject::ConsentRevoked);
    }
    consent.status = ConsentStatus::Revoked;
    consent.revoked_at = Some(ex.at());
    consent.revoke_tx = Some(ex.tx_hex());
    ex.state.put(key, &consent)?;
    ex.emit(
        "medproof.consent",
        &[("action", "revoke"), ("grantee", &body.grantee)],
    );
    Ok(())
}

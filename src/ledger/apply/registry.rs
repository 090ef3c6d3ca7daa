//! `registry.*`: only the regulator named in genesis accredits and revokes.

use super::Exec;
use crate::ledger::error::Reject;
use crate::ledger::state::keys;
use crate::ledger::state::values::{Actor, ActorHistory, ActorStatus};
use crate::ledger::tx::registry::{Accredit, Revoke};

fn require_regulator(ex: &Exec) -> Result<(), Reject> {
    if ex.signer_is_regulator()? {
        Ok(())
    } else {
        Err(Reject::NotRegulator)
    }
}

/// Accredit (or re-accredit) an actor; its history keeps every earlier change.
pub(super) fn accredit(ex: &mut Exec, body: Accredit) -> Result<(), Reject> {
    require_regulator(ex)?;
    body.validate()?;
    let key = keys::actor(&body.actor);
    let mut history = ex
        .state
        .get::<Actor>(&key)?
        .map_or_else(Vec::new, |a| a.history);
    let mut accreditation = body;
    accreditation.roles.sort_unstable();
    history.push(ActorHistory {
        action: "accredited".into(),
        at: ex.at(),
        tx: ex.tx_hex(),
        roles: accreditation.roles.clone(),
        valid_until: Some(accreditation.valid_until.clone()),
        reason: None,
    });
    let did = accreditation.actor.clone();
    let actor = Actor {
        accreditation,
        status: ActorStatus::Active,
        history,
    };
    ex.state.put(key, &actor)?;
    ex.emit("medproof.accredited", &[("actor", &did)]);
    Ok(())
}

/// Revoke an accreditation in force.
pub(super) fn revoke(ex: &mut Exec, body: Revoke) -> Result<(), Reject> {
    require_regulator(ex)?;
    body.validate()?;
    let key = keys::actor(&body.actor);
    let mut actor = ex
        .state
        .get::<Actor>(&key)?
        .ok_or_else(|| Reject::ActorUnknown(body.actor.clone()))?;
    if actor.status == ActorStatus::Revoked {
        return Err(Reject::AlreadyRevoked(body.actor));
    }
    actor.status = ActorStatus::Revoked;
    actor.history.push(ActorHistory {
        action: "revoked".into(),
        at: ex.at(),
        tx: ex.tx_hex(),
        roles: Vec::new(),
        valid_until: None,
        reason: Some(body.reason),
    });
    ex.state.put(key, &actor)?;
    ex.emit("medproof.revoked", &[("actor", &body.actor)]);
    Ok(())
}

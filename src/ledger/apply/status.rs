//! `status.publish`: each version of a status list supersedes the last, by exactly one.

use super::Exec;
use crate::ledger::error::Reject;
use crate::ledger::state::keys;
use crate::ledger::state::values::StatusList;
use crate::ledger::tx::registry::Role;
use crate::ledger::tx::status::Publish;

/// Publish the next version of an issuer's status list.
pub(super) fn publish(ex: &mut Exec, body: Publish) -> Result<(), Reject> {
    ex.require_role(&[Role::CredentialIssuer])?;
    body.validate()?;
    let key = keys::status_list(ex.signer(), &body.list_id);
    let expected = ex
        .state
        .get::<StatusList>(&key)?
        .map_or(1, |s| s.version.saturating_add(1));
    if body.version != expected {
        return Err(Reject::StaleVersion {
            expected,
            got: body.version,
        });
    }
    let list = StatusList {
        issuer: ex.signer().into(),
        list_id: body.list_id,
        version: body.version,
        sha256: body.sha256,
        url: body.url,
        at: ex.at(),
        tx: ex.tx_hex(),
    };
    ex.state.put(key, &list)
}

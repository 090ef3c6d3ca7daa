//! The state machine: `apply(state, tx, block) -> Applied | Reject`, pure and deterministic.
//!
//! Nothing here reads a clock or does I/O: the only time is the block's. A transaction either
//! applies whole (its writes, in key order, and its events) or is rejected with a stable code and
//! changes nothing. The order of checks is: size and envelope, signature, chain id, sequence
//! (strictly the signer's next), then the type's own rules.

mod contract;
mod epcis;
mod records;
mod registry;
mod status;

use std::collections::BTreeMap;

use crate::crypto::encoding::to_hex;
use crate::ledger::error::Reject;
use crate::ledger::state::values::{Account, Actor, ActorStatus, EventRef, GenesisSeed};
use crate::ledger::state::{keys, Overlay, StateRead};
use crate::ledger::time::{format_rfc3339, parse_rfc3339, UnixTime};
use crate::ledger::tx::registry::Role;
use crate::ledger::tx::{decode_and_verify, TxType, VerifiedTx};

/// What the state machine knows of the block a transaction is in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BlockCtx {
    /// The block's height.
    pub height: u64,
    /// The block's time (the header's), Unix seconds.
    pub time: UnixTime,
    /// The chain's id.
    pub chain_id: String,
}

/// An event for the ABCI result (`type` and attributes), for indexers and alerting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LedgerEvent {
    /// The event type, for example `medproof.alert`.
    pub kind: String,
    /// Its attributes, in order.
    pub attributes: Vec<(String, String)>,
}

/// A transaction that applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Applied {
    /// SHA-256 of the transaction bytes.
    pub tx_hash: [u8; 32],
    /// Its type.
    pub tx_type: TxType,
    /// Its signer.
    pub signer: String,
    /// Every key written and its new value, in key order.
    pub changes: BTreeMap<String, Vec<u8>>,
    /// Events, alerts first as they were raised, the `medproof.tx` summary last.
    pub events: Vec<LedgerEvent>,
}

/// Apply one transaction to `state` in `block`.
pub fn apply(state: &dyn StateRead, tx: &[u8], block: &BlockCtx) -> Result<Applied, Reject> {
    let tx = decode_and_verify(tx)?;
    if tx.common.chain_id != block.chain_id {
        return Err(Reject::WrongChain {
            expected: block.chain_id.clone(),
            got: tx.common.chain_id.clone(),
        });
    }
    let mut ex = Exec {
        tx: &tx,
        block,
        state: Overlay::new(state),
        events: Vec::new(),
    };
    ex.bump_sequence()?;
    match tx.tx_type {
        TxType::RegistryAccredit => registry::accredit(&mut ex, tx.parse_fields()?)?,
        TxType::RegistryRevoke => registry::revoke(&mut ex, tx.parse_fields()?)?,
        TxType::EpcisEvent => epcis::apply(&mut ex, tx.parse_fields()?)?,
        TxType::RecordAnchor => records::anchor(&mut ex, tx.parse_fields()?)?,
        TxType::ConsentGrant => records::grant(&mut ex, tx.parse_fields()?)?,
        TxType::ConsentRevoke => records::revoke(&mut ex, tx.parse_fields()?)?,
        TxType::StatusPublish => status::publish(&mut ex, tx.parse_fields()?)?,
        TxType::ContractPropose => contract::propose(&mut ex, tx.parse_fields()?)?,
        TxType::ContractAccept => contract::accept(&mut ex, tx.parse_fields()?)?,
        TxType::ContractInvoice => contract::invoice(&mut ex, tx.parse_fields()?)?,
        TxType::ContractChargeback => contract::chargeback(&mut ex, tx.parse_fields()?)?,
    }
    let tx_hex = ex.tx_hex();
    let Exec {
        state, mut events, ..
    } = ex;
    events.push(LedgerEvent {
        kind: "medproof.tx".into(),
        attributes: vec![
            ("type".into(), tx.tx_type.name().into()),
            ("signer".into(), tx.signer.clone()),
            ("hash".into(), tx_hex),
        ],
    });
    Ok(Applied {
        tx_hash: tx.hash,
        tx_type: tx.tx_type,
        signer: tx.signer.clone(),
        changes: state.into_writes(),
        events,
    })
}

/// The roles that hold and move packs.
pub(crate) const SUPPLY_ROLES: &[Role] = &[
    Role::Manufacturer,
    Role::Repackager,
    Role::Wholesaler,
    Role::Dispenser,
    Role::Hospital,
];

/// One transaction being applied: the verified transaction, the block, the state overlay and
/// the events raised so far.
pub(crate) struct Exec<'a> {
    pub(crate) tx: &'a VerifiedTx,
    pub(crate) block: &'a BlockCtx,
    pub(crate) state: Overlay<'a>,
    pub(crate) events: Vec<LedgerEvent>,
}

impl Exec<'_> {
    /// The block time.
    pub(crate) fn now(&self) -> UnixTime {
        self.block.time
    }

    /// The block time as stored.
    pub(crate) fn at(&self) -> String {
        format_rfc3339(self.block.time)
    }

    /// The transaction's hash, lower-case hex.
    pub(crate) fn tx_hex(&self) -> String {
        to_hex(&self.tx.hash)
    }

    /// The signer's did:key.
    pub(crate) fn signer(&self) -> &str {
        &self.tx.signer
    }

    /// A reference to this transaction as the last event of an object.
    pub(crate) fn event_ref(&self, biz_step: &str) -> EventRef {
        EventRef {
            tx: self.tx_hex(),
            biz_step: biz_step.into(),
            at: self.at(),
            by: self.signer().into(),
        }
    }

    /// Raise an event.
    pub(crate) fn emit(&mut self, kind: &str, attributes: &[(&str, &str)]) {
        self.events.push(LedgerEvent {
            kind: kind.into(),
            attributes: attributes
                .iter()
                .map(|(k, v)| ((*k).to_string(), (*v).to_string()))
                .collect(),
        });
    }

    /// The sequence must be exactly one more than the signer's last; record it.
    fn bump_sequence(&mut self) -> Result<(), Reject> {
        let key = keys::account(self.signer());
        let last = self.state.get::<Account>(&key)?.map_or(0, |a| a.sequence);
        let expected = last.saturating_add(1);
        if self.tx.common.sequence != expected {
            return Err(Reject::BadSequence {
                expected,
                got: self.tx.common.sequence,
            });
        }
        self.state.put(key, &Account { sequence: expected })
    }

    /// The regulator named in genesis.
    pub(crate) fn regulator(&self) -> Result<String, Reject> {
        self.state
            .get::<GenesisSeed>(keys::GENESIS)?
            .map(|g| g.regulator)
            .ok_or_else(|| Reject::CorruptState(keys::GENESIS.into()))
    }

    /// Whether the signer is the regulator.
    pub(crate) fn signer_is_regulator(&self) -> Result<bool, Reject> {
        Ok(self.regulator()? == self.signer())
    }

    /// `did`'s accreditation if it is in force now and grants one of `roles`.
    pub(crate) fn accredited(&self, did: &str, roles: &[Role]) -> Result<Option<Actor>, Reject> {
        let Some(actor) = self.state.get::<Actor>(&keys::actor(did))? else {
            return Ok(None);
        };
        let from = parse_rfc3339(&actor.accreditation.valid_from);
        let until = parse_rfc3339(&actor.accreditation.valid_until);
        let (Some(from), Some(until)) = (from, until) else {
            return Err(Reject::CorruptState(keys::actor(did)));
        };
        let in_force =
            actor.status == ActorStatus::Active && from <= self.now() && self.now() < until;
        let has_role = actor.accreditation.roles.iter().any(|r| roles.contains(r));
        Ok((in_force && has_role).then_some(actor))
    }

    /// The signer must be accredited, now, for one of `roles`.
    pub(crate) fn require_role(&self, roles: &[Role]) -> Result<Actor, Reject> {
        self.accredited(self.signer(), roles)?.ok_or_else(|| {
            let names: Vec<&str> = roles.iter().map(|r| r.name()).collect();
            Reject::NotAccredited(names.join("|"))
        })
    }
}

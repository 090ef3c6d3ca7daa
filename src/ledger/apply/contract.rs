//! `contract.*`: terms signed by both parties, then invoices and chargeback claims checked
//! against the shipments the ledger recorded.

use super::{Exec, SUPPLY_ROLES};
use crate::ledger::error::Reject;
use crate::ledger::state::keys;
use crate::ledger::state::values::{
    ChargebackRecord, Contract, ContractStatus, InvoiceRecord, Shipment,
};
use crate::ledger::time::parse_rfc3339;
use crate::ledger::tx::contract::{Accept, Chargeback, Invoice, Propose, Terms};
use crate::ledger::tx::registry::Role;

/// Any accredited role may be a contract party (insurers included).
const PARTY_ROLES: &[Role] = &[
    Role::Manufacturer,
    Role::Repackager,
    Role::Wholesaler,
    Role::Dispenser,
    Role::Hospital,
    Role::Insurer,
];

/// One party proposes terms; the other is named in them.
pub(super) fn propose(ex: &mut Exec, body: Propose) -> Result<(), Reject> {
    body.validate()?;
    let terms = &body.terms;
    let other = if ex.signer() == terms.seller {
        &terms.buyer
    } else if ex.signer() == terms.buyer {
        &terms.seller
    } else {
        return Err(Reject::NotParty("seller or buyer".into()));
    };
    ex.require_role(PARTY_ROLES)?;
    if ex.accredited(other, PARTY_ROLES)?.is_none() {
        return Err(Reject::UnknownParty(other.clone()));
    }
    let key = keys::contract(&body.contract_id);
    if ex.state.get_raw(&key).is_some() {
        return Err(Reject::ContractExists(body.contract_id));
    }
    let contract = Contract {
        contract_id: body.contract_id.clone(),
        terms_hash: terms.hash_hex()?,
        terms: body.terms,
        status: ContractStatus::Proposed,
        proposer: ex.signer().into(),
        propose_tx: ex.tx_hex(),
        accept_tx: None,
        accepted_at: None,
    };
    ex.state.put(key, &contract)
}

/// The other party accepts exactly the proposed terms: the contract's second signature.
pub(super) fn accept(ex: &mut Exec, body: Accept) -> Result<(), Reject> {
    body.validate()?;
    let key = keys::contract(&body.contract_id);
    let mut contract = ex
        .state
        .get::<Contract>(&key)?
        .ok_or_else(|| Reject::ContractUnknown(body.contract_id.clone()))?;
    if contract.status != ContractStatus::Proposed {
        return Err(Reject::BadStatus {
            what: body.contract_id,
            status: "accepted".into(),
            event: "accept".into(),
        });
    }
    let t = &contract.terms;
    let is_party = ex.signer() == t.seller || ex.signer() == t.buyer;
    if !is_party || ex.signer() == contract.proposer {
        return Err(Reject::NotParty("counterparty".into()));
    }
    ex.require_role(PARTY_ROLES)?;
    if body.terms_hash != contract.terms_hash {
        return Err(Reject::TermsMismatch);
    }
    contract.status = ContractStatus::Accepted;
    contract.accept_tx = Some(ex.tx_hex());
    contract.accepted_at = Some(ex.at());
    ex.state.put(key, &contract)?;
    ex.emit("medproof.contract", &[("accepted", &contract.contract_id)]);
    Ok(())
}

/// The contract, accepted.
fn in_force(ex: &Exec, contract_id: &str) -> Result<Contract, Reject> {
    let contract = ex
        .state
        .get::<Contract>(&keys::contract(contract_id))?
        .ok_or_else(|| Reject::ContractUnknown(contract_id.into()))?;
    if contract.status != ContractStatus::Accepted {
        return Err(Reject::ContractNotInForce(contract_id.into()));
    }
    Ok(contract)
}

/// The shipment, checked to go from `from` to the buyer while the terms were valid.
fn shipment_under(
    ex: &Exec,
    shipment: &str,
    from: &str,
    terms: &Terms,
    contract_id: &str,
) -> Result<Shipment, Reject> {
    let s = ex
        .state
        .get::<Shipment>(&keys::shipment(shipment))?
        .ok_or_else(|| Reject::ShipmentUnknown(shipment.into()))?;
    if s.from != from {
        return Err(Reject::ShipmentMismatch(
            "the signer did not ship it".into(),
        ));
    }
    if s.to != terms.buyer {
        return Err(Reject::ShipmentMismatch(
            "it did not go to the buyer".into(),
        ));
    }
    let at = parse_rfc3339(&s.at).ok_or_else(|| Reject::CorruptState(keys::shipment(shipment)))?;
    let from_t = parse_rfc3339(&terms.valid_from);
    let until_t = parse_rfc3339(&terms.valid_until);
    let (Some(from_t), Some(until_t)) = (from_t, until_t) else {
        return Err(Reject::CorruptState(keys::contract(contract_id)));
    };
    if at < from_t || at >= until_t {
        return Err(Reject::ContractNotInForce(format!(
            "{contract_id} at the shipment's time"
        )));
    }
    Ok(s)
}

fn shipped_enough(s: &Shipment, gtin: &str, quantity: u64) -> Result<(), Reject> {
    if s.items.get(gtin).copied().unwrap_or(0) < quantity {
        return Err(Reject::ShipmentMismatch(format!(
            "more packs of {gtin} than were shipped"
        )));
    }
    Ok(())
}

fn total(mut parts: impl Iterator<Item = (u64, u64)>) -> Result<u64, Reject> {
    parts
        .try_fold(0u64, |acc, (q, price)| {
            q.checked_mul(price).and_then(|x| acc.checked_add(x))
        })
        .filter(|t| *t <= crate::ledger::tx::MAX_SAFE_INTEGER)
        .ok_or_else(|| Reject::BadBody("the total is too large".into()))
}

/// The seller invoices the buyer for a shipment, at the contract's prices, once.
pub(super) fn invoice(ex: &mut Exec, body: Invoice) -> Result<(), Reject> {
    body.validate()?;
    let contract = in_force(ex, &body.contract_id)?;
    let terms = &contract.terms;
    if ex.signer() != terms.seller {
        return Err(Reject::NotParty("seller".into()));
    }
    ex.require_role(SUPPLY_ROLES)?;
    let s = shipment_under(ex, &body.shipment, &terms.seller, terms, &body.contract_id)?;
    for line in &body.lines {
        let product = terms.product(&line.gtin).ok_or_else(|| {
            Reject::ShipmentMismatch(format!("{} is not in the contract", line.gtin))
        })?;
        if product.unit_price_minor != line.unit_price_minor {
            return Err(Reject::ShipmentMismatch(format!(
                "{} is not at the contract price",
                line.gtin
            )));
        }
        shipped_enough(&s, &line.gtin, line.quantity)?;
    }
    let key = keys::invoice(&body.contract_id, &body.shipment);
    if ex.state.get_raw(&key).is_some() {
        return Err(Reject::Duplicate("invoiced".into()));
    }
    let record = InvoiceRecord {
        invoice_id: body.invoice_id,
        issuer: ex.signer().into(),
        total_minor: total(body.lines.iter().map(|l| (l.quantity, l.unit_price_minor)))?,
        lines: body.lines,
        currency: terms.currency.clone(),
        at: ex.at(),
        tx: ex.tx_hex(),
    };
    ex.state.put(key, &record)
}

/// A wholesaler that shipped to the buyer claims the chargeback from the seller, once.
pub(super) fn chargeback(ex: &mut Exec, body: Chargeback) -> Result<(), Reject> {
    body.validate()?;
    ex.require_role(&[Role::Wholesaler])?;
    let contract = in_force(ex, &body.contract_id)?;
    let terms = &contract.terms;
    let signer = ex.signer().to_string();
    let s = shipment_under(ex, &body.shipment, &signer, terms, &body.contract_id)?;
    let mut parts = Vec::with_capacity(body.lines.len());
    for line in &body.lines {
        let per_pack = terms
            .product(&line.gtin)
            .and_then(|p| p.chargeback_minor.filter(|_| p.chargeback_eligible))
            .ok_or_else(|| {
                Reject::ShipmentMismatch(format!("{} is not chargeback eligible", line.gtin))
            })?;
        shipped_enough(&s, &line.gtin, line.quantity)?;
        parts.push((line.quantity, per_pack));
    }
    let key = keys::chargeback(&body.contract_id, &body.shipment);
    if ex.state.get_raw(&key).is_some() {
        return Err(Reject::Duplicate("claimed".into()));
    }
    let record = ChargebackRecord {
        claim_id: body.claim_id,
        claimant: signer,
        debtor: terms.seller.clone(),
        total_minor: total(parts.into_iter())?,
        lines: body.lines,
        currency: terms.currency.clone(),
        at: ex.at(),
        tx: ex.tx_hex(),
    };
    ex.state.put(key, &record)
}

//! `epcis.event`: each event must be consistent with the current state of what it names.
//!
//! Packs move `active` (held) → `in_transit` (shipped to a party) → `active` (held by that
//! party) and end `dispensed`, `destroyed` or `consumed` (repackaged). Nothing happens to a pack
//! after its end, except that dispensing it again is recorded as a `clone_suspected` alert on
//! it: the transaction is accepted so the evidence is on the chain, never dropped.

use std::collections::BTreeMap;

use super::{Exec, SUPPLY_ROLES};
use crate::ledger::epc::{Epc, Item, LotId, Sscc};
use crate::ledger::error::Reject;
use crate::ledger::state::keys;
use crate::ledger::state::values::{
    Alert, Container, Lot, ObjectStatus, Recall, Serial, Shipment, MAX_ALERTS,
};
use crate::ledger::time::parse_date;
use crate::ledger::tx::epcis::{EventTx, Step, MAX_EPCS};
use crate::ledger::tx::registry::Role;

/// Most packs one shipment may move, containers expanded.
pub const MAX_SHIPPED: usize = 10 * MAX_EPCS;

/// Apply one event.
pub(super) fn apply(ex: &mut Exec, body: EventTx) -> Result<(), Reject> {
    let step = body.event.classify()?;
    let biz_step = step.biz_step();
    let reason = body.event.reason;
    match step {
        Step::Commission { items, lot, expiry } => {
            ex.require_role(&[Role::Manufacturer])?;
            create(ex, &items, &lot, &expiry, biz_step, None)?;
        }
        Step::Pack { parent, children } => pack(ex, &parent, &children)?,
        Step::Unpack { parent, children } => unpack(ex, &parent, &children)?,
        Step::Ship { epcs, to } => ship(ex, &epcs, &to)?,
        Step::Receive { epcs } => receive(ex, &epcs)?,
        Step::Dispense { items } => dispense(ex, &items)?,
        Step::Destroy { items } => {
            ex.require_role(SUPPLY_ROLES)?;
            for item in &items {
                let mut s = load(ex, item)?;
                movable(ex, &s, item, biz_step)?;
                s.status = ObjectStatus::Destroyed;
                s.last_event = ex.event_ref(biz_step);
                save(ex, &s)?;
            }
        }
        Step::Repackage {
            inputs,
            outputs,
            lot,
            expiry,
        } => repackage(ex, &inputs, &outputs, &lot, &expiry)?,
        Step::Recall { lots, items } => recall(ex, &lots, &items, reason)?,
    }
    ex.emit("medproof.epcis", &[("bizStep", biz_step)]);
    Ok(())
}

fn load(ex: &Exec, item: &Item) -> Result<Serial, Reject> {
    ex.state
        .get::<Serial>(&keys::serial(&item.gtin, &item.serial))?
        .ok_or_else(|| Reject::SerialUnknown(item.to_string()))
}

fn save(ex: &mut Exec, s: &Serial) -> Result<(), Reject> {
    ex.state.put(keys::serial(&s.gtin, &s.serial), s)
}

fn load_container(ex: &Exec, sscc: &Sscc) -> Result<Container, Reject> {
    ex.state
        .get::<Container>(&keys::container(&sscc.0))?
        .ok_or_else(|| Reject::SerialUnknown(sscc.to_string()))
}

fn save_container(ex: &mut Exec, c: &Container) -> Result<(), Reject> {
    ex.state.put(keys::container(&c.sscc), c)
}

fn item_of(s: &Serial) -> Item {
    Item {
        gtin: s.gtin.clone(),
        serial: s.serial.clone(),
    }
}

fn bad_status(what: &dyn std::fmt::Display, status: ObjectStatus, event: &str) -> Reject {
    Reject::BadStatus {
        what: what.to_string(),
        status: status.name().into(),
        event: event.into(),
    }
}

/// The pack is held by the signer, active, and not packed in a container.
fn movable(ex: &Exec, s: &Serial, item: &Item, event: &str) -> Result<(), Reject> {
    if s.status != ObjectStatus::Active {
        return Err(bad_status(item, s.status, event));
    }
    if s.holder != ex.signer() {
        return Err(Reject::NotHolder(item.to_string()));
    }
    if s.parent.is_some() {
        return Err(Reject::InContainer(item.to_string()));
    }
    Ok(())
}

/// The pack or its lot is recalled.
fn refuse_recalled(ex: &Exec, s: &Serial) -> Result<(), Reject> {
    let lot = ex.state.get::<Lot>(&keys::lot(&s.gtin, &s.lot))?;
    if s.recall.is_some() || lot.is_some_and(|l| l.recall.is_some()) {
        return Err(Reject::Recalled(item_of(s).to_string()));
    }
    Ok(())
}

/// Create packs in a lot the signer owns (creating the lot if new).
fn create(
    ex: &mut Exec,
    items: &[Item],
    lot: &str,
    expiry: &str,
    biz_step: &str,
    repackaged_by: Option<String>,
) -> Result<(), Reject> {
    let Some(gtin) = items.first().map(|i| i.gtin.clone()) else {
        return Ok(());
    };
    let lot_id = LotId {
        gtin: gtin.clone(),
        lot: lot.into(),
    };
    let lot_key = keys::lot(&gtin, lot);
    match ex.state.get::<Lot>(&lot_key)? {
        Some(existing) => {
            if existing.owner != ex.signer() || existing.expiry != expiry {
                return Err(Reject::LotMismatch(format!(
                    "{lot_id} exists with another owner or expiry"
                )));
            }
            if existing.recall.is_some() {
                return Err(Reject::Recalled(lot_id.to_string()));
            }
        }
        None => {
            let new = Lot {
                gtin: gtin.clone(),
                lot: lot.into(),
                expiry: expiry.into(),
                owner: ex.signer().into(),
                recall: None,
            };
            ex.state.put(lot_key, &new)?;
        }
    }
    for item in items {
        let key = keys::serial(&item.gtin, &item.serial);
        if ex.state.get_raw(&key).is_some() {
            return Err(Reject::SerialExists(item.to_string()));
        }
        let s = Serial {
            gtin: item.gtin.clone(),
            serial: item.serial.clone(),
            lot: lot.into(),
            expiry: expiry.into(),
            owner: ex.signer().into(),
            status: ObjectStatus::Active,
            holder: ex.signer().into(),
            shipped_to: None,
            parent: None,
            last_event: ex.event_ref(biz_step),
            recall: None,
            alerts: Vec::new(),
            alert_count: 0,
            repackaged_by: repackaged_by.clone(),
        };
        save(ex, &s)?;
    }
    Ok(())
}

fn pack(ex: &mut Exec, parent: &Sscc, children: &[Item]) -> Result<(), Reject> {
    ex.require_role(SUPPLY_ROLES)?;
    let mut c = match ex.state.get::<Container>(&keys::container(&parent.0))? {
        Some(c) => {
            if c.status != ObjectStatus::Active {
                return Err(bad_status(parent, c.status, "packing"));
            }
            if c.holder != ex.signer() {
                return Err(Reject::NotHolder(parent.to_string()));
            }
            c
        }
        None => Container {
            sscc: parent.0.clone(),
            status: ObjectStatus::Active,
            holder: ex.signer().into(),
            shipped_to: None,
            children: Vec::new(),
            last_event: ex.event_ref("packing"),
        },
    };
    for item in children {
        let mut s = load(ex, item)?;
        movable(ex, &s, item, "packing")?;
        refuse_recalled(ex, &s)?;
        s.parent = Some(parent.0.clone());
        s.last_event = ex.event_ref("packing");
        save(ex, &s)?;
        c.children.push(item.to_string());
    }
    if c.children.len() > MAX_EPCS {
        return Err(Reject::ContainerConflict(format!(
            "{parent} would hold more than {MAX_EPCS} packs"
        )));
    }
    c.children.sort_unstable();
    c.last_event = ex.event_ref("packing");
    save_container(ex, &c)
}

fn unpack(ex: &mut Exec, parent: &Sscc, children: &[Item]) -> Result<(), Reject> {
    ex.require_role(SUPPLY_ROLES)?;
    let mut c = load_container(ex, parent)?;
    if c.status != ObjectStatus::Active {
        return Err(bad_status(parent, c.status, "unpacking"));
    }
    if c.holder != ex.signer() {
        return Err(Reject::NotHolder(parent.to_string()));
    }
    for item in children {
        let uri = item.to_string();
        let Some(pos) = c.children.iter().position(|u| *u == uri) else {
            return Err(Reject::ContainerConflict(format!(
                "{uri} is not in {parent}"
            )));
        };
        c.children.remove(pos);
        let mut s = load(ex, item)?;
        s.parent = None;
        s.last_event = ex.event_ref("unpacking");
        save(ex, &s)?;
    }
    c.last_event = ex.event_ref("unpacking");
    save_container(ex, &c)
}

/// The packs of a container, parsed back from their URIs.
fn children_of(c: &Container) -> Result<Vec<Item>, Reject> {
    c.children
        .iter()
        .map(|u| Item::parse(u).ok_or_else(|| Reject::CorruptState(keys::container(&c.sscc))))
        .collect()
}

fn ship(ex: &mut Exec, epcs: &[Epc], to: &str) -> Result<(), Reject> {
    ex.require_role(SUPPLY_ROLES)?;
    if to == ex.signer() {
        return Err(Reject::BadBody("a shipment goes to another party".into()));
    }
    if ex.accredited(to, SUPPLY_ROLES)?.is_none() {
        return Err(Reject::UnknownParty(to.into()));
    }
    let mut counts: BTreeMap<String, u64> = BTreeMap::new();
    let mut shipped = 0usize;
    let mut send = |ex: &mut Exec, mut s: Serial, item: &Item, in_container: bool| {
        if in_container {
            // Packs in a container the signer holds are held by the signer too.
            if s.status != ObjectStatus::Active || s.holder != ex.signer() {
                return Err(bad_status(item, s.status, "shipping"));
            }
        } else {
            movable(ex, &s, item, "shipping")?;
        }
        refuse_recalled(ex, &s)?;
        s.status = ObjectStatus::InTransit;
        s.shipped_to = Some(to.into());
        s.last_event = ex.event_ref("shipping");
        save(ex, &s)?;
        *counts.entry(s.gtin).or_insert(0) += 1;
        shipped += 1;
        if shipped > MAX_SHIPPED {
            return Err(Reject::BadBody(format!(
                "a shipment moves at most {MAX_SHIPPED} packs"
            )));
        }
        Ok(())
    };
    for epc in epcs {
        match epc {
            Epc::Item(item) => {
                let s = load(ex, item)?;
                send(ex, s, item, false)?;
            }
            Epc::Container(sscc) => {
                let mut c = load_container(ex, sscc)?;
                if c.status != ObjectStatus::Active {
                    return Err(bad_status(sscc, c.status, "shipping"));
                }
                if c.holder != ex.signer() {
                    return Err(Reject::NotHolder(sscc.to_string()));
                }
                for item in children_of(&c)? {
                    let s = load(ex, &item)?;
                    send(ex, s, &item, true)?;
                }
                c.status = ObjectStatus::InTransit;
                c.shipped_to = Some(to.into());
                c.last_event = ex.event_ref("shipping");
                save_container(ex, &c)?;
            }
        }
    }
    let shipment = Shipment {
        tx: ex.tx_hex(),
        from: ex.signer().into(),
        to: to.into(),
        at: ex.at(),
        items: counts,
    };
    ex.state.put(keys::shipment(&ex.tx_hex()), &shipment)?;
    ex.emit("medproof.shipped", &[("to", to)]);
    Ok(())
}

fn receive(ex: &mut Exec, epcs: &[Epc]) -> Result<(), Reject> {
    ex.require_role(SUPPLY_ROLES)?;
    let take = |ex: &mut Exec, mut s: Serial| {
        s.status = ObjectStatus::Active;
        s.holder = ex.signer().into();
        s.shipped_to = None;
        s.last_event = ex.event_ref("receiving");
        save(ex, &s)
    };
    for epc in epcs {
        match epc {
            Epc::Item(item) => {
                let s = load(ex, item)?;
                if s.status != ObjectStatus::InTransit {
                    return Err(bad_status(item, s.status, "receiving"));
                }
                if s.parent.is_some() {
                    return Err(Reject::InContainer(item.to_string()));
                }
                if s.shipped_to.as_deref() != Some(ex.signer()) {
                    return Err(Reject::NotRecipient(item.to_string()));
                }
                take(ex, s)?;
            }
            Epc::Container(sscc) => {
                let mut c = load_container(ex, sscc)?;
                if c.status != ObjectStatus::InTransit {
                    return Err(bad_status(sscc, c.status, "receiving"));
                }
                if c.shipped_to.as_deref() != Some(ex.signer()) {
                    return Err(Reject::NotRecipient(sscc.to_string()));
                }
                for item in children_of(&c)? {
                    let s = load(ex, &item)?;
                    take(ex, s)?;
                }
                c.status = ObjectStatus::Active;
                c.holder = ex.signer().into();
                c.shipped_to = None;
                c.last_event = ex.event_ref("receiving");
                save_container(ex, &c)?;
            }
        }
    }
    Ok(())
}

fn dispense(ex: &mut Exec, items: &[Item]) -> Result<(), Reject> {
    ex.require_role(&[Role::Dispenser, Role::Hospital])?;
    let today = ex.now().div_euclid(86_400);
    for item in items {
        let mut s = load(ex, item)?;
        if s.status.is_terminal() {
            // The pack already left the supply chain: this one is a clone (or the first was).
            let alert = Alert {
                kind: "clone_suspected".into(),
                by: ex.signer().into(),
                at: ex.at(),
                tx: ex.tx_hex(),
            };
            if s.alerts.len() < MAX_ALERTS {
                s.alerts.push(alert);
            }
            s.alert_count = s.alert_count.saturating_add(1);
            save(ex, &s)?;
            let uri = item.to_string();
            let by = ex.signer().to_string();
            ex.emit(
                "medproof.alert",
                &[("kind", "clone_suspected"), ("epc", &uri), ("by", &by)],
            );
            continue;
        }
        movable(ex, &s, item, "dispensing")?;
        refuse_recalled(ex, &s)?;
        let expiry = parse_date(&s.expiry).ok_or_else(|| Reject::CorruptState(item.to_string()))?;
        if today > expiry {
            return Err(Reject::Expired(item.to_string()));
        }
        s.status = ObjectStatus::Dispensed;
        s.last_event = ex.event_ref("dispensing");
        save(ex, &s)?;
    }
    Ok(())
}

fn repackage(
    ex: &mut Exec,
    inputs: &[Item],
    outputs: &[Item],
    lot: &str,
    expiry: &str,
) -> Result<(), Reject> {
    ex.require_role(&[Role::Repackager])?;
    let out_expiry = parse_date(expiry).ok_or_else(|| Reject::BadBody("expiry".into()))?;
    for item in inputs {
        let mut s = load(ex, item)?;
        movable(ex, &s, item, "repackaging")?;
        refuse_recalled(ex, &s)?;
        let in_expiry =
            parse_date(&s.expiry).ok_or_else(|| Reject::CorruptState(item.to_string()))?;
        if out_expiry > in_expiry {
            return Err(Reject::LotMismatch(format!(
                "outputs expire after input {item}"
            )));
        }
        s.status = ObjectStatus::Consumed;
        s.last_event = ex.event_ref("repackaging");
        save(ex, &s)?;
    }
    let tx = ex.tx_hex();
    create(ex, outputs, lot, expiry, "repackaging", Some(tx))
}

fn recall(
    ex: &mut Exec,
    lots: &[LotId],
    items: &[Item],
    reason: Option<String>,
) -> Result<(), Reject> {
    let regulator = ex.signer_is_regulator()?;
    if !regulator {
        ex.require_role(&[Role::Manufacturer, Role::Repackager])?;
    }
    let record = Recall {
        by: ex.signer().into(),
        at: ex.at(),
        tx: ex.tx_hex(),
        reason,
    };
    for lot_id in lots {
        let key = keys::lot(&lot_id.gtin, &lot_id.lot);
        let mut lot = ex
            .state
            .get::<Lot>(&key)?
            .ok_or_else(|| Reject::LotUnknown(lot_id.to_string()))?;
        if !regulator && lot.owner != ex.signer() {
            return Err(Reject::NotOwner(lot_id.to_string()));
        }
        // The first recall stands; recalling again changes nothing.
        if lot.recall.is_none() {
            lot.recall = Some(record.clone());
            ex.state.put(key, &lot)?;
        }
        let uri = lot_id.to_string();
        ex.emit("medproof.recall", &[("lot", &uri)]);
    }
    for item in items {
        let mut s = load(ex, item)?;
        if !regulator && s.owner != ex.signer() {
            return Err(Reject::NotOwner(item.to_string()));
        }
        if s.recall.is_none() {
            s.recall = Some(record.clone());
            save(ex, &s)?;
        }
        let uri = item.to_string();
        ex.emit("medproof.recall", &[("epc", &uri)]);
    }
    Ok(())
}

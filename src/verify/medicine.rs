//! Is this pack genuine? A GS1 barcode checked against the proven state of its serial, lot and
//! manufacturer, with its custody timeline from the proven event transactions.

use serde_json::{json, Value};

use super::common::{accredited_at, check, fail, legal_name, secs};
use super::date::{CalendarDate, Instant};
use super::gs1;
use super::report::Report;
use super::VerifyError;
use crate::ledger::epc::Item;
use crate::ledger::state::keys;
use crate::ledger::state::values::{Actor, Lot, ObjectStatus, Serial};
use crate::ledger::tx::registry::Role;
use crate::ledger::tx::TxType;

use super::bundle::{TrustedTx, VerifiedBundle};

/// An identifier in one spelling: packs as `pack:{gtin}/{serial}` (URIs may percent-encode
/// serials differently), anything else as written.
fn canonical(uri: &str) -> String {
    match Item::parse(uri) {
        Some(item) => pack_id(&item.gtin, &item.serial),
        None => uri.to_owned(),
    }
}

fn pack_id(gtin: &str, serial: &str) -> String {
    format!("pack:{gtin}/{serial}")
}

/// Every identifier an EPCIS event names.
fn named(event: &Value) -> Vec<String> {
    let mut out = Vec::new();
    for list in ["epcList", "childEPCs", "inputEPCList", "outputEPCList"] {
        out.extend(named_list(event, list).into_iter().map(canonical));
    }
    if let Some(p) = event.get("parentID").and_then(Value::as_str) {
        out.push(canonical(p));
    }
    out
}

/// The EPCIS event `t` carries (`Null` if it has none).
fn event(t: &TrustedTx) -> &Value {
    t.tx.body.get("event").unwrap_or(&Value::Null)
}

/// The business step of the event `t` carries, if it names one.
fn biz_step(t: &TrustedTx) -> Option<&str> {
    event(t).get("bizStep")?.as_str()
}

/// The proven event transactions about `pack` (directly, or through a container it was packed
/// into), in chain order, among `txs` (the custody timeline passes the bundle's `txs`, so events
/// the ledger is proven to have refused are never in it).
fn custody<'a>(txs: impl Iterator<Item = &'a TrustedTx>, pack: &str) -> Vec<&'a TrustedTx> {
    let events: Vec<&TrustedTx> = txs.filter(|t| t.tx.tx_type == TxType::EpcisEvent).collect();
    let mut ids = vec![pack.to_owned()];
    for t in &events {
        let e = event(t);
        let children = e.get("childEPCs").and_then(Value::as_array);
        if let (Some(parent), Some(children)) =
            (e.get("parentID").and_then(Value::as_str), children)
        {
            if children
                .iter()
                .any(|c| c.as_str().map(canonical).as_deref() == Some(pack))
                && !ids.iter().any(|i| i == parent)
            {
                ids.push(parent.to_owned());
            }
        }
    }
    let mut out: Vec<&TrustedTx> = events
        .into_iter()
        .filter(|t| named(event(t)).iter().any(|n| ids.iter().any(|i| i == n)))
        .collect();
    // Insertion sort (one instantiation shared with the light client): a pack's events are
    // few and arrive in block order, and the standard sort costs 2 kB of WebAssembly.
    crate::light::small_sort::sort_by_key(&mut out, |t| (t.height, t.index));
    out
}

/// Verify the pack a barcode names (`scan`: a GS1 Digital Link URI or element strings) with
/// `bundle` from `trust` at `now`. Input that does not parse is an error; everything else is a
/// report.
pub fn verify_medicine(
    scan: &str,
    bundle: &str,
    trust: &str,
    now: Instant,
) -> Result<Report, VerifyError> {
    let data = gs1::parse(scan.trim(), now.date())?;
    let mut c = match check(bundle, trust, now)? {
        Ok(c) => c,
        Err(report) => return Ok(report),
    };
    let (Some(gtin), Some(serial)) = (data.gtin.clone(), data.serial.clone()) else {
        c.report.error(
            "medicine.no_serial",
            "the barcode has no GTIN and serial number",
        );
        return Ok(c.report);
    };
    c.report.fact("product", &gtin).fact("serial", &serial);
    let b = &c.bundle;
    let serial_key = keys::serial(&gtin, &serial);
    let state = match b.value::<Serial>(&serial_key) {
        Ok(s) => s,
        Err(e) => return Ok(fail(c.report, &e)),
    };
    let Some(state) = state else {
        // Why, when the bundle shows it, first: the commissioning the ledger refused.
        refused_commissioning(&mut c.report, b, &pack_id(&gtin, &serial));
        c.report.error(
            "medicine.unknown_serial",
            format!("the ledger proves serial {serial} of GTIN {gtin} was never commissioned: likely counterfeit"),
        );
        return Ok(c.report);
    };
    c.report
        .fact("lot", &state.lot)
        .fact("expiry", &state.expiry)
        .fact("status", state.status.name());
    // Tampered history: a transaction the server sent that is not what the chain holds.
    for r in &b.rejected_txs {
        c.report.error(
            "medicine.tampered",
            format!(
                "event transaction {} does not match the chain: {}: {}",
                r.claimed_hash, r.code, r.message
            ),
        );
    }
    // The label against the ledger.
    if let Some(lot) = &data.lot {
        if lot != &state.lot {
            c.report.error(
                "medicine.label_mismatch",
                format!("the barcode says lot {lot}, the ledger {}", state.lot),
            );
        }
    }
    if let Some(exp) = &data.expiry {
        if CalendarDate::parse(&state.expiry).ok().as_ref() != Some(exp) {
            c.report.error(
                "medicine.label_mismatch",
                format!(
                    "the barcode's expiry differs from the ledger's {}",
                    state.expiry
                ),
            );
        }
    }
    // The manufacturer (or repackager) who owns the lot.
    let actor = match b.value::<Actor>(&keys::actor(&state.owner)) {
        Ok(a) => a,
        Err(e) => return Ok(fail(c.report, &e)),
    };
    c.report.fact("manufacturerDid", &state.owner);
    match &actor {
        None => {
            c.report.error(
                "medicine.manufacturer_not_accredited",
                format!("{} was never accredited", state.owner),
            );
        }
        Some(a) => {
            c.report.fact("manufacturer", &a.accreditation.legal_name);
            let at = secs(&state_commissioned_at(b, &state)).unwrap_or(i64::MAX);
            if let Err(e) = accredited_at(a, &[Role::Manufacturer, Role::Repackager], at) {
                c.report
                    .error("medicine.manufacturer_not_accredited", e.why);
            }
        }
    }
    // Recalls: the lot's, and the pack's own.
    let lot = match b.value::<Lot>(&keys::lot(&gtin, &state.lot)) {
        Ok(l) => l,
        Err(e) => return Ok(fail(c.report, &e)),
    };
    let lot_recall = lot.as_ref().and_then(|l| l.recall.clone());
    for (what, recall) in [("lot", lot_recall), ("pack", state.recall.clone())] {
        if let Some(r) = recall {
            c.report.fact(
                "recall",
                json!({"scope": what, "at": r.at, "by": r.by, "reason": r.reason, "tx": r.tx}),
            );
            c.report.error(
                "medicine.recalled",
                format!("the {what} was recalled at {}", r.at),
            );
        }
    }
    // Expiry: on the day after the expiry date the pack is expired.
    match CalendarDate::parse(&state.expiry) {
        Ok(exp) if exp.days_since_epoch() < now.date().days_since_epoch() => {
            c.report
                .error("medicine.expired", format!("expired on {}", state.expiry));
        }
        Ok(_) => {}
        Err(_) => {
            c.report.error(
                "medicine.expired",
                format!("the ledger's expiry {:?} is not a date", state.expiry),
            );
        }
    }
    // Where the pack is in its life.
    if state.alert_count > 0 || !state.alerts.is_empty() {
        c.report.fact("alerts", &state.alerts);
        c.report.error(
            "medicine.clone_suspected",
            format!("the pack was dispensed more than once ({} alerts): a copy of its code is in circulation", state.alert_count.max(state.alerts.len() as u64)),
        );
    }
    match state.status {
        // Dispensed once is where a patient's pack is; a second dispensing is an alert above.
        ObjectStatus::Dispensed => {
            c.report.info(
                "medicine.dispensed",
                format!(
                    "the pack was dispensed at {} by {}: it should be in a patient's hands",
                    state.last_event.at, state.last_event.by
                ),
            );
        }
        ObjectStatus::Destroyed => {
            c.report.error(
                "medicine.destroyed",
                format!("the pack was destroyed at {}", state.last_event.at),
            );
        }
        ObjectStatus::Consumed => {
            c.report.error(
                "medicine.consumed",
                format!(
                    "the pack was repackaged into new packs{}: it should not be in circulation",
                    state
                        .repackaged_by
                        .as_deref()
                        .map(|r| format!(" by {r}"))
                        .unwrap_or_default()
                ),
            );
        }
        ObjectStatus::Active | ObjectStatus::InTransit => {}
    }
    // Custody: the proven events about the pack, which must reach its last recorded event.
    let pack = pack_id(&gtin, &serial);
    let events = custody(b.txs.iter(), &pack);
    let timeline: Vec<Value> = events
        .iter()
        .map(|t| {
            json!({"step": event(t).get("bizStep"), "actor": t.tx.signer,
                   "actorName": legal_name(b, &t.tx.signer), "time": t.block_time,
                   "eventTime": event(t).get("eventTime"), "tx": t.hash, "height": t.height,
                   "resultCode": t.result})
        })
        .collect();
    c.report.fact("custody", &timeline);
    let origin: Vec<String> = events
        .iter()
        .filter(|t| biz_step(t) == Some("repackaging"))
        .filter(|t| {
            named_list(event(t), "outputEPCList")
                .into_iter()
                .any(|o| canonical(o) == pack)
        })
        .flat_map(|t| {
            named_list(event(t), "inputEPCList")
                .into_iter()
                .map(str::to_owned)
        })
        .collect();
    if !origin.is_empty() {
        c.report.fact("originPacks", &origin);
        c.report.warning(
            "medicine.repackaged",
            format!("the pack was repackaged from {}", origin.join(", ")),
        );
    }
    let starts_right = events
        .first()
        .map(|t| matches!(biz_step(t), Some("commissioning" | "repackaging")));
    if !events.iter().any(|t| t.hash == state.last_event.tx) || starts_right != Some(true) {
        c.report.warning(
            "medicine.incomplete_custody",
            format!(
                "the bundle's events do not run from commissioning to the last recorded event ({} at {}, tx {})",
                state.last_event.biz_step, state.last_event.at, state.last_event.tx
            ),
        );
    }
    if c.report.verdict() != super::Verdict::NotVerified {
        c.report.info(
            "medicine.genuine",
            "the pack was commissioned by an accredited manufacturer",
        );
    }
    Ok(c.report)
}

/// For a serial the ledger never commissioned: a commissioning of it in a verified block whose
/// signer the bundle proves was not accredited as manufacturer then (never accredited, another
/// role such as wholesaler, revoked or outside its validity) explains why: the ledger refused
/// it. A signer whose accreditation the bundle does not prove explains nothing.
fn refused_commissioning(report: &mut Report, b: &VerifiedBundle, pack: &str) {
    for t in custody(b.txs.iter().chain(&b.refused_txs), pack) {
        if biz_step(t) != Some("commissioning") {
            continue;
        }
        let why = match b.value::<Actor>(&keys::actor(&t.tx.signer)) {
            Ok(None) => format!("{} was never accredited", t.tx.signer),
            Ok(Some(a)) => {
                let at = secs(&t.block_time).unwrap_or(i64::MIN);
                match accredited_at(&a, &[Role::Manufacturer], at) {
                    Ok(()) => continue,
                    Err(e) => e.why,
                }
            }
            Err(_) => continue,
        };
        report.evidence("refusedCommissioningTx", &t.hash);
        report.error(
            "medicine.manufacturer_not_accredited",
            format!(
                "{} commissioned this pack at height {}, but {why}: the ledger refused it",
                t.tx.signer, t.height
            ),
        );
    }
}

fn named_list<'a>(event: &'a Value, list: &str) -> Vec<&'a str> {
    event
        .get(list)
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default()
}

/// When the pack entered the ledger: its commissioning (or repackaging) transaction's block
/// time if the bundle proves it, else the time of the last event (accreditation must hold then
/// at the latest).
fn state_commissioned_at(b: &VerifiedBundle, state: &Serial) -> String {
    let pack = pack_id(&state.gtin, &state.serial);
    custody(b.txs.iter(), &pack)
        .first()
        .map(|t| t.block_time.clone())
        .unwrap_or_else(|| state.last_event.at.clone())
}

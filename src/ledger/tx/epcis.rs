//! Supply-chain events shaped like GS1 EPCIS 2.0 (JSON binding) with CBV 2.0 business steps and
//! dispositions, and the strict set of shapes the ledger accepts.
//!
//! | event | type / action | bizStep | disposition |
//! | --- | --- | --- | --- |
//! | commission packs of one lot | ObjectEvent ADD | commissioning | active |
//! | pack into a case | AggregationEvent ADD | packing | container_closed |
//! | unpack | AggregationEvent DELETE | unpacking | container_open |
//! | ship to a party | ObjectEvent OBSERVE | shipping | in_transit |
//! | receive | ObjectEvent OBSERVE | receiving | in_progress |
//! | dispense (decommission) | ObjectEvent DELETE | dispensing | dispensed |
//! | destroy | ObjectEvent DELETE | destroying | destroyed |
//! | repackage into new serials | TransformationEvent | repackaging | active |
//! | recall lots or packs | ObjectEvent OBSERVE | holding | recalled |

use serde::{Deserialize, Serialize};

use super::check;
use crate::ledger::epc::{Epc, Item, LotId, Sscc};
use crate::ledger::error::Reject;

/// Most identifiers one event may name (across all its lists).
pub const MAX_EPCS: usize = 1000;

/// `epcis.event`: one EPCIS event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct EventTx {
    /// The event.
    pub event: Event,
}

/// An EPCIS 2.0 event (the fields the ledger uses).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Event {
    /// `ObjectEvent`, `AggregationEvent` or `TransformationEvent`.
    #[serde(rename = "type")]
    pub event_type: String,
    /// When it happened, as the signer says (RFC 3339). The ledger's time is the block's.
    pub event_time: String,
    /// The local offset at the event, `±HH:MM`.
    pub event_time_zone_offset: String,
    /// `ADD`, `OBSERVE` or `DELETE` (not for TransformationEvent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub action: Option<String>,
    /// The CBV business step (bare word, for example `shipping`).
    pub biz_step: String,
    /// The CBV disposition (bare word, for example `in_transit`).
    pub disposition: String,
    /// Packs (`.../01/{gtin}/21/{serial}`) or containers (`.../00/{sscc}`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub epc_list: Vec<String>,
    /// The container of an AggregationEvent.
    #[serde(default, rename = "parentID", skip_serializing_if = "Option::is_none")]
    pub parent_id: Option<String>,
    /// The packs of an AggregationEvent.
    #[serde(default, rename = "childEPCs", skip_serializing_if = "Vec::is_empty")]
    pub child_epcs: Vec<String>,
    /// The packs a TransformationEvent consumes.
    #[serde(
        default,
        rename = "inputEPCList",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub input_epc_list: Vec<String>,
    /// The packs a TransformationEvent creates.
    #[serde(
        default,
        rename = "outputEPCList",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub output_epc_list: Vec<String>,
    /// Lots (`epcClass`: `.../01/{gtin}/10/{lot}`), for a recall by lot.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub quantity_list: Vec<QuantityElement>,
    /// Instance/lot master data of commissioned packs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ilmd: Option<Ilmd>,
    /// Where a shipment goes: one `owning_party`, a did:key.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub destination_list: Vec<Destination>,
    /// Where the event was observed (free URI, recorded only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub read_point: Option<Location>,
    /// Where the objects are afterwards (free URI, recorded only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub biz_location: Option<Location>,
    /// An extension: why (recalls, destruction).
    #[serde(
        default,
        rename = "medproof:reason",
        skip_serializing_if = "Option::is_none"
    )]
    pub reason: Option<String>,
}

/// A quantity element: only the class (lot) matters to the ledger.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct QuantityElement {
    /// The lot's URI.
    pub epc_class: String,
}

/// CBV master data of a lot.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Ilmd {
    /// The lot number (AI 10).
    #[serde(rename = "cbvmda:lotNumber")]
    pub lot_number: String,
    /// The expiry date `YYYY-MM-DD` (AI 17).
    #[serde(rename = "cbvmda:itemExpirationDate")]
    pub item_expiration_date: String,
}

/// A destination of a shipment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Destination {
    /// `owning_party`.
    #[serde(rename = "type")]
    pub kind: String,
    /// The party's did:key.
    pub destination: String,
}

/// A read point or business location.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Location {
    /// Its URI.
    pub id: String,
}

/// What an event does, once its shape is checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// Create packs of one GTIN in one lot.
    Commission {
        /// The new packs.
        items: Vec<Item>,
        /// Their lot number.
        lot: String,
        /// Their expiry `YYYY-MM-DD`.
        expiry: String,
    },
    /// Put packs into a container.
    Pack {
        /// The container.
        parent: Sscc,
        /// The packs.
        children: Vec<Item>,
    },
    /// Take packs out of a container.
    Unpack {
        /// The container.
        parent: Sscc,
        /// The packs.
        children: Vec<Item>,
    },
    /// Send packs or containers to a party.
    Ship {
        /// What is shipped.
        epcs: Vec<Epc>,
        /// The receiving party's did:key.
        to: String,
    },
    /// Take delivery.
    Receive {
        /// What is received.
        epcs: Vec<Epc>,
    },
    /// Hand packs to patients (decommissioning).
    Dispense {
        /// The packs.
        items: Vec<Item>,
    },
    /// Destroy packs.
    Destroy {
        /// The packs.
        items: Vec<Item>,
    },
    /// Consume packs and create new ones of one GTIN in one lot.
    Repackage {
        /// Consumed packs.
        inputs: Vec<Item>,
        /// Created packs.
        outputs: Vec<Item>,
        /// The outputs' lot number.
        lot: String,
        /// The outputs' expiry.
        expiry: String,
    },
    /// Recall lots and/or packs.
    Recall {
        /// Lots recalled.
        lots: Vec<LotId>,
        /// Packs recalled.
        items: Vec<Item>,
    },
}

impl Step {
    /// The CBV business step, for events and records.
    pub fn biz_step(&self) -> &'static str {
        match self {
            Step::Commission { .. } => "commissioning",
            Step::Pack { .. } => "packing",
            Step::Unpack { .. } => "unpacking",
            Step::Ship { .. } => "shipping",
            Step::Receive { .. } => "receiving",
            Step::Dispense { .. } => "dispensing",
            Step::Destroy { .. } => "destroying",
            Step::Repackage { .. } => "repackaging",
            Step::Recall { .. } => "holding",
        }
    }
}

fn bad(why: String) -> Reject {
    Reject::BadBody(why)
}

fn parse_all<T>(
    field: &str,
    uris: &[String],
    parse: fn(&str) -> Option<T>,
) -> Result<Vec<T>, Reject>
where
    T: Ord,
{
    let parsed = uris
        .iter()
        .map(|u| {
            parse(u).ok_or_else(|| {
                bad(format!(
                    "{field}: not an accepted GS1 Digital Link URI: {u}"
                ))
            })
        })
        .collect::<Result<Vec<T>, Reject>>()?;
    check::list(field, &parsed, MAX_EPCS)?;
    Ok(parsed)
}

fn one_gtin(field: &str, items: &[Item]) -> Result<(), Reject> {
    match items.split_first() {
        Some((first, rest)) if rest.iter().all(|i| i.gtin == first.gtin) => Ok(()),
        _ => Err(bad(format!("{field}: all packs must be of one GTIN"))),
    }
}

fn lot_data(ilmd: &Option<Ilmd>) -> Result<(String, String), Reject> {
    let ilmd = ilmd
        .as_ref()
        .ok_or_else(|| bad("ilmd: lot number and expiry are required".into()))?;
    if !crate::ledger::epc::valid_attribute(&ilmd.lot_number) {
        return Err(bad(
            "ilmd: the lot number is not 1 to 20 GS1 characters".into()
        ));
    }
    check::date("ilmd.cbvmda:itemExpirationDate", &ilmd.item_expiration_date)?;
    Ok((ilmd.lot_number.clone(), ilmd.item_expiration_date.clone()))
}

fn valid_offset(s: &str) -> bool {
    let b = s.as_bytes();
    matches!(b, [b'+' | b'-', h1, h2, b':', m1, m2]
        if [h1, h2, m1, m2].iter().all(|c| c.is_ascii_digit()) && *h1 <= b'2' && *m1 <= b'5')
}

impl Event {
    /// Check the event's shape and say what it does. Lists that the shape does not use must be
    /// absent, so a signer cannot hide data the ledger would ignore.
    pub fn classify(&self) -> Result<Step, Reject> {
        check::time("eventTime", &self.event_time)?;
        if !valid_offset(&self.event_time_zone_offset) {
            return Err(bad("eventTimeZoneOffset: must be ±HH:MM".into()));
        }
        for loc in [&self.read_point, &self.biz_location].into_iter().flatten() {
            check::text("location id", &loc.id, 200)?;
        }
        if let Some(reason) = &self.reason {
            check::text("medproof:reason", reason, 500)?;
        }
        let total = self.epc_list.len()
            + self.child_epcs.len()
            + self.input_epc_list.len()
            + self.output_epc_list.len()
            + self.quantity_list.len();
        if total > MAX_EPCS {
            return Err(bad(format!("at most {MAX_EPCS} identifiers per event")));
        }
        let shape = (
            self.event_type.as_str(),
            self.action.as_deref(),
            self.biz_step.as_str(),
            self.disposition.as_str(),
        );
        // Which optional parts each shape uses: epcList, parent+children, inputs+outputs,
        // quantityList, ilmd, destinationList.
        let step = match shape {
            ("ObjectEvent", Some("ADD"), "commissioning", "active") => {
                self.only(true, false, false, false, true, false)?;
                let items = parse_all("epcList", &self.epc_list, Item::parse)?;
                one_gtin("epcList", &items)?;
                let (lot, expiry) = lot_data(&self.ilmd)?;
                Step::Commission { items, lot, expiry }
            }
            ("AggregationEvent", Some(action @ ("ADD" | "DELETE")), step, disp)
                if (action, step, disp) == ("ADD", "packing", "container_closed")
                    || (action, step, disp) == ("DELETE", "unpacking", "container_open") =>
            {
                self.only(false, true, false, false, false, false)?;
                let parent = self
                    .parent_id
                    .as_deref()
                    .and_then(Sscc::parse)
                    .ok_or_else(|| bad("parentID: must be an SSCC URI".into()))?;
                let children = parse_all("childEPCs", &self.child_epcs, Item::parse)?;
                if action == "ADD" {
                    Step::Pack { parent, children }
                } else {
                    Step::Unpack { parent, children }
                }
            }
            ("ObjectEvent", Some("OBSERVE"), "shipping", "in_transit") => {
                self.only(true, false, false, false, false, true)?;
                let epcs = parse_all("epcList", &self.epc_list, Epc::parse)?;
                let to = match self.destination_list.as_slice() {
                    [d] if d.kind == "owning_party" => d.destination.clone(),
                    _ => return Err(bad("destinationList: exactly one owning_party".into())),
                };
                check::did("destinationList.destination", &to)?;
                Step::Ship { epcs, to }
            }
            ("ObjectEvent", Some("OBSERVE"), "receiving", "in_progress") => {
                self.only(true, false, false, false, false, false)?;
                let epcs = parse_all("epcList", &self.epc_list, Epc::parse)?;
                Step::Receive { epcs }
            }
            ("ObjectEvent", Some("DELETE"), "dispensing", "dispensed") => {
                self.only(true, false, false, false, false, false)?;
                let items = parse_all("epcList", &self.epc_list, Item::parse)?;
                Step::Dispense { items }
            }
            ("ObjectEvent", Some("DELETE"), "destroying", "destroyed") => {
                self.only(true, false, false, false, false, false)?;
                let items = parse_all("epcList", &self.epc_list, Item::parse)?;
                Step::Destroy { items }
            }
            ("TransformationEvent", None, "repackaging", "active") => {
                self.only(false, false, true, false, true, false)?;
                let inputs = parse_all("inputEPCList", &self.input_epc_list, Item::parse)?;
                let outputs = parse_all("outputEPCList", &self.output_epc_list, Item::parse)?;
                one_gtin("outputEPCList", &outputs)?;
                let (lot, expiry) = lot_data(&self.ilmd)?;
                Step::Repackage {
                    inputs,
                    outputs,
                    lot,
                    expiry,
                }
            }
            ("ObjectEvent", Some("OBSERVE"), "holding", "recalled") => {
                let lots = self
                    .quantity_list
                    .iter()
                    .map(|q| {
                        LotId::parse(&q.epc_class).ok_or_else(|| {
                            bad(format!("quantityList: not a lot URI: {}", q.epc_class))
                        })
                    })
                    .collect::<Result<Vec<_>, _>>()?;
                let items = self
                    .epc_list
                    .iter()
                    .map(|u| {
                        Item::parse(u).ok_or_else(|| bad(format!("epcList: not a pack URI: {u}")))
                    })
                    .collect::<Result<Vec<_>, _>>()?;
                if lots.is_empty() && items.is_empty() {
                    return Err(bad(
                        "a recall names lots (quantityList) or packs (epcList)".into()
                    ));
                }
                if !lots.is_empty() {
                    check::list("quantityList", &lots, MAX_EPCS)?;
                }
                if !items.is_empty() {
                    check::list("epcList", &items, MAX_EPCS)?;
                }
                self.only(
                    !items.is_empty(),
                    false,
                    false,
                    !lots.is_empty(),
                    false,
                    false,
                )?;
                Step::Recall { lots, items }
            }
            (t, a, s, d) => {
                return Err(bad(format!(
                    "unsupported event: {t} {} {s} {d}",
                    a.unwrap_or("-")
                )))
            }
        };
        Ok(step)
    }

    /// Refuse the optional parts a shape does not use.
    fn only(
        &self,
        epcs: bool,
        aggregation: bool,
        transformation: bool,
        quantities: bool,
        ilmd: bool,
        destinations: bool,
    ) -> Result<(), Reject> {
        let present = [
            ("epcList", !self.epc_list.is_empty(), epcs),
            ("parentID", self.parent_id.is_some(), aggregation),
            ("childEPCs", !self.child_epcs.is_empty(), aggregation),
            (
                "inputEPCList",
                !self.input_epc_list.is_empty(),
                transformation,
            ),
            (
                "outputEPCList",
                !self.output_epc_list.is_empty(),
                transformation,
            ),
            ("quantityList", !self.quantity_list.is_empty(), quantities),
            ("ilmd", self.ilmd.is_some(), ilmd),
            (
                "destinationList",
                !self.destination_list.is_empty(),
                destinations,
            ),
        ];
        match present
            .iter()
            .find(|(_, there, allowed)| *there && !allowed)
        {
            Some((name, _, _)) => Err(bad(format!("{name} does not belong in this event"))),
            None => Ok(()),
        }
    }
}

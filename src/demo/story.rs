//! The demo's story: actors, the fixed script of transactions over 10,000 heights, and the
//! references each scenario's bundle needs (which transactions, at which heights).

use std::collections::BTreeMap;

use serde_json::{json, Value};

use crate::crypto::chunk_root::chunk_root;
use crate::crypto::did_key::to_did;
use crate::crypto::ed25519::SigningKey;
use crate::crypto::encoding::{to_base64, to_hex};
use crate::crypto::jcs::canonicalize;
use crate::crypto::sha256;
use crate::ledger::genesis::AppState;
use crate::ledger::tx::{make_body, sign, Common, TxType};
use crate::light::Time;
use crate::verify::date::Instant;
use crate::verify::status_list::StatusList;

use super::chain::{demo_key, ChainError, DemoChain, SetChange};

/// The demo's fixed seed.
pub const SEED: &str = "medproof-demo-seed-1";
/// The demo chain's id.
pub const CHAIN_ID: &str = "medproof-demo-1";
/// Genesis time.
pub const GENESIS_TIME: &str = "2025-03-01T00:00:00Z";
/// The last height.
pub const LAST_HEIGHT: i64 = 10_000;
/// The checkpoint height in `trust.json`.
pub const CHECKPOINT: i64 = 10;
/// The fixed judging time of every scenario.
pub const NOW: &str = "2025-03-08T00:00:00Z";
/// The GTIN of the accredited manufacturer's product.
pub const GTIN: &str = "09506000134352";
/// The GTIN the never-accredited manufacturer claims.
pub const GTIN_FAKE: &str = "09520123456788";
/// The staff status list's id.
pub const LIST_ID: &str = "staff-2025";
/// The demo record's id.
pub const RECORD_ID: &str = "lab-2025-001";
/// The contract's id.
pub const CONTRACT_ID: &str = "C-2025-001";
/// Heights at which the hidden events (recall, revocation, consent withdrawal, second
/// dispensing) happen; stale proofs are taken at [`BEFORE_EVENTS`].
pub const EVENTS_HEIGHT: i64 = 8_000;
/// A height before the hidden events, more than a day before [`NOW`].
pub const BEFORE_EVENTS: i64 = 7_000;

/// The demo record (matching its anchor).
pub const RECORD_TEXT: &str = "Medproof demo laboratory report lab-2025-001\nPatient: demo patient 1\nCollected: 2025-03-01\nHaemoglobin: 13.9 g/dL (reference 12.0-15.5)\nLeukocytes: 6.1 10^9/L (reference 4.0-10.0)\nPlatelets: 254 10^9/L (reference 150-400)\nValidated by: demo laboratory\n";
/// The same report with one value altered (does not match the anchor).
pub const RECORD_ALTERED_TEXT: &str = "Medproof demo laboratory report lab-2025-001\nPatient: demo patient 1\nCollected: 2025-03-01\nHaemoglobin: 15.9 g/dL (reference 12.0-15.5)\nLeukocytes: 6.1 10^9/L (reference 4.0-10.0)\nPlatelets: 254 10^9/L (reference 150-400)\nValidated by: demo laboratory\n";

/// The demo's actors.
pub struct Cast {
    /// The regulator (genesis `app_state`).
    pub regulator: SigningKey,
    /// An accredited manufacturer.
    pub maker: SigningKey,
    /// A manufacturer never accredited.
    pub maker_unaccredited: SigningKey,
    /// A repackager.
    pub repackager: SigningKey,
    /// A wholesaler.
    pub wholesaler: SigningKey,
    /// A pharmacy (dispenser).
    pub pharmacy: SigningKey,
    /// A hospital.
    pub hospital: SigningKey,
    /// A credential issuer in good standing.
    pub issuer: SigningKey,
    /// A credential issuer whose accreditation is revoked at height 3000.
    pub issuer_revoked: SigningKey,
    /// A credential issuer never accredited.
    pub issuer_unaccredited: SigningKey,
    /// An insurer.
    pub insurer: SigningKey,
    /// A record provider (laboratory).
    pub provider: SigningKey,
    /// Patients 1 to 3.
    pub patients: [SigningKey; 3],
    /// A doctor (consent grantee, record viewer).
    pub doctor: SigningKey,
    /// A researcher (consent granted, then withdrawn).
    pub researcher: SigningKey,
    /// A nurse (credential holder).
    pub nurse: SigningKey,
}

impl Cast {
    fn new() -> Cast {
        let k = |l: &str| demo_key(SEED, l);
        Cast {
            regulator: k("regulator"),
            maker: k("manufacturer"),
            maker_unaccredited: k("manufacturer-unaccredited"),
            repackager: k("repackager"),
            wholesaler: k("wholesaler"),
            pharmacy: k("pharmacy"),
            hospital: k("hospital"),
            issuer: k("issuer"),
            issuer_revoked: k("issuer-revoked"),
            issuer_unaccredited: k("issuer-unaccredited"),
            insurer: k("insurer"),
            provider: k("record-provider"),
            patients: [k("patient-1"), k("patient-2"), k("patient-3")],
            doctor: k("doctor"),
            researcher: k("researcher"),
            nurse: k("nurse"),
        }
    }
}

/// The did:key of a key.
pub fn did(k: &SigningKey) -> String {
    to_did(&k.public_key())
}

/// A pack's GS1 Digital Link URI.
pub fn pack_uri(gtin: &str, serial: &str) -> String {
    format!("https://id.gs1.org/01/{gtin}/21/{serial}")
}

fn lot_uri(gtin: &str, lot: &str) -> String {
    format!("https://id.gs1.org/01/{gtin}/10/{lot}")
}

/// Where a transaction is: height, index, hash (lower-case hex).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TxRef {
    /// Block height.
    pub height: i64,
    /// Index in the block.
    pub index: usize,
    /// SHA-256 of the bytes, lower-case hex.
    pub hash: String,
}

/// The produced chain and what the scenarios refer to.
pub struct Story {
    /// The chain.
    pub chain: DemoChain,
    /// The actors.
    pub cast: Cast,
    /// Named transactions (`"ship.hospital.1"`, ...).
    pub txs: BTreeMap<String, TxRef>,
    /// Signed credentials by name (`"valid"`, `"revoked"`, ...).
    pub credentials: BTreeMap<String, Value>,
    /// The status list credential's bytes by version (1, 2).
    pub status_lists: BTreeMap<u64, Vec<u8>>,
    /// Custody timeline per serial.
    pub timeline: BTreeMap<String, Vec<String>>,
    sequences: BTreeMap<String, u64>,
}

fn time(s: &str) -> Result<Time, ChainError> {
    Time::parse_rfc3339(s).map_err(|e| ChainError(e.to_string()))
}

fn event(ty: &str, action: Option<&str>, step: &str, disp: &str, at: Time) -> Value {
    let mut e = json!({
        "type": ty, "eventTime": at.to_rfc3339(), "eventTimeZoneOffset": "+00:00",
        "bizStep": step, "disposition": disp,
    });
    if let Some(a) = action {
        e["action"] = json!(a);
    }
    e
}

impl Story {
    fn tx(&mut self, k: &SigningKey, ty: TxType, fields: Value) -> Result<Vec<u8>, ChainError> {
        let signer = did(k);
        let seq = self.sequences.get(&signer).copied().unwrap_or(0) + 1;
        self.sequences.insert(signer, seq);
        let common = Common {
            chain_id: CHAIN_ID.into(),
            sequence: seq,
        };
        let body = make_body(&common, &fields).map_err(|e| ChainError(e.to_string()))?;
        sign(k, ty, body)
            .and_then(|e| e.to_bytes())
            .map_err(|e| ChainError(e.to_string()))
    }

    /// Produce a block of named transactions at `height` (empty blocks before it); every one
    /// must apply except those named with a leading `!` (expected rejects).
    fn block(&mut self, height: i64, txs: Vec<(&str, Vec<u8>)>) -> Result<(), ChainError> {
        self.chain.advance_to(height - 1)?;
        let bytes: Vec<Vec<u8>> = txs.iter().map(|(_, t)| t.clone()).collect();
        let results = self.chain.produce(bytes)?;
        for (index, ((name, tx), r)) in txs.iter().zip(results.iter()).enumerate() {
            let expect_reject = name.starts_with('!');
            if r.is_ok() == expect_reject {
                return Err(ChainError(format!(
                    "tx {name} at {height}: expected {}, got {:?}",
                    if expect_reject { "a reject" } else { "success" },
                    r.log
                )));
            }
            self.txs.insert(
                name.trim_start_matches('!').to_string(),
                TxRef {
                    height,
                    index,
                    hash: to_hex(&sha256(tx)),
                },
            );
        }
        Ok(())
    }

    fn epcis(&mut self, k: &SigningKey, e: Value) -> Result<Vec<u8>, ChainError> {
        self.tx(k, TxType::EpcisEvent, json!({ "event": e }))
    }

    fn follow(&mut self, serials: &[&str], name: &str) {
        for s in serials {
            self.timeline
                .entry(s.to_string())
                .or_default()
                .push(name.to_string());
        }
    }

    fn t(&self, h: i64) -> Time {
        self.chain.time_at(h)
    }
}

fn accreditation(k: &SigningKey, name: &str, roles: &[&str], id: &str) -> Value {
    json!({"actor": did(k), "legalName": name, "roles": roles, "jurisdiction": "DE",
           "licenceId": id, "validFrom": "2025-01-01T00:00:00Z", "validUntil": "2027-01-01T00:00:00Z"})
}

fn instant(t: Time) -> Result<Instant, ChainError> {
    Instant::from_unix(t.unix_seconds(), 0).ok_or_else(|| ChainError("bad instant".into()))
}

/// The status list credential's URL (its last path segment is the ledger's `listId`).
pub fn status_list_url(issuer: &SigningKey) -> String {
    format!(
        "https://status.demo.medproof.invalid/{}/{LIST_ID}",
        &did(issuer)[8..20]
    )
}

/// The issuer's signed Bitstring Status List credential (131,072 entries, [`LIST_ID`] at
/// [`status_list_url`]) with the `revoked` indices set, valid from `at`, as canonical bytes.
pub fn status_list_credential(
    issuer: &SigningKey,
    revoked: &[u64],
    at: Time,
) -> Result<Vec<u8>, ChainError> {
    let bad = |e: &dyn core::fmt::Display| ChainError(e.to_string());
    let mut list = StatusList::new(131_072).map_err(|e| bad(&e))?;
    for &i in revoked {
        list.set(i, 1, 1).map_err(|e| bad(&e))?;
    }
    let url = status_list_url(issuer);
    let doc = json!({
        "@context": ["https://www.w3.org/ns/credentials/v2"],
        "id": url,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": did(issuer),
        "validFrom": at.to_rfc3339(),
        "credentialSubject": {"id": format!("{url}#list"), "type": "BitstringStatusList",
                              "statusPurpose": "revocation", "encodedList": list.encode()},
    });
    let (signed, _) =
        crate::verify::credential::sign(&doc, issuer, instant(at)?, None).map_err(|e| bad(&e))?;
    canonicalize(&signed).map_err(|e| bad(&e))
}

/// A nursing licence `issuer` signs for `holder` (`urn:uuid:{id}`), valid from `from` until
/// `until`, with a revocation entry at `status_index` of the issuer's list when given.
pub fn staff_credential(
    issuer: &SigningKey,
    holder: &SigningKey,
    id: &str,
    from: &str,
    until: &str,
    status_index: Option<u64>,
) -> Result<Value, ChainError> {
    let mut doc = json!({
        "@context": ["https://www.w3.org/ns/credentials/v2"],
        "id": format!("urn:uuid:{id}"),
        "type": ["VerifiableCredential", "NursingLicenceCredential"],
        "issuer": did(issuer),
        "validFrom": from,
        "validUntil": until,
        "credentialSubject": {"id": did(holder), "name": "Demo Nurse",
                              "licence": "Registered nurse", "employer": "Demo Hospital"},
    });
    if let Some(i) = status_index {
        let url = status_list_url(issuer);
        doc["credentialStatus"] = json!({"id": format!("{url}#{i}"), "type": "BitstringStatusListEntry",
            "statusPurpose": "revocation", "statusListIndex": i.to_string(), "statusListCredential": url});
    }
    let (signed, _) = crate::verify::credential::sign(&doc, issuer, instant(time(from)?)?, None)
        .map_err(|e| ChainError(e.to_string()))?;
    Ok(signed)
}

/// The status index of the revoked credential.
pub const REVOKED_INDEX: u64 = 42;

/// Produce the whole demo chain.
pub fn produce() -> Result<Story, ChainError> {
    let cast = Cast::new();
    let validator_keys: Vec<SigningKey> = (0..6)
        .map(|i| demo_key(SEED, &format!("validator-{i}")))
        .collect();
    let schedule = vec![
        SetChange {
            height: 1,
            members: vec![(0, 10), (1, 10), (2, 10), (3, 10)],
        },
        // Validator 3 leaves, validator 4 joins.
        SetChange {
            height: 4_000,
            members: vec![(0, 10), (1, 10), (2, 10), (4, 10)],
        },
        // Validator 5 joins; validator 0's power doubles.
        SetChange {
            height: 7_000,
            members: vec![(0, 20), (1, 10), (2, 10), (4, 10), (5, 10)],
        },
    ];
    let chain = DemoChain::new(
        CHAIN_ID,
        time(GENESIS_TIME)?,
        &AppState {
            regulator: did(&cast.regulator),
        },
        validator_keys,
        schedule,
    )?;
    let mut s = Story {
        chain,
        cast,
        txs: BTreeMap::new(),
        credentials: BTreeMap::new(),
        status_lists: BTreeMap::new(),
        timeline: BTreeMap::new(),
        sequences: BTreeMap::new(),
    };
    let c = Cast::new();

    // Height 1: the regulator accredits everyone but the two never-accredited actors.
    let accredit: Vec<(&str, &SigningKey, &str, &[&str])> = vec![
        (
            "accredit.maker",
            &c.maker,
            "Demo Pharma AG",
            &["manufacturer"],
        ),
        (
            "accredit.repackager",
            &c.repackager,
            "Demo Repack GmbH",
            &["repackager"],
        ),
        (
            "accredit.wholesaler",
            &c.wholesaler,
            "Demo Wholesale GmbH",
            &["wholesaler"],
        ),
        (
            "accredit.pharmacy",
            &c.pharmacy,
            "Demo Pharmacy",
            &["dispenser"],
        ),
        (
            "accredit.hospital",
            &c.hospital,
            "Demo Hospital",
            &["hospital"],
        ),
        (
            "accredit.issuer",
            &c.issuer,
            "Demo Nursing Council",
            &["credential_issuer"],
        ),
        (
            "accredit.issuer_revoked",
            &c.issuer_revoked,
            "Lapsed Training Institute",
            &["credential_issuer"],
        ),
        (
            "accredit.insurer",
            &c.insurer,
            "Demo Health Insurance",
            &["insurer"],
        ),
        (
            "accredit.provider",
            &c.provider,
            "Demo Laboratory",
            &["record_provider"],
        ),
    ];
    let mut txs = Vec::new();
    for (i, (name, k, legal, roles)) in accredit.into_iter().enumerate() {
        let body = accreditation(k, legal, roles, &format!("DE-LIC-{:04}", i + 1));
        txs.push((name, s.tx(&c.regulator, TxType::RegistryAccredit, body)?));
    }
    s.block(1, txs)?;

    // Height 20: commissioning (and a never-accredited manufacturer's attempt, rejected).
    let at = s.t(20);
    let commission = |serials: &[&str], gtin: &str, lot: &str, expiry: &str| {
        let mut e = event("ObjectEvent", Some("ADD"), "commissioning", "active", at);
        e["epcList"] = json!(serials
            .iter()
            .map(|x| pack_uri(gtin, x))
            .collect::<Vec<_>>());
        e["ilmd"] = json!({"cbvmda:lotNumber": lot, "cbvmda:itemExpirationDate": expiry});
        e
    };
    let good = [
        "GEN001", "CLN001", "RPK001", "CB001", "CB002", "CB003", "CB004",
    ];
    let t1 = s.epcis(&c.maker, commission(&good, GTIN, "L-GEN", "2027-12-31"))?;
    let t2 = s.epcis(
        &c.maker,
        commission(&["RCL001"], GTIN, "L-RCL", "2027-06-30"),
    )?;
    let t3 = s.epcis(
        &c.maker,
        commission(&["EXP001"], GTIN, "L-EXP", "2025-03-05"),
    )?;
    s.block(
        20,
        vec![
            ("commission.gen", t1),
            ("commission.rcl", t2),
            ("commission.exp", t3),
        ],
    )?;
    s.follow(&good, "commission.gen");
    s.follow(&["RCL001"], "commission.rcl");
    s.follow(&["EXP001"], "commission.exp");
    let fake = s.epcis(
        &c.maker_unaccredited,
        commission(&["FAKE001"], GTIN_FAKE, "X1", "2027-12-31"),
    )?;
    s.block(21, vec![("!commission.fake", fake)])?;
    s.follow(&["FAKE001"], "commission.fake");

    // Height 25-26: the chargeback contract (seller: manufacturer, buyer: hospital).
    let terms = json!({"seller": did(&c.maker), "buyer": did(&c.hospital), "currency": "EUR",
        "products": [{"gtin": GTIN, "unitPriceMinor": 1250, "chargebackEligible": true, "chargebackMinor": 300}],
        "validFrom": "2025-01-01T00:00:00Z", "validUntil": "2026-01-01T00:00:00Z"});
    let terms_hash = to_hex(&sha256(
        &canonicalize(&terms).map_err(|e| ChainError(e.to_string()))?,
    ));
    let p = s.tx(
        &c.maker,
        TxType::ContractPropose,
        json!({"contractId": CONTRACT_ID, "terms": terms}),
    )?;
    s.block(25, vec![("contract.propose", p)])?;
    let a = s.tx(
        &c.hospital,
        TxType::ContractAccept,
        json!({"contractId": CONTRACT_ID, "termsHash": terms_hash}),
    )?;
    s.block(26, vec![("contract.accept", a)])?;

    // Heights 30-41: shipping and receiving.
    let ship = |serials: &[&str], to: &SigningKey, at: Time| {
        let mut e = event("ObjectEvent", Some("OBSERVE"), "shipping", "in_transit", at);
        e["epcList"] = json!(serials
            .iter()
            .map(|x| pack_uri(GTIN, x))
            .collect::<Vec<_>>());
        e["destinationList"] = json!([{"type": "owning_party", "destination": did(to)}]);
        e
    };
    let receive = |serials: &[&str], at: Time| {
        let mut e = event(
            "ObjectEvent",
            Some("OBSERVE"),
            "receiving",
            "in_progress",
            at,
        );
        e["epcList"] = json!(serials
            .iter()
            .map(|x| pack_uri(GTIN, x))
            .collect::<Vec<_>>());
        e
    };
    let all = [
        "GEN001", "CLN001", "RCL001", "EXP001", "RPK001", "CB001", "CB002", "CB003", "CB004",
    ];
    let t = s.epcis(&c.maker, ship(&all, &c.wholesaler, s.t(30)))?;
    s.block(30, vec![("ship.wholesaler", t)])?;
    s.follow(&all, "ship.wholesaler");
    let t = s.epcis(&c.wholesaler, receive(&all, s.t(31)))?;
    s.block(31, vec![("receive.wholesaler", t)])?;
    s.follow(&all, "receive.wholesaler");
    let to_pharmacy = ["GEN001", "CLN001", "RCL001", "EXP001"];
    let t1 = s.epcis(&c.wholesaler, ship(&to_pharmacy, &c.pharmacy, s.t(40)))?;
    let t2 = s.epcis(&c.wholesaler, ship(&["RPK001"], &c.repackager, s.t(40)))?;
    let t3 = s.epcis(
        &c.wholesaler,
        ship(&["CB001", "CB002"], &c.hospital, s.t(40)),
    )?;
    let t4 = s.epcis(&c.wholesaler, ship(&["CB003"], &c.hospital, s.t(40)))?;
    let t5 = s.epcis(&c.wholesaler, ship(&["CB004"], &c.pharmacy, s.t(40)))?;
    s.block(
        40,
        vec![
            ("ship.pharmacy", t1),
            ("ship.repackager", t2),
            ("ship.hospital.1", t3),
            ("ship.hospital.2", t4),
            ("ship.pharmacy.cb", t5),
        ],
    )?;
    s.follow(&to_pharmacy, "ship.pharmacy");
    s.follow(&["RPK001"], "ship.repackager");
    let t1 = s.epcis(&c.pharmacy, receive(&to_pharmacy, s.t(41)))?;
    let t2 = s.epcis(&c.repackager, receive(&["RPK001"], s.t(41)))?;
    s.block(
        41,
        vec![("receive.pharmacy", t1), ("receive.repackager", t2)],
    )?;
    s.follow(&to_pharmacy, "receive.pharmacy");
    s.follow(&["RPK001"], "receive.repackager");
    let t1 = s.epcis(&c.hospital, receive(&["CB001", "CB002", "CB003"], s.t(42)))?;
    let t2 = s.epcis(&c.pharmacy, receive(&["CB004"], s.t(42)))?;
    s.block(
        42,
        vec![("receive.hospital", t1), ("receive.pharmacy.cb", t2)],
    )?;

    // Height 45: a chargeback already claimed (the duplicate scenario's).
    let shipment2 = s.txs["ship.hospital.2"].hash.clone();
    let cb = s.tx(&c.wholesaler, TxType::ContractChargeback, json!({"claimId": "CB-0001",
        "contractId": CONTRACT_ID, "shipment": shipment2, "lines": [{"gtin": GTIN, "quantity": 1}]}))?;
    s.block(45, vec![("chargeback.claimed", cb)])?;

    // Height 50: repackaging RPK001 into RPKN001.
    let mut e = event(
        "TransformationEvent",
        None,
        "repackaging",
        "active",
        s.t(50),
    );
    e["inputEPCList"] = json!([pack_uri(GTIN, "RPK001")]);
    e["outputEPCList"] = json!([pack_uri(GTIN, "RPKN001")]);
    e["ilmd"] = json!({"cbvmda:lotNumber": "R-L1", "cbvmda:itemExpirationDate": "2027-06-30"});
    let t = s.epcis(&c.repackager, e)?;
    s.block(50, vec![("repackage", t)])?;
    s.follow(&["RPK001", "RPKN001"], "repackage");

    // Height 60: the first dispensing of CLN001.
    let dispense = |serials: &[&str], at: Time| {
        let mut e = event("ObjectEvent", Some("DELETE"), "dispensing", "dispensed", at);
        e["epcList"] = json!(serials
            .iter()
            .map(|x| pack_uri(GTIN, x))
            .collect::<Vec<_>>());
        e
    };
    let t = s.epcis(&c.pharmacy, dispense(&["CLN001"], s.t(60)))?;
    s.block(60, vec![("dispense.cln.1", t)])?;
    s.follow(&["CLN001"], "dispense.cln.1");

    // Height 70: the laboratory anchors the record (its SHA-256 and its chunk root, so the app's
    // parallel chunked hashing has an anchor to match); 80: consents.
    let record = RECORD_TEXT.as_bytes();
    let t = s.tx(
        &c.provider,
        TxType::RecordAnchor,
        json!({"patient": did(&c.patients[0]), "recordId": RECORD_ID,
        "category": "lab_result", "sha256": to_hex(&sha256(record)), "size": record.len(),
        "chunkRoot": to_hex(&chunk_root(record))}),
    )?;
    s.block(70, vec![("record.anchor", t)])?;
    let grant = |patient: &SigningKey, grantee: &SigningKey, purpose: &str, expires: &str| {
        json!({"patient": did(patient), "grantee": did(grantee),
               "scope": {"categories": ["lab_result"]}, "purpose": purpose, "expires": expires})
    };
    let t1 = s.tx(
        &c.patients[0],
        TxType::ConsentGrant,
        grant(
            &c.patients[0],
            &c.doctor,
            "treatment",
            "2026-03-01T00:00:00Z",
        ),
    )?;
    let t2 = s.tx(
        &c.patients[0],
        TxType::ConsentGrant,
        grant(
            &c.patients[0],
            &c.researcher,
            "research",
            "2026-03-01T00:00:00Z",
        ),
    )?;
    let t3 = s.tx(
        &c.patients[1],
        TxType::ConsentGrant,
        grant(
            &c.patients[1],
            &c.doctor,
            "treatment",
            "2025-03-06T00:00:00Z",
        ),
    )?;
    s.block(
        80,
        vec![
            ("consent.grant.doctor", t1),
            ("consent.grant.researcher", t2),
            ("consent.grant.expiring", t3),
        ],
    )?;

    // Height 90: the staff status list, version 1 (nothing revoked).
    let v1 = status_list_credential(&c.issuer, &[], s.t(90))?;
    let t = s.tx(&c.issuer, TxType::StatusPublish, json!({"listId": LIST_ID, "version": 1,
        "sha256": to_hex(&sha256(&v1)), "credential": to_base64(&v1), "url": status_list_url(&c.issuer)}))?;
    s.block(90, vec![("status.v1", t)])?;
    s.status_lists.insert(1, v1);

    // Height 3000: the regulator revokes the lapsed institute's accreditation.
    let t = s.tx(
        &c.regulator,
        TxType::RegistryRevoke,
        json!({"actor": did(&c.issuer_revoked), "reason": "licence withdrawn"}),
    )?;
    s.block(3_000, vec![("revoke.issuer", t)])?;

    // Height 8000: the events an omitting server would hide.
    let mut recall = event(
        "ObjectEvent",
        Some("OBSERVE"),
        "holding",
        "recalled",
        s.t(EVENTS_HEIGHT),
    );
    recall["quantityList"] = json!([{"epcClass": lot_uri(GTIN, "L-RCL")}]);
    recall["medproof:reason"] = json!("contamination");
    let t1 = s.epcis(&c.maker, recall)?;
    let v2 = status_list_credential(&c.issuer, &[REVOKED_INDEX], s.t(EVENTS_HEIGHT))?;
    let t2 = s.tx(&c.issuer, TxType::StatusPublish, json!({"listId": LIST_ID, "version": 2,
        "sha256": to_hex(&sha256(&v2)), "credential": to_base64(&v2), "url": status_list_url(&c.issuer)}))?;
    let t3 = s.tx(
        &c.patients[0],
        TxType::ConsentRevoke,
        json!({"patient": did(&c.patients[0]), "grantee": did(&c.researcher)}),
    )?;
    let t4 = s.epcis(&c.pharmacy, dispense(&["CLN001"], s.t(EVENTS_HEIGHT)))?;
    s.block(
        EVENTS_HEIGHT,
        vec![
            ("recall.lot", t1),
            ("status.v2", t2),
            ("consent.revoke.researcher", t3),
            ("dispense.cln.2", t4),
        ],
    )?;
    s.status_lists.insert(2, v2);
    s.follow(&["RCL001"], "recall.lot");
    s.follow(&["CLN001"], "dispense.cln.2");

    // Height 9500: the genuine pack is dispensed.
    let t = s.epcis(&c.pharmacy, dispense(&["GEN001"], s.t(9_500)))?;
    s.block(9_500, vec![("dispense.gen", t)])?;
    s.follow(&["GEN001"], "dispense.gen");
    s.chain.advance_to(LAST_HEIGHT)?;

    // Credentials (off chain, signed by their issuers).
    let creds = [
        (
            "valid",
            &c.issuer,
            "2025-03-02T09:00:00Z",
            "2026-03-02T00:00:00Z",
            Some(7),
        ),
        (
            "revoked",
            &c.issuer,
            "2025-03-02T09:00:00Z",
            "2026-03-02T00:00:00Z",
            Some(REVOKED_INDEX),
        ),
        (
            "expired",
            &c.issuer,
            "2025-02-01T09:00:00Z",
            "2025-03-05T00:00:00Z",
            Some(9),
        ),
        (
            "issuer-unaccredited",
            &c.issuer_unaccredited,
            "2025-03-02T09:00:00Z",
            "2026-03-02T00:00:00Z",
            None,
        ),
        (
            "issuer-revoked",
            &c.issuer_revoked,
            "2025-03-05T09:00:00Z",
            "2026-03-05T00:00:00Z",
            None,
        ),
    ];
    for (i, (name, issuer, from, until, index)) in creds.into_iter().enumerate() {
        let vc = staff_credential(
            issuer,
            &c.nurse,
            &format!("6f1c2d3e-0000-4000-8000-00000000000{i}"),
            from,
            until,
            index,
        )?;
        s.credentials.insert(name.to_string(), vc);
    }
    Ok(s)
}

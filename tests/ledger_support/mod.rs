//! Shared by the ledger tests: a chain driven block by block through `LedgerApp`, deterministic
//! keys, and builders for transaction bodies.
#![allow(dead_code)]

use medproof::crypto::did_key::to_did;
use medproof::crypto::ed25519::SigningKey;
use medproof::ledger::app::{LedgerApp, TxResult};
use medproof::ledger::genesis::AppState;
use medproof::ledger::state::keys;
use medproof::ledger::time::parse_rfc3339;
use medproof::ledger::tx::{make_body, sign, Common, TxType};
use serde_json::{json, Value};

pub const CHAIN: &str = "medproof-test-1";
pub const GTIN: &str = "09506000134352";
pub const GTIN2: &str = "09520123456788";
pub const SSCC: &str = "106141411234567897";

/// A deterministic key: seed `[n; 32]`.
pub fn key(n: u8) -> SigningKey {
    SigningKey::from_seed(&[n; 32])
}

pub fn did(k: &SigningKey) -> String {
    to_did(&k.public_key())
}

pub fn t(s: &str) -> i64 {
    parse_rfc3339(s).expect("test time")
}

pub fn item(gtin: &str, serial: &str) -> String {
    format!("https://id.gs1.org/01/{gtin}/21/{serial}")
}

pub fn sscc_uri(sscc: &str) -> String {
    format!("https://id.gs1.org/00/{sscc}")
}

pub fn lot_uri(gtin: &str, lot: &str) -> String {
    format!("https://id.gs1.org/01/{gtin}/10/{lot}")
}

/// The actors of the tests.
pub struct Cast {
    pub regulator: SigningKey,
    pub maker: SigningKey,
    pub maker2: SigningKey,
    pub wholesaler: SigningKey,
    pub pharmacy: SigningKey,
    pub hospital: SigningKey,
    pub repackager: SigningKey,
    pub issuer: SigningKey,
    pub provider: SigningKey,
    pub patient: SigningKey,
    pub doctor: SigningKey,
    pub stranger: SigningKey,
}

impl Cast {
    pub fn new() -> Self {
        Cast {
            regulator: key(1),
            maker: key(2),
            maker2: key(3),
            wholesaler: key(4),
            pharmacy: key(5),
            hospital: key(6),
            repackager: key(7),
            issuer: key(8),
            provider: key(9),
            patient: key(10),
            doctor: key(11),
            stranger: key(12),
        }
    }
}

/// A chain: one block per `submit` (unless batched), the time advancing an hour a block.
pub struct Chain {
    pub app: LedgerApp,
    pub cast: Cast,
    pub time: i64,
    pub genesis_hash: [u8; 32],
}

impl Chain {
    /// Genesis only.
    pub fn bare() -> Chain {
        let cast = Cast::new();
        let time = t("2025-01-01T00:00:00Z");
        let app_state = AppState {
            regulator: did(&cast.regulator),
        };
        let (app, genesis_hash) = LedgerApp::init_chain(CHAIN, &app_state, time).unwrap();
        Chain {
            app,
            cast,
            time,
            genesis_hash,
        }
    }

    /// Genesis and every actor accredited for its role, valid 2025 to 2030.
    pub fn new() -> Chain {
        let mut c = Chain::bare();
        let roles: Vec<(SigningKey, &[&str])> = vec![
            (c.cast.maker.clone(), &["manufacturer"]),
            (c.cast.maker2.clone(), &["manufacturer"]),
            (c.cast.wholesaler.clone(), &["wholesaler"]),
            (c.cast.pharmacy.clone(), &["dispenser"]),
            (c.cast.hospital.clone(), &["hospital"]),
            (c.cast.repackager.clone(), &["repackager"]),
            (c.cast.issuer.clone(), &["credential_issuer"]),
            (c.cast.provider.clone(), &["record_provider"]),
        ];
        for (k, r) in roles {
            let body = c.accreditation(&k, r, "2025-01-01T00:00:00Z", "2030-01-01T00:00:00Z");
            c.ok(&c.cast.regulator.clone(), TxType::RegistryAccredit, body);
        }
        c
    }

    pub fn accreditation(&self, k: &SigningKey, roles: &[&str], from: &str, until: &str) -> Value {
        json!({
            "actor": did(k),
            "legalName": format!("Actor {}", &did(k)[8..16]),
            "roles": roles,
            "jurisdiction": "DE",
            "licenceId": format!("LIC-{}", &did(k)[12..18]),
            "validFrom": from,
            "validUntil": until,
        })
    }

    /// The signer's next sequence, read from the committed state.
    pub fn next_sequence(&self, k: &SigningKey) -> u64 {
        let q = self.app.query(&keys::account(&did(k)), None).unwrap();
        q.value.map_or(1, |v| {
            let a: Value = serde_json::from_slice(&v).unwrap();
            a["sequence"].as_u64().unwrap() + 1
        })
    }

    /// A signed transaction with the signer's next sequence on this chain.
    pub fn tx(&self, k: &SigningKey, ty: TxType, fields: Value) -> Vec<u8> {
        self.tx_seq(k, ty, fields, self.next_sequence(k))
    }

    pub fn tx_seq(&self, k: &SigningKey, ty: TxType, fields: Value, sequence: u64) -> Vec<u8> {
        let common = Common {
            chain_id: CHAIN.into(),
            sequence,
        };
        let body = make_body(&common, &fields).unwrap();
        sign(k, ty, body).unwrap().to_bytes().unwrap()
    }

    /// One block holding `txs`.
    pub fn block(&mut self, txs: &[Vec<u8>]) -> Vec<TxResult> {
        self.time += 3600;
        let h = self.app.height() + 1;
        self.app.begin_block(h, self.time).unwrap();
        let results = txs.iter().map(|tx| self.app.deliver_tx(tx)).collect();
        self.app.commit().unwrap();
        results
    }

    pub fn submit(&mut self, tx: Vec<u8>) -> TxResult {
        self.block(&[tx]).remove(0)
    }

    pub fn ok(&mut self, k: &SigningKey, ty: TxType, fields: Value) -> TxResult {
        let tx = self.tx(k, ty, fields.clone());
        let r = self.submit(tx);
        assert!(r.is_ok(), "{} {fields} was rejected: {}", ty.name(), r.log);
        r
    }

    /// Submit and expect a reject; returns its code. Also checks that the rejected transaction
    /// changed nothing but the block's own `meta/block`.
    pub fn reject(&mut self, k: &SigningKey, ty: TxType, fields: Value) -> String {
        let tx = self.tx(k, ty, fields);
        self.reject_bytes(tx)
    }

    pub fn reject_bytes(&mut self, tx: Vec<u8>) -> String {
        let r = self.submit(tx);
        assert!(!r.is_ok(), "expected a reject");
        assert!(r.events.is_empty());
        r.reject_code().unwrap().to_string()
    }

    /// The committed JSON value under `key`.
    pub fn value(&self, key: &str) -> Option<Value> {
        let q = self.app.query(key, None).unwrap();
        q.value.map(|v| serde_json::from_slice(&v).unwrap())
    }

    pub fn serial(&self, gtin: &str, serial: &str) -> Value {
        self.value(&keys::serial(gtin, serial))
            .expect("serial exists")
    }

    pub fn epcis(&mut self, k: &SigningKey, event: Value) -> TxResult {
        self.ok(&k.clone(), TxType::EpcisEvent, json!({ "event": event }))
    }

    pub fn epcis_reject(&mut self, k: &SigningKey, event: Value) -> String {
        self.reject(&k.clone(), TxType::EpcisEvent, json!({ "event": event }))
    }
}

/// EPCIS event builders.
pub fn base(ty: &str, action: Option<&str>, step: &str, disp: &str) -> Value {
    let mut e = json!({
        "type": ty,
        "eventTime": "2025-01-01T10:00:00+01:00",
        "eventTimeZoneOffset": "+01:00",
        "bizStep": step,
        "disposition": disp,
    });
    if let Some(a) = action {
        e["action"] = json!(a);
    }
    e
}

pub fn commission(gtin: &str, serials: &[&str], lot: &str, expiry: &str) -> Value {
    let mut e = base("ObjectEvent", Some("ADD"), "commissioning", "active");
    e["epcList"] = json!(serials.iter().map(|s| item(gtin, s)).collect::<Vec<_>>());
    e["ilmd"] = json!({"cbvmda:lotNumber": lot, "cbvmda:itemExpirationDate": expiry});
    e
}

pub fn ship(epcs: &[String], to: &str) -> Value {
    let mut e = base("ObjectEvent", Some("OBSERVE"), "shipping", "in_transit");
    e["epcList"] = json!(epcs);
    e["destinationList"] = json!([{"type": "owning_party", "destination": to}]);
    e
}

pub fn receive(epcs: &[String]) -> Value {
    let mut e = base("ObjectEvent", Some("OBSERVE"), "receiving", "in_progress");
    e["epcList"] = json!(epcs);
    e
}

pub fn dispense(epcs: &[String]) -> Value {
    let mut e = base("ObjectEvent", Some("DELETE"), "dispensing", "dispensed");
    e["epcList"] = json!(epcs);
    e
}

pub fn destroy(epcs: &[String]) -> Value {
    let mut e = base("ObjectEvent", Some("DELETE"), "destroying", "destroyed");
    e["epcList"] = json!(epcs);
    e
}

pub fn pack(sscc: &str, children: &[String]) -> Value {
    let mut e = base(
        "AggregationEvent",
        Some("ADD"),
        "packing",
        "container_closed",
    );
    e["parentID"] = json!(sscc_uri(sscc));
    e["childEPCs"] = json!(children);
    e
}

pub fn unpack(sscc: &str, children: &[String]) -> Value {
    let mut e = base(
        "AggregationEvent",
        Some("DELETE"),
        "unpacking",
        "container_open",
    );
    e["parentID"] = json!(sscc_uri(sscc));
    e["childEPCs"] = json!(children);
    e
}

pub fn repackage(inputs: &[String], outputs: &[String], lot: &str, expiry: &str) -> Value {
    let mut e = base("TransformationEvent", None, "repackaging", "active");
    e["inputEPCList"] = json!(inputs);
    e["outputEPCList"] = json!(outputs);
    e["ilmd"] = json!({"cbvmda:lotNumber": lot, "cbvmda:itemExpirationDate": expiry});
    e
}

pub fn recall(lots: &[String], items: &[String]) -> Value {
    let mut e = base("ObjectEvent", Some("OBSERVE"), "holding", "recalled");
    if !lots.is_empty() {
        e["quantityList"] = json!(lots
            .iter()
            .map(|l| json!({"epcClass": l}))
            .collect::<Vec<_>>());
    }
    if !items.is_empty() {
        e["epcList"] = json!(items);
    }
    e["medproof:reason"] = json!("contamination");
    e
}

/// Packs `serials` of GTIN commissioned by the maker in lot L1 (expiry 2027-12-31), shipped to
/// the wholesaler and received there.
pub fn stock_wholesaler(c: &mut Chain, serials: &[&str]) -> Vec<String> {
    let maker = c.cast.maker.clone();
    let wholesaler = c.cast.wholesaler.clone();
    c.epcis(&maker, commission(GTIN, serials, "L1", "2027-12-31"));
    let epcs: Vec<String> = serials.iter().map(|s| item(GTIN, s)).collect();
    c.epcis(&maker, ship(&epcs, &did(&wholesaler)));
    c.epcis(&wholesaler, receive(&epcs));
    epcs
}

/// The same, then on to the pharmacy.
pub fn stock_pharmacy(c: &mut Chain, serials: &[&str]) -> Vec<String> {
    let epcs = stock_wholesaler(c, serials);
    let wholesaler = c.cast.wholesaler.clone();
    let pharmacy = c.cast.pharmacy.clone();
    c.epcis(&wholesaler, ship(&epcs, &did(&pharmacy)));
    c.epcis(&pharmacy, receive(&epcs));
    epcs
}

/// A chain holding one of every kind of fact, and the keys a verifier asks about: facts that
/// exist, and facts whose absence is the answer.
pub struct Scenario {
    pub chain: Chain,
    pub present: Vec<(&'static str, String)>,
    pub absent: Vec<(&'static str, String)>,
}

pub fn scenario() -> Scenario {
    let mut c = Chain::new();
    let cast = Cast::new();
    let (maker, wholesaler, hospital, pharmacy) =
        (cast.maker, cast.wholesaler, cast.hospital, cast.pharmacy);
    let (patient, doctor, provider, issuer) =
        (cast.patient, cast.doctor, cast.provider, cast.issuer);

    c.epcis(
        &maker,
        commission(GTIN, &["S1", "S2", "S3", "S4"], "L1", "2027-12-31"),
    );
    c.epcis(&maker, pack(SSCC, &[item(GTIN, "S3"), item(GTIN, "S4")]));
    let r = c.epcis(
        &maker,
        ship(&[item(GTIN, "S1"), item(GTIN, "S2")], &did(&wholesaler)),
    );
    let ship1 = r.events.last().unwrap().attributes[2].1.clone();
    c.epcis(&wholesaler, receive(&[item(GTIN, "S1"), item(GTIN, "S2")]));
    let r = c.epcis(&wholesaler, ship(&[item(GTIN, "S1")], &did(&hospital)));
    let ship2 = r.events.last().unwrap().attributes[2].1.clone();
    c.epcis(&hospital, receive(&[item(GTIN, "S1")]));
    c.epcis(&hospital, dispense(&[item(GTIN, "S1")]));
    c.epcis(&hospital, dispense(&[item(GTIN, "S1")])); // a clone: alert on S1
    c.epcis(&maker, commission(GTIN2, &["X1"], "L7", "2026-06-30"));
    c.epcis(&maker, recall(&[lot_uri(GTIN2, "L7")], &[]));

    c.ok(&provider, TxType::RecordAnchor, json!({"patient": did(&patient), "recordId": "lab-2025-001",
        "category": "lab_result", "sha256": medproof::crypto::encoding::to_hex(&medproof::crypto::sha256(b"doc")), "size": 3}));
    c.ok(&patient, TxType::ConsentGrant, json!({"patient": did(&patient), "grantee": did(&doctor),
        "scope": {"categories": ["lab_result"]}, "purpose": "treatment", "expires": "2026-01-01T00:00:00Z"}));
    c.ok(&patient, TxType::ConsentGrant, json!({"patient": did(&patient), "grantee": did(&pharmacy),
        "scope": {"recordIds": ["lab-2025-001"]}, "purpose": "dispensing", "expires": "2026-01-01T00:00:00Z"}));
    c.ok(
        &patient,
        TxType::ConsentRevoke,
        json!({"patient": did(&patient), "grantee": did(&pharmacy)}),
    );
    let cred = b"{\"type\":\"BitstringStatusListCredential\"}";
    c.ok(
        &issuer,
        TxType::StatusPublish,
        json!({"listId": "staff", "version": 1,
        "sha256": medproof::crypto::encoding::to_hex(&medproof::crypto::sha256(cred)),
        "credential": medproof::crypto::encoding::to_base64(cred)}),
    );
    let terms = json!({"seller": did(&maker), "buyer": did(&hospital), "currency": "EUR",
        "products": [{"gtin": GTIN, "unitPriceMinor": 1250, "chargebackEligible": true, "chargebackMinor": 300}],
        "validFrom": "2025-01-01T00:00:00Z", "validUntil": "2026-01-01T00:00:00Z"});
    let th = medproof::crypto::encoding::to_hex(&medproof::crypto::sha256(
        &medproof::crypto::jcs::canonicalize(&terms).unwrap(),
    ));
    c.ok(
        &maker,
        TxType::ContractPropose,
        json!({"contractId": "C-1", "terms": terms}),
    );
    c.ok(
        &hospital,
        TxType::ContractAccept,
        json!({"contractId": "C-1", "termsHash": th}),
    );
    c.ok(
        &wholesaler,
        TxType::ContractChargeback,
        json!({"claimId": "CB-1", "contractId": "C-1", "shipment": ship2,
        "lines": [{"gtin": GTIN, "quantity": 1}]}),
    );

    let present = vec![
        ("genesis", keys::GENESIS.to_string()),
        ("block", keys::BLOCK.to_string()),
        ("actor", keys::actor(&did(&maker))),
        ("account", keys::account(&did(&patient))),
        ("serial (dispensed, clone alert)", keys::serial(GTIN, "S1")),
        ("serial (in stock)", keys::serial(GTIN, "S2")),
        ("lot (never recalled)", keys::lot(GTIN, "L1")),
        ("lot (recalled)", keys::lot(GTIN2, "L7")),
        ("container", keys::container(SSCC)),
        ("shipment", keys::shipment(&ship1)),
        ("record", keys::record(&did(&patient), "lab-2025-001")),
        (
            "consent (active)",
            keys::consent(&did(&patient), &did(&doctor)),
        ),
        (
            "consent (revoked)",
            keys::consent(&did(&patient), &did(&pharmacy)),
        ),
        ("status list", keys::status_list(&did(&issuer), "staff")),
        ("contract", keys::contract("C-1")),
        ("chargeback", keys::chargeback("C-1", &ship2)),
    ];
    let absent = vec![
        ("actor never accredited", keys::actor(&did(&key(99)))),
        ("serial never commissioned", keys::serial(GTIN, "FAKE-1")),
        ("lot never commissioned", keys::lot(GTIN, "L404")),
        (
            "container never packed",
            keys::container("106141411234567880"),
        ),
        (
            "record never anchored",
            keys::record(&did(&patient), "lab-2025-002"),
        ),
        (
            "consent never granted",
            keys::consent(&did(&patient), &did(&key(98))),
        ),
        (
            "status list never published",
            keys::status_list(&did(&issuer), "other"),
        ),
        ("contract never proposed", keys::contract("C-404")),
        (
            "chargeback not yet claimed",
            keys::chargeback("C-1", &ship1),
        ),
        ("invoice not yet sent", keys::invoice("C-1", &ship2)),
    ];
    Scenario {
        chain: c,
        present,
        absent,
    }
}

//! Every rule of the ledger's state machine, each broken once, checked by its stable code.
#![cfg(not(target_arch = "wasm32"))]

mod ledger_support;

use ledger_support::*;
use medproof::crypto::encoding::to_hex;
use medproof::crypto::sha256;
use medproof::ledger::apply::{apply, BlockCtx};
use medproof::ledger::error::Reject;
use medproof::ledger::state::keys;
use medproof::ledger::tx::{make_body, sign, signing_bytes, Common, Envelope, TxType};
use medproof::Coded;
use serde_json::{json, Value};
use std::collections::{BTreeMap, BTreeSet};

// ---------- envelope, signature, chain, sequence ----------

#[test]
fn envelope_rules() {
    let mut c = Chain::new();
    let reg = c.cast.regulator.clone();
    let body = c.accreditation(
        &c.cast.stranger,
        &["wholesaler"],
        "2025-01-01T00:00:00Z",
        "2026-01-01T00:00:00Z",
    );
    let good = c.tx(&reg, TxType::RegistryAccredit, body.clone());
    let env: Envelope = serde_json::from_slice(&good).unwrap();
    let mut checked = 0;
    let mut expect = |c: &mut Chain, bytes: Vec<u8>, code: &str| {
        assert_eq!(c.reject_bytes(bytes), code);
        checked += 1;
    };

    expect(&mut c, b"not json".to_vec(), "ledger.malformed_tx");
    let mut extra: Value = serde_json::from_slice(&good).unwrap();
    extra["memo"] = json!("hidden");
    expect(
        &mut c,
        serde_json::to_vec(&extra).unwrap(),
        "ledger.malformed_tx",
    );
    expect(&mut c, vec![b' '; 200 * 1024], "ledger.tx_too_large");

    let mut e = env.clone();
    e.tx_type = "registry.delete".into();
    expect(
        &mut c,
        serde_json::to_vec(&e).unwrap(),
        "ledger.unknown_type",
    );

    let mut e = env.clone();
    e.signer = "did:web:example.com".into();
    expect(&mut c, serde_json::to_vec(&e).unwrap(), "ledger.bad_signer");
    let mut e = env.clone();
    e.signer = format!("{}#{}", env.signer, &env.signer[8..]);
    expect(&mut c, serde_json::to_vec(&e).unwrap(), "ledger.bad_signer");

    // A signature from another key, a flipped bit, a changed body, garbage.
    let mut e = env.clone();
    e.signer = did(&c.cast.maker);
    expect(
        &mut c,
        serde_json::to_vec(&e).unwrap(),
        "ledger.bad_signature",
    );
    let mut e = env.clone();
    let mut sig = medproof::crypto::encoding::from_base64(&e.sig).unwrap();
    sig[10] ^= 1;
    e.sig = medproof::crypto::encoding::to_base64(&sig);
    expect(
        &mut c,
        serde_json::to_vec(&e).unwrap(),
        "ledger.bad_signature",
    );
    let mut e = env.clone();
    e.body["legalName"] = json!("Someone Else");
    expect(
        &mut c,
        serde_json::to_vec(&e).unwrap(),
        "ledger.bad_signature",
    );
    let mut e = env.clone();
    e.sig = "!!".into();
    expect(
        &mut c,
        serde_json::to_vec(&e).unwrap(),
        "ledger.bad_signature",
    );

    // Signed for another chain.
    let other = make_body(
        &Common {
            chain_id: "other-chain".into(),
            sequence: c.next_sequence(&reg),
        },
        &body,
    )
    .unwrap();
    let tx = sign(&reg, TxType::RegistryAccredit, other)
        .unwrap()
        .to_bytes()
        .unwrap();
    expect(&mut c, tx, "ledger.wrong_chain");

    // Sequence: skipping ahead, zero, and a replay.
    let seq = c.next_sequence(&reg);
    let ahead = c.tx_seq(&reg, TxType::RegistryAccredit, body.clone(), seq + 1);
    expect(&mut c, ahead, "ledger.bad_sequence");
    let zero = c.tx_seq(&reg, TxType::RegistryAccredit, body.clone(), 0);
    expect(&mut c, zero, "ledger.bad_body");
    let r = c.submit(good.clone());
    assert!(r.is_ok(), "{}", r.log);
    expect(&mut c, good, "ledger.bad_sequence");

    // Body not matching the type's schema.
    let mut b = body.clone();
    b["favouriteColour"] = json!("blue");
    let unknown_field = c.tx(&reg, TxType::RegistryAccredit, b);
    expect(&mut c, unknown_field, "ledger.bad_body");
    // Base64 (not url) signatures are accepted too.
    let b = c.accreditation(
        &c.cast.doctor,
        &["hospital"],
        "2025-01-01T00:00:00Z",
        "2026-01-01T00:00:00Z",
    );
    let mut e: Envelope = serde_json::from_slice(&c.tx(&reg, TxType::RegistryAccredit, b)).unwrap();
    let sig = medproof::crypto::encoding::from_base64(&e.sig).unwrap();
    e.sig = medproof::crypto::encoding::to_base64(&sig);
    assert!(c.submit(serde_json::to_vec(&e).unwrap()).is_ok());
    println!("envelope rules: {checked} rejects checked");
}

#[test]
fn signing_bytes_are_jcs_of_type_body_signer() {
    let k = key(42);
    let body = json!({"sequence": 1, "chainId": "c", "z": [1.0, "é"], "a": {"y": 1, "b": 2}});
    let bytes = signing_bytes("consent.revoke", &body, &did(&k)).unwrap();
    let expected = format!(
        r#"{{"body":{{"a":{{"b":2,"y":1}},"chainId":"c","sequence":1,"z":[1,"é"]}},"signer":"{}","type":"consent.revoke"}}"#,
        did(&k)
    );
    assert_eq!(String::from_utf8(bytes).unwrap(), expected);
}

#[test]
fn rejected_transactions_change_nothing() {
    // The same good transactions, once alone and once with rejects interleaved in the same
    // blocks: the states (app hashes) must be equal.
    let run = |with_rejects: bool| {
        let mut c = Chain::new();
        let maker = c.cast.maker.clone();
        let wholesaler = c.cast.wholesaler.clone();
        let good1 = c.tx(
            &maker,
            TxType::EpcisEvent,
            json!({"event": commission(GTIN, &["S1", "S2"], "L1", "2027-12-31")}),
        );
        let bad: Vec<Vec<u8>> = vec![
            // not held, unknown serial, wrong sequence, not accredited
            c.tx(
                &wholesaler,
                TxType::EpcisEvent,
                json!({"event": ship(&[item(GTIN, "S1")], &did(&maker))}),
            ),
            // (same sequence as good1, which still applies after it: a reject uses no sequence)
            c.tx_seq(
                &maker,
                TxType::EpcisEvent,
                json!({"event": ship(&[item(GTIN, "S9")], &did(&wholesaler))}),
                1,
            ),
            c.tx_seq(
                &maker,
                TxType::EpcisEvent,
                json!({"event": commission(GTIN, &["S3"], "L1", "2027-12-31")}),
                7,
            ),
        ];
        let mut txs = vec![];
        if with_rejects {
            txs.extend(bad.clone());
        }
        txs.push(good1);
        let results = c.block(&txs);
        assert!(results.last().unwrap().is_ok());
        if with_rejects {
            let codes: Vec<&str> = results.iter().filter_map(|r| r.reject_code()).collect();
            assert_eq!(
                codes,
                [
                    "ledger.serial_unknown",
                    "ledger.serial_unknown",
                    "ledger.bad_sequence"
                ]
            );
        }
        c.app.app_hash().unwrap()
    };
    assert_eq!(run(false), run(true));
}

#[test]
fn pure_apply_is_deterministic_and_reads_only_its_state() {
    let reg = key(1);
    let mut state: BTreeMap<String, Vec<u8>> = medproof::ledger::genesis::genesis_writes(
        CHAIN,
        &medproof::ledger::genesis::AppState {
            regulator: did(&reg),
        },
    )
    .unwrap();
    let block = BlockCtx {
        height: 1,
        time: t("2025-02-01T00:00:00Z"),
        chain_id: CHAIN.into(),
    };
    let body = make_body(
        &Common { chain_id: CHAIN.into(), sequence: 1 },
        &json!({"actor": did(&key(2)), "legalName": "Acme", "roles": ["manufacturer"], "jurisdiction": "DE",
                "licenceId": "L-1", "validFrom": "2025-01-01T00:00:00Z", "validUntil": "2026-01-01T00:00:00Z"}),
    )
    .unwrap();
    let tx = sign(&reg, TxType::RegistryAccredit, body)
        .unwrap()
        .to_bytes()
        .unwrap();
    let a = apply(&state, &tx, &block).unwrap();
    let b = apply(&state, &tx, &block).unwrap();
    assert_eq!(a, b);
    assert_eq!(a.tx_hash, sha256(&tx));
    assert_eq!(
        a.changes.keys().cloned().collect::<Vec<_>>(),
        vec![keys::account(&did(&reg)), keys::actor(&did(&key(2)))]
    );
    for v in a.changes.values() {
        assert!(!v.is_empty());
        let parsed: Value = serde_json::from_slice(v).unwrap();
        assert_eq!(
            &medproof::crypto::jcs::canonicalize(&parsed).unwrap(),
            v,
            "values are canonical JSON"
        );
    }
    state.extend(a.changes);
    // Applying it again is a replay.
    assert_eq!(
        apply(&state, &tx, &block).unwrap_err().code(),
        "ledger.bad_sequence"
    );
    let actor: Value = serde_json::from_slice(&state[&keys::actor(&did(&key(2)))]).unwrap();
    assert_eq!(actor["history"][0]["tx"], json!(to_hex(&sha256(&tx))));
    assert_eq!(actor["history"][0]["at"], json!("2025-02-01T00:00:00Z"));
}

#[test]
fn reject_codes_are_unique_and_stable() {
    let all = [
        Reject::MalformedTx(String::new()),
        Reject::TxTooLarge(0),
        Reject::UnknownType(String::new()),
        Reject::BadBody(String::new()),
        Reject::BadSigner,
        Reject::BadSignature,
        Reject::WrongChain {
            expected: String::new(),
            got: String::new(),
        },
        Reject::BadSequence {
            expected: 0,
            got: 0,
        },
        Reject::NotRegulator,
        Reject::NotAccredited(String::new()),
        Reject::ActorUnknown(String::new()),
        Reject::UnknownParty(String::new()),
        Reject::AlreadyRevoked(String::new()),
        Reject::SerialUnknown(String::new()),
        Reject::SerialExists(String::new()),
        Reject::NotHolder(String::new()),
        Reject::NotRecipient(String::new()),
        Reject::BadStatus {
            what: String::new(),
            status: String::new(),
            event: String::new(),
        },
        Reject::InContainer(String::new()),
        Reject::ContainerConflict(String::new()),
        Reject::LotMismatch(String::new()),
        Reject::Recalled(String::new()),
        Reject::LotUnknown(String::new()),
        Reject::NotOwner(String::new()),
        Reject::RecordExists(String::new()),
        Reject::NotPatient,
        Reject::ConsentUnknown,
        Reject::ConsentRevoked,
        Reject::StaleVersion {
            expected: 0,
            got: 0,
        },
        Reject::HashMismatch(String::new()),
        Reject::ContractExists(String::new()),
        Reject::ContractUnknown(String::new()),
        Reject::ContractNotInForce(String::new()),
        Reject::NotParty(String::new()),
        Reject::TermsMismatch,
        Reject::ShipmentUnknown(String::new()),
        Reject::ShipmentMismatch(String::new()),
        Reject::Duplicate(String::new()),
        Reject::CorruptState(String::new()),
        Reject::Expired(String::new()),
    ];
    let codes: BTreeSet<&str> = all.iter().map(|r| r.code()).collect();
    let numbers: BTreeSet<u32> = all.iter().map(|r| r.abci_code()).collect();
    assert_eq!(codes.len(), all.len());
    assert_eq!(numbers.len(), all.len());
    assert!(numbers.iter().all(|n| (1..=all.len() as u32).contains(n)));
    assert!(codes.iter().all(|c| c.starts_with("ledger.")));
    println!("{} reject codes, all distinct", all.len());
}

// ---------- registry ----------

#[test]
fn registry_rules() {
    let mut c = Chain::new();
    let reg = c.cast.regulator.clone();
    let maker = c.cast.maker.clone();
    let stranger = c.cast.stranger.clone();

    let body = c.accreditation(
        &stranger,
        &["wholesaler"],
        "2025-01-01T00:00:00Z",
        "2026-01-01T00:00:00Z",
    );
    assert_eq!(
        c.reject(&maker, TxType::RegistryAccredit, body.clone()),
        "ledger.not_regulator"
    );
    let mut b = body.clone();
    b["validUntil"] = json!("2024-01-01T00:00:00Z");
    assert_eq!(
        c.reject(&reg, TxType::RegistryAccredit, b),
        "ledger.bad_body"
    );
    let mut b = body.clone();
    b["roles"] = json!(["wholesaler", "wholesaler"]);
    assert_eq!(
        c.reject(&reg, TxType::RegistryAccredit, b),
        "ledger.bad_body"
    );
    let mut b = body.clone();
    b["roles"] = json!(["pirate"]);
    assert_eq!(
        c.reject(&reg, TxType::RegistryAccredit, b),
        "ledger.bad_body"
    );

    c.ok(&reg, TxType::RegistryAccredit, body);
    let revoke = json!({"actor": did(&stranger), "reason": "licence withdrawn"});
    assert_eq!(
        c.reject(&maker, TxType::RegistryRevoke, revoke.clone()),
        "ledger.not_regulator"
    );
    c.ok(&reg, TxType::RegistryRevoke, revoke.clone());
    assert_eq!(
        c.reject(&reg, TxType::RegistryRevoke, revoke),
        "ledger.already_revoked"
    );
    let unknown = json!({"actor": did(&key(99)), "reason": "x"});
    assert_eq!(
        c.reject(&reg, TxType::RegistryRevoke, unknown),
        "ledger.actor_unknown"
    );

    let actor = c.value(&keys::actor(&did(&stranger))).unwrap();
    assert_eq!(actor["status"], "revoked");
    let actions: Vec<&str> = actor["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["action"].as_str().unwrap())
        .collect();
    assert_eq!(actions, ["accredited", "revoked"]);
    assert_eq!(actor["history"][1]["reason"], "licence withdrawn");

    // Re-accreditation after revocation keeps the history.
    let body = c.accreditation(
        &stranger,
        &["dispenser"],
        "2025-01-01T00:00:00Z",
        "2026-01-01T00:00:00Z",
    );
    c.ok(&reg, TxType::RegistryAccredit, body);
    let actor = c.value(&keys::actor(&did(&stranger))).unwrap();
    assert_eq!(actor["status"], "active");
    assert_eq!(actor["history"].as_array().unwrap().len(), 3);
}

#[test]
fn accreditation_must_be_in_force_with_the_role() {
    let mut c = Chain::new();
    let reg = c.cast.regulator.clone();
    let (m1, m2, m3) = (key(30), key(31), key(32));
    // Expired by block time, not yet valid, revoked, wrong role.
    for (k, from, until) in [
        (&m1, "2024-01-01T00:00:00Z", "2025-01-01T00:30:00Z"),
        (&m2, "2029-01-01T00:00:00Z", "2030-01-01T00:00:00Z"),
        (&m3, "2024-01-01T00:00:00Z", "2030-01-01T00:00:00Z"),
    ] {
        let b = c.accreditation(k, &["manufacturer"], from, until);
        c.ok(&reg, TxType::RegistryAccredit, b);
    }
    let ev = |s: &str| commission(GTIN, &[s], "LX", "2027-12-31");
    c.epcis(&m3, ev("M3-OK"));
    c.ok(
        &reg,
        TxType::RegistryRevoke,
        json!({"actor": did(&m3), "reason": "fraud"}),
    );
    let mut n = 0;
    for (k, s) in [
        (&m1, "A"),
        (&m2, "B"),
        (&m3, "C"),
        (&c.cast.wholesaler.clone(), "D"),
        (&key(77), "E"),
    ] {
        assert_eq!(c.epcis_reject(k, ev(s)), "ledger.not_accredited", "{s}");
        n += 1;
    }
    println!("{n} accreditation failures checked");
}

// ---------- medicines ----------

#[test]
fn commissioning_rules() {
    let mut c = Chain::new();
    let maker = c.cast.maker.clone();
    let maker2 = c.cast.maker2.clone();
    c.epcis(&maker, commission(GTIN, &["S1", "S2"], "L1", "2027-12-31"));
    let s = c.serial(GTIN, "S1");
    assert_eq!(
        (s["status"].as_str(), s["holder"].as_str()),
        (Some("active"), Some(did(&maker).as_str()))
    );
    assert_eq!(s["lot"], "L1");
    assert_eq!(
        c.value(&keys::lot(GTIN, "L1")).unwrap()["owner"],
        json!(did(&maker))
    );

    assert_eq!(
        c.epcis_reject(&maker, commission(GTIN, &["S2", "S3"], "L1", "2027-12-31")),
        "ledger.serial_exists"
    );
    assert!(
        c.value(&keys::serial(GTIN, "S3")).is_none(),
        "nothing of a rejected event is kept"
    );
    assert_eq!(
        c.epcis_reject(&maker, commission(GTIN, &["S4"], "L1", "2028-01-31")),
        "ledger.lot_mismatch"
    );
    assert_eq!(
        c.epcis_reject(&maker2, commission(GTIN, &["S5"], "L1", "2027-12-31")),
        "ledger.lot_mismatch"
    );
    // Shapes: bad check digit, two GTINs, missing ilmd, bad expiry, an unsupported step, a
    // list the step does not use, duplicate EPCs.
    let mut n = 0;
    let mut bad_bodies = vec![
        commission("09506000134353", &["X"], "L1", "2027-12-31"),
        commission(GTIN, &["X"], "L1", "2027-02-30"),
        commission(GTIN, &["X", "X"], "L1", "2027-12-31"),
    ];
    let mut e = commission(GTIN, &["X"], "L1", "2027-12-31");
    e["epcList"] = json!([item(GTIN, "X"), item(GTIN2, "Y")]);
    bad_bodies.push(e);
    let mut e = commission(GTIN, &["X"], "L1", "2027-12-31");
    e.as_object_mut().unwrap().remove("ilmd");
    bad_bodies.push(e);
    let mut e = commission(GTIN, &["X"], "L1", "2027-12-31");
    e["bizStep"] = json!("teleporting");
    bad_bodies.push(e);
    let mut e = commission(GTIN, &["X"], "L1", "2027-12-31");
    e["destinationList"] = json!([{"type": "owning_party", "destination": did(&maker2)}]);
    bad_bodies.push(e);
    let mut e = commission(GTIN, &["X"], "L1", "2027-12-31");
    e["eventTime"] = json!("yesterday");
    bad_bodies.push(e);
    for e in bad_bodies {
        assert_eq!(c.epcis_reject(&maker, e.clone()), "ledger.bad_body", "{e}");
        n += 1;
    }
    println!("{n} malformed events refused");
}

#[test]
fn shipping_and_receiving_rules() {
    let mut c = Chain::new();
    let (maker, wholesaler, pharmacy) = (
        c.cast.maker.clone(),
        c.cast.wholesaler.clone(),
        c.cast.pharmacy.clone(),
    );
    let s1 = item(GTIN, "S1");
    // Nothing can be shipped before it is commissioned.
    assert_eq!(
        c.epcis_reject(&maker, ship(std::slice::from_ref(&s1), &did(&wholesaler))),
        "ledger.serial_unknown"
    );
    c.epcis(&maker, commission(GTIN, &["S1", "S2"], "L1", "2027-12-31"));
    assert_eq!(
        c.epcis_reject(
            &wholesaler,
            ship(std::slice::from_ref(&s1), &did(&pharmacy))
        ),
        "ledger.not_holder"
    );
    assert_eq!(
        c.epcis_reject(&maker, ship(std::slice::from_ref(&s1), &did(&key(77)))),
        "ledger.unknown_party"
    );
    assert_eq!(
        c.epcis_reject(
            &maker,
            ship(std::slice::from_ref(&s1), &did(&c.cast.issuer.clone()))
        ),
        "ledger.unknown_party"
    );
    assert_eq!(
        c.epcis_reject(&maker, ship(std::slice::from_ref(&s1), &did(&maker))),
        "ledger.bad_body"
    );
    assert_eq!(
        c.epcis_reject(&wholesaler, receive(std::slice::from_ref(&s1))),
        "ledger.bad_status"
    );

    let r = c.epcis(&maker, ship(std::slice::from_ref(&s1), &did(&wholesaler)));
    let ship_tx = r.events.last().unwrap().attributes[2].1.clone();
    let s = c.serial(GTIN, "S1");
    assert_eq!(s["status"], "in_transit");
    assert_eq!(s["shippedTo"], json!(did(&wholesaler)));
    assert_eq!(s["lastEvent"]["tx"], json!(ship_tx));
    let shipment = c.value(&keys::shipment(&ship_tx)).unwrap();
    assert_eq!(shipment["items"], json!({GTIN: 1}));
    assert_eq!(
        c.epcis_reject(&maker, ship(std::slice::from_ref(&s1), &did(&pharmacy))),
        "ledger.bad_status"
    );
    assert_eq!(
        c.epcis_reject(&pharmacy, receive(std::slice::from_ref(&s1))),
        "ledger.not_recipient"
    );
    c.epcis(&wholesaler, receive(std::slice::from_ref(&s1)));
    let s = c.serial(GTIN, "S1");
    assert_eq!(
        (s["status"].as_str(), s["holder"].as_str()),
        (Some("active"), Some(did(&wholesaler).as_str()))
    );
    assert!(s.get("shippedTo").is_none());
    assert_eq!(
        c.epcis_reject(&wholesaler, receive(std::slice::from_ref(&s1))),
        "ledger.bad_status"
    );
}

#[test]
fn dispensing_again_is_a_clone_alert_not_a_drop() {
    let mut c = Chain::new();
    let epcs = stock_pharmacy(&mut c, &["S1", "S2"]);
    let (pharmacy, hospital, wholesaler) = (
        c.cast.pharmacy.clone(),
        c.cast.hospital.clone(),
        c.cast.wholesaler.clone(),
    );
    assert_eq!(
        c.epcis_reject(&wholesaler, dispense(std::slice::from_ref(&epcs[0]))),
        "ledger.not_accredited"
    );
    assert_eq!(
        c.epcis_reject(&hospital, dispense(std::slice::from_ref(&epcs[0]))),
        "ledger.not_holder"
    );
    let r = c.epcis(&pharmacy, dispense(std::slice::from_ref(&epcs[0])));
    assert!(r.events.iter().all(|e| e.kind != "medproof.alert"));
    assert_eq!(c.serial(GTIN, "S1")["status"], "dispensed");

    // The same serial dispensed again, elsewhere: accepted, and recorded as an alert.
    let r = c.epcis(&hospital, dispense(std::slice::from_ref(&epcs[0])));
    let alert = r
        .events
        .iter()
        .find(|e| e.kind == "medproof.alert")
        .expect("an alert event");
    assert_eq!(
        alert.attributes[0],
        ("kind".to_string(), "clone_suspected".to_string())
    );
    let s = c.serial(GTIN, "S1");
    assert_eq!(s["status"], "dispensed");
    assert_eq!(s["alertCount"], 1);
    assert_eq!(s["alerts"][0]["kind"], "clone_suspected");
    assert_eq!(s["alerts"][0]["by"], json!(did(&hospital)));
    c.epcis(&pharmacy, dispense(std::slice::from_ref(&epcs[0])));
    assert_eq!(c.serial(GTIN, "S1")["alertCount"], 2);

    // Nothing else happens to a dispensed pack.
    assert_eq!(
        c.epcis_reject(
            &pharmacy,
            ship(std::slice::from_ref(&epcs[0]), &did(&wholesaler))
        ),
        "ledger.bad_status"
    );
    assert_eq!(
        c.epcis_reject(&pharmacy, destroy(std::slice::from_ref(&epcs[0]))),
        "ledger.bad_status"
    );
    // Destroyed packs: nothing but the clone alert either.
    c.epcis(&pharmacy, destroy(std::slice::from_ref(&epcs[1])));
    assert_eq!(
        c.epcis_reject(
            &pharmacy,
            ship(std::slice::from_ref(&epcs[1]), &did(&wholesaler))
        ),
        "ledger.bad_status"
    );
    c.epcis(&pharmacy, dispense(std::slice::from_ref(&epcs[1])));
    let s = c.serial(GTIN, "S2");
    assert_eq!(
        (s["status"].as_str(), s["alertCount"].as_u64()),
        (Some("destroyed"), Some(1))
    );
}

#[test]
fn expired_and_recalled_packs_are_not_dispensed() {
    let mut c = Chain::new();
    let (maker, maker2, pharmacy, reg) = (
        c.cast.maker.clone(),
        c.cast.maker2.clone(),
        c.cast.pharmacy.clone(),
        c.cast.regulator.clone(),
    );
    let wholesaler = c.cast.wholesaler.clone();
    // Expired: an expiry before the block time (2025).
    c.epcis(&maker, commission(GTIN2, &["OLD"], "L0", "2024-06-30"));
    let old = vec![item(GTIN2, "OLD")];
    c.epcis(&maker, ship(&old, &did(&pharmacy)));
    c.epcis(&pharmacy, receive(&old));
    assert_eq!(c.epcis_reject(&pharmacy, dispense(&old)), "ledger.expired");

    let epcs = stock_pharmacy(&mut c, &["S1", "S2", "S3"]);
    assert_eq!(
        c.epcis_reject(&maker2, recall(&[lot_uri(GTIN, "L1")], &[])),
        "ledger.not_owner"
    );
    assert_eq!(
        c.epcis_reject(&maker2, recall(&[], std::slice::from_ref(&epcs[2]))),
        "ledger.not_owner"
    );
    assert_eq!(
        c.epcis_reject(&maker, recall(&[lot_uri(GTIN, "NOPE")], &[])),
        "ledger.lot_unknown"
    );
    assert_eq!(
        c.epcis_reject(&pharmacy, recall(&[lot_uri(GTIN, "L1")], &[])),
        "ledger.not_accredited"
    );
    // A serial recalled by the regulator.
    c.epcis(&reg, recall(&[], std::slice::from_ref(&epcs[2])));
    assert_eq!(c.serial(GTIN, "S3")["recall"]["by"], json!(did(&reg)));
    assert_eq!(
        c.epcis_reject(&pharmacy, dispense(std::slice::from_ref(&epcs[2]))),
        "ledger.recalled"
    );
    // The lot recalled by its maker.
    c.epcis(&maker, recall(&[lot_uri(GTIN, "L1")], &[]));
    let lot = c.value(&keys::lot(GTIN, "L1")).unwrap();
    assert_eq!(lot["recall"]["reason"], "contamination");
    assert_eq!(
        c.epcis_reject(&pharmacy, dispense(std::slice::from_ref(&epcs[0]))),
        "ledger.recalled"
    );
    assert_eq!(
        c.epcis_reject(
            &pharmacy,
            ship(std::slice::from_ref(&epcs[0]), &did(&wholesaler))
        ),
        "ledger.recalled"
    );
    assert_eq!(
        c.epcis_reject(&maker, commission(GTIN, &["S9"], "L1", "2027-12-31")),
        "ledger.recalled"
    );
    // Recalled packs may still be destroyed.
    c.epcis(&pharmacy, destroy(std::slice::from_ref(&epcs[0])));
}

#[test]
fn containers() {
    let mut c = Chain::new();
    let (maker, wholesaler, hospital) = (
        c.cast.maker.clone(),
        c.cast.wholesaler.clone(),
        c.cast.hospital.clone(),
    );
    c.epcis(
        &maker,
        commission(GTIN, &["S1", "S2", "S3"], "L1", "2027-12-31"),
    );
    let kids = vec![item(GTIN, "S1"), item(GTIN, "S2")];
    assert_eq!(
        c.epcis_reject(&wholesaler, pack(SSCC, &kids)),
        "ledger.not_holder"
    );
    c.epcis(&maker, pack(SSCC, &kids));
    assert_eq!(c.serial(GTIN, "S1")["parent"], SSCC);
    assert_eq!(
        c.epcis_reject(
            &maker,
            ship(std::slice::from_ref(&kids[0]), &did(&wholesaler))
        ),
        "ledger.in_container"
    );
    assert_eq!(
        c.epcis_reject(&maker, unpack(SSCC, &[item(GTIN, "S3")])),
        "ledger.container_conflict"
    );
    assert_eq!(
        c.epcis_reject(
            &maker,
            ship(&[sscc_uri("106141411234567880")], &did(&wholesaler))
        ),
        "ledger.serial_unknown"
    );
    let r = c.epcis(
        &maker,
        ship(&[sscc_uri(SSCC), item(GTIN, "S3")], &did(&wholesaler)),
    );
    let tx = r.events.last().unwrap().attributes[2].1.clone();
    assert_eq!(
        c.value(&keys::shipment(&tx)).unwrap()["items"],
        json!({GTIN: 3})
    );
    assert_eq!(c.serial(GTIN, "S2")["status"], "in_transit");
    assert_eq!(
        c.epcis_reject(&maker, pack(SSCC, &[item(GTIN, "S3")])),
        "ledger.bad_status"
    );
    assert_eq!(
        c.epcis_reject(&wholesaler, receive(std::slice::from_ref(&kids[0]))),
        "ledger.in_container"
    );
    assert_eq!(
        c.epcis_reject(&hospital, receive(&[sscc_uri(SSCC)])),
        "ledger.not_recipient"
    );
    c.epcis(&wholesaler, receive(&[sscc_uri(SSCC), item(GTIN, "S3")]));
    assert_eq!(c.serial(GTIN, "S2")["holder"], json!(did(&wholesaler)));
    c.epcis(&wholesaler, unpack(SSCC, std::slice::from_ref(&kids[0])));
    assert!(c.serial(GTIN, "S1").get("parent").is_none());
    let cont = c.value(&keys::container(SSCC)).unwrap();
    assert_eq!(cont["children"], json!([kids[1].clone()]));
    c.epcis(
        &wholesaler,
        ship(std::slice::from_ref(&kids[0]), &did(&hospital)),
    );
}

#[test]
fn repackaging() {
    let mut c = Chain::new();
    let (maker, wholesaler, repackager) = (
        c.cast.maker.clone(),
        c.cast.wholesaler.clone(),
        c.cast.repackager.clone(),
    );
    c.epcis(&maker, commission(GTIN, &["B1", "B2"], "L1", "2027-12-31"));
    let inputs = vec![item(GTIN, "B1"), item(GTIN, "B2")];
    c.epcis(&maker, ship(&inputs, &did(&repackager)));
    c.epcis(&repackager, receive(&inputs));
    let outputs = vec![item(GTIN2, "U1"), item(GTIN2, "U2"), item(GTIN2, "U3")];
    assert_eq!(
        c.epcis_reject(
            &repackager,
            repackage(&inputs, &outputs, "R1", "2028-01-01")
        ),
        "ledger.lot_mismatch"
    );
    assert_eq!(
        c.epcis_reject(
            &wholesaler,
            repackage(&inputs, &outputs, "R1", "2027-06-30")
        ),
        "ledger.not_accredited"
    );
    assert_eq!(
        c.epcis_reject(
            &repackager,
            repackage(&inputs, &[item(GTIN, "B1")], "R1", "2027-06-30")
        ),
        "ledger.serial_exists"
    );
    let r = c.epcis(
        &repackager,
        repackage(&inputs, &outputs, "R1", "2027-06-30"),
    );
    let tx = r.events.last().unwrap().attributes[2].1.clone();
    assert_eq!(c.serial(GTIN, "B1")["status"], "consumed");
    let u = c.serial(GTIN2, "U1");
    assert_eq!(
        (u["owner"].as_str(), u["repackagedBy"].as_str()),
        (Some(did(&repackager).as_str()), Some(tx.as_str()))
    );
    assert_eq!(
        c.epcis_reject(
            &repackager,
            ship(std::slice::from_ref(&inputs[0]), &did(&wholesaler))
        ),
        "ledger.bad_status"
    );
    c.epcis(&repackager, ship(&outputs, &did(&wholesaler)));
}

// ---------- records, consent, status lists ----------

fn anchor(c: &Chain, id: &str) -> Value {
    json!({"patient": did(&c.cast.patient), "recordId": id, "category": "lab_result",
           "sha256": to_hex(&sha256(id.as_bytes())), "size": 2_500_000,
           "chunkRoot": to_hex(&sha256(b"chunks"))})
}

#[test]
fn record_anchor_rules() {
    let mut c = Chain::new();
    let (provider, maker) = (c.cast.provider.clone(), c.cast.maker.clone());
    assert_eq!(
        c.reject(&maker, TxType::RecordAnchor, anchor(&c, "R1")),
        "ledger.not_accredited"
    );
    c.ok(&provider, TxType::RecordAnchor, anchor(&c, "R1"));
    assert_eq!(
        c.reject(&provider, TxType::RecordAnchor, anchor(&c, "R1")),
        "ledger.record_exists"
    );
    let mut b = anchor(&c, "R2");
    b["sha256"] = json!("ABCD");
    assert_eq!(
        c.reject(&provider, TxType::RecordAnchor, b),
        "ledger.bad_body"
    );
    let mut b = anchor(&c, "R2");
    b["size"] = json!(1u64 << 60);
    assert_eq!(
        c.reject(&provider, TxType::RecordAnchor, b),
        "ledger.bad_body"
    );
    let rec = c.value(&keys::record(&did(&c.cast.patient), "R1")).unwrap();
    assert_eq!(rec["provider"], json!(did(&provider)));
    assert_eq!(rec["size"], 2_500_000);
}

#[test]
fn consent_rules() {
    let mut c = Chain::new();
    let (patient, doctor) = (c.cast.patient.clone(), c.cast.doctor.clone());
    let grant = json!({"patient": did(&patient), "grantee": did(&doctor),
                       "scope": {"categories": ["lab_result"], "recordIds": ["R1"]},
                       "purpose": "treatment", "expires": "2026-01-01T00:00:00+01:00"});
    assert_eq!(
        c.reject(&doctor, TxType::ConsentGrant, grant.clone()),
        "ledger.not_patient"
    );
    let revoke = json!({"patient": did(&patient), "grantee": did(&doctor)});
    assert_eq!(
        c.reject(&patient, TxType::ConsentRevoke, revoke.clone()),
        "ledger.consent_unknown"
    );
    let mut past = grant.clone();
    past["expires"] = json!("2024-12-31T00:00:00Z");
    assert_eq!(
        c.reject(&patient, TxType::ConsentGrant, past),
        "ledger.bad_body"
    );
    let mut empty = grant.clone();
    empty["scope"] = json!({});
    assert_eq!(
        c.reject(&patient, TxType::ConsentGrant, empty),
        "ledger.bad_body"
    );

    c.ok(&patient, TxType::ConsentGrant, grant);
    let key = keys::consent(&did(&patient), &did(&doctor));
    let v = c.value(&key).unwrap();
    assert_eq!(
        (v["status"].as_str(), v["expires"].as_str()),
        (Some("active"), Some("2025-12-31T23:00:00Z"))
    );
    assert_eq!(
        c.reject(&doctor, TxType::ConsentRevoke, revoke.clone()),
        "ledger.not_patient"
    );
    c.ok(&patient, TxType::ConsentRevoke, revoke.clone());
    assert_eq!(c.value(&key).unwrap()["status"], "revoked");
    assert_eq!(
        c.reject(&patient, TxType::ConsentRevoke, revoke),
        "ledger.consent_revoked"
    );
}

#[test]
fn status_list_rules() {
    let mut c = Chain::new();
    let (issuer, provider) = (c.cast.issuer.clone(), c.cast.provider.clone());
    let cred = br#"{"type":["VerifiableCredential","BitstringStatusListCredential"]}"#;
    let publish = |v: u64, bytes: &[u8]| {
        json!({"listId": "staff-2025", "version": v,
        "sha256": to_hex(&sha256(bytes)), "credential": medproof::crypto::encoding::to_base64(bytes)})
    };
    assert_eq!(
        c.reject(&provider, TxType::StatusPublish, publish(1, cred)),
        "ledger.not_accredited"
    );
    assert_eq!(
        c.reject(&issuer, TxType::StatusPublish, publish(2, cred)),
        "ledger.stale_version"
    );
    let mut wrong = publish(1, cred);
    wrong["sha256"] = json!(to_hex(&sha256(b"other")));
    assert_eq!(
        c.reject(&issuer, TxType::StatusPublish, wrong),
        "ledger.hash_mismatch"
    );
    let mut neither = publish(1, cred);
    neither.as_object_mut().unwrap().remove("credential");
    assert_eq!(
        c.reject(&issuer, TxType::StatusPublish, neither.clone()),
        "ledger.bad_body"
    );
    c.ok(&issuer, TxType::StatusPublish, publish(1, cred));
    assert_eq!(
        c.reject(&issuer, TxType::StatusPublish, publish(1, cred)),
        "ledger.stale_version"
    );
    let mut by_url = neither;
    by_url["version"] = json!(2);
    by_url["url"] = json!("https://issuer.example/status/2");
    c.ok(&issuer, TxType::StatusPublish, by_url);
    let v = c
        .value(&keys::status_list(&did(&issuer), "staff-2025"))
        .unwrap();
    assert_eq!(
        (v["version"].as_u64(), v["url"].as_str()),
        (Some(2), Some("https://issuer.example/status/2"))
    );
}

// ---------- contracts ----------

fn terms(c: &Chain) -> Value {
    json!({"seller": did(&c.cast.maker), "buyer": did(&c.cast.hospital), "currency": "EUR",
           "products": [{"gtin": GTIN, "unitPriceMinor": 1250, "chargebackEligible": true, "chargebackMinor": 300},
                        {"gtin": GTIN2, "unitPriceMinor": 900, "chargebackEligible": false}],
           "validFrom": "2025-01-01T00:00:00Z", "validUntil": "2026-01-01T00:00:00Z"})
}

fn terms_hash(t: &Value) -> String {
    to_hex(&sha256(&medproof::crypto::jcs::canonicalize(t).unwrap()))
}

#[test]
fn contract_rules() {
    let mut c = Chain::new();
    let (maker, hospital, wholesaler, stranger) = (
        c.cast.maker.clone(),
        c.cast.hospital.clone(),
        c.cast.wholesaler.clone(),
        c.cast.stranger.clone(),
    );
    let t = terms(&c);
    let propose = json!({"contractId": "C-1", "terms": t});
    assert_eq!(
        c.reject(&wholesaler, TxType::ContractPropose, propose.clone()),
        "ledger.not_party"
    );
    let mut to_stranger = t.clone();
    to_stranger["buyer"] = json!(did(&stranger));
    assert_eq!(
        c.reject(
            &maker,
            TxType::ContractPropose,
            json!({"contractId": "C-0", "terms": to_stranger})
        ),
        "ledger.unknown_party"
    );
    let mut bad = t.clone();
    bad["products"][1]["chargebackMinor"] = json!(5);
    assert_eq!(
        c.reject(
            &maker,
            TxType::ContractPropose,
            json!({"contractId": "C-0", "terms": bad})
        ),
        "ledger.bad_body"
    );
    c.ok(&maker, TxType::ContractPropose, propose.clone());
    assert_eq!(
        c.reject(&hospital, TxType::ContractPropose, propose),
        "ledger.contract_exists"
    );

    let accept = json!({"contractId": "C-1", "termsHash": terms_hash(&t)});
    assert_eq!(
        c.reject(
            &hospital,
            TxType::ContractAccept,
            json!({"contractId": "C-9", "termsHash": terms_hash(&t)})
        ),
        "ledger.contract_unknown"
    );
    assert_eq!(
        c.reject(&maker, TxType::ContractAccept, accept.clone()),
        "ledger.not_party"
    );
    assert_eq!(
        c.reject(&wholesaler, TxType::ContractAccept, accept.clone()),
        "ledger.not_party"
    );
    assert_eq!(
        c.reject(
            &hospital,
            TxType::ContractAccept,
            json!({"contractId": "C-1", "termsHash": to_hex(&sha256(b"x"))})
        ),
        "ledger.terms_mismatch"
    );

    // Ship to the hospital directly (the maker) and via the wholesaler.
    c.epcis(
        &maker,
        commission(GTIN, &["P1", "P2", "P3", "P4"], "L1", "2027-12-31"),
    );
    let direct = c.epcis(
        &maker,
        ship(&[item(GTIN, "P1"), item(GTIN, "P2")], &did(&hospital)),
    );
    let direct_tx = direct.events.last().unwrap().attributes[2].1.clone();
    let invoice = json!({"invoiceId": "INV-1", "contractId": "C-1", "shipment": direct_tx,
                         "lines": [{"gtin": GTIN, "quantity": 2, "unitPriceMinor": 1250}]});
    assert_eq!(
        c.reject(&maker, TxType::ContractInvoice, invoice.clone()),
        "ledger.contract_not_in_force"
    );
    c.ok(&hospital, TxType::ContractAccept, accept.clone());
    assert_eq!(
        c.reject(&hospital, TxType::ContractAccept, accept),
        "ledger.bad_status"
    );
    let contract = c.value(&keys::contract("C-1")).unwrap();
    assert_eq!(contract["status"], "accepted");

    // Invoices.
    assert_eq!(
        c.reject(&hospital, TxType::ContractInvoice, invoice.clone()),
        "ledger.not_party"
    );
    let mut wrong_price = invoice.clone();
    wrong_price["lines"][0]["unitPriceMinor"] = json!(1300);
    assert_eq!(
        c.reject(&maker, TxType::ContractInvoice, wrong_price),
        "ledger.shipment_mismatch"
    );
    let mut too_many = invoice.clone();
    too_many["lines"][0]["quantity"] = json!(3);
    assert_eq!(
        c.reject(&maker, TxType::ContractInvoice, too_many),
        "ledger.shipment_mismatch"
    );
    let mut unknown = invoice.clone();
    unknown["shipment"] = json!(to_hex(&sha256(b"no such shipment")));
    assert_eq!(
        c.reject(&maker, TxType::ContractInvoice, unknown),
        "ledger.shipment_unknown"
    );
    c.ok(&maker, TxType::ContractInvoice, invoice.clone());
    let inv = c.value(&keys::invoice("C-1", &direct_tx)).unwrap();
    assert_eq!(inv["totalMinor"], 2500);
    let mut again = invoice;
    again["invoiceId"] = json!("INV-2");
    assert_eq!(
        c.reject(&maker, TxType::ContractInvoice, again),
        "ledger.duplicate"
    );

    // Chargebacks: the wholesaler ships to the hospital and claims.
    let epcs = vec![item(GTIN, "P3"), item(GTIN, "P4")];
    c.epcis(&maker, ship(&epcs, &did(&wholesaler)));
    c.epcis(&wholesaler, receive(&epcs));
    let via = c.epcis(&wholesaler, ship(&epcs, &did(&hospital)));
    let via_tx = via.events.last().unwrap().attributes[2].1.clone();
    let claim = json!({"claimId": "CB-1", "contractId": "C-1", "shipment": via_tx, "lines": [{"gtin": GTIN, "quantity": 2}]});
    assert_eq!(
        c.reject(&maker, TxType::ContractChargeback, claim.clone()),
        "ledger.not_accredited"
    );
    let mut not_theirs = claim.clone();
    not_theirs["shipment"] = json!(direct_tx);
    assert_eq!(
        c.reject(&wholesaler, TxType::ContractChargeback, not_theirs),
        "ledger.shipment_mismatch"
    );
    let mut ineligible = claim.clone();
    ineligible["lines"] = json!([{"gtin": GTIN2, "quantity": 1}]);
    assert_eq!(
        c.reject(&wholesaler, TxType::ContractChargeback, ineligible),
        "ledger.shipment_mismatch"
    );
    c.ok(&wholesaler, TxType::ContractChargeback, claim.clone());
    let cb = c.value(&keys::chargeback("C-1", &via_tx)).unwrap();
    assert_eq!(
        (cb["totalMinor"].as_u64(), cb["debtor"].as_str()),
        (Some(600), Some(did(&maker).as_str()))
    );
    let mut again = claim;
    again["claimId"] = json!("CB-2");
    assert_eq!(
        c.reject(&wholesaler, TxType::ContractChargeback, again),
        "ledger.duplicate"
    );
}

#[test]
fn chargeback_outside_the_contract_window() {
    let mut c = Chain::new();
    let (maker, hospital, wholesaler) = (
        c.cast.maker.clone(),
        c.cast.hospital.clone(),
        c.cast.wholesaler.clone(),
    );
    let mut t = terms(&c);
    t["validFrom"] = json!("2026-01-01T00:00:00Z");
    t["validUntil"] = json!("2027-01-01T00:00:00Z");
    c.ok(
        &maker,
        TxType::ContractPropose,
        json!({"contractId": "C-2", "terms": t.clone()}),
    );
    c.ok(
        &hospital,
        TxType::ContractAccept,
        json!({"contractId": "C-2", "termsHash": terms_hash(&t)}),
    );
    let epcs = stock_wholesaler(&mut c, &["Q1"]);
    let via = c.epcis(&wholesaler, ship(&epcs, &did(&hospital)));
    let via_tx = via.events.last().unwrap().attributes[2].1.clone();
    let claim = json!({"claimId": "CB-9", "contractId": "C-2", "shipment": via_tx, "lines": [{"gtin": GTIN, "quantity": 1}]});
    assert_eq!(
        c.reject(&wholesaler, TxType::ContractChargeback, claim),
        "ledger.contract_not_in_force"
    );
}

#[test]
fn corrupt_state_is_reported_not_panicked() {
    // Only a broken store could hold these; the state machine says so instead of panicking.
    let reg = key(1);
    let block = BlockCtx {
        height: 1,
        time: t("2025-02-01T00:00:00Z"),
        chain_id: CHAIN.into(),
    };
    let body = make_body(
        &Common {
            chain_id: CHAIN.into(),
            sequence: 1,
        },
        &json!({"actor": did(&key(2)), "reason": "x"}),
    )
    .unwrap();
    let tx = sign(&reg, TxType::RegistryRevoke, body)
        .unwrap()
        .to_bytes()
        .unwrap();
    let no_genesis: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    let bad_genesis = BTreeMap::from([(keys::GENESIS.to_string(), b"not json".to_vec())]);
    let bad_account = BTreeMap::from([(
        keys::account(&did(&reg)),
        b"{\"sequence\":\"one\"}".to_vec(),
    )]);
    for state in [no_genesis, bad_genesis, bad_account] {
        assert_eq!(
            apply(&state, &tx, &block).unwrap_err().code(),
            "ledger.corrupt_state"
        );
    }
}

#[test]
fn check_tx_refuses_what_no_block_could_accept() {
    let mut c = Chain::new();
    let maker = c.cast.maker.clone();
    let good = c.tx(
        &maker,
        TxType::EpcisEvent,
        json!({"event": commission(GTIN, &["C1"], "L1", "2027-12-31")}),
    );
    assert!(c.app.check_tx(&good).is_ok());
    // A later sequence passes CheckTx (the mempool may hold the earlier one).
    let later = c.tx_seq(
        &maker,
        TxType::EpcisEvent,
        json!({"event": commission(GTIN, &["C2"], "L1", "2027-12-31")}),
        2,
    );
    assert!(c.app.check_tx(&later).is_ok());
    let mut bad_shape = commission(GTIN, &["C3"], "L1", "2027-12-31");
    bad_shape["bizStep"] = json!("teleporting");
    let cases = [
        (b"{}".to_vec(), "ledger.malformed_tx"),
        (
            c.tx(&maker, TxType::EpcisEvent, json!({"event": bad_shape})),
            "ledger.bad_body",
        ),
        (
            sign(
                &maker,
                TxType::ConsentRevoke,
                make_body(
                    &Common {
                        chain_id: "x".into(),
                        sequence: 1,
                    },
                    &json!({}),
                )
                .unwrap(),
            )
            .unwrap()
            .to_bytes()
            .unwrap(),
            "ledger.wrong_chain",
        ),
    ];
    for (tx, code) in cases {
        assert_eq!(c.app.check_tx(&tx).reject_code(), Some(code));
    }
    assert!(c.submit(good.clone()).is_ok());
    assert_eq!(
        c.app.check_tx(&good).reject_code(),
        Some("ledger.bad_sequence")
    );
}

mod no_panics {
    use super::*;
    use proptest::prelude::*;

    type Setup = (BTreeMap<String, Vec<u8>>, Vec<Vec<u8>>, BlockCtx);

    /// Built once for all cases.
    fn setup() -> Setup {
        static SETUP: std::sync::OnceLock<Setup> = std::sync::OnceLock::new();
        SETUP.get_or_init(build).clone()
    }

    /// A state with actors and stock, and a few valid transactions of several types to mutate.
    fn build() -> Setup {
        let mut c = Chain::new();
        let epcs = stock_pharmacy(&mut c, &["N1", "N2"]);
        let (pharmacy, patient, maker) = (
            c.cast.pharmacy.clone(),
            c.cast.patient.clone(),
            c.cast.maker.clone(),
        );
        let txs = vec![
            c.tx(&pharmacy, TxType::EpcisEvent, json!({"event": dispense(&epcs)})),
            c.tx(&maker, TxType::EpcisEvent, json!({"event": recall(&[lot_uri(GTIN, "L1")], &[epcs[0].clone()])})),
            c.tx(&patient, TxType::ConsentGrant, json!({"patient": did(&patient), "grantee": did(&c.cast.doctor),
                "scope": {"categories": ["lab_result"]}, "purpose": "treatment", "expires": "2026-01-01T00:00:00Z"})),
        ];
        // Copy the committed state into a plain map for the pure state machine.
        let mut state = BTreeMap::new();
        for k in [
            keys::GENESIS.to_string(),
            keys::serial(GTIN, "N1"),
            keys::serial(GTIN, "N2"),
            keys::lot(GTIN, "L1"),
            keys::actor(&did(&pharmacy)),
            keys::actor(&did(&maker)),
            keys::account(&did(&pharmacy)),
            keys::account(&did(&maker)),
        ] {
            if let Some(v) = c.app.query(&k, None).unwrap().value {
                state.insert(k, v);
            }
        }
        let block = BlockCtx {
            height: 100,
            time: c.time + 3600,
            chain_id: CHAIN.into(),
        };
        (state, txs, block)
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 200, .. ProptestConfig::default() })]

        /// Mutated transactions are rejected with a code or applied; never a panic. (Every one
        /// of them is a re-signed-free mutation, so nearly all fail the signature check; the
        /// second property mutates the body before signing to reach the rules.)
        #[test]
        fn mutated_bytes(which in 0usize..3, pos in any::<prop::sample::Index>(), xor in 1u8..=255) {
            let (state, txs, block) = setup();
            let mut tx = txs[which].clone();
            let i = pos.index(tx.len());
            tx[i] ^= xor;
            let _ = apply(&state, &tx, &block);
        }

        /// Bodies with a field replaced by an arbitrary JSON value, signed properly: the rules
        /// see them, and answer with a code or apply; never a panic.
        #[test]
        fn mutated_bodies(which in 0usize..3, field in 0usize..8, replacement in prop_oneof![
            Just(json!(null)), Just(json!(-1)), Just(json!(1e300)), Just(json!(u64::MAX)), Just(json!("")),
            Just(json!([])), Just(json!({})), Just(json!("https://id.gs1.org/01/09506000134352/21/%")),
            "\\PC{0,30}".prop_map(|s| json!(s)),
        ]) {
            let (state, txs, block) = setup();
            let env: Envelope = serde_json::from_slice(&txs[which]).unwrap();
            let mut body = env.body.clone();
            let names: Vec<String> = body.as_object().unwrap().keys().cloned().collect();
            let name = &names[field % names.len()];
            if name == "event" {
                let ev_names: Vec<String> = body["event"].as_object().unwrap().keys().cloned().collect();
                let ev_name = ev_names[field % ev_names.len()].clone();
                body["event"][ev_name] = replacement;
            } else {
                body[name.as_str()] = replacement;
            }
            let k = match which { 0 => key(5), 1 => key(2), _ => key(10) };
            let ty = TxType::from_name(&env.tx_type).unwrap();
            let tx = sign(&k, ty, body).unwrap().to_bytes().unwrap();
            match apply(&state, &tx, &block) {
                Ok(applied) => prop_assert!(applied.changes.values().all(|v| !v.is_empty())),
                Err(e) => prop_assert!(e.code().starts_with("ledger.")),
            }
        }
    }
}

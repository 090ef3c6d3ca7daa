//! verify_medicine on a real tiny chain: each verdict, and the omission variants (a server that
//! drops the recall or the second dispensing) never verified.
#![cfg(not(target_arch = "wasm32"))]

mod verifiers_support;

use medproof::ledger::state::keys;
use medproof::verify::{verify_medicine, Report, Verdict};
use serde_json::Value;
use verifiers_support::ledger::{self as l, did, GTIN};
use verifiers_support::Net;

fn medicine_keys(net: &Net, serial: &str) -> Vec<String> {
    vec![
        keys::GENESIS.to_string(),
        keys::serial(GTIN, serial),
        keys::lot(GTIN, "L1"),
        keys::actor(&did(&net.chain.cast.maker)),
    ]
}

fn run(net: &Net, scan: &str, bundle: &Value, trust_height: u64) -> Report {
    verify_medicine(
        scan,
        &bundle.to_string(),
        &net.trust(trust_height),
        net.now(),
    )
    .unwrap()
}

fn scan(serial: &str) -> String {
    format!("https://id.gs1.org/01/{GTIN}/21/{serial}")
}

#[test]
fn verdicts_and_omissions() {
    let mut net = Net::new();
    let (maker, wholesaler, pharmacy) = (
        net.chain.cast.maker.clone(),
        net.chain.cast.wholesaler.clone(),
        net.chain.cast.pharmacy.clone(),
    );
    let (hc, _) = net.epcis(&maker, l::commission(GTIN, &["S1"], "L1", "2027-12-31"));
    let (hs, _) = net.epcis(&maker, l::ship(&[l::item(GTIN, "S1")], &did(&wholesaler)));
    let (hr, _) = net.epcis(&wholesaler, l::receive(&[l::item(GTIN, "S1")]));
    net.empty_block();
    let v1 = hr;
    let mut checked = 0;

    // Authentic.
    let b = net.bundle("medicine", 1, &[hc, hs, hr], v1, &medicine_keys(&net, "S1"));
    let r = run(&net, &scan("S1"), &b, 1);
    assert_eq!(r.verdict(), Verdict::Verified, "{:?}", r.reasons());
    assert!(r.has("medicine.genuine"));
    assert_eq!(r.facts()["custody"].as_array().unwrap().len(), 3);
    assert_eq!(r.facts()["lot"], "L1");
    assert!(r.facts()["manufacturer"]
        .as_str()
        .unwrap()
        .starts_with("Actor"));
    checked += 1;

    // Compact form gives the same report.
    let compact = medproof::verify::bundle::encode_compact(&b.to_string()).unwrap();
    let rc = verify_medicine(&scan("S1"), &compact, &net.trust(1), net.now()).unwrap();
    assert_eq!(rc, r);
    checked += 1;

    // Custody gap: the receiving transaction left out.
    let b = net.bundle("medicine", 1, &[hc, hs], v1, &medicine_keys(&net, "S1"));
    let r = run(&net, &scan("S1"), &b, 1);
    assert_eq!(r.verdict(), Verdict::Warning);
    assert!(r.has("medicine.incomplete_custody"));
    checked += 1;

    // Counterfeit: serial proven absent.
    let b = net.bundle("medicine", 1, &[], v1, &medicine_keys(&net, "FAKE1"));
    let r = run(&net, &scan("FAKE1"), &b, 1);
    assert_eq!(r.verdict(), Verdict::NotVerified);
    assert!(r.has("medicine.unknown_serial"));
    checked += 1;

    // Missing proof of the lot.
    let mut k = medicine_keys(&net, "S1");
    k.retain(|x| !x.starts_with("lot/"));
    let b = net.bundle("medicine", 1, &[hc, hs, hr], v1, &k);
    let r = run(&net, &scan("S1"), &b, 1);
    assert!(r.has("bundle.missing_state"));
    assert_eq!(r.verdict(), Verdict::NotVerified);
    checked += 1;

    // Tampered: one event's bytes changed.
    let mut b = net.bundle("medicine", 1, &[hc, hs, hr], v1, &medicine_keys(&net, "S1"));
    let tx = b["txs"][1]["tx"].as_str().unwrap().to_string();
    let mut bytes = medproof::crypto::encoding::from_base64(&tx).unwrap();
    let pos = bytes.len() / 2;
    bytes[pos] ^= 1;
    b["txs"][1]["tx"] = medproof::crypto::encoding::to_base64(&bytes).into();
    b["txs"][1]["proof"]["data"] = b["txs"][1]["tx"].clone();
    let r = run(&net, &scan("S1"), &b, 1);
    assert!(r.has("medicine.tampered"), "{:?}", r.reasons());
    assert_eq!(r.verdict(), Verdict::NotVerified);
    checked += 1;

    // Recall of lot L1, then the omission variants.
    let (hrec, _) = net.epcis(&maker, l::recall(&[l::lot_uri(GTIN, "L1")], &[]));
    net.empty_block();
    let v2 = hrec;
    let b = net.bundle(
        "medicine",
        1,
        &[hc, hs, hr, hrec],
        v2,
        &medicine_keys(&net, "S1"),
    );
    let r = run(&net, &scan("S1"), &b, 1);
    assert!(r.has("medicine.recalled"));
    assert_eq!(r.verdict(), Verdict::NotVerified);
    checked += 1;
    // (a) old state, newer header shown.
    let mut b = net.bundle("medicine", 1, &[hc, hs, hr], v1, &medicine_keys(&net, "S1"));
    b["lightBlocks"]
        .as_array_mut()
        .unwrap()
        .push(net.light_json(v2 + 1));
    let r = run(&net, &scan("S1"), &b, 1);
    assert_ne!(r.verdict(), Verdict::Verified);
    assert!(r.has("bundle.state_not_latest"));
    // (b) old state below a checkpoint taken after the recall.
    let b = net.bundle("medicine", v2 + 1, &[], v1, &medicine_keys(&net, "S1"));
    let r = run(&net, &scan("S1"), &b, v2 + 1);
    assert_ne!(r.verdict(), Verdict::Verified);
    assert!(r.has("bundle.state_header_missing"));
    // (c) the old lot value claimed against the new state.
    let mut b = net.bundle("medicine", 1, &[hc, hs, hr], v2, &medicine_keys(&net, "S1"));
    let old = net.proof(&keys::lot(GTIN, "L1"), v1);
    for p in b["state"]["proofs"].as_array_mut().unwrap() {
        if p["key"] == old["key"] {
            p["value"] = old["value"].clone();
        }
    }
    let r = run(&net, &scan("S1"), &b, 1);
    assert_ne!(r.verdict(), Verdict::Verified);
    assert!(r.has("bundle.state_proof"));
    // (d) the old state and nothing newer, judged two months later: stale, never verified.
    let b = net.bundle("medicine", 1, &[hc, hs, hr], v1, &medicine_keys(&net, "S1"));
    let later =
        medproof::verify::date::Instant::from_unix(net.chain.time + 60 * 86_400, 0).unwrap();
    let mut trust: Value = serde_json::from_str(&net.trust(1)).unwrap();
    trust["trustingPeriodSeconds"] = (365 * 86_400).into();
    let r = verify_medicine(&scan("S1"), &b.to_string(), &trust.to_string(), later).unwrap();
    assert_eq!(r.verdict(), Verdict::Warning);
    assert!(r.has("status.stale"));
    checked += 4;

    // Dispensed twice: clone suspected; the omission of the second dispensing is caught too.
    let (h0, _) = net.epcis(&maker, l::commission(GTIN, &["S2"], "L2", "2027-12-31"));
    let (h1, _) = net.epcis(&maker, l::ship(&[l::item(GTIN, "S2")], &did(&pharmacy)));
    let (h2, _) = net.epcis(&pharmacy, l::receive(&[l::item(GTIN, "S2")]));
    let (h3, _) = net.epcis(&pharmacy, l::dispense(&[l::item(GTIN, "S2")]));
    let (h4, _) = net.epcis(&pharmacy, l::dispense(&[l::item(GTIN, "S2")]));
    net.empty_block();
    let mut k = medicine_keys(&net, "S2");
    k.retain(|x| !x.starts_with("lot/"));
    k.push(keys::lot(GTIN, "L2"));
    let b = net.bundle("medicine", 1, &[h0, h1, h2, h3, h4], h4, &k);
    let r = run(&net, &scan("S2"), &b, 1);
    assert!(r.has("medicine.clone_suspected") && r.has("medicine.dispensed"));
    assert_eq!(r.verdict(), Verdict::NotVerified);
    let mut b = net.bundle("medicine", 1, &[h0, h1, h2, h3], h3, &k);
    b["lightBlocks"]
        .as_array_mut()
        .unwrap()
        .push(net.light_json(h4 + 1));
    let r = run(&net, &scan("S2"), &b, 1);
    assert_ne!(r.verdict(), Verdict::Verified);
    checked += 2;
    println!("{checked} medicine verdicts checked");
}

/// A dispensing signed by the wholesaler (no dispenser role) that the ledger refused, in a block
/// of its own: with its result proven it is kept out of the custody timeline and told as
/// `bundle.tx_refused`; with its result left out it is history of unknown effect (as before),
/// and the verdict, which rests on proven state, is the same.
#[test]
fn a_refused_event_is_not_custody() {
    let mut net = Net::new();
    let (maker, wholesaler) = (
        net.chain.cast.maker.clone(),
        net.chain.cast.wholesaler.clone(),
    );
    let (hc, _) = net.epcis(&maker, l::commission(GTIN, &["R1"], "L1", "2027-12-31"));
    let (hs, _) = net.epcis(&maker, l::ship(&[l::item(GTIN, "R1")], &did(&wholesaler)));
    let (hr, _) = net.epcis(&wholesaler, l::receive(&[l::item(GTIN, "R1")]));
    let fields = serde_json::json!({"event": l::dispense(&[l::item(GTIN, "R1")])});
    let tx = net.chain.tx(
        &wholesaler,
        medproof::ledger::tx::TxType::EpcisEvent,
        fields,
    );
    let hash = medproof::crypto::encoding::to_hex(&medproof::crypto::sha256(&tx));
    let (hd, result) = net.include(tx);
    assert!(
        result.code != 0,
        "the ledger must refuse it: {}",
        result.log
    );
    net.empty_block();
    let k = medicine_keys(&net, "R1");
    let custody_txs = |r: &Report| -> Vec<String> {
        r.facts()["custody"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["tx"].as_str().unwrap().to_owned())
            .collect()
    };

    let b = net.bundle("medicine", 1, &[hc, hs, hr, hd], hd, &k);
    assert!(b["txs"]
        .as_array()
        .unwrap()
        .iter()
        .all(|t| t["result"].is_object()));
    let proven = run(&net, &scan("R1"), &b, 1);
    assert_eq!(
        proven.verdict(),
        Verdict::Verified,
        "{:?}",
        proven.reasons()
    );
    assert_eq!(custody_txs(&proven).len(), 3);
    assert!(!custody_txs(&proven).contains(&hash));
    let told = proven
        .reasons()
        .iter()
        .find(|r| r.code == "bundle.tx_refused")
        .expect("the refused dispensing is told");
    assert!(told
        .message
        .contains(&format!("refused by the ledger (code {})", result.code)));
    assert_eq!(
        proven.evidence_map()["refusedTxs"][0]["hash"],
        hash.as_str()
    );
    assert_eq!(proven.facts()["status"], "active");

    // The result withheld: unknown, shown as history, the verdict unchanged.
    let mut withheld = b.clone();
    let last = withheld["txs"].as_array_mut().unwrap().last_mut().unwrap();
    last.as_object_mut().unwrap().remove("result");
    let unknown = run(&net, &scan("R1"), &withheld, 1);
    assert_eq!(unknown.verdict(), proven.verdict());
    assert!(custody_txs(&unknown).contains(&hash));
    assert!(!unknown.has("bundle.tx_refused"));
    let entry = unknown.facts()["custody"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["tx"] == hash.as_str())
        .unwrap()
        .clone();
    assert!(entry["resultCode"].is_null());
    println!("verifiers_medicine: a refused event proven out of custody, and withheld as unknown");
}

#[test]
fn a_claimed_index_must_be_the_proven_position() {
    let mut net = Net::new();
    let maker = net.chain.cast.maker.clone();
    let (hc, _) = net.epcis(&maker, l::commission(GTIN, &["I1"], "L1", "2027-12-31"));
    net.empty_block();
    let k = medicine_keys(&net, "I1");
    let b = net.bundle("medicine", 1, &[hc], hc, &k);
    let honest = run(&net, &scan("I1"), &b, 1);
    assert_eq!(
        honest.verdict(),
        Verdict::Verified,
        "{:?}",
        honest.reasons()
    );

    // The same transaction claiming another position in its block (timelines sort by it).
    let mut moved = b.clone();
    let tx = &mut moved["txs"][0];
    let index = tx["index"].as_u64().unwrap();
    tx["index"] = (index + 1).into();
    let r = run(&net, &scan("I1"), &moved, 1);
    assert_ne!(r.verdict(), Verdict::Verified);
    let tampered = r
        .reasons()
        .iter()
        .find(|x| x.code == "medicine.tampered")
        .expect("the moved transaction is reported");
    assert!(
        tampered
            .message
            .contains("not the position the proof proves"),
        "{}",
        tampered.message
    );
    println!(
        "claimed index {} for a tx proven at {index}: refused",
        index + 1
    );
}

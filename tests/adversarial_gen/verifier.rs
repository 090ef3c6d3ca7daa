//! The verifier-level cases (area `verifier`): attacks on the five verifiers, each a bundle cut
//! from one tiny signed chain (tests/verifiers_support) that holds the transactions the attack
//! needs, also those the ledger refused: CometBFT keeps a refused transaction in its block (only
//! its result says it was refused), so a malicious server can prove it is there, and leave out
//! its result. What the verifiers trust is the proven state the ledger wrote; a result the bundle
//! proves (against `last_results_hash` of the next header) keeps a refused transaction out of
//! facts and timelines.

use std::collections::BTreeMap;

use medproof::crypto::ed25519::SigningKey;
use medproof::crypto::encoding::{to_base64, to_hex};
use medproof::crypto::jcs::canonicalize;
use medproof::crypto::sha256;
use medproof::demo::story::{staff_credential, status_list_credential, status_list_url, LIST_ID};
use medproof::ledger::state::keys;
use medproof::ledger::tx::{make_body, sign, Common, TxType};
use medproof::light::Time;
use medproof::verify::status_list::StatusList;
use medproof::verify::Severity;
use serde_json::{json, Value};

use crate::adversarial_support::{outcome, run_verifier};
use crate::verifiers_support::ledger::{self as l, did, key, CHAIN, GTIN};
use crate::verifiers_support::Net;
use crate::Case;

/// The status index of the credential the list revokes, and of one it does not.
const REVOKED_INDEX: u64 = 3;
const VALID_INDEX: u64 = 5;
/// The patient's record.
const RECORD_ID: &str = "lab-1";
const RECORD_TEXT: &[u8] = b"haemoglobin 13.9 g/dL";

/// The actors the shared ledger cast lacks.
struct Extra {
    /// A credential issuer accredited, then revoked.
    lapsed_issuer: SigningKey,
    /// The grantee of a grant made for another chain.
    foreign_grantee: SigningKey,
    /// Someone who signs consents for the patient.
    impostor: SigningKey,
    /// A grantee whose consent stands (a stranger tries to withdraw it).
    kept_grantee: SigningKey,
    /// A grantee whose consent is withdrawn, then granted again.
    regranted: SigningKey,
    /// The credentials' holder.
    nurse: SigningKey,
}

/// The chain, and where the attacks' transactions are.
struct World {
    net: Net,
    x: Extra,
    /// Where each named transaction is: (height, index).
    at: BTreeMap<&'static str, (u64, usize)>,
    /// The block being put together: name, bytes, and the ledger's code for it (`None`:
    /// applied).
    pending: Vec<(&'static str, Vec<u8>, Option<&'static str>)>,
    /// Transactions each signer has in `pending` that apply (they take sequences).
    pending_sequences: BTreeMap<String, u64>,
    /// Credentials by name.
    vc: BTreeMap<&'static str, Value>,
    /// The published status list credential's bytes.
    list: Vec<u8>,
    /// The state version every bundle proves (the last height with a transaction).
    version: u64,
}

/// A block time, from unix seconds.
fn time(secs: i64) -> Time {
    Time::from_unix(secs, 0).unwrap()
}

/// The list with the bit at `index` cleared, the issuer's proof left as it was.
fn cleared(list_bytes: &[u8], index: u64) -> Vec<u8> {
    let mut vc: Value = serde_json::from_slice(list_bytes).unwrap();
    let encoded = vc["credentialSubject"]["encodedList"].as_str().unwrap();
    let mut list = StatusList::decode(encoded).unwrap();
    list.set(index, 1, 0).unwrap();
    vc["credentialSubject"]["encodedList"] = json!(list.encode());
    canonicalize(&vc).unwrap()
}

fn grant(patient: &SigningKey, grantee: &SigningKey) -> Value {
    json!({"patient": did(patient), "grantee": did(grantee),
           "scope": {"categories": ["lab_result"]}, "purpose": "treatment",
           "expires": "2026-01-01T00:00:00Z"})
}

fn revoke(patient: &SigningKey, grantee: &SigningKey) -> Value {
    json!({"patient": did(patient), "grantee": did(grantee)})
}

/// A signed ledger transaction with an explicit chain id and sequence.
fn raw_tx(k: &SigningKey, ty: TxType, fields: &Value, chain_id: &str, sequence: u64) -> Vec<u8> {
    let common = Common {
        chain_id: chain_id.into(),
        sequence,
    };
    sign(k, ty, make_body(&common, fields).unwrap())
        .unwrap()
        .to_bytes()
        .unwrap()
}

impl World {
    /// `k`'s next sequence, counting its transactions in the block being put together.
    fn next_sequence(&self, k: &SigningKey) -> u64 {
        let pending = self.pending_sequences.get(&did(k)).copied().unwrap_or(0);
        self.net.chain.next_sequence(k) + pending
    }

    /// Add a transaction the ledger must apply; returns its bytes (to replay them).
    fn ok(&mut self, name: &'static str, k: &SigningKey, ty: TxType, fields: Value) -> Vec<u8> {
        let tx = raw_tx(k, ty, &fields, CHAIN, self.next_sequence(k));
        *self.pending_sequences.entry(did(k)).or_default() += 1;
        self.pending.push((name, tx.clone(), None));
        tx
    }

    /// Add a transaction the ledger must refuse with `code`.
    fn refused(
        &mut self,
        name: &'static str,
        k: &SigningKey,
        ty: TxType,
        fields: Value,
        code: &'static str,
    ) {
        let tx = raw_tx(k, ty, &fields, CHAIN, self.next_sequence(k));
        self.pending.push((name, tx, Some(code)));
    }

    fn event(&mut self, name: &'static str, k: &SigningKey, e: Value) {
        self.ok(name, k, TxType::EpcisEvent, json!({ "event": e }));
    }

    /// An event the ledger refuses for want of the role.
    fn refused_event(&mut self, name: &'static str, k: &SigningKey, e: Value) {
        let fields = json!({ "event": e });
        self.refused(name, k, TxType::EpcisEvent, fields, "ledger.not_accredited");
    }

    /// Put the pending transactions in one block, and check what the ledger said of each.
    fn commit(&mut self) {
        let pending = std::mem::take(&mut self.pending);
        self.pending_sequences.clear();
        let txs = pending.iter().map(|(_, tx, _)| tx.clone()).collect();
        let (height, results) = self.net.include_all(txs);
        for (index, ((name, _, code), r)) in pending.into_iter().zip(results).enumerate() {
            assert_eq!(r.reject_code(), code, "{name}: {}", r.log);
            self.at.insert(name, (height, index));
        }
    }

    fn build() -> World {
        let x = Extra {
            lapsed_issuer: key(20),
            foreign_grantee: key(21),
            impostor: key(22),
            kept_grantee: key(23),
            regranted: key(24),
            nurse: key(30),
        };
        let mut w = World {
            net: Net::new(),
            x,
            at: BTreeMap::new(),
            pending: Vec::new(),
            pending_sequences: BTreeMap::new(),
            vc: BTreeMap::new(),
            list: Vec::new(),
            version: 0,
        };
        let c = l::Cast::new();
        let item = |s: &str| l::item(GTIN, s);

        // Block A: an issuer accredited now, revoked two blocks later.
        let body = w.net.chain.accreditation(
            &w.x.lapsed_issuer,
            &["credential_issuer"],
            "2025-01-01T00:00:00Z",
            "2030-01-01T00:00:00Z",
        );
        w.ok(
            "accredit.lapsed",
            &c.regulator,
            TxType::RegistryAccredit,
            body,
        );
        w.commit();
        let before_revocation = w.net.chain.time + 60;

        // Block B: packs C1 (to be cloned), D1 (dispensed once) and G1 (held by the
        // wholesaler).
        w.event(
            "commission",
            &c.maker,
            l::commission(GTIN, &["C1", "D1", "G1"], "L1", "2027-12-31"),
        );
        let all = [item("C1"), item("D1"), item("G1")];
        w.event("ship.w", &c.maker, l::ship(&all, &did(&c.wholesaler)));
        w.event("receive.w", &c.wholesaler, l::receive(&all));
        let two = [item("C1"), item("D1")];
        w.event("ship.p", &c.wholesaler, l::ship(&two, &did(&c.pharmacy)));
        w.event("receive.p", &c.pharmacy, l::receive(&two));
        w.event("dispense.c1", &c.pharmacy, l::dispense(&[item("C1")]));
        w.event("dispense.d1", &c.pharmacy, l::dispense(&[item("D1")]));
        // The second dispensing of C1: accepted, recorded as a clone alert.
        w.event("dispense.c1.again", &c.pharmacy, l::dispense(&[item("C1")]));
        // Events signed without the role: the ledger refuses them, the block keeps them.
        let e = l::commission(GTIN, &["W1"], "LW", "2027-12-31");
        w.refused_event("commission.by.wholesaler", &c.wholesaler, e);
        let e = l::commission(GTIN, &["U1"], "LU", "2027-12-31");
        w.refused_event("commission.by.stranger", &c.stranger, e);
        let e = l::recall(&[], &[item("G1")]);
        w.refused_event("recall.by.wholesaler", &c.wholesaler, e);
        // The issuer's status list: the credential at REVOKED_INDEX revoked.
        w.list =
            status_list_credential(&c.issuer, &[REVOKED_INDEX], time(before_revocation)).unwrap();
        let fields = json!({"listId": LIST_ID, "version": 1, "sha256": to_hex(&sha256(&w.list)),
            "credential": to_base64(&w.list), "url": status_list_url(&c.issuer)});
        w.ok("status.v1", &c.issuer, TxType::StatusPublish, fields);
        w.commit();

        // Block C: the lapsed issuer's accreditation revoked; the patient's consents and record.
        let fields = json!({"actor": did(&w.x.lapsed_issuer), "reason": "licence withdrawn"});
        w.ok(
            "revoke.lapsed",
            &c.regulator,
            TxType::RegistryRevoke,
            fields,
        );
        let p = c.patient.clone();
        let (g, k) = (w.x.regranted.clone(), w.x.kept_grantee.clone());
        let grant_doctor = w.ok(
            "grant.doctor",
            &p,
            TxType::ConsentGrant,
            grant(&p, &c.doctor),
        );
        w.ok(
            "revoke.doctor",
            &p,
            TxType::ConsentRevoke,
            revoke(&p, &c.doctor),
        );
        w.ok("grant.regranted", &p, TxType::ConsentGrant, grant(&p, &g));
        let revoke_regranted = w.ok(
            "revoke.regranted",
            &p,
            TxType::ConsentRevoke,
            revoke(&p, &g),
        );
        w.ok(
            "grant.regranted.again",
            &p,
            TxType::ConsentGrant,
            grant(&p, &g),
        );
        w.ok("grant.kept", &p, TxType::ConsentGrant, grant(&p, &k));
        w.ok(
            "anchor",
            &c.provider,
            TxType::RecordAnchor,
            json!({"patient": did(&p),
            "recordId": RECORD_ID, "category": "lab_result",
            "sha256": to_hex(&sha256(RECORD_TEXT)), "size": RECORD_TEXT.len()}),
        );
        w.commit();
        let after_revocation = w.net.chain.time + 60;

        // Block D: replays, and consents signed by others than the patient.
        w.pending.push((
            "grant.doctor.replayed",
            grant_doctor,
            Some("ledger.bad_sequence"),
        ));
        w.pending.push((
            "revoke.regranted.replayed",
            revoke_regranted,
            Some("ledger.bad_sequence"),
        ));
        // A grant the patient signed for another chain id.
        let seq = w.next_sequence(&p);
        let foreign = raw_tx(
            &p,
            TxType::ConsentGrant,
            &grant(&p, &w.x.foreign_grantee),
            "medproof-other-1",
            seq,
        );
        w.pending
            .push(("grant.other.chain", foreign, Some("ledger.wrong_chain")));
        // Signed by the grantee as itself, and in the patient's name with the grantee's key.
        let imp = w.x.impostor.clone();
        w.refused(
            "grant.by.impostor",
            &imp,
            TxType::ConsentGrant,
            grant(&p, &imp),
            "ledger.not_patient",
        );
        let common = Common {
            chain_id: CHAIN.into(),
            sequence: seq,
        };
        let mut env = sign(
            &imp,
            TxType::ConsentGrant,
            make_body(&common, &grant(&p, &imp)).unwrap(),
        )
        .unwrap();
        env.signer = did(&p);
        w.pending.push((
            "grant.forged",
            env.to_bytes().unwrap(),
            Some("ledger.bad_signature"),
        ));
        // A stranger withdrawing a consent that stands.
        w.refused(
            "revoke.by.stranger",
            &c.stranger,
            TxType::ConsentRevoke,
            revoke(&p, &k),
            "ledger.not_patient",
        );
        w.commit();

        w.version = w.net.chain.app.height();
        w.net.empty_block();

        // Credentials (off chain).
        let nurse = w.x.nurse.clone();
        let lapsed = w.x.lapsed_issuer.clone();
        let before = time(before_revocation).to_rfc3339();
        let after = time(after_revocation).to_rfc3339();
        for (n, (name, issuer, from, status_index)) in [
            ("valid", &c.issuer, &before, Some(VALID_INDEX)),
            ("revoked", &c.issuer, &before, Some(REVOKED_INDEX)),
            ("stranger", &c.stranger, &before, None),
            ("hospital", &c.hospital, &before, None),
            ("lapsed.before", &lapsed, &before, None),
            ("lapsed.after", &lapsed, &after, None),
        ]
        .into_iter()
        .enumerate()
        {
            let id = format!("6f1c2d3e-0000-4000-8000-{n:012}");
            let until = "2027-01-01T00:00:00Z";
            let vc = staff_credential(issuer, &nurse, &id, from, until, status_index).unwrap();
            w.vc.insert(name, vc);
        }
        w
    }

    /// A bundle of `kind` with the transactions named, the state at the shared version with
    /// proofs of `state_keys` (and of genesis), from a checkpoint at height 1.
    fn bundle(&self, kind: &str, txs: &[&str], state_keys: &[String]) -> Value {
        let at: Vec<(u64, usize)> = txs.iter().map(|n| self.at[n]).collect();
        let mut k = vec![keys::GENESIS.to_string()];
        k.extend_from_slice(state_keys);
        self.net.bundle_at(kind, 1, &at, self.version, &k)
    }

    /// A case named `gen-verifier-{name}` whose judge's outcome must be `expect`.
    fn case(&self, name: &str, expect: &str, why: &'static str, ask: Ask) -> Case {
        let mut input = json!({"kind": ask.kind, "input": ask.input,
            "bundle": ask.bundle.to_string(), "trust": self.net.trust(1),
            "now": self.net.now().to_rfc3339()});
        if let Some(v) = ask.viewer {
            input["viewer"] = json!(v);
        }
        let got = outcome("verifier", &input);
        assert_eq!(got, expect, "gen-verifier-{name}");
        Case {
            name: format!("gen-verifier-{name}"),
            why,
            area: "verifier",
            input,
            expect: expect.into(),
        }
    }
}

/// Check that `case`'s report also holds the error `code` (after the one the corpus names).
fn also(case: &Case, code: &str) {
    let report = run_verifier(&case.input).unwrap();
    let errors: Vec<&str> = report
        .reasons()
        .iter()
        .filter(|r| r.severity == Severity::Error)
        .map(|r| r.code.as_str())
        .collect();
    assert!(
        errors.first() == Some(&case.expect.as_str()) && errors[1..].contains(&code),
        "{}: errors {errors:?}, wanted {} then {code}",
        case.name,
        case.expect
    );
}

/// Check that `case`'s report also has a reason (any severity) whose message names `code`
/// (the code of a failed check is carried in `medicine.tampered` and `bundle.tx_invalid`).
fn mentions(case: &Case, code: &str) {
    let report = run_verifier(&case.input).unwrap();
    assert!(
        report.reasons().iter().any(|r| r.message.contains(code)),
        "{}: no reason names {code}: {:?}",
        case.name,
        report.reasons()
    );
}

/// Check that `case`'s report keeps the transaction `hash` (lower-case hex) out of the custody
/// timeline and of the trusted transactions, and tells it was refused with `code`.
fn refused_shown(case: &Case, hash: &str, code: u32) {
    let report = run_verifier(&case.input).unwrap();
    let custody = report.facts()["custody"].as_array().unwrap();
    assert!(!custody.is_empty(), "{}: an empty timeline", case.name);
    assert!(
        custody
            .iter()
            .all(|e| e["tx"] != hash && e["resultCode"] == 0),
        "{}: the refused {hash} in the timeline, or an event not proven applied",
        case.name
    );
    let evidence = report.evidence_map();
    assert!(!evidence["txs"]
        .as_array()
        .unwrap()
        .iter()
        .any(|t| t == hash));
    assert_eq!(
        evidence["refusedTxs"],
        json!([{"hash": hash, "height": evidence["refusedTxs"][0]["height"], "code": code}]),
        "{}",
        case.name
    );
    let told = report
        .reasons()
        .iter()
        .find(|r| r.code == "bundle.tx_refused");
    assert!(
        told.is_some_and(|r| r.severity == Severity::Info
            && r.message
                .contains(&format!("refused by the ledger (code {code})"))),
        "{}: {:?}",
        case.name,
        report.reasons()
    );
}

/// What a case asks a verifier: its kind, the input, the bundle, and a record's viewer.
struct Ask {
    kind: &'static str,
    input: Value,
    bundle: Value,
    viewer: Option<String>,
}

fn ask(kind: &'static str, input: Value, bundle: Value) -> Ask {
    Ask {
        kind,
        input,
        bundle,
        viewer: None,
    }
}

/// Every verifier case; each one's code is checked through the corpus's judge before it is
/// written.
pub fn verifier_cases() -> Vec<Case> {
    let w = World::build();
    let c = l::Cast::new();
    let mut out = Vec::new();
    let actor = |k: &SigningKey| keys::actor(&did(k));

    // Medicines: the pack's serial, lot and manufacturer proven, and its custody events.
    let medicine = |serial: &str, txs: &[&str], state_keys: &[String]| {
        let bundle = w.bundle("medicine", txs, state_keys);
        ask("medicine", json!(l::item(GTIN, serial)), bundle)
    };
    let pack = |serial: &str| {
        vec![
            keys::serial(GTIN, serial),
            keys::lot(GTIN, "L1"),
            actor(&c.maker),
        ]
    };
    let to_wholesaler = ["commission", "ship.w", "receive.w"];
    let to_pharmacy = |then: &[&'static str]| -> Vec<&'static str> {
        let mut v = to_wholesaler.to_vec();
        v.extend(["ship.p", "receive.p"]);
        v.extend_from_slice(then);
        v
    };
    out.push(w.case(
        "medicine-dispensed-once",
        "ok",
        "control: a pack dispensed once, its whole custody proven",
        medicine("D1", &to_pharmacy(&["dispense.d1"]), &pack("D1")),
    ));
    out.push(w.case(
        "medicine-dispensed-twice",
        "medicine.clone_suspected",
        "one serial dispensed twice: a copy of its code is in circulation (the ledger keeps the \
         second dispensing as an alert on the serial)",
        medicine(
            "C1",
            &to_pharmacy(&["dispense.c1", "dispense.c1.again"]),
            &pack("C1"),
        ),
    ));
    out.push(w.case(
        "medicine-dispensed-twice-event-dropped",
        "medicine.clone_suspected",
        "the same clone, the bundle leaving out the second dispensing: the alert is proven state",
        medicine("C1", &to_pharmacy(&["dispense.c1"]), &pack("C1")),
    ));
    out.push(w.case(
        "medicine-commissioned-by-wholesaler",
        "medicine.manufacturer_not_accredited",
        "a serial commissioned by an accredited wholesaler, not a manufacturer: the ledger \
         refused it, the bundle shows it in its block and proves the wholesaler's accreditation",
        medicine(
            "W1",
            &["commission.by.wholesaler"],
            &[keys::serial(GTIN, "W1"), actor(&c.wholesaler)],
        ),
    ));
    also(out.last().unwrap(), "medicine.unknown_serial");
    out.push(w.case(
        "medicine-commissioned-by-unregistered-key",
        "medicine.manufacturer_not_accredited",
        "a serial commissioned by a key never accredited: the ledger refused it, the bundle \
         shows it in its block and proves the key has no accreditation",
        medicine(
            "U1",
            &["commission.by.stranger"],
            &[keys::serial(GTIN, "U1"), actor(&c.stranger)],
        ),
    ));
    also(out.last().unwrap(), "medicine.unknown_serial");
    out.push(w.case(
        "medicine-commissioned-by-unproven-signer",
        "medicine.unknown_serial",
        "the wholesaler's refused commissioning with no proof about the wholesaler: only the \
         serial's absence is proven",
        medicine(
            "W1",
            &["commission.by.wholesaler"],
            &[keys::serial(GTIN, "W1")],
        ),
    ));
    let mut txs = to_wholesaler.to_vec();
    txs.push("recall.by.wholesaler");
    out.push(w.case(
        "medicine-recall-by-wholesaler",
        "ok",
        "control: a recall of the pack signed by a wholesaler (refused by the ledger) in the \
         bundle: the proven state holds no recall",
        medicine("G1", &txs, &pack("G1")),
    ));
    let recall_at = w.at["recall.by.wholesaler"];
    let recall_hash = to_hex(&sha256(&w.net.txs[recall_at.0 as usize][recall_at.1]));
    let recall_code = w.net.results[recall_at.0 as usize][recall_at.1];
    refused_shown(out.last().unwrap(), &recall_hash, recall_code);
    // The recall's result, altered in the bundle (it is the last transaction).
    let recall = |change: &dyn Fn(&mut Value)| {
        let mut a = medicine("G1", &txs, &pack("G1"));
        let last = a.bundle["txs"].as_array_mut().unwrap().last_mut().unwrap();
        change(last);
        a
    };
    out.push(w.case(
        "medicine-recall-result-withheld",
        "ok",
        "control: the refused recall with its result left out: whether the ledger applied it is \
         unknown, and the verdict rests on the proven state, which holds no recall",
        recall(&|t| {
            t.as_object_mut().unwrap().remove("result");
        }),
    ));
    out.push(w.case(
        "medicine-recall-result-code-zero",
        "medicine.tampered",
        "the refused recall's result code changed to 0 (applied), its proof kept: the result no \
         longer verifies against the next header's last_results_hash (bundle.result_invalid)",
        recall(&|t| {
            t["result"].as_object_mut().unwrap().remove("code");
        }),
    ));
    mentions(out.last().unwrap(), "bundle.result_invalid");
    out.push(w.case(
        "medicine-recall-result-proof-tampered",
        "medicine.tampered",
        "the refused recall's result proof with its leaf hash altered (bundle.result_invalid)",
        recall(&|t| {
            let mut leaf = medproof::crypto::encoding::from_base64(
                t["result"]["proof"]["leaf_hash"].as_str().unwrap(),
            )
            .unwrap();
            leaf[0] ^= 1;
            t["result"]["proof"]["leaf_hash"] = json!(to_base64(&leaf));
        }),
    ));
    mentions(out.last().unwrap(), "bundle.result_invalid");
    let other_at = w.at["accredit.lapsed"];
    out.push(w.case(
        "medicine-recall-result-from-other-block",
        "medicine.tampered",
        "the refused recall shown with the result (code 0) of a transaction of another block: \
         not its position, nor under the next header's last_results_hash (bundle.result_invalid)",
        recall(&|t| {
            t["result"] = w.net.result_proof(other_at.0, other_at.1);
        }),
    ));
    mentions(out.last().unwrap(), "bundle.result_invalid");
    let receipt_at = w.at["receive.w"];
    assert_eq!(
        receipt_at.0, recall_at.0,
        "the receipt shares the recall's block"
    );
    out.push(w.case(
        "medicine-recall-claims-neighbours-result",
        "medicine.tampered",
        "the refused recall claiming the index of the wholesaler's receipt in the same block, \
         with the receipt's valid result (code 0): a claimed index must be the position the \
         transaction proof proves (bundle.tx_mismatch), and results are checked at that position",
        recall(&|t| {
            t["index"] = json!(receipt_at.1);
            t["result"] = w.net.result_proof(receipt_at.0, receipt_at.1);
        }),
    ));
    mentions(out.last().unwrap(), "bundle.tx_mismatch");
    let mut bad_scan = medicine("G1", &to_wholesaler, &pack("G1"));
    bad_scan.input = json!(l::item("09506000134353", "G1"));
    out.push(w.case(
        "medicine-scan-check-digit-wrong",
        "gs1.check_digit",
        "the pack's barcode with its GTIN check digit off by one: refused before the bundle is \
         read",
        bad_scan,
    ));

    // Credentials: the issuer's accreditation, and its status list and the list's anchor.
    let credential = |vc: &str, txs: &[&str], state_keys: &[String], list: Option<&[u8]>| {
        let mut bundle = w.bundle("credential", txs, state_keys);
        if let Some(list) = list {
            bundle["extra"] = json!({"statusListCredentials": { LIST_ID: to_base64(list) }});
        }
        ask("credential", w.vc[vc].clone(), bundle)
    };
    let list_key = keys::status_list(&did(&c.issuer), LIST_ID);
    let listed = [actor(&c.issuer), list_key.clone()];
    let tampered = cleared(&w.list, REVOKED_INDEX);
    out.push(w.case(
        "credential-valid",
        "ok",
        "control: an accredited issuer, the credential's bit clear in the list it anchored",
        credential("valid", &["status.v1"], &listed, Some(&w.list)),
    ));
    out.push(w.case(
        "credential-revoked",
        "credential.revoked",
        "control: the same issuer and list, the credential's revocation bit set",
        credential("revoked", &["status.v1"], &listed, Some(&w.list)),
    ));
    out.push(w.case(
        "status-list-bit-cleared",
        "credential.status_list_mismatch",
        "the revoked credential, the bundle's status list altered to clear its bit (the \
         issuer's proof left as it was): not the list the issuer anchored",
        credential("revoked", &["status.v1"], &listed, Some(&tampered)),
    ));
    let mut forged = credential("revoked", &["status.v1"], &listed, Some(&tampered));
    for p in forged.bundle["state"]["proofs"].as_array_mut().unwrap() {
        if p["key"] == list_key.as_str() {
            let mut v: Value = serde_json::from_str(p["value"].as_str().unwrap()).unwrap();
            v["sha256"] = json!(to_hex(&sha256(&tampered)));
            p["value"] = json!(v.to_string());
        }
    }
    out.push(w.case(
        "status-list-anchor-altered",
        "bundle.state_proof",
        "the altered list, and the proven anchor's hash changed to match it: the state proof \
         no longer verifies against the header's app hash",
        forged,
    ));
    out.push(w.case(
        "credential-issuer-never-accredited",
        "credential.issuer_not_accredited",
        "a credential signed by a key the ledger proves was never accredited",
        credential("stranger", &[], &[actor(&c.stranger)], None),
    ));
    out.push(w.case(
        "credential-issuer-other-role",
        "credential.issuer_not_accredited",
        "a credential signed by an accredited hospital, not a credential issuer",
        credential("hospital", &[], &[actor(&c.hospital)], None),
    ));
    let lapsed = [actor(&w.x.lapsed_issuer)];
    out.push(w.case(
        "credential-issued-after-issuer-revoked",
        "credential.issuer_revoked_before_issuance",
        "a credential valid from after its issuer's accreditation was revoked",
        credential("lapsed.after", &[], &lapsed, None),
    ));
    out.push(w.case(
        "credential-issued-before-issuer-revoked",
        "ok",
        "control: a credential valid from before its issuer's accreditation was revoked stands: \
         the issuer was accredited when it issued it",
        credential("lapsed.before", &[], &lapsed, None),
    ));

    // Consent: the proven entry of the patient's consent to the grantee.
    let p = &c.patient;
    let consent = |grantee: &SigningKey, txs: &[&str]| {
        let bundle = w.bundle("consent", txs, &[keys::consent(&did(p), &did(grantee))]);
        ask(
            "consent",
            json!({"patient": did(p), "grantee": did(grantee)}),
            bundle,
        )
    };
    out.push(w.case(
        "consent-grant-replayed",
        "consent.revoked",
        "a withdrawn consent's grant replayed (its sequence used) in a later block: the ledger \
         refused it, the consent stays withdrawn",
        consent(
            &c.doctor,
            &["grant.doctor", "revoke.doctor", "grant.doctor.replayed"],
        ),
    ));
    out.push(w.case(
        "consent-revocation-replayed",
        "ok",
        "control: a consent withdrawn then granted again, the withdrawal replayed: refused, the \
         new consent stands",
        consent(
            &w.x.regranted,
            &[
                "grant.regranted",
                "revoke.regranted",
                "grant.regranted.again",
                "revoke.regranted.replayed",
            ],
        ),
    ));
    out.push(w.case(
        "consent-grant-other-chain",
        "consent.never_granted",
        "the patient's grant signed for another chain id, in a block of this one: never granted \
         here (the transaction is reported after, bundle.tx_invalid)",
        consent(&w.x.foreign_grantee, &["grant.other.chain"]),
    ));
    also(out.last().unwrap(), "bundle.tx_invalid");
    out.push(w.case(
        "consent-signed-by-grantee",
        "consent.never_granted",
        "a grant of the patient's consent signed by the grantee itself: refused (not the \
         patient), never granted",
        consent(&w.x.impostor, &["grant.by.impostor"]),
    ));
    out.push(w.case(
        "consent-forged-patient-signature",
        "consent.never_granted",
        "a grant naming the patient as signer, signed by the grantee's key: never granted (the \
         bad signature is reported after, bundle.tx_invalid)",
        consent(&w.x.impostor, &["grant.forged"]),
    ));
    also(out.last().unwrap(), "bundle.tx_invalid");
    out.push(w.case(
        "consent-revoked-by-stranger",
        "ok",
        "control: a withdrawal of the patient's consent signed by someone else, refused: the \
         consent stands",
        consent(&w.x.kept_grantee, &["grant.kept", "revoke.by.stranger"]),
    ));

    // Records: the anchored record for a viewer, who needs the patient's consent.
    let digest = json!({"sha256Hex": to_hex(&sha256(RECORD_TEXT)), "size": RECORD_TEXT.len()});
    let record = |viewer: &SigningKey, grant_tx: &'static str| {
        let state_keys = [
            keys::record(&did(p), RECORD_ID),
            keys::consent(&did(p), &did(viewer)),
            actor(&c.provider),
        ];
        let mut bundle = w.bundle("record", &["anchor", grant_tx], &state_keys);
        bundle["subject"] = json!({"patient": did(p), "recordId": RECORD_ID});
        Ask {
            viewer: Some(did(viewer)),
            ..ask("record", digest.clone(), bundle)
        }
    };
    out.push(w.case(
        "record-consent-signed-by-viewer",
        "consent.never_granted",
        "the anchored record, for a viewer who signed the patient's consent to itself (refused)",
        record(&w.x.impostor, "grant.by.impostor"),
    ));
    out.push(w.case(
        "record-consent-granted",
        "ok",
        "control: the same record for a viewer the patient granted consent",
        record(&w.x.kept_grantee, "grant.kept"),
    ));
    out
}

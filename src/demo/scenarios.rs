//! The demo's scenarios, omission bundles and the files written under `www/demo/`.

use serde_json::{json, Value};

use crate::crypto::encoding::{from_base64, to_base64, to_hex};
use crate::crypto::sha256;
use crate::ledger::state::keys;

use super::bundle::{build, state_proof, BundleSpec};
use super::chain::ChainError;
use super::encode::{compact, qr_png, QR_ALPHANUMERIC_CAPACITY};
use super::story::*;

/// One scenario: an input, its bundle, and the verdict a correct verifier gives at `now`.
pub struct Scenario {
    /// Id (file names).
    pub id: String,
    /// Title.
    pub title: String,
    /// Kind.
    pub kind: String,
    /// The input (a pack URI, a credential, a record path, a consent form, a claim).
    pub input: Value,
    /// The bundle.
    pub bundle: Value,
    /// The record viewer, for records.
    pub viewer: Option<String>,
    /// Expected verdict.
    pub verdict: &'static str,
    /// Expected main reason code.
    pub code: &'static str,
}

/// An omission bundle: what a dishonest server would serve, and what it hides.
pub struct Omission {
    /// Id.
    pub id: String,
    /// The honest scenario it is derived from.
    pub base: String,
    /// How it lies: `dropped`, `stale` or `wrong_value`.
    pub attack: &'static str,
    /// What it hides.
    pub hides: &'static str,
    /// The key whose proof is dropped, stale or altered.
    pub key: String,
    /// The bundle.
    pub bundle: Value,
}

/// The state version of every honest bundle: the last but one height (its proofs verify
/// against the last header).
pub const STATE_HEIGHT: i64 = LAST_HEIGHT - 1;

fn tx_refs(s: &Story, names: &[&str]) -> Vec<TxRef> {
    let mut v: Vec<TxRef> = names
        .iter()
        .filter_map(|n| s.txs.get(*n).cloned())
        .collect();
    v.sort_by_key(|t| (t.height, t.index));
    v
}

fn common_keys(s: &Story, mut extra: Vec<String>) -> Vec<String> {
    let _ = s;
    extra.insert(0, keys::GENESIS.to_string());
    extra.insert(1, keys::BLOCK.to_string());
    extra
}

#[allow(clippy::too_many_arguments)]
fn scenario(
    s: &Story,
    id: &str,
    title: &str,
    kind: &str,
    input: Value,
    subject: Value,
    txs: &[&str],
    state_keys: Vec<String>,
    extra: Value,
    verdict: &'static str,
    code: &'static str,
) -> Result<Scenario, ChainError> {
    let bundle = build(
        &s.chain,
        &BundleSpec {
            kind,
            subject,
            txs: tx_refs(s, txs),
            keys: common_keys(s, state_keys),
            state_height: STATE_HEIGHT,
            extra,
        },
    )?;
    Ok(Scenario {
        id: id.into(),
        title: title.into(),
        kind: kind.into(),
        input,
        bundle,
        viewer: None,
        verdict,
        code,
    })
}

#[allow(clippy::too_many_arguments)]
fn medicine(
    s: &Story,
    id: &str,
    title: &str,
    serial: &str,
    gtin: &str,
    lot: Option<&str>,
    actors: &[String],
    verdict: &'static str,
    code: &'static str,
) -> Result<Scenario, ChainError> {
    let uri = pack_uri(gtin, serial);
    let names: Vec<&str> = s
        .timeline
        .get(serial)
        .map(|v| v.iter().map(String::as_str).collect())
        .unwrap_or_default();
    let mut k = vec![keys::serial(gtin, serial)];
    if let Some(l) = lot {
        k.push(keys::lot(gtin, l));
    }
    k.extend(actors.iter().map(|a| keys::actor(a)));
    scenario(
        s,
        id,
        title,
        "medicine",
        json!(uri),
        json!({"pack": uri}),
        &names,
        k,
        json!({}),
        verdict,
        code,
    )
}

#[allow(clippy::too_many_arguments)]
fn credential(
    s: &Story,
    id: &str,
    title: &str,
    name: &str,
    issuer: &crate::crypto::ed25519::SigningKey,
    with_status: bool,
    verdict: &'static str,
    code: &'static str,
) -> Result<Scenario, ChainError> {
    let vc = s.credentials.get(name).cloned().unwrap_or(Value::Null);
    let mut k = vec![keys::actor(&did(issuer))];
    let mut txs = Vec::new();
    let mut extra = json!({"credential": vc});
    if with_status {
        k.push(keys::status_list(&did(issuer), LIST_ID));
        txs.push("status.v2");
        let list = s.status_lists.get(&2).cloned().unwrap_or_default();
        extra["statusListCredentials"] = json!({ LIST_ID: to_base64(&list) });
    }
    let subject = json!({"credential": vc["id"], "issuer": did(issuer)});
    scenario(
        s,
        id,
        title,
        "credential",
        vc,
        subject,
        &txs,
        k,
        extra,
        verdict,
        code,
    )
}

#[allow(clippy::too_many_arguments)]
fn consent(
    s: &Story,
    id: &str,
    title: &str,
    patient: &crate::crypto::ed25519::SigningKey,
    grantee: &crate::crypto::ed25519::SigningKey,
    txs: &[&str],
    expires: &str,
    verdict: &'static str,
    code: &'static str,
) -> Result<Scenario, ChainError> {
    let input = json!({"patient": did(patient), "grantee": did(grantee),
        "scope": {"categories": ["lab_result"]}, "purpose": "treatment", "expires": expires,
        "sequence": 1, "chainId": CHAIN_ID});
    let k = vec![keys::consent(&did(patient), &did(grantee))];
    let subject = json!({"patient": did(patient), "grantee": did(grantee)});
    scenario(
        s,
        id,
        title,
        "consent",
        input,
        subject,
        txs,
        k,
        json!({}),
        verdict,
        code,
    )
}

#[allow(clippy::too_many_arguments)]
fn chargeback(
    s: &Story,
    id: &str,
    title: &str,
    shipment: &str,
    chargeback_minor: u64,
    txs: &[&str],
    verdict: &'static str,
    code: &'static str,
) -> Result<Scenario, ChainError> {
    let c = &s.cast;
    let shipment_hash = s
        .txs
        .get(shipment)
        .map(|t| t.hash.clone())
        .unwrap_or_default();
    let claim = json!({"claimId": format!("CB-{id}"), "contractId": CONTRACT_ID,
        "claimant": did(&c.wholesaler), "debtor": did(&c.maker), "shipment": shipment_hash,
        "currency": "EUR", "lines": [{"gtin": GTIN, "quantity": 1, "chargebackMinor": chargeback_minor}]});
    let k = vec![
        keys::contract(CONTRACT_ID),
        keys::shipment(&shipment_hash),
        keys::chargeback(CONTRACT_ID, &shipment_hash),
        keys::actor(&did(&c.wholesaler)),
        keys::actor(&did(&c.maker)),
    ];
    let mut names = vec!["contract.propose", "contract.accept", shipment];
    names.extend_from_slice(txs);
    let subject = json!({"contractId": CONTRACT_ID, "shipment": shipment_hash});
    scenario(
        s,
        id,
        title,
        "contract",
        claim.clone(),
        subject,
        &names,
        k,
        json!({"claim": claim}),
        verdict,
        code,
    )
}

/// Every scenario of the demo.
pub fn scenarios(s: &Story) -> Result<Vec<Scenario>, ChainError> {
    let c = &s.cast;
    let maker = did(&c.maker);
    let pharmacy = did(&c.pharmacy);
    let mut out = vec![
        medicine(
            s,
            "genuine-pack",
            "Genuine pack, dispensed once by an accredited pharmacy",
            "GEN001",
            GTIN,
            Some("L-GEN"),
            &[maker.clone(), pharmacy.clone()],
            "verified",
            "medicine.genuine",
        )?,
        medicine(
            s,
            "unknown-serial",
            "Serial number never commissioned",
            "UNK999",
            GTIN,
            None,
            std::slice::from_ref(&maker),
            "not_verified",
            "medicine.unknown_serial",
        )?,
        medicine(
            s,
            "cloned-serial",
            "Cloned serial: dispensed twice",
            "CLN001",
            GTIN,
            Some("L-GEN"),
            &[maker.clone(), pharmacy.clone()],
            "not_verified",
            "medicine.clone_suspected",
        )?,
        medicine(
            s,
            "recalled-lot",
            "Pack from a recalled lot",
            "RCL001",
            GTIN,
            Some("L-RCL"),
            &[maker.clone(), pharmacy.clone()],
            "not_verified",
            "medicine.recalled",
        )?,
        medicine(
            s,
            "expired-pack",
            "Pack past its expiry date",
            "EXP001",
            GTIN,
            Some("L-EXP"),
            &[maker.clone(), pharmacy.clone()],
            "not_verified",
            "medicine.expired",
        )?,
        medicine(
            s,
            "repackaged-pack",
            "Pack repackaged by an accredited repackager",
            "RPKN001",
            GTIN,
            Some("R-L1"),
            &[did(&c.repackager), maker.clone()],
            "warning",
            "medicine.repackaged",
        )?,
        medicine(
            s,
            "unaccredited-manufacturer",
            "Pack commissioned by a manufacturer never accredited (the ledger rejected it)",
            "FAKE001",
            GTIN_FAKE,
            Some("X1"),
            &[did(&c.maker_unaccredited)],
            "not_verified",
            "medicine.manufacturer_not_accredited",
        )?,
    ];
    // Tampered: the genuine pack's bundle with one transaction's bytes altered after the fact
    // (its `hash` recomputed, its Merkle proof left as it was).
    let mut tampered = medicine(
        s,
        "tampered-event",
        "A custody event altered after the fact",
        "GEN001",
        GTIN,
        Some("L-GEN"),
        &[maker.clone(), pharmacy.clone()],
        "not_verified",
        "medicine.tampered",
    )?;
    if let Some(tx) = tampered.bundle["txs"].get_mut(1) {
        let bytes = tx["tx"]
            .as_str()
            .and_then(|b| from_base64(b).ok())
            .unwrap_or_default();
        let text = String::from_utf8_lossy(&bytes).replace("GEN001", "GEN002");
        tx["tx"] = json!(to_base64(text.as_bytes()));
        tx["hash"] = json!(crate::crypto::encoding::to_hex_upper(&sha256(
            text.as_bytes()
        )));
        tx["proof"]["data"] = tx["tx"].clone();
    }
    out.push(tampered);

    out.push(credential(
        s,
        "credential-valid",
        "Nursing licence, valid",
        "valid",
        &c.issuer,
        true,
        "verified",
        "credential.valid",
    )?);
    out.push(credential(
        s,
        "credential-revoked",
        "Nursing licence, revoked (status list bit set)",
        "revoked",
        &c.issuer,
        true,
        "not_verified",
        "credential.revoked",
    )?);
    out.push(credential(
        s,
        "credential-expired",
        "Nursing licence, expired",
        "expired",
        &c.issuer,
        true,
        "not_verified",
        "credential.expired",
    )?);
    out.push(credential(
        s,
        "credential-issuer-not-accredited",
        "Issued by an issuer never accredited",
        "issuer-unaccredited",
        &c.issuer_unaccredited,
        false,
        "not_verified",
        "credential.issuer_not_accredited",
    )?);
    out.push(credential(
        s,
        "credential-issuer-revoked",
        "Issued after the issuer's accreditation was revoked",
        "issuer-revoked",
        &c.issuer_revoked,
        false,
        "not_verified",
        "credential.issuer_revoked_before_issuance",
    )?);

    let patient = &c.patients[0];
    for (id, title, path, verdict, code) in [
        (
            "record-match",
            "Lab report matching its anchor",
            "demo/records/lab-2025-001.txt",
            "verified",
            "record.match",
        ),
        (
            "record-mismatch",
            "Lab report altered after anchoring",
            "demo/records/lab-2025-001-altered.txt",
            "not_verified",
            "record.mismatch",
        ),
    ] {
        let k = vec![
            keys::record(&did(patient), RECORD_ID),
            keys::consent(&did(patient), &did(&c.doctor)),
            keys::actor(&did(&c.provider)),
        ];
        let subject = json!({"patient": did(patient), "recordId": RECORD_ID});
        let mut sc = scenario(
            s,
            id,
            title,
            "record",
            json!(path),
            subject,
            &["record.anchor", "consent.grant.doctor"],
            k,
            json!({}),
            verdict,
            code,
        )?;
        sc.viewer = Some(did(&c.doctor));
        out.push(sc);
    }

    out.push(consent(
        s,
        "consent-granted",
        "Consent standing",
        patient,
        &c.doctor,
        &["consent.grant.doctor"],
        "2026-03-01T00:00:00Z",
        "verified",
        "consent.granted",
    )?);
    out.push(consent(
        s,
        "consent-revoked",
        "Consent withdrawn by the patient",
        patient,
        &c.researcher,
        &["consent.grant.researcher", "consent.revoke.researcher"],
        "2026-03-01T00:00:00Z",
        "not_verified",
        "consent.revoked",
    )?);
    out.push(consent(
        s,
        "consent-expired",
        "Consent expired",
        &c.patients[1],
        &c.doctor,
        &["consent.grant.expiring"],
        "2025-03-06T00:00:00Z",
        "not_verified",
        "consent.expired",
    )?);
    out.push(consent(
        s,
        "consent-never-granted",
        "Consent never granted",
        &c.patients[2],
        &c.doctor,
        &[],
        "2026-03-01T00:00:00Z",
        "not_verified",
        "consent.never_granted",
    )?);

    out.push(chargeback(
        s,
        "chargeback-valid",
        "Chargeback claim matching the contract",
        "ship.hospital.1",
        300,
        &[],
        "verified",
        "chargeback.valid",
    )?);
    out.push(chargeback(
        s,
        "chargeback-price-mismatch",
        "Chargeback at another amount than the contract's",
        "ship.hospital.1",
        450,
        &[],
        "not_verified",
        "chargeback.price_mismatch",
    )?);
    out.push(chargeback(
        s,
        "chargeback-duplicate",
        "Chargeback already claimed for this shipment",
        "ship.hospital.2",
        300,
        &["chargeback.claimed"],
        "not_verified",
        "chargeback.duplicate_claim",
    )?);
    out.push(chargeback(
        s,
        "chargeback-not-shipped",
        "Chargeback for a shipment that never went to the contract's buyer",
        "ship.pharmacy.cb",
        300,
        &[],
        "not_verified",
        "chargeback.not_shipped",
    )?);
    Ok(out)
}

fn omit(
    s: &Story,
    base: &Scenario,
    hides: &'static str,
    key: &str,
    hidden_tx: &str,
) -> Result<Vec<Omission>, ChainError> {
    let hidden_hash = s
        .txs
        .get(hidden_tx)
        .map(|t| t.hash.to_uppercase())
        .unwrap_or_default();
    let drop_tx = |b: &mut Value| {
        if let Some(txs) = b["txs"].as_array_mut() {
            txs.retain(|t| t["hash"].as_str() != Some(hidden_hash.as_str()));
        }
    };
    let proofs_mut = |b: &mut Value| -> Vec<Value> {
        b["state"]["proofs"].as_array().cloned().unwrap_or_default()
    };
    let mut out = Vec::new();

    // Dropped: neither the transaction nor the key's proof.
    let mut dropped = base.bundle.clone();
    drop_tx(&mut dropped);
    let kept: Vec<Value> = proofs_mut(&mut dropped)
        .into_iter()
        .filter(|p| p["key"] != key)
        .collect();
    dropped["state"]["proofs"] = json!(kept);
    out.push(Omission {
        id: format!("{}-dropped", base.id),
        base: base.id.clone(),
        attack: "dropped",
        hides,
        key: key.into(),
        bundle: dropped,
    });

    // Stale: every proof from before the event, with that height's light block.
    let mut stale = base.bundle.clone();
    drop_tx(&mut stale);
    let old: Vec<Value> = proofs_mut(&mut stale)
        .iter()
        .map(|p| state_proof(&s.chain, p["key"].as_str().unwrap_or(""), BEFORE_EVENTS))
        .collect::<Result<_, _>>()?;
    stale["state"] = json!({"height": BEFORE_EVENTS.to_string(), "proofs": old});
    let mut blocks: Vec<Value> = stale["lightBlocks"].as_array().cloned().unwrap_or_default();
    blocks.retain(|b| {
        b["signed_header"]["header"]["height"].as_str()
            != Some(&STATE_HEIGHT.saturating_add(1).to_string())
            && b["signed_header"]["header"]["height"]
                .as_str()
                .and_then(|h| h.parse::<i64>().ok())
                .is_some_and(|h| h <= BEFORE_EVENTS + 1)
    });
    let lb = s
        .chain
        .light_block(BEFORE_EVENTS + 1)
        .ok_or_else(|| ChainError("no block".into()))?;
    blocks.push(serde_json::to_value(lb).map_err(|e| ChainError(e.to_string()))?);
    stale["lightBlocks"] = json!(blocks);
    out.push(Omission {
        id: format!("{}-stale", base.id),
        base: base.id.clone(),
        attack: "stale",
        hides,
        key: key.into(),
        bundle: stale,
    });

    // Wrong value: the current proof of the key, claiming the value from before the event.
    let mut wrong = base.bundle.clone();
    drop_tx(&mut wrong);
    let before = state_proof(&s.chain, key, BEFORE_EVENTS)?;
    let proofs: Vec<Value> = proofs_mut(&mut wrong)
        .into_iter()
        .map(|mut p| {
            if p["key"] == key {
                p["value"] = before["value"].clone();
            }
            p
        })
        .collect();
    wrong["state"]["proofs"] = json!(proofs);
    out.push(Omission {
        id: format!("{}-wrong-value", base.id),
        base: base.id.clone(),
        attack: "wrong_value",
        hides,
        key: key.into(),
        bundle: wrong,
    });
    Ok(out)
}

/// The omission bundles: recall, revocation, consent withdrawal and second dispensing hidden.
pub fn omissions(s: &Story, all: &[Scenario]) -> Result<Vec<Omission>, ChainError> {
    let find = |id: &str| {
        all.iter()
            .find(|x| x.id == id)
            .ok_or_else(|| ChainError(format!("no scenario {id}")))
    };
    let mut out = Vec::new();
    out.extend(omit(
        s,
        find("recalled-lot")?,
        "the lot's recall",
        &keys::lot(GTIN, "L-RCL"),
        "recall.lot",
    )?);
    out.extend(omit(
        s,
        find("credential-revoked")?,
        "the credential's revocation (status list version 2)",
        &keys::status_list(&did(&s.cast.issuer), LIST_ID),
        "status.v2",
    )?);
    out.extend(omit(
        s,
        find("consent-revoked")?,
        "the consent withdrawal",
        &keys::consent(&did(&s.cast.patients[0]), &did(&s.cast.researcher)),
        "consent.revoke.researcher",
    )?);
    out.extend(omit(
        s,
        find("cloned-serial")?,
        "the second dispensing",
        &keys::serial(GTIN, "CLN001"),
        "dispense.cln.2",
    )?);
    // A stale revocation bundle must carry the status list of its own version.
    for o in out
        .iter_mut()
        .filter(|o| o.base == "credential-revoked" && o.attack != "wrong_value")
    {
        if let Some(v1) = s.status_lists.get(&1) {
            o.bundle["extra"]["statusListCredentials"] = json!({ LIST_ID: to_base64(v1) });
        }
        if o.attack == "stale" {
            if let Some(tx) = s.txs.get("status.v1") {
                let entry = super::bundle::tx_entry(&s.chain, tx)?;
                let mut blocks = o.bundle["lightBlocks"]
                    .as_array()
                    .cloned()
                    .unwrap_or_default();
                let height_of = |b: &Value| {
                    b["signed_header"]["header"]["height"]
                        .as_str()
                        .and_then(|h| h.parse::<i64>().ok())
                };
                for h in super::bundle::tx_heights(tx.height) {
                    let present = blocks.iter().any(|b| height_of(b) == Some(h));
                    if let (false, Some(lb)) = (present, s.chain.light_block(h)) {
                        blocks
                            .push(serde_json::to_value(lb).map_err(|e| ChainError(e.to_string()))?);
                    }
                }
                blocks.sort_by_key(|b| height_of(b));
                o.bundle["lightBlocks"] = json!(blocks);
                o.bundle["txs"] = json!([entry]);
            }
        }
    }
    Ok(out)
}

/// The trust file: the checkpoint's light block at [`CHECKPOINT`].
pub fn trust(s: &Story) -> Result<Value, ChainError> {
    let lb = s
        .chain
        .light_block(CHECKPOINT)
        .ok_or_else(|| ChainError("no checkpoint".into()))?;
    Ok(json!({
        "checkpoint": {
            "chainId": CHAIN_ID,
            "height": CHECKPOINT,
            "headerHash": to_hex(&lb.header().hash()),
            "time": lb.header().time.to_rfc3339(),
            "lightBlock": serde_json::to_value(&lb).map_err(|e| ChainError(e.to_string()))?,
        },
        "regulator": did(&s.cast.regulator),
        "trustingPeriodSeconds": 1_209_600,
        "maxStatusAgeSeconds": 86_400,
    }))
}

fn pretty(v: &Value) -> Vec<u8> {
    let mut s = serde_json::to_string_pretty(v).unwrap_or_default();
    s.push('\n');
    s.into_bytes()
}

/// The QR code's text for a scenario: the compact bundle where it fits, else the input.
fn qr_text(sc: &Scenario, compact_form: &str) -> String {
    if compact_form.len() <= QR_ALPHANUMERIC_CAPACITY {
        return compact_form.to_string();
    }
    match &sc.input {
        Value::String(s) => s.clone(),
        v => v.to_string(),
    }
}

/// Every file of `www/demo/` (paths relative to it) and the scenarios' size rows.
pub fn demo_files(s: &Story) -> Result<Vec<(String, Vec<u8>)>, ChainError> {
    let all = scenarios(s)?;
    let mut files = Vec::new();
    let mut index = Vec::new();
    let mut sizes = Vec::new();
    for sc in &all {
        let json_text = sc.bundle.to_string();
        let compact_form = compact(&sc.bundle);
        let fits = compact_form.len() <= QR_ALPHANUMERIC_CAPACITY;
        let mut entry = json!({
            "id": sc.id, "title": sc.title, "kind": sc.kind, "input": sc.input,
            "bundle": format!("demo/bundles/{}.json", sc.id),
            "qr": format!("demo/qr/{}.png", sc.id),
            "now": NOW,
            "expect": {"verdict": sc.verdict, "code": sc.code},
        });
        if fits {
            entry["compact"] = json!(compact_form);
        }
        if let Some(v) = &sc.viewer {
            entry["viewer"] = json!(v);
        }
        index.push(entry);
        sizes.push(json!({"id": sc.id, "jsonBytes": json_text.len(), "compactChars": compact_form.len(), "fitsOneQr": fits}));
        files.push((format!("bundles/{}.json", sc.id), pretty(&sc.bundle)));
        let qr = qr_png(&qr_text(sc, &compact_form), 4)
            .or_else(|| qr_png(&pack_uri(GTIN, "GEN001"), 4))
            .ok_or_else(|| ChainError(format!("no QR for {}", sc.id)))?;
        files.push((format!("qr/{}.png", sc.id), qr));
    }
    let omitted = omissions(s, &all)?;
    let mut manifest = Vec::new();
    for o in &omitted {
        files.push((format!("omission/{}.json", o.id), pretty(&o.bundle)));
        let base = all.iter().find(|x| x.id == o.base);
        manifest.push(
            json!({"id": o.id, "base": o.base, "attack": o.attack, "hides": o.hides, "key": o.key,
            "bundle": format!("demo/omission/{}.json", o.id), "now": NOW,
            "input": base.map(|b| b.input.clone()), "viewer": base.and_then(|b| b.viewer.clone()),
            "expect": {"notVerdict": "verified"}}),
        );
    }
    files.push(("omission/manifest.json".into(), pretty(&json!(manifest))));
    files.push(("trust.json".into(), pretty(&trust(s)?)));
    files.push(("scenarios.json".into(), pretty(&json!(index))));
    files.push(("sizes.json".into(), pretty(&json!(sizes))));
    files.push((
        "records/lab-2025-001.txt".into(),
        RECORD_TEXT.as_bytes().to_vec(),
    ));
    files.push((
        "records/lab-2025-001-altered.txt".into(),
        RECORD_ALTERED_TEXT.as_bytes().to_vec(),
    ));
    Ok(files)
}

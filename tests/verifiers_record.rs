//! verify_record on a real tiny chain, by SHA-256, by chunk root, or both: a record anchored with
//! a `chunkRoot` matches by either; when the digest has both, both must match; a digest with only
//! a chunk root against an anchor without one is `record.no_chunk_root`.
#![cfg(not(target_arch = "wasm32"))]

mod verifiers_support;

use medproof::crypto::chunk_root::{chunk_root, CHUNK_SIZE};
use medproof::crypto::encoding::to_hex;
use medproof::crypto::sha256;
use medproof::error::Coded;
use medproof::ledger::state::keys;
use medproof::ledger::tx::TxType;
use medproof::verify::{verify_record, Report, Verdict};
use serde_json::{json, Value};
use verifiers_support::ledger::did;
use verifiers_support::Net;

struct File {
    id: &'static str,
    sha: String,
    root: String,
    size: usize,
}

fn file(id: &'static str, size: usize) -> (File, Vec<u8>) {
    let bytes: Vec<u8> = (0..size).map(|i| (i * 131 + i / 4099) as u8).collect();
    let f = File {
        id,
        sha: to_hex(&sha256(&bytes)),
        root: to_hex(&chunk_root(&bytes)),
        size,
    };
    (f, bytes)
}

struct Fixture {
    net: Net,
    patient: String,
    heights: Vec<u64>,
    version: u64,
}

impl Fixture {
    /// The bundle proving both anchors; `named` puts `{patient, recordId}` in its subject.
    fn bundle(&self, named: Option<&File>) -> Value {
        let keys = vec![
            keys::record(&self.patient, "big-scan"),
            keys::record(&self.patient, "small-note"),
            keys::actor(&did(&self.net.chain.cast.provider)),
        ];
        let mut b = self
            .net
            .bundle("record", 1, &self.heights, self.version, &keys);
        if let Some(f) = named {
            b["subject"] = json!({"patient": self.patient, "recordId": f.id});
        }
        b
    }

    fn run(&self, digest: Value, named: Option<&File>) -> Report {
        verify_record(
            &digest.to_string(),
            &self.bundle(named).to_string(),
            &self.patient,
            &self.net.trust(1),
            self.net.now(),
        )
        .unwrap()
    }
}

fn codes(r: &Report) -> Vec<String> {
    r.reasons().iter().map(|x| x.code.clone()).collect()
}

#[test]
fn records_match_by_sha256_chunk_root_or_both() {
    let mut net = Net::new();
    let provider = net.chain.cast.provider.clone();
    let patient = did(&net.chain.cast.patient);
    // Three chunks and a bit, anchored with its chunk root; a small one without.
    let (big, _) = file("big-scan", 3 * CHUNK_SIZE + 5);
    let (small, _) = file("small-note", 700);
    let mut heights = Vec::new();
    for (f, with_root) in [(&big, true), (&small, false)] {
        let mut body = json!({"patient": patient, "recordId": f.id, "category": "imaging",
                              "sha256": f.sha, "size": f.size});
        if with_root {
            body["chunkRoot"] = json!(f.root);
        }
        heights.push(net.submit(&provider, TxType::RecordAnchor, body).0);
    }
    net.empty_block();
    let version = *heights.last().unwrap();
    let fx = Fixture {
        net,
        patient,
        heights,
        version,
    };
    let wrong = to_hex(&sha256(b"another file"));
    let mut checked = 0;

    let verified = [
        (json!({"sha256Hex": big.sha, "size": big.size}), None),
        (json!({"chunkRoot": big.root, "size": big.size}), None),
        (json!({"chunkRoot": big.root.to_uppercase()}), Some(&big)),
        (
            json!({"sha256Hex": big.sha, "chunkRoot": big.root, "size": big.size}),
            None,
        ),
        // The anchor has no chunk root: the SHA-256 decides, the chunk root is not compared.
        (
            json!({"sha256Hex": small.sha, "chunkRoot": small.root}),
            Some(&small),
        ),
        (json!({"sha256Hex": small.sha, "size": small.size}), None),
    ];
    for (digest, named) in verified {
        let r = fx.run(digest.clone(), named);
        assert_eq!(r.verdict(), Verdict::Verified, "{digest}: {:?}", codes(&r));
        assert!(r.has("record.match"), "{digest}");
        if let Some(root) = digest.get("chunkRoot") {
            assert_eq!(&r.facts()["chunkRoot"], root);
        }
        checked += 1;
    }

    let refused = [
        // Both given: both must match.
        (
            json!({"sha256Hex": big.sha, "chunkRoot": wrong}),
            None,
            "record.chunk_root_mismatch",
        ),
        (
            json!({"sha256Hex": wrong, "chunkRoot": big.root}),
            None,
            "record.mismatch",
        ),
        // A chunk root alone that is no anchor's.
        (json!({"chunkRoot": wrong}), None, "record.not_anchored"),
        (
            json!({"chunkRoot": wrong}),
            Some(&big),
            "record.chunk_root_mismatch",
        ),
        (
            json!({"chunkRoot": big.root, "size": big.size + 1}),
            None,
            "record.size_mismatch",
        ),
        // Only a chunk root against an anchor that has none: the SHA-256 is needed.
        (
            json!({"chunkRoot": small.root}),
            Some(&small),
            "record.no_chunk_root",
        ),
        (
            json!({"chunkRoot": small.root}),
            None,
            "record.not_anchored",
        ),
    ];
    for (digest, named, code) in refused {
        let r = fx.run(digest.clone(), named);
        assert_eq!(r.verdict(), Verdict::NotVerified, "{digest}");
        assert!(r.has(code), "{digest}: want {code}, got {:?}", codes(&r));
        assert!(!r.has("record.match"));
        checked += 1;
    }

    // Neither hash: a malformed digest, thrown rather than reported.
    for digest in [json!({"size": 5}), json!({})] {
        let e = verify_record(
            &digest.to_string(),
            &fx.bundle(None).to_string(),
            &fx.patient,
            &fx.net.trust(1),
            fx.net.now(),
        )
        .unwrap_err();
        assert_eq!(e.code(), "bundle.malformed");
        assert!(
            e.to_string().contains("sha256Hex, chunkRoot or both"),
            "{e}"
        );
        checked += 1;
    }
    println!("verify_record: {checked} digests against anchors with and without a chunk root");
}

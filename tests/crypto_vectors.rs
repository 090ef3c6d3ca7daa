//! The cryptographic core against independent vectors (see tests/vectors/README.md):
//! every line of the ed25519-dalek/SUPERCOP `sign.input`, and every transparency-dev Merkle probe.
#![cfg(not(target_arch = "wasm32"))]

use std::fs;
use std::path::{Path, PathBuf};

use medproof::crypto::ed25519::{verify, verify_batch, PublicKey, Rule, Signature, SigningKey};
use medproof::crypto::encoding::{from_base64, from_hex};
use medproof::crypto::merkle::{verify_consistency, verify_inclusion, Hash};
use medproof::Coded;
use serde::Deserialize;

fn vectors() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/vectors")
}

#[test]
fn ed25519_sign_input_every_line_both_rules() {
    let text = fs::read_to_string(vectors().join("ed25519/sign.input")).unwrap();
    let mut checked = 0;
    let mut items = Vec::new();
    let lines: Vec<&str> = text.lines().filter(|l| !l.is_empty()).collect();
    for (n, line) in lines.iter().enumerate() {
        let f: Vec<&str> = line.split(':').collect();
        assert_eq!(f.len(), 5, "line {n}");
        let sk_pk = from_hex(f[0]).unwrap();
        let pk = from_hex(f[1]).unwrap();
        let msg = from_hex(f[2]).unwrap();
        let sig_msg = from_hex(f[3]).unwrap();
        let key = SigningKey::from_slice(&sk_pk[..32]).unwrap();
        assert_eq!(
            key.public_key().0.as_slice(),
            pk.as_slice(),
            "line {n}: public key"
        );
        assert_eq!(&sk_pk[32..], pk.as_slice());
        let sig = key.sign(&msg);
        assert_eq!(sig.0.as_slice(), &sig_msg[..64], "line {n}: signature");
        assert_eq!(&sig_msg[64..], msg.as_slice());
        let pk = PublicKey::from_slice(&pk).unwrap();
        for rule in [Rule::Zip215, Rule::Strict] {
            verify(rule, &pk, &msg, &sig).unwrap_or_else(|e| panic!("line {n} {rule:?}: {e}"));
            // A one-bit change of the message or the signature is refused.
            let mut m2 = msg.clone();
            m2.push(0);
            assert_eq!(
                verify(rule, &pk, &m2, &sig).unwrap_err().code(),
                "ed25519.bad_signature"
            );
            let mut s2 = sig;
            s2.0[n % 64] ^= 1 << (n % 8);
            assert!(
                verify(rule, &pk, &msg, &s2).is_err(),
                "line {n} {rule:?}: flipped sig"
            );
        }
        items.push((pk, msg, sig));
        checked += 1;
    }
    // The whole file as one batch under each rule, then with one bad signature.
    let mut batch: Vec<(PublicKey, &[u8], Signature)> = items
        .iter()
        .map(|(k, m, s)| (*k, m.as_slice(), *s))
        .collect();
    for rule in [Rule::Zip215, Rule::Strict] {
        verify_batch(rule, &batch).unwrap();
    }
    let mid = batch.len() / 2;
    batch[mid].2 .0[0] ^= 0x80;
    for rule in [Rule::Zip215, Rule::Strict] {
        assert!(verify_batch(rule, &batch).is_err());
    }
    println!(
        "ed25519 sign.input: {checked} lines checked (sign, verify under zip215 and strict, batch)"
    );
    // Every line of the file (the shared copy holds 128 of the upstream 1024).
    assert_eq!(checked, lines.len());
    assert!(checked >= 128);
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct InclusionProbe {
    leaf_idx: i128,
    tree_size: i128,
    root: Option<String>,
    leaf_hash: Option<String>,
    proof: Option<Vec<String>>,
    desc: String,
    want_err: bool,
}

#[derive(Deserialize)]
struct ConsistencyProbe {
    size1: i128,
    size2: i128,
    root1: Option<String>,
    root2: Option<String>,
    proof: Option<Vec<String>>,
    desc: String,
    #[serde(rename = "wantErr")]
    want_err: bool,
}

fn json_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in fs::read_dir(dir).unwrap() {
        let p = entry.unwrap().path();
        if p.is_dir() {
            out.extend(json_files(&p));
        } else if p.extension().is_some_and(|e| e == "json") {
            out.push(p);
        }
    }
    out.sort();
    out
}

/// Decode a base64 hash; a value that is not 32 bytes is passed through as an error so that
/// probes with malformed hashes are counted as rejected, as the verifier would reject them.
fn hash(b64: &Option<String>) -> Result<Hash, String> {
    let bytes = from_base64(b64.as_deref().unwrap_or("")).map_err(|e| e.to_string())?;
    bytes
        .try_into()
        .map_err(|b: Vec<u8>| format!("hash of {} bytes", b.len()))
}

fn hashes(list: &Option<Vec<String>>) -> Result<Vec<Hash>, String> {
    list.iter()
        .flatten()
        .map(|h| hash(&Some(h.clone())))
        .collect()
}

fn size(x: i128) -> Result<u64, String> {
    u64::try_from(x).map_err(|_| format!("size {x} is not a u64"))
}

#[test]
fn merkle_inclusion_probes() {
    let files = json_files(&vectors().join("merkle/inclusion"));
    let (mut ok, mut rejected) = (0, 0);
    for f in &files {
        let p: InclusionProbe = serde_json::from_str(&fs::read_to_string(f).unwrap()).unwrap();
        let result = (|| {
            let (i, n) = (size(p.leaf_idx)?, size(p.tree_size)?);
            let (leaf, root, proof) = (hash(&p.leaf_hash)?, hash(&p.root)?, hashes(&p.proof)?);
            verify_inclusion(i, n, &leaf, &proof, &root).map_err(|e| e.code().to_string())
        })();
        assert_eq!(
            result.is_err(),
            p.want_err,
            "{}: {} -> {result:?}",
            f.display(),
            p.desc
        );
        if p.want_err {
            rejected += 1
        } else {
            ok += 1
        }
    }
    println!(
        "merkle inclusion: {} probes checked ({ok} valid accepted, {rejected} broken rejected)",
        files.len()
    );
    assert!(files.len() >= 30);
}

#[test]
fn merkle_consistency_probes() {
    let files = json_files(&vectors().join("merkle/consistency"));
    let (mut ok, mut rejected) = (0, 0);
    for f in &files {
        let p: ConsistencyProbe = serde_json::from_str(&fs::read_to_string(f).unwrap()).unwrap();
        let result = (|| {
            let (m, n) = (size(p.size1)?, size(p.size2)?);
            let (r1, r2, proof) = (hash(&p.root1)?, hash(&p.root2)?, hashes(&p.proof)?);
            verify_consistency(m, n, &proof, &r1, &r2).map_err(|e| e.code().to_string())
        })();
        assert_eq!(
            result.is_err(),
            p.want_err,
            "{}: {} -> {result:?}",
            f.display(),
            p.desc
        );
        if p.want_err {
            rejected += 1
        } else {
            ok += 1
        }
    }
    println!(
        "merkle consistency: {} probes checked ({ok} valid accepted, {rejected} broken rejected)",
        files.len()
    );
    assert!(files.len() >= 20);
}

/// `all-probes.json` (used by the browser tests, which cannot list folders) holds exactly the
/// probe files of the folders.
#[test]
fn browser_probe_bundle_matches_the_probe_files() {
    let all: serde_json::Value = serde_json::from_str(
        &fs::read_to_string(vectors().join("merkle/all-probes.json")).unwrap(),
    )
    .unwrap();
    for kind in ["inclusion", "consistency"] {
        let files = json_files(&vectors().join("merkle").join(kind));
        let bundled = all[kind].as_array().unwrap();
        assert_eq!(bundled.len(), files.len(), "{kind}");
        for (f, b) in files.iter().zip(bundled) {
            let mut from_file: serde_json::Value =
                serde_json::from_str(&fs::read_to_string(f).unwrap()).unwrap();
            let rel = f.strip_prefix(vectors().join("merkle")).unwrap();
            from_file["file"] = rel.to_string_lossy().into();
            assert_eq!(&from_file, b, "{}", f.display());
        }
    }
}

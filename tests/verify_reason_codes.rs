//! docs/reason-codes.md cannot drift: every reason code written in `src/verify` or
//! `src/wasm/verify.rs` is listed there, and every code listed there is used.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

const AREAS: [&str; 10] = [
    "gs1.",
    "credential.",
    "status_list.",
    "date.",
    "bundle.",
    "status.",
    "medicine.",
    "record.",
    "consent.",
    "chargeback.",
];

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Every `area.reason` code of our areas that starts right after `open` in `text`.
fn codes(text: &str, open: char, close: char) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    for (i, _) in text.match_indices(open) {
        let rest = &text[i + open.len_utf8()..];
        let Some(area) = AREAS.iter().find(|a| rest.starts_with(**a)) else {
            continue;
        };
        let name: String = rest[area.len()..]
            .chars()
            .take_while(|c| c.is_ascii_lowercase() || *c == '_')
            .collect();
        if !name.is_empty() && rest[area.len() + name.len()..].starts_with(close) {
            found.insert(format!("{area}{name}"));
        }
    }
    found
}

#[test]
fn every_code_is_documented_and_every_documented_code_is_used() {
    let mut files = Vec::new();
    rust_files(&root().join("src/verify"), &mut files);
    for name in ["src/wasm/verify.rs", "src/wasm/verifiers.rs"] {
        let wasm = root().join(name);
        if wasm.exists() {
            files.push(wasm);
        }
    }
    let mut used = BTreeSet::new();
    for f in &files {
        used.extend(codes(&fs::read_to_string(f).unwrap(), '"', '"'));
    }
    let doc = fs::read_to_string(root().join("docs/reason-codes.md")).unwrap();
    let documented = codes(&doc, '`', '`');
    let missing: Vec<_> = used.difference(&documented).collect();
    let stale: Vec<_> = documented.difference(&used).collect();
    assert!(
        missing.is_empty(),
        "codes used but not in docs/reason-codes.md: {missing:?}"
    );
    assert!(
        stale.is_empty(),
        "codes in docs/reason-codes.md used nowhere: {stale:?}"
    );
    println!(
        "{} reason codes in {} files, all documented",
        used.len(),
        files.len()
    );
    assert!(used.len() >= 40);
}

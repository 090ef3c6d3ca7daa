//! The core is pure: only `src/wasm` names JavaScript bindings, and nothing in the verification
//! core reads a clock, the file system or the network (time is always passed in).
#![cfg(not(target_arch = "wasm32"))]

use std::fs;
use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).unwrap() {
        let p = entry.unwrap().path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "rs") {
            out.push(p);
        }
    }
}

fn src_files() -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    rust_files(&root.join("src"), &mut files);
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let rel = p
                .strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            (rel, fs::read_to_string(&p).unwrap())
        })
        .collect()
}

/// Code lines only: `//` comments (including doc comments) may name anything.
fn code_lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.split("//").next().unwrap_or("")))
}

#[test]
fn only_src_wasm_names_javascript_bindings() {
    const JS_CRATES: [&str; 6] = [
        "wasm_bindgen",
        "js_sys",
        "web_sys",
        "serde_wasm_bindgen",
        "gloo",
        "wasm_bindgen_futures",
    ];
    let mut checked = 0;
    let mut offenders = Vec::new();
    for (path, text) in src_files() {
        if path.starts_with("src/wasm/") {
            continue;
        }
        checked += 1;
        for (n, line) in code_lines(&text) {
            for name in JS_CRATES {
                if line.contains(name) {
                    offenders.push(format!("{path}:{n}: {name}"));
                }
            }
        }
    }
    println!("purity: {checked} core files checked for JS bindings");
    assert!(checked > 20);
    assert!(
        offenders.is_empty(),
        "JS bindings outside src/wasm:\n{}",
        offenders.join("\n")
    );
}

#[test]
fn the_verification_core_reads_no_clock_files_or_network() {
    // Native-only tools (the demo chain, its RPC server and the ledger's store) may do I/O; they
    // are compiled out of the browser module. The JS adapters (src/wasm) may default a missing
    // `now` to the page's clock. Everything else must be pure.
    let native_tools = |p: &str| {
        p.starts_with("src/wasm/")
            || p.starts_with("src/bin/")
            || p.starts_with("src/demo/")
            || p.starts_with("src/ledger/chain/")
            || p == "src/ledger/app.rs"
            || p == "src/ledger/store.rs"
    };
    const IMPURE: [&str; 8] = [
        "SystemTime::now",
        "Instant::now",
        "std::fs",
        "std::net",
        "std::env",
        "std::process",
        "thread::sleep",
        "Date::now",
    ];
    let mut checked = 0;
    let mut offenders = Vec::new();
    for (path, text) in src_files() {
        if native_tools(&path) {
            continue;
        }
        checked += 1;
        for (n, line) in code_lines(&text) {
            for name in IMPURE {
                if line.contains(name) {
                    offenders.push(format!("{path}:{n}: {name}"));
                }
            }
        }
    }
    println!("purity: {checked} files checked for clock, file and network access");
    assert!(
        offenders.is_empty(),
        "impure calls in the core:\n{}",
        offenders.join("\n")
    );
}

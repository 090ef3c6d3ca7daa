//! `medproof-chain`: the demo CometBFT chain (docs/demo-chain.md).
//!
//! - `medproof-chain generate [--out www/demo]`: produce the chain and write the demo files.
//! - `medproof-chain serve [--port 26657]`: produce the chain and serve CometBFT 0.38's JSON-RPC
//!   on 127.0.0.1 (GET with URI params, POST JSON-RPC 2.0), producing a block for transactions
//!   broadcast to it.

use std::io::Write;
use std::net::TcpListener;
use std::path::Path;
use std::time::Instant;

use medproof::demo::{http, scenarios, story};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let flag = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let result = match args.first().map(String::as_str) {
        Some("serve") => serve(flag("--port").unwrap_or_else(|| "26657".into())),
        Some("generate") | None => generate(&flag("--out").unwrap_or_else(|| "www/demo".into())),
        Some(other) => Err(format!(
            "unknown command {other}; use `generate [--out DIR]` or `serve [--port N]`"
        )),
    };
    if let Err(e) = result {
        eprintln!("medproof-chain: {e}");
        std::process::exit(1);
    }
}

fn generate(out: &str) -> Result<(), String> {
    let start = Instant::now();
    let s = story::produce().map_err(|e| e.to_string())?;
    let produced = start.elapsed();
    let files = scenarios::demo_files(&s).map_err(|e| e.to_string())?;
    let out = Path::new(out);
    for dir in ["bundles", "qr", "omission"] {
        let _ = std::fs::remove_dir_all(out.join(dir));
    }
    for (path, bytes) in &files {
        let p = out.join(path);
        if let Some(parent) = p.parent() {
            std::fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
        }
        std::fs::write(&p, bytes).map_err(|e| format!("{}: {e}", p.display()))?;
    }
    println!(
        "medproof-chain: {} heights in {:.2?}, {} files in {} ({:.2?} in all)",
        s.chain.height(),
        produced,
        files.len(),
        out.display(),
        start.elapsed()
    );
    Ok(())
}

fn serve(port: String) -> Result<(), String> {
    let s = story::produce().map_err(|e| e.to_string())?;
    let listener = TcpListener::bind(format!("127.0.0.1:{port}")).map_err(|e| e.to_string())?;
    let addr = listener.local_addr().map_err(|e| e.to_string())?;
    // The first line on stdout names the bound address (tests serve on --port 0 and read it).
    println!(
        "medproof-chain: serving {} heights on http://{addr}/",
        s.chain.height()
    );
    let _ = std::io::stdout().flush();
    http::serve_on(listener, s);
    Ok(())
}

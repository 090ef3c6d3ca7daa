//! `medproof-chain`: the demo CometBFT chain (docs/demo-chain.md).
//!
//! - `medproof-chain generate [--out www/demo]`: produce the chain and write the demo files.
//! - `medproof-chain serve [--port 26657]`: produce the chain and serve CometBFT 0.38's JSON-RPC
//!   on 127.0.0.1 (GET with URI params, POST JSON-RPC 2.0), producing a block for transactions
//!   broadcast to it.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use medproof::demo::{rpc, scenarios, story};
use serde_json::{json, Map, Value};

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

struct Node {
    story: story::Story,
    mempool: Vec<Vec<u8>>,
}

fn serve(port: String) -> Result<(), String> {
    let s = story::produce().map_err(|e| e.to_string())?;
    let listener = TcpListener::bind(format!("127.0.0.1:{port}")).map_err(|e| e.to_string())?;
    let addr = listener.local_addr().map_err(|e| e.to_string())?;
    println!(
        "medproof-chain: serving {} heights on http://{addr}/",
        s.chain.height()
    );
    let _ = std::io::stdout().flush();
    let node = Arc::new(Mutex::new(Node {
        story: s,
        mempool: Vec::new(),
    }));
    // The block producer: whatever check_tx accepted goes into the next block, within a second.
    let producer = Arc::clone(&node);
    std::thread::spawn(move || loop {
        std::thread::sleep(Duration::from_millis(300));
        let Ok(mut n) = producer.lock() else { return };
        if !n.mempool.is_empty() {
            let txs = std::mem::take(&mut n.mempool);
            if let Err(e) = n.story.chain.produce(txs) {
                eprintln!("medproof-chain: {e}");
            }
        }
    });
    for stream in listener.incoming().flatten() {
        let node = Arc::clone(&node);
        std::thread::spawn(move || {
            let _ = handle(stream, &node);
        });
    }
    Ok(())
}

fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'%' if i + 2 < b.len() => match u8::from_str_radix(&s[i + 1..i + 3], 16) {
                Ok(v) => {
                    out.push(v);
                    i += 3;
                    continue;
                }
                Err(_) => out.push(b'%'),
            },
            b'+' => out.push(b' '),
            c => out.push(c),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn handle(stream: TcpStream, node: &Mutex<Node>) -> std::io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut line = String::new();
    reader.read_line(&mut line)?;
    let mut parts = line.split_whitespace();
    let (verb, target) = (
        parts.next().unwrap_or("").to_string(),
        parts.next().unwrap_or("/").to_string(),
    );
    let mut length = 0usize;
    loop {
        let mut h = String::new();
        if reader.read_line(&mut h)? == 0 || h == "\r\n" || h == "\n" {
            break;
        }
        if let Some((k, v)) = h.split_once(':') {
            if k.trim().eq_ignore_ascii_case("content-length") {
                length = v.trim().parse().unwrap_or(0).min(4 << 20);
            }
        }
    }
    let mut body = vec![0u8; length];
    reader.read_exact(&mut body)?;

    let (status, payload) = match verb.as_str() {
        "OPTIONS" => ("204 No Content", String::new()),
        "GET" => {
            let (path, query) = target.split_once('?').unwrap_or((&target, ""));
            let method = path.trim_start_matches('/');
            if method.is_empty() {
                ("200 OK", json!({"methods": ["status", "genesis", "commit", "validators", "header", "block", "tx", "tx_search", "abci_query", "broadcast_tx_sync"]}).to_string())
            } else {
                let mut params = Map::new();
                for kv in query.split('&').filter(|s| !s.is_empty()) {
                    let (k, v) = kv.split_once('=').unwrap_or((kv, ""));
                    params.insert(percent_decode(k), Value::String(percent_decode(v)));
                }
                ("200 OK", envelope(node, json!(-1), method, &params))
            }
        }
        "POST" => match serde_json::from_slice::<Value>(&body) {
            Ok(req) => {
                let id = req.get("id").cloned().unwrap_or(Value::Null);
                let method = req.get("method").and_then(Value::as_str).unwrap_or("");
                let params = match req.get("params") {
                    Some(Value::Object(m)) => m.clone(),
                    _ => Map::new(),
                };
                ("200 OK", envelope(node, id, method, &params))
            }
            Err(e) => (
                "200 OK",
                json!({"jsonrpc": "2.0", "id": -1, "error": {"code": -32700, "message": "Parse error", "data": e.to_string()}}).to_string(),
            ),
        },
        _ => ("405 Method Not Allowed", String::new()),
    };
    let mut stream = stream;
    write!(
        stream,
        "HTTP/1.1 {status}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nAccess-Control-Allow-Origin: *\r\nAccess-Control-Allow-Methods: GET, POST, OPTIONS\r\nAccess-Control-Allow-Headers: Content-Type\r\nConnection: close\r\n\r\n{payload}",
        payload.len()
    )?;
    stream.flush()
}

fn envelope(node: &Mutex<Node>, id: Value, method: &str, params: &Map<String, Value>) -> String {
    let answer = match node.lock() {
        Ok(mut n) => {
            let Node { story, mempool } = &mut *n;
            rpc::call(&story.chain, mempool, method, params)
        }
        Err(_) => Err(rpc::RpcError {
            code: -32603,
            message: "Internal error".into(),
            data: "node lock poisoned".into(),
        }),
    };
    match answer {
        Ok(result) => json!({"jsonrpc": "2.0", "id": id, "result": result}).to_string(),
        Err(e) => json!({"jsonrpc": "2.0", "id": id, "error": {"code": e.code, "message": e.message, "data": e.data}}).to_string(),
    }
}

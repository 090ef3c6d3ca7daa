//! The demo node's HTTP front: CometBFT 0.38's JSON-RPC transports (GET `/<method>?k=v` with URI
//! parameters, POST JSON-RPC 2.0, CORS `*`) over [`super::rpc::call`], and a block producer that
//! puts accepted transactions into the next block. Blocking; one thread per connection.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::{json, Map, Value};

use super::rpc::{self, RpcError};
use super::story::Story;

/// The largest request body read (larger ones are cut and fail to parse).
const MAX_BODY: usize = 4 << 20;

/// The methods listed at `/`.
const METHODS: [&str; 11] = [
    "status",
    "genesis",
    "commit",
    "validators",
    "header",
    "block",
    "block_results",
    "tx",
    "tx_search",
    "abci_query",
    "broadcast_tx_sync",
];

struct Node {
    story: Story,
    mempool: Vec<Vec<u8>>,
}

/// Serve `story`'s chain on `listener` until the listener fails (runs forever in practice).
/// Whatever `check_tx` accepts goes into the next block within a second.
pub fn serve_on(listener: TcpListener, story: Story) {
    let node = Arc::new(Mutex::new(Node {
        story,
        mempool: Vec::new(),
    }));
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
}

fn hex_digit(b: u8) -> Option<u8> {
    char::from(b)
        .to_digit(16)
        .and_then(|d| u8::try_from(d).ok())
}

/// `application/x-www-form-urlencoded` decoding (`%XX`, `+`); a stray `%` stays as it is.
fn percent_decode(s: &str) -> String {
    let mut out = Vec::with_capacity(s.len());
    let mut bytes = s.bytes();
    while let Some(b) = bytes.next() {
        match b {
            b'%' => {
                let mut ahead = bytes.clone();
                match (
                    ahead.next().and_then(hex_digit),
                    ahead.next().and_then(hex_digit),
                ) {
                    (Some(hi), Some(lo)) => {
                        out.push(hi << 4 | lo);
                        bytes = ahead;
                    }
                    _ => out.push(b'%'),
                }
            }
            b'+' => out.push(b' '),
            c => out.push(c),
        }
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
                length = v.trim().parse().unwrap_or(0).min(MAX_BODY);
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
                ("200 OK", json!({ "methods": METHODS }).to_string())
            } else {
                let mut params = Map::new();
                for kv in query.split('&').filter(|s| !s.is_empty()) {
                    let (k, v) = kv.split_once('=').unwrap_or((kv, ""));
                    params.insert(percent_decode(k), Value::String(percent_decode(v)));
                }
                ("200 OK", envelope(node, json!(-1), method, Ok(params)))
            }
        }
        "POST" => match serde_json::from_slice::<Value>(&body) {
            Ok(Value::Object(req)) => {
                let id = req.get("id").cloned().unwrap_or(Value::Null);
                let method = req.get("method").and_then(Value::as_str).unwrap_or("");
                let params = match req.get("params") {
                    Some(Value::Object(m)) => Ok(m.clone()),
                    None | Some(Value::Null) => Ok(Map::new()),
                    Some(_) => Err(RpcError {
                        code: -32602,
                        message: "Invalid params".into(),
                        data: "params must be an object (named parameters)".into(),
                    }),
                };
                ("200 OK", envelope(node, id, method, params))
            }
            Ok(_) => (
                "200 OK",
                error_json(
                    &json!(-1),
                    -32600,
                    "Invalid Request",
                    "a request is a JSON object",
                ),
            ),
            Err(e) => (
                "200 OK",
                error_json(&json!(-1), -32700, "Parse error", &e.to_string()),
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

fn error_json(id: &Value, code: i64, message: &str, data: &str) -> String {
    json!({"jsonrpc": "2.0", "id": id, "error": {"code": code, "message": message, "data": data}})
        .to_string()
}

fn envelope(
    node: &Mutex<Node>,
    id: Value,
    method: &str,
    params: Result<Map<String, Value>, RpcError>,
) -> String {
    let answer = params.and_then(|params| match node.lock() {
        Ok(mut n) => {
            let Node { story, mempool } = &mut *n;
            rpc::call(&story.chain, mempool, method, &params)
        }
        Err(_) => Err(RpcError {
            code: -32603,
            message: "Internal error".into(),
            data: "node lock poisoned".into(),
        }),
    });
    match answer {
        Ok(result) => json!({"jsonrpc": "2.0", "id": id, "result": result}).to_string(),
        Err(e) => error_json(&id, e.code, &e.message, &e.data),
    }
}

#[cfg(test)]
mod tests {
    use super::percent_decode;

    #[test]
    fn percent_decoding_never_panics_on_odd_input() {
        assert_eq!(percent_decode("%22tx.height%3D5%22"), "\"tx.height=5\"");
        assert_eq!(percent_decode("a+b"), "a b");
        for s in ["%", "%4", "%é1", "%zz", "é%", "%%41"] {
            let _ = percent_decode(s);
        }
        assert_eq!(percent_decode("%%41"), "%A");
    }
}

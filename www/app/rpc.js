// The one request the app makes on a person's behalf: sending a signed consent transaction to
// the CometBFT RPC endpoint they configured (JSON-RPC `broadcast_tx_sync`). The node must allow
// this page's origin (CometBFT's `cors_allowed_origins`), and the page's Content-Security-Policy
// must list the endpoint in `connect-src` (see www/README.md).

/** Broadcast `txBase64`; resolves to CometBFT's `{code, data, log, codespace, hash}`. */
export async function broadcastTxSync(rpcUrl, txBase64) {
  let res;
  try {
    res = await fetch(rpcUrl, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", id: Date.now(), method: "broadcast_tx_sync", params: { tx: txBase64 } }),
    });
  } catch (e) {
    throw Object.assign(new Error(`The ledger at ${rpcUrl} could not be reached (${e.message}).`), { code: "rpc.unreachable" });
  }
  const body = await res.json().catch(() => null);
  if (!res.ok || !body) throw Object.assign(new Error(`The ledger at ${rpcUrl} answered ${res.status}.`), { code: "rpc.http_error" });
  if (body.error) {
    throw Object.assign(new Error(`The ledger refused the request: ${body.error.message ?? ""} ${body.error.data ?? ""}`.trim()), { code: "rpc.error" });
  }
  return body.result;
}

// The live endpoint check (www/rpc-check.html): a LightClient from the demo checkpoint verifies a
// CometBFT JSON-RPC node's blocks up to its latest height, fetching `commit` and every page of
// `validators` itself; then a transaction proof (`tx` with prove=true) and two state proofs
// (`abci_query` with prove=true, a present and an absent key) are checked against verified
// headers. Nothing the node says is taken on trust.
//
// Query string: `rpc` (the node's base URL, required), `now` (RFC 3339 judging time; default the
// demo's 2025-03-08T00:00:00Z), `txHeight` (a height with transactions; default 80), `perPage`
// (validators per page; default 30). The summary goes to `window.rpcResult`: {ok, steps: [{name,
// ok, detail|code, message}], fetched: [heights], requests, latest, failed?: {step, code}}.

import init, * as mp from "./pkg/medproof.js";

const params = new URLSearchParams(location.search);
const RPC = (params.get("rpc") ?? "").replace(/\/+$/, "");
const NOW = params.get("now") ?? "2025-03-08T00:00:00Z";
const TX_HEIGHT = Number(params.get("txHeight") ?? 80);
const PER_PAGE = Number(params.get("perPage") ?? 30);

const result = { ok: false, steps: [], fetched: [], requests: 0, latest: null };
window.rpcResult = undefined;

const list = document.getElementById("rpc-check-list");
const summary = document.getElementById("rpc-check-summary");

function show(step) {
  const li = document.createElement("li");
  li.dataset.status = step.ok ? "pass" : "fail";
  const name = document.createElement("strong");
  name.textContent = step.name;
  const detail = document.createElement("span");
  detail.textContent = step.ok ? ` ${step.detail}` : ` refused: ${step.code} (${step.message})`;
  li.append(name, detail);
  list.append(li);
}

/** Run one named step; its return value is the detail shown. A failure ends the check. */
async function step(name, fn) {
  try {
    const detail = await fn();
    const s = { name, ok: true, detail: String(detail) };
    result.steps.push(s);
    show(s);
  } catch (e) {
    const s = { name, ok: false, code: e?.code ?? "check.failed", message: String(e?.message ?? e) };
    result.steps.push(s);
    show(s);
    throw Object.assign(new Error(s.message), { step: name, code: s.code });
  }
}

/** One JSON-RPC call over GET with URI parameters; the `result`, or throws `rpc.error`. */
async function call(method, args = {}) {
  const qs = new URLSearchParams(Object.entries(args).map(([k, v]) => [k, String(v)]));
  result.requests += 1;
  const response = await fetch(`${RPC}/${method}?${qs}`);
  const body = await response.json();
  if (body.error) {
    throw Object.assign(new Error(`${method}: ${body.error.message} ${body.error.data ?? ""}`), { code: "rpc.error" });
  }
  return body.result;
}

/** Every page of `validators` at `height`. */
async function validatorPages(height) {
  const pages = [];
  for (let page = 1; ; page++) {
    const r = await call("validators", { height, page, per_page: PER_PAGE });
    pages.push(r);
    if (page * PER_PAGE >= Number(r.total)) return pages;
  }
}

/** The light client's provider: `commit` plus the height's and the next height's validator sets. */
const provider = {
  async lightBlock(height) {
    result.fetched.push(height);
    const [commit, validators, nextValidators] = await Promise.all([
      call("commit", { height }),
      validatorPages(height),
      validatorPages(height + 1),
    ]);
    return { commit, validators, next_validators: nextValidators };
  },
};

const hex = (bytes) => Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
const fromBase64 = (s) => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));

async function run() {
  if (!RPC) throw Object.assign(new Error("no ?rpc= endpoint given"), { code: "check.no_endpoint" });
  let client;
  let latest;
  await step("load", async () => {
    await init();
    const trust = await (await fetch("demo/trust.json")).json();
    client = new mp.LightClient(trust.checkpoint.lightBlock, {
      trustingPeriodMs: String(trust.trustingPeriodSeconds * 1000),
    });
    return `checkpoint at height ${client.trustedHeight}`;
  });
  await step("status", async () => {
    const status = await call("status");
    latest = Number(status.sync_info.latest_block_height);
    result.latest = latest;
    return `${status.node_info.network} at height ${latest}`;
  });
  await step("verify to the transaction's height", async () => {
    const heights = await client.verifyTo(TX_HEIGHT, provider, NOW);
    return `verified ${heights.join(", ")}`;
  });
  await step("verify to the latest height", async () => {
    const heights = await client.verifyTo(latest, provider, NOW);
    return `verified ${heights.join(", ")} (${result.fetched.length} light blocks fetched in all)`;
  });
  await step("transaction proof", async () => {
    const found = await call("tx_search", { query: `"tx.height=${TX_HEIGHT}"` });
    if (!found.txs.length) throw Object.assign(new Error(`no transaction at ${TX_HEIGHT}`), { code: "check.no_tx" });
    const tx = await call("tx", { hash: `0x${found.txs[0].hash}`, prove: true });
    const bytes = client.verifyTxProof(tx);
    const parsed = JSON.parse(new TextDecoder().decode(bytes));
    result.tx = { hash: tx.hash, height: Number(tx.height), type: parsed.type };
    return `${parsed.type} ${tx.hash.slice(0, 12)}… in block ${tx.height}, data_hash verified`;
  });
  // A query at height H − 1 answers with the state whose root header H carries.
  const header = JSON.parse(client.verifiedHeaderJson(latest));
  const absent = mp.stateKey("consent", ["did:key:z6MkNobodyAtAll", "did:key:z6MkNoOneEither"]);
  for (const [name, key, present] of [["state proof (present key)", "meta/genesis", true], ["state proof (absent key)", absent, false]]) {
    await step(name, async () => {
      const { response } = await call("abci_query", {
        path: '"/store"',
        data: `0x${hex(new TextEncoder().encode(key))}`,
        height: latest - 1,
        prove: true,
      });
      if (Number(response.height) !== latest - 1) {
        throw Object.assign(new Error(`answered for height ${response.height}`), { code: "check.wrong_height" });
      }
      const valueText = response.value == null ? null : new TextDecoder().decode(fromBase64(response.value));
      if ((valueText !== null) !== present) {
        throw Object.assign(new Error(`${key} is ${present ? "missing" : "present"}`), { code: "check.unexpected_value" });
      }
      const v = mp.verifyStateProof(header.app_hash, key, valueText, JSON.stringify(response.proofOps));
      (result.state ??= []).push({ key, kind: v.kind });
      return `${v.kind} of ${key} against header ${latest}'s app_hash`;
    });
  }
  result.ok = true;
}

run()
  .catch((e) => {
    result.failed = { step: e.step ?? "start", code: e.code ?? "check.failed", message: e.message };
  })
  .finally(() => {
    summary.dataset.status = result.ok ? "pass" : "fail";
    summary.textContent = result.ok
      ? `All checks passed: ${result.fetched.length} light blocks fetched, ${result.requests} requests.`
      : `Refused at “${result.failed.step}”: ${result.failed.code}.`;
    window.rpcResult = result;
  });

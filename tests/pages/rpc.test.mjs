// The live endpoint (issue 8): `medproof-chain serve` on a free port, and www/rpc-check.html in
// headless Chromium driving the JS LightClient's provider against it: verify to the latest height
// from the demo checkpoint (commit + every page of validators, fetched by the page), a transaction
// proof and two state proofs (present, absent). Then the same page through a tampering proxy (one
// byte of a signature, an app hash, a state value or a transaction flipped) must refuse, with the
// verifier's code. Needs `make pkg`; builds the server binary itself.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import { createServer, request } from "node:http";
import { join } from "node:path";
import { ROOT, openPage, pageSuite, screenshot } from "./browser.mjs";

const env = pageSuite();
const TARGET = process.env.CARGO_TARGET_DIR ?? join(ROOT, "target");
let node;
let nodeUrl;

before(async () => {
  execFileSync("cargo", ["build", "-q", "--bin", "medproof-chain"], { cwd: ROOT, stdio: "inherit" });
  node = spawn(join(TARGET, "debug/medproof-chain"), ["serve", "--port", "0"], { cwd: ROOT, stdio: ["ignore", "pipe", "inherit"] });
  // The first stdout line names the bound address (the chain takes a few seconds to produce).
  nodeUrl = await new Promise((ok, fail) => {
    let out = "";
    const timer = setTimeout(() => fail(new Error(`no address from medproof-chain: ${out}`)), 180_000);
    node.stdout.on("data", (chunk) => {
      out += chunk;
      const m = out.match(/http:\/\/127\.0\.0\.1:(\d+)/);
      if (m) {
        clearTimeout(timer);
        ok(`http://127.0.0.1:${m[1]}`);
      }
    });
    node.on("exit", (code) => fail(new Error(`medproof-chain exited with ${code}: ${out}`)));
  });
});

after(() => node?.kill());

const flipBase64 = (s) => {
  const b = Buffer.from(s, "base64");
  b[b.length >> 1] ^= 0x01;
  return b.toString("base64");
};
const flipHex = (s) => (s[0] === "0" ? "1" : "0") + s.slice(1);

/** What each tamper mode does to a response, by RPC method. */
const TAMPER = {
  // One validator's signature (the first): a single bad signature must sink the commit.
  signature: { commit: (r) => { const sig = r.signed_header.commit.signatures[0]; sig.signature = flipBase64(sig.signature); } },
  app_hash: { commit: (r) => { r.signed_header.header.app_hash = flipHex(r.signed_header.header.app_hash); } },
  state_value: { abci_query: (r) => { if (r.response.value) r.response.value = flipBase64(r.response.value); } },
  tx: { tx: (r) => { r.tx = flipBase64(r.tx); } },
};

/** A proxy in front of the node that rewrites the `result` of the methods `mode` names. */
function tamperingProxy(mode) {
  const server = createServer((req, res) => {
    const upstream = request(`${nodeUrl}${req.url}`, { method: req.method }, (up) => {
      const chunks = [];
      up.on("data", (c) => chunks.push(c));
      up.on("end", () => {
        let body = Buffer.concat(chunks).toString();
        const method = new URL(req.url, "http://x").pathname.slice(1);
        const rewrite = TAMPER[mode][method];
        if (rewrite) {
          const json = JSON.parse(body);
          if (json.result) rewrite(json.result);
          body = JSON.stringify(json);
        }
        res.writeHead(up.statusCode, { "Content-Type": "application/json", "Access-Control-Allow-Origin": "*" });
        res.end(body);
      });
    });
    upstream.on("error", (e) => { res.writeHead(502); res.end(String(e)); });
    req.pipe(upstream);
  });
  return new Promise((ok) => server.listen(0, "127.0.0.1", () => ok({ url: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((c) => { server.close(c); server.closeAllConnections(); }) })));
}

/** Open the check page against `rpc`; its `window.rpcResult` once finished. */
async function check(rpc, name) {
  const { page, context, problems } = await openPage(env.browser);
  try {
    await page.goto(`${env.server.url}rpc-check.html?rpc=${encodeURIComponent(rpc)}&perPage=2`);
    await page.waitForFunction(() => window.rpcResult !== undefined, null, { timeout: 120_000 });
    const result = await page.evaluate(() => window.rpcResult);
    const status = await page.locator("#rpc-check-summary").getAttribute("data-status");
    await screenshot(page, `rpc-check-${name}`);
    return { result, status, problems };
  } finally {
    await context.close();
  }
}

test("the page verifies the live chain, a transaction and state proofs through the JS provider", async () => {
  const { result, status, problems } = await check(nodeUrl, "live");
  assert.deepEqual(problems, [], "no console errors, CSP violations or failed requests");
  assert.equal(result.ok, true, JSON.stringify(result.failed ?? result.steps));
  assert.equal(status, "pass");
  assert.deepEqual(result.steps.map((s) => [s.name, s.ok]), [
    ["load", true], ["status", true], ["verify to the transaction's height", true], ["verify to the latest height", true],
    ["transaction proof", true], ["state proof (present key)", true], ["state proof (absent key)", true],
  ]);
  assert.ok(result.latest >= 10_000, `latest ${result.latest}`);
  assert.equal(result.tx.height, 80);
  assert.match(result.tx.type, /^consent\./);
  assert.deepEqual(result.state.map((s) => s.kind), ["membership", "nonMembership"]);
  // Skipping verification: O(log n) light blocks for two runs (10 -> 80 -> latest), never a walk.
  const bound = 2 * Math.ceil(Math.log2(result.latest));
  assert.ok(result.fetched.length >= 2 && result.fetched.length <= bound, `${result.fetched.length} light blocks (bound ${bound})`);
  assert.ok(result.fetched.every((h) => h > 10 && h <= result.latest));
  console.log(`rpc-check: ${result.steps.length} steps passed; ${result.fetched.length} light blocks fetched (${result.fetched.join(", ")}), ${result.requests} requests, bound ${bound}`);
});

const REFUSALS = [
  { mode: "signature", step: "verify to the transaction's height", code: "light.invalid_commit_signature" },
  { mode: "app_hash", step: "verify to the transaction's height", code: "light.commit_block_id_mismatch" },
  { mode: "tx", step: "transaction proof", code: "light.bad_tx_proof" },
  { mode: "state_value", step: "state proof (present key)", code: "state.value_mismatch" },
];

for (const { mode, step, code } of REFUSALS) {
  test(`a response with a flipped ${mode} byte is refused with its code`, async () => {
    const proxy = await tamperingProxy(mode);
    try {
      const { result, status } = await check(proxy.url, `tampered-${mode}`);
      assert.equal(result.ok, false, `${mode} was not refused`);
      assert.equal(status, "fail");
      assert.equal(result.failed.step, step, JSON.stringify(result.failed));
      assert.equal(result.failed.code, code);
      const steps = result.steps.filter((s) => !s.ok);
      assert.equal(steps.length, 1);
      console.log(`rpc-check: tampered ${mode} refused at "${step}" with ${result.failed.code}`);
    } finally {
      await proxy.close();
    }
  });
}

// The self-check page (www/selfcheck.html) in headless Chromium, on the OPTIMISED module: this is the test
// that proves the wasm-opt output of scripts/build-pkg.sh loads under the strict CSP and computes
// correctly. Needs `make pkg` (or `bash scripts/build-pkg.sh`) first.

import { test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT, openPage, pageSuite, screenshot } from "./browser.mjs";
import { RFC8032_TESTS } from "../../www/selfcheck-vectors.js";

const sha256 = (bytes) => createHash("sha256").update(bytes).digest("hex");
const EXPECTED_CHECKS = 7;

const env = pageSuite();

test("www/pkg holds the wasm-opt output of pkg/web", () => {
  const built = readFileSync(join(ROOT, "pkg/web/medproof_bg.wasm"));
  const served = readFileSync(join(ROOT, "www/pkg/medproof_bg.wasm"));
  assert.equal(sha256(served), sha256(built), "www/pkg is stale: run scripts/build-pkg.sh");
  // Bind cargo's module again without optimising: the served module must differ and be smaller,
  // so it is the wasm-opt output and not wasm-bindgen's.
  const cargoWasm = join(process.env.CARGO_TARGET_DIR ?? join(ROOT, "target"), "wasm32-unknown-unknown/release/medproof.wasm");
  const tmp = mkdtempSync(join(tmpdir(), "medproof-unopt-"));
  try {
    execFileSync("wasm-bindgen", ["--target", "web", "--out-dir", tmp, cargoWasm]);
    const unoptimised = readFileSync(join(tmp, "medproof_bg.wasm"));
    assert.notEqual(sha256(unoptimised), sha256(served));
    assert.ok(served.length < unoptimised.length, `${served.length} >= ${unoptimised.length}`);
    console.log(`served module: ${served.length} bytes (wasm-bindgen alone: ${unoptimised.length})`);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});

test("the embedded RFC 8032 vectors are the ones in tests/vectors/ed25519/sign.input", () => {
  const lines = readFileSync(join(ROOT, "tests/vectors/ed25519/sign.input"), "utf8").split("\n");
  for (const [i, t] of RFC8032_TESTS.entries()) {
    const [sk, pk, msg, sigMsg] = lines[i].split(":");
    assert.equal(sk, t.secretKey + t.publicKey);
    assert.equal(pk, t.publicKey);
    assert.equal(msg, t.message);
    assert.equal(sigMsg, t.signature + t.message);
  }
  console.log(`${RFC8032_TESTS.length} embedded vectors match sign.input`);
});

test("self-check: every check passes in Chromium with no console errors or CSP violations", async () => {
  const { page, context, problems, responses } = await openPage(env.browser);
  try {
    await page.goto(`${env.server.url}selfcheck.html`);
    const summary = page.locator("#selfcheck-summary");
    await summary.and(page.locator(":not([data-status='running'])")).waitFor({ timeout: 30_000 });
    const status = await summary.getAttribute("data-status");
    const items = await page.locator("#selfcheck-list > li").evaluateAll((lis) =>
      lis.map((li) => ({ status: li.dataset.status, text: [...li.children].map((c) => c.textContent).join(" | ") })),
    );
    const shot = await screenshot(page, "selfcheck");
    console.log(`screenshot: ${shot}`);
    for (const item of items) console.log(`${item.status}: ${item.text}`);

    assert.equal(items.length, EXPECTED_CHECKS, "every check shows a result");
    assert.deepEqual(items.filter((i) => i.status !== "pass"), [], "failed checks");
    assert.equal(status, "pass", await summary.textContent());
    assert.match(await summary.textContent(), new RegExp(`All ${EXPECTED_CHECKS} checks passed`));

    // The page fetched the optimised module, served as application/wasm (streaming compilation).
    const wasmUrl = [...responses.keys()].find((u) => u.endsWith("/pkg/medproof_bg.wasm"));
    assert.ok(wasmUrl, "the page fetched pkg/medproof_bg.wasm");
    const wasm = responses.get(wasmUrl);
    assert.equal(wasm.headers()["content-type"], "application/wasm");
    const body = await wasm.body();
    assert.equal(sha256(body), sha256(readFileSync(join(ROOT, "pkg/web/medproof_bg.wasm"))));
    assert.match(wasm.headers()["content-security-policy"], /script-src 'self' 'wasm-unsafe-eval'/);

    // Accessibility hooks the screen-reader announcement relies on.
    assert.equal(await summary.getAttribute("role"), "status");
    assert.equal(await page.locator("#selfcheck-list").getAttribute("aria-live"), "polite");

    assert.deepEqual(problems, [], "console errors, CSP violations or failed requests");
    console.log(`${items.length} checks passed, 0 problems`);
  } finally {
    await context.close();
  }
});

test("a CSP violation would be caught: inline script is refused and reported", async () => {
  // Guards the guard: if the violation hook stopped working, the test above would pass vacuously.
  const { page, context, problems } = await openPage(env.browser);
  try {
    await page.goto(`${env.server.url}selfcheck.html`);
    await page.evaluate(() => {
      const s = document.createElement("script");
      s.textContent = "window.__inlineRan = true";
      document.body.append(s);
    });
    await page.waitForFunction(() => true);
    await page.waitForTimeout(200);
    assert.equal(await page.evaluate(() => window.__inlineRan ?? false), false, "inline script ran");
    assert.ok(
      problems.some((p) => p.startsWith("CSP violation: script-src")),
      `no violation recorded: ${JSON.stringify(problems)}`,
    );
    console.log(`inline script refused; recorded: ${problems.filter((p) => p.startsWith("CSP")).length}`);
  } finally {
    await context.close();
  }
});

test("a failing check or a missing module turns the summary to fail", async () => {
  // Guards the page's own verdict: it must not report "pass" when something is wrong.
  const { page, context } = await openPage(env.browser);
  try {
    // WebCrypto now returns a wrong digest, so the SHA-256 cross-check must fail.
    await page.addInitScript(() => {
      const digest = crypto.subtle.digest.bind(crypto.subtle);
      crypto.subtle.digest = async (alg, data) => {
        const out = new Uint8Array(await digest(alg, data));
        out[0] ^= 1;
        return out.buffer;
      };
    });
    await page.goto(`${env.server.url}selfcheck.html`);
    const summary = page.locator("#selfcheck-summary");
    await summary.and(page.locator(":not([data-status='running'])")).waitFor({ timeout: 30_000 });
    assert.equal(await summary.getAttribute("data-status"), "fail");
    const failed = await page.locator("#selfcheck-list > li[data-status='fail']").allTextContents();
    assert.equal(failed.length, 1, JSON.stringify(failed));
    assert.match(failed[0], /Incremental SHA-256.*WebCrypto/);

    await page.route("**/medproof_bg.wasm", (route) => route.fulfill({ status: 404, body: "gone" }));
    await page.goto(`${env.server.url}selfcheck.html`);
    await summary.and(page.locator(":not([data-status='running'])")).waitFor({ timeout: 30_000 });
    assert.equal(await summary.getAttribute("data-status"), "fail");
    assert.match(await summary.textContent(), /did not load/);
    console.log("failing check and missing module both reported as fail");
  } finally {
    await context.close();
  }
});

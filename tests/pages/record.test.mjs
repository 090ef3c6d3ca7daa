// The record flow for real: a 200 MB file chosen in the Record view is fingerprinted by medproof's
// wasm in Web Workers, with visible progress: first its chunk root, 1 MiB chunks hashed in
// parallel by the worker pool, then (no anchor being found by it here) its whole SHA-256 in one
// worker. Both digests shown equal Node's. Every request the browser context makes is recorded:
// none may carry the file's bytes, and after the file is chosen only same-origin static files may
// be fetched.

import { test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { closeSync, existsSync, openSync, writeSync } from "node:fs";
import { join } from "node:path";
import { ROOT, openPage, pageSuite, screenshot } from "./browser.mjs";
import { chunkRootOfDigests, openView, watchProgress, realProblems, recordRequests } from "./fixtures.mjs";

const MIB = 1024 * 1024;
const FILE_MIB = 200;
/** No request body may be larger than this: the file is 200 MB, a form or a JSON call is not. */
const MAX_BODY = 4096;

let file;
let expected;
let expectedRoot;

/** A 200 MiB file: one random MiB repeated, each copy stamped with its index so that no two MiB
 * are equal (a hasher that skipped or repeated a slice would get a different digest). */
function writeRecord(dir) {
  file = join(dir, "scan-200MB.bin");
  const block = Buffer.alloc(MIB);
  for (let i = 0; i < MIB; i += 4) block.writeUInt32LE((Math.random() * 2 ** 32) >>> 0, i);
  const hash = createHash("sha256");
  const chunks = [];
  const fd = openSync(file, "w");
  for (let i = 0; i < FILE_MIB; i++) {
    block.writeUInt32LE(i, 0);
    writeSync(fd, block);
    hash.update(block);
    chunks.push(createHash("sha256").update(block).digest());
  }
  closeSync(fd);
  expected = hash.digest("hex");
  expectedRoot = chunkRootOfDigests(chunks);
}

const env = pageSuite({ setup: (e) => writeRecord(e.dir) });

test("a 200 MB record is hashed locally with progress, and never leaves the page", async () => {
  // No service worker here, so that every request is the page's own and shows up as such.
  const { page, context, problems } = await openPage(env.browser, { serviceWorkers: "block" });
  const net = recordRequests(context);
  try {
    const wasmLoaded = page.waitForResponse((r) => r.url().endsWith("/pkg/medproof_bg.wasm"));
    await openView(page, env.server.url, "record");
    await wasmLoaded; // the worker warmed up before any file was chosen
    await page.waitForTimeout(300);

    // Watch every value the progress bar takes, with the stage (chunk root, then SHA-256) it is in.
    const progress = await watchProgress(page);
    const mark = net.requests.length;
    const started = Date.now();
    await page.getByLabel("Record file").setInputFiles(file);
    const root = page.locator("#record-chunk-root");
    await root.waitFor({ timeout: 120_000 });
    const rootSeconds = (Date.now() - started) / 1000;
    assert.equal(await root.textContent(), expectedRoot, "the chunk root shown is Node's RFC 9162 root of the file's 1 MiB chunks");
    const workers = Number(await root.getAttribute("data-workers"));
    assert.equal(workers, await page.evaluate(() => Math.max(1, Math.min(navigator.hardwareConcurrency || 1, 4))));
    const digest = page.locator("#record-digest");
    await digest.waitFor({ timeout: 120_000 });
    const seconds = (Date.now() - started) / 1000;

    assert.equal(await digest.textContent(), expected, "the digest shown is Node's SHA-256 of the file");
    assert.equal(await root.textContent(), expectedRoot, "the chunk root stays shown with it");
    assert.equal(await page.locator("#record-size").getAttribute("data-bytes"), String(FILE_MIB * MIB));

    const size = FILE_MIB * MIB;
    const values = await progress();
    let distinct = [];
    for (const stage of ["chunks", "sha256"]) {
      const intermediate = values.filter(([v, max, st]) => st === stage && max === size && v > 0 && v < size).map(([v]) => v);
      distinct = [...new Set(intermediate)];
      assert.ok(distinct.length >= 10, `${stage}: the bar passed through ${distinct.length} intermediate values: ${distinct.slice(0, 5)}`);
      for (let i = 1; i < intermediate.length; i++) assert.ok(intermediate[i] >= intermediate[i - 1], `${stage}: progress never goes back`);
      assert.ok(values.some(([v, max, st]) => st === stage && v === size && max === size), `${stage}: progress reached 100%`);
    }
    assert.equal(await page.locator("main progress").evaluate((p) => [p.value, p.max].join("/")), `${size}/${size}`);
    assert.match(await page.locator("main progress").getAttribute("aria-valuetext"), /^100% \(200 MB of 200 MB\)$/);
    // The verification step ran after hashing: a verdict, or "not available in this build".
    await page.locator(".result[data-outcome]").waitFor();
    console.log(`chunk root of ${FILE_MIB} MiB in ${rootSeconds.toFixed(1)} s by ${workers} workers, then SHA-256 at ${seconds.toFixed(1)} s; ${distinct.length} progress values; outcome ${await page.locator(".result").getAttribute("data-outcome")}`);
    await screenshot(page, "screenshots/record-hashed");
    assert.doesNotMatch(await page.locator("main").innerText(), /\b(null|undefined|NaN|\[object Object\])\b/);

    // What went over the wire.
    const origin = new URL(env.server.url).origin;
    for (const r of net.requests) {
      assert.ok(r.bodyBytes <= MAX_BODY, `${r.method} ${r.url} carried ${r.bodyBytes} bytes`);
    }
    const after = net.since(mark);
    for (const r of after) {
      const url = new URL(r.url);
      assert.equal(url.origin, origin, `request to another origin after choosing the file: ${r.url}`);
      assert.equal(r.method, "GET", `${r.method} ${r.url} after choosing the file`);
      const path = join(ROOT, "www", decodeURIComponent(url.pathname));
      const isDemo = url.pathname.startsWith("/demo/");
      assert.ok(isDemo || existsSync(path), `${r.url} is not a static file of www/`);
    }
    assert.deepEqual(net.sockets, [], "no WebSocket was opened");
    assert.deepEqual(realProblems(problems), []);
    console.log(`${net.requests.length} requests in all, ${after.length} after choosing the file (${after.map((r) => new URL(r.url).pathname).join(", ") || "none"}), largest body ${Math.max(0, ...net.requests.map((r) => r.bodyBytes))} bytes, 0 sockets`);
  } finally {
    await context.close();
  }
});

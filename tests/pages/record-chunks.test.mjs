// The chunked-root mode in the app: a 9 MiB + 7 byte record (above the size from which the Record
// view hashes in parallel) is cut into 1 MiB chunks hashed by a pool of min(hardwareConcurrency, 4)
// module workers; the root shown equals Node's RFC 9162 root, computed here with node:crypto; the
// progress bar climbs to 100% without going back; the pool really had that many workers; and no
// request carries the file's bytes. A small file takes the one-worker path and gets both digests.

import { test } from "node:test";
import assert from "node:assert/strict";
import { createHash, randomBytes } from "node:crypto";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { openPage, pageSuite, screenshot } from "./browser.mjs";
import { chunkRootOf, openView, watchProgress, realProblems, recordRequests } from "./fixtures.mjs";

const MIB = 1024 * 1024;
const MAX_BODY = 4096;
const files = {};

function write(dir, name, size) {
  const bytes = randomBytes(size);
  const path = join(dir, name);
  writeFileSync(path, bytes);
  files[name] = { path, size, root: chunkRootOf(bytes), sha256: createHash("sha256").update(bytes).digest("hex") };
}

const env = pageSuite({
  setup: (e) => {
    write(e.dir, "scan-9MiB+7.bin", 9 * MIB + 7);
    write(e.dir, "note-1MiB+1.bin", MIB + 1);
  },
});

/** Count the hashing workers the page starts. */
async function countWorkers(page) {
  await page.addInitScript(() => {
    window.__hashWorkers = 0;
    const Original = window.Worker;
    window.Worker = class extends Original {
      constructor(url, options) {
        super(url, options);
        if (String(url).endsWith("/hash-worker.js")) window.__hashWorkers++;
      }
    };
  });
}

test("a 9 MiB + 7 record's chunk root is hashed by the worker pool and equals Node's", async () => {
  const f = files["scan-9MiB+7.bin"];
  const { page, context, problems } = await openPage(env.browser, { serviceWorkers: "block" });
  const net = recordRequests(context);
  await countWorkers(page);
  try {
    await openView(page, env.server.url, "record");
    const before = await page.evaluate(() => window.__hashWorkers);
    const progress = await watchProgress(page);
    await page.getByLabel("Record file").setInputFiles(f.path);
    const root = page.locator("#record-chunk-root");
    await root.waitFor({ timeout: 60_000 });
    assert.equal(await root.textContent(), f.root, "the chunk root is Node's");
    const expectedWorkers = await page.evaluate(() => Math.max(1, Math.min(navigator.hardwareConcurrency || 1, 4)));
    assert.equal(Number(await root.getAttribute("data-workers")), expectedWorkers);
    assert.equal(await page.evaluate(() => window.__hashWorkers), before + expectedWorkers, "the pool started one worker per core (at most 4)");
    assert.equal(await page.locator("#record-size").getAttribute("data-bytes"), String(f.size));

    const values = await progress();
    const chunked = values.filter(([, max, stage]) => stage === "chunks" && max === f.size).map(([v]) => v);
    for (let i = 1; i < chunked.length; i++) assert.ok(chunked[i] >= chunked[i - 1], "progress never goes back");
    const steps = new Set(chunked.filter((v) => v > 0 && v < f.size));
    assert.ok(steps.size >= 5, `progress went through ${steps.size} intermediate values (10 chunks)`);
    assert.equal(chunked.at(-1), f.size, "progress reached 100%");
    // No anchor found by the chunk root here, so the SHA-256 follows; it is Node's too.
    const digest = page.locator("#record-digest");
    await digest.waitFor({ timeout: 60_000 });
    assert.equal(await digest.textContent(), f.sha256);
    await page.locator(".result[data-outcome]").waitFor();
    assert.match(await page.locator("main progress").getAttribute("aria-valuetext"), /^100% /);
    await screenshot(page, "screenshots/record-chunks");

    for (const r of net.requests) assert.ok(r.bodyBytes <= MAX_BODY, `${r.method} ${r.url} carried ${r.bodyBytes} bytes`);
    assert.deepEqual(net.sockets, []);
    assert.deepEqual(realProblems(problems), []);
    console.log(`9 MiB + 7: chunk root by ${expectedWorkers} workers = Node's; ${steps.size} progress steps; ${net.requests.length} requests, none with the bytes`);
  } finally {
    await context.close();
  }
});

test("a small record is hashed in one worker, SHA-256 and chunk root in one pass", async () => {
  const f = files["note-1MiB+1.bin"];
  const { page, context, problems } = await openPage(env.browser, { serviceWorkers: "block" });
  await countWorkers(page);
  try {
    await openView(page, env.server.url, "record");
    await page.getByLabel("Record file").setInputFiles(f.path);
    await page.locator("#record-digest").waitFor({ timeout: 60_000 });
    assert.equal(await page.locator("#record-digest").textContent(), f.sha256);
    assert.equal(await page.locator("#record-chunk-root").textContent(), f.root);
    assert.equal(await page.locator("#record-chunk-root").getAttribute("data-workers"), "1");
    await page.locator(".result[data-outcome]").waitFor();
    assert.equal(await page.evaluate(() => window.__hashWorkers), 1, "no pool for a small file");
    assert.deepEqual(realProblems(problems), []);
    console.log("1 MiB + 1: SHA-256 and chunk root from one worker = Node's");
  } finally {
    await context.close();
  }
});

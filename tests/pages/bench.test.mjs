// The bench page runs to the end in Chromium (tiny sizes: this checks it works, not its speed):
// every case measured, every peer present, results consistent, no console errors or CSP
// violations. `make bench` runs it at full size.

import { test } from "node:test";
import assert from "node:assert/strict";
import { launch, openPage, serve, vendorNoble } from "./browser.mjs";

test("bench page completes with every case and ratio, under the strict CSP", async () => {
  vendorNoble();
  const server = await serve();
  const browser = await launch();
  try {
    const { page, problems } = await openPage(browser);
    await page.goto(`${server.url}bench.html?reps=1&shaReps=1&mib=1&recordMib=4&recordReps=1`);
    const status = page.locator("#bench-status");
    await status.and(page.locator(":not([data-status='running'])")).waitFor({ timeout: 60_000 });
    assert.equal(await status.getAttribute("data-status"), "pass", await page.evaluate(() => window.benchError));
    const r = await page.evaluate(() => window.benchResults);
    const ids = r.cases.map((c) => c.id);
    for (const id of [
      "medproof-single-zip215", "medproof-batch-zip215", "medproof-single-strict", "medproof-batch-strict",
      "webcrypto-sequential", "webcrypto-parallel", "noble-zip215", "noble-strict",
      "medproof-sha256", "medproof-sha256-incremental", "webcrypto-sha256",
      "medproof-records-chunked", "medproof-records-sha256", "webcrypto-records-sha256",
    ]) assert.ok(ids.includes(id), `missing case ${id}`);
    for (const c of r.cases) {
      assert.ok(c.medianMs > 0 && c.minMs <= c.medianMs && c.medianMs <= c.maxMs, `${c.id}: ${JSON.stringify(c)}`);
      assert.equal(c.runs.length, c.reps);
    }
    // 16 ratios, plus medproof vs tendermint-rs when `make bench` has built the light-client peer.
    const light = ids.includes("medproof-light") && ids.includes("tendermint-rs-light");
    assert.equal(r.ratios.length, light ? 17 : 16);
    // The records group: every digest checked in the page, memory by construction (no sampler
    // here), and the three goals judged.
    for (const c of r.cases.filter((x) => x.group === "records")) {
      assert.ok(c.mbPerSec > 0 && c.extraMemoryBytes > 0, JSON.stringify(c));
      assert.match(c.extraMemoryHow, /^by construction/);
    }
    assert.deepEqual(r.goals.map((g) => typeof g.met), ["boolean", "boolean", "boolean"]);
    assert.equal(await page.locator("#bench-goals li").count(), 3);
    for (const x of r.ratios) assert.ok(Number.isFinite(x.ratio) && x.ratio > 0, x.text);
    assert.equal(r.crossOriginIsolated, true);
    const rows = await page.locator("table tbody tr").count();
    assert.equal(rows, r.cases.length);
    assert.deepEqual(problems, []);
    console.log(`${r.cases.length} cases, ${r.ratios.length} ratios, ${rows} table rows, ${r.goals.length} goals`);
  } finally {
    await browser.close();
    await server.close();
  }
});

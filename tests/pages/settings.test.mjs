// Trust configuration: with no demo/trust.json the app says so plainly and verifies nothing; a
// checkpoint pasted in Settings is saved in localStorage, survives a reload, and its age is shown,
// with a warning once it is older than the trusting period; bad input is refused with a reason.

import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { ROOT, openPage, pageSuite, screenshot } from "./browser.mjs";
import { openView, realProblems } from "./fixtures.mjs";

const HOUR = 3600 * 1000;
const checkpoint = (ageMs) => ({
  chainId: "medproof-test",
  height: 42,
  headerHash: "AB".repeat(32),
  time: new Date(Date.now() - ageMs).toISOString(),
  validators: [{ address: "01".repeat(20), pubKey: "11".repeat(32), power: 10 }, { address: "02".repeat(20), pubKey: "22".repeat(32), power: 10 }],
});
const REGULATOR = "did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2";

const env = pageSuite();

test("without demo/trust.json the app says so, and a check stops with that reason", { skip: existsSync(join(ROOT, "www/demo/trust.json")) && "www/demo/trust.json exists" }, async () => {
  const { page, context } = await openPage(env.browser, { serviceWorkers: "block" });
  try {
    await openView(page, env.server.url, "");
    await page.locator(".trust-banner .note-warn").waitFor();
    assert.match(await page.locator(".trust-banner").textContent(), /No default trust: demo\/trust\.json was not found/);
    await openView(page, env.server.url, "contracts");
    await page.getByLabel("Paste the invoice or chargeback claim (JSON)").fill('{"invoice": "INV-1"}');
    await page.getByRole("button", { name: "Check" }).click();
    await page.locator(".result[data-outcome='app.no_trust']").waitFor();
    assert.match(await page.locator(".result").textContent(), /Nothing can be verified without a trusted checkpoint/);
    assert.equal(await page.locator(".verdict-card").count(), 0, "no verdict without trust");
    console.log("missing trust reported on the landing page and before any check");
  } finally {
    await context.close();
  }
});

test("settings: a pasted checkpoint is saved, shows its age, and warns when older than the trusting period", async () => {
  const { page, context, problems } = await openPage(env.browser, { serviceWorkers: "block" });
  try {
    await openView(page, env.server.url, "settings");
    const cp = page.getByLabel("Checkpoint (JSON)");
    const did = page.getByLabel("Regulator's key (did:key)");
    const save = page.getByRole("button", { name: "Save" });
    const status = page.locator(".settings-status");

    // Refusals, each with its reason.
    await cp.fill("{not json");
    await save.click();
    assert.match(await status.textContent(), /The checkpoint is not valid JSON/);
    await cp.fill(JSON.stringify(checkpoint(HOUR), null, 2));
    await did.fill("did:key:not-a-key");
    await save.click();
    assert.match(await status.textContent(), /not an Ed25519 did:key/);
    await did.fill(REGULATOR);
    await page.getByLabel("A CometBFT RPC endpoint").check();
    await save.click();
    assert.match(await status.textContent(), /Give the RPC endpoint's address/);
    await page.getByLabel("Static files beside the app").check();

    // A fresh checkpoint: saved, aged about an hour, not stale.
    await save.click();
    assert.match(await status.textContent(), /Saved on this device/);
    const shown = page.locator("#checkpoint-status");
    assert.equal(await shown.getAttribute("data-stale"), "false");
    assert.match(await shown.textContent(), /Chainmedproof-test.*Height42.*Validators2.*Age(59 minutes|1 hour)/s);

    // Survives a reload; the other views now trust it.
    await page.reload();
    await page.locator("main[data-view='settings'][data-ready]").waitFor();
    assert.match(await page.locator("#trust-origin").textContent(), /Your own saved checkpoint/);
    assert.deepEqual(JSON.parse(await page.getByLabel("Checkpoint (JSON)").inputValue()).height, 42);
    assert.equal(await page.getByLabel("Regulator's key (did:key)").inputValue(), REGULATOR);
    await openView(page, env.server.url, "medicine");
    await page.locator(".trust-banner .trust-line").waitFor();
    assert.match(await page.locator(".trust-banner").textContent(), /Trusting checkpoint medproof-test at height 42, (59 minutes|1 hour) old/);

    // A checkpoint 30 days old is past the two-week trusting period: warned everywhere.
    await openView(page, env.server.url, "settings");
    await page.getByLabel("Checkpoint (JSON)").fill(JSON.stringify(checkpoint(30 * 24 * HOUR)));
    await page.getByRole("button", { name: "Save" }).click();
    assert.equal(await page.locator("#checkpoint-status").getAttribute("data-stale"), "true");
    assert.match(await page.locator("#checkpoint-status").textContent(), /30 days old, older than the trusting period \(14 days\)/);
    await screenshot(page, "screenshots/settings-stale");
    await openView(page, env.server.url, "record");
    await page.locator(".trust-banner .note-warn").waitFor();
    assert.match(await page.locator(".trust-banner").textContent(), /is 30 days old, older than the trusting period/);

    // A trust that sets its own trusting period is judged by it.
    await page.evaluate((cp) => {
      const s = JSON.parse(localStorage.getItem("medproof.settings.v1"));
      s.trust = { checkpoint: cp, regulator: "", trustingPeriodSeconds: 60 * 24 * 3600 };
      localStorage.setItem("medproof.settings.v1", JSON.stringify(s));
    }, checkpoint(30 * 24 * HOUR));
    await openView(page, env.server.url, "settings");
    assert.equal(await page.locator("#checkpoint-status").getAttribute("data-stale"), "false");

    // Back to the defaults.
    await page.getByRole("button", { name: "Back to the defaults" }).click();
    await page.locator("main[data-view='settings'][data-ready]").waitFor();
    assert.equal(await page.evaluate(() => localStorage.getItem("medproof.settings.v1")), null);
    assert.deepEqual(realProblems(problems), []);
    console.log("3 refusals, fresh and stale checkpoints, persistence, own trusting period, reset: checked");
  } finally {
    await context.close();
  }
});

// ACCEPTANCE: offline, after a first load, the genuine demo pack still verifies. The app is loaded
// with its service worker (which precaches the app shell and the demo's bundles), the genuine
// pack is checked once online, then the network is cut and the server closed; after a reload
// (from the service worker's cache) the same check runs again, with the verifier module, the
// trusted checkpoint, the scenario list and the pack's proof bundle all from the cache, and
// still ends in "Verified" (medicine.genuine).

import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT, openPage, pageSuite, screenshot } from "./browser.mjs";
import { openView, recordRequests } from "./fixtures.mjs";

const DEMO = join(ROOT, "www/demo/scenarios.json");
const scenarios = existsSync(DEMO) ? JSON.parse(readFileSync(DEMO, "utf8")) : [];
const genuine = scenarios.find((s) => s.id === "genuine-pack");

const env = pageSuite();

/** Paste the pack's link into the Medicine view, check it, and return the verdict card's verdict and codes. */
async function checkPack(page, link) {
  await page.getByLabel("Or paste the pack's link").fill(link);
  await page.getByRole("button", { name: "Check", exact: true }).click();
  const result = page.locator(".result[data-outcome]");
  await result.waitFor({ timeout: 60_000 });
  const card = page.locator(".verdict-card");
  assert.equal(await card.count(), 1, `a verdict, not: ${await result.textContent()}`);
  const codes = await card.locator("[data-code]").evaluateAll((els) => els.map((e) => e.dataset.code));
  return {
    verdict: await card.getAttribute("data-verdict"),
    title: (await card.locator(".verdict-title").textContent()).trim(),
    codes: [await card.getAttribute("data-code"), ...codes],
  };
}

test("offline after a first load: the genuine demo pack still verifies", { skip: !genuine && "www/demo/scenarios.json has no genuine-pack scenario yet" }, async () => {
  const { page, context, problems, responses } = await openPage(env.browser);
  try {
    await openView(page, env.server.url, "medicine");
    // The worker is installed (app shell and demo precached) and controls the page.
    await page.locator("html[data-offline-ready='true']").waitFor({ timeout: 30_000 });
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);

    const online = await checkPack(page, genuine.input);
    assert.equal(online.verdict, genuine.expect.verdict, `online: ${online.codes}`);
    assert.ok(online.codes.includes(genuine.expect.code), `online: ${genuine.expect.code} among ${online.codes}`);

    await context.setOffline(true);
    await env.server.close();
    const requests = recordRequests(context);
    responses.clear();
    const problemsBefore = problems.length;

    await page.reload();
    await page.locator("main[data-view='medicine'][data-ready]").waitFor({ timeout: 15_000 });
    assert.equal(await page.locator(".verdict-card").count(), 0, "a fresh page, no verdict left over");
    assert.equal(await page.evaluate(() => navigator.onLine), false, "the browser knows it is offline");
    const offline = await checkPack(page, genuine.input);
    assert.equal(offline.verdict, "verified", `offline: ${offline.codes}`);
    assert.equal(offline.title, "Verified");
    assert.ok(offline.codes.includes("medicine.genuine"), `offline: medicine.genuine among ${offline.codes}`);
    // The bundle came from the service worker (its cache: the server is gone), and so did
    // everything else the page asked for: nothing failed.
    const bundleUrl = new URL(genuine.bundle, env.server.url).href;
    assert.ok(responses.get(bundleUrl)?.fromServiceWorker(), `${genuine.bundle} served by the service worker`);
    const pageResponses = [...responses.values()];
    assert.ok(pageResponses.every((r) => r.fromServiceWorker() && r.ok()), "every response offline came from the worker");
    assert.deepEqual(problems.slice(problemsBefore), [], "no failed request or error offline");
    await screenshot(page, "screenshots/offline-genuine-pack");
    console.log(`online: ${online.title} [${online.codes.join(", ")}]; offline, server closed, after reload: ${offline.title} [${offline.codes.join(", ")}]; ${requests.requests.length} requests, ${pageResponses.length} page responses all from the service worker`);
  } finally {
    await context.close();
  }
});

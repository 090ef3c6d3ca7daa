// Every view, as people meet it: a screenshot of each (desktop and phone) in
// artifacts/screenshots/, an axe-core scan with no serious or critical violation, no horizontal
// scrolling at 390 px, keyboard basics (skip link first, focus to each new view's heading), no
// CSP violation or console error, and Chromium's own verdict that the app is installable.

import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT, openPage, pageSuite, screenshot } from "./browser.mjs";
import { openView, realProblems } from "./fixtures.mjs";

const VIEWS = ["", "medicine", "credential", "record", "consent", "wallet", "contracts", "settings"];
const name = (v) => v || "home";

const env = pageSuite();

async function axe(page) {
  await page.addScriptTag({ path: join(ROOT, "node_modules/axe-core/axe.min.js") });
  const results = await page.evaluate(() => globalThis.axe.run(document, { resultTypes: ["violations"] }));
  return results.violations;
}

const serious = (violations) =>
  violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);

test("each view: axe finds no serious or critical violation; screenshots saved", async () => {
  // bypassCSP only so that axe can be injected; the other tests run under the strict CSP.
  const { page, context } = await openPage(env.browser, { bypassCSP: true, serviceWorkers: "block" });
  try {
    const counts = [];
    for (const view of VIEWS) {
      await openView(page, env.server.url, view);
      await page.waitForTimeout(150); // the trust line and demo list settle
      await screenshot(page, `screenshots/${name(view)}`);
      const violations = await axe(page);
      assert.deepEqual(serious(violations), [], `#/${view}`);
      counts.push(`${name(view)} ${violations.length}`);
    }
    // The wallet once a key exists (locked and unlocked) and a wrong passphrase.
    await openView(page, env.server.url, "wallet");
    await page.getByLabel("Passphrase", { exact: true }).fill("a11y passphrase");
    await page.getByLabel("Passphrase again").fill("a11y passphrase");
    await page.getByRole("button", { name: "Create key" }).click();
    await page.locator(".wallet-state[data-state='unlocked']").waitFor({ timeout: 30_000 });
    await screenshot(page, "screenshots/wallet-unlocked");
    assert.deepEqual(serious(await axe(page)), [], "wallet unlocked");
    await page.getByRole("button", { name: "Lock" }).click();
    await page.getByLabel("Passphrase", { exact: true }).fill("wrong passphrase");
    await page.getByRole("button", { name: "Unlock" }).click();
    await page.locator("#wallet-error[data-code='wallet.wrong_passphrase']").waitFor({ timeout: 30_000 });
    assert.deepEqual(serious(await axe(page)), [], "wallet locked, with an error");
    console.log(`axe violations (none serious or critical) per view: ${counts.join(", ")}`);
  } finally {
    await context.close();
  }
});

test("each view on a phone (390x844): no horizontal scroll, no CSP violation or console error", async () => {
  const { page, context, problems } = await openPage(env.browser, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, serviceWorkers: "block" });
  try {
    for (const view of VIEWS) {
      await openView(page, env.server.url, view);
      await page.waitForTimeout(150);
      const { scrollWidth, innerWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth }));
      assert.ok(scrollWidth <= innerWidth, `#/${view}: page is ${scrollWidth} px wide at ${innerWidth} px`);
      // Nothing sticks out to the right of the screen.
      const wide = await page.evaluate(() =>
        [...document.querySelectorAll("main *, header *")].filter((el) => el.getBoundingClientRect().right > innerWidth + 1).map((el) => el.tagName + (el.id ? `#${el.id}` : "")),
      );
      assert.deepEqual(wide, [], `#/${view}: elements wider than the screen`);
      // A conditional's leftovers printed as text ("null", "undefined") would show here.
      assert.doesNotMatch(await page.locator("main").innerText(), /\b(null|undefined|NaN|\[object Object\])\b/, `#/${view}`);
      await screenshot(page, `screenshots/${name(view)}-mobile`);
    }
    assert.deepEqual(realProblems(problems), []);
    console.log(`${VIEWS.length} views fit 390 px with no horizontal scroll`);
  } finally {
    await context.close();
  }
});

test("keyboard: the skip link comes first and moves focus to the content; a new view's heading gets focus", async () => {
  const { page, context } = await openPage(env.browser, { serviceWorkers: "block" });
  try {
    await openView(page, env.server.url, "");
    await page.keyboard.press("Tab");
    assert.equal(await page.evaluate(() => document.activeElement.textContent), "Skip to content");
    assert.equal(await page.locator(".skip-link").evaluate((a) => a.getBoundingClientRect().top >= 0), true, "visible when focused");
    await page.keyboard.press("Enter");
    assert.equal(await page.evaluate(() => document.activeElement.id), "main");
    assert.equal(new URL(page.url()).hash, "#/", "the skip link is not taken for a route");

    // From the top, by keyboard through the navigation to Medicine: skip link, brand, Home, Medicine.
    await page.reload();
    await page.locator("main[data-view='home'][data-ready]").waitFor();
    const order = [];
    for (let i = 0; i < 4; i++) {
      await page.keyboard.press("Tab");
      order.push((await page.evaluate(() => document.activeElement.textContent)).trim());
    }
    assert.deepEqual(order, ["Skip to content", "medproof", "Home", "Medicine"], "focus order");
    await page.keyboard.press("Enter");
    await page.locator("main[data-view='medicine'][data-ready]").waitFor();
    assert.equal(await page.evaluate(() => document.activeElement.textContent), "Check a medicine", "focus on the new view's heading");
    assert.equal(await page.locator("nav a[aria-current='page']").textContent(), "Medicine");
    assert.equal(await page.title(), "Check a medicine · medproof");
    console.log("skip link, navigation by keyboard, focus to heading, aria-current: checked");
  } finally {
    await context.close();
  }
});

test("installable: Chromium reads the manifest with no errors and finds no installability errors", async () => {
  const { page, context, problems } = await openPage(env.browser);
  try {
    await openView(page, env.server.url, "");
    await page.locator("html[data-offline-ready='true']").waitFor({ timeout: 30_000 });
    const cdp = await context.newCDPSession(page);
    const manifest = await cdp.send("Page.getAppManifest");
    assert.deepEqual(manifest.errors, [], "manifest errors");
    const { installabilityErrors } = await cdp.send("Page.getInstallabilityErrors");
    // Playwright's contexts are incognito, where Chromium installs nothing; every other reason
    // (no manifest, no suitable icon, no service worker with a fetch handler, ...) must be absent.
    const errors = installabilityErrors.map((e) => e.errorId).filter((id) => id !== "in-incognito");
    assert.deepEqual(errors, [], "installability errors");
    // The PNG icons are the sizes the manifest says.
    const data = JSON.parse(readFileSync(join(ROOT, "www/manifest.webmanifest"), "utf8"));
    for (const icon of data.icons.filter((i) => i.type === "image/png")) {
      const png = readFileSync(join(ROOT, "www", icon.src));
      assert.equal(`${png.readUInt32BE(16)}x${png.readUInt32BE(20)}`, icon.sizes, icon.src);
    }
    assert.deepEqual(realProblems(problems), []);
    console.log(`installable; manifest ${manifest.url}, ${data.icons.length} icons`);
  } finally {
    await context.close();
  }
});

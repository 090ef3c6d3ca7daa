// Offline: after one visit, with the network cut and the server gone, the app shell reloads from
// the service worker, decodes a QR photo with the (cached) wasm decoder, and the self-check passes
// on the cached verifier module. Also: the precache list names every file the app is made of.

import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join, relative } from "node:path";
import { ROOT, openPage, pageSuite, screenshot } from "./browser.mjs";
import { PACK_LINK, openView, writeQrPng } from "./fixtures.mjs";

const WWW = join(ROOT, "www");

/** The APP_SHELL list of www/sw.js. */
function appShell() {
  const source = readFileSync(join(WWW, "sw.js"), "utf8");
  const list = /const APP_SHELL = \[([^\]]*)\]/.exec(source)?.[1];
  assert.ok(list, "sw.js has an APP_SHELL list");
  return [...list.matchAll(/"([^"]+)"/g)].map((m) => m[1]);
}

function filesUnder(dir) {
  return readdirSync(join(WWW, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => relative(WWW, join(e.parentPath ?? e.path, e.name)));
}

test("the service worker precaches every file of the app shell, and only files that exist", () => {
  const shell = appShell();
  const missing = shell.filter((p) => p !== "./" && !existsSync(join(WWW, p)));
  assert.deepEqual(missing, [], "listed but not in www/");
  // What the app is made of, read from the disk: the app's modules and icons, the pages and
  // their scripts and styles beside them (not the docs, the benchmark page and its modules, the
  // live-endpoint check, which needs the network anyway, or the worker itself), and the two wasm
  // modules with their glue.
  const top = readdirSync(WWW, { withFileTypes: true })
    .filter((e) => e.isFile() && !/^(README\.md|sw\.js|bench[.-].*|rpc-check\..*)$/.test(e.name))
    .map((e) => e.name);
  const wasm = [...filesUnder("pkg"), ...filesUnder("qr")].filter((p) => /\.(js|wasm)$/.test(p));
  const needed = [...filesUnder("app"), ...filesUnder("icons"), ...top, ...wasm];
  assert.deepEqual(needed.filter((p) => !shell.includes(p)), [], "app files the service worker would not precache");
  // The manifest's icons are all there too.
  const manifest = JSON.parse(readFileSync(join(WWW, "manifest.webmanifest"), "utf8"));
  for (const icon of manifest.icons) assert.ok(shell.includes(icon.src), `${icon.src} precached`);
  console.log(`${shell.length} precached files; ${needed.length} required ones all listed`);
});

let photo;
const env = pageSuite({
  async setup({ dir }) {
    photo = join(dir, "pack.png");
    await writeQrPng(photo, PACK_LINK);
  },
});

test("offline after the first visit: app shell, QR decoder and self-check work with the server gone", async () => {
  const { page, context } = await openPage(env.browser);
  try {
    await openView(page, env.server.url, "");
    // The worker is installed (everything precached) and controls the page.
    await page.locator("html[data-offline-ready='true']").waitFor({ timeout: 30_000 });
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    const cached = await page.evaluate(async () => {
      const names = await caches.keys();
      let n = 0;
      for (const name of names) n += (await (await caches.open(name)).keys()).length;
      return { names, n };
    });
    console.log(`caches ${cached.names.join(", ")}: ${cached.n} entries`);
    const demo = existsSync(join(WWW, "demo/scenarios.json"));

    await context.setOffline(true);
    await env.server.close();

    await page.reload();
    await page.locator("main[data-view='home'][data-ready]").waitFor({ timeout: 15_000 });
    assert.match(await page.locator("h1").textContent(), /Check healthcare data yourself/);
    assert.equal(await page.locator("link[rel=stylesheet][href='app.css']").evaluate((l) => l.sheet?.cssRules.length > 0), true, "styles from the cache");
    if (demo) {
      await page.locator(".scenario-list .scenario").first().waitFor();
      console.log(`offline: ${await page.locator(".scenario").count()} demo scenarios listed from the cache`);
    }
    await screenshot(page, "screenshots/offline-home");

    // The QR decoder, first used now, comes from the cache.
    await page.goto(`${new URL(page.url()).origin}/#/medicine`);
    await page.locator("main[data-view='medicine'][data-ready]").waitFor();
    await page.getByLabel("Or upload a photo of the code").setInputFiles(photo);
    const scanned = page.locator("[data-testid='scanned-text']");
    await scanned.waitFor({ timeout: 20_000 });
    assert.equal(await scanned.textContent(), PACK_LINK);

    // The self-check, on the cached module.
    await page.goto(`${new URL(page.url()).origin}/selfcheck.html`);
    const summary = page.locator("#selfcheck-summary");
    await summary.and(page.locator(":not([data-status='running'])")).waitFor({ timeout: 30_000 });
    assert.equal(await summary.getAttribute("data-status"), "pass", await summary.textContent());
    console.log(`offline: app shell reloaded, photo decoded, self-check: ${await summary.textContent()}`);
  } finally {
    await context.close();
  }
});

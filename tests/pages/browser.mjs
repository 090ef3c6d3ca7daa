// Shared helpers for page tests and the browser benchmark: serve www/ with scripts/serve.mjs (strict
// CSP, COOP/COEP) on a free port, drive Debian's headless Chromium with playwright-core, and record
// everything that went wrong on a page (console errors, uncaught exceptions, CSP violations,
// failed requests).

import { chromium } from "playwright-core";
import { before, after } from "node:test";
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { startServer } from "../../scripts/serve.mjs";

/** The repository root. */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
/** Where screenshots and reports go (gitignored). */
export const ARTIFACTS = join(ROOT, "artifacts");

const CHROMIUM = process.env.CHROME_BIN ?? "/usr/bin/chromium";
const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-dev-shm-usage",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

/** Serve `root` (default www/) on 127.0.0.1 at a free port. Returns `{url, close()}`. */
export async function serve(root = join(ROOT, "www")) {
  const { server, url } = await startServer({ port: 0, root, quiet: true });
  return {
    url,
    close: () =>
      new Promise((ok) => {
        server.close(ok);
        server.closeAllConnections();
      }),
  };
}

/** Launch headless Chromium, with `extraArgs` (a fake camera, say) after the usual ones. */
export function launch(extraArgs = []) {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: [...CHROMIUM_ARGS, ...extraArgs] });
}

/**
 * The usual frame of a page-test file: before its tests, a temporary directory (`env.dir`), then
 * `setup(env)` (to write fixtures the browser needs at launch, such as a fake camera's video),
 * then a server of `root` (`env.server`) and Chromium (`env.browser`, launched with
 * `launchArgs(env)`); after them, all three are cleaned up. Returns `env`.
 */
export function pageSuite({ root, setup, launchArgs = () => [] } = {}) {
  const env = {};
  before(async () => {
    env.dir = mkdtempSync(join(tmpdir(), "medproof-pages-"));
    await setup?.(env);
    env.server = await serve(root);
    env.browser = await launch(launchArgs(env));
  });
  after(async () => {
    await env.browser?.close();
    await env.server?.close();
    if (env.dir) rmSync(env.dir, { recursive: true, force: true });
  });
  return env;
}

/**
 * A new page that records its problems. `problems` collects one string per console error, page
 * exception, CSP violation (from the `securitypolicyviolation` event, hooked before any page
 * script runs), failed request and HTTP error response; `responses` maps each URL to its response.
 * `contextOptions` go to `browser.newContext` (viewport, serviceWorkers, bypassCSP, ...).
 */
export async function openPage(browser, contextOptions = {}) {
  const context = await browser.newContext(contextOptions);
  const page = await context.newPage();
  const problems = [];
  const responses = new Map();
  await page.exposeBinding("__medproofReportViolation", (_source, v) =>
    problems.push(`CSP violation: ${v.directive} blocked ${v.blockedURI || "inline"} (${v.source})`),
  );
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) =>
      // eslint-disable-next-line no-undef
      __medproofReportViolation({
        directive: e.effectiveDirective,
        blockedURI: e.blockedURI,
        source: `${e.sourceFile}:${e.lineNumber}`,
      }),
    );
  });
  page.on("console", (m) => {
    if (m.type() === "error" || m.type() === "warning") problems.push(`console.${m.type()}: ${m.text()}`);
  });
  page.on("pageerror", (e) => problems.push(`uncaught: ${e.message}`));
  page.on("requestfailed", (r) => problems.push(`request failed: ${r.url()} ${r.failure()?.errorText}`));
  page.on("response", (r) => {
    responses.set(r.url(), r);
    if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`);
  });
  return { page, context, problems, responses };
}

/** Save a full-page screenshot to artifacts/<name>.png and return its path. */
export async function screenshot(page, name) {
  const path = join(ARTIFACTS, `${name}.png`);
  mkdirSync(dirname(path), { recursive: true });
  await page.screenshot({ path, fullPage: true });
  return path;
}

/**
 * Copy @noble/ed25519's single ESM file to www/vendor/ (gitignored), so the bench page loads it from
 * our own origin under the strict CSP: no third-party hosts.
 */
export function vendorNoble() {
  mkdirSync(join(ROOT, "www/vendor"), { recursive: true });
  copyFileSync(join(ROOT, "node_modules/@noble/ed25519/index.js"), join(ROOT, "www/vendor/noble-ed25519.js"));
}

// The browser half of `make bench`: serve www/ (which `make pkg` has filled), open www/bench.html
// in headless Chromium, print its measurements as a table with ratios against the peers measured
// in the same run, and write them to artifacts/bench.json. Builds nothing.
//
// Usage: node scripts/bench.mjs [--reps N] [--sha-reps N] [--mib N]

import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { ARTIFACTS, ROOT, launch, openPage, screenshot, serve, vendorNoble } from "../tests/pages/browser.mjs";

const { values: opts } = parseArgs({
  options: {
    reps: { type: "string", default: "15" },
    "sha-reps": { type: "string", default: "7" },
    mib: { type: "string", default: "64" },
  },
});

const WWW = join(ROOT, "www");
if (!existsSync(join(WWW, "pkg/medproof_bg.wasm"))) {
  console.error("www/pkg is missing: run `make pkg` (scripts/build-pkg.sh) first");
  process.exit(2);
}
vendorNoble();

const server = await serve(WWW);
const browser = await launch();
let exitCode = 0;
try {
  const { page, problems } = await openPage(browser);
  const query = new URLSearchParams({ reps: opts.reps, shaReps: opts["sha-reps"], mib: opts.mib });
  // The light-client comparison needs the tendermint-rs peer and its fixture (scripts/build-bench-peer.sh).
  if (existsSync(join(WWW, "bench-data/commit150.json")) && existsSync(join(WWW, "tm-peer"))) query.set("light", "1");
  const started = Date.now();
  await page.goto(`${server.url}bench.html?${query}`);
  const status = page.locator("#bench-status");
  await status.and(page.locator(":not([data-status='running'])")).waitFor({ timeout: 150_000 });
  if ((await status.getAttribute("data-status")) !== "pass") {
    throw new Error(`bench page failed: ${await page.evaluate(() => window.benchError)}`);
  }
  const results = await page.evaluate(() => window.benchResults);
  results.wallSeconds = (Date.now() - started) / 1000;
  results.problems = problems;
  await screenshot(page, "bench");
  print(results);
  mkdirSync(ARTIFACTS, { recursive: true });
  writeFileSync(join(ARTIFACTS, "bench.json"), JSON.stringify(results, null, 2) + "\n");
  console.log(`results: artifacts/bench.json, artifacts/bench.png (${results.wallSeconds.toFixed(0)} s in the page)`);
  if (problems.length) {
    console.error(`page problems:\n  ${problems.join("\n  ")}`);
    exitCode = 1;
  }
} catch (e) {
  console.error(e.message);
  exitCode = 1;
} finally {
  await browser.close();
  await server.close();
}
process.exit(exitCode);

function print(r) {
  console.log(`${r.userAgent.match(/(HeadlessChrome|Chrome)\/[\d.]+/)?.[0] ?? r.userAgent}; ` +
    `cross-origin isolated: ${r.crossOriginIsolated}; module init ${r.initMs.toFixed(1)} ms; ` +
    `median of ${r.reps} (Ed25519) / ${r.shaReps} (SHA-256) runs after a warm-up`);
  const rows = r.cases.map((c) => [
    c.label,
    `${c.medianMs.toFixed(c.medianMs >= 100 ? 0 : 2)} ms`,
    `${c.minMs.toFixed(c.minMs >= 100 ? 0 : 2)} ms`,
    c.group !== "sha256" ? `${((c.medianMs * 1000) / c.n).toFixed(1)} us/sig` : `${c.mbPerSec.toFixed(0)} MB/s`,
  ]);
  const head = ["case", "median", "min", "rate (median)"];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ");
  console.log(line(head));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  let group = r.cases[0]?.group;
  for (const [i, row] of rows.entries()) {
    if (r.cases[i].group !== group) {
      group = r.cases[i].group;
      console.log("");
    }
    console.log(line(row));
  }
  console.log("\nratios (time, < 1 means medproof is faster):");
  for (const x of r.ratios) console.log(`  ${x.text}`);
}

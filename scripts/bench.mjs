// The browser half of `make bench`: serve www/ (which `make pkg` has filled), open www/bench.html
// in headless Chromium, print its measurements as a table with ratios against the peers measured
// in the same run, and write them to artifacts/bench.json. Builds nothing.
//
// Usage: node scripts/bench.mjs [--reps N] [--sha-reps N] [--mib N]

import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { ARTIFACTS, ROOT, launch, openPage, screenshot, serve, vendorNoble } from "../tests/pages/browser.mjs";
import { measure as measureSize } from "./size-budget.mjs";

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
  results.goals = goals(results);
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

/** The Criterion medians `make bench` wrote before the browser run (`{name: ms}`), or `{}`. */
function nativeMedians() {
  const path = join(ARTIFACTS, "criterion.json");
  try {
    return JSON.parse(readFileSync(path, "utf8"));
  } catch {
    return {};
  }
}

/**
 * Print each of issue 6's goals with the ratio measured in this run and whether it is met; return
 * them for artifacts/bench.json. A goal whose inputs were not measured (no WebCrypto Ed25519, no
 * Criterion run, no tendermint-rs peer) says so instead of guessing.
 */
function goals(r) {
  const byId = Object.fromEntries(r.cases.map((c) => [c.id, c]));
  const native = nativeMedians();
  const out = [];
  const goal = (text, value, limit, unit, cmp = "<=") => {
    const met = value === undefined ? undefined : cmp === "<=" ? value <= limit : value >= limit;
    out.push({ goal: text, value, limit, unit, cmp, met });
  };
  const ms = (id) => byId[id]?.medianMs;
  const ratio = (a, b) => (a !== undefined && b !== undefined ? a / b : undefined);
  const batch = ms("medproof-batch-zip215");
  goal("150-signature commit (ZIP-215 batch) in Chromium vs the same batch natively (Criterion)",
    ratio(batch, native["ed25519_150/zip215_batch"]), 1.5, "x");
  goal("150-validator light step in Chromium vs the same step natively (Criterion)",
    ratio(ms("medproof-light"), native["light_step_150_validators/medproof"]), 1.5, "x");
  const webcrypto = [ms("webcrypto-sequential"), ms("webcrypto-parallel")].filter((x) => x !== undefined);
  goal("150-signature commit vs WebCrypto's fastest way to verify the same 150 signatures",
    ratio(batch, webcrypto.length ? Math.min(...webcrypto) : undefined), 0.5, "x");
  goal("150-validator light step vs tendermint-rs 0.41 compiled to wasm (issue 3: 3x faster)",
    ratio(ms("medproof-light"), ms("tendermint-rs-light")), 1 / 3, "x");
  goal("plain SHA-256 in Chromium", byId["medproof-sha256"]?.mbPerSec, 300, "MB/s", ">=");
  for (const g of r.goals ?? []) out.push(g);
  try {
    const size = measureSize(join(ROOT, "pkg/web/medproof_bg.wasm"));
    goal("verifier module, gzipped", size.gzip / 1000, 150, "kB");
  } catch {
    goal("verifier module, gzipped", undefined, 150, "kB");
  }
  console.log("\ngoals (issue 6):");
  for (const g of out) {
    const value = g.value === undefined ? "not measured" : `${g.value.toFixed(g.unit === "x" ? 2 : 1)} ${g.unit}`;
    const verdict = g.met === undefined ? "?" : g.met ? "met" : "NOT MET";
    const limit = `${g.unit === "x" && g.limit < 1 ? g.limit.toFixed(2) : g.limit} ${g.unit}`;
    console.log(`  ${verdict.padEnd(7)} ${g.goal}: ${value} (goal ${g.cmp ?? "<="} ${limit})`);
  }
  return out;
}

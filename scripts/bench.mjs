// The browser half of `make bench`: serve www/ (which `make pkg` has filled), open www/bench.html
// in headless Chromium, print its measurements as a table with ratios against the peers measured
// in the same run, and write them to artifacts/bench.json. Builds nothing.
//
// The records group's extra memory is measured here, outside the page: around each timed run the
// page calls the binding `__benchPhase(id, "start" | "end")`, and this script samples the resident
// memory (VmRSS) of every renderer process (found with the DevTools protocol's
// SystemInfo.getProcessInfo; the page and its workers live there) every 10 ms, reporting the peak
// rise over the value at "start".
//
// Usage: node scripts/bench.mjs [--reps N] [--sha-reps N] [--mib N] [--record-mib N]
//                               [--record-reps N] [--only ed25519,light,sha256,records]

import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { recordBlock } from "../www/bench-bytes.js";
import { parseArgs } from "node:util";
import { ARTIFACTS, ROOT, launch, openPage, screenshot, serve, vendorNoble } from "../tests/pages/browser.mjs";
import { measure as measureSize } from "./size-budget.mjs";

const { values: opts } = parseArgs({
  options: {
    reps: { type: "string", default: "15" },
    "sha-reps": { type: "string", default: "7" },
    mib: { type: "string", default: "64" },
    "record-mib": { type: "string", default: "1024" },
    "record-reps": { type: "string", default: "3" },
    only: { type: "string", default: "ed25519,light,sha256,records" },
  },
});

/** Resident memory of a process, in bytes (0 if it is gone). */
function rss(pid) {
  try {
    const kb = readFileSync(`/proc/${pid}/status`, "utf8").match(/^VmRSS:\s+(\d+) kB/m);
    return kb ? Number(kb[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** Samples the renderers' summed resident memory between "start" and "end" of each phase. */
async function memorySampler(browser, page) {
  const cdp = await browser.newBrowserCDPSession();
  let pids = [];
  let current = null;
  const total = () => pids.reduce((n, pid) => n + rss(pid), 0);
  const timer = setInterval(() => {
    if (current) {
      current.peak = Math.max(current.peak, total());
      current.samples++;
    }
  }, 10);
  await page.exposeBinding("__benchPhase", async (_source, id, what) => {
    if (what === "start") {
      const { processInfo } = await cdp.send("SystemInfo.getProcessInfo");
      pids = processInfo.filter((p) => p.type === "renderer").map((p) => p.id);
      const base = total();
      current = { id, base, peak: base, samples: 0 };
      return null;
    }
    const done = current;
    current = null;
    if (!done || done.id !== id) return null;
    done.peak = Math.max(done.peak, total());
    return { peakDeltaBytes: Math.max(0, done.peak - done.base), samples: done.samples };
  });
  return { stop: () => clearInterval(timer) };
}

const WWW = join(ROOT, "www");
if (!existsSync(join(WWW, "pkg/medproof_bg.wasm"))) {
  console.error("www/pkg is missing: run `make pkg` (scripts/build-pkg.sh) first");
  process.exit(2);
}
vendorNoble();

/**
 * The records group's file, written to disk: the page cannot make a Blob of 512 MiB or more
 * (Chromium keeps page-made Blobs in memory), and a file chosen in an <input> is what the record
 * view hashes anyway. The same bytes the page expects (www/bench-bytes.js).
 */
function writeRecordFile(mib) {
  const dir = mkdtempSync(join(tmpdir(), "medproof-bench-"));
  const path = join(dir, `record-${mib}MiB.bin`);
  const block = recordBlock(mib);
  const fd = openSync(path, "w");
  try {
    for (let i = 0; i < (mib * 2 ** 20) / block.length; i++) writeSync(fd, block);
  } finally {
    closeSync(fd);
  }
  return { path, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

const recordFile = opts.only.split(",").includes("records") ? writeRecordFile(Number(opts["record-mib"])) : null;
const server = await serve(WWW);
const browser = await launch();
let exitCode = 0;
try {
  const { page, problems } = await openPage(browser);
  const sampler = await memorySampler(browser, page);
  const query = new URLSearchParams({
    reps: opts.reps,
    shaReps: opts["sha-reps"],
    mib: opts.mib,
    recordMib: opts["record-mib"],
    recordReps: opts["record-reps"],
    only: opts.only,
  });
  if (recordFile) query.set("recordFile", "1");
  // The light-client comparison needs the tendermint-rs peer and its fixture (scripts/build-bench-peer.sh).
  if (existsSync(join(WWW, "bench-data/commit150.json")) && existsSync(join(WWW, "tm-peer"))) query.set("light", "1");
  const started = Date.now();
  await page.goto(`${server.url}bench.html?${query}`);
  if (recordFile) await page.setInputFiles("#record-file", recordFile.path);
  const status = page.locator("#bench-status");
  await status.and(page.locator(":not([data-status='running'])")).waitFor({ timeout: 600_000 });
  sampler.stop();
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
  recordFile?.remove();
}
process.exit(exitCode);

function print(r) {
  console.log(`${r.userAgent.match(/(HeadlessChrome|Chrome)\/[\d.]+/)?.[0] ?? r.userAgent}; ` +
    `cross-origin isolated: ${r.crossOriginIsolated}; module init ${r.initMs.toFixed(1)} ms; ` +
    `median of ${r.reps} (Ed25519) / ${r.shaReps} (SHA-256) / ${r.recordReps} (records) runs after a warm-up; ` +
    `${r.hardwareConcurrency} logical cores`);
  const rows = r.cases.map((c) => [
    c.label,
    `${c.medianMs.toFixed(c.medianMs >= 100 ? 0 : 2)} ms`,
    `${c.minMs.toFixed(c.minMs >= 100 ? 0 : 2)} ms`,
    c.mbPerSec === undefined ? `${((c.medianMs * 1000) / c.n).toFixed(1)} us/sig` : `${c.mbPerSec.toFixed(0)} MB/s`,
    c.extraMemoryBytes === undefined ? "" : `${(c.extraMemoryBytes / 2 ** 20).toFixed(1)} MiB`,
  ]);
  const head = ["case", "median", "min", "rate (median)", "extra memory"];
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
  const records = r.cases.find((c) => c.group === "records");
  if (records) {
    console.log(`\nrecords (${r.recordMib} MiB): extra memory ${records.extraMemoryHow}`);
  }
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
  goal("150-validator light step, JSON text in, in Chromium vs the same natively (Criterion)",
    ratio(ms("medproof-light"), native["light_step_150_validators/medproof_json_in"]), 1.5, "x");
  const webcrypto = [ms("webcrypto-sequential"), ms("webcrypto-parallel")].filter((x) => x !== undefined);
  goal("150-signature commit vs WebCrypto's fastest way to verify the same 150 signatures",
    ratio(batch, webcrypto.length ? Math.min(...webcrypto) : undefined), 0.5, "x");
  goal("150-validator light step vs tendermint-rs 0.41 compiled to wasm (issue 3: 3x faster)",
    ratio(ms("medproof-light"), ms("tendermint-rs-light")), 1 / 3, "x");
  goal("plain SHA-256 in Chromium, one call on the page's buffer", byId["medproof-sha256"]?.mbPerSec, 300, "MB/s", ">=");
  for (const g of r.goals ?? []) out.push(g);
  try {
    const size = measureSize(join(ROOT, "pkg/web/medproof_bg.wasm"));
    goal("verifier module, gzipped", size.gzip / 1000, 150, "kB");
  } catch {
    goal("verifier module, gzipped", undefined, 150, "kB");
  }
  console.log("\ngoals (issue 6):");
  for (const g of out) {
    const verdict = g.met === undefined ? "?" : g.met ? "met" : "NOT MET";
    if (typeof g.value === "string") {
      // The page's own goals (records) come with their measured value already written out.
      console.log(`  ${verdict.padEnd(7)} ${g.goal}: ${g.value}`);
      continue;
    }
    const value = g.value === undefined ? "not measured" : `${g.value.toFixed(g.unit === "x" ? 2 : 1)} ${g.unit}`;
    const limit = `${g.unit === "x" && g.limit < 1 ? g.limit.toFixed(2) : g.limit} ${g.unit}`;
    console.log(`  ${verdict.padEnd(7)} ${g.goal}: ${value} (goal ${g.cmp ?? "<="} ${limit})`);
  }
  return out;
}

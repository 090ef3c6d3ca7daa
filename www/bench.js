// The speed comparison: medproof's WebAssembly against WebCrypto and @noble/ed25519, measured in
// the same tab on the same data, median of several runs. Every timed call's result is checked, so
// a fast wrong answer cannot win. `make bench` (scripts/bench.mjs) reads `window.benchResults`.
//
// Query parameters: reps (Ed25519 runs, default 15), shaReps (default 7), mib (default 64),
// recordMib (the records group's file, default 1024), recordReps (default 3), recordFile=1 (wait
// for the records file to be chosen in #record-file: scripts/bench.mjs puts a file on disk there,
// since Chromium keeps Blobs made in a page in memory and refuses ones of 512 MiB or more in a
// fresh profile), only (a comma list of groups to run: ed25519, light, sha256, records; default
// all).

import init, * as mp from "./pkg/medproof.js";
import { CHUNK, fileHasher, hashPool } from "./app/hashing.js";
// Deterministic filler (xorshift32), so runs are comparable and setup stays fast.
import { pseudoRandomBytes, recordBlock } from "./bench-bytes.js";

const params = new URLSearchParams(location.search);
const REPS = Number(params.get("reps") ?? 15);
const SHA_REPS = Number(params.get("shaReps") ?? 7);
const MIB = Number(params.get("mib") ?? 64);
const RECORD_MIB = Number(params.get("recordMib") ?? 1024);
const RECORD_REPS = Number(params.get("recordReps") ?? 3);
const ONLY = new Set((params.get("only") ?? "ed25519,light,sha256,records").split(","));
const MiB = 1024 * 1024;
let recordSource = "";
/** The issue's goals for records. */
const GOAL_EXTRA_MEMORY = 64 * MiB;
const GOAL_PLAIN_SHA256_MBPS = 300;
const SIGNATURES = 150;
const MESSAGE_BYTES = 110;
const RULES = ["zip215", "strict"];

function check(cond, what) {
  if (!cond) throw new Error(`wrong result: ${what}`);
}

function concat(parts) {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};

/**
 * Time every case: one warm-up run each, then rounds in which each case runs once, so that a
 * burst of load on the machine slows all cases alike instead of whichever ran during it. A case
 * with fewer `reps` drops out of the later rounds. Adds `{medianMs, minMs, maxMs, runs}`.
 */
async function runInterleaved(cases) {
  for (const c of cases) await c.fn();
  const rounds = Math.max(...cases.map((c) => c.reps));
  const times = cases.map(() => []);
  for (let round = 0; round < rounds; round++) {
    for (const [i, c] of cases.entries()) {
      if (round >= c.reps) continue;
      const t0 = performance.now();
      await c.fn();
      times[i].push(performance.now() - t0);
    }
  }
  return cases.map(({ fn, ...c }, i) => ({
    ...c,
    medianMs: median(times[i]),
    minMs: Math.min(...times[i]),
    maxMs: Math.max(...times[i]),
    runs: times[i],
  }));
}

async function loadNoble() {
  try {
    return await import("./vendor/noble-ed25519.js");
  } catch (e) {
    console.info(`@noble/ed25519 not served (${e.message}); skipping it`);
    return null;
  }
}

async function webCryptoEd25519() {
  try {
    const probe = await crypto.subtle.importKey("raw", new Uint8Array(32).fill(9), { name: "Ed25519" }, false, ["verify"]);
    return probe !== null;
  } catch {
    return false;
  }
}

/** 150 key pairs, 110-byte messages and their signatures, made with medproof. */
function signedMessages() {
  const keys = [];
  const msgs = [];
  const sigs = [];
  for (let i = 0; i < SIGNATURES; i++) {
    const pair = mp.KeyPair.fromSeed(pseudoRandomBytes(32, 1000 + i));
    const msg = pseudoRandomBytes(MESSAGE_BYTES, 5000 + i);
    keys.push(pair.publicKey);
    msgs.push(msg);
    sigs.push(pair.sign(msg));
    pair.free();
  }
  return { keys, msgs, sigs, keysConcat: concat(keys), sigsConcat: concat(sigs) };
}

async function ed25519Cases() {
  const { keys, msgs, sigs, keysConcat, sigsConcat } = signedMessages();
  const n = SIGNATURES;
  const cases = [];
  const add = (id, label, fn, reps = REPS) => cases.push({ group: "ed25519", id, label, n, reps, fn });
  for (const rule of RULES) {
    add(`medproof-single-${rule}`, `medproof one by one, ${rule}`, () => {
      for (let i = 0; i < n; i++) check(mp.ed25519Verify(rule, keys[i], msgs[i], sigs[i]) === true, "medproof single");
    });
    add(`medproof-batch-${rule}`, `medproof batch, ${rule}`, () => {
      check(mp.ed25519VerifyBatch(rule, keysConcat, msgs, sigsConcat) === true, "medproof batch");
    });
  }
  if (await webCryptoEd25519()) {
    const alg = { name: "Ed25519" };
    const importAll = () => Promise.all(keys.map((k) => crypto.subtle.importKey("raw", k, alg, false, ["verify"])));
    const cryptoKeys = await importAll();
    add("webcrypto-import", "WebCrypto importKey ×150 (not in the verify times)", importAll);
    add("webcrypto-sequential", "WebCrypto one by one (await each)", async () => {
      for (let i = 0; i < n; i++) check(await crypto.subtle.verify(alg, cryptoKeys[i], sigs[i], msgs[i]), "WebCrypto");
    });
    add("webcrypto-parallel", "WebCrypto all 150 in flight (Promise.all)", async () => {
      const ok = await Promise.all(msgs.map((m, i) => crypto.subtle.verify(alg, cryptoKeys[i], sigs[i], m)));
      check(ok.every(Boolean), "WebCrypto parallel");
    });
  }
  const noble = await loadNoble();
  if (noble) {
    for (const rule of RULES) {
      const opts = { zip215: rule === "zip215" };
      add(`noble-${rule}`, `@noble/ed25519 verifyAsync, zip215: ${rule === "zip215"}`, async () => {
        for (let i = 0; i < n; i++) check(await noble.verifyAsync(sigs[i], msgs[i], keys[i], opts), "noble");
      }, Math.max(3, Math.ceil(REPS / 2)));
    }
  }
  return cases;
}

/**
 * One light-client step: a 150-validator commit 998 heights past the trusted state, judged by
 * medproof's `verifyLightBlock` and by tendermint-rs 0.41's `ProdVerifier` compiled to wasm
 * (bench/tm-peer), both handed the same CometBFT JSON text and parsing it themselves.
 * The fixture and the peer module are written by `make bench` (scripts/build-bench-peer.sh), which
 * then asks for this group with `?light=1`; without it the group is skipped (and nothing 404s).
 */
async function lightCases() {
  if (params.get("light") !== "1") return [];
  let fixture, peer;
  try {
    fixture = await (await fetch("bench-data/commit150.json")).json();
    peer = await import("./tm-peer/medproof_bench_tm_peer.js");
    await peer.default();
  } catch {
    return [];
  }
  const trusted = JSON.stringify(fixture.trusted);
  const untrusted = JSON.stringify(fixture.untrusted);
  const options = { trustingPeriodMs: fixture.trustingPeriodSeconds * 1000 };
  const n = fixture.validators;
  return [
    {
      id: "medproof-light",
      group: "light",
      label: "medproof verifyLightBlock (wasm)",
      n,
      reps: REPS,
      fn: () => check(mp.verifyLightBlock(trusted, untrusted, options, fixture.now).verdict === "success", "medproof light step"),
    },
    {
      id: "tendermint-rs-light",
      group: "light",
      label: "tendermint-rs 0.41 ProdVerifier (wasm)",
      n,
      reps: REPS,
      fn: () => check(peer.tmVerifyLightBlock(trusted, untrusted, fixture.now, fixture.trustingPeriodSeconds) === "success", "tendermint-rs light step"),
    },
  ];
}

async function benchSha256() {
  const bytes = MIB * 1024 * 1024;
  const data = pseudoRandomBytes(bytes, 42);
  const chunk = 1024 * 1024;
  const digests = {};
  const add = (id, label, fn) => ({ group: "sha256", id, label, bytes, reps: SHA_REPS, fn });
  const measured = await runInterleaved([
    add("medproof-sha256", "medproof sha256 (one call)", () => {
      digests.oneShot = mp.sha256Hex(data);
    }),
    add("medproof-sha256-incremental", "medproof Sha256Hasher, 1 MiB chunks", () => {
      const h = new mp.Sha256Hasher();
      for (let at = 0; at < bytes; at += chunk) h.update(data.subarray(at, at + chunk));
      digests.incremental = mp.toHex(h.finalize());
      h.free();
    }),
    add("webcrypto-sha256", "WebCrypto digest (one call)", async () => {
      digests.webcrypto = mp.toHex(new Uint8Array(await crypto.subtle.digest("SHA-256", data)));
    }),
  ]);
  const { oneShot, incremental, webcrypto } = digests;
  check(oneShot === webcrypto && incremental === webcrypto, `SHA-256 digests differ: ${oneShot} ${incremental} ${webcrypto}`);
  return measured.map((c) => ({ ...c, digest: webcrypto, mbPerSec: bytes / 1e6 / (c.medianMs / 1000) }));
}

/**
 * Around each timed run of the records group, `make bench` (scripts/bench.mjs) samples the
 * renderer processes' resident memory through an exposed binding: `start` notes the baseline,
 * `end` returns `{peakDeltaBytes, samples}`. Without the binding (the page test) there is no
 * measured figure, only the one by construction.
 */
async function phase(id, what) {
  return typeof window.__benchPhase === "function" ? window.__benchPhase(id, what) : null;
}

/** A large contiguous buffer for WebCrypto's one-shot digest: `bytes`, or the largest power of two
 * below it that this browser allocates. */
function largestBuffer(bytes, block) {
  for (let n = bytes; n >= block.length; n /= 2) {
    try {
      const big = new Uint8Array(n);
      for (let at = 0; at < n; at += block.length) big.set(block, at);
      return big;
    } catch (e) {
      if (!(e instanceof RangeError)) throw e;
    }
  }
  return block;
}

/** The file chosen in #record-file (when the page was asked to wait for one). */
function chosenRecordFile() {
  const input = document.getElementById("record-file");
  input.hidden = false;
  return new Promise((resolve) => {
    if (input.files?.[0]) resolve(input.files[0]);
    input.addEventListener("change", () => resolve(input.files[0]), { once: true });
  });
}

/**
 * A record of RECORD_MIB MiB, one random 64 MiB block repeated: a file on disk chosen in
 * #record-file (`recordFile=1`, as `make bench` does), else a Blob made of the block (so the page
 * holds 64 MiB, not the whole file; Chromium refuses such Blobs from 512 MiB on). Hashed three
 * ways: medproof's chunk root over a pool of Web Workers (the app's hashing.js), medproof's
 * streamed whole-file SHA-256 in one worker (4 MiB slices), and WebCrypto's one-shot digest, which
 * needs the whole file in one ArrayBuffer. The expected chunk root is built from WebCrypto's
 * digests of the chunks; every timed result is checked against the expected one.
 */
async function recordCases() {
  const bytes = RECORD_MIB * MiB;
  const block = recordBlock(RECORD_MIB);
  const blob = params.get("recordFile") === "1" ? await chosenRecordFile() : new Blob(Array.from({ length: bytes / block.length }, () => block));
  check(blob.size === bytes, `record of ${blob.size} bytes, expected ${bytes}`);
  recordSource = blob instanceof File ? `a ${RECORD_MIB} MiB file on disk` : `a ${RECORD_MIB} MiB Blob made in the page`;
  // Expected values, independently: WebCrypto's digest of each chunk of the block, repeated.
  const blockDigests = [];
  for (let at = 0; at < block.length; at += CHUNK) {
    blockDigests.push(new Uint8Array(await crypto.subtle.digest("SHA-256", block.subarray(at, at + CHUNK))));
  }
  const expectedRoot = new mp.ChunkRootBuilder();
  for (let i = 0; i < bytes / CHUNK; i++) expectedRoot.push(blockDigests[i % blockDigests.length]);
  const want = { chunkRoot: expectedRoot.finalizeHex() };
  expectedRoot.free();

  // Measured extra memory of a case: what setting it up added (its workers, or WebCrypto's
  // buffer) plus the largest rise during one of its runs.
  const setup = {};
  const memory = {};
  const measure = async (id, fn) => {
    await phase(id, "start");
    const out = await fn();
    const measured = await phase(id, "end");
    return [out, measured?.peakDeltaBytes];
  };
  const timed = (id, fn) => async () => {
    const [out, rise] = await measure(id, fn);
    if (rise !== undefined) memory[id] = Math.max(memory[id] ?? 0, rise);
    return out;
  };
  const [pool, poolSetup] = await measure("pool-setup", async () => {
    const p = hashPool({
      size: Number(params.get("poolWorkers")) || undefined,
      chunksPerJob: Number(params.get("chunksPerJob")) || undefined,
    });
    await p.ready();
    return p;
  });
  const [single, singleSetup] = await measure("single-setup", async () => {
    const f = fileHasher();
    await f.ready();
    return f;
  });
  setup["medproof-records-chunked"] = poolSetup;
  setup["medproof-records-sha256"] = singleSetup;
  let big = null;
  const extra = {};
  const cases = [
    {
      id: "medproof-records-chunked",
      label: `medproof chunk root, 1 MiB chunks hashed by ${pool.size} workers`,
      bytes,
      fn: timed("medproof-records-chunked", async () => {
        const r = await pool.chunkRoot(blob);
        check(r.chunkRoot === want.chunkRoot, `chunk root ${r.chunkRoot} != ${want.chunkRoot}`);
        // By construction: the chunks handed out and not yet back, and the workers' wasm memories.
        extra["medproof-records-chunked"] = Math.max(extra["medproof-records-chunked"] ?? 0, r.peakInFlightBytes + r.wasmBytes);
      }),
    },
    {
      id: "medproof-records-sha256",
      label: "medproof whole-file SHA-256 streamed in one worker",
      bytes,
      fn: timed("medproof-records-sha256", async () => {
        const r = await single.hash(blob);
        want.sha256Hex ??= r.sha256Hex;
        check(r.sha256Hex === want.sha256Hex, "streamed SHA-256 differs between runs");
        // By construction: its 1 MiB read buffer and its wasm memory.
        extra["medproof-records-sha256"] = Math.max(extra["medproof-records-sha256"] ?? 0, MiB + (r.wasmBytes ?? 0));
      }),
    },
    {
      id: "webcrypto-records-sha256",
      label: "WebCrypto digest (one call, whole file in one ArrayBuffer)",
      bytes,
      fn: timed("webcrypto-records-sha256", async () => {
        const digest = mp.toHex(new Uint8Array(await crypto.subtle.digest("SHA-256", big)));
        if (big.length === bytes) {
          want.sha256Hex ??= digest;
          check(digest === want.sha256Hex, `WebCrypto ${digest} != ${want.sha256Hex}`);
        }
        extra["webcrypto-records-sha256"] = big.length;
      }),
    },
  ];
  let measured;
  try {
    // The medproof cases first, without WebCrypto's buffer in the page (its memory is theirs).
    measured = await runInterleaved(cases.slice(0, 2).map((c) => ({ ...c, group: "records", reps: RECORD_REPS })));
    [big, setup["webcrypto-records-sha256"]] = await measure("webcrypto-buffer", async () => largestBuffer(bytes, block));
    const webcrypto = { ...cases[2], bytes: big.length, group: "records", reps: RECORD_REPS };
    if (big.length !== bytes) webcrypto.label += ` on ${big.length / MiB} MiB, the largest buffer this browser allocated`;
    measured.push(...(await runInterleaved([webcrypto])));
  } finally {
    pool.close();
    single.close();
    big = null;
  }
  return measured.map((c) => ({
    ...c,
    mbPerSec: c.bytes / 1e6 / (c.medianMs / 1000),
    extraMemoryBytes: memory[c.id] !== undefined ? (setup[c.id] ?? 0) + memory[c.id] : extra[c.id],
    extraMemoryHow:
      memory[c.id] !== undefined
        ? "measured: rise of the renderer processes' resident memory from setting up the case (workers, buffer) plus the peak rise during one run"
        : "by construction: buffers in flight + wasm memories",
    setupMemoryBytes: setup[c.id],
    runMemoryBytes: memory[c.id],
    byConstructionBytes: extra[c.id],
    digest: c.id === "medproof-records-chunked" ? want.chunkRoot : want.sha256Hex,
  }));
}

/** The issue's goals for records, met or not, from this run's cases. */
function goals(cases) {
  const byId = Object.fromEntries(cases.map((c) => [c.id, c]));
  const [chunked, streamed, webcrypto] = ["medproof-records-chunked", "medproof-records-sha256", "webcrypto-records-sha256"].map((id) => byId[id]);
  if (!chunked || !streamed || !webcrypto) return [];
  const mib = (b) => `${(b / MiB).toFixed(1)} MiB`;
  return [
    {
      goal: "chunked root at least WebCrypto one-shot speed",
      met: chunked.mbPerSec >= webcrypto.mbPerSec,
      value: `${chunked.mbPerSec.toFixed(0)} MB/s vs ${webcrypto.mbPerSec.toFixed(0)} MB/s (${(chunked.mbPerSec / webcrypto.mbPerSec).toFixed(2)}x)`,
    },
    {
      goal: `at most ${mib(GOAL_EXTRA_MEMORY)} extra memory for a ${RECORD_MIB} MiB file`,
      met: chunked.extraMemoryBytes <= GOAL_EXTRA_MEMORY,
      value:
        chunked.runMemoryBytes === undefined
          ? `${mib(chunked.extraMemoryBytes)} (${chunked.extraMemoryHow})`
          : `${mib(chunked.extraMemoryBytes)} measured (starting the workers ${mib(chunked.setupMemoryBytes)} + peak during a run ${mib(chunked.runMemoryBytes)}); ` +
            `by construction ${mib(chunked.byConstructionBytes)} (chunks in flight + the workers' wasm memories)`,
    },
    {
      goal: `plain SHA-256 at least ${GOAL_PLAIN_SHA256_MBPS} MB/s`,
      met: streamed.mbPerSec >= GOAL_PLAIN_SHA256_MBPS,
      value: `${streamed.mbPerSec.toFixed(0)} MB/s streamed from the file in a worker`,
    },
  ].map((g) => ({ ...g, text: `${g.met ? "met" : "not met"}: ${g.goal}: ${g.value}` }));
}

/** Ratios of medproof's times to each peer's, measured in this same run. */
function ratios(cases) {
  const byId = Object.fromEntries(cases.map((c) => [c.id, c]));
  const out = [];
  const ratio = (subject, peer) => {
    const [s, p] = [byId[subject], byId[peer]];
    if (!s || !p) return;
    // Per byte when the two hashed different amounts (WebCrypto on the largest buffer it got).
    const scale = s.bytes && p.bytes ? p.bytes / s.bytes : 1;
    const r = (s.medianMs / p.medianMs) * scale;
    const fastest = (s.minMs / p.minMs) * scale;
    out.push({
      subject,
      peer,
      ratio: r,
      ratioOfMinimums: fastest,
      text: `${s.label} = ${r.toFixed(2)}x the time of ${p.label} (fastest runs: ${fastest.toFixed(2)}x)`,
    });
  };
  for (const rule of RULES) {
    for (const kind of ["single", "batch"]) {
      const subject = `medproof-${kind}-${rule}`;
      ratio(subject, "webcrypto-sequential");
      ratio(subject, "webcrypto-parallel");
      ratio(subject, `noble-${rule}`);
    }
  }
  ratio("medproof-light", "tendermint-rs-light");
  ratio("medproof-sha256", "webcrypto-sha256");
  ratio("medproof-sha256-incremental", "webcrypto-sha256");
  ratio("medproof-records-chunked", "webcrypto-records-sha256");
  ratio("medproof-records-sha256", "webcrypto-records-sha256");
  return out;
}

function render(results) {
  const fmt = (ms) => (ms >= 100 ? ms.toFixed(0) : ms.toFixed(2)) + " ms";
  const shortName = {
    "webcrypto-sequential": "WebCrypto one by one",
    "webcrypto-parallel": "WebCrypto in flight",
    "noble-zip215": "noble",
    "noble-strict": "noble",
    "webcrypto-sha256": "WebCrypto",
    "webcrypto-records-sha256": "WebCrypto",
    "tendermint-rs-light": "tendermint-rs",
  };
  const peerOf = (c) =>
    results.ratios
      .filter((r) => r.subject === c.id)
      .map((r) => `${r.ratio.toFixed(2)}× ${shortName[r.peer] ?? r.peer}`)
      .join(", ");
  document.getElementById("sha-title").textContent = `SHA-256 of ${MIB} MiB`;
  document.getElementById("records-title").textContent = `Records: ${recordSource || `a ${RECORD_MIB} MiB file`}, streamed`;
  for (const c of results.cases) {
    const row = document.createElement("tr");
    const per = c.mbPerSec === undefined ? `${((c.medianMs * 1000) / c.n).toFixed(1)} µs` : `${c.mbPerSec.toFixed(0)} MB/s`;
    const cells = [[c.label], [fmt(c.medianMs), "num"], [per, "num"]];
    if (c.group === "records") cells.push([`${(c.extraMemoryBytes / MiB).toFixed(1)} MiB`, "num"]);
    cells.push([peerOf(c) || "—"]);
    for (const [text, cls] of cells) {
      const td = document.createElement("td");
      td.textContent = text;
      if (cls) td.className = cls;
      row.append(td);
    }
    document.querySelector(`#bench-${c.group} tbody`).append(row);
  }
  const list = document.getElementById("bench-goals");
  for (const g of results.goals) {
    const li = document.createElement("li");
    li.dataset.met = String(g.met);
    li.textContent = g.text;
    list.append(li);
  }
  for (const c of results.cases.filter((x) => x.group === "records").slice(0, 1)) {
    document.getElementById("records-memory-how").textContent = `Extra memory: ${c.extraMemoryHow}.`;
  }
}

async function main() {
  const status = document.getElementById("bench-status");
  try {
    const t0 = performance.now();
    await init();
    const initMs = performance.now() - t0;
    const cases = [
      ...(ONLY.has("ed25519") ? await runInterleaved(await ed25519Cases()) : []),
      ...(ONLY.has("light") ? await runInterleaved(await lightCases()) : []),
      ...(ONLY.has("sha256") ? await benchSha256() : []),
      ...(ONLY.has("records") ? await recordCases() : []),
    ];
    const results = {
      userAgent: navigator.userAgent,
      crossOriginIsolated: globalThis.crossOriginIsolated === true,
      initMs,
      reps: REPS,
      shaReps: SHA_REPS,
      recordReps: RECORD_REPS,
      recordMib: RECORD_MIB,
      recordSource,
      hardwareConcurrency: navigator.hardwareConcurrency,
      cases,
      ratios: ratios(cases),
      goals: goals(cases),
    };
    render(results);
    window.benchResults = results;
    status.textContent = "Done.";
    status.dataset.status = "pass";
  } catch (e) {
    window.benchError = e.stack ?? String(e);
    status.textContent = `Benchmark failed: ${e.message}`;
    status.dataset.status = "fail";
  }
}

main();

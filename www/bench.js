// The speed comparison: medproof's WebAssembly against WebCrypto and @noble/ed25519, measured in
// the same tab on the same data, median of several runs. Every timed call's result is checked, so
// a fast wrong answer cannot win. `make bench` (scripts/bench.mjs) reads `window.benchResults`.
//
// Query parameters: reps (Ed25519 runs, default 15), shaReps (default 7), mib (default 64).

import init, * as mp from "./pkg/medproof.js";

const params = new URLSearchParams(location.search);
const REPS = Number(params.get("reps") ?? 15);
const SHA_REPS = Number(params.get("shaReps") ?? 7);
const MIB = Number(params.get("mib") ?? 64);
const SIGNATURES = 150;
const MESSAGE_BYTES = 110;
const RULES = ["zip215", "strict"];

function check(cond, what) {
  if (!cond) throw new Error(`wrong result: ${what}`);
}

/** Deterministic filler (xorshift32), so runs are comparable and setup stays fast. */
function pseudoRandomBytes(n, seed) {
  const words = new Uint32Array(Math.ceil(n / 4));
  let x = seed >>> 0 || 1;
  for (let i = 0; i < words.length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    words[i] = x >>> 0;
  }
  return new Uint8Array(words.buffer, 0, n);
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

/** Ratios of medproof's times to each peer's, measured in this same run. */
function ratios(cases) {
  const byId = Object.fromEntries(cases.map((c) => [c.id, c]));
  const out = [];
  const ratio = (subject, peer) => {
    const [s, p] = [byId[subject], byId[peer]];
    if (!s || !p) return;
    const r = s.medianMs / p.medianMs;
    const fastest = s.minMs / p.minMs;
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
    "tendermint-rs-light": "tendermint-rs",
  };
  const peerOf = (c) =>
    results.ratios
      .filter((r) => r.subject === c.id)
      .map((r) => `${r.ratio.toFixed(2)}× ${shortName[r.peer] ?? r.peer}`)
      .join(", ");
  document.getElementById("sha-title").textContent = `SHA-256 of ${MIB} MiB`;
  for (const c of results.cases) {
    const row = document.createElement("tr");
    const per = c.group !== "sha256" ? `${((c.medianMs * 1000) / c.n).toFixed(1)} µs` : `${c.mbPerSec.toFixed(0)} MB/s`;
    for (const [text, cls] of [[c.label], [fmt(c.medianMs), "num"], [per, "num"], [peerOf(c) || "—"]]) {
      const td = document.createElement("td");
      td.textContent = text;
      if (cls) td.className = cls;
      row.append(td);
    }
    document.querySelector(`#bench-${c.group} tbody`).append(row);
  }
}

async function main() {
  const status = document.getElementById("bench-status");
  try {
    const t0 = performance.now();
    await init();
    const initMs = performance.now() - t0;
    const cases = [
      ...(await runInterleaved(await ed25519Cases())),
      ...(await runInterleaved(await lightCases())),
      ...(await benchSha256()),
    ];
    const results = {
      userAgent: navigator.userAgent,
      crossOriginIsolated: globalThis.crossOriginIsolated === true,
      initMs,
      reps: REPS,
      shaReps: SHA_REPS,
      cases,
      ratios: ratios(cases),
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

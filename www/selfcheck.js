// The self-check: runs medproof's cryptographic primitives on published vectors and fresh data
// in this browser, and shows each result. Every check calls the real module; nothing is canned.
//
// Each check is a function that returns a short detail string when it passes and throws when it
// fails. Results go to #selfcheck-list (one <li> per check) and #selfcheck-summary, whose
// data-status becomes "pass" or "fail" when all checks have run.

import init, * as mp from "./pkg/medproof.js";
import { RFC8032_TESTS, SHA256_ABC } from "./selfcheck-vectors.js";

const RULES = ["zip215", "strict"];
const utf8 = (s) => new TextEncoder().encode(s);

/** Lower-case hex, computed here so that a bug in medproof's toHex cannot hide another bug. */
function hex(bytes) {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

function unhex(s) {
  const out = new Uint8Array(s.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(s.slice(2 * i, 2 * i + 2), 16);
  return out;
}

function concat(...parts) {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function randomBytes(n) {
  const out = new Uint8Array(n);
  // getRandomValues fills at most 64 KiB per call.
  for (let at = 0; at < n; at += 65536) crypto.getRandomValues(out.subarray(at, at + 65536));
  return out;
}

function expect(cond, message) {
  if (!cond) throw new Error(message);
}

function expectEqualBytes(actual, expected, what) {
  expect(hex(actual) === hex(expected), `${what}: got ${hex(actual)}, expected ${hex(expected)}`);
}

/** Run `fn`, which must throw an Error whose `code` is `code`. */
function expectCode(fn, code, what) {
  let caught;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  expect(caught !== undefined, `${what}: was accepted, should have been refused`);
  expect(caught instanceof Error, `${what}: threw a non-Error ${String(caught)}`);
  expect(caught.code === code, `${what}: error code ${caught.code}, expected ${code}`);
}

/** RFC 9162 Merkle tree hash of leaf hashes `h`, built here with medproof's SHA-256. */
function treeHash(h) {
  if (h.length === 0) return mp.sha256(new Uint8Array(0));
  if (h.length === 1) return h[0];
  const k = splitPoint(h.length);
  return mp.sha256(concat([1], treeHash(h.slice(0, k)), treeHash(h.slice(k))));
}

/** The largest power of two smaller than n (n >= 2). */
function splitPoint(n) {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** RFC 9162 audit path of leaf m among leaf hashes `h`, ordered from the leaf up. */
function auditPath(m, h) {
  if (h.length <= 1) return [];
  const k = splitPoint(h.length);
  return m < k
    ? [...auditPath(m, h.slice(0, k)), treeHash(h.slice(k))]
    : [...auditPath(m - k, h.slice(k)), treeHash(h.slice(0, k))];
}

/** The checks, in display order. */
export const CHECKS = [
  {
    name: 'SHA-256 of "abc" matches FIPS 180-2',
    run() {
      const digest = mp.sha256(utf8("abc"));
      expect(hex(digest) === SHA256_ABC, `got ${hex(digest)}`);
      expect(mp.sha256Hex(utf8("abc")) === SHA256_ABC, "sha256Hex disagrees with sha256");
      return SHA256_ABC;
    },
  },
  {
    name: "Incremental SHA-256 equals one-shot and WebCrypto",
    async run() {
      const data = randomBytes((1 << 20) + 13);
      const oneShot = mp.sha256(data);
      const hasher = new mp.Sha256Hasher();
      let at = 0;
      for (const size of [0, 1, 63, 64, 65, 4096, 100_000]) {
        hasher.update(data.subarray(at, at + size));
        at += size;
      }
      hasher.update(data.subarray(at));
      expect(hasher.bytesHashed === data.length, `bytesHashed ${hasher.bytesHashed} != ${data.length}`);
      expectEqualBytes(hasher.finalize(), oneShot, "incremental digest");
      expectCode(() => hasher.update(data), "input.hasher_finalized", "update after finalize");
      hasher.free();
      const subtle = new Uint8Array(await crypto.subtle.digest("SHA-256", data));
      expectEqualBytes(oneShot, subtle, "one-shot vs WebCrypto");
      return `${data.length} random bytes in 8 uneven chunks`;
    },
  },
  {
    name: "Ed25519 RFC 8032 §7.1 TEST 1 and 2 verify under both rules",
    run() {
      for (const t of RFC8032_TESTS) {
        const [pk, msg, sig] = [unhex(t.publicKey), unhex(t.message), unhex(t.signature)];
        for (const rule of RULES) {
          expect(mp.ed25519Verify(rule, pk, msg, sig) === true, `${t.name} refused under ${rule}`);
        }
        const pair = mp.KeyPair.fromSeed(unhex(t.secretKey));
        expectEqualBytes(pair.publicKey, pk, `${t.name} public key from seed`);
        expectEqualBytes(pair.sign(msg), sig, `${t.name} signature`);
        pair.free();
      }
      return `${RFC8032_TESTS.length} vectors × ${RULES.length} rules, keys and signatures re-derived`;
    },
  },
  {
    name: "A tampered signature or message is refused",
    run() {
      const t = RFC8032_TESTS[1];
      const [pk, msg, sig] = [unhex(t.publicKey), unhex(t.message), unhex(t.signature)];
      let refused = 0;
      for (const rule of RULES) {
        for (const bit of [0, 255, 256, 400]) {
          const bad = sig.slice();
          bad[bit >> 3] ^= 1 << (bit & 7);
          expectCode(() => mp.ed25519Verify(rule, pk, msg, bad), "ed25519.bad_signature", `${rule}, signature bit ${bit}`);
          refused++;
        }
        const badMsg = msg.slice();
        badMsg[0] ^= 0x80;
        expectCode(() => mp.ed25519Verify(rule, pk, badMsg, sig), "ed25519.bad_signature", `${rule}, altered message`);
        refused++;
      }
      return `${refused} altered inputs refused with ed25519.bad_signature`;
    },
  },
  {
    name: "A fresh key pair signs; medproof and WebCrypto verify",
    async run() {
      const pair = mp.KeyPair.generate();
      const pk = pair.publicKey;
      const msg = randomBytes(110);
      const sig = pair.sign(msg);
      pair.free();
      for (const rule of RULES) expect(mp.ed25519Verify(rule, pk, msg, sig), `refused under ${rule}`);
      const batchKeys = concat(pk, pk, pk);
      const batchSigs = concat(sig, sig, sig);
      for (const rule of RULES) {
        expect(mp.ed25519VerifyBatch(rule, batchKeys, [msg, msg, msg], batchSigs), `batch refused under ${rule}`);
        const other = msg.slice();
        other[5] ^= 1;
        expectCode(() => mp.ed25519VerifyBatch(rule, batchKeys, [msg, other, msg], batchSigs), "ed25519.bad_batch", `${rule} batch with one altered message`);
      }
      let webcrypto = "WebCrypto Ed25519 unavailable";
      try {
        const key = await crypto.subtle.importKey("raw", pk, { name: "Ed25519" }, false, ["verify"]);
        webcrypto = "WebCrypto agrees";
        expect(await crypto.subtle.verify({ name: "Ed25519" }, key, sig, msg), "WebCrypto refuses the signature");
      } catch (e) {
        if (e.name !== "NotSupportedError") throw e;
      }
      return `public key ${hex(pk).slice(0, 16)}…; single and batch (3) under both rules; ${webcrypto}`;
    },
  },
  {
    name: "Merkle root and inclusion proofs built here verify; a flipped bit is refused",
    run() {
      const leaves = Array.from({ length: 7 }, (_, i) => utf8(`record ${i}: ${hex(randomBytes(8))}`));
      const leafHashes = leaves.map((l) => mp.merkleLeafHash(l));
      expectEqualBytes(leafHashes[0], mp.sha256(concat([0], leaves[0])), "leaf hash is SHA-256(0x00 ‖ leaf)");
      const root = treeHash(leafHashes);
      expectEqualBytes(mp.merkleRoot(leaves), root, "root");
      for (let i = 0; i < leaves.length; i++) {
        const proof = auditPath(i, leafHashes);
        expect(mp.merkleVerifyInclusion(i, leaves.length, leafHashes[i], proof, root), `leaf ${i} refused`);
      }
      const proof = auditPath(3, leafHashes);
      proof[1] = proof[1].slice();
      proof[1][17] ^= 0x04;
      expectCode(() => mp.merkleVerifyInclusion(3, leaves.length, leafHashes[3], proof, root), "merkle.root_mismatch", "flipped bit in proof");
      expectCode(() => mp.merkleVerifyInclusion(7, leaves.length, leafHashes[3], proof, root), "merkle.index_out_of_range", "index past the tree");
      return `${leaves.length} leaves, ${leaves.length} proofs accepted, tampered proof and bad index refused`;
    },
  },
  {
    name: "Bad input raises an Error with a stable code",
    run() {
      expectCode(() => mp.fromHex("zz"), "input.bad_hex", 'fromHex("zz")');
      expectCode(() => mp.ed25519Verify("lenient", new Uint8Array(32), new Uint8Array(0), new Uint8Array(64)), "input.bad_rule", "unknown rule");
      expectCode(() => mp.ed25519Verify("strict", new Uint8Array(31), new Uint8Array(0), new Uint8Array(64)), "ed25519.bad_length", "31-byte key");
      const sample = randomBytes(33);
      expectEqualBytes(mp.fromHex(hex(sample)), sample, "hex round trip");
      expect(mp.toBase64(sample) === btoa(String.fromCharCode(...sample)), "base64 differs from btoa");
      expectEqualBytes(mp.fromBase64(mp.toBase64(sample)), sample, "base64 round trip");
      return "input.bad_hex, input.bad_rule, ed25519.bad_length; hex and base64 round trips";
    },
  },
];

/** Run every check; returns `[{name, pass, detail}]`. Never throws. */
export async function runSelfCheck(onResult = () => {}) {
  const results = [];
  for (const check of CHECKS) {
    let result;
    try {
      result = { name: check.name, pass: true, detail: await check.run() };
    } catch (e) {
      result = { name: check.name, pass: false, detail: e instanceof Error ? e.message : String(e) };
    }
    results.push(result);
    onResult(result);
  }
  return results;
}

function showResult(list, { name, pass, detail }) {
  const item = document.createElement("li");
  item.dataset.status = pass ? "pass" : "fail";
  const verdict = document.createElement("span");
  verdict.className = "verdict";
  verdict.textContent = pass ? "Pass" : "FAIL";
  const what = document.createElement("span");
  what.textContent = name;
  const more = document.createElement("span");
  more.className = "detail";
  more.textContent = detail ?? "";
  item.append(verdict, what, more);
  list.append(item);
}

async function main() {
  const list = document.getElementById("selfcheck-list");
  const summary = document.getElementById("selfcheck-summary");
  if (!list || !summary) return;
  try {
    await init();
  } catch (e) {
    summary.dataset.status = "fail";
    summary.textContent = `The verifier module did not load: ${e.message}`;
    return;
  }
  const results = await runSelfCheck((r) => showResult(list, r));
  const failed = results.filter((r) => !r.pass).length;
  summary.dataset.status = failed === 0 ? "pass" : "fail";
  summary.textContent =
    failed === 0
      ? `All ${results.length} checks passed: this browser runs the verifier correctly.`
      : `${failed} of ${results.length} checks failed: do not rely on verification in this browser.`;
}

main();

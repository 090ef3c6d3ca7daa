// The installed npm package, as a Node user meets it: `import * as mp from "medproof"` (the
// package's `node` export, the CommonJS flavour), every demo scenario through its verifier with
// the verdict and code the demo expects, and bad input as an `Error` with a stable `code`.
// tests/npm/run.sh copies this file into a scratch project that installed the packed tarball;
// MEDPROOF_WWW points at the repository's www/ (the demo files are not in the package).

import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import * as mp from "medproof";
import * as authoring from "medproof/authoring";

const WWW = process.env.MEDPROOF_WWW;
if (!WWW) throw new Error("set MEDPROOF_WWW to the repository's www/ directory");
const read = (rel) => readFileSync(join(WWW, rel));
const json = (rel) => JSON.parse(read(rel).toString("utf8"));

const trust = json("demo/trust.json");
const scenarios = json("demo/scenarios.json");
const CODE = /^[a-z0-9_]+\.[a-z0-9_]+$/;

/** What the web app shows: the verdict and reason codes, or not_verified with the error's code. */
function outcome(run) {
  try {
    const report = run();
    assert.equal(typeof report.asOf, "string", "a report says as of when");
    return { verdict: report.verdict, codes: report.reasons.map((r) => r.code) };
  } catch (e) {
    assert.ok(e instanceof Error, `threw a non-Error: ${e}`);
    assert.match(e.code, CODE);
    return { verdict: "not_verified", codes: [e.code] };
  }
}

/** One scenario through the verifier of its kind (as tests/verify_scenarios.rs does natively). */
function verify(lib, s, { bundleAsText }) {
  const text = read(s.bundle).toString("utf8");
  const bundle = bundleAsText ? text : JSON.parse(text);
  switch (s.kind) {
    case "medicine":
      return lib.verifyMedicine(s.input, bundle, trust, s.now);
    case "credential":
      return lib.verifyCredential(s.input, bundle, trust, s.now);
    case "record": {
      const file = read(s.input);
      const digest = { sha256Hex: lib.sha256Hex(file), size: file.length };
      return lib.verifyRecord(digest, bundle, s.viewer, trust, s.now);
    }
    case "consent":
      return lib.verifyConsent(s.input, bundle, trust, s.now);
    case "contract":
      return lib.verifyChargeback(s.input, bundle, trust, s.now);
    default:
      throw new Error(`unknown scenario kind ${s.kind}`);
  }
}

test("the demo has its 23 scenarios of five kinds", () => {
  assert.ok(scenarios.length >= 23, `${scenarios.length} scenarios`);
  const kinds = new Set(scenarios.map((s) => s.kind));
  assert.deepEqual([...kinds].sort(), ["consent", "contract", "credential", "medicine", "record"]);
});

for (const [name, lib] of [["medproof", mp], ["medproof/authoring", authoring]]) {
  test(`${name}: every demo scenario gives its verdict and code`, () => {
    const failures = [];
    let checked = 0;
    for (const s of scenarios) {
      // The bundle as parsed JSON and as its text: the API takes both.
      for (const bundleAsText of [false, true]) {
        const got = outcome(() => verify(lib, s, { bundleAsText }));
        checked++;
        if (got.verdict !== s.expect.verdict || !got.codes.includes(s.expect.code)) {
          failures.push(`${s.id}${bundleAsText ? " (text)" : ""}: expected ${s.expect.verdict}/${s.expect.code}, got ${got.verdict}/${got.codes}`);
        }
      }
    }
    console.log(`${name}: ${checked} scenario runs checked (${scenarios.length} scenarios, bundle as object and as text)`);
    assert.deepEqual(failures, []);
  });
}

test("bad input throws an Error with a stable code", () => {
  const cases = [
    ["a bundle that is not JSON", () => mp.verifyMedicine(scenarios[0].input, "{not json", trust, scenarios[0].now)],
    ["an unparseable time", () => mp.verifyMedicine(scenarios[0].input, read(scenarios[0].bundle).toString(), trust, "yesterday")],
    ["bad hex", () => mp.fromHex("zz")],
    ["a short seed", () => mp.KeyPair.fromSeed(new Uint8Array(3))],
  ];
  for (const [what, run] of cases) {
    let thrown;
    try {
      run();
    } catch (e) {
      thrown = e;
    }
    assert.ok(thrown instanceof Error, `${what}: throws an Error`);
    assert.match(thrown.code, CODE, `${what}: code ${thrown.code}`);
    assert.ok(thrown.message.length > 0, `${what}: has a message`);
  }
  console.log(`${cases.length} bad inputs threw coded Errors`);
});

test("the module stays usable after a bad input (no poisoned instance)", () => {
  const s = scenarios.find((x) => x.expect.verdict === "verified");
  assert.throws(() => mp.verifyMedicine("", "[]", "{}", "not a time"));
  assert.equal(outcome(() => verify(mp, s, { bundleAsText: true })).verdict, "verified");
});

test("signConsentGrant signs with a KeyPair, and its hash is the SHA-256 of the tx", () => {
  const key = mp.KeyPair.fromSeed(new Uint8Array(32).fill(7));
  const grant = mp.signConsentGrant(key, {
    grantee: key.did, scope: { categories: ["lab"] }, purpose: "treatment",
    expires: "2026-03-01T00:00:00Z", sequence: 1, chainId: "medproof-demo-1",
  });
  const tx = mp.fromBase64(grant.txBase64);
  assert.equal(grant.hash.toLowerCase(), mp.sha256Hex(tx));
  const again = mp.signConsentGrant(mp.KeyPair.fromSeed(new Uint8Array(32).fill(7)), {
    grantee: key.did, scope: { categories: ["lab"] }, purpose: "treatment",
    expires: "2026-03-01T00:00:00Z", sequence: 1, chainId: "medproof-demo-1",
  });
  assert.equal(again.txBase64, grant.txBase64, "Ed25519 signing is deterministic");
});

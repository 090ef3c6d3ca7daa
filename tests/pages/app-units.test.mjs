// The app's pure helpers, in Node: reading a GS1 Digital Link for display (against the GS1
// vectors in tests/vectors/gs1), hash routes, matching inputs to demo scenarios, bundles embedded
// in a link, and the checkpoint's age against the trusting period.

import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "./browser.mjs";
import { digitalLinkAIs } from "../../www/app/views/medicine.js";
import { parseRoute } from "../../www/app/router.js";
import { sameInput } from "../../www/app/demo.js";
import { scopeFromText, scopeText } from "../../www/app/scope.js";
import { NoBundleError, splitEmbedded } from "../../www/app/bundle.js";
import { checkpointAge, describeTrust, formatAge } from "../../www/app/settings.js";

test("digitalLinkAIs reads what the GS1 vectors' product links carry", () => {
  const cases = JSON.parse(readFileSync(join(ROOT, "tests/vectors/gs1/digital-link.json"), "utf8"));
  const products = cases.filter((c) => c.kind === "uri" && c.valid && /\/01\/\d+/.test(c.input));
  assert.ok(products.length >= 12, `${products.length} product links`);
  for (const c of products) assert.deepEqual(Object.fromEntries(digitalLinkAIs(c.input)), c.expect, c.id);
  // Links that are not a product's (a pallet's SSCC, a location's GLN, a compressed link) and
  // text that is not a link are not read as one.
  const others = cases.filter((c) => c.kind === "uri" && c.valid && !/\/01\/\d+/.test(c.input));
  for (const c of others) assert.equal(digitalLinkAIs(c.input), null, c.id);
  for (const text of ["", "hello", "https://example.org/", "https://a/01/ABC", "https://a/01/123"]) assert.equal(digitalLinkAIs(text), null, text);
  console.log(`${products.length} product links read as the vectors expect; ${others.length + 5} other texts not taken for one`);
});

test("hash routes", () => {
  const route = (h) => {
    const r = parseRoute(h);
    return r && [r.name, Object.fromEntries(r.params)];
  };
  assert.deepEqual(route(""), ["home", {}]);
  assert.deepEqual(route("#/"), ["home", {}]);
  assert.deepEqual(route("#/medicine"), ["medicine", {}]);
  assert.deepEqual(route("#/record/"), ["record", {}]);
  assert.deepEqual(route("#/medicine?scenario=pack%201"), ["medicine", { scenario: "pack 1" }]);
  assert.equal(parseRoute("#main"), null, "an in-page anchor is not a route");
});

test("scenario inputs match whatever their key order or spacing", () => {
  assert.ok(sameInput(" https://a/01/1 ", "https://a/01/1"));
  assert.ok(sameInput({ b: 1, a: [1, { d: 2, c: 3 }] }, '{"a":[1,{"c":3,"d":2}],"b":1}'));
  assert.ok(!sameInput({ a: 1 }, { a: 2 }));
  assert.ok(!sameInput("https://a/01/1", "https://a/01/2"));
  assert.ok(!sameInput([1, 2], [2, 1]), "order matters in lists");
});

test("a bundle embedded in a link's fragment is split off; damage is refused", () => {
  const bundle = JSON.stringify({ headers: [1, 2, 3], note: "ünïcode" });
  const b64url = Buffer.from(bundle).toString("base64url");
  const link = "https://id.gs1.org/01/09506000134352/10/LOT42";
  assert.deepEqual(splitEmbedded(`${link}#bundle=${b64url}`), { input: link, bundle });
  assert.deepEqual(splitEmbedded("compact-credential-text"), { input: "compact-credential-text", bundle: "compact-credential-text" });
  assert.throws(() => splitEmbedded(`${link}#bundle=***`), NoBundleError);
});

test("checkpoint age and the trusting period", () => {
  const now = new Date("2025-03-01T00:00:00Z");
  const trust = (time, extra = {}) => ({ checkpoint: { chain_id: "c", height: 7, hash: "AB", time, validators: [{}, {}, {}] }, regulator: "did:key:z6Mk", ...extra });
  const fresh = checkpointAge(trust("2025-02-20T00:00:00Z"), now);
  assert.equal(fresh.stale, false);
  assert.equal(formatAge(fresh.ageSeconds), "9 days");
  assert.deepEqual([fresh.chainId, fresh.height, fresh.headerHash, fresh.validatorCount, fresh.regulator], ["c", 7, "AB", 3, "did:key:z6Mk"]);
  assert.equal(checkpointAge(trust("2025-02-14T23:59:59Z"), now).stale, true, "just past 14 days");
  assert.equal(checkpointAge(trust("2025-02-14T23:59:59Z", { trustingPeriodSeconds: 30 * 86400 }), now).stale, false);
  const unknown = checkpointAge(trust(undefined), now);
  assert.deepEqual([unknown.known, unknown.stale], [false, false]);
  assert.equal(describeTrust({ chainId: "flat", height: 3, validators: { validators: [{}] } }).validatorCount, 1, "a flat trust and a nested validator set");
  assert.deepEqual([formatAge(30), formatAge(61), formatAge(7200), formatAge(86400)], ["less than a minute", "1 minute", "2 hours", "1 day"]);
});

test("a consent scope from the line people type, and back", () => {
  const fp = "ab".repeat(32);
  const cases = [
    ["lab_result", { categories: ["lab_result"] }],
    ["record:demo", { recordIds: ["record:demo"] }],
    [` record:demo , lab_result,${fp}, imaging,lab_result `, { recordIds: ["record:demo", fp], categories: ["lab_result", "imaging"] }],
    ["Record-7", { recordIds: ["Record-7"] }],
    [" , ", null],
    ["", null],
  ];
  for (const [text, scope] of cases) assert.deepEqual(scopeFromText(text), scope, JSON.stringify(text));
  // Typed back as one line, and read again to the same scope.
  for (const [, scope] of cases.filter(([, s]) => s)) assert.deepEqual(scopeFromText(scopeText(scope)), scope);
  assert.equal(scopeText({ categories: ["lab_result"] }), "lab_result");
  assert.equal(scopeText(undefined), "");
  console.log(`${cases.length} scope lines parsed, ${cases.filter(([, s]) => s).length} round trips`);
});

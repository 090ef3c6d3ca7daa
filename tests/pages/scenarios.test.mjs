// Demo scenarios.
//
// 1. The landing page's listing, on a small scenarios.json written here (in a temporary copy of
//    www/ whose demo/ holds only that list and QR images): every scenario appears with its QR
//    image and a "try it" link that opens the right view with its input filled in. Nothing is
//    verified in this part; it is about the listing and the links.
// 2. ACCEPTANCE, on the real demo (www/demo/, written by the demo chain): every scenario run
//    through the app ends in the verdict and reason code it expects. It is skipped, saying why,
//    while www/demo/ or a verifier function is missing, and lights up when they land.

import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdirSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT, openPage, pageSuite, screenshot, serve } from "./browser.mjs";
import { PACK_LINK, openView, realProblems, writeQrPng } from "./fixtures.mjs";

const WWW = join(ROOT, "www");
const LISTING = [
  { id: "pack-listing", title: "A pack of capsules", kind: "medicine", input: PACK_LINK },
  { id: "licence-listing", title: "A nurse's licence", kind: "credential", input: '{"type":["VerifiableCredential"],"issuer":"did:key:z6Mk"}' },
  { id: "claim-listing", title: "A chargeback claim", kind: "contract", input: { claim: "CB-1", amount: 120 } },
  {
    id: "consent-listing",
    title: "A patient's consent",
    kind: "consent",
    input: { patient: "did:key:z6MkmGpxKm7vXqvrGwwMLvt7yLAaXhHDdoznifikf3kMsUKX", grantee: "did:key:z6MktGZvrzGb2gv9RCKdL6Fz4y2S5EhHbBkN3LXERqKdXwbK", scope: { categories: ["lab_result"] } },
  },
].map((s) => ({ ...s, bundle: `demo/bundles/${s.id}.json`, qr: `demo/qr/${s.id}.png`, expect: { verdict: "verified", code: "listing.only" } }));

let listingRoot;
/** A copy of www/ made of links to its files, with a demo/ of our own. */
async function writeListingRoot(dir) {
  listingRoot = join(dir, "www");
  mkdirSync(listingRoot);
  for (const entry of readdirSync(WWW)) if (entry !== "demo") symlinkSync(join(WWW, entry), join(listingRoot, entry));
  mkdirSync(join(listingRoot, "demo/qr"), { recursive: true });
  writeFileSync(join(listingRoot, "demo/scenarios.json"), JSON.stringify(LISTING));
  for (const s of LISTING) await writeQrPng(join(listingRoot, s.qr), typeof s.input === "string" ? s.input : JSON.stringify(s.input));
}

// env.server serves the real www/ (for the acceptance test).
const env = pageSuite({ setup: (e) => writeListingRoot(e.dir) });

test("landing page lists the demo scenarios with their QR codes and working 'try it' links", async () => {
  const server = await serve(listingRoot);
  const { page, context, problems } = await openPage(env.browser, { serviceWorkers: "block" });
  try {
    await openView(page, server.url, "");
    const items = page.locator(".scenario-list .scenario");
    await items.first().waitFor();
    assert.equal(await items.count(), LISTING.length);
    for (const [i, s] of LISTING.entries()) {
      const item = items.nth(i);
      assert.equal(await item.getAttribute("data-scenario"), s.id);
      assert.equal(await item.locator("h3").textContent(), s.title);
      const img = item.locator("img.scenario-qr");
      assert.equal(await img.getAttribute("src"), s.qr);
      assert.match(await img.getAttribute("alt"), new RegExp(s.title));
      await img.evaluate((el) => el.decode());
      assert.ok(await img.evaluate((el) => el.naturalWidth > 100), "the QR image loaded");
      assert.match(await item.textContent(), /Expected: Verified \(listing\.only\)/);
    }
    await screenshot(page, "screenshots/home-with-scenarios");

    // "Try it" opens the view with the scenario's input, and starts the check.
    const views = { medicine: "medicine", credential: "credential", contract: "contracts", consent: "consent" };
    for (const s of LISTING) {
      await openView(page, server.url, "");
      await page.getByRole("link", { name: `Try it: ${s.title}` }).click();
      await page.locator(`main[data-view='${views[s.kind]}'][data-ready]`).waitFor();
      if (s.kind === "consent") {
        assert.equal(await page.getByLabel("Patient (their did:key)").inputValue(), s.input.patient, `${s.id} patient filled in`);
        assert.equal(await page.getByLabel("Grantee (their did:key)").inputValue(), s.input.grantee, `${s.id} grantee filled in`);
        assert.equal(await page.getByLabel("Which records (optional)").inputValue(), "lab_result", `${s.id} scope filled in`);
      } else {
        const box = page.locator(".paste-form :is(input, textarea)");
        const expected = typeof s.input === "string" ? s.input : JSON.stringify(s.input, null, 2);
        assert.equal(await box.inputValue(), expected, `${s.id} input filled in`);
      }
      await page.locator(".result[data-outcome]").waitFor();
    }
    assert.deepEqual(realProblems(problems), []);
    console.log(`${LISTING.length} scenarios listed with QR images; ${LISTING.length} try-it links open their view, filled in`);
  } finally {
    await context.close();
    await server.close();
  }
});

// ---- Acceptance on the real demo ----------------------------------------------------------------

const DEMO = join(WWW, "demo/scenarios.json");
const scenarios = existsSync(DEMO) ? JSON.parse(readFileSync(DEMO, "utf8")) : [];
const VERIFIER = { medicine: "verifyMedicine", credential: "verifyCredential", record: "verifyRecord", contract: "verifyChargeback", consent: "verifyConsent" };
const ROUTE = { medicine: "medicine", credential: "credential", record: "record", contract: "contracts", consent: "consent" };

test("acceptance: every demo scenario gets the verdict it expects", { skip: scenarios.length === 0 && "www/demo/scenarios.json is not there yet (the demo chain writes it)" }, async (t) => {
  const { server } = env;
  const { page, context, problems } = await openPage(env.browser, { serviceWorkers: "block" });
  let checked = 0;
  try {
    await openView(page, server.url, "");
    const exported = await page.evaluate(async () => Object.keys(await import("./pkg/medproof.js")));
    for (const s of scenarios) {
      await t.test(`${s.id} (${s.kind}): ${s.expect?.verdict} ${s.expect?.code ?? ""}`, async (st) => {
        if (!exported.includes(VERIFIER[s.kind])) return st.skip(`${VERIFIER[s.kind]} is not in this build yet`);
        await openView(page, server.url, ROUTE[s.kind], `scenario=${encodeURIComponent(s.id)}`);
        if (s.kind === "consent") {
          // The query is filled in from the scenario: whose consent, to whom.
          assert.equal(await page.getByLabel("Patient (their did:key)").inputValue(), s.input.patient);
          assert.equal(await page.getByLabel("Grantee (their did:key)").inputValue(), s.input.grantee);
        }
        if (s.kind === "record") {
          if (typeof s.input !== "string") return st.skip("a record scenario needs its file (input: a path under demo/)");
          await page.getByRole("button", { name: /Use the demo file/ }).click();
        }
        const result = page.locator(".result[data-outcome]");
        await result.waitFor({ timeout: 60_000 });
        const card = page.locator(".verdict-card");
        assert.equal(await card.count(), 1, `a verdict, not: ${await result.textContent()}`);
        assert.equal(await card.getAttribute("data-verdict"), s.expect.verdict, await card.textContent());
        if (s.expect.code) {
          const codes = await card.locator("[data-code]").evaluateAll((els) => els.map((e) => e.dataset.code));
          assert.ok([await card.getAttribute("data-code"), ...codes].includes(s.expect.code), `reason ${s.expect.code} among ${codes}`);
        }
        await screenshot(page, `screenshots/scenario-${s.id}`);
        checked++;
      });
    }
    assert.deepEqual(realProblems(problems), []);
    console.log(`${checked} of ${scenarios.length} demo scenarios checked through the app`);
  } finally {
    await context.close();
  }
});

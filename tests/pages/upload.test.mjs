// ACCEPTANCE: every demo scenario, given to the app the way a person would upload it, shows the
// verdict it expects, in plain words. Not through `?scenario=` (scenarios.test.mjs does that):
// - medicine and credential: the scenario's QR image (www/demo/qr/<id>.png) through the view's
//   photo upload; the app decodes it with its wasm decoder and finds the bundle among the demo's
//   static files (judged at the scenario's own `now`);
// - contract: the claim as a JSON file through the Contracts view's file input;
// - consent: the patient's and grantee's did:keys typed into the Check consent form;
// - record: the demo record file chosen through the Record view's file input, fingerprinted here.
// Two kinds of scenario cannot be told apart by what is uploaded, so the view is opened on the
// scenario (which names the bundle) and the upload then runs the check again: tampered-event
// (its pack link is the genuine pack's; only its bundle differs) and the records (a file is
// matched to its anchor by digest, and the altered file's digest has no anchor at all).

import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT, openPage, pageSuite, screenshot } from "./browser.mjs";
import { openView, realProblems } from "./fixtures.mjs";

const WWW = join(ROOT, "www");
const DEMO = join(WWW, "demo/scenarios.json");
const scenarios = existsSync(DEMO) ? JSON.parse(readFileSync(DEMO, "utf8")) : [];
const ROUTE = { medicine: "medicine", credential: "credential", record: "record", contract: "contracts", consent: "consent" };
const WORDS = { verified: "Verified", warning: "Warning", not_verified: "Not verified" };

/** Scenarios whose upload is not enough to find their bundle (see the header). */
function needsScenarioContext(s) {
  if (s.kind === "record") return true;
  return scenarios.some((o) => o.id !== s.id && o.kind === s.kind && JSON.stringify(o.input) === JSON.stringify(s.input));
}

const env = pageSuite();

/** Forget the verdict shown (from opening the view on a scenario), so the next one is the upload's. */
async function clearResult(page) {
  await page.locator(".result[data-outcome]").waitFor({ timeout: 60_000 });
  await page.evaluate(() => {
    const r = document.querySelector(".result");
    delete r.dataset.outcome;
    r.querySelector(".result-body")?.replaceChildren();
  });
}

test(
  "acceptance: every demo scenario, uploaded (QR photo, file, or typed keys), shows its expected verdict",
  { skip: scenarios.length === 0 && "www/demo/scenarios.json is not there yet (the demo chain writes it)" },
  async (t) => {
    const { page, context, problems } = await openPage(env.browser, { serviceWorkers: "block" });
    const counts = {};
    try {
      for (const s of scenarios) {
        await t.test(`${s.id} (${s.kind}, uploaded): ${s.expect.verdict} ${s.expect.code}`, async () => {
          const inContext = needsScenarioContext(s);
          await page.goto("about:blank"); // a fresh load of the app, not a hash change
          await openView(page, env.server.url, ROUTE[s.kind], inContext ? `scenario=${encodeURIComponent(s.id)}` : "");
          if (inContext && s.kind !== "record") await clearResult(page);
          assert.equal(await page.locator(".verdict-card").count(), 0, "no verdict before the upload");

          if (s.kind === "medicine" || s.kind === "credential") {
            await page.getByLabel(/Or upload a photo of/).setInputFiles(join(WWW, s.qr));
            await page.locator(".scan-status", { hasText: "Code read from the photo." }).waitFor({ timeout: 20_000 });
            if (s.kind === "credential") assert.match(await page.locator(".scanned-text").textContent(), /^A credential in (JSON|compact form)/);
            if (s.kind === "medicine") assert.equal(await page.locator("[data-testid='scanned-text']").textContent(), s.input, "the photo's code is the scenario's link");
          } else if (s.kind === "contract") {
            const file = join(env.dir, `${s.id}.json`);
            writeFileSync(file, JSON.stringify(s.input, null, 2));
            await page.getByLabel("Or choose the claim's JSON file").setInputFiles(file);
          } else if (s.kind === "consent") {
            // Nothing filled in beforehand: the form starts empty (no key on this device).
            assert.equal(await page.getByLabel("Patient (their did:key)").inputValue(), "");
            await page.getByLabel("Patient (their did:key)").fill(s.input.patient);
            await page.getByLabel("Grantee (their did:key)").fill(s.input.grantee);
            await page.getByRole("button", { name: "Check consent" }).click();
          } else if (s.kind === "record") {
            assert.equal(await page.getByLabel("Who is viewing (your did:key)").inputValue(), s.viewer, "the scenario's viewer");
            await page.getByLabel("Record file").setInputFiles(join(WWW, s.input));
            await page.locator("#record-digest").waitFor({ timeout: 30_000 });
          }

          const result = page.locator(".result[data-outcome]");
          await result.waitFor({ timeout: 60_000 });
          const card = page.locator(".verdict-card");
          assert.equal(await card.count(), 1, `a verdict, not: ${await result.textContent()}`);
          assert.equal(await card.getAttribute("data-verdict"), s.expect.verdict, await card.textContent());
          assert.equal((await card.locator(".verdict-title").textContent()).trim(), WORDS[s.expect.verdict], "the verdict in plain words");
          const codes = await card.locator("[data-code]").evaluateAll((els) => els.map((e) => e.dataset.code));
          assert.ok([await card.getAttribute("data-code"), ...codes].includes(s.expect.code), `reason ${s.expect.code} among ${codes}`);
          await screenshot(page, `screenshots/upload-${s.id}`);
          counts[s.kind] = (counts[s.kind] ?? 0) + 1;
        });
      }
      assert.deepEqual(realProblems(problems), []);
      const total = Object.values(counts).reduce((a, b) => a + b, 0);
      console.log(`${total} of ${scenarios.length} demo scenarios verified through upload: ${JSON.stringify(counts)}`);
      assert.equal(total, scenarios.length, "every scenario checked");
    } finally {
      await context.close();
    }
  },
);

// COMPONENT TEST OF THE VERDICT RENDERER ONLY, ON HAND-MADE (FAKE) REPORTS.
//
// These reports are written here to exercise www/app/verdict.js before the real verifiers exist;
// they prove nothing about verification. The acceptance tests on real bundles are in
// scenarios.test.mjs. Nothing here is wired into the app: the reports are rendered by importing
// the component into a page, in the test only.

import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { ROOT, openPage, pageSuite, screenshot } from "./browser.mjs";
import { openView, realProblems } from "./fixtures.mjs";
import { asReport } from "../../www/app/api.js";

const FAKE_VERIFIED = {
  verdict: "verified",
  reasons: [{ code: "medicine.genuine", severity: "info", message: "This pack is genuine: its serial was commissioned by its manufacturer and has not been dispensed." }],
  facts: {
    product: "Amoxicillin 500 mg capsules",
    gtin: "09506000134352",
    lot: "LOT42",
    expiry: "2027-12-31",
    manufacturer: "Example Pharma Ltd",
    custody: [
      { step: "Commissioned", actor: "Example Pharma Ltd", time: "2025-01-10T09:00:00Z", location: "Leeds" },
      { step: "Shipped", actor: "North Wholesale", time: "2025-01-12T14:30:00Z" },
      { step: "Received", actor: "High Street Pharmacy", time: "2025-01-13T08:05:00Z", location: "York" },
    ],
  },
  evidence: {
    checkpoint: { chainId: "medproof-demo", height: 10 },
    heightsVerified: [10, 57, 91],
    signedPowerShare: 0.8,
    proofs: ["tx inclusion at 57", "state membership serial/SER0001", "state non-membership recall/LOT42"],
    txHashes: ["A1B2C3D4E5F60718293A4B5C6D7E8F90A1B2C3D4E5F60718293A4B5C6D7E8F9"],
    stateKeys: ["serial/09506000134352/SER0001"],
  },
  asOf: "2025-02-01T12:00:00Z",
};

const FAKE_WARNING = {
  verdict: "warning",
  reasons: [
    { code: "credential.expires_soon", severity: "warning", message: "This licence expires in 9 days." },
    { code: "credential.signature_ok", severity: "info", message: "Signed by an accredited issuer." },
  ],
  facts: { name: "Alex Rivera", licence: "RN-0042", issuer: "did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2" },
  evidence: { heightsVerified: [12] },
  asOf: { time: "2025-02-01T12:00:00Z", height: 91 },
};

const FAKE_NOT_VERIFIED = {
  verdict: "not_verified",
  reasons: [{ code: "medicine.recalled", severity: "error", message: 'Recalled: lot LOT42 <img src=x id="injected"> was recalled on 3 Jan 2025.' }],
  facts: { product: "Amoxicillin 500 mg capsules", lot: "LOT42" },
  evidence: {},
  asOf: "2025-02-01T12:00:00Z",
};

const env = pageSuite();

/** Render `reports` with the real component into the app page, replacing the view. */
async function renderAll(page, reports) {
  await page.evaluate(async (list) => {
    const { renderVerdict } = await import("./app/verdict.js");
    const main = document.querySelector("main");
    main.replaceChildren(...list.map((r) => renderVerdict(r)));
  }, reports);
}

test("verdict component (fake reports): verdict in colour, icon and word; reason, facts, custody, as-of, evidence", async () => {
  const { page, context, problems } = await openPage(env.browser, { viewport: { width: 390, height: 844 }, serviceWorkers: "block" });
  try {
    await openView(page, env.server.url, "");
    await renderAll(page, [FAKE_VERIFIED, FAKE_WARNING, FAKE_NOT_VERIFIED]);
    const cards = page.locator(".verdict-card");
    assert.equal(await cards.count(), 3);

    const looks = await cards.evaluateAll((els) =>
      els.map((el) => ({
        verdict: el.dataset.verdict,
        code: el.dataset.code,
        title: el.querySelector(".verdict-title").textContent,
        reason: el.querySelector(".verdict-reason").textContent,
        iconShape: [...el.querySelectorAll(".verdict-icon > *")].map((s) => `${s.tagName}${s.getAttribute("d") ?? ""}`).join(" "),
        iconHidden: el.querySelector(".verdict-icon").getAttribute("aria-hidden"),
        colour: getComputedStyle(el.querySelector(".verdict-title")).color,
        border: getComputedStyle(el).borderTopColor,
      })),
    );
    assert.deepEqual(looks.map((l) => l.title), ["Verified", "Warning", "Not verified"]);
    assert.deepEqual(looks.map((l) => l.code), ["medicine.genuine", "credential.expires_soon", "medicine.recalled"]);
    assert.equal(new Set(looks.map((l) => l.iconShape)).size, 3, `three icon shapes: ${looks.map((l) => l.iconShape)}`);
    assert.equal(new Set(looks.map((l) => l.colour)).size, 3, "three colours");
    assert.ok(looks.every((l) => l.iconHidden === "true"), "icons are decoration; the word carries the meaning");
    assert.match(looks[1].reason, /expires in 9 days/, "the warning comes before the note");

    // Facts and custody, in order.
    const verified = cards.nth(0);
    const facts = await verified.locator(".verdict-facts dt").allTextContents();
    assert.deepEqual(facts.slice(0, 5), ["Product", "GTIN", "Lot", "Expiry", "Manufacturer"]);
    assert.equal(await verified.locator(".verdict-facts time[datetime='2027-12-31']").count(), 1, "expiry is a date");
    const steps = await verified.locator(".timeline li .timeline-step").allTextContents();
    assert.deepEqual(steps, ["Commissioned", "Shipped", "Received"]);
    assert.match(await verified.locator(".timeline li").nth(2).textContent(), /by High Street Pharmacy.*York/);
    assert.match(await verified.locator(".verdict-asof").textContent(), /^As of block time /);
    assert.equal(await verified.locator(".verdict-asof time").getAttribute("datetime"), "2025-02-01T12:00:00.000Z");
    assert.match(await cards.nth(1).locator(".verdict-asof").textContent(), /\(block 91\)/);
    const warningFacts = await cards.nth(1).locator(".verdict-facts dt").allTextContents();
    assert.deepEqual(warningFacts, ["Name", "Licence", "Issuer"]);

    // Evidence: folded, then readable.
    const details = verified.locator("details.verdict-evidence");
    assert.equal(await details.evaluate((d) => d.open), false);
    await details.locator("summary").click();
    assert.equal(await details.evaluate((d) => d.open), true);
    const evidence = await details.textContent();
    for (const part of ["Trusted checkpoint", "Block heights verified", "80%", "state non-membership recall/LOT42", "Transaction hashes", "serial/09506000134352/SER0001"]) {
      assert.ok(evidence.includes(part), `evidence shows ${part}`);
    }
    assert.equal(await cards.nth(2).locator("details").count(), 0, "no evidence section when there is none");

    // Text from a report is text, never markup.
    assert.equal(await page.locator("#injected").count(), 0);
    assert.match(looks[2].reason, /<img src=x id="injected">/);

    // No horizontal scrolling on a phone, even with long hashes.
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth), "no horizontal scroll at 390 px");
    await screenshot(page, "screenshots/verdict-component");
    assert.deepEqual(realProblems(problems), []);
    console.log(`3 fake reports rendered: ${looks.map((l) => `${l.title} (${l.colour})`).join("; ")}`);
  } finally {
    await context.close();
  }
});

test("verdict component (fake reports): no serious or critical axe violations", async () => {
  const { page, context } = await openPage(env.browser, { bypassCSP: true, serviceWorkers: "block" });
  try {
    await openView(page, env.server.url, "");
    await renderAll(page, [FAKE_VERIFIED, FAKE_WARNING, FAKE_NOT_VERIFIED]);
    await page.locator("details.verdict-evidence").first().evaluate((d) => (d.open = true));
    await page.addScriptTag({ path: join(ROOT, "node_modules/axe-core/axe.min.js") });
    const results = await page.evaluate(() => globalThis.axe.run(document, { resultTypes: ["violations"] }));
    const bad = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    assert.deepEqual(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`), []);
    console.log(`axe: ${results.violations.length} violations in all, none serious or critical`);
  } finally {
    await context.close();
  }
});

test("verdict component (fake report): the verifier's answer heads a verified card, not a note about a refused transaction", async () => {
  const { page, context } = await openPage(env.browser, { serviceWorkers: "block" });
  try {
    await openView(page, env.server.url, "");
    const refused = {
      code: "bundle.tx_refused",
      severity: "info",
      message: "transaction 00ff… at height 81 was refused by the ledger (code 12): it changed nothing",
    };
    await renderAll(page, [{ ...FAKE_VERIFIED, reasons: [refused, ...FAKE_VERIFIED.reasons] }]);
    const card = page.locator(".verdict-card");
    assert.equal(await card.getAttribute("data-code"), "medicine.genuine");
    assert.match(await card.locator(".verdict-reason").textContent(), /This pack is genuine/);
    // The note is still listed among the reasons.
    assert.match(await card.textContent(), /refused by the ledger \(code 12\)/);
  } finally {
    await context.close();
  }
});

test("asReport refuses what is not a report", () => {
  assert.equal(asReport(JSON.stringify(FAKE_VERIFIED)).verdict, "verified");
  assert.deepEqual(asReport({ verdict: "warning" }), { verdict: "warning", reasons: [], facts: {}, evidence: {}, asOf: null });
  let refused = 0;
  for (const bad of [null, 3, "null", {}, { verdict: "ok" }, { verdict: "Verified" }, []]) {
    assert.throws(() => asReport(bad), (e) => e.code === "app.bad_report" || e instanceof SyntaxError);
    refused++;
  }
  console.log(`${refused} malformed reports refused`);
});

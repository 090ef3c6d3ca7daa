// The landing page: what medproof checks, and the demo scenarios with their QR codes (scan them
// from a second screen) and a "try it" link each.

import { trustBanner } from "../check.js";
import { loadScenarios, viewOf } from "../demo.js";
import { h, note, viewHeading } from "../dom.js";

const TASKS = [
  ["medicine", "Medicine", "Is this pack genuine, recalled, expired, or a copy of one already sold?"],
  ["credential", "Staff credential", "Is this licence from an accredited issuer, in date, not revoked?"],
  ["record", "Patient record", "Does this file match its anchor, and did the patient consent?"],
  ["consent", "Check consent", "Does a patient's consent to a clinician or hospital stand: granted, not withdrawn, not expired?"],
  ["wallet", "Consent wallet", "Grant or withdraw consent with a key kept on this device."],
  ["contracts", "Contracts", "Is this invoice or chargeback consistent with the contract and shipments?"],
];

const KIND_NAMES = { medicine: "Medicine", credential: "Credential", record: "Record", consent: "Consent", contract: "Contract" };
const VERDICT_NAMES = { verified: "Verified", warning: "Warning", not_verified: "Not verified" };

function scenarioCard(s) {
  const route = `#/${viewOf(s.kind)}?scenario=${encodeURIComponent(s.id)}`;
  const expect = s.expect?.verdict ? `${VERDICT_NAMES[s.expect.verdict] ?? s.expect.verdict}${s.expect.code ? ` (${s.expect.code})` : ""}` : null;
  return h(
    "li",
    { class: "scenario", dataset: { scenario: s.id, kind: s.kind } },
    s.qr ? h("img", { src: s.qr, alt: `QR code for the demo: ${s.title}`, width: "160", height: "160", loading: "lazy", class: "scenario-qr" }) : null,
    h(
      "div",
      { class: "scenario-text" },
      h("h3", {}, s.title),
      h("p", { class: "scenario-kind" }, KIND_NAMES[s.kind]),
      expect ? h("p", { class: "hint" }, `Expected: ${expect}`) : null,
      h("a", { href: route, class: "button-link", "aria-label": `Try it: ${s.title}` }, "Try it"),
    ),
  );
}

export async function mount(root) {
  const demos = h("div", { class: "scenarios", "aria-busy": "true" }, h("p", {}, "Loading the demo…"));
  root.append(
    ...viewHeading(
      "Check healthcare data yourself",
      "medproof checks medicines, staff credentials, patient records and contracts against a healthcare ledger, here in your browser. It trusts no server: it checks the validators' signatures and the proofs itself.",
    ),
    trustBanner(),
    h(
      "ul",
      { class: "tasks" },
      TASKS.map(([route, title, what]) => h("li", {}, h("a", { href: `#/${route}`, class: "task" }, h("span", { class: "task-title" }, title), h("span", { class: "task-what" }, what)))),
    ),
    h("h2", { id: "demo-title" }, "Try the demo"),
    h("p", {}, "Each demo has a QR code: scan it with this app on another device, or follow its link."),
    demos,
    h("p", { class: "hint" }, "Before relying on results in a new browser, ", h("a", { href: "selfcheck.html" }, "run the self-check"), " of its cryptography."),
  );
  const { scenarios, error } = await loadScenarios();
  demos.removeAttribute("aria-busy");
  if (scenarios.length === 0) {
    demos.replaceChildren(note("info", error ?? "The demo has no scenarios."));
  } else {
    demos.replaceChildren(h("ul", { class: "scenario-list", "aria-labelledby": "demo-title" }, scenarios.map(scenarioCard)));
  }
  return {};
}

// Running one check end to end, shared by the views: trust, bundle, verifier, verdict. Every way
// it can stop short (no trust, no bundle, a function missing from this build, a verifier error)
// ends in a message for people, and only a report from the verifier ends in a verdict.

import { NotAvailableError, VERIFIERS, has, verify } from "./api.js";
import { NoBundleError, resolveBundle } from "./bundle.js";
import { h, note, uid } from "./dom.js";
import { announcement, renderVerdict } from "./verdict.js";
import { checkpointAge, currentTrust, formatAge } from "./settings.js";

/**
 * A result region: `el` to place in the view; `show(node)`, `busy(text)`, `clear()`. A separate
 * polite live region announces each outcome once, in one line, rather than reading the whole card.
 */
export function resultArea() {
  const live = h("p", { class: "visually-hidden", "aria-live": "polite", role: "status" });
  const body = h("div", { class: "result-body" });
  const el = h("div", { class: "result" }, live, body);
  return {
    el,
    show(node, line) {
      body.replaceChildren(node);
      live.textContent = line ?? node.textContent ?? "";
    },
    busy(text) {
      body.replaceChildren(h("p", { class: "busy", "aria-busy": "true" }, text));
      live.textContent = text;
    },
    clear() {
      body.replaceChildren();
      live.textContent = "";
    },
  };
}

/** A line saying which checkpoint is trusted, or a warning when it is missing or stale. */
export function trustBanner() {
  const el = h("div", { class: "trust-banner" });
  currentTrust().then(({ trust, error }) => {
    if (error) {
      el.replaceChildren(note("warn", error, " ", h("a", { href: "#/settings" }, "Open Settings")));
      return;
    }
    const age = checkpointAge(trust);
    const where = `${age.chainId || "unknown chain"} at height ${age.height || "?"}`;
    if (age.stale) {
      el.replaceChildren(
        note(
          "warn",
          `The trusted checkpoint (${where}) is ${formatAge(age.ageSeconds)} old, older than the trusting period ` +
            `(${formatAge(age.trustingPeriodSeconds)}). Results cannot be trusted until you set a fresh one. `,
          h("a", { href: "#/settings" }, "Open Settings"),
        ),
      );
    } else {
      el.replaceChildren(
        h("p", { class: "trust-line" }, `Trusting checkpoint ${where}`, age.known ? `, ${formatAge(age.ageSeconds)} old` : "", ". ", h("a", { href: "#/settings" }, "Change")),
      );
    }
  });
  return el;
}

/** The report for an error the verifier raised: it could not confirm, so "Not verified". */
function reportFromError(e) {
  return {
    verdict: "not_verified",
    reasons: [{ code: e?.code ?? "app.error", severity: "error", message: e?.message ?? String(e) }],
    facts: {},
    evidence: {},
    asOf: null,
  };
}

/**
 * Check `input` of `kind` and show the outcome in `area`. `args(input, bundle, trust, nowIso)`
 * gives the verifier's arguments (default: exactly those). Returns the report, or null when it
 * stopped short. `scenario`, `file` and `match` go to resolveBundle.
 */
export async function runCheck(area, { kind, input, scenario, file, match, args = (...a) => a, now = scenario?.now }) {
  area.busy("Checking…");
  delete area.el.dataset.outcome;
  const { trust, error } = await currentTrust();
  if (error) {
    area.show(note("error", "Nothing can be verified without a trusted checkpoint. ", error, " ", h("a", { href: "#/settings" }, "Open Settings")));
    area.el.dataset.outcome = "app.no_trust";
    return null;
  }
  let report;
  try {
    // Say "not available in this build" before hunting for a bundle it could not use.
    if (!(await has(VERIFIERS[kind]))) throw new NotAvailableError(`Checking a ${kind}`);
    const found = await resolveBundle({ kind, input, scenario, file, trust, match });
    // The demo chain is a frozen history: its scenarios are judged at the time they name.
    const nowIso = now ?? found.scenario?.now ?? new Date().toISOString();
    report = await verify(kind, ...args(found.input, found.bundle, trust, nowIso));
  } catch (e) {
    if (e instanceof NotAvailableError || e instanceof NoBundleError) {
      area.show(note(e instanceof NotAvailableError ? "info" : "warn", e.message), e.message);
      area.el.dataset.outcome = e.code;
      return null;
    }
    report = reportFromError(e);
  }
  const card = renderVerdict(report);
  area.el.dataset.outcome = report.verdict;
  area.show(card, announcement(report));
  return report;
}

/**
 * "Use a proof bundle file instead": for bundles a person received by other means. Returns
 * `{el, file}` where `file` is the chosen File or null.
 */
export function bundlePicker() {
  const id = uid("bundle");
  const input = h("input", { type: "file", id, accept: ".json,application/json" });
  const picker = {
    file: null,
    el: h(
      "details",
      { class: "bundle-picker" },
      h("summary", {}, "Use a proof bundle file instead"),
      h("p", { class: "hint" }, "A bundle holds the signed headers and proofs. Everything in it is checked against your trusted checkpoint, so it may come from anywhere."),
      h("label", { for: id }, "Proof bundle (JSON)"),
      input,
    ),
  };
  input.addEventListener("change", () => {
    picker.file = input.files?.[0] ?? null;
  });
  return picker;
}

// The verdict component: a report `{verdict, reasons, facts, evidence, asOf}` as a person reads
// it at a glance. The verdict is said three ways at once (colour, icon shape and a word), so it
// does not rest on colour alone; then the reason in plain words, the facts, the custody timeline,
// "as of" the verified block's time, and, folded, how it was checked.

import { h, svg, timeEl } from "./dom.js";

const VERDICTS = {
  verified: { title: "Verified", summary: "Everything checked out against the ledger." },
  warning: { title: "Warning", summary: "The record is genuine, but something needs your attention." },
  not_verified: { title: "Not verified", summary: "This could not be confirmed. Do not rely on it." },
};

/** Labels for the facts people look for first, in display order. */
const FACT_LABELS = {
  product: "Product",
  gtin: "GTIN",
  lot: "Lot",
  serial: "Serial number",
  expiry: "Expiry",
  manufacturer: "Manufacturer",
  name: "Name",
  licence: "Licence",
  license: "Licence",
  role: "Role",
  issuer: "Issuer",
  holder: "Holder",
  validFrom: "Valid from",
  validUntil: "Valid until",
  status: "Status",
  anchor: "Anchor",
  consent: "Consent",
};

const EVIDENCE_LABELS = {
  checkpoint: "Trusted checkpoint",
  heightsVerified: "Block heights verified",
  validatorsPower: "Validators' share of voting power",
  powerShare: "Validators' share of voting power",
  signedPowerShare: "Validators' share of voting power",
  proofs: "Proofs checked",
  txHashes: "Transaction hashes",
  stateKeys: "State keys",
};

const SEVERITY_WORDS = { error: "Problem", warning: "Warning", warn: "Warning", info: "Note" };

/** The icon: a tick in a circle, an exclamation in a triangle, a cross in an octagon. */
function icon(verdict) {
  const common = { class: "verdict-icon", viewBox: "0 0 48 48", width: "48", height: "48", "aria-hidden": "true", focusable: "false" };
  if (verdict === "verified") {
    return svg("svg", common, svg("circle", { cx: "24", cy: "24", r: "22" }), svg("path", { d: "M13 25l7 7 15-16", class: "mark" }));
  }
  if (verdict === "warning") {
    return svg("svg", common, svg("path", { d: "M24 3L46 44H2z" }), svg("path", { d: "M24 17v13M24 35v3", class: "mark" }));
  }
  return svg(
    "svg",
    common,
    svg("path", { d: "M15 2h18l13 13v18L33 46H15L2 33V15z" }),
    svg("path", { d: "M16 16l16 16M32 16L16 32", class: "mark" }),
  );
}

/** "validFrom" -> "Valid from". */
function humanize(key) {
  const words = key.replace(/([a-z0-9])([A-Z])/g, "$1 $2").replace(/[_-]+/g, " ").toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/;

/** A value as readable nodes: dates as <time>, lists as lists, objects as nested terms. */
function valueNodes(value, depth = 0) {
  if (value == null || value === "") return h("span", { class: "muted" }, "—");
  if (typeof value === "boolean") return h("span", {}, value ? "Yes" : "No");
  if (typeof value === "number") return h("span", {}, value.toLocaleString());
  if (typeof value === "string") return ISO_DATE.test(value) ? timeEl(value) : h("span", { class: looksCode(value) ? "code" : null }, value);
  if (Array.isArray(value)) {
    if (value.length === 0) return h("span", { class: "muted" }, "none");
    return h("ul", { class: "plain-list" }, value.map((v) => h("li", {}, valueNodes(v, depth + 1))));
  }
  if (depth > 3) return h("code", { class: "code" }, JSON.stringify(value));
  return termList(Object.entries(value), humanize, depth + 1);
}

/** Hashes, keys and identifiers read better in a fixed-width font that wraps anywhere. */
function looksCode(s) {
  return /^(0x)?[0-9a-fA-F]{16,}$/.test(s) || /^did:/.test(s) || /^[A-Za-z0-9+/_=-]{32,}$/.test(s);
}

function termList(entries, label, depth = 0) {
  return h(
    "dl",
    { class: "terms" },
    entries.map(([k, v]) => h("div", { class: "term" }, h("dt", {}, label(k)), h("dd", {}, valueNodes(v, depth)))),
  );
}

/** The share of power as a percentage, whether given as 0.83, 83 or "83%". */
function share(value) {
  const n = typeof value === "string" ? parseFloat(value) : value;
  if (typeof n !== "number" || !Number.isFinite(n)) return value;
  const pct = n <= 1 ? n * 100 : n;
  return `${pct.toFixed(pct % 1 === 0 ? 0 : 1)}%`;
}

function factsSection(facts) {
  const known = Object.keys(FACT_LABELS).filter((k) => k in facts && facts[k] != null);
  const other = Object.keys(facts).filter((k) => !(k in FACT_LABELS) && k !== "custody");
  if (known.length + other.length === 0) return null;
  return h(
    "section",
    { class: "verdict-facts", "aria-label": "Facts" },
    h("h3", {}, "Facts"),
    termList(
      [...known, ...other].map((k) => [k, facts[k]]),
      (k) => FACT_LABELS[k] ?? humanize(k),
    ),
  );
}

function custodySection(custody) {
  if (!Array.isArray(custody) || custody.length === 0) return null;
  return h(
    "section",
    { class: "verdict-custody", "aria-label": "Custody" },
    h("h3", {}, "Custody"),
    h(
      "ol",
      { class: "timeline" },
      custody.map((c) =>
        h(
          "li",
          {},
          h("span", { class: "timeline-step" }, String(c.step ?? "")),
          " ",
          c.actor ? h("span", { class: "timeline-actor" }, "by ", String(c.actor)) : null,
          h("span", { class: "timeline-meta" }, c.time ? timeEl(c.time) : null, c.location ? [" · ", String(c.location)] : null),
        ),
      ),
    ),
  );
}

function evidenceSection(evidence) {
  const entries = Object.entries(evidence);
  if (entries.length === 0) return null;
  const shown = entries.map(([k, v]) => [k, /power/i.test(k) ? share(v) : v]);
  return h(
    "details",
    { class: "verdict-evidence" },
    h("summary", {}, "How this was checked"),
    h(
      "p",
      {},
      "Your browser checked this itself, trusting no server: block headers signed by more than two thirds of the validators' voting power, " +
        "Merkle proofs that the transactions are in those blocks, state proofs against each header's app hash, and the signatures of the people involved.",
    ),
    termList(shown, (k) => EVIDENCE_LABELS[k] ?? humanize(k)),
  );
}

function reasonsList(reasons) {
  if (reasons.length === 0) return null;
  return h(
    "ul",
    { class: "reasons" },
    reasons.map((r) =>
      h(
        "li",
        { class: `reason reason-${r.severity ?? "info"}`, dataset: { code: String(r.code ?? "") } },
        h("span", { class: "reason-severity" }, `${SEVERITY_WORDS[r.severity] ?? "Note"}: `),
        h("span", { class: "reason-message" }, String(r.message ?? r.code ?? "")),
        r.code ? h("span", { class: "reason-code" }, ` (${r.code})`) : null,
      ),
    ),
  );
}

/** "As of block time …", from an ISO time or `{time, height}`. */
function asOfLine(asOf) {
  if (!asOf) return null;
  const time = typeof asOf === "object" ? asOf.time : asOf;
  const height = typeof asOf === "object" ? asOf.height : undefined;
  return h(
    "p",
    { class: "verdict-asof" },
    "As of block time ",
    time ? timeEl(String(time)) : "unknown",
    height != null ? ` (block ${height})` : null,
  );
}

/**
 * The most important reason: errors before warnings before notes; within one severity, the
 * verifier's own answer (`medicine.genuine`) before notes about the bundle itself (such as
 * `bundle.tx_refused`, a refused transaction that changed nothing).
 */
function mainReason(reasons) {
  const rank = { error: 0, warning: 1, warn: 1, info: 2 };
  const aboutBundle = (r) => (String(r.code ?? "").startsWith("bundle.") ? 1 : 0);
  return [...reasons].sort(
    (a, b) => (rank[a.severity] ?? 3) - (rank[b.severity] ?? 3) || aboutBundle(a) - aboutBundle(b),
  )[0];
}

/**
 * Render a report. Returns a <section> with `data-verdict` and, on the main reason,
 * `data-code`, for tests and for styling. `headingLevel` is that of the verdict's title.
 */
export function renderVerdict(report, { headingLevel = 2 } = {}) {
  const kind = VERDICTS[report.verdict] ? report.verdict : "not_verified";
  const words = VERDICTS[kind];
  const reasons = Array.isArray(report.reasons) ? report.reasons : [];
  const main = mainReason(reasons);
  const facts = report.facts ?? {};
  const title = h(`h${headingLevel}`, { class: "verdict-title", tabindex: "-1" }, words.title);
  return h(
    "section",
    { class: `verdict-card verdict-${kind}`, dataset: { verdict: kind, code: main?.code ?? "" }, "aria-label": `Result: ${words.title}` },
    h(
      "div",
      { class: "verdict-banner" },
      icon(kind),
      h(
        "div",
        {},
        title,
        h("p", { class: "verdict-reason" }, main?.message ?? words.summary),
        main?.code ? h("p", { class: "reason-code" }, `Code: ${main.code}`) : null,
      ),
    ),
    reasonsList(reasons.length > 1 ? reasons : []),
    factsSection(facts),
    custodySection(facts.custody),
    asOfLine(report.asOf),
    evidenceSection(report.evidence ?? {}),
  );
}

/** One line for a screen reader's live region: "Verified. <reason>". */
export function announcement(report) {
  const words = VERDICTS[report.verdict] ?? VERDICTS.not_verified;
  const main = mainReason(report.reasons ?? []);
  return `${words.title}. ${main?.message ?? words.summary}`;
}

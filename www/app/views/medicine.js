// Medicine: scan the QR code on a pack (a GS1 Digital Link), upload a photo of it, or paste the
// link; then the pack is checked against the ledger: genuine, recalled, expired, or a clone.

import { mountCheckView } from "../check-view.js";
import { h } from "../dom.js";

/** GS1 Application Identifiers a pack's link usually carries, with their names. */
const AIS = { "01": "GTIN", 10: "Lot", 21: "Serial number", 17: "Expiry (YYMMDD)" };

/**
 * What a GS1 Digital Link says, read without checking anything: `[[label, value]]`, or null
 * when the text is not such a link. Only for showing; the verifier parses it for real.
 */
export function readDigitalLink(text) {
  let url;
  try {
    url = new URL(text);
  } catch {
    return null;
  }
  const parts = url.pathname.split("/").filter(Boolean).map(decodeURIComponent);
  const at = parts.indexOf("01");
  if (at < 0 || !/^\d{14}$/.test(parts[at + 1] ?? "")) return null;
  const found = [];
  for (let i = at; i + 1 < parts.length; i += 2) found.push([parts[i], parts[i + 1]]);
  for (const [k, v] of url.searchParams) if (/^\d{2,4}$/.test(k)) found.push([k, v]);
  return found.map(([ai, v]) => [AIS[ai] ?? `AI (${ai})`, v]);
}

/** What the code says, shown before (and whatever) the verifier says. */
function describe(text) {
  const fields = readDigitalLink(text);
  return [
    h("h2", {}, "The code says"),
    h("p", { class: "code scanned-text", dataset: { testid: "scanned-text" } }, text),
    fields
      ? h("dl", { class: "terms compact" }, fields.map(([k, v]) => h("div", { class: "term" }, h("dt", {}, k), h("dd", {}, v))))
      : h("p", { class: "hint" }, "This is not a GS1 Digital Link (a web address with /01/ and a 14-digit GTIN); checking it anyway."),
  ];
}

export function mount(root, params) {
  return mountCheckView(root, params, {
    kind: "medicine",
    title: "Check a medicine",
    intro: "Scan the QR code on the pack. Your browser checks it against the ledger itself: genuine, recalled, expired, or a copy of a pack already sold.",
    input: {
      what: "medicine pack",
      pasteLabel: "Or paste the pack's link",
      pasteHint: "For example https://id.gs1.org/01/09506000134352/10/LOT42/21/SER1?17=271231",
    },
    describe,
  });
}

// Medicine: scan the QR code on a pack (a GS1 Digital Link), upload a photo of it, or paste the
// link; then the pack is checked against the ledger: genuine, recalled, expired, or a clone.

import { mountCheckView } from "../check-view.js";
import { h } from "../dom.js";

/** Names of the GS1 Application Identifiers a pack's link usually carries. */
const AI_NAMES = { "01": "GTIN", 10: "Lot", 21: "Serial number", 17: "Expiry (YYMMDD)", 22: "Consumer product variant" };

/**
 * The Application Identifiers in a GS1 Digital Link of a product (`…/01/<GTIN>/…`), as
 * `[[ai, value]]` in the link's order, or null when the text is no such link. Only for showing
 * what was scanned: the verifier parses and checks the link itself.
 */
export function digitalLinkAIs(text) {
  let url;
  try {
    url = new URL(text);
  } catch {
    return null;
  }
  const parts = url.pathname.split("/").filter(Boolean).map(decodeURIComponent);
  const at = parts.indexOf("01");
  const gtin = parts[at + 1] ?? "";
  if (at < 0 || !/^(\d{8}|\d{12,14})$/.test(gtin)) return null;
  const found = [["01", gtin.padStart(14, "0")]];
  for (let i = at + 2; i + 1 < parts.length; i += 2) found.push([parts[i], parts[i + 1]]);
  for (const [k, v] of url.searchParams) if (/^\d{2,4}$/.test(k)) found.push([k, v]);
  return found;
}

/** What the code says, shown before (and whatever) the verifier says. */
function describe(text) {
  const fields = digitalLinkAIs(text)?.map(([ai, v]) => [AI_NAMES[ai] ?? `AI (${ai})`, v]);
  return [
    h("h2", {}, "The code says"),
    h("p", { class: "code scanned-text", dataset: { testid: "scanned-text" } }, text),
    fields
      ? h("dl", { class: "terms compact" }, fields.map(([k, v]) => h("div", { class: "term" }, h("dt", {}, k), h("dd", {}, v))))
      : h("p", { class: "hint" }, "This does not look like a medicine pack's GS1 Digital Link (a web address with /01/ and its GTIN); checking it anyway."),
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

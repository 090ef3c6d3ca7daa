// Medicine: scan the QR code on a pack (a GS1 Digital Link), upload a photo of it, or paste the
// link; then the pack is checked against the ledger: genuine, recalled, expired, or a clone.

import { bundlePicker, resultArea, runCheck, trustBanner } from "../check.js";
import { findScenario, sameInput } from "../demo.js";
import { h, viewHeading } from "../dom.js";
import { scanInput } from "../scanner.js";

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

export async function mount(root, params) {
  const area = resultArea();
  const picker = bundlePicker();
  const scenario = await findScenario(params.get("scenario"));
  const scanned = h("div", { class: "scanned", "aria-live": "off" });

  async function check(text) {
    const fields = readDigitalLink(text);
    scanned.replaceChildren(
      h("h2", {}, "The code says"),
      h("p", { class: "code scanned-text", dataset: { testid: "scanned-text" } }, text),
      fields
        ? h("dl", { class: "terms compact" }, fields.map(([k, v]) => h("div", { class: "term" }, h("dt", {}, k), h("dd", {}, v))))
        : h("p", { class: "hint" }, "This is not a GS1 Digital Link (a web address with /01/ and a 14-digit GTIN); checking it anyway."),
    );
    await runCheck(area, {
      kind: "medicine",
      input: text,
      scenario: scenario && sameInput(scenario.input, text) ? scenario : undefined,
      file: picker.file,
    });
  }

  const scan = scanInput({
    what: "medicine pack",
    pasteLabel: "Or paste the pack's link",
    pasteHint: "For example https://id.gs1.org/01/09506000134352/10/LOT42/21/SER1?17=271231",
    onInput: check,
  });
  root.append(
    ...viewHeading("Check a medicine", "Scan the QR code on the pack. Your browser checks it against the ledger itself: genuine, recalled, expired, or a copy of a pack already sold."),
    trustBanner(),
    scan.el,
    picker.el,
    scanned,
    area.el,
  );
  if (scenario) {
    scan.setText(scenario.input);
    check(scenario.input);
  }
  return { unmount: () => scan.stop() };
}

// Credential: scan, upload or paste a staff credential (a W3C Verifiable Credential as JSON, or
// the compact form its QR code carries); then its issuer's accreditation, signature, dates and
// revocation status are checked against the ledger.

import { bundlePicker, resultArea, runCheck, trustBanner } from "../check.js";
import { findScenario, sameInput } from "../demo.js";
import { h, viewHeading } from "../dom.js";
import { scanInput } from "../scanner.js";

/** One line on what was received, before any checking. */
function describe(text) {
  try {
    const vc = JSON.parse(text);
    const types = [].concat(vc.type ?? []).filter((t) => t !== "VerifiableCredential");
    const issuer = typeof vc.issuer === "string" ? vc.issuer : vc.issuer?.id;
    return `A credential in JSON${types.length ? ` (${types.join(", ")})` : ""}${issuer ? `, saying it was issued by ${issuer}` : ""}.`;
  } catch {
    return `A credential in compact form (${text.length} characters).`;
  }
}

export async function mount(root, params) {
  const area = resultArea();
  const picker = bundlePicker();
  const scenario = await findScenario(params.get("scenario"));
  const received = h("div", { class: "scanned" });

  async function check(text) {
    received.replaceChildren(h("h2", {}, "Received"), h("p", { class: "scanned-text" }, describe(text)));
    await runCheck(area, {
      kind: "credential",
      input: text,
      scenario: scenario && sameInput(scenario.input, text) ? scenario : undefined,
      file: picker.file,
    });
  }

  const scan = scanInput({
    what: "credential",
    pasteLabel: "Or paste the credential",
    pasteHint: "The credential's JSON, or the text of its QR code.",
    multiline: true,
    acceptFiles: "image/*,.json,.jsonld,application/json",
    fileLabel: "Or upload a photo of its QR code, or its JSON file",
    onInput: check,
  });
  root.append(
    ...viewHeading("Check a staff credential", "Is this licence issued by an accredited issuer, in date, and not revoked? Scan its QR code, upload it, or paste it."),
    trustBanner(),
    scan.el,
    picker.el,
    received,
    area.el,
  );
  if (scenario) {
    const text = typeof scenario.input === "string" ? scenario.input : JSON.stringify(scenario.input, null, 2);
    scan.setText(text);
    check(text);
  }
  return { unmount: () => scan.stop() };
}

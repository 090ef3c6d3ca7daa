// Credential: scan, upload or paste a staff credential (a W3C Verifiable Credential as JSON, or
// the compact form its QR code carries); then its issuer's accreditation, signature, dates and
// revocation status are checked against the ledger.

import { mountCheckView } from "../check-view.js";
import { h } from "../dom.js";

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

export function mount(root, params) {
  return mountCheckView(root, params, {
    kind: "credential",
    title: "Check a staff credential",
    intro: "Is this licence issued by an accredited issuer, in date, and not revoked? Scan its QR code, upload it, or paste it.",
    input: {
      what: "credential",
      pasteLabel: "Or paste the credential",
      pasteHint: "The credential's JSON, or the text of its QR code.",
      multiline: true,
      acceptFiles: "image/*,.json,.jsonld,application/json",
      fileLabel: "Or upload a photo of its QR code, or its JSON file",
    },
    describe: (text) => [h("h2", {}, "Received"), h("p", { class: "scanned-text" }, describe(text))],
  });
}

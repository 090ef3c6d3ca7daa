// Contracts: check an invoice or a chargeback claim against the contract and the shipments the
// ledger holds. The claim is pasted or chosen as a JSON file.

import { mountCheckView } from "../check-view.js";

export function mount(root, params) {
  return mountCheckView(root, params, {
    kind: "contract",
    title: "Check an invoice or chargeback",
    intro: "Is this claim consistent with the contract and with the shipments recorded on the ledger?",
    input: {
      what: "claim",
      pasteLabel: "Paste the invoice or chargeback claim (JSON)",
      multiline: true,
      camera: false,
      acceptFiles: ".json,application/json",
      fileLabel: "Or choose the claim's JSON file",
    },
    describe(text) {
      try {
        JSON.parse(text);
      } catch (e) {
        throw new Error(`This is not valid JSON: ${e.message}`);
      }
      return null;
    },
  });
}

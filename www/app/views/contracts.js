// Contracts: check an invoice or a chargeback claim against the contract and the shipments the
// ledger holds. The claim is pasted or chosen as a JSON file.

import { bundlePicker, resultArea, runCheck, trustBanner } from "../check.js";
import { findScenario, sameInput } from "../demo.js";
import { h, note, viewHeading } from "../dom.js";
import { scanInput } from "../scanner.js";

export async function mount(root, params) {
  const area = resultArea();
  const picker = bundlePicker();
  const scenario = await findScenario(params.get("scenario"));

  async function check(text) {
    try {
      JSON.parse(text);
    } catch (e) {
      area.show(note("error", `This is not valid JSON: ${e.message}`));
      return;
    }
    await runCheck(area, {
      kind: "contract",
      input: text,
      scenario: scenario && sameInput(scenario.input, text) ? scenario : undefined,
      file: picker.file,
    });
  }

  const scan = scanInput({
    what: "claim",
    pasteLabel: "Paste the invoice or chargeback claim (JSON)",
    multiline: true,
    camera: false,
    acceptFiles: ".json,application/json",
    fileLabel: "Or choose the claim's JSON file",
    onInput: check,
  });
  root.append(
    ...viewHeading("Check an invoice or chargeback", "Is this claim consistent with the contract and with the shipments recorded on the ledger?"),
    trustBanner(),
    scan.el,
    picker.el,
    area.el,
  );
  if (scenario) {
    const text = typeof scenario.input === "string" ? scenario.input : JSON.stringify(scenario.input, null, 2);
    scan.setText(text);
    check(text);
  }
  return { unmount: () => scan.stop() };
}

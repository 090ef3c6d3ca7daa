// The frame shared by the views that check something a person scans, uploads or pastes
// (Medicine, Credential, Contracts): heading, trust line, the input, a bundle file picker, what
// was received, and the result; a demo scenario (`?scenario=id`) fills the input and runs.

import { bundlePicker, resultArea, runCheck, trustBanner } from "./check.js";
import { findScenario, sameInput } from "./demo.js";
import { h, note, viewHeading } from "./dom.js";
import { scanInput } from "./scanner.js";

/**
 * Mount a checking view into `root`. `kind` is the verifier's kind; `title` and `intro` head the
 * view; `input` are scanInput's options (without `onInput`); `describe(text)` returns nodes saying
 * what was received (shown before the verdict), or throws to refuse the text with its message.
 */
export async function mountCheckView(root, params, { kind, title, intro, input, describe = () => null }) {
  const area = resultArea();
  const picker = bundlePicker();
  const scenario = await findScenario(params.get("scenario"));
  const received = h("div", { class: "scanned" });

  async function check(text) {
    let shown;
    try {
      shown = describe(text);
    } catch (e) {
      area.show(note("error", e.message));
      return;
    }
    received.replaceChildren(...[shown ?? []].flat());
    await runCheck(area, {
      kind,
      input: text,
      // A scenario's bundle is for its own input only.
      scenario: scenario && sameInput(scenario.input, text) ? scenario : undefined,
      file: picker.file,
    });
  }

  const scan = scanInput({ ...input, onInput: check });
  root.append(...viewHeading(title, intro), trustBanner(), scan.el, picker.el, received, area.el);
  if (scenario) {
    const text = typeof scenario.input === "string" ? scenario.input : JSON.stringify(scenario.input, null, 2);
    scan.setText(text);
    check(text);
  }
  return { unmount: () => scan.stop() };
}

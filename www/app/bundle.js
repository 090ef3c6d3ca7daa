// Finding the proof bundle for an input, from the source chosen in Settings. A bundle carries
// the signed headers, Merkle and state proofs the verifier checks; where it comes from does not
// matter for security (everything in it is checked against the trusted checkpoint), only for
// availability.

import { bundleFromRpc } from "./api.js";
import { loadScenarios, sameInput } from "./demo.js";
import { loadSettings } from "./settings.js";

/** Thrown when no bundle can be found for an input: a message for people, not a verdict. */
export class NoBundleError extends Error {
  constructor(message) {
    super(message);
    this.name = "NoBundleError";
    this.code = "app.no_bundle";
  }
}

async function fetchText(url) {
  let res;
  try {
    res = await fetch(url);
  } catch {
    throw new NoBundleError(`The proof bundle ${url} could not be fetched: you seem to be offline, and it was not saved for offline use.`);
  }
  if (!res.ok) throw new NoBundleError(`The proof bundle ${url} was not found (${res.status}).`);
  return res.text();
}

function fromBase64Url(text) {
  const b64 = text.replace(/-/g, "+").replace(/_/g, "/");
  const bytes = Uint8Array.from(atob(b64 + "=".repeat((4 - (b64.length % 4)) % 4)), (c) => c.charCodeAt(0));
  return new TextDecoder().decode(bytes);
}

/**
 * Split a scanned text that carries its own bundle. A link may end in `#bundle=<base64url JSON>`
 * (the fragment never reaches a server); any other text (a compact credential, say) is handed to
 * the verifier whole, as both input and bundle, for it to take the proofs out.
 */
export function splitEmbedded(text) {
  const at = text.indexOf("#bundle=");
  if (at < 0) return { input: text, bundle: text };
  try {
    return { input: text.slice(0, at), bundle: fromBase64Url(text.slice(at + "#bundle=".length)) };
  } catch {
    throw new NoBundleError("The bundle embedded in this code is damaged (not base64url).");
  }
}

/**
 * The bundle for `input` of `kind`: `{input, bundle, from}`. `scenario` (a demo scenario) and
 * `file` (a bundle file the person chose) take precedence over the source in Settings. `match`
 * overrides how a static scenario is matched to the input (records match by digest).
 */
export async function resolveBundle({ kind, input, scenario, file, trust, match }) {
  if (file) return { input, bundle: await file.text(), from: `the file ${file.name}` };
  if (scenario?.bundle) return { input, bundle: await fetchText(scenario.bundle), from: scenario.bundle, scenario };
  const settings = loadSettings();
  if (settings.source === "embedded") {
    if (typeof input !== "string") throw new NoBundleError("Only a scanned code can carry its own bundle: choose a bundle file.");
    return { ...splitEmbedded(input), from: "the code itself" };
  }
  if (settings.source === "rpc") {
    if (!settings.rpcUrl) throw new NoBundleError("No CometBFT RPC endpoint is set: add one in Settings.");
    return { input, bundle: await bundleFromRpc(kind, input, settings.rpcUrl, trust), from: settings.rpcUrl };
  }
  const { scenarios, error } = await loadScenarios();
  const same = match ?? ((s) => sameInput(s.input, input));
  const found = scenarios.find((s) => s.kind === kind && s.bundle && same(s));
  if (!found) {
    throw new NoBundleError(
      error ?? `No proof bundle for this ${kind} among the static files in ${settings.staticBase}. Choose a bundle file, or change the source in Settings.`,
    );
  }
  // A demo scenario is a frozen history: it is judged at its own `now`, said so in the verdict.
  return { input, bundle: await fetchText(found.bundle), from: found.bundle, scenario: found };
}

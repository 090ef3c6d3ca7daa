// The demo scenarios (demo/scenarios.json, written by the demo chain): each names its kind, the
// input a person would scan or paste, its proof bundle, a QR image and the verdict it expects.

import { once } from "./lazy.js";
import { loadSettings } from "./settings.js";

const KINDS = new Set(["medicine", "credential", "record", "consent", "contract"]);

/** `{scenarios}` or `{scenarios: [], error}`; fetched once per page. */
export const loadScenarios = once(async () => {
  const url = `${loadSettings().staticBase}scenarios.json`;
  let res;
  try {
    res = await fetch(url, { cache: "no-cache" });
  } catch {
    return { scenarios: [], error: `The demo scenarios (${url}) could not be fetched: you seem to be offline.` };
  }
  if (!res.ok) {
    return { scenarios: [], error: `No demo scenarios yet: ${url} was not found. The demo chain writes it.` };
  }
  try {
    const list = await res.json();
    if (!Array.isArray(list)) throw new Error("not a list");
    return { scenarios: list.filter((s) => s && typeof s.id === "string" && KINDS.has(s.kind)) };
  } catch {
    return { scenarios: [], error: `The demo scenarios (${url}) are not a JSON list.` };
  }
});

/** The scenario with this id, or undefined. */
export async function findScenario(id) {
  if (!id) return undefined;
  const { scenarios } = await loadScenarios();
  return scenarios.find((s) => s.id === id);
}

/** The route of the view that runs a scenario of this kind. */
export function viewOf(kind) {
  return { medicine: "medicine", credential: "credential", record: "record", consent: "consent", contract: "contracts" }[kind];
}

/** JSON with keys sorted, so that two equal objects give the same text. */
function canonical(value) {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value && typeof value === "object") {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`)
      .join(",")}}`;
  }
  return JSON.stringify(value);
}

function parsed(text) {
  if (typeof text !== "string") return text;
  try {
    return JSON.parse(text);
  } catch {
    return text.trim();
  }
}

/** Whether two inputs (text, or JSON text, or objects) say the same thing. */
export function sameInput(a, b) {
  return canonical(parsed(a)) === canonical(parsed(b));
}

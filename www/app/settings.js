// What the app trusts and where it gets proofs, kept in localStorage.
//
// Trust is a checkpoint (chain id, height, header hash, header time, validator set) and the
// regulator's did:key. The default comes from demo/trust.json beside the app; the person can
// replace it in Settings with one from a source they trust. See www/README.md for the format.

import { once } from "./lazy.js";

const KEY = "medproof.settings.v1";

/** Where proof bundles come from. */
export const SOURCES = {
  static: "Static files beside the app",
  rpc: "A CometBFT RPC endpoint",
  embedded: "Embedded in the QR code itself",
};

/** Used when the trust gives no trusting period: two weeks, CometBFT's usual choice. */
export const DEFAULT_TRUSTING_PERIOD_SECONDS = 14 * 24 * 3600;

const DEFAULTS = { source: "static", staticBase: "demo/", rpcUrl: "", trust: null };

/** The saved settings over the defaults. `trust` is null until the person saves their own. */
export function loadSettings() {
  try {
    const saved = JSON.parse(localStorage.getItem(KEY) ?? "{}");
    return { ...DEFAULTS, ...(saved && typeof saved === "object" ? saved : {}) };
  } catch {
    return { ...DEFAULTS };
  }
}

/** Save `changes` over the current settings. */
export function saveSettings(changes) {
  const next = { ...loadSettings(), ...changes };
  localStorage.setItem(KEY, JSON.stringify(next));
  return next;
}

/** Forget everything saved (back to the demo defaults). */
export function resetSettings() {
  localStorage.removeItem(KEY);
}

/**
 * The default trust from `<staticBase>trust.json`: `{trust}` or `{error}` with a sentence for
 * people when it is missing or unreadable. Loaded once per page.
 */
export const loadDefaultTrust = once(async () => {
  const url = `${loadSettings().staticBase}trust.json`;
  let res;
  try {
    res = await fetch(url, { cache: "no-cache" });
  } catch {
    return { error: `The default trust (${url}) could not be fetched: you seem to be offline.` };
  }
  if (!res.ok) {
    return {
      error: `No default trust: ${url} was not found (${res.status}). The demo chain writes it; or paste a checkpoint in Settings.`,
    };
  }
  try {
    return { trust: await res.json() };
  } catch {
    return { error: `The default trust (${url}) is not valid JSON.` };
  }
});

/** The trust in force: `{trust, origin: "saved"|"default"}` or `{error}`. */
export async function currentTrust() {
  const settings = loadSettings();
  if (settings.trust) return { trust: settings.trust, origin: "saved" };
  const loaded = await loadDefaultTrust();
  return loaded.trust ? { trust: loaded.trust, origin: "default" } : loaded;
}

const pick = (obj, ...names) => {
  for (const n of names) if (obj && obj[n] != null) return obj[n];
  return undefined;
};

/** The checkpoint object inside a trust (either `trust.checkpoint` or the trust itself). */
export function checkpointOf(trust) {
  return trust?.checkpoint && typeof trust.checkpoint === "object" ? trust.checkpoint : trust ?? {};
}

/** The regulator's did:key named by a trust. */
export function regulatorOf(trust) {
  return pick(trust, "regulator", "regulatorDid", "regulator_did") ?? "";
}

/** The facts people need about a trust, read from camelCase or snake_case names. */
export function describeTrust(trust) {
  const cp = checkpointOf(trust);
  const validators = pick(cp, "validators", "validatorSet", "validator_set");
  const list = Array.isArray(validators) ? validators : Array.isArray(validators?.validators) ? validators.validators : [];
  const period = Number(pick(trust, "trustingPeriodSeconds", "trusting_period_seconds") ?? DEFAULT_TRUSTING_PERIOD_SECONDS);
  return {
    chainId: pick(cp, "chainId", "chain_id") ?? pick(trust, "chainId", "chain_id") ?? "",
    height: pick(cp, "height") ?? "",
    headerHash: pick(cp, "headerHash", "header_hash", "hash") ?? "",
    time: pick(cp, "time", "headerTime", "header_time") ?? "",
    validatorCount: list.length,
    regulator: regulatorOf(trust),
    trustingPeriodSeconds: Number.isFinite(period) && period > 0 ? period : DEFAULT_TRUSTING_PERIOD_SECONDS,
  };
}

/**
 * How old the checkpoint is at `now`: `{ageSeconds, stale, known}`. A checkpoint older than the
 * trusting period can no longer be trusted: its validators may have unbonded and could sign
 * anything without losing their stake.
 */
export function checkpointAge(trust, now = new Date()) {
  const info = describeTrust(trust);
  const time = new Date(info.time);
  if (!info.time || Number.isNaN(time.getTime())) return { known: false, stale: false, ageSeconds: NaN, ...info };
  const ageSeconds = Math.max(0, (now.getTime() - time.getTime()) / 1000);
  return { known: true, stale: ageSeconds > info.trustingPeriodSeconds, ageSeconds, ...info };
}

/** "3 days", "5 hours", "12 minutes". */
export function formatAge(seconds) {
  const units = [
    ["day", 86400],
    ["hour", 3600],
    ["minute", 60],
  ];
  for (const [name, size] of units) {
    const n = Math.floor(seconds / size);
    if (n >= 1) return `${n} ${name}${n === 1 ? "" : "s"}`;
  }
  return "less than a minute";
}

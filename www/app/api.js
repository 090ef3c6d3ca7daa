// The one door between the app and the verifier module (www/pkg/medproof.js).
//
// The module is loaded lazily (the landing page does not need it) and once. Each function is
// feature-detected, so an older or partial build of the module makes the app say "not available
// in this build" for that one feature instead of breaking: the app lights up as the verifiers land.

import { once } from "./lazy.js";

/** Thrown when this build of the verifier module lacks a function the app needs. */
export class NotAvailableError extends Error {
  constructor(what) {
    super(`${what} is not available in this build of the verifier.`);
    this.name = "NotAvailableError";
    this.code = "app.not_available";
    this.what = what;
  }
}

/** The verifier functions by the kind of thing they check. */
export const VERIFIERS = {
  medicine: "verifyMedicine",
  credential: "verifyCredential",
  record: "verifyRecord",
  contract: "verifyChargeback",
  consent: "verifyConsent",
};

const VERDICTS = new Set(["verified", "warning", "not_verified"]);

/** The initialised module (loads and compiles the WebAssembly on first call). */
export const loadVerifier = once(async () => {
  const mod = await import("../pkg/medproof.js");
  await mod.default();
  return mod;
});

/** Whether the module exports a function called `name`. */
export async function has(name) {
  const mod = await loadVerifier();
  return typeof mod[name] === "function";
}

async function fn(name) {
  const mod = await loadVerifier();
  if (typeof mod[name] !== "function") throw new NotAvailableError(name);
  return mod[name];
}

/**
 * A report as the module returned it (an object, or its JSON text), checked for the shape the
 * verdict component renders. A malformed report is an error, never a silent "verified".
 */
export function asReport(value) {
  const report = typeof value === "string" ? JSON.parse(value) : value;
  if (!report || typeof report !== "object" || !VERDICTS.has(report.verdict)) {
    throw Object.assign(new Error("The verifier returned a report the app cannot read."), { code: "app.bad_report" });
  }
  return {
    verdict: report.verdict,
    reasons: Array.isArray(report.reasons) ? report.reasons : [],
    facts: report.facts && typeof report.facts === "object" ? report.facts : {},
    evidence: report.evidence && typeof report.evidence === "object" ? report.evidence : {},
    asOf: report.asOf ?? null,
  };
}

/** Run the verifier for `kind` ("medicine", "credential", "record", "consent", "contract") on `args`. */
export async function verify(kind, ...args) {
  const name = VERIFIERS[kind];
  if (!name) throw new Error(`unknown kind ${kind}`);
  const run = await fn(name);
  return asReport(run(...args));
}

/** A fresh Ed25519 key pair held inside the module. */
export async function generateKeyPair() {
  const mod = await loadVerifier();
  return mod.KeyPair.generate();
}

/**
 * The key pair in a key box (`KeyPair.exportEncrypted`'s output), opened inside the module with
 * `passphrase`: the seed never enters JavaScript. A wrong passphrase is `wallet.wrong_passphrase`.
 */
export async function keyPairFromKeybox(keyboxJson, passphrase) {
  const mod = await loadVerifier();
  try {
    return mod.KeyPair.importEncrypted(keyboxJson, passphrase);
  } catch (e) {
    if (e?.code === "keybox.wrong_passphrase") {
      throw Object.assign(new Error("Wrong passphrase: this key did not unlock. Check the passphrase and try again."), { code: "wallet.wrong_passphrase" });
    }
    throw e;
  }
}

/** The key pair of a 32-byte seed. */
export async function keyPairFromSeed(seed) {
  const mod = await loadVerifier();
  return mod.KeyPair.fromSeed(seed);
}

/** Sign a consent grant: `{txBase64, json}`. */
export async function signConsentGrant(keyPair, grant) {
  return asSigned((await fn("signConsentGrant"))(keyPair, grant));
}

/** Sign a consent revocation: `{txBase64, json}`. */
export async function signConsentRevocation(keyPair, revocation) {
  return asSigned((await fn("signConsentRevocation"))(keyPair, revocation));
}

function asSigned(value) {
  const out = typeof value === "string" ? JSON.parse(value) : value;
  if (!out || typeof out.txBase64 !== "string") {
    throw Object.assign(new Error("The module returned no signed transaction."), { code: "app.bad_signed_tx" });
  }
  return { txBase64: out.txBase64, json: typeof out.json === "string" ? JSON.parse(out.json) : out.json };
}

/**
 * A bundle built from a CometBFT RPC endpoint, where the module can do that
 * (`bundleFromRpc(kind, input, rpcUrl, trust)`, async); otherwise NotAvailableError.
 */
export async function bundleFromRpc(kind, input, rpcUrl, trust) {
  const run = await fn("bundleFromRpc").catch((e) => {
    throw e instanceof NotAvailableError ? new NotAvailableError("Fetching proofs from a CometBFT RPC endpoint") : e;
  });
  return run(kind, input, rpcUrl, trust);
}

// The consent wallet's key at rest: the 32-byte Ed25519 seed, encrypted with a key derived from
// the person's passphrase (PBKDF2-SHA256, 600,000 iterations, OWASP's 2023 figure) under
// AES-256-GCM, kept in IndexedDB. The did:key is bound to the ciphertext as additional data, so
// a record whose public half was swapped does not decrypt. Only WebCrypto touches the
// passphrase; the seed is in JS memory only between unlocking and handing it to the module.

import { didFromPublicKey } from "./didkey.js";

export const PBKDF2_ITERATIONS = 600_000;
export const MIN_PASSPHRASE = 8;
const DB_NAME = "medproof-wallet";
const STORE = "keys";
const KEY_ID = "consent-key";
const FORMAT = "medproof-wallet-key";

/** A wallet error with a stable code: wallet.wrong_passphrase, wallet.bad_backup, ... */
export class WalletError extends Error {
  constructor(code, message) {
    super(message);
    this.name = "WalletError";
    this.code = code;
  }
}

const b64 = (bytes) => btoa(String.fromCharCode(...bytes));
const unb64 = (text) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
const hex = (bytes) => Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
const utf8 = (s) => new TextEncoder().encode(s);

function openDb() {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB_NAME, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

async function withStore(mode, act) {
  const db = await openDb();
  try {
    return await new Promise((resolve, reject) => {
      const tx = db.transaction(STORE, mode);
      const req = act(tx.objectStore(STORE));
      tx.oncomplete = () => resolve(req.result);
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error);
    });
  } finally {
    db.close();
  }
}

/** The stored (encrypted) key record, or undefined. */
export function loadKeyRecord() {
  return withStore("readonly", (s) => s.get(KEY_ID));
}

/** The stored key's public half `{did, publicKeyHex}`, or undefined. */
export async function loadPublicKey() {
  const rec = await loadKeyRecord();
  return rec ? { did: rec.did, publicKeyHex: rec.publicKeyHex } : undefined;
}

/** Store (or replace) the key record. */
export function saveKeyRecord(record) {
  return withStore("readwrite", (s) => s.put(record, KEY_ID));
}

/** Delete the key record for good. */
export function deleteKeyRecord() {
  return withStore("readwrite", (s) => s.delete(KEY_ID));
}

async function passphraseKey(passphrase, salt, iterations) {
  const base = await crypto.subtle.importKey("raw", utf8(passphrase), "PBKDF2", false, ["deriveKey"]);
  return crypto.subtle.deriveKey(
    { name: "PBKDF2", hash: "SHA-256", salt, iterations },
    base,
    { name: "AES-GCM", length: 256 },
    false,
    ["encrypt", "decrypt"],
  );
}

/** Encrypt `seed` of the key whose public key is `publicKey`: the record to store. */
export async function sealSeed(seed, publicKey, passphrase) {
  if (passphrase.length < MIN_PASSPHRASE) {
    throw new WalletError("wallet.weak_passphrase", `Choose a passphrase of at least ${MIN_PASSPHRASE} characters.`);
  }
  const did = didFromPublicKey(publicKey);
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const key = await passphraseKey(passphrase, salt, PBKDF2_ITERATIONS);
  const ciphertext = new Uint8Array(await crypto.subtle.encrypt({ name: "AES-GCM", iv, additionalData: utf8(did) }, key, seed));
  return {
    format: FORMAT,
    version: 1,
    did,
    publicKeyHex: hex(publicKey),
    kdf: { name: "PBKDF2", hash: "SHA-256", iterations: PBKDF2_ITERATIONS, salt: b64(salt) },
    cipher: { name: "AES-GCM", length: 256, iv: b64(iv), ciphertext: b64(ciphertext) },
    created: new Date().toISOString(),
    nextSequence: 1,
  };
}

/** The 32-byte seed in `record`; WalletError "wallet.wrong_passphrase" if it does not open. */
export async function openSeed(record, passphrase) {
  const key = await passphraseKey(passphrase, unb64(record.kdf.salt), record.kdf.iterations);
  try {
    const seed = await crypto.subtle.decrypt(
      { name: "AES-GCM", iv: unb64(record.cipher.iv), additionalData: utf8(record.did) },
      key,
      unb64(record.cipher.ciphertext),
    );
    return new Uint8Array(seed);
  } catch {
    throw new WalletError("wallet.wrong_passphrase", "Wrong passphrase: this key did not unlock. Check the passphrase and try again.");
  }
}

/** A backup file's record, checked for shape (its secret is still encrypted). */
export function parseBackup(text) {
  let rec;
  try {
    rec = JSON.parse(text);
  } catch {
    throw new WalletError("wallet.bad_backup", "This is not a medproof key backup (not JSON).");
  }
  const ok =
    rec?.format === FORMAT &&
    rec.version === 1 &&
    typeof rec.did === "string" &&
    rec.kdf?.name === "PBKDF2" &&
    rec.kdf.hash === "SHA-256" &&
    Number.isInteger(rec.kdf.iterations) &&
    rec.kdf.iterations >= PBKDF2_ITERATIONS &&
    typeof rec.kdf.salt === "string" &&
    rec.cipher?.name === "AES-GCM" &&
    typeof rec.cipher.iv === "string" &&
    typeof rec.cipher.ciphertext === "string";
  if (!ok) throw new WalletError("wallet.bad_backup", "This is not a medproof key backup, or it is from an unknown version.");
  return rec;
}

// The consent wallet's key at rest: the 32-byte Ed25519 seed, encrypted with a key derived from
// the person's passphrase (PBKDF2-SHA256, 600,000 iterations, OWASP's 2023 figure) under
// AES-256-GCM, kept in IndexedDB. The did:key is bound to the ciphertext as additional data, so
// a record whose public half was swapped does not decrypt. The module encrypts and decrypts
// (`KeyPair.exportEncrypted` / `importEncrypted`): the seed never enters JavaScript. The record
// uses standard primitives, so a backup opens with WebCrypto or node:crypto too.

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

const hex = (bytes) => Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");

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

/**
 * The stored record for a key the module exported itself (`KeyPair.exportEncrypted`: PBKDF2-SHA256
 * with at least 600,000 rounds, AES-256-GCM, the did:key as associated data, the same primitives
 * and fields as `sealSeed`), so the secret seed never enters JavaScript.
 */
export function recordFromKeybox(keyboxJson, publicKey) {
  const box = JSON.parse(keyboxJson);
  return {
    format: FORMAT,
    version: 1,
    did: box.did,
    publicKeyHex: hex(publicKey),
    kdf: { name: "PBKDF2", hash: "SHA-256", iterations: box.iterations, salt: box.salt },
    cipher: { name: "AES-GCM", length: 256, iv: box.nonce, ciphertext: box.ciphertext },
    created: new Date().toISOString(),
    nextSequence: 1,
  };
}

/** The module's key box (`KeyPair.importEncrypted`'s input) for a stored record. */
export function keyboxFromRecord(record) {
  return JSON.stringify({
    format: "medproof-keybox/1",
    did: record.did,
    kdf: "PBKDF2-HMAC-SHA256",
    iterations: record.kdf.iterations,
    salt: record.kdf.salt,
    cipher: "AES-256-GCM",
    nonce: record.cipher.iv,
    ciphertext: record.cipher.ciphertext,
  });
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

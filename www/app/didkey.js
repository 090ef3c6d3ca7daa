// did:key for Ed25519 public keys (W3C did:key, Multikey): "did:key:z" + base58btc(0xed 0x01 ‖
// key). The verifier module parses did:keys in Rust; the app only needs to show its own key's
// identifier and to spot a mistyped one before signing, so these few lines live here.

const ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
const ED25519_PUB = [0xed, 0x01];

/** Base58 (Bitcoin alphabet) of `bytes`. */
export function base58Encode(bytes) {
  const digits = [];
  for (const byte of bytes) {
    let carry = byte;
    for (let i = 0; i < digits.length; i++) {
      carry += digits[i] << 8;
      digits[i] = carry % 58;
      carry = Math.floor(carry / 58);
    }
    while (carry > 0) {
      digits.push(carry % 58);
      carry = Math.floor(carry / 58);
    }
  }
  let zeros = 0;
  while (zeros < bytes.length && bytes[zeros] === 0) zeros++;
  return "1".repeat(zeros) + digits.reverse().map((d) => ALPHABET[d]).join("");
}

/** Bytes of a base58 string, or null if it has a character outside the alphabet. */
export function base58Decode(text) {
  const bytes = [];
  for (const ch of text) {
    let carry = ALPHABET.indexOf(ch);
    if (carry < 0) return null;
    for (let i = 0; i < bytes.length; i++) {
      carry += bytes[i] * 58;
      bytes[i] = carry & 0xff;
      carry >>= 8;
    }
    while (carry > 0) {
      bytes.push(carry & 0xff);
      carry >>= 8;
    }
  }
  let zeros = 0;
  while (zeros < text.length && text[zeros] === "1") zeros++;
  return Uint8Array.from([...new Array(zeros).fill(0), ...bytes.reverse()]);
}

/** The did:key of a 32-byte Ed25519 public key. */
export function didFromPublicKey(publicKey) {
  return `did:key:z${base58Encode(Uint8Array.from([...ED25519_PUB, ...publicKey]))}`;
}

/** The 32-byte public key inside an Ed25519 did:key, or null if it is not one. */
export function publicKeyFromDid(did) {
  const m = /^did:key:z([1-9A-HJ-NP-Za-km-z]+)$/.exec(did.trim());
  const bytes = m && base58Decode(m[1]);
  if (!bytes || bytes.length !== 34 || bytes[0] !== ED25519_PUB[0] || bytes[1] !== ED25519_PUB[1]) return null;
  return bytes.slice(2);
}

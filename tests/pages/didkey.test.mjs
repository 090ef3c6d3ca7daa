// www/app/didkey.js (the app's did:key encoding) against the W3C vc-di-eddsa key pair vector,
// with the public key derived from the seed by Node's own Ed25519, not by medproof.

import { test } from "node:test";
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "./browser.mjs";
import { publicKeyOfSeed } from "./fixtures.mjs";
import { base58Decode, base58Encode, didFromPublicKey, publicKeyFromDid } from "../../www/app/didkey.js";

test("did:key of the vc-di-eddsa test key pair", () => {
  const vector = JSON.parse(readFileSync(join(ROOT, "tests/vectors/vc-di-eddsa/keyPair.json"), "utf8"));
  const secret = base58Decode(vector.privateKeyMultibase.slice(1));
  assert.deepEqual([...secret.subarray(0, 2)], [0x80, 0x26], "ed25519-priv multicodec");
  const publicKey = publicKeyOfSeed(Buffer.from(secret.subarray(2)));
  assert.equal(didFromPublicKey(publicKey), `did:key:${vector.publicKeyMultibase}`);
  assert.deepEqual([...publicKeyFromDid(`did:key:${vector.publicKeyMultibase}`)], [...publicKey]);
  console.log(`did:key:${vector.publicKeyMultibase} derived from the vector's seed`);
});

test("base58 round trips, leading zeros kept; bad did:keys refused", () => {
  let n = 0;
  for (const len of [0, 1, 2, 31, 32, 34, 50]) {
    for (const zeros of [0, 1, 3]) {
      const bytes = new Uint8Array([...new Array(zeros).fill(0), ...randomBytes(len)]);
      assert.deepEqual([...base58Decode(base58Encode(bytes))], [...bytes]);
      n++;
    }
  }
  assert.equal(base58Encode(new Uint8Array([0, 0, 1])), "112");
  assert.equal(base58Decode("0OIl"), null, "characters outside the alphabet");
  const good = didFromPublicKey(randomBytes(32));
  for (const bad of ["", "did:key:", "did:web:example.org", good.replace("z6Mk", "z6Mz"), `${good}x`.slice(0, -3), good.slice(0, 20), `did:key:z${base58Encode(new Uint8Array(34))}`]) {
    assert.equal(publicKeyFromDid(bad), null, `accepted ${bad}`);
    n++;
  }
  console.log(`${n} cases`);
});

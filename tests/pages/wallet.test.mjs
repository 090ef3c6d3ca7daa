// The consent wallet for real: create a key under a passphrase, reload, refuse the wrong
// passphrase with a typed error, unlock with the right one, and keep the same did:key; no request
// at all while keys are created, unlocked and used. The downloaded backup is decrypted here in
// Node (PBKDF2 + AES-GCM by Node's WebCrypto) and its seed gives, by Node's Ed25519, the very
// public key the page shows: the format at rest is what www/app/keystore.js says.

import { test } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { readFileSync } from "node:fs";
import { webcrypto } from "node:crypto";
import { openPage, pageSuite, screenshot } from "./browser.mjs";
import { openView, publicKeyOfSeed, realProblems, recordRequests } from "./fixtures.mjs";
import { publicKeyFromDid } from "../../www/app/didkey.js";

const PASSPHRASE = "correct horse battery staple";
const GRANTEE = "did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2";

const env = pageSuite();

async function decryptBackup(record, passphrase) {
  const { subtle } = webcrypto;
  const enc = new TextEncoder();
  const base = await subtle.importKey("raw", enc.encode(passphrase), "PBKDF2", false, ["deriveKey"]);
  const key = await subtle.deriveKey(
    { name: "PBKDF2", hash: "SHA-256", salt: Buffer.from(record.kdf.salt, "base64"), iterations: record.kdf.iterations },
    base,
    { name: "AES-GCM", length: 256 },
    false,
    ["decrypt"],
  );
  const seed = await subtle.decrypt(
    { name: "AES-GCM", iv: Buffer.from(record.cipher.iv, "base64"), additionalData: enc.encode(record.did) },
    key,
    Buffer.from(record.cipher.ciphertext, "base64"),
  );
  return Buffer.from(seed);
}

/** A stand-in CometBFT RPC on 127.0.0.1 that records broadcast_tx_sync calls. */
async function fakeRpc() {
  const calls = [];
  const srv = createServer((req, res) => {
    const cors = { "Access-Control-Allow-Origin": "*", "Access-Control-Allow-Headers": "Content-Type", "Access-Control-Allow-Methods": "POST" };
    if (req.method === "OPTIONS") return res.writeHead(204, cors).end();
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      const call = JSON.parse(body);
      calls.push(call);
      res.writeHead(200, { ...cors, "Content-Type": "application/json" });
      res.end(JSON.stringify({ jsonrpc: "2.0", id: call.id, result: { code: 0, data: "", log: "", codespace: "", hash: "AB".repeat(32) } }));
    });
  });
  await new Promise((ok) => srv.listen(0, "127.0.0.1", ok));
  return { url: `http://127.0.0.1:${srv.address().port}`, calls, close: () => new Promise((ok) => srv.close(ok)) };
}

test("consent wallet: create, reload, wrong passphrase refused, right one unlocks the same key; no requests", async () => {
  const { page, context, problems } = await openPage(env.browser, { serviceWorkers: "block", acceptDownloads: true });
  const net = recordRequests(context);
  try {
    const wasmLoaded = page.waitForResponse((r) => r.url().endsWith("/pkg/medproof_bg.wasm"));
    await openView(page, env.server.url, "wallet");
    await wasmLoaded;
    const state = page.locator(".wallet-state");
    assert.equal(await state.getAttribute("data-state"), "none");
    await page.waitForTimeout(300);

    // Create: the two passphrases must agree.
    let mark = net.requests.length;
    await page.getByLabel("Passphrase", { exact: true }).fill(PASSPHRASE);
    await page.getByLabel("Passphrase again").fill(`${PASSPHRASE}!`);
    await page.getByRole("button", { name: "Create key" }).click();
    await page.locator("#wallet-error[data-code='wallet.mismatch']").waitFor();
    await page.getByLabel("Passphrase again").fill(PASSPHRASE);
    const t0 = Date.now();
    await page.getByRole("button", { name: "Create key" }).click();
    await page.locator(".wallet-state[data-state='unlocked']").waitFor({ timeout: 30_000 });
    const createMs = Date.now() - t0;
    const did = await page.locator("#wallet-did").textContent();
    assert.match(did, /^did:key:z6Mk[1-9A-HJ-NP-Za-km-z]{44}$/);

    // Sign where this build can; otherwise the forms say so and cannot be submitted.
    const canGrant = await page.evaluate(async () => typeof (await import("./pkg/medproof.js")).signConsentGrant === "function");
    const grant = page.locator("#consent-grant");
    if (canGrant) {
      await grant.getByLabel("Who (their did:key)").fill(GRANTEE);
      await grant.getByLabel("Which records").fill("record:demo");
      await grant.getByRole("button", { name: "Sign grant" }).click();
      await page.locator("#wallet-tx").waitFor();
      const tx = await page.locator("#wallet-tx").inputValue();
      assert.ok(Buffer.from(tx, "base64").length > 64, "a signed transaction");
      assert.match(await page.locator("#wallet-tx-json").textContent(), new RegExp(GRANTEE));
      console.log(`signed a consent grant: ${Buffer.from(tx, "base64").length}-byte transaction`);
    } else {
      assert.equal(await grant.getByRole("button", { name: "Sign grant" }).isDisabled(), true);
      assert.match(await grant.textContent(), /Grant consent is not available in this build of the verifier/);
      console.log("signConsentGrant is not in this build: signing forms disabled, as they should be");
    }
    assert.deepEqual(net.since(mark).map((r) => r.url), [], "requests while creating the key and signing");

    // The backup: decrypt it here and derive its public key independently.
    const download = page.waitForEvent("download");
    await page.locator("#wallet-backup").click();
    const backup = JSON.parse(readFileSync(await (await download).path(), "utf8"));
    assert.equal(backup.did, did);
    assert.ok(backup.kdf.iterations >= 600_000, `${backup.kdf.iterations} PBKDF2 iterations`);
    assert.equal(backup.kdf.hash, "SHA-256");
    assert.equal(backup.cipher.name, "AES-GCM");
    assert.equal(backup.cipher.length, 256);
    assert.equal(Buffer.from(backup.cipher.ciphertext, "base64").length, 32 + 16, "32-byte seed and a 16-byte tag");
    const seed = await decryptBackup(backup, PASSPHRASE);
    assert.deepEqual([...publicKeyOfSeed(seed)], [...publicKeyFromDid(did)], "the backup's seed is the shown key's");
    await assert.rejects(decryptBackup(backup, "wrong passphrase"), "a wrong passphrase does not decrypt the backup");
    assert.ok(!JSON.stringify(backup).includes(seed.toString("base64")) && !JSON.stringify(backup).includes(seed.toString("hex")), "no seed in the clear");

    // Reload: the key is stored, locked.
    await page.reload();
    await page.locator("main[data-view='wallet'][data-ready]").waitFor();
    await page.locator(".wallet-state[data-state='locked']").waitFor();
    assert.equal(await page.locator("#wallet-did").textContent(), did, "same did:key after reload");
    await page.waitForResponse((r) => r.url().endsWith("/pkg/medproof_bg.wasm")).catch(() => {});
    await page.waitForTimeout(300);

    mark = net.requests.length;
    await page.getByLabel("Passphrase", { exact: true }).fill("not the passphrase");
    await page.getByRole("button", { name: "Unlock" }).click();
    const error = page.locator("#wallet-error[data-code='wallet.wrong_passphrase']");
    await error.waitFor({ timeout: 30_000 });
    assert.match(await error.textContent(), /Wrong passphrase/);
    assert.equal(await error.locator("[role=alert]").count(), 1, "the error is announced");
    assert.equal(await state.getAttribute("data-state"), "locked");
    await screenshot(page, "screenshots/wallet-wrong-passphrase");

    const t1 = Date.now();
    await page.getByLabel("Passphrase", { exact: true }).fill(PASSPHRASE);
    await page.getByRole("button", { name: "Unlock" }).click();
    await page.locator(".wallet-state[data-state='unlocked']").waitFor({ timeout: 30_000 });
    const unlockMs = Date.now() - t1;
    assert.equal(await page.locator("#wallet-did").textContent(), did, "the same did:key unlocks");
    assert.deepEqual(net.since(mark).map((r) => r.url), [], "requests while unlocking");
    assert.deepEqual(net.sockets, []);
    assert.deepEqual(realProblems(problems), []);
    console.log(`created ${did} in ${createMs} ms, unlocked in ${unlockMs} ms (PBKDF2 ${backup.kdf.iterations}); wrong passphrase refused; 0 requests`);
  } finally {
    await context.close();
  }
});

test("consent wallet: a signed grant is sent with broadcast_tx_sync to the configured endpoint", async (t) => {
  const { page, context } = await openPage(env.browser, { serviceWorkers: "block" });
  const rpc = await fakeRpc();
  try {
    await openView(page, env.server.url, "wallet");
    const canGrant = await page.evaluate(async () => typeof (await import("./pkg/medproof.js")).signConsentGrant === "function");
    if (!canGrant) {
      t.skip("signConsentGrant is not in this build yet");
      return;
    }
    await page.evaluate((url) => localStorage.setItem("medproof.settings.v1", JSON.stringify({ rpcUrl: url })), rpc.url);
    await page.reload();
    await page.locator("main[data-view='wallet'][data-ready]").waitFor();
    await page.getByLabel("Passphrase", { exact: true }).fill(PASSPHRASE);
    await page.getByLabel("Passphrase again").fill(PASSPHRASE);
    await page.getByRole("button", { name: "Create key" }).click();
    await page.locator(".wallet-state[data-state='unlocked']").waitFor({ timeout: 30_000 });
    const grant = page.locator("#consent-grant");
    await grant.getByLabel("Who (their did:key)").fill(GRANTEE);
    await grant.getByLabel("Which records").fill("record:demo");
    await grant.getByRole("button", { name: "Sign grant" }).click();
    const tx = await page.locator("#wallet-tx").inputValue();
    await page.getByRole("button", { name: "Send to the ledger" }).click();
    await page.locator("#wallet-broadcast .note").waitFor();
    assert.match(await page.locator("#wallet-broadcast").textContent(), /Accepted into the mempool/);
    assert.equal(rpc.calls.length, 1);
    assert.equal(rpc.calls[0].method, "broadcast_tx_sync");
    assert.equal(rpc.calls[0].params.tx, tx);
    console.log(`broadcast_tx_sync carried the ${tx.length}-character transaction`);
  } finally {
    await context.close();
    await rpc.close();
  }
});

// Reading codes, for real: Chromium's fake camera plays a Y4M video of a GS1 Digital Link's QR
// code (made here with the `qrcode` package) and the Medicine view reads the link from the camera;
// a PNG photo of another code is read through the upload; a pasted link is taken as is. Chromium
// on Linux has no BarcodeDetector, so this exercises the wasm decoder (www/qr/), which must be
// fetched only when a code is first decoded.

import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { ROOT, openPage, pageSuite, screenshot } from "./browser.mjs";
import { PACK_LINK, openView, realProblems, writeQrPng, writeQrY4m } from "./fixtures.mjs";

const PHOTO_LINK = "https://id.gs1.org/01/09520123456788/10/ABC1/21/12345?17=180426";
const CREDENTIAL = JSON.stringify({
  "@context": ["https://www.w3.org/ns/credentials/v2"],
  type: ["VerifiableCredential", "NursingLicence"],
  issuer: "did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2",
});

let video;
let photo;
let credentialPhoto;

const env = pageSuite({
  async setup({ dir }) {
    video = join(dir, "pack.y4m");
    const { size, side } = writeQrY4m(video, PACK_LINK);
    console.log(`camera video: 640x480 Y4M, QR of ${size} modules drawn ${side} px wide`);
    photo = join(dir, "pack.png");
    await writeQrPng(photo, PHOTO_LINK);
    credentialPhoto = join(dir, "credential.png");
    await writeQrPng(credentialPhoto, CREDENTIAL);
  },
  // Chromium's fake camera plays the video; its fake permission prompt says yes.
  launchArgs: () => ["--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream", `--use-file-for-fake-video-capture=${video}`],
});

const qrWasm = (responses) => [...responses.keys()].filter((u) => u.endsWith("/qr/medproof_qr_bg.wasm"));

test("camera: the Medicine view reads a GS1 Digital Link from the (fake) camera with the wasm decoder", async () => {
  const { page, context, problems, responses } = await openPage(env.browser, { permissions: ["camera"], serviceWorkers: "block" });
  try {
    await openView(page, env.server.url, "medicine");
    assert.equal(await page.evaluate(() => "BarcodeDetector" in window), false, "this test is about the wasm decoder");
    assert.deepEqual(qrWasm(responses), [], "the QR module is not fetched before it is needed");

    await page.getByRole("button", { name: "Scan with camera" }).click();
    await page.locator(".camera video").waitFor();
    const scanned = page.locator("[data-testid='scanned-text']");
    await scanned.waitFor({ timeout: 20_000 });
    assert.equal(await scanned.textContent(), PACK_LINK);
    assert.equal(await page.locator(".scan-status").getAttribute("data-decoder"), "wasm");
    assert.equal(qrWasm(responses).length, 1, "the QR module was fetched once, when needed");
    // Reading the code stopped the camera.
    assert.equal(await page.locator(".camera").isHidden(), true);
    assert.equal(await page.locator(".camera video").evaluate((v) => v.srcObject), null);
    // What the code says is shown before (and whatever) the verifier says.
    const terms = await page.locator(".scanned dl").textContent();
    for (const part of ["09506000134352", "LOT42", "SER0001", "271231"]) assert.ok(terms.includes(part), `${part} in ${terms}`);
    await page.locator(".result[data-outcome]").waitFor();
    await screenshot(page, "screenshots/medicine-scanned");
    assert.deepEqual(realProblems(problems), []);
    console.log(`camera -> ${PACK_LINK} (wasm decoder); outcome ${await page.locator(".result").getAttribute("data-outcome")}`);
  } finally {
    await context.close();
  }
});

test("upload and paste: a photo of a code, a photo without one, and a pasted link", async () => {
  const { page, context, problems } = await openPage(env.browser, { serviceWorkers: "block" });
  try {
    await openView(page, env.server.url, "medicine");
    const upload = page.getByLabel("Or upload a photo of the code");
    const scanned = page.locator("[data-testid='scanned-text']");

    await upload.setInputFiles(photo);
    await scanned.waitFor({ timeout: 20_000 });
    assert.equal(await scanned.textContent(), PHOTO_LINK);
    assert.equal(await page.locator(".scan-status").getAttribute("data-decoder"), "wasm");

    await upload.setInputFiles(join(ROOT, "www/icons/icon-512.png"));
    await page.locator(".scan-status .note-warn").waitFor();
    assert.match(await page.locator(".scan-status").textContent(), /No QR code could be read/);

    await page.getByLabel("Or paste the pack's link").fill(PACK_LINK);
    await page.getByRole("button", { name: "Check" }).click();
    await page.waitForFunction((link) => document.querySelector("[data-testid='scanned-text']")?.textContent === link, PACK_LINK);

    // The Credential view takes a photo of a credential's QR code the same way.
    await openView(page, env.server.url, "credential");
    await page.getByLabel("Or upload a photo of its QR code, or its JSON file").setInputFiles(credentialPhoto);
    await page.locator(".scanned-text").waitFor({ timeout: 20_000 });
    assert.match(await page.locator(".scanned-text").textContent(), /A credential in JSON \(NursingLicence\), saying it was issued by did:key:z6Mkr/);
    assert.deepEqual(realProblems(problems), []);
    console.log("photo of a pack, photo without a code, pasted link, photo of a credential: 4 cases");
  } finally {
    await context.close();
  }
});

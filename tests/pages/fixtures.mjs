// Fixtures for the app's page tests: QR codes as PNG images and as a Y4M video for Chromium's
// fake camera, a recorder of every request a browser context makes, and waiting for a view.

import QRCode from "qrcode";
import { createHash, createPrivateKey, createPublicKey } from "node:crypto";
import { closeSync, openSync, writeSync } from "node:fs";

/** A GS1 Digital Link of a medicine pack (GTIN with a valid check digit, lot, serial, expiry). */
export const PACK_LINK = "https://id.gs1.org/01/09506000134352/10/LOT42/21/SER0001?17=271231";

/** The QR matrix of `text`: `{size, dark(x, y)}`. */
export function qrMatrix(text) {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: "M" });
  return { size: modules.size, dark: (x, y) => Boolean(modules.get(y, x)) };
}

/** Write a PNG of `text`'s QR code (8 px per module, 4-module quiet zone) to `path`. */
export function writeQrPng(path, text) {
  return QRCode.toFile(path, text, { errorCorrectionLevel: "M", scale: 8, margin: 4, type: "png" });
}

/**
 * Write a Y4M (YUV 4:2:0, "C420jpeg") video of `frames` frames, `width` × `height`, showing
 * `text`'s QR code in the middle on a mid-grey background (so the code is not the whole frame).
 */
export function writeQrY4m(path, text, { width = 640, height = 480, frames = 3, moduleSize = 7 } = {}) {
  const { size, dark } = qrMatrix(text);
  const quiet = 4;
  const side = (size + 2 * quiet) * moduleSize;
  if (side > Math.min(width, height)) throw new Error(`QR of ${size} modules does not fit in ${width}x${height}`);
  const luma = Buffer.alloc(width * height, 150);
  const x0 = Math.floor((width - side) / 2);
  const y0 = Math.floor((height - side) / 2);
  for (let y = 0; y < side; y++) {
    for (let x = 0; x < side; x++) {
      const mx = Math.floor(x / moduleSize) - quiet;
      const my = Math.floor(y / moduleSize) - quiet;
      const isDark = mx >= 0 && my >= 0 && mx < size && my < size && dark(mx, my);
      luma[(y0 + y) * width + (x0 + x)] = isDark ? 16 : 235;
    }
  }
  const chroma = Buffer.alloc((width / 2) * (height / 2), 128);
  const fd = openSync(path, "w");
  try {
    writeSync(fd, `YUV4MPEG2 W${width} H${height} F10:1 Ip A1:1 C420jpeg\n`);
    for (let f = 0; f < frames; f++) {
      writeSync(fd, "FRAME\n");
      writeSync(fd, luma);
      writeSync(fd, chroma);
      writeSync(fd, chroma);
    }
  } finally {
    closeSync(fd);
  }
  return { size, side };
}

/**
 * Record every request `context` makes (pages, workers, service workers) and every WebSocket:
 * `{requests: [{url, method, resourceType, bodyBytes, at}], sockets: [url], since(mark)}`.
 */
export function recordRequests(context) {
  const requests = [];
  const sockets = [];
  const onPage = (page) => page.on("websocket", (ws) => sockets.push(ws.url()));
  context.pages().forEach(onPage);
  context.on("page", onPage);
  context.on("request", (r) => {
    requests.push({
      url: r.url(),
      method: r.method(),
      resourceType: r.resourceType(),
      bodyBytes: r.postDataBuffer()?.length ?? 0,
      at: Date.now(),
    });
  });
  return { requests, sockets, since: (mark) => requests.slice(mark) };
}

/**
 * Record every value the view's progress bar takes, with the hashing stage its box is in
 * (`data-stage`: "whole", "chunks" or "sha256"). Returns an async function giving
 * `[[value, max, stage], ...]` so far.
 */
export async function watchProgress(page) {
  await page.evaluate(() => {
    window.__progressValues = [];
    const bar = document.querySelector("main progress");
    new MutationObserver(() => window.__progressValues.push([bar.value, bar.max, bar.parentElement.dataset.stage])).observe(bar, {
      attributes: true,
      attributeFilter: ["value", "max"],
    });
  });
  return () => page.evaluate(() => window.__progressValues);
}

/** Go to `#/<view>` of the app at `base` and wait until the view has mounted. */
export async function openView(page, base, view, query = "") {
  await page.goto(`${base}#/${view}${query ? `?${query}` : ""}`);
  await page.locator(`main[data-view="${view || "home"}"][data-ready]`).waitFor();
}

/**
 * Problems other than: the demo's files being absent (the demo chain writes www/demo/; a 404
 * elsewhere still shows as its own "HTTP 404: <url>" entry), a service worker blocked on purpose
 * by the test, and a download cancelled because the test moved on to another page.
 */
export function realProblems(problems) {
  return problems.filter(
    (p) =>
      !/\/demo\/[^ ]*$/.test(p) &&
      !/Failed to load resource: .*404/.test(p) &&
      !/Service Worker registration blocked by Playwright/.test(p) &&
      !/^request failed: .* net::ERR_ABORTED$/.test(p),
  );
}

/** The Ed25519 public key of a 32-byte seed, by Node (OpenSSL), independently of medproof. */
export function publicKeyOfSeed(seed) {
  const pkcs8 = Buffer.concat([Buffer.from("302e020100300506032b657004220420", "hex"), seed]);
  const spki = createPublicKey(createPrivateKey({ key: pkcs8, format: "der", type: "pkcs8" })).export({ format: "der", type: "spki" });
  return new Uint8Array(spki.subarray(spki.length - 32));
}

const sha256 = (...parts) => {
  const h = createHash("sha256");
  for (const p of parts) h.update(p);
  return h.digest();
};

/**
 * A record's chunk root by Node, independently of medproof (docs/ledger-format.md): RFC 9162's
 * Merkle tree whose leaf i is the SHA-256 of 1 MiB chunk i. `chunkDigests` are those SHA-256s, in
 * order. Leaf hash SHA-256(0x00 ‖ leaf), node SHA-256(0x01 ‖ left ‖ right), the split at the
 * largest power of two below n; no leaves: SHA-256 of nothing.
 */
export function chunkRootOfDigests(chunkDigests) {
  const tree = (hashes) => {
    if (hashes.length === 0) return sha256();
    if (hashes.length === 1) return hashes[0];
    let k = 1;
    while (k * 2 < hashes.length) k *= 2;
    return sha256(Buffer.from([1]), tree(hashes.slice(0, k)), tree(hashes.slice(k)));
  };
  return tree(chunkDigests.map((d) => sha256(Buffer.from([0]), d))).toString("hex");
}

/** `chunkRootOfDigests` of `bytes` cut into 1 MiB chunks. */
export function chunkRootOf(bytes) {
  const MIB = 1024 * 1024;
  const digests = [];
  for (let at = 0; at < bytes.length; at += MIB) digests.push(sha256(bytes.subarray(at, at + MIB)));
  return chunkRootOfDigests(digests);
}

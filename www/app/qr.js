// Decoding QR codes from camera frames and photos. The browser's BarcodeDetector is used where it
// exists and reads QR codes; elsewhere (Chromium on Linux, Firefox) the small medproof QR module
// (www/qr/) is fetched, only then, and decodes canvas pixels.

import { once } from "./lazy.js";

/** The BarcodeDetector for QR codes, or null where there is none. */
const barcodeDetector = once(async () => {
  if (!("BarcodeDetector" in globalThis)) return null;
  try {
    const formats = await globalThis.BarcodeDetector.getSupportedFormats();
    return formats.includes("qr_code") ? new globalThis.BarcodeDetector({ formats: ["qr_code"] }) : null;
  } catch {
    return null;
  }
});

/** The QR module, loaded on first use. */
const wasmDecoder = once(async () => {
  const mod = await import("../qr/medproof_qr.js");
  await mod.default();
  return mod;
});

let canvas;

/** RGBA pixels of `source` scaled so that its longer side is at most `maxSide`. */
function pixels(source, width, height, maxSide) {
  const scale = Math.min(1, maxSide / Math.max(width, height));
  const w = Math.max(1, Math.round(width * scale));
  const hgt = Math.max(1, Math.round(height * scale));
  canvas ??= document.createElement("canvas");
  canvas.width = w;
  canvas.height = hgt;
  const ctx = canvas.getContext("2d", { willReadFrequently: true });
  ctx.drawImage(source, 0, 0, w, hgt);
  return ctx.getImageData(0, 0, w, hgt);
}

/**
 * Decode the QR codes in `source` (a video, image, canvas or ImageBitmap of `width` × `height`).
 * Returns `{texts, decoder}`. `sides` are the sizes tried in turn with the wasm decoder: small
 * first (fast), larger when a code is too fine to survive the scaling.
 */
export async function decodeQr(source, width, height, sides = [800]) {
  const native = await barcodeDetector();
  if (native) {
    const codes = await native.detect(source);
    return { texts: codes.map((c) => c.rawValue).filter(Boolean), decoder: "barcode-detector" };
  }
  const mod = await wasmDecoder();
  for (const side of sides) {
    const img = pixels(source, width, height, side);
    const texts = mod.decodeQrRgba(new Uint8Array(img.data.buffer, img.data.byteOffset, img.data.byteLength), img.width, img.height);
    if (texts.length > 0) return { texts, decoder: "wasm" };
    if (side >= Math.max(width, height)) break;
  }
  return { texts: [], decoder: "wasm" };
}

/** Decode the QR codes in a photo file. */
export async function decodeQrFile(file) {
  let bitmap;
  try {
    bitmap = await createImageBitmap(file);
  } catch {
    throw Object.assign(new Error("This file is not an image this browser can read."), { code: "app.bad_image" });
  }
  try {
    return await decodeQr(bitmap, bitmap.width, bitmap.height, [1000, 2000, 4000]);
  } finally {
    bitmap.close();
  }
}

// Fingerprints a file off the main thread: SHA-256 by medproof's wasm module, reading the File in
// 4 MiB slices so that a large record never sits in memory whole, and posting progress after each
// slice. The bytes go from the disk to the hasher and nowhere else: this worker makes no request
// but the module's own files.
//
// Messages in:  {type: "warm"} | {type: "hash", id, file}
// Messages out: {type: "ready"} | {type: "progress", id, bytes, total}
//               | {type: "done", id, sha256Hex, size, ms} | {type: "error", id, message, code}

import init, { Sha256Hasher, toHex } from "../pkg/medproof.js";

const SLICE = 4 * 1024 * 1024;

let ready;

function load() {
  ready ??= init();
  return ready;
}

async function hash(id, file) {
  await load();
  const started = performance.now();
  const hasher = new Sha256Hasher();
  try {
    for (let at = 0; at < file.size; at += SLICE) {
      const chunk = new Uint8Array(await file.slice(at, at + SLICE).arrayBuffer());
      hasher.update(chunk);
      postMessage({ type: "progress", id, bytes: hasher.bytesHashed, total: file.size });
    }
    const digest = hasher.finalize();
    postMessage({ type: "done", id, sha256Hex: toHex(digest), size: file.size, ms: performance.now() - started });
  } finally {
    hasher.free();
  }
}

onmessage = async ({ data }) => {
  try {
    if (data.type === "warm") {
      await load();
      postMessage({ type: "ready" });
    } else if (data.type === "hash") {
      await hash(data.id, data.file);
    }
  } catch (e) {
    postMessage({ type: "error", id: data.id, message: e?.message ?? String(e), code: e?.code ?? "app.hash_failed" });
  }
};

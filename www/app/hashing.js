// The main thread's side of hash-worker.js: one worker per view, started early (so choosing a
// file triggers no download), replaced when a new file is chosen mid-way.

let nextId = 1;

/** `{hash(file, onProgress) -> Promise<{sha256Hex, size, ms}>, close()}`. */
export function fileHasher() {
  let worker = null;
  let pending = null;

  function start() {
    worker = new Worker(new URL("./hash-worker.js", import.meta.url), { type: "module" });
    worker.onmessage = ({ data }) => {
      if (!pending || data.id !== pending.id) return;
      if (data.type === "progress") pending.onProgress(data.bytes, data.total);
      else if (data.type === "done") settle().resolve(data);
      else if (data.type === "error") settle().reject(Object.assign(new Error(data.message), { code: data.code }));
    };
    worker.onerror = (e) => {
      e.preventDefault();
      settle()?.reject(Object.assign(new Error(`The hashing worker failed: ${e.message}`), { code: "app.hash_failed" }));
    };
    worker.postMessage({ type: "warm" });
  }

  function settle() {
    const p = pending;
    pending = null;
    return p;
  }

  start();
  return {
    hash(file, onProgress = () => {}) {
      if (pending) {
        // A new file while one is hashing: drop the old job and its worker.
        settle().reject(Object.assign(new Error("cancelled"), { code: "app.cancelled" }));
        worker.terminate();
        start();
      }
      return new Promise((resolve, reject) => {
        pending = { id: nextId++, resolve, reject, onProgress };
        worker.postMessage({ type: "hash", id: pending.id, file });
      });
    },
    close() {
      worker?.terminate();
      worker = null;
    },
  };
}

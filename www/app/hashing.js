// The main thread's side of hash-worker.js, in two forms:
//
// - fileHasher(): one worker that streams a whole file through SHA-256 (and, for small files, the
//   chunk root in the same pass).
// - hashPool(): `min(hardwareConcurrency, 4)` workers that hash a large file's 1 MiB chunks in
//   parallel; this thread hands out runs of `chunksPerJob` chunk indexes, takes the 32-byte
//   digests back one by one in any order and pushes them in order into the module's
//   ChunkRootBuilder. At most `perWorker` runs are outstanding per worker, and a worker streams a
//   run through one reused 1 MiB buffer, so the bytes in flight stay under workers × perWorker MiB
//   whatever the file's size. (A run rather than a single chunk per message: each File.slice
//   stream costs a round trip to the browser process, and 1 MiB ones left the workers waiting.)
//
// Workers start early (so choosing a file triggers no download) and are replaced when a new file
// is chosen mid-way. No byte of the file leaves the page.

import { loadVerifier } from "./api.js";

/** Bytes per chunk of a record's chunk root (docs/ledger-format.md). */
export const CHUNK = 1024 * 1024;
/** From this size on, the record view hashes chunks in parallel (smaller files: one worker). */
export const PARALLEL_FROM = 8 * CHUNK;

let nextId = 1;

function spawn(onmessage, onfail) {
  const worker = new Worker(new URL("./hash-worker.js", import.meta.url), { type: "module" });
  worker.ready = new Promise((resolve) => {
    worker.onmessage = ({ data }) => {
      if (data.type === "ready") resolve();
      onmessage(data);
    };
  });
  worker.onerror = (e) => {
    e.preventDefault();
    onfail(Object.assign(new Error(`The hashing worker failed: ${e.message}`), { code: "app.hash_failed" }));
  };
  worker.postMessage({ type: "warm" });
  return worker;
}

const cancelled = () => Object.assign(new Error("cancelled"), { code: "app.cancelled" });
const failed = (data) => Object.assign(new Error(data.message), { code: data.code });

/**
 * One worker, whole-file SHA-256: `{hash(file, onProgress, {chunkRoot}) -> Promise<{sha256Hex,
 * chunkRoot?, size, ms, wasmBytes}>, ready() -> Promise, close()}`.
 */
export function fileHasher() {
  let worker = null;
  let pending = null;

  function settle() {
    const p = pending;
    pending = null;
    return p;
  }

  function start() {
    worker = spawn(
      (data) => {
        if (!pending || data.id !== pending.id) return;
        if (data.type === "progress") pending.onProgress(data.bytes, data.total);
        else if (data.type === "done") settle().resolve(data);
        else if (data.type === "error") settle().reject(failed(data));
      },
      (e) => settle()?.reject(e),
    );
  }

  start();
  return {
    hash(file, onProgress = () => {}, { chunkRoot = false } = {}) {
      if (pending) {
        // A new file while one is hashing: drop the old job and its worker.
        settle().reject(cancelled());
        worker.terminate();
        start();
      }
      return new Promise((resolve, reject) => {
        pending = { id: nextId++, resolve, reject, onProgress };
        worker.postMessage({ type: "hash", id: pending.id, file, chunkRoot });
      });
    },
    /** Resolves once the worker has loaded the module. */
    ready: () => worker.ready,
    close() {
      worker?.terminate();
      worker = null;
    },
  };
}

/** How many workers a pool uses here: one per core, at most 4. */
export function poolSize() {
  return Math.max(1, Math.min(navigator.hardwareConcurrency || 1, 4));
}

/**
 * Workers that hash 1 MiB chunks in parallel: `{size, chunkRoot(file, onProgress) ->
 * Promise<{chunkRoot, size, ms, workers, chunks, peakInFlightBytes, wasmBytes}>, ready() ->
 * Promise, close()}`. `peakInFlightBytes` is the most read-buffer bytes the runs in flight held
 * at once; `wasmBytes` the workers' wasm memories at the end.
 */
export function hashPool({ size = poolSize(), perWorker = 2, chunksPerJob = 16 } = {}) {
  let members = [];
  let job = null;
  let closed = false;

  function start() {
    members = Array.from({ length: size }, () => {
      const m = { inFlight: 0, wasmBytes: 0 };
      m.worker = spawn(
        (data) => {
          if (data.wasmBytes) m.wasmBytes = data.wasmBytes;
          if (!job || data.id !== job.id) return;
          if (data.type === "chunk") {
            if (data.last) {
              m.inFlight--;
              job.inFlight--;
            }
            job.took(data.index, data.digest);
          } else if (data.type === "error") job.fail(failed(data));
        },
        (e) => job?.fail(e),
      );
      return m;
    });
  }

  function restart() {
    for (const m of members) m.worker.terminate();
    if (!closed) start();
  }

  start();
  return {
    size,
    async chunkRoot(file, onProgress = () => {}) {
      const mod = await loadVerifier();
      // A new file while one is hashing: drop the old job (fail restarts the workers).
      job?.fail(cancelled());
      return new Promise((resolve, reject) => {
        const started = performance.now();
        const total = Math.ceil(file.size / CHUNK);
        const builder = new mod.ChunkRootBuilder();
        // Digests that came back ahead of their turn (32 bytes each; bounded by `window`).
        const early = new Map();
        const window = size * perWorker * chunksPerJob * 4;
        let next = 0;
        let pushed = 0;
        let peak = 0;
        const me = {
          id: nextId++,
          inFlight: 0,
          took(index, digest) {
            early.set(index, digest);
            while (early.has(pushed)) {
              builder.push(early.get(pushed));
              early.delete(pushed);
              pushed++;
            }
            onProgress(Math.min(pushed * CHUNK, file.size), file.size);
            if (pushed === total) finish();
            else dispatch();
          },
          fail(e) {
            if (job !== me) return;
            job = null;
            builder.free();
            reject(e);
            // Its chunks may still be in flight: start over with idle workers.
            restart();
          },
        };
        function dispatch() {
          for (const m of members) {
            while (m.inFlight < perWorker && next < total && next - pushed < window) {
              const count = Math.min(chunksPerJob, total - next);
              m.worker.postMessage({ type: "chunks", id: me.id, file, first: next, count });
              next += count;
              m.inFlight++;
              me.inFlight++;
              peak = Math.max(peak, me.inFlight);
            }
          }
        }
        function finish() {
          job = null;
          let chunkRoot;
          try {
            chunkRoot = builder.finalizeHex();
          } finally {
            builder.free();
          }
          resolve({
            chunkRoot,
            size: file.size,
            ms: performance.now() - started,
            workers: size,
            chunks: total,
            // Each run in flight holds one 1 MiB read buffer in its worker.
            peakInFlightBytes: Math.min(peak * CHUNK, file.size),
            wasmBytes: members.reduce((n, m) => n + m.wasmBytes, 0),
          });
        }
        job = me;
        onProgress(0, file.size);
        if (total === 0) finish();
        else dispatch();
      });
    },
    /** Resolves once every worker has loaded the module. */
    ready: () => Promise.all(members.map((m) => m.worker.ready)),
    close() {
      closed = true;
      job?.fail(cancelled());
      for (const m of members) m.worker.terminate();
      members = [];
    },
  };
}

// Fingerprints a file off the main thread with medproof's wasm module. Two jobs:
//
// - "hash": the whole file's SHA-256, streamed, posting progress every few MiB; with
//   `chunkRoot: true` it also builds the chunk root (each 1 MiB chunk's SHA-256 into a
//   ChunkRootBuilder) in the same pass.
// - "chunks": the SHA-256 of each of `count` 1 MiB chunks from index `first` of `file`, posted one
//   by one, for the pool in hashing.js that hashes the chunks of a large file in parallel and
//   builds the root itself.
//
// Files are read with BYOB stream readers into buffers this worker reuses, so hashing a gigabyte
// allocates no gigabyte of short-lived ArrayBuffers for the garbage collector to catch up with:
// each job holds one PIECE-sized buffer, and the wasm hasher copies from it.
//
// The bytes go from the disk to the hasher and nowhere else: this worker makes no request but the
// module's own files.
//
// Messages in:  {type: "warm"} | {type: "hash", id, file, chunkRoot?}
//               | {type: "chunks", id, file, first, count}
// Messages out: {type: "ready", wasmBytes} | {type: "progress", id, bytes, total}
//               | {type: "done", id, sha256Hex, chunkRoot?, size, ms, wasmBytes}
//               | {type: "chunk", id, index, digest (32-byte Uint8Array), last, wasmBytes}
//               | {type: "error", id, message, code}

import init, { ChunkRootBuilder, Sha256Hasher, toHex } from "../pkg/medproof.js";

/** Bytes per chunk of the chunk root (the ledger format's CHUNK_SIZE). */
const CHUNK = 1024 * 1024;
/** The reused read buffer's size, and how often the whole-file job reports progress. */
const PIECE = 1024 * 1024;
const PROGRESS_EVERY = 4 * 1024 * 1024;

let ready;
let wasm;

function load() {
  ready ??= init().then((exports) => {
    wasm = exports;
  });
  return ready;
}

/** The module's linear memory now, in bytes: what this worker's wasm instance holds. */
const wasmBytes = () => wasm?.memory?.buffer?.byteLength ?? 0;

/** Read buffers not in use (a job borrows one and gives it back). */
const spare = [];

/** Feed `blob` to `take(bytes)` piece by piece through one borrowed buffer. */
async function stream(blob, take) {
  let buffer = spare.pop() ?? new ArrayBuffer(PIECE);
  const reader = blob.stream().getReader({ mode: "byob" });
  try {
    for (;;) {
      const { value, done } = await reader.read(new Uint8Array(buffer));
      // A BYOB read hands the (transferred) buffer back in `value`, also when done.
      buffer = value?.buffer ?? new ArrayBuffer(PIECE);
      if (done) break;
      take(value);
    }
  } finally {
    reader.releaseLock();
    spare.push(buffer);
  }
}

/** Splits a stream of pieces at 1 MiB boundaries and hands each chunk's SHA-256 to `digest`. */
function chunkDigests(digest) {
  let hasher = new Sha256Hasher();
  let filled = 0;
  const close = () => {
    digest(hasher.finalize());
    hasher.free();
    hasher = new Sha256Hasher();
    filled = 0;
  };
  return {
    take(piece) {
      for (let at = 0; at < piece.length; ) {
        const n = Math.min(piece.length - at, CHUNK - filled);
        hasher.update(piece.subarray(at, at + n));
        filled += n;
        at += n;
        if (filled === CHUNK) close();
      }
    },
    /** The last, shorter chunk (if the stream did not end on a chunk boundary). */
    end() {
      if (filled > 0) close();
    },
    free() {
      hasher.free();
    },
  };
}

/** A ChunkRootBuilder fed by chunkDigests. */
function chunker() {
  const builder = new ChunkRootBuilder();
  const split = chunkDigests((d) => builder.push(d));
  return {
    take: split.take,
    rootHex() {
      split.end();
      return builder.finalizeHex();
    },
    free() {
      split.free();
      builder.free();
    },
  };
}

async function hash(id, file, withChunkRoot) {
  await load();
  const started = performance.now();
  const hasher = new Sha256Hasher();
  const chunks = withChunkRoot ? chunker() : null;
  let reported = 0;
  try {
    await stream(file, (piece) => {
      hasher.update(piece);
      chunks?.take(piece);
      const bytes = hasher.bytesHashed;
      if (bytes - reported >= PROGRESS_EVERY) {
        reported = bytes;
        postMessage({ type: "progress", id, bytes, total: file.size });
      }
    });
    postMessage({ type: "progress", id, bytes: hasher.bytesHashed, total: file.size });
    const sha256Hex = toHex(hasher.finalize());
    const done = { type: "done", id, sha256Hex, size: file.size, ms: performance.now() - started, wasmBytes: wasmBytes() };
    if (chunks) done.chunkRoot = chunks.rootHex();
    postMessage(done);
  } finally {
    hasher.free();
    chunks?.free();
  }
}

async function chunks(id, file, first, count) {
  await load();
  let index = first;
  const split = chunkDigests((digest) => {
    const last = index === first + count - 1;
    postMessage({ type: "chunk", id, index: index++, digest, last, wasmBytes: wasmBytes() }, [digest.buffer]);
  });
  try {
    await stream(file.slice(first * CHUNK, (first + count) * CHUNK), split.take);
    split.end();
  } finally {
    split.free();
  }
}

onmessage = async ({ data }) => {
  try {
    if (data.type === "warm") {
      await load();
      postMessage({ type: "ready", wasmBytes: wasmBytes() });
    } else if (data.type === "hash") {
      await hash(data.id, data.file, data.chunkRoot === true);
    } else if (data.type === "chunks") {
      await chunks(data.id, data.file, data.first, data.count);
    }
  } catch (e) {
    postMessage({ type: "error", id: data.id, message: e?.message ?? String(e), code: e?.code ?? "app.hash_failed" });
  }
};

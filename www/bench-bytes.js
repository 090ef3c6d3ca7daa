// Deterministic filler (xorshift32) for the bench page and for scripts/bench.mjs, which writes the
// records group's file on disk from the same bytes the page expects. No browser or Node API.

/** `n` pseudo-random bytes from `seed`. */
export function pseudoRandomBytes(n, seed) {
  const words = new Uint32Array(Math.ceil(n / 4));
  let x = seed >>> 0 || 1;
  for (let i = 0; i < words.length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    words[i] = x >>> 0;
  }
  return new Uint8Array(words.buffer, 0, n);
}

/** The records group's file of `mib` MiB: one block of at most 64 MiB, repeated. */
export const recordBlock = (mib) => pseudoRandomBytes(Math.min(64, mib) * 1024 * 1024, 7);

// The browser module's size budget: pkg/web/medproof_bg.wasm must stay at or under 150 kB
// gzipped (gzip -9; 1 kB = 1000 bytes), the whole verifier included. Prints raw, gzip and brotli
// sizes and the headroom; exits 1 over budget, 2 if the module is missing.
// Usage: node scripts/size-budget.mjs [path/to/module.wasm]   (tests/pages/size-budget.test.mjs runs it too)

import { readFileSync, existsSync } from "node:fs";
import { brotliCompressSync, gzipSync, constants } from "node:zlib";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The budget, in gzipped bytes. */
export const BUDGET_GZIP_BYTES = 150_000;

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
export const DEFAULT_MODULE = join(ROOT, "pkg/web/medproof_bg.wasm");

/** Sizes of the module at `path`: `{raw, gzip, brotli, budget, headroom, ok}` in bytes. */
export function measure(path = DEFAULT_MODULE) {
  const bytes = readFileSync(path);
  const gzip = gzipSync(bytes, { level: 9 }).length;
  const brotli = brotliCompressSync(bytes, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11 },
  }).length;
  return {
    raw: bytes.length,
    gzip,
    brotli,
    budget: BUDGET_GZIP_BYTES,
    headroom: BUDGET_GZIP_BYTES - gzip,
    ok: gzip <= BUDGET_GZIP_BYTES,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const path = resolve(process.argv[2] ?? DEFAULT_MODULE);
  if (!existsSync(path)) {
    console.error(`size budget: ${path} is missing; run \`make pkg\` first`);
    process.exit(2);
  }
  const s = measure(path);
  const kb = (n) => `${(n / 1000).toFixed(1)} kB`;
  console.log(
    `size budget: ${kb(s.raw)} raw, ${kb(s.gzip)} gzip, ${kb(s.brotli)} brotli; ` +
      `budget ${kb(s.budget)} gzip, ${s.ok ? `${kb(s.headroom)} left` : `OVER by ${kb(-s.headroom)}`}`,
  );
  process.exit(s.ok ? 0 : 1);
}

// The browser module stays within its size budget (scripts/size-budget.mjs), and the check itself
// refuses a module over budget.

import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT } from "./browser.mjs";
import { BUDGET_GZIP_BYTES, measure } from "../../scripts/size-budget.mjs";

const SCRIPT = join(ROOT, "scripts/size-budget.mjs");

test("pkg/web/medproof_bg.wasm is within the gzipped size budget", () => {
  const s = measure();
  console.log(`raw ${s.raw} B, gzip ${s.gzip} B, brotli ${s.brotli} B, budget ${s.budget} B gzip`);
  assert.ok(s.gzip <= BUDGET_GZIP_BYTES, `${s.gzip} B gzipped > ${BUDGET_GZIP_BYTES} B`);
  // The command-line check agrees (exit 0).
  const out = execFileSync("node", [SCRIPT], { encoding: "utf8" });
  assert.match(out, /kB left/);
});

test("the budget check fails for a module over budget", () => {
  // Random bytes do not compress: 200 kB of them is over a 150 kB gzip budget.
  const dir = mkdtempSync(join(tmpdir(), "medproof-size-"));
  try {
    const big = join(dir, "big.wasm");
    writeFileSync(big, randomBytes(200_000));
    assert.equal(measure(big).ok, false);
    let status = 0;
    try {
      execFileSync("node", [SCRIPT, big], { encoding: "utf8" });
    } catch (e) {
      status = e.status;
      assert.match(e.stdout, /OVER by/);
    }
    assert.equal(status, 1);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

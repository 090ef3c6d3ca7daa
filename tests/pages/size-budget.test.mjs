// The browser module stays under its enforced size ceiling (scripts/size-budget.mjs) and reports
// its distance to the 150 kB goal; the check itself refuses a module over the ceiling.

import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT } from "./browser.mjs";
import { BUDGET_GZIP_BYTES, CEILING_GZIP_BYTES, measure } from "../../scripts/size-budget.mjs";

const SCRIPT = join(ROOT, "scripts/size-budget.mjs");

test("pkg/web/medproof_bg.wasm is under the enforced ceiling; the distance to the goal is reported", () => {
  const s = measure();
  console.log(`raw ${s.raw} B, gzip ${s.gzip} B, brotli ${s.brotli} B; goal ${s.budget} B gzip (${s.goalMet ? "met" : "NOT met"}), ceiling ${s.ceiling} B`);
  assert.ok(s.gzip <= CEILING_GZIP_BYTES, `${s.gzip} B gzipped > ceiling ${CEILING_GZIP_BYTES} B`);
  assert.equal(s.goalMet, s.gzip <= BUDGET_GZIP_BYTES);
  // The command-line check agrees (exit 0) and says where the goal stands.
  const out = execFileSync("node", [SCRIPT], { encoding: "utf8" });
  assert.match(out, s.goalMet ? /met, .* kB left/ : /GOAL NOT MET/);
});

test("the check fails for a module over the ceiling", () => {
  // Random bytes do not compress: 400 kB of them is over the ceiling.
  const dir = mkdtempSync(join(tmpdir(), "medproof-size-"));
  try {
    const big = join(dir, "big.wasm");
    writeFileSync(big, randomBytes(400_000));
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

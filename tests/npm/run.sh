#!/usr/bin/env bash
# The npm package as a user gets it: `npm pack` pkg/ (built by scripts/build-pkg.sh), install the
# tarball into a scratch ES-module project (no registry needed: the package has no
# dependencies), run tests/npm/scenarios.test.mjs there against `import * as mp from "medproof"`,
# then type-check tests/npm/check.ts (every export, called with typed arguments) with
# `tsc --strict` against the installed package's own .d.ts files.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
[ -f pkg/package.json ] || { echo "pkg/ is missing: run scripts/build-pkg.sh (make pkg)" >&2; exit 1; }
TSC="$ROOT/node_modules/.bin/tsc"
[ -x "$TSC" ] || { echo "typescript is missing: npm install (root devDependencies)" >&2; exit 1; }

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
echo "== npm package: pack, install into a scratch project, test, type-check"
mkdir -p "$WORK/tarball" "$WORK/app"
tarball=$(cd pkg && npm pack --silent --pack-destination "$WORK/tarball")
tarball="$WORK/tarball/$tarball"
echo "packed $(basename "$tarball"): $(stat -c %s "$tarball") bytes"

cd "$WORK/app"
npm init -y >/dev/null
npm pkg set type=module >/dev/null && npm pkg set private=true --json >/dev/null
npm install --offline --no-audit --no-fund --silent "$tarball"
cp "$ROOT/tests/npm/scenarios.test.mjs" "$ROOT/tests/npm/check.ts" .

echo "-- node --test (medproof resolved by name: the package's node export)"
MEDPROOF_WWW="$ROOT/www" node --test scenarios.test.mjs

echo "-- the README's examples (run from the repository root, for their www/demo paths)"
node -e '
  const s = require("fs").readFileSync(process.argv[1], "utf8");
  const blocks = [...s.matchAll(/```js\n([\s\S]*?)```/g)].map((m) => m[1]);
  // The first block sets up; each example runs in its own scope (they reuse names).
  process.stdout.write(blocks[0] + blocks.slice(1).map((b) => `{\n${b}}\n`).join(""));
' "$ROOT/npm/README.md" > readme-examples.mjs
[ "$(grep -c '^{$' readme-examples.mjs)" -ge 7 ] || { echo "README examples missing"; exit 1; }
(cd "$ROOT" && node "$WORK/app/readme-examples.mjs")

echo "-- every export of medproof and medproof/authoring is called in check.ts"
node --input-type=module -e '
  import { readFileSync } from "node:fs";
  const check = readFileSync("check.ts", "utf8");
  let missing = [], count = 0;
  for (const spec of ["medproof", "medproof/authoring"]) {
    const mod = await import(spec);
    for (const name of Object.keys(mod)) {
      if (name === "default" || name === "__esModule") continue;
      count++;
      if (!new RegExp(`\\b${name}\\b`).test(check)) missing.push(`${spec}: ${name}`);
    }
  }
  if (missing.length) { console.error("not called in check.ts:", missing); process.exit(1); }
  console.log(`${count} exports named in check.ts`);
'

echo "-- the .d.ts files: no any in the verifiers' and signers' signatures"
sigs=$(grep -hE '^export function (verify(Medicine|Credential|Record|Consent|Chargeback)|signConsent(Grant|Revocation)|consent(Grant|Revoke)Tx|signLedgerTx|readStatusListBit)\b' \
  node_modules/medproof/*/medproof*.d.*ts)
# 10 functions in both modules of three flavours, and signLedgerTx in the authoring module's.
[ "$(wc -l <<<"$sigs")" -eq 63 ] || { echo "expected 63 signatures, found $(wc -l <<<"$sigs")"; exit 1; }
if grep -w any <<<"$sigs"; then echo "any in the signatures above"; exit 1; fi
echo "63 signatures without any"

echo "-- tsc --strict --noEmit check.ts (module nodenext: the node export's types)"
"$TSC" --strict --noEmit --module nodenext --moduleResolution nodenext --target es2022 \
  --lib es2022,esnext.disposable check.ts || { echo "type check failed"; exit 1; }
echo "-- tsc --strict --noEmit check.ts (moduleResolution bundler: the browser export's types)"
"$TSC" --strict --noEmit --module esnext --moduleResolution bundler --customConditions browser \
  --target es2022 --lib es2022,esnext.disposable,dom check.ts || { echo "type check failed"; exit 1; }
echo "-- vite build of a scratch app importing medproof/web by name, run in Chromium"
mkdir -p "$WORK/app/demo"
cp "$ROOT"/tests/npm/vite-app/* "$WORK/app/"
cp -r "$ROOT/www/demo/scenarios.json" "$ROOT/www/demo/trust.json" "$ROOT/www/demo/bundles" "$WORK/app/demo/"
(cd "$WORK/app" && "$ROOT/node_modules/.bin/vite" build --logLevel warn --outDir dist && cp -r demo dist/)
ls "$WORK"/app/dist/assets/*.wasm >/dev/null || { echo "vite emitted no .wasm asset"; exit 1; }
node "$ROOT/tests/npm/vite-check.mjs" "$WORK/app/dist"
echo "npm package: all checks passed"

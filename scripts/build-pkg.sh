#!/usr/bin/env bash
# Build the release WebAssembly module and its JS bindings into pkg/ (web, bundler and nodejs
# flavours) and copy the web flavour to www/pkg for the app.
#
# Why not `wasm-pack build`: with crate-type = ["cdylib", "rlib"] cargo silently drops `lto = true`
# (cargo #9672), so we build the cdylib alone with LTO, then bind and optimise it ourselves.
# Set MEDPROOF_NO_WASM_OPT=1 to skip wasm-opt (for comparing sizes).
set -euo pipefail
cd "$(dirname "$0")/.."
. .tools/env.sh
TARGET_DIR=${CARGO_TARGET_DIR:-target}
# Two modules from the same crate: the verifier (no `authoring` feature; the 150 KB budget of
# scripts/size-budget.mjs) and the authoring module (signCredential, buildGs1DigitalLink,
# signLedgerTx, ...; everything the verifier has too) for the demo and tools.
env $WASM_ENV cargo rustc -q --lib --release --target wasm32-unknown-unknown --crate-type cdylib --features authoring
WASM=$TARGET_DIR/wasm32-unknown-unknown/release/medproof.wasm
AUTHORING_WASM=$TARGET_DIR/wasm32-unknown-unknown/release/medproof_authoring.wasm
cp "$WASM" "$AUTHORING_WASM"
env $WASM_ENV cargo rustc -q --lib --release --target wasm32-unknown-unknown --crate-type cdylib --no-default-features
for flavour in web bundler nodejs; do
  out=pkg/$flavour
  rm -rf "$out" && mkdir -p "$out"
  for module in medproof medproof_authoring; do
    wasm-bindgen --target "$flavour" --out-dir "$out" --out-name "$module" \
      "$TARGET_DIR/wasm32-unknown-unknown/release/$module.wasm"
    if [ -z "${MEDPROOF_NO_WASM_OPT:-}" ]; then
      # A current wasm-opt from npm `binaryen` (Debian's 108 breaks wasm-bindgen output).
      # -Oz and -O3 differ by under 0.1 KB here; the custom sections are tool metadata. A second
      # -Oz round finds 0.3 KB (gzipped) more in the verifier; a third, or --converge, nothing.
      wasm-opt -Oz -Oz --strip-producers --strip-target-features \
        --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
        --enable-mutable-globals --enable-multivalue --enable-reference-types \
        "$out/${module}_bg.wasm" -o "$out/${module}_bg.wasm"
    fi
  done
done
# The QR decoder is its own module, fetched by the app only where BarcodeDetector is missing.
env $WASM_ENV cargo rustc -q -p medproof-qr --lib --release --target wasm32-unknown-unknown --crate-type cdylib
rm -rf www/qr && mkdir -p www/qr
wasm-bindgen --target web --out-dir www/qr "$TARGET_DIR/wasm32-unknown-unknown/release/medproof_qr.wasm"
if [ -z "${MEDPROOF_NO_WASM_OPT:-}" ]; then
  wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
    --enable-mutable-globals --enable-multivalue --enable-reference-types \
    www/qr/medproof_qr_bg.wasm -o www/qr/medproof_qr_bg.wasm
fi
node scripts/write-package-json.mjs
# The app needs only the verifier (the authoring module is for tools and the npm package).
rm -rf www/pkg && mkdir -p www/pkg && cp pkg/web/medproof.js pkg/web/medproof_bg.wasm pkg/web/medproof.d.ts www/pkg/
raw=$(stat -c %s pkg/web/medproof_bg.wasm); gz=$(gzip -9c pkg/web/medproof_bg.wasm | wc -c)
echo "pkg: medproof_bg.wasm $raw bytes, $gz gzipped"
raw=$(stat -c %s pkg/web/medproof_authoring_bg.wasm); gz=$(gzip -9c pkg/web/medproof_authoring_bg.wasm | wc -c)
echo "pkg: medproof_authoring_bg.wasm $raw bytes, $gz gzipped"

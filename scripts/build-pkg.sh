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
env $WASM_ENV cargo rustc -q --lib --release --target wasm32-unknown-unknown --crate-type cdylib
WASM=$TARGET_DIR/wasm32-unknown-unknown/release/medproof.wasm
for flavour in web bundler nodejs; do
  out=pkg/$flavour
  rm -rf "$out" && mkdir -p "$out"
  wasm-bindgen --target "$flavour" --out-dir "$out" "$WASM"
  if [ -z "${MEDPROOF_NO_WASM_OPT:-}" ]; then
    # A current wasm-opt from npm `binaryen` (Debian's 108 breaks wasm-bindgen output).
    wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
      --enable-mutable-globals --enable-multivalue --enable-reference-types \
      "$out/medproof_bg.wasm" -o "$out/medproof_bg.wasm"
  fi
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
rm -rf www/pkg && mkdir -p www/pkg && cp pkg/web/medproof.js pkg/web/medproof_bg.wasm pkg/web/medproof.d.ts www/pkg/
raw=$(stat -c %s pkg/web/medproof_bg.wasm); gz=$(gzip -9c pkg/web/medproof_bg.wasm | wc -c)
echo "pkg: medproof_bg.wasm $raw bytes, $gz gzipped"

#!/usr/bin/env bash
# The light-client benchmark's inputs for `make bench`: tendermint-rs 0.41's verifier compiled to
# wasm (bench/tm-peer, its own workspace: a peer, not part of medproof) into www/tm-peer/, and a
# 150-validator commit fixture into www/bench-data/ (both gitignored).
set -euo pipefail
cd "$(dirname "$0")/.."
. .tools/env.sh
cd bench/tm-peer
env $WASM_ENV cargo rustc -q --lib --release --target wasm32-unknown-unknown --crate-type cdylib
mkdir -p ../../www/bench-data
cargo run -q --release --bin gen-commit-fixture -- ../../www/bench-data/commit150.json
rm -rf ../../www/tm-peer && mkdir -p ../../www/tm-peer
wasm-bindgen --target web --out-dir ../../www/tm-peer target/wasm32-unknown-unknown/release/medproof_bench_tm_peer.wasm
# The same optimiser as medproof's module, so the comparison is like for like.
wasm-opt -O3 --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
  --enable-mutable-globals --enable-multivalue --enable-reference-types \
  ../../www/tm-peer/medproof_bench_tm_peer_bg.wasm -o ../../www/tm-peer/medproof_bench_tm_peer_bg.wasm

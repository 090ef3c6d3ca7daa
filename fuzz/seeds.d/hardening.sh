# Structured seeds (light blocks, tx proofs, GS1 inputs, credentials, state proofs): sourced by
# scripts/fuzz.sh from the repository root.
node fuzz/seeds.d/extract.mjs
seed status_list tests/vectors/vc-di-eddsa/*.json
seed ledger_tx tests/vectors/vc-di-eddsa/*.json

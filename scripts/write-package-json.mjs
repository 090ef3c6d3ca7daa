// Writes pkg/package.json: one npm package `medproof` with conditional exports for browsers
// (web: ES module + fetch of the .wasm), bundlers (Vite, webpack) and Node.
import { readFileSync, writeFileSync, copyFileSync, existsSync, renameSync } from "node:fs";

const cargo = readFileSync("Cargo.toml", "utf8");
const version = /^version = "([^"]+)"/m.exec(cargo)[1];
const description = /^description = "([^"]+)"/m.exec(cargo)[1];
const pkg = {
  name: "medproof",
  version,
  description,
  license: "Apache-2.0",
  type: "module",
  files: ["web/", "bundler/", "nodejs/", "README.md"],
  sideEffects: ["./bundler/medproof.js", "./bundler/medproof_authoring.js", "./bundler/snippets/*"],
  types: "./web/medproof.d.ts",
  exports: {
    // Each condition carries its own types: the flavours differ (only web has `init`), and
    // TypeScript takes the first matching key, so a top-level `types` would hide Node's.
    ".": {
      node: { types: "./nodejs/medproof.d.cts", default: "./nodejs/medproof.cjs" },
      browser: { types: "./bundler/medproof.d.ts", default: "./bundler/medproof.js" },
      default: { types: "./web/medproof.d.ts", default: "./web/medproof.js" },
    },
    "./web": { types: "./web/medproof.d.ts", default: "./web/medproof.js" },
    "./bundler": { types: "./bundler/medproof.d.ts", default: "./bundler/medproof.js" },
    "./node": { types: "./nodejs/medproof.d.cts", default: "./nodejs/medproof.cjs" },
    "./medproof_bg.wasm": "./web/medproof_bg.wasm",
    // The authoring module: the verifier plus signCredential, buildGs1DigitalLink,
    // signLedgerTx, ledgerSigningBytes, consentGrantTx, consentRevokeTx.
    "./authoring": {
      node: { types: "./nodejs/medproof_authoring.d.cts", default: "./nodejs/medproof_authoring.cjs" },
      browser: { types: "./bundler/medproof_authoring.d.ts", default: "./bundler/medproof_authoring.js" },
      default: { types: "./web/medproof_authoring.d.ts", default: "./web/medproof_authoring.js" },
    },
    "./medproof_authoring_bg.wasm": "./web/medproof_authoring_bg.wasm",
  },
};
// wasm-bindgen's nodejs flavour is CommonJS; in a "type": "module" package it must be .cjs, and
// its types .d.cts (or TypeScript would take them for an ES module's).
for (const module of ["medproof", "medproof_authoring"]) {
  for (const [from, to] of [[".js", ".cjs"], [".d.ts", ".d.cts"]]) {
    if (existsSync(`pkg/nodejs/${module}${from}`)) renameSync(`pkg/nodejs/${module}${from}`, `pkg/nodejs/${module}${to}`);
  }
}
writeFileSync("pkg/package.json", JSON.stringify(pkg, null, 2) + "\n");
if (existsSync("npm/README.md")) copyFileSync("npm/README.md", "pkg/README.md");

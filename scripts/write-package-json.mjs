// Writes pkg/package.json: one npm package `medproof` with conditional exports for browsers
// (web: ES module + fetch of the .wasm), bundlers (Vite, webpack) and Node.
import { readFileSync, writeFileSync, copyFileSync, existsSync } from "node:fs";

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
    ".": {
      types: "./web/medproof.d.ts",
      node: { types: "./nodejs/medproof.d.ts", default: "./nodejs/medproof.cjs" },
      browser: "./bundler/medproof.js",
      default: "./web/medproof.js",
    },
    "./web": { types: "./web/medproof.d.ts", default: "./web/medproof.js" },
    "./bundler": { types: "./bundler/medproof.d.ts", default: "./bundler/medproof.js" },
    "./node": { types: "./nodejs/medproof.d.ts", default: "./nodejs/medproof.cjs" },
    "./medproof_bg.wasm": "./web/medproof_bg.wasm",
    // The authoring module: the verifier plus signCredential, buildGs1DigitalLink,
    // signLedgerTx, ledgerSigningBytes, consentGrantTx, consentRevokeTx.
    "./authoring": {
      types: "./web/medproof_authoring.d.ts",
      node: { types: "./nodejs/medproof_authoring.d.ts", default: "./nodejs/medproof_authoring.cjs" },
      browser: "./bundler/medproof_authoring.js",
      default: "./web/medproof_authoring.js",
    },
    "./medproof_authoring_bg.wasm": "./web/medproof_authoring_bg.wasm",
  },
};
// wasm-bindgen's nodejs flavour is CommonJS; in a "type": "module" package it must be .cjs.
for (const module of ["medproof", "medproof_authoring"]) {
  if (existsSync(`pkg/nodejs/${module}.js`)) {
    const src = readFileSync(`pkg/nodejs/${module}.js`, "utf8");
    writeFileSync(`pkg/nodejs/${module}.cjs`, src);
  }
}
writeFileSync("pkg/package.json", JSON.stringify(pkg, null, 2) + "\n");
if (existsSync("npm/README.md")) copyFileSync("npm/README.md", "pkg/README.md");

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
  sideEffects: ["./bundler/medproof.js", "./bundler/snippets/*"],
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
  },
};
// wasm-bindgen's nodejs flavour is CommonJS; in a "type": "module" package it must be .cjs.
if (existsSync("pkg/nodejs/medproof.js")) {
  const src = readFileSync("pkg/nodejs/medproof.js", "utf8");
  writeFileSync("pkg/nodejs/medproof.cjs", src);
}
writeFileSync("pkg/package.json", JSON.stringify(pkg, null, 2) + "\n");
if (existsSync("npm/README.md")) copyFileSync("npm/README.md", "pkg/README.md");

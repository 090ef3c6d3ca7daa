// Seeds for the fuzz targets of issue 6, cut out of the test vectors and fixtures into the
// shapes each target reads (see each target's doc comment). Usage: node extract.mjs (from the
// repository root; writes fuzz/corpus/<target>/seed-*).
import { readFileSync, readdirSync, mkdirSync, writeFileSync, existsSync } from "node:fs";

const write = (target, name, text) => {
  mkdirSync(`fuzz/corpus/${target}`, { recursive: true });
  writeFileSync(`fuzz/corpus/${target}/seed-${name}`, text);
};
const json = (p) => JSON.parse(readFileSync(p, "utf8"));
const SEP = "\xff";
const bytes = (...parts) => Buffer.concat(parts.map((p) => (typeof p === "string" ? Buffer.from(p, p === SEP ? "latin1" : "utf8") : p)));

const dir = "tests/vectors/cometbft/single_step";
let n = 0;
for (const f of existsSync(dir) ? readdirSync(dir) : []) {
  const t = json(`${dir}/${f}`);
  const first = JSON.stringify({ signed_header: t.initial.signed_header, validator_set: t.initial.next_validator_set, next_validator_set: t.initial.next_validator_set });
  for (const step of t.input ?? []) {
    write("light", `${n++}`, bytes(first, SEP, JSON.stringify(step.block)));
  }
}
const txs = "tests/vectors/cometbft/kvstore_v0_37/tx_search_with_prove.json";
if (existsSync(txs)) {
  json(txs).result.txs.forEach((tx, i) => write("tx_proof", `${i}`, JSON.stringify(tx.proof)));
}
const gs1 = "tests/vectors/gs1/digital-link.json";
if (existsSync(gs1)) json(gs1).forEach((c, i) => write("gs1", `${i}`, String(c.input)));
for (const f of ["signedJCS.json", "employmentAuth.json"]) {
  const p = `tests/vectors/vc-di-eddsa/${f}`;
  if (existsSync(p)) write("credential", f, readFileSync(p));
}
const proofs = "tests/fixtures/ledger-proofs.json";
if (existsSync(proofs)) {
  const fx = json(proofs);
  const app = Buffer.from(fx.appHash, "hex");
  fx.cases.forEach((c, i) =>
    write("state_proof", `${i}`, bytes(app, c.key, SEP, c.valueJson ?? "", SEP, JSON.stringify(c.proofOps))),
  );
}

// Bundles: every demo scenario as `selector input 0xff bundle` for the `bundle` target (the
// selector picks the verifier), and its compact form (the text after `MP1:`) for
// `bundle_compact`.
const scenarios = "www/demo/scenarios.json";
if (existsSync(scenarios)) {
  const { createHash } = await import("node:crypto");
  const { deflateSync } = await import("node:zlib");
  const B45 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";
  const base45 = (buf) => {
    let out = "";
    for (let i = 0; i + 1 < buf.length; i += 2) {
      let n = buf[i] * 256 + buf[i + 1];
      for (let k = 0; k < 3; k++) { out += B45[n % 45]; n = Math.floor(n / 45); }
    }
    if (buf.length % 2) { const n = buf[buf.length - 1]; out += B45[n % 45] + B45[Math.floor(n / 45)]; }
    return out;
  };
  const selector = { medicine: 0, credential: 1, record: 2, consent: 3, contract: 4 };
  for (const s of json(scenarios)) {
    const bundle = readFileSync(`www/${s.bundle}`, "utf8");
    let input = typeof s.input === "string" ? s.input : JSON.stringify(s.input);
    if (s.kind === "record") {
      const file = readFileSync(`www/${s.input}`);
      input = JSON.stringify({ sha256Hex: createHash("sha256").update(file).digest("hex"), size: file.length });
    }
    write("bundle", s.id, bytes(Buffer.from([selector[s.kind] ?? 0]), input, SEP, bundle));
    write("bundle_compact", s.id, base45(deflateSync(Buffer.from(JSON.stringify(JSON.parse(bundle))), { level: 9 })));
  }
}

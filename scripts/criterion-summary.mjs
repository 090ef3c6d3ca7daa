// Condense Criterion's output (stdin) to one line per benchmark: name, median time, median
// throughput. Used by `make bench`, which also keeps the medians in artifacts/criterion.json
// (`{name: milliseconds}`) so that the browser half can print each goal's native ratio. Exits 1
// if it saw no benchmark result.
import { mkdirSync, writeFileSync } from "node:fs";
import { createInterface } from "node:readline";

const rows = [];
let name = null;
const middle = (line) => line.match(/\[(.*)\]/)?.[1].split(/\s+/).slice(2, 4).join(" ");
for await (const line of createInterface({ input: process.stdin })) {
  if (/^(Benchmarking|Found|\s+\d+ \()/.test(line)) continue;
  const head = line.match(/^(\S+)/);
  if (head) name = head[1];
  // "change:" blocks (against a saved baseline) repeat time:/thrpt: with percentages: skip them.
  if (line.includes("%")) continue;
  if (line.includes("time:")) rows.push({ name, time: middle(line), thrpt: "" });
  else if (line.includes("thrpt:") && rows.length) rows[rows.length - 1].thrpt = middle(line);
  else if (/error|panicked/i.test(line)) console.log(line);
}
const w = Math.max(...rows.map((r) => r.name.length), 9);
for (const r of rows) console.log(`${r.name.padEnd(w)}  ${r.time.padStart(11)}  ${r.thrpt}`);
const UNIT_MS = { ps: 1e-9, ns: 1e-6, "µs": 1e-3, us: 1e-3, ms: 1, s: 1e3 };
const medians = {};
for (const r of rows) {
  const [value, unit] = (r.time ?? "").split(" ");
  if (UNIT_MS[unit] !== undefined && Number.isFinite(Number(value))) medians[r.name] = Number(value) * UNIT_MS[unit];
}
const out = process.argv[2];
if (out && rows.length) {
  mkdirSync(new URL(".", `file://${out}`), { recursive: true });
  writeFileSync(out, JSON.stringify(medians, null, 2) + "\n");
}
if (rows.length === 0) {
  console.error("criterion-summary: no benchmark results in the input");
  process.exit(1);
}

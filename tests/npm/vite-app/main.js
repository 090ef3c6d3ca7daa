// A web developer's page: the packed `medproof` imported by name, bundled by Vite, run in Chromium.
import init, { sha256Hex, verifyMedicine } from "medproof/web";

const out = document.getElementById("out");
try {
  await init();
  const scenarios = await (await fetch("./demo/scenarios.json")).json();
  const genuine = scenarios.find((s) => s.id === "genuine-pack");
  const trust = await (await fetch("./demo/trust.json")).json();
  const bundle = await (await fetch(`./${genuine.bundle}`)).text();
  const report = verifyMedicine(genuine.input, bundle, trust, genuine.now);
  out.textContent = `${sha256Hex(new TextEncoder().encode("abc"))} ${report.verdict}`;
} catch (e) {
  out.textContent = `error ${e.code ?? ""} ${e.message}`;
}
out.dataset.done = "1";

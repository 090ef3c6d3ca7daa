// Record: choose a file; it is fingerprinted here, in workers, and never uploaded. The fingerprint
// is then checked against its anchor on the ledger, with the patient's consent for the person
// viewing it.
//
// Which fingerprint: a file under PARALLEL_FROM gets its SHA-256 and its chunk root in one pass in
// one worker (cheap either way, and both are checked when the anchor has both). A larger file gets
// its chunk root first, its 1 MiB chunks hashed in parallel by a pool of workers; only when that
// does not settle it (the anchor has no chunk root, or no bundle was found by it) is the whole
// file's SHA-256 computed as well, in one worker, and checked with it.

import { bundlePicker, resultArea, runCheck, trustBanner } from "../check.js";
import { findScenario } from "../demo.js";
import { add, formatBytes, h, note, uid, viewHeading } from "../dom.js";
import { PARALLEL_FROM, fileHasher, hashPool } from "../hashing.js";
import { loadPublicKey } from "../keystore.js";

/** Whether a demo scenario's input names this digest (by its SHA-256 or its chunk root). */
function namesDigest(input, digest) {
  const same = (a, b) => typeof a === "string" && typeof b === "string" && a.toLowerCase() === b.toLowerCase();
  if (typeof input === "string") return same(input, digest.sha256Hex);
  return same(input?.sha256Hex, digest.sha256Hex) || same(input?.chunkRoot, digest.chunkRoot);
}

/** Outcomes after which the whole-file SHA-256 could not change anything. */
const SETTLED = new Set(["verified", "warning", "app.no_trust", "app.not_available"]);

export async function mount(root, params) {
  const area = resultArea();
  const picker = bundlePicker();
  const hasher = fileHasher();
  // Started on the first large file: most records are small, and each worker holds a module.
  let pool = null;
  const scenario = await findScenario(params.get("scenario"));

  const fileId = uid("record");
  const fileInput = h("input", { type: "file", id: fileId, "aria-describedby": `${fileId}-hint` });
  const progressId = uid("progress");
  const progress = h("progress", { id: progressId, max: 1, value: 0 });
  const progressText = h("span", { class: "progress-text", "aria-hidden": "true" });
  const progressBox = h(
    "div",
    { class: "progress-box", hidden: true },
    h("label", { for: progressId }, "Fingerprinting on this device"),
    progress,
    progressText,
  );
  const status = h("p", { class: "scan-status", role: "status" });
  const fingerprint = h("div", { class: "fingerprint" });
  const viewerId = uid("viewer");
  const viewer = h("input", { id: viewerId, type: "text", spellcheck: "false", autocomplete: "off", "aria-describedby": `${viewerId}-hint` });
  loadPublicKey()
    .then((k) => {
      if (k && !viewer.value) viewer.value = k.did;
    })
    .catch(() => {});
  if (scenario?.viewer) viewer.value = scenario.viewer;

  function showProgress(bytes, total) {
    progress.max = total || 1;
    progress.value = bytes;
    const pct = total ? Math.floor((bytes / total) * 100) : 100;
    const words = `${pct}% (${formatBytes(bytes)} of ${formatBytes(total)})`;
    progress.setAttribute("aria-valuetext", words);
    progressText.textContent = words;
  }

  function showFingerprint(name, digest) {
    const term = (label, value) => h("div", { class: "term" }, h("dt", {}, label), h("dd", {}, value));
    fingerprint.replaceChildren(
      h("h2", {}, "Fingerprint"),
      h(
        "dl",
        { class: "terms" },
        term("File", name),
        h("div", { class: "term" }, h("dt", {}, "Size"), h("dd", { id: "record-size", dataset: { bytes: String(digest.size) } }, `${formatBytes(digest.size)} (${digest.size.toLocaleString()} bytes)`)),
        digest.sha256Hex ? term("SHA-256", h("code", { id: "record-digest", class: "code" }, digest.sha256Hex)) : null,
        digest.chunkRoot
          ? term(
              "Chunk root",
              h("code", { id: "record-chunk-root", class: "code", dataset: { workers: String(digest.workers ?? 1) } }, digest.chunkRoot),
            )
          : null,
      ),
      h(
        "p",
        { class: "hint" },
        digest.workers > 1
          ? `The chunk root is the Merkle root of the SHA-256 of each 1 MiB piece, computed by ${digest.workers} workers in parallel. `
          : "",
        "The file was read here and was not uploaded. Only this fingerprint is compared with the ledger.",
      ),
    );
  }

  function check(digest) {
    const input = { size: digest.size };
    if (digest.sha256Hex) input.sha256Hex = digest.sha256Hex;
    if (digest.chunkRoot) input.chunkRoot = digest.chunkRoot;
    return runCheck(area, {
      kind: "record",
      input,
      // A demo scenario's bundle proves its anchor; another file fails against it, as it should.
      scenario,
      file: picker.file,
      match: (s) => namesDigest(s.input, input),
      args: (digestIn, bundle, trust, nowIso) => [digestIn, bundle, viewer.value.trim(), trust, nowIso],
    });
  }

  /** Run one hashing stage with the progress bar; null if it was cancelled or failed (said so). */
  async function stage(kind, text, run) {
    progressBox.hidden = false;
    progressBox.dataset.stage = kind;
    status.textContent = text;
    try {
      return await run();
    } catch (e) {
      if (e.code !== "app.cancelled") status.replaceChildren(note("error", `The file could not be read: ${e.message}`));
      return null;
    }
  }

  // Each chosen file's run; an older run stops at its next step when a newer file is chosen.
  let latest = 0;

  async function fingerprintFile(file, name = file.name) {
    const run = ++latest;
    const current = () => run === latest;
    area.clear();
    fingerprint.replaceChildren();
    showProgress(0, file.size);
    const parallel = file.size >= PARALLEL_FROM;
    if (parallel) pool ??= hashPool();
    let digest = parallel
      ? await stage("chunks", `Fingerprinting ${name} on this device: 1 MiB pieces in ${pool.size} workers…`, () => pool.chunkRoot(file, showProgress))
      : await stage("whole", `Fingerprinting ${name} on this device…`, () => hasher.hash(file, showProgress, { chunkRoot: true }));
    if (!digest || !current()) return;
    const done = (d) => {
      showProgress(d.size, d.size);
      status.textContent = `Fingerprint ready: ${formatBytes(d.size)} in ${(d.ms / 1000).toFixed(1)} s, on this device.`;
      showFingerprint(name, d);
    };
    done(digest);
    await check(digest);
    if (!current() || !parallel || SETTLED.has(area.el.dataset.outcome)) return;
    // Not settled by the chunk root: the anchor may have none. The whole file's SHA-256 then.
    showProgress(0, file.size);
    const whole = await stage("sha256", `Computing the whole file's SHA-256 as well (the anchor may have no chunk root)…`, () => hasher.hash(file, showProgress));
    if (!whole || !current()) return;
    digest = { ...digest, sha256Hex: whole.sha256Hex, ms: digest.ms + whole.ms };
    done(digest);
    await check(digest);
  }

  fileInput.addEventListener("change", () => {
    const file = fileInput.files?.[0];
    if (file) fingerprintFile(file);
  });

  const demoFile =
    scenario && typeof scenario.input === "string" && !/^[0-9a-f]{64}$/i.test(scenario.input)
      ? h(
          "button",
          {
            type: "button",
            class: "secondary",
            onclick: async () => {
              const res = await fetch(scenario.input).catch(() => null);
              if (!res?.ok) {
                status.replaceChildren(note("error", `The demo file ${scenario.input} could not be fetched.`));
                return;
              }
              fingerprintFile(await res.blob(), scenario.input.split("/").pop());
            },
          },
          `Use the demo file (${scenario.input.split("/").pop()})`,
        )
      : null;

  add(
    root,
    viewHeading(
      "Check a patient record",
      "Choose the record's file. It is fingerprinted (SHA-256, and for large files a Merkle root of 1 MiB pieces hashed in parallel) on this device and never uploaded; the fingerprint is checked against its anchor on the ledger, together with the patient's consent.",
    ),
    trustBanner(),
    h(
      "div",
      { class: "field" },
      h("label", { for: viewerId }, "Who is viewing (your did:key)"),
      h("span", { class: "hint", id: `${viewerId}-hint` }, "Consent is checked for this person. Filled in from your consent wallet if you have a key."),
      viewer,
    ),
    h(
      "div",
      { class: "field" },
      h("label", { for: fileId }, "Record file"),
      h("span", { class: "hint", id: `${fileId}-hint` }, "Any size: it is read in slices, here."),
      fileInput,
    ),
    demoFile,
    picker.el,
    progressBox,
    status,
    fingerprint,
    area.el,
  );
  if (scenario && typeof scenario.input === "object" && scenario.input?.sha256Hex) {
    status.textContent = `Demo: choose the file whose SHA-256 is ${scenario.input.sha256Hex}.`;
  }
  return {
    unmount: () => {
      hasher.close();
      pool?.close();
    },
  };
}
